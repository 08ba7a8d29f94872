import type { KeyDoc } from '../types.js';

const RUN = 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access';
const RUN_NOTE =
  "an agent CLI started here (its flags, read as the agent's own settings: see the agent's page); nothing else in the command is judged";

/** What the scripts adapter reads; each row is judged only where an agent is started (or, in a container, installed). */
export const SCRIPT_KEYS: readonly KeyDoc[] = [
  {
    file: "a hook script in an agent's hook folder (`.claude/hooks/`, `.cursor/hooks/`, `.factory/hooks/`, `.gemini/hooks/`, `.qwen/hooks/`, `.codex/hooks/`; shell, Python, JS or TS)",
    key: 'the answer it prints last, outside every condition: `"permissionDecision": "allow"`, `"decision": "approve"`, `"permission": "allow"`, `"behavior": "allow"` (a shell function that prints it answers where it is called)',
    rule: 'sandbox-mode',
    note: 'every call the hook does not block is approved without asking (a reading of the script: medium confidence); an allow only inside a condition, an allow list, is not reported',
  },
  {
    file: 'a shell script a hook command runs by path (`bash scripts/push.sh`, `"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.sh`, `"$(git rev-parse --show-toplevel)"/…`)',
    key: 'its command lines',
    rule: 'network-access, outside-writes, publish-deploy, secret-access, destructive-actions',
    note: "run without a prompt as the hook's own, and reported at the hook with the script's line; a script that cannot be read in full is a config-unparseable finding at the hook",
  },
  {
    file: 'a committed markdown or text file (`PROMPT.md`, `prompts/review.md`) a script, recipe or package script hands an agent as its prompt',
    key: 'the file piped in (`cat PROMPT.md | claude -p`), redirected (`codex exec - < x.md`), substituted as a word of the agent’s command line (`claude -p "$(cat x.md)"`), named by `--system-prompt-file` or `--append-system-prompt-file`, or read into a variable that command line uses (`PROMPT=$(envsubst < x.md)` … `codex exec "$PROMPT"`)',
    rule: RUN,
    note: 'read as guidance to the agent started, at the file’s own lines; a path from the repository’s top or the script’s folder (after a variable such as `$SCRIPT_DIR`, the folder first); a file read into a longer text (`"Docs: $(cat api.md)"`) is context, not read',
  },
  { file: 'package.json', key: 'scripts.*', rule: RUN, note: RUN_NOTE },
  { file: 'Makefile', key: 'recipe lines of every target (`@`, `-`, `+` dropped; `\\` continuations joined)', rule: RUN, note: RUN_NOTE },
  { file: 'justfile', key: 'body lines of every recipe', rule: RUN, note: RUN_NOTE },
  { file: 'Taskfile.yml', key: 'tasks.*, tasks.*.cmds[], tasks.*.cmds[].cmd, tasks.*.cmd', rule: RUN, note: RUN_NOTE },
  {
    file: '*.nix (a Nix module)',
    key: "an attribute set whose permissions hold allow, ask, deny or defaultMode (Home Manager's programs.claude-code.settings, a set given to builtins.toJSON, one bound in a let), or a file whose top set is such a permissions",
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: "read as Claude Code's settings.json (docs/agents/claude-code.md); only literal values: a string with ${…} in it, a name or a call is not known, except Home Manager's home folders (`${config.home.homeDirectory}` is `~`, `${config.xdg.cacheHome}` `~/.cache`)",
  },
  {
    file: '*.nix (a Nix module)',
    key: "an attribute set with Codex's sandbox_mode, approval_policy or sandbox_workspace_write (Home Manager's programs.codex.settings)",
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: "read whole as Codex's config.toml (docs/agents/codex.md), its profiles included",
  },
  {
    file: '*.nix (a Nix module)',
    key: 'an attribute set with an OpenCode permission block (bash, edit, read, webfetch, websearch, external_directory or "*" set to allow, ask or deny), or agents that have one (Home Manager\'s programs.opencode.settings)',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: 'read whole as opencode.json (docs/agents/opencode.md), its agents included',
  },
  {
    file: '*.nix (a Nix module)',
    key: 'string literals, read as a script\'s lines where they stand: a shell alias (`c = "codex --yolo"`), a wrapper script\'s text; `${lib.getExe pkgs.claude-code}` is read as `claude`, any other interpolation as nothing',
    rule: RUN,
    note: RUN_NOTE,
  },
  {
    file: '*.py (a Python script)',
    key: 'lists and tuples of strings that start an agent (`["claude", "-p", prompt, "--dangerously-skip-permissions"]`), strings given to a process call (`subprocess.run(…, shell=True)`, `os.system`), and the Claude Agent SDK\'s `permission_mode`',
    rule: RUN,
    note: `${RUN_NOTE}; a value that is not a string literal is any text; read when its text names an agent CLI or the Agent SDK`,
  },
  {
    file: "*.js, *.mjs, *.cjs, *.ts, *.mts, *.cts named after an agent (`claude-runner.js`, `gemini_executor.ts`), in a skill's folder or in a `bin` folder (not tests)",
    key: 'lists of strings that start an agent (`["claude", "-p", prompt, "--dangerously-skip-permissions"]`), a call that names an agent\'s program and hands it a list (`spawn("codex", ["exec", "--yolo"])`), strings given to a process call (`execSync`, `exec`, `spawn`, `execa`); other lists with an option among them, read as the options of the agents the program names (or its path does)',
    rule: RUN,
    note: `${RUN_NOTE}; a value that is not a string literal is any text; the lists read as options of a program held in a variable are medium confidence (notices by default); other JavaScript and TypeScript files are not read`,
  },
  {
    file: ".vscode/tasks.json (and a .code-workspace file's tasks)",
    key: "tasks[].command with tasks[].args (a shell task's arguments as written, quoted only when they hold a space), their windows, osx and linux overrides, the shell they run in (options.shell of the task, its platform or the file), the file's own command; the editor's ${…} variables read as empty",
    rule: RUN,
    note: `${RUN_NOTE}; a task runs when the user starts it, or by itself on opening the folder (\`runOptions.runOn: folderOpen\`)`,
  },
  {
    file: '.devcontainer/devcontainer.json',
    key: 'initializeCommand, onCreateCommand, updateContentCommand, postCreateCommand, postStartCommand, postAttachCommand',
    rule: RUN,
    note: `${RUN_NOTE}; an install of an agent CLI (\`npm i -g @openai/codex\`) makes the container the agent's sandbox`,
  },
  {
    file: '.devcontainer/devcontainer.json',
    key: 'features',
    rule: '—',
    note: "a feature that installs an agent (`ghcr.io/anthropics/devcontainer-features/claude-code`) makes the container the agent's sandbox",
  },
  {
    file: '.devcontainer/devcontainer.json',
    key: 'mounts[], workspaceMount',
    rule: 'outside-writes, secret-access, sandbox-mode',
    note: "in an agent's container: a bind mount of a host folder outside the repository (writable: outside-writes; a secret folder such as ~/.ssh or ~/.aws: secret-access); the container engine's socket: sandbox-mode",
  },
  {
    file: '.devcontainer/devcontainer.json',
    key: 'runArgs (`--privileged`, `--network=host`, `-v`, `--mount`), privileged',
    rule: 'sandbox-mode, network-access, outside-writes, secret-access',
    note: "in an agent's container: privileged (no sandbox), the host's network, mounts as above",
  },
  {
    file: '.devcontainer/devcontainer.json',
    key: 'containerEnv.*, remoteEnv.*',
    rule: 'secret-access',
    note: "in an agent's container: a secret-named variable taken from the host (`${localEnv:GITHUB_TOKEN}`), or a literal credential; the agent's own API key is not reported",
  },
  {
    file: 'compose.yml',
    key: 'services.*.command, services.*.entrypoint, services.*.image',
    rule: RUN,
    note: `${RUN_NOTE}; an agent's image, or a service or container named for the agent, makes the service the agent's sandbox`,
  },
  {
    file: 'compose.yml',
    key: 'services.*.volumes[], services.*.network_mode, services.*.privileged, services.*.environment',
    rule: 'outside-writes, secret-access, sandbox-mode, network-access',
    note: "in an agent's service: host folders mounted, `network_mode: host`, `privileged: true`, secret-named variables from the host",
  },
  {
    file: '*.sh, *.bash, *.zsh, *.fish, *.ps1, *.bat, *.cmd, *.nu (a shell script, a Windows batch file, a Nushell script); .zshrc, .bashrc, .bash_profile, .zprofile, .zlogin, .zshenv, .profile, .aliases and the like (a shell start-up file); pre-commit, pre-push, commit-msg, post-checkout and the other client-side git hooks in any folder (`.husky/pre-commit`, `.githooks/pre-push`); .envrc (direnv); an executable without an ending in a `bin` folder whose `#!` line runs a shell or Python (`bin/claude-dev`, `.local/bin/ai-commit`)',
    key: 'every command line that names an agent CLI (continuations and an agent\'s multi-line prompt joined; comments skipped; the bodies of here-documents read line by line; the value of an alias or fish abbreviation; the script\'s own variables set to literals read as their values where a command uses them, `ARGS+=(--yolo)` … `codex "${ARGS[@]}"`)',
    rule: RUN,
    note: `${RUN_NOTE}; read when its text names an agent CLI; one that a script, target or dev container command above runs by a path inside the repository (\`./scripts/review.sh\`, \`bash scripts/review.sh\`) is read as its launcher, and one a workflow step runs is read with the workflow (docs/agents/ci.md)`,
  },
];
