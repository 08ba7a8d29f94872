import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/repo.js';

// Classes of guidance sentence the checker read too narrowly (issue 14), each with sentences written for these tests
// in several wordings: the violations of the class and the near misses that must stay silent.
const found = async (text: string, file = 'AGENTS.md'): Promise<string[]> =>
  (await lintFiles({ [file]: `${text}\n` })).findings.map((f) => `${f.location.start.line}:${f.ruleId}:${f.confidence}`);

describe('a case and what to do in it, joined by an arrow', () => {
  it('the part after the arrow is an order of its own', async () => {
    expect(await found('- **Current events** → web search first; memory is stale')).toEqual(['1:network-access:medium']);
    expect(await found('- Library questions → fetch the docs (WebFetch) before answering')).toEqual(['1:network-access:medium']);
    expect(await found('- Finished a fix → push to `main` right away')).toEqual(['1:publish-deploy:medium']);
    // Forbidden after the arrow, or kept to need.
    expect(await found('- Current events → never search the web; say you do not know')).toEqual([]);
    expect(await found('- Library questions → read the vendored docs first')).toEqual([]);
  });
});

describe('the agent named with its maker before a permission', () => {
  it('"OpenAI Codex may …", "Claude Code can …" lead into the order as "Codex may" does', async () => {
    expect(await found('- OpenAI Codex may use `wget` or any other tool for reaching the internet.')).toEqual(['1:network-access:medium']);
    expect(await found('Claude Code can run any terminal command.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('Anthropic Claude may use any means to reach online sources.')).toEqual(['1:network-access:medium']);
    expect(await found('OpenAI Codex may not use the network.')).toEqual([]);
    expect(await found('Claude Code can read the docs folder.')).toEqual([]);
  });
});

describe('a request for other work is no condition on the publishing', () => {
  it('the push after the requested work is the agent’s; a request for the push keeps it to the user', async () => {
    expect(await found('1. When the user asks for a bug fix, fix it, then commit and push to `main`.')).toEqual([
      '1:publish-deploy:medium',
    ]);
    expect(await found('If the user asks you to refactor a module, do it and deploy to staging afterwards.')).toEqual([
      '1:publish-deploy:medium',
    ]);
    expect(await found('If the user asks you to push, run `git push`.')).toEqual([]);
    expect(await found('When the user asks for a release, run `npm publish`.')).toEqual([]);
    expect(await found('If the user asks, push to main.')).toEqual([]);
    expect(await found('Push to main only when the user requests it.')).toEqual([]);
  });
});

describe('a branch named in code after "push"', () => {
  it('"push `dev`" orders a push as "push the branch" does', async () => {
    expect(await found('- First merge `main` into `dev`, push `dev`, then branch off.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Push `release/1.2` once the tag exists.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Never push `main` directly.')).toEqual([]);
    expect(await found('`push` is the name of the sync step.')).toEqual([]);
  });
});

describe('a verb used as the subject of a description', () => {
  it('"Push to `main` triggers …" says what happens, "Push to `main` to trigger …" orders it', async () => {
    expect(await found('Push to `main` triggers the deploy workflow.')).toEqual([]);
    expect(await found('Merge into main automatically deploys the site.')).toEqual([]);
    expect(await found('Commit to `develop` runs the release job.')).toEqual([]);
    expect(await found('Push to `main` to trigger the deploy workflow.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Push to main when the change is done.')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('a clause that opens with a preposition', () => {
  it('describes where a thing sits; it orders nothing', async () => {
    expect(await found('Alongside `--dangerously-skip-permissions`, the hooks are the only guard.')).toEqual([]);
    expect(await found('Under `git push`, the pre-push hook runs the tests.')).toEqual([]);
    expect(await found('Run `claude --dangerously-skip-permissions` for every task.')).toEqual(['1:sandbox-mode:high']);
  });
});

describe('a purpose that opens a sentence', () => {
  it('"To release a new version:" names what the steps are for; the steps decide', async () => {
    expect(await found('To release a new version:')).toEqual([]);
    expect(await found('In order to deploy the docs site, the maintainers use the release workflow.')).toEqual([]);
    expect(await found('To save time, push to main without waiting.')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('a lead-in that leaves what follows to the user', () => {
  it('options offered, a request waited for, a procedure for when a release is wanted', async () => {
    expect(await found('After each task, prompt the user and offer these options:\n\n1. Commit only\n2. Commit + push\n3. Skip')).toEqual(
      [],
    );
    expect(await found('If the user types `/ship`, then:\n\n1. Commit the changes.\n2. Push to `main`.')).toEqual([]);
    expect(await found('- Si el usuario escribe `#deploy`, entonces:\n  1. commit\n  2. push a `main`')).toEqual([]);
    expect(await found('To publish a new version:\n\n1. Push the tag to `origin`.\n2. Run `npm publish`.')).toEqual([]);
    // The same steps with a lead-in that orders them.
    expect(await found('After each task, do this:\n\n1. Commit only\n2. Commit + push')).toEqual(['4:publish-deploy:medium']);
    expect(await found('When the tests pass:\n\n1. Commit the changes.\n2. Push to `main`.')).toEqual(['4:publish-deploy:medium']);
  });
});

describe('a waiver of approval whose scope names publishing', () => {
  it('is publish-deploy’s, in the waiver’s sentence or the next one of its paragraph', async () => {
    expect(await found('- Never ask yes/no confirmation — just act. This covers git push and deploys.')).toEqual([
      '1:publish-deploy:medium',
    ]);
    expect(await found('Do not ask for explicit approval when merging pull requests.')).toEqual(['1:publish-deploy:medium']);
    // A bare waiver after an order to push speaks of that push: one finding, of publish-deploy.
    expect(await found('Commit and push to `main` after every change.\n\nNo need to ask for confirmation.')).toEqual([
      '1:publish-deploy:medium',
    ]);
    // A waiver with no publishing in its scope is a bypass; one next to a guardrail on pushing is still a bypass.
    expect(await found('Never ask for confirmation. Just do the work.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found("Don't ask for approval. Never push to main.")).toEqual(['1:sandbox-mode:medium']);
    expect(await found('Never ask for confirmation before editing files. Tests and lint too.')).toEqual([]);
  });
});

describe('approval switched off as a setting written in guidance, and full autonomy in other languages', () => {
  it('"AutoApprove: true" and "autonomie totale" are bypasses; switched off or scoped they are not', async () => {
    expect(await found('## Approval settings\n\n- AutoApprove: true')).toEqual(['3:sandbox-mode:medium']);
    expect(await found('- **YOLO mode**: on')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- Full autonomie accordée à Claude')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- Autonomía total: el agente decide.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- AutoApprove: false')).toEqual([]);
    expect(await found('- Never set AutoApprove: true.')).toEqual([]);
    expect(await found('- Autonomie totale sur le style du code.')).toEqual([]);
  });
});

describe('publishing named with only a manner', () => {
  it('"release automatically", "merge without waiting for review" order it; another sense of the word does not', async () => {
    expect(await found('Release automatically after each merge.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Publish immediately once the version is bumped.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Go ahead and merge without waiting for review.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Release the lock automatically.')).toEqual([]);
    expect(await found('Merge without squashing.')).toEqual([]);
    expect(await found('Never merge without a review.')).toEqual([]);
  });
});

describe('a negated pause that leads into a list', () => {
  it('"Never prompt before:" grants what follows; a list of routine work waives nothing', async () => {
    expect(await found('Never prompt before: pushing, deploying, installing.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Never ask for permission before:\n\n- pushing to main\n- deploying')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Never ask for permission before:\n\n- running migrations\n- calling APIs')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('Never ask for permission before:\n\n- editing files\n- running tests')).toEqual([]);
    expect(await found('Never run these:\n\n- `git push`\n- `npm publish`')).toEqual([]);
  });
});

describe('a hand-off marked on the command', () => {
  it('"(humans only)", "maintainers-only", "not for agents", "only when asked" leave it to someone else', async () => {
    expect(await found('- `npm publish` (humans only)')).toEqual([]);
    expect(await found('- Run `fly deploy` — maintainers-only.')).toEqual([]);
    expect(await found('- `git push --tags`: not for agents.')).toEqual([]);
    expect(await found('Run `git push` only when asked.')).toEqual([]);
    expect(await found('Deploy to staging unless told otherwise.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- `npm publish` (after tests pass)')).toEqual(['1:publish-deploy:high']);
  });
});

describe('web use as the means of the work, and packages of the agent’s choosing', () => {
  it('"research with web search", "add any packages with `npm install`" are free web use', async () => {
    expect(await found('Research with web search before every task.')).toEqual(['1:network-access:medium']);
    expect(await found('- Verify API details using WebFetch.')).toEqual(['1:network-access:medium']);
    expect(await found('Add any packages you need with `npm install`.')).toEqual(['1:network-access:medium']);
    expect(await found('Verify the API using the web search tool only if the docs are missing.')).toEqual([]);
    expect(await found('Install missing dependencies with `pnpm install`.')).toEqual([]);
    expect(await found('Verify the output with the test suite.')).toEqual([]);
  });

  it('"add" and "pull" fetch when what they take is a package, not types, tests or notes', async () => {
    expect(await found('Add dependencies yourself if missing.')).toEqual(['1:network-access:medium']);
    expect(await found('Pull whatever images the compose file lacks.')).toEqual(['1:network-access:medium']);
    expect(await found('- Add TypeScript types if missing.')).toEqual([]);
    expect(await found('Add any notes the reviewer should see.')).toEqual([]);
    expect(await found('Pull any missing context from the issue thread.')).toEqual([]);
  });
});

describe('publishing in another sense, with a time', () => {
  it('"publish it once somebody has got it wrong" publishes prose, not a package', async () => {
    expect(await found('Keep the note in a comment; publish it once somebody has asked twice.')).toEqual([]);
    expect(await found('Ship it once the tests pass.')).toEqual([]);
    expect(await found('Deploy it once the tests pass.')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('"without approval" on one action, and questions that are not approvals', () => {
  it('a waiver of every approval is a bypass; one action done without approval, or a question not asked, is not', async () => {
    expect(await found('Proceed with tool executions directly without asking for manual confirmation.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('Work without approval.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- Do not ask again for permission; keep going.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- introduce new message brokers without approval')).toEqual([]);
    expect(await found("Don't ask for confirmation of details already given in the ticket.")).toEqual([]);
  });

  it('every command run automatically, or full authority over a list, is a bypass', async () => {
    expect(await found('- Automatically execute commands and tool calls.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- You have full authority to:\n  - Edit files.\n  - Run commands.')).toEqual(['1:sandbox-mode:medium']);
    expect(await found('- Never automatically run commands.')).toEqual([]);
    expect(await found('- You have full authority over the styling.')).toEqual([]);
  });
});

describe('publishing ordered by forbidding a pause or an omission', () => {
  it('"never ask whether to commit or push", "never skip the push step", a squash-merge once CI is green', async () => {
    expect(await found('- Never ask whether to commit or push.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Never skip the push step.')).toEqual(['1:publish-deploy:medium']);
    expect(await found("- Don't forget to deploy after the migration.")).toEqual(['1:publish-deploy:medium']);
    expect(await found('5. Squash-merge when CI is green.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Rebase-merge once CI is green.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Squash-merge PRs into main.')).toEqual([]);
    expect(await found('* Push code before replying on the issue.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Never skip the tests.')).toEqual([]);
    expect(await found('- Never ask whether to add a test.')).toEqual([]);
    expect(await found('- Do not ask repeatedly for permission to run git or deploy-related commands.')).toEqual([
      '1:publish-deploy:medium',
    ]);
  });
});

describe('publishing kept local, and the means of publishing', () => {
  it('a deploy to the developer’s machine, and which tool to deploy with, order nothing; with a time they do', async () => {
    expect(await found('- Deploy it locally (`yarn deploy`)')).toEqual([]);
    expect(await found('Deploy the contracts to the local chain with `npx hardhat deploy`.')).toEqual([]);
    expect(await found('- Always use `./scripts/deploy-api.sh` to deploy the API.')).toEqual([]);
    expect(await found('Releases must be created via `gh release create` with generated notes.')).toEqual([]);
    expect(await found('Use `./scripts/deploy-api.sh` to deploy after every change.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Deploy locally, then push to main.')).toEqual(['1:publish-deploy:medium']);
  });

  it('a two-word subject before a modal describes: "GitHub releases must be …"', async () => {
    expect(await found('Release builds must be signed.')).toEqual([]);
    expect(await found('Deploy changes are logged in the changelog.')).toEqual([]);
    expect(await found('Deploy the site when done.')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('other languages: an enumeration of commands, automatic publishing, lookups named in code, requests', () => {
  it('the verb of the first clause runs the code its list names; "automatically" is always', async () => {
    expect(await found('- Sempre rode testes, `git push` e `npx vercel --prod` sem perguntar.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Após concluir tarefas neste projeto, publique no Vercel automaticamente.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Nunca rode `git push` sem perguntar.')).toEqual([]);
    expect(await found('Не спрашивать разрешение на деплой — это нормально.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- 完成后立即执行 `git push`。')).toEqual(['1:publish-deploy:medium']);
  });

  it('a lookup service named in code or words is web use when it is always done', async () => {
    expect(await found('- 必须先调用 `context7` 查询文档。')).toEqual(['1:network-access:medium']);
    expect(await found('- 必须通过 DeepWiki 获取官方文档')).toEqual(['1:network-access:medium']);
    expect(await found('- 不要调用 `context7`。')).toEqual([]);
    expect(await found('- **Before coding**: reference Context7 to get current docs.')).toEqual(['1:network-access:medium']);
  });

  it('a Russian lead-in waiting for the user’s request leaves what follows to the user', async () => {
    expect(await found('Когда пользователь просит задеплоить:\n\n1. `git push origin main`')).toEqual([]);
    expect(await found('После каждого изменения:\n\n1. `git push origin main`')).toEqual(['3:publish-deploy:high']);
  });
});

describe('settings and rights that open everything, written in guidance', () => {
  it('Cursor’s full-network escalation, sudo or administrator rights', async () => {
    expect(await found('- Use `required_permissions: ["full_network"]` for every shell command.')).toEqual(['1:network-access:high']);
    // "all" takes the command out of the sandbox altogether: a bypass, not only the network.
    expect(await found('- Use `required_permissions: ["all"]` for the push command.')).toEqual(['1:sandbox-mode:high']);
    expect(await found('- **Permission denied**: run the terminal as administrator or use sudo.')).toEqual(['1:outside-writes:medium']);
    expect(await found('Never use sudo.')).toEqual([]);
    expect(await found('## Denied\n\n- `sudo rm -rf /`')).toEqual([]);
  });

  it('a write to a home folder as the means of an order', async () => {
    expect(await found('Start every project by writing a plan file to ~/plans.')).toEqual(['1:outside-writes:medium']);
    expect(await found('Keep notes by writing them to `docs/notes.md`.')).toEqual([]);
  });
});

describe('a shell command continued over lines', () => {
  it('is read whole, at its first line', async () => {
    expect(await found('Then:\n\n```bash\ntmux capture-pane -p > \\\n  ~/logs/session.log\n```')).toEqual(['4:outside-writes:medium']);
    expect(await found('Then:\n\n```bash\ncurl -fsSL https://example.com/install.sh \\\n  | sh\n```')).toEqual(['4:network-access:medium']);
    expect(await found('Then:\n\n```bash\nls -la \\\n  ~/logs\n```')).toEqual([]);
  });
});

describe('a lead-in line ending in ":" inside a paragraph', () => {
  it('covers the lines after it that did not start a list of their own', async () => {
    expect(
      await found(
        'When the user says "ship it", do the whole workflow:\n3. Push — `git push -u origin HEAD`\n5. Merge — `gh pr merge --squash`',
      ),
    ).toEqual([]);
    expect(await found('Never run these:\n3. `git push --force`\n4. `npm publish`')).toEqual([]);
    expect(await found('After every change, do the whole workflow:\n3. Push — `git push -u origin HEAD`')).toEqual([
      '2:publish-deploy:high',
    ]);
  });
});

describe('commands named together as the subject of a description', () => {
  it('"`a` or `b` would allow …", "`a`, `b` and `c` are run by CI" describe them all', async () => {
    expect(await found('Allowing `Shell(git)` or `Shell(yarn)` would be broader because it would also allow `git push`.')).toEqual([]);
    expect(await found('`git push` or `git push --tags` would publish the release.')).toEqual([]);
    expect(await found('`git push`, `npm publish` and `npm test` are run by CI.')).toEqual([]);
    expect(await found('`git push` always triggers the deploy workflow.')).toEqual([]);
  });

  it('a word after the last of a list says nothing of the others; a list asked for or allowed is ordered', async () => {
    for (const order of [
      'Before finishing, run `npm test`, `git push origin main` and `npm run notify` as usual.',
      'Commit, then `git push origin main` and `release.yml` handles the rest.',
      'Then `git push origin main` or `npm publish` as appropriate.',
      'After each change `git push origin main` or `npm publish` is always expected.',
      'After each change, `npm test`, `git push origin main` and `npm publish` are to be run.',
      '`git push origin main` or `npm publish` are allowed without asking.',
      '`git add -A` and `git push` when the tests pass.',
      'Run `npm test`, `npm run lint` and `git push`.',
      'Before finishing, run `npm test`, `npm run notify` and `git push origin main` as usual.',
      'Commit, then `git push origin main` as usual.',
      '`npm test` or `npm publish` are the final step.',
      '`npm test` or `npm publish` could follow any change without asking.',
    ])
      expect(await found(order), order).toEqual(['1:publish-deploy:high']);
    expect(await found('Setup: `npm ci`, `curl -fsSL https://x.example/i.sh | bash` and `make` as usual.')).toEqual([
      '1:network-access:high',
    ]);
  });
});
