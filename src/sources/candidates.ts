import { startGitListing, type PendingListing } from './discover.js';
import { installedAs } from './dotfiles.js';

/** File names an agent or guidance file can have, in lower case; a cheap first test before the adapters' own patterns. */
const CANDIDATE_NAMES = new Set([
  'config.toml',
  'settings.json',
  'settings.local.json',
  'settings.jsonc',
  '.mcp.json',
  'mcp.json',
  'cli.json',
  'permissions.json',
  'sandbox.json',
  'cli-config.json',
  'hooks.json',
  // Claude Code plugins' manifests, and marketplaces' lists of plugins.
  'plugin.json',
  'marketplace.json',
  // Gemini CLI extensions' manifests.
  'gemini-extension.json',
  'opencode.json',
  'opencode.jsonc',
  'kilo.json',
  'kilo.jsonc',
  '.kilocodemodes',
  '.kilocoderules',
  '.aider.conf.yml',
  '.aider.conf.yaml',
  // Ralph's settings for the Claude Code loop it runs.
  '.ralphrc',
  // Crush's project configs.
  'crush.json',
  '.crush.json',
  'agents.md',
  'agents.override.md',
  'claude.md',
  'claude.local.md',
  'gemini.md',
  'copilot-instructions.md',
  '.cursorrules',
  '.windsurfrules',
  '.clinerules',
  '.roorules',
  '.rules',
  '.goosehints',
  'config.yaml',
  'action.yml',
  'action.yaml',
  '.roomodes',
  'environment.json',
  // Scripts, tasks and containers that may start an agent.
  'package.json',
  'makefile',
  'gnumakefile',
  'justfile',
  '.justfile',
  'taskfile.yml',
  'taskfile.yaml',
  'taskfile.dist.yml',
  'taskfile.dist.yaml',
  'pnpm-workspace.yaml',
  'devcontainer.json',
  '.devcontainer.json',
  'tasks.json',
]);
const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/;
/**
 * Folders whose JSON and YAML files are agent files whatever their names (Kiro agents, Continue MCP blocks and
 * agent configs, GitHub Actions workflows, read when they start an agent).
 */
const ANY_NAME_FOLDER =
  /(?:^|\/)(?:\.kiro\/agents|\.continue\/(?:mcpservers|agents|assistants|configs)|\.github\/workflows)\/[^/]+\.(?:json|ya?ml)$/i;
/**
 * Git's client-side hooks (https://git-scm.com/docs/githooks), run on each commit, push or checkout, by name in any
 * folder (`.husky/pre-commit`, `.githooks/pre-push`, `scripts/hooks/commit-msg`), and direnv's `.envrc`, which the
 * shell runs on entering its folder (https://direnv.net/man/direnv.1.html). Server-side hooks are left out: `update`
 * names too many other scripts.
 */
export const SELF_RUNNING_SCRIPTS = [
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-push',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'post-rewrite',
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-auto-gc',
  'post-index-change',
  'reference-transaction',
  'push-to-checkout',
  'sendemail-validate',
  '.envrc',
];
const SELF_RUNNING = new Set(SELF_RUNNING_SCRIPTS.flatMap((name) => [name, `${name}.sh`]));
/** Whether a file name, in lower case, is one of `SELF_RUNNING_SCRIPTS` (a hook with `.sh` too). */
export const isSelfRunning = (name: string): boolean => SELF_RUNNING.has(name);
/**
 * A shell's start-up file, where aliases that start agents live: `.zshrc`, `zshrc`, `.zshrc.local`, and chezmoi's
 * `dot_zshrc`, `private_dot_zshrc`, `dot_zshrc.tmpl` (https://www.chezmoi.io/reference/source-state-attributes/).
 * The name in lower case.
 */
export const SHELL_STARTUP =
  /^(?:\.|(?:(?:create|private|readonly|executable|empty|encrypted)_)*dot_)?(?:bashrc|zshrc|bash_profile|bash_login|zprofile|zlogin|zshenv|bash_aliases|zsh_aliases|aliases|(?<=[._])profile)(?:\.local)?(?:\.tmpl)?$/;
/**
 * An executable in a `bin` folder, named without an ending (`bin/claude-dev`, `.local/bin/ai-commit`): where a
 * repository, or a dotfiles repository's home folder, keeps the commands it puts on PATH.
 */
const BIN_SCRIPT = /(?:^|\/)bin\/[^/.]+$/i;
export const isBinScript = (path: string): boolean => BIN_SCRIPT.test(path);
/** A hook script in JS or TS in an agent's hook folder, read for the permission it answers. */
const HOOK_SCRIPT = /(?:^|\/)\.(?:claude|cursor|factory|gemini|qwen|codex)\/hooks\/(?:[^/]+\/)*[^/]+\.(?:[mc]?js|ts)$/i;
/**
 * A JavaScript or TypeScript program read for the agents it starts: one whose name is an agent's (`claude-runner.js`,
 * `gemini_executor.ts`), a skill's script, a `bin` folder's program. Other source files are not read: a repository
 * holds many, and few start an agent.
 */
const JS_LAUNCHER_NAME = /\.[mc]?[jt]s$/i;
/** The agents whose name in a program's file name makes it read. */
const LAUNCHER_AGENTS = ['claude', 'codex', 'gemini', 'qwen', 'cursor', 'opencode', 'aider', 'copilot'];
const JS_LAUNCHER_PLACE = new RegExp(String.raw`(?:${LAUNCHER_AGENTS.join('|')})[^/]*$|(?:^|/)skills/|(?:^|/)bin/[^/]+$`, 'i');
/**
 * Tests and their fixtures: a wrapper's tests hand its own lists to assertions, not to a process. Inside a skill only
 * by the file's name: a skill may be named `test`.
 */
const JS_TEST_NAME = /\.(?:test|spec)\.[mc]?[jt]s$/i;
const JS_TEST_FOLDER = /(?:^|\/)(?:__tests__|__mocks__|tests?|spec|fixtures?)\//i;
const SKILL_FOLDER = /(?:^|\/)skills\//i;
export const isJsLauncher = (path: string): boolean =>
  JS_LAUNCHER_NAME.test(path) &&
  JS_LAUNCHER_PLACE.test(path) &&
  !JS_TEST_NAME.test(path) &&
  (SKILL_FOLDER.test(path) || !JS_TEST_FOLDER.test(path));
const isCandidateName = (path: string): boolean => {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return (
    CANDIDATE_NAMES.has(name) ||
    name.endsWith('.rules') ||
    name.endsWith('.mdc') ||
    name.endsWith('.md') ||
    name.endsWith('.toml') ||
    name.endsWith('.code-workspace') ||
    name.endsWith('.kiro.hook') ||
    name.endsWith('.mk') ||
    name.endsWith('.make') ||
    name.endsWith('.sh') ||
    name.endsWith('.bash') ||
    name.endsWith('.zsh') ||
    name.endsWith('.fish') ||
    name.endsWith('.ps1') ||
    name.endsWith('.bat') ||
    name.endsWith('.cmd') ||
    name.endsWith('.nu') ||
    name.endsWith('.py') ||
    name.endsWith('.nix') ||
    SHELL_STARTUP.test(name) ||
    isSelfRunning(name) ||
    isBinScript(path) ||
    HOOK_SCRIPT.test(path) ||
    isJsLauncher(path) ||
    name.startsWith('.roorules-') ||
    name.startsWith('.kilocoderules-') ||
    (name.endsWith('.json') && (name.includes('claude') || name.includes('gemini') || name.startsWith('settings.'))) ||
    // OpenCode's user folder kept as a repository, with the config under its earlier name.
    path === 'config.json' ||
    COMPOSE_NAME.test(name) ||
    ((name.endsWith('.json') || name.endsWith('.yaml') || name.endsWith('.yml')) && ANY_NAME_FOLDER.test(path))
  );
};
/** Agent paths match in any letter case, so the name is compared in lower case; a dotfiles name by what it installs as. */
export const isCandidate = (path: string): boolean => {
  if (isCandidateName(path)) return true;
  const installed = installedAs(path);
  return installed !== undefined && isCandidateName(installed.path);
};

/**
 * What a check reads of git's list, in any letter case: every file that can pass `isCandidate`, by ending (git's
 * default pathspec matching, where `*` and `?` cross folders), and every entry named like a folder of agent
 * files, so that a link or a submodule in its place is seen (`*rules` covers `.codex/rules`, `.cursor/rules` and
 * `.clinerules`; `*agents` the custom agents folders; `*.agent` and `*workflows` Antigravity's folders; `*dot?codex` a dotfiles repository's `dot_codex` and
 * `dot-codex`; `*zed` Zed's folders, `.zed` and a dotfiles repository's `zed`; `*opencode` and `*opencode/*` a dotfiles repository's OpenCode folder and what it holds; `*.tmpl` its templates; `*.kiro*` a folder, everything under it and its hook files; `*.factory*` Factory Droid's folder and its hook scripts; `*.augment*` Augment's folder; `*.letta` Letta Code's; `*.kilo*` Kilo Code's folders (`.kilo`, `.kilocode`) and files (`.kilocodemodes`, `.kilocoderules-*`), `*kilo` and `*kilo/*` a dotfiles repository's Kilo folder and what it holds; `*makefile`,
 * `*.mk`, `*.make` and `*justfile` the task files; `*claude*` and the other agents' names, and `*skills/*`, the JavaScript and TypeScript programs named after an agent or kept in a skill; `*.sh`, `*.bash`, `*.zsh`, `*.fish`, `*.ps1`, `*.bat`, `*.cmd` and `*.nu` the shell scripts, and the
 * names of a shell's start-up files, of git's hooks, of direnv's `.envrc` and of Ralph's `.ralphrc` and `.ralph` folder; `*.config` and `*.config/amp` a dotfiles repository's folder of Amp's user settings; `*.py` Python scripts and `*.nix` Nix modules). As git pathspecs they narrow a listing of a base revision's
 * tree; tests prove every candidate name and every agent folder matches one of these.
 */
const AGENT_FILE_PATTERNS = [
  '*.toml',
  '*.json',
  '*.jsonc',
  '*.yml',
  '*.yaml',
  '*.md',
  '*.mdc',
  '*.tmpl',
  '*.code-workspace',
  '*rules',
  '*.codex*',
  '*.claude*',
  '*.gemini*',
  '*.qwen*',
  '*.cursor*',
  '*.factory*',
  '*.augment*',
  '*dot?codex',
  '*dot?claude',
  '*dot?gemini',
  '*dot?qwen',
  '*dot?cursor',
  '*.vscode',
  '*.github*',
  '*instructions',
  '*.goosehints',
  '*.kiro*',
  '*.roo*',
  '*.kilo*',
  '*kilo',
  '*kilo/*',
  '*zed',
  '*.opencode*',
  '*opencode',
  '*opencode/*',
  '*.amp',
  '*.letta',
  '*.config',
  '*.config/amp',
  '*.continue*',
  '*.junie*',
  '*.windsurf*',
  '*agents',
  '*commands',
  '*skills',
  '*prompts',
  '*chatmodes',
  '*makefile',
  '*.mk',
  '*.make',
  '*.sh',
  '*.bash',
  '*.zsh',
  '*.fish',
  '*.ps1',
  '*.bat',
  '*.cmd',
  '*.nu',
  '*.py',
  '*.nix',
  '*bin/*',
  '*bashrc',
  '*zshrc',
  '*bash_profile',
  '*zprofile',
  '*zshenv',
  '*zlogin',
  '*bash_login',
  '*aliases',
  '*profile',
  '*.local',
  '*.envrc',
  '*.ralphrc',
  '*.ralph',
  '*commit',
  '*-msg',
  '*pre-push',
  '*pre-rebase',
  '*pre-auto-gc',
  '*post-checkout',
  '*post-merge',
  '*post-rewrite',
  '*applypatch',
  '*post-index-change',
  '*reference-transaction',
  '*push-to-checkout',
  '*sendemail-validate',
  '*justfile',
  '*.agent',
  '*workflows',
  ...LAUNCHER_AGENTS.map((agent) => `*${agent}*`),
  '*skills/*',
];
/** The same as git pathspecs, for git to narrow a listing of a tree with. */
export const AGENT_FILE_PATHSPECS = AGENT_FILE_PATTERNS.map((spec) => `:(icase)${spec}`);

/**
 * The patterns as one test, matched as git matches a pathspec of them: the whole path, `*` any run of characters
 * and `?` any one byte (both crossing `/`), ASCII letters in any letter case. A character of several bytes is never
 * one byte; a byte that is not UTF-8, which git's `?` matches, reads here as U+FFFD and is matched too.
 */
const LISTED = new RegExp(
  AGENT_FILE_PATTERNS.map((pattern) => {
    // A leading `*` leaves the start free and a trailing one the end: a search, without backtracking over the path.
    const body = pattern.replace(/^\*/, '').replace(/\*$/, '');
    const source = body
      .replace(/[.+^$()|[\]\\{}]/g, '\\$&')
      .replace(/\*/g, '[^]*')
      .replace(/\?/g, '[\\x00-\\x7f\\ufffd]');
    return `${pattern.startsWith('*') ? '' : '^'}${source}${pattern.endsWith('*') ? '' : '$'}`;
  }).join('|'),
  'i',
);
export const isListed = (path: string): boolean => LISTED.test(path);

/** Starts listing the files that may be agent files; git runs while the caller goes on (loading the checker). */
export const startAgentListing = (root: string): PendingListing => startGitListing(root, isListed);
