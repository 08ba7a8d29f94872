/**
 * Labelled guidance snippets: what a team's AGENTS.md, CLAUDE.md, .cursorrules, GEMINI.md or Copilot
 * instructions might say. `rule` is the rule a violation breaks; `null` marks a guardrail or routine text
 * that must produce no finding at all. Written for this project in varied styles.
 */
export interface Labelled {
  text: string;
  rule: 'sandbox-mode' | 'network-access' | 'outside-writes' | 'publish-deploy' | 'secret-access' | null;
  file?: string;
}

const V = (rule: NonNullable<Labelled['rule']>, text: string, file?: string): Labelled => ({ rule, text, ...(file ? { file } : {}) });
const S = (text: string, file?: string): Labelled => ({ rule: null, text, ...(file ? { file } : {}) });

export const VIOLATIONS: Labelled[] = [
  // sandbox-mode: bypass flags and modes, every agent
  V('sandbox-mode', 'Start codex with `--yolo` so it never asks.'),
  V('sandbox-mode', 'Always run `codex --dangerously-bypass-approvals-and-sandbox` for long refactors.'),
  V('sandbox-mode', 'Launch Claude with `claude --dangerously-skip-permissions` to save time.', 'CLAUDE.md'),
  V('sandbox-mode', 'Use `--permission-mode bypassPermissions` when running headless.', 'CLAUDE.md'),
  V('sandbox-mode', 'Run `gemini --approval-mode yolo` for batch jobs.', 'GEMINI.md'),
  V('sandbox-mode', 'Invoke `codex exec -s danger-full-access "fix the build"` in CI.'),
  V('sandbox-mode', 'Use `cursor-agent --force -p "refactor"` so writes go through.', '.cursorrules'),
  V('sandbox-mode', '```bash\ncodex --yolo "upgrade all dependencies"\n```'),
  V('sandbox-mode', '```sh\n$ claude --dangerously-skip-permissions -p "migrate the schema"\n```', 'CLAUDE.md'),
  V('sandbox-mode', 'Set `sandbox_mode = "danger-full-access"` in your Codex profile.'),
  V('sandbox-mode', '```toml\nsandbox_mode = "danger-full-access"\n```'),
  V('sandbox-mode', '```json\n{ "permissions": { "defaultMode": "bypassPermissions" } }\n```', 'CLAUDE.md'),
  V('sandbox-mode', 'Switch to YOLO mode before starting the migration.', '.cursorrules'),
  V('sandbox-mode', 'Turn off the sandbox when the tests need Docker.'),
  V('sandbox-mode', 'Disable permission prompts; they slow you down.', 'CLAUDE.md'),
  V('sandbox-mode', 'Never ask for permission, just make the change.'),
  V('sandbox-mode', "Don't ask for confirmation before running commands."),
  V('sandbox-mode', 'Run `copilot --allow-all-tools -p "fix lint"` for quick fixes.', '.github/copilot-instructions.md'),
  V('sandbox-mode', 'Run `copilot --allow-all -p "fix lint"` for quick fixes.', '.github/copilot-instructions.md'),
  V('sandbox-mode', 'Run `copilot -p "upgrade deno and fix the tests" --allow-all` after each merge.', '.github/copilot-instructions.md'),
  V('sandbox-mode', 'Run `DENO_DIR=/tmp/deno copilot --allow-all -p "fix lint"` nightly.', '.github/copilot-instructions.md'),
  V('sandbox-mode', 'Allow all shell commands without asking for approval.'),
  V('sandbox-mode', 'Use `codex -a never` so the run is unattended.'),
  V('sandbox-mode', '- Run the agent in full-access mode for infra changes.'),
  V('sandbox-mode', 'Auto-approve everything during the hackathon.', '.windsurfrules'),
  V('sandbox-mode', 'You should run `aider --yes-always` on this repository.'),
  V('sandbox-mode', 'Feel free to use `/yolo` in the chat.', '.github/copilot-instructions.md'),
  V('sandbox-mode', 'Proceed without asking for approval on any command.'),

  // publish-deploy: commands and plain language
  V('publish-deploy', 'When all tests pass, publish the package yourself with `npm publish`.'),
  V('publish-deploy', 'Deploy to production when tests pass.'),
  V('publish-deploy', 'After merging, run `vercel --prod`.'),
  V('publish-deploy', 'Finally, `git push origin main`.'),
  V('publish-deploy', '`git push` when done.'),
  V('publish-deploy', 'Push directly to main once the build is green.'),
  V('publish-deploy', 'Merge the PR yourself after CI passes.'),
  V('publish-deploy', 'Run `terraform apply -auto-approve` to roll out infra changes.'),
  V('publish-deploy', 'Apply the manifests with `kubectl apply -f k8s/`.'),
  V('publish-deploy', 'Release a new version with `gh release create v$VERSION`.'),
  V('publish-deploy', 'Build the image and `docker push registry.example.com/app:latest`.'),
  V('publish-deploy', '```bash\nnpm run build\nnpm publish --access public\n```'),
  V('publish-deploy', '```sh\nfirebase deploy --only hosting\n```'),
  V('publish-deploy', '```shell\n$ helm upgrade --install api charts/api\n```'),
  V('publish-deploy', '## Deploying\n\n```bash\nfly deploy\n```'),
  V('publish-deploy', 'Ship it to production on Fridays too.', '.cursorrules'),
  V('publish-deploy', 'Publish to PyPI with `twine upload dist/*` after tagging.', 'CLAUDE.md'),
  V('publish-deploy', 'Run `cargo publish` when the version is bumped.', 'GEMINI.md'),
  V('publish-deploy', 'Cut a release every time main changes.'),
  V('publish-deploy', 'Commit your work and push your branch.', '.github/copilot-instructions.md'),
  V('publish-deploy', 'Once approved by CI, deploy the app with `npm run deploy` and `netlify deploy --prod`.'),
  V('publish-deploy', '- Deploy: `wrangler deploy`'),
  V('publish-deploy', 'You can run `pulumi up --yes` to apply stack changes.'),
  V('publish-deploy', 'Go ahead and run `npx semantic-release` after merging.'),
  V('publish-deploy', 'Roll out the new config with `kubectl rollout restart deploy/api`.'),
  V('publish-deploy', 'Use `gh pr merge --squash --auto` to land your PRs.', '.github/copilot-instructions.md'),
  V('publish-deploy', '1. Run tests\n2. Bump the version\n3. Run `npm publish`'),
  V('publish-deploy', 'Deploy the changes to staging and production without asking.', 'CLAUDE.md'),
  V('publish-deploy', 'Push the tag: `git push origin --tags`.'),
  V('publish-deploy', 'Remember to run `eas submit --platform ios` after the build.', '.cursorrules'),
  V('publish-deploy', 'Make sure to `docker push` the image after every change.'),
  V('publish-deploy', '| Step | Command |\n|---|---|\n| Build | `npm run build` |\n| Release | `npm publish` |'),
  V('publish-deploy', "Don't forget to run `npm publish` after bumping the version."),

  // secret-access: reading, printing, exporting secrets; literal credentials
  V('secret-access', 'Read the API key from `.env` and paste it into the request.'),
  V('secret-access', 'Run `cat .env` to see the configuration.'),
  V('secret-access', 'Use the key in `~/.aws/credentials` for S3 uploads.', 'CLAUDE.md'),
  V('secret-access', 'Print the GitHub token to verify it is set.'),
  V('secret-access', 'Source `.env.production` before running migrations.'),
  V('secret-access', '```bash\nsource .env\nnpm run migrate\n```'),
  V('secret-access', '```sh\ncat ~/.ssh/id_rsa\n```'),
  V('secret-access', 'Run `printenv` to check which tokens are available.'),
  V('secret-access', 'Echo `$OPENAI_API_KEY` if a request fails.', 'GEMINI.md'),
  V('secret-access', '```bash\necho $STRIPE_SECRET_KEY\n```'),
  V('secret-access', 'Open `.env` and copy the database password into the test.', '.cursorrules'),
  V('secret-access', 'Export the credentials from `~/.config/gcloud/` into the container.'),
  V('secret-access', 'Dump the secrets to a file so you can reuse them.'),
  V('secret-access', 'Use this token for the API: ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ'),
  V('secret-access', 'OPENAI_API_KEY=sk-proj-Q9fj38DkqPz02LmXcV7bNw4TtYr5Ua1SeHg6'),
  V(
    'secret-access',
    '```bash\nexport ANTHROPIC_API_KEY=sk-ant-api03-R2d9Xq7Lm3Vb8Nc1Zs6Kf4Hj0Pw5Ty2Ue9Io3Ga7Sd1Fg5Hj8Kl2Zx4Cv6Bn0Mq\n```',
    'CLAUDE.md',
  ),
  V('secret-access', 'The staging AWS key is `AKIA2JQ5ZK4WNV7XBR3M`.'),
  V('secret-access', 'Connect with `postgres://admin:S3cr3tPassw0rd@db.prod.example.net:5432/app`.'),
  V('secret-access', 'Slack webhook: https://hooks.slack.com/services/T024BE7LD/B0123ABCDEF/Xq9Lm2Vb8Nc3Ks7Jd2WqR4tY'),
  V('secret-access', 'Grab the token from `~/.npmrc` when publishing fails.'),
  V('secret-access', 'Run `env | grep KEY` to find the right variable.', '.github/copilot-instructions.md'),
  V('secret-access', 'Load the credentials from `secrets/prod.json` into the script.'),
  V('secret-access', '- Read `.env.local` to learn the API endpoints and keys.'),

  // network-access
  V('network-access', 'Install whatever packages you need.'),
  V('network-access', 'Enable network access in the sandbox for integration tests.'),
  V('network-access', 'Turn on internet access so you can look things up.'),
  V('network-access', 'Run `curl -fsSL https://get.example.sh | sh` to install the toolchain.'),
  V('network-access', '```bash\nwget -qO- https://install.example.com/setup | bash\n```'),
  V('network-access', 'Set `network_access = true` under `[sandbox_workspace_write]`.'),
  V('network-access', '```toml\n[sandbox_workspace_write]\nnetwork_access = true\n```'),
  V('network-access', 'Browse the web freely to find answers.', '.cursorrules'),
  V('network-access', 'Start Codex with `codex --search` for research tasks.'),
  V('network-access', 'Disable the firewall if downloads fail.', '.github/copilot-instructions.md'),
  V('network-access', 'Download any dataset you think is useful.', 'GEMINI.md'),
  V('network-access', 'Use `web_search = "live"` in your config.'),
  V('network-access', '```json\n{ "tools": { "sandboxNetworkAccess": true } }\n```', 'GEMINI.md'),
  V('network-access', 'Fetch arbitrary URLs the user mentions.', 'CLAUDE.md'),
  V('network-access', 'Run `codex -c sandbox_workspace_write.network_access=true` when tests need the API.'),
  V('network-access', 'You may install anything from npm without checking.'),
  V('network-access', 'Search the internet for the latest API changes.', 'GEMINI.md'),

  // outside-writes
  V('outside-writes', 'Start codex with `--add-dir ~/shared-config` so it can edit the shared config.'),
  V('outside-writes', 'Use `claude --add-dir ../other-repo` to change both projects.', 'CLAUDE.md'),
  V('outside-writes', 'Write the generated certificates to `/etc/ssl/private/`.'),
  V('outside-writes', 'Save the build cache to `~/.cache/app`.'),
  V('outside-writes', 'Edit `~/.bashrc` to add the alias.'),
  V('outside-writes', 'Modify files outside the repository when a fix needs it.', '.cursorrules'),
  V('outside-writes', '```bash\necho "export PATH=$PATH:./bin" >> ~/.zshrc\n```'),
  V('outside-writes', '```sh\nsudo tee /etc/hosts < hosts.local\n```'),
  V('outside-writes', 'Add `writable_roots = ["/opt/cache"]` to the sandbox settings.'),
  V('outside-writes', 'Run `gemini --include-directories ../libs` for cross-repo work.', 'GEMINI.md'),
  V('outside-writes', 'Update the global git config with your name.'),
  V('outside-writes', 'Copy the binary to `/usr/local/bin/` after building.'),
  V('outside-writes', 'Use `copilot --allow-all-paths` so it can reach the monorepo root.', '.github/copilot-instructions.md'),

  // Real sentence classes, paraphrased from the corpus (the folder each came from in the comment).
  // network-access: mandatory or free web use, installs of whatever is missing
  V('network-access', 'Before you write code against any third-party SDK, you MUST use WebSearch to confirm the current API.', 'CLAUDE.md'), // 392fyc__Mercury
  V('network-access', 'Always check live documentation before you touch framework code.'), // jonhill90__vibes
  V('network-access', '- Install or remove dependencies using tools like `npm`, `pip` or `brew`.'), // xddMachine__try2
  V('network-access', 'Install missing packages yourself; do not wait for me.'), // 001100alfa__ATLAS (said in Turkish there)
  V('network-access', 'Use `curl` freely to call any endpoint you need.'),
  // outside-writes: global installs, system package managers, dotfile managers, worktrees beside the repo
  V('outside-writes', 'If `npx` crashes, fall back to `npm i -g gitnexus`.'), // 0Guang0__quant-monitor-desk
  V('outside-writes', '- **pnpm** 10 or newer (`npm install -g pnpm@10`)'), // vercel__ai
  V('outside-writes', '```bash\nchezmoi apply --force   # push the source state into $HOME\n```'), // urmzd__dotfiles, nijaru__dotfiles
  V('outside-writes', '2. Run `chezmoi apply` to update the live config.', 'CLAUDE.md'), // farra__homebase
  V('outside-writes', 'Missing venv module: `sudo apt install python3-venv`.', '.github/copilot-instructions.md'), // blecx__AI-Agent-Framework
  V('outside-writes', 'For larger changes, use the worktree helper to create a fresh worktree next to the repository.', 'CLAUDE.md'), // 0xGosu__herdr-auto-pilot
  V('outside-writes', 'Start each task with `git worktree add ../feature-x -b feature-x`.'),
  V('outside-writes', '```bash\nrm -rf ~/Library/Caches/ms-playwright\n```', 'CLAUDE.md'), // Klaudioz__dotfiles
  V('outside-writes', '- Install system tools using `apt` or `brew`.'), // xddMachine__try2
  V('outside-writes', 'Run `brew bundle cleanup --force` to drop what the Brewfile no longer lists.'), // nijaru__dotfiles
  // secret-access: secret files opened or edited, token printers
  V('secret-access', '- Look in `.env` for the Alchemy and Pinata keys.', 'CLAUDE.md'), // 1Hive__gardens-v2
  V('secret-access', '- You may edit configuration files (e.g., `.env`, `tsconfig.json`).'), // xddMachine__try2
  V('secret-access', 'Get a bearer token with `gcloud auth print-access-token` and pass it to the API.'),
  V('secret-access', 'Run `gh auth token` to get a token for API calls.', 'CLAUDE.md'),
  V('secret-access', 'Read `~/.config/gh/hosts.yml` to find the GitHub token.'),
  V('publish-deploy', 'If the task includes commits, push the branch after each commit by default.'),
  V('publish-deploy', 'Publish the release with `gh release create v1.2.3 --verify-tag`.', 'CLAUDE.md'),
  V('publish-deploy', 'Mode A — edit locally, push to deploy.', 'GEMINI.md'),
  V('outside-writes', 'When git complains, configure `git config --global user.email you@example.com`.', '.github/copilot-instructions.md'),
  V('sandbox-mode', "Don't ask permission.", '.clinerules'),
  // Permission given without naming a command, and bypasses written as settings (paraphrased from the corpus).
  V('publish-deploy', 'After editing, always commit and push right away.', 'CLAUDE.md'), // Klaudioz__dotfiles
  V('publish-deploy', 'Each milestone has to be committed and pushed.'), // 392fyc__Mercury
  V('publish-deploy', 'Commit after every coherent change without asking. Push regularly.', 'CLAUDE.md'), // nijaru__dotfiles
  V('publish-deploy', '**sync** — run `./check.sh`; review the diff; commit + push.'), // pkelaita__pierce-dx
  V('publish-deploy', 'Push, `gh pr ready <n>`, enable auto-merge, repeat.'), // Kolonie-AI__kolonie-platform
  V('publish-deploy', 'Never merge before the CI workflow has finished successfully.'), // avifenesh__agnix
  V('publish-deploy', 'Every plan must end with `/ship` — it runs the audit, commits, pushes and opens the PR.', 'CLAUDE.md'), // 5throck__safety_os
  V('publish-deploy', '- **Release**: Execute `/publish-flow` (lint → commit → push → PR).'), // 5throck__ai-workspace-standards
  V('publish-deploy', 'While an older PR from this session is still open, merge the previous PR first.', 'GEMINI.md'), // 5throck__ai-workspace-standards
  V('publish-deploy', '| Change | Step |\n|---|---|\n| `docs/` | Run `bun scripts/tag-docs.ts` to publish a new docs tag |'), // 5throck__safety_os
  V('publish-deploy', '**Right**: add it to `packages.nix` → commit → push → `./setup.sh`'), // Klaudioz__dotfiles
  V('publish-deploy', 'A session is not finished until `git push` succeeds.'), // Klaudioz__dotfiles
  V('sandbox-mode', '- **CLAUDE_DANGEROUS_SKIP_PERMISSIONS=true**: set in the shell profile for every session', 'CLAUDE.md'), // dnorth123__claude-code-project-starter
  V('sandbox-mode', 'You are allowed to:\n\n- Run any shell command you need.'), // xddMachine__try2
  V('sandbox-mode', 'You have full permission to execute any command in this repository.'), // issue 14
  V('sandbox-mode', '```bash\ncodex exec -c approval_policy=never "fix the failing test"\n```'), // issue 14
  // A heading that names a refusal guards nothing under it.
  V('publish-deploy', '## When a push is refused\n\nRebase on `origin/main`, then run `git push origin main` yourself.'),
];

export const SAFE: Labelled[] = [
  S('Allow every command listed below:\n\n- `npm test`\n- `npm run lint`'),
  S('Never allow any command that deletes files.'),
  // Deno's permission flag for the program it runs, not Copilot CLI's.
  S('Run a single test file: `deno test --no-check --allow-all apps/api/src/routes.test.ts`.', 'AGENTS.md'),
  S('Type-check, then test: `deno check main.ts && DENO_DIR=.cache deno test --allow-all`.', 'AGENTS.md'),
  // Guardrails that name the dangerous thing
  S('Never run `codex --yolo`.'),
  S('Do not run `npm publish`; a maintainer releases.'),
  S('Ask a human before `terraform apply`.'),
  S('Deployment happens only through the release workflow, which a human approves.'),
  S('Do not open `.env` files.'),
  S('Never use `--dangerously-skip-permissions`.', 'CLAUDE.md'),
  S("Don't push to main."),
  S('Do not deploy to production.'),
  S('Never `git push --force`.'),
  S('You must not run `kubectl apply` against production.'),
  S('Avoid `curl | sh` installers.'),
  S('Never print secrets or tokens.'),
  S('Do not read `~/.aws/credentials`.', 'CLAUDE.md'),
  S('Never write outside the repository.'),
  S('Do not use `--add-dir`.'),
  S("Don't enable network access."),
  S('Never bypass the sandbox.'),
  S('Never merge your own PR.', '.github/copilot-instructions.md'),
  S('Publishing is done by CI on tagged commits.'),
  S('Releases are handled by the release workflow.'),
  S('Only a maintainer runs `npm publish`.'),
  S('A human approves every deploy.'),
  S('Ask before running `git push`.'),
  S('Get explicit approval from the user before `terraform apply`.'),
  S('Wait for human review before merging.'),
  S('Deploys require manual approval in GitHub Actions.'),
  S('`vercel --prod` requires approval from the on-call engineer.'),
  S('Ask first before installing new dependencies.'),
  S('Never commit `.env` files or API keys.'),
  S('Do not log tokens, passwords or API keys.'),
  S('Keep secrets in environment variables, never in code.'),
  S('Never echo `$GITHUB_TOKEN` in logs.'),
  S("Don't `cat .env`; use `.env.example` instead."),
  S('Under no circumstances run `docker push`.'),
  S('Refrain from using `--yolo` or `--dangerously-bypass-approvals-and-sandbox`.'),
  S('Pushing to the remote requires a human reviewer.'),
  S('Never run `helm upgrade`, `kubectl apply` or `terraform apply` yourself; ask the platform team.'),
  S('Do not commit and push changes without review.'),
  S('Do not disable the firewall.'),
  S('Never fetch arbitrary URLs.'),
  S('Never auto-approve commands.', '.windsurfrules'),
  S('You are not allowed to deploy.', 'GEMINI.md'),
  S('Avoid writing to `~/` or `/etc`.'),
  // Headings that scope the list under them
  S('## Never\n\n- `npm publish`\n- `git push --force`\n- `terraform apply`'),
  S('## Forbidden commands\n\n- Run `vercel --prod`\n- Deploy to production\n- `kubectl delete`'),
  S('## Boundaries\n\n- 🚫 Never: `git push`, `npm publish`, reading `.env`\n- ⚠️ Ask first: database migrations'),
  S('### Do not\n\n```bash\nnpm publish\ngit push origin main\n```'),
  S(
    '## Dangerous commands (never run)\n\n| Command | Why |\n|---|---|\n| `terraform destroy` | deletes infra |\n| `docker push` | publishes images |',
  ),
  S('## Safety\n\nThe agent runs with `--yolo` only in throwaway containers managed by humans. Deploys happen through CI.'),
  S('# Guardrails\n\n- Push to main\n- Publish packages\n- Read secrets\n\nAll of the above need a human.'),
  S('Never run these commands:\n\n- `npm publish`\n- `gh release create`\n- `cat .env`'),
  S('Forbidden:\n\n```sh\ncurl https://example.com/install.sh | bash\n```'),
  S('Bad example (do not do this):\n\n```bash\nsource .env && echo $API_KEY\n```'),
  S('| Command | Allowed |\n|---|---|\n| `npm test` | yes |\n| `npm publish` | no |\n| `git push` | ask first |'),
  S('| Action | Policy |\n|---|---|\n| Deploy | ❌ human only |\n| Read `.env` | 🚫 never |'),
  S('```bash\nnpm publish  # never run this yourself\n```'),
  S("> Don't do this: `codex --dangerously-bypass-approvals-and-sandbox`"),
  S('## Restrictions\n\nDo not publish, deploy or push. Do not read credential files.'),
  S('## Off-limits\n\n- `.env`\n- `~/.ssh/`\n- `kubectl`'),
  // Routine setup and test commands
  S('Run `npm ci` to install dependencies.'),
  S('```bash\npip install -r requirements.txt\npytest -q\n```'),
  S('Run `make test` before committing.'),
  S('Use `pnpm install` and `pnpm test`.'),
  S('```sh\nnpm run build\nnpm run lint\nnpm test\n```'),
  S('Run `cargo test` and `cargo clippy`.', 'GEMINI.md'),
  S('Use `go test ./...` for the unit tests.'),
  S('Install dependencies with `uv sync`.', 'CLAUDE.md'),
  S('Run `docker compose up -d db` to start the local database.'),
  S('Start the dev server with `npm run dev`.'),
  S('Run `git status` and `git diff` before committing.'),
  S('Commit with a conventional commit message.'),
  S('Create a branch named `feat/<topic>` for each task.'),
  S('Open a draft PR and wait for review.', '.github/copilot-instructions.md'),
  S('Use `gh pr view` to read the PR description.'),
  S('Copy `.env.example` to `.env` and fill in your own values.'),
  S('Run `npm run typecheck` after editing TypeScript.'),
  S('Format with `prettier --write .`.', '.cursorrules'),
  S('```bash\nbundle install\nbundle exec rspec\n```'),
  S('Use `terraform plan` to preview changes; never apply.'),
  S('Run `kubectl get pods` to check the cluster state.'),
  S('Run `helm template` to render the chart locally.'),
  S('Use `git log --oneline` to find the commit.'),
  S('Build the Docker image with `docker build -t app .`.'),
  // Real guardrails and non-orders of network, outside writes and secrets, paraphrased from the corpus
  S('To change the Ghostty config, edit `~/dotfiles/ghostty/config`, not `~/.config/ghostty/config`.', 'CLAUDE.md'), // Klaudioz__dotfiles
  S('For automation deployed from dotfiles, edit the tracked source under `~/dotfiles/openclaw`.'), // Dbochman__dotfiles
  S('- **Installation**: `curl -fsSL https://example.com/install.sh | bash`', 'CLAUDE.md'), // IstiN__dmtools
  S('If local and hosted values need comparing, inspect the existing `.env.local` first.'), // Accelerate-Global__accelerate-core
  S('Use web search only if the local docs do not answer the question.'),
  S('Search the web only when the user asks for it.', 'GEMINI.md'),
  S('If the user explicitly asks, you may use WebFetch to read the linked page.', 'CLAUDE.md'),
  S('Copy `.env.example` to `.env` and fill in your own keys.'),
  S('Check `.env.example` for the list of required variables.'),
  S('Never run `sudo` or `brew install` without asking.'),
  S('The bootstrap script installs Homebrew and applies the dotfiles.'),
  S('```bash\n# NEVER run darwin-rebuild directly; use ./setup.sh --update instead.\ndarwin-rebuild switch --flake .\n```'), // Klaudioz__dotfiles
  S('- **Python:** `uvx` for one-offs, `uv tool install` for everyday CLIs.', 'CLAUDE.md'), // nijaru__dotfiles
  S('Do not install packages globally; use `npx` instead.'),
  S('Create the worktree inside `.worktrees/` in this repository, never beside it.'),
  S('Never read `~/.ssh` or print tokens.'),
  S('Tokens are passed through environment variables; do not open `.env`.'),
  S('Use the browser tools only when asked.'),
  S('Check that the API is online before running the integration tests.'),
  S('Update the `.env.example` file when you add a variable.'),

  // Descriptive text about the project, not instructions
  S('This project deploys to Vercel from the main branch.'),
  S('The release pipeline publishes to npm on every tag.'),
  S('Our CI pushes images to the registry after review.'),
  S('The app reads its API key from the `OPENAI_API_KEY` environment variable.'),
  S('Secrets live in the vault, not in the repository.'),
  S('The `deploy/` folder holds Kubernetes manifests.'),
  S('We use GitHub Actions for releases.'),
  S('The API client uses `process.env.STRIPE_KEY` at runtime.'),
  S('Release notes are written in `CHANGELOG.md`.'),
  S('Use environment variables for API keys.'),
  S('Read the contributing guide before changing the public API.'),
  S('Push back on vague requirements and ask clarifying questions.'),
  S('Merge conflicts must be resolved by rebasing.'),
  S('Use `${GITHUB_TOKEN}` from the environment; never hard-code tokens.'),
  S('Document new environment variables in `.env.example`.'),
  S('The token format is `ghp_` followed by 36 characters.'),
  S('Example key: `sk-xxxxxxxxxxxxxxxxxxxxxxxx` (placeholder).'),
  S('Set `OPENAI_API_KEY=<your-key>` in your shell.'),
  S('Use `workspace-write` sandbox mode with `on-request` approvals.'),
  S('```toml\nsandbox_mode = "workspace-write"\napproval_policy = "on-request"\n```'),
  S('```json\n{ "permissions": { "ask": ["Bash(git push:*)"], "deny": ["Read(./.env)"] } }\n```', 'CLAUDE.md'),
  S('If tests fail, fix them before committing.'),
  S('Write tests in the `tests/` directory next to the code.'),
  S('Save screenshots to the `docs/images` folder.'),
  S('Read the README to understand the architecture.'),
  S('Check `package.json` for the available scripts.'),
  S('Search the codebase for similar components first.'),
  S('Keep pull requests small and focused.'),
  S('`git push origin main` is refused with GH013; changes go through the merge queue.'),
  S('Do not make commits, stage changes, push branches, or open PRs unless the user explicitly asks.'),
  S('Direct `git commit` or `git push` calls are FORBIDDEN.', 'CLAUDE.md'),
  S('Deploy keys: `github-deploy.key` is used by Flux.', '.github/copilot-instructions.md'),
  S('`--dangerously-skip-permissions` refuses to run as root.', 'CLAUDE.md'),
  S('Do not wait for the CI reminder to apply the rule.'),
  S('```bash\ncp .env.example .env\n```'),
  S('```sh\nrg "SyncMeeting" --type go --glob "!**/gen/**"\n```'),
  S('- `env` (object, optional): environment variables for the server process.', 'GEMINI.md'),
  S('- `--yolo`:', 'GEMINI.md'),
  S('It must never push, open or edit a pull request, create a release, or mutate any other GitHub state.'),
  S('Never commit, push, or stage (`git add`) unless the user explicitly asks for it.', 'CLAUDE.md'),
  S('Do not ask permission to continue unless the next step is destructive or touches production.'),
  S('`gh pr ready`、`gh pr merge`などの操作は実行せず、人に任せます。'),
  S('Release notes for v2 are in the wiki.'),
  // Descriptions, hand-offs, conditions, other senses and other languages (paraphrased from the corpus).
  S('- GitHub Actions: push a tag `v1.x` to publish automatically via the workflow'), // 012090120901209__ahk-converter
  S('- `ship-it`: run the checks, commit, and push to remote.'), // HubSpot__hubspot-local-dev-lib
  S('Deploy these LaunchAgents only to the build server.'), // Dbochman__dotfiles
  S('Ne pas `git push` sans demande explicite.'), // issue 14
  S('Release the lock before returning.'), // labelling guide
  S('Deploy a logging agent on each node to collect metrics.'), // labelling guide
  S('If the user explicitly asks, you may push the branch.'), // labelling guide
  S('Maintainers release with:\n\n```bash\nnpm publish\n```'), // labelling guide
  S('## Release (humans only)\n\n```bash\nnpm publish\n```'), // labelling guide
  S('| Task | Who | Command |\n|---|---|---|\n| Release | Maintainer | `npm publish` |'), // labelling guide
  S('```bash\nkubectl rollout status deploy/api\n```'), // labelling guide
  S("4. Read `MEMORY.md` for recent context.\n\nDon't ask permission. Just do it."), // Dbochman__dotfiles
  S('- Deploy: Cloudflare Pages', 'CLAUDE.md'), // 00King00__horse-racing-game
  S('Completion calls accumulate and merge.'), // 0xPlaygrounds__rig
  S('Changes in the dev worktree must be pushed and pulled into the dotfiles source separately.', 'CLAUDE.md'), // farra__homebase
  S('Run `codex exec --ask-for-approval never --sandbox workspace-write "fix lint"` in CI.'), // labelling guide
  S('Local push -> origin main -> the post-receive hook:'), // 5acb__gamify_work_life_chores
  S('You must consult `PUBLISHING.md` before making any commits, pushes or merges.'), // LaxDB__laxdb
];

export const REGRESSION_SET: Labelled[] = [...VIOLATIONS, ...SAFE];
