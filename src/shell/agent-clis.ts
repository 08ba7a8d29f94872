/**
 * The vocabulary of agent CLIs: program and package names, the flags that change what the agent may do (as the
 * facts the same setting in a config file gives), and the options whose value is to be skipped. Each entry names
 * where it was read; a flag that could not be verified is left out.
 */
import type { BypassGrant, Decision, FactOf, SandboxMode } from '../core/posture.js';
import { ansiEscape } from './syntax.js';

/** What a flag (or one of its values) means, in the terms of the facts config files give. */
export type FlagMeaning =
  | { fact: 'bypass'; grants: BypassGrant; note?: string }
  | { fact: 'sandbox'; mode: SandboxMode }
  | { fact: 'approval-never' }
  | { fact: 'model-reviewer' }
  | { fact: 'network'; what: FactOf<'network'>['what'] }
  /** The value (or `path`) is a folder the agent may write besides the repository. */
  | { fact: 'writable-root'; path?: string }
  /** The value is a host or URL the agent may fetch without asking. */
  | { fact: 'domain' }
  /** Sessions shared outside the machine. */
  | { fact: 'session-sharing' }
  /** The value is a tool permission entry in the agent's own syntax. */
  | { fact: 'tool'; decision: Decision; syntax: ToolSyntax }
  /** The value is `key=value`, a config key set as if written in the agent's config file. */
  | { fact: 'config-override'; format: 'codex' }
  /**
   * The value is a settings file or the settings themselves as JSON, in the agent's config format; with `under`, the
   * JSON is that key's value (OpenCode's `OPENCODE_PERMISSION` holds the `permission` block).
   */
  | { fact: 'settings'; format: 'claude' | 'opencode'; under?: string }
  /** The value is an MCP config file or the config itself as JSON. */
  | { fact: 'mcp-config' };

/** Whose permission entries a tool flag takes. */
export type ToolSyntax = 'claude' | 'gemini' | 'qwen' | 'copilot' | 'letta';

export interface FlagSpec {
  /** Every spelling (`--sandbox`, `-s`). */
  names: readonly string[];
  /** `one`: the next word or `=value`; `many`: the following words up to the next option (a variadic option). */
  takes?: 'one' | 'many';
  /** A list value is split at these characters (outside parentheses). */
  split?: string;
  meaning?: FlagMeaning;
  /** Meanings per value; values not listed mean nothing. */
  values?: Readonly<Record<string, FlagMeaning>>;
}

export interface AgentCli {
  /** The agent's adapter id, or the CLI's name for an agent without one. */
  agent: string;
  /** The CLI's name as its vendor writes it. */
  name: string;
  programs: readonly string[];
  /** Registry package names a package runner starts it by (`npx @openai/codex`). */
  packages: readonly string[];
  flags: readonly FlagSpec[];
  /** Options whose value is the next word (prompts, models, files) that mean nothing here. */
  valued: readonly string[];
  /** First operands that run something other than an agent session (`claude mcp add`, `codex login`). */
  commands: readonly string[];
  /** Environment variables set for the run (`NAME=value opencode run …`) that the CLI reads as flags, by name. */
  env?: readonly FlagSpec[];
  /** Where the vocabulary was read. */
  source: string;
}

/**
 * Codex: `codex-rs/utils/cli/src/shared_options.rs` (`--sandbox`/`-s`, `--dangerously-bypass-approvals-and-sandbox`
 * alias `--yolo`, `--not-so-yolo`, `--add-dir`), `codex-rs/utils/cli/src/config_override.rs` (`-c`/`--config`),
 * `codex-rs/tui/src/cli.rs` (`--ask-for-approval`/`-a`, `--full-auto`, `--search`), `codex-rs/exec/src/cli.rs`.
 */
const CODEX: AgentCli = {
  agent: 'codex',
  name: 'Codex CLI',
  programs: ['codex'],
  packages: ['@openai/codex'],
  flags: [
    {
      names: ['--sandbox', '-s'],
      takes: 'one',
      values: {
        'danger-full-access': { fact: 'sandbox', mode: 'danger-full-access' },
        'workspace-write': { fact: 'sandbox', mode: 'workspace-write' },
        'read-only': { fact: 'sandbox', mode: 'read-only' },
      },
    },
    {
      names: ['--dangerously-bypass-approvals-and-sandbox', '--yolo'],
      meaning: { fact: 'bypass', grants: 'skip-all-prompts', note: 'and runs commands without a sandbox' },
    },
    { names: ['--ask-for-approval', '-a'], takes: 'one', values: { never: { fact: 'approval-never' } } },
    { names: ['--full-auto'], meaning: { fact: 'sandbox', mode: 'workspace-write' } },
    { names: ['--not-so-yolo'], meaning: { fact: 'model-reviewer' } },
    { names: ['--add-dir'], takes: 'one', meaning: { fact: 'writable-root' } },
    { names: ['--search'], meaning: { fact: 'network', what: 'web-search' } },
    { names: ['--config', '-c'], takes: 'one', meaning: { fact: 'config-override', format: 'codex' } },
  ],
  valued: [
    '-m',
    '--model',
    '-p',
    '--profile',
    '-C',
    '--cd',
    '-i',
    '--image',
    '-o',
    '--output-last-message',
    '--output-schema',
    '--color',
    '--local-provider',
  ],
  commands: [
    'login',
    'logout',
    'mcp',
    'mcp-server',
    'app-server',
    'completion',
    'apply',
    'a',
    'features',
    'help',
    'cloud',
    'sandbox',
    'debug',
  ],
  source: 'github.com/openai/codex codex-rs/utils/cli/src/shared_options.rs, config_override.rs; codex-rs/tui/src/cli.rs',
};

/** Claude Code: https://code.claude.com/docs/en/cli-reference (flags) and /permission-modes (mode names). */
const CLAUDE: AgentCli = {
  agent: 'claude-code',
  name: 'Claude Code',
  programs: ['claude'],
  packages: ['@anthropic-ai/claude-code'],
  flags: [
    { names: ['--dangerously-skip-permissions'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } },
    {
      names: ['--permission-mode'],
      takes: 'one',
      values: {
        bypassPermissions: { fact: 'bypass', grants: 'skip-all-prompts' },
        auto: { fact: 'bypass', grants: 'model-approves' },
      },
    },
    {
      names: ['--allowedTools', '--allowed-tools'],
      takes: 'many',
      split: ', ',
      meaning: { fact: 'tool', decision: 'allow', syntax: 'claude' },
    },
    {
      names: ['--disallowedTools', '--disallowed-tools'],
      takes: 'many',
      split: ', ',
      meaning: { fact: 'tool', decision: 'deny', syntax: 'claude' },
    },
    { names: ['--add-dir'], takes: 'many', meaning: { fact: 'writable-root' } },
    { names: ['--settings'], takes: 'one', meaning: { fact: 'settings', format: 'claude' } },
    { names: ['--mcp-config'], takes: 'many', meaning: { fact: 'mcp-config' } },
  ],
  valued: [
    '--model',
    '--fallback-model',
    '--output-format',
    '--input-format',
    '--max-turns',
    '--max-budget-usd',
    '--append-system-prompt',
    '--system-prompt',
    '--system-prompt-file',
    '--append-system-prompt-file',
    '--resume',
    '-r',
    '--session-id',
    '--agent',
    '--agents',
    '--setting-sources',
    '--permission-prompt-tool',
    '--json-schema',
    '--tools',
    '--effort',
    '--name',
    '-n',
  ],
  commands: ['mcp', 'config', 'doctor', 'update', 'install', 'migrate-installer', 'setup-token', 'auth', 'plugin'],
  source: 'https://code.claude.com/docs/en/cli-reference',
};

/** Gemini CLI: github.com/google-gemini/gemini-cli packages/cli/src/config/config.ts (yargs options). */
const GEMINI: AgentCli = {
  agent: 'gemini-cli',
  name: 'Gemini CLI',
  programs: ['gemini'],
  packages: ['@google/gemini-cli'],
  flags: [
    { names: ['--yolo', '-y'], meaning: { fact: 'bypass', grants: 'approve-all-tool-calls' } },
    { names: ['--approval-mode'], takes: 'one', values: { yolo: { fact: 'bypass', grants: 'approve-all-tool-calls' } } },
    { names: ['--allowed-tools'], takes: 'one', split: ',', meaning: { fact: 'tool', decision: 'allow', syntax: 'gemini' } },
    { names: ['--include-directories'], takes: 'one', split: ',', meaning: { fact: 'writable-root' } },
  ],
  valued: [
    '-m',
    '--model',
    '-p',
    '--prompt',
    '-i',
    '--prompt-interactive',
    '-w',
    '--worktree',
    '--policy',
    '--admin-policy',
    '--allowed-mcp-server-names',
    '-e',
    '--extensions',
    '-r',
    '--resume',
    '--session-file',
    '--session-id',
    '--delete-session',
    '-o',
    '--output-format',
  ],
  commands: ['mcp', 'extensions', 'skills', 'hooks'],
  source: 'github.com/google-gemini/gemini-cli packages/cli/src/config/config.ts',
};

/** Qwen Code: github.com/QwenLM/qwen-code packages/cli/src/config/config.ts (yargs options; arrays take many words). */
const QWEN: AgentCli = {
  agent: 'gemini-cli',
  name: 'Qwen Code',
  programs: ['qwen'],
  packages: ['@qwen-code/qwen-code'],
  flags: [
    { names: ['--yolo', '-y'], meaning: { fact: 'bypass', grants: 'approve-all-tool-calls' } },
    {
      names: ['--approval-mode'],
      takes: 'one',
      values: { yolo: { fact: 'bypass', grants: 'approve-all-tool-calls' }, auto: { fact: 'bypass', grants: 'model-approves' } },
    },
    { names: ['--allowed-tools'], takes: 'many', split: ',', meaning: { fact: 'tool', decision: 'allow', syntax: 'qwen' } },
    { names: ['--exclude-tools'], takes: 'many', split: ',', meaning: { fact: 'tool', decision: 'deny', syntax: 'qwen' } },
    { names: ['--include-directories', '--add-dir'], takes: 'many', split: ',', meaning: { fact: 'writable-root' } },
    { names: ['--mcp-config'], takes: 'one', meaning: { fact: 'mcp-config' } },
  ],
  valued: [
    '-m',
    '--model',
    '-p',
    '--prompt',
    '-i',
    '--prompt-interactive',
    '--system-prompt',
    '--append-system-prompt',
    '-o',
    '--output-format',
    '-r',
    '--resume',
    '--session-id',
    '--worktree',
    '--auth-type',
    '--channel',
    '--json-schema',
    '--json-file',
    '--input-file',
    '--openai-api-key',
    '--openai-base-url',
    '--proxy',
  ],
  commands: ['mcp', 'extensions', 'hooks', 'auth', 'channel', 'review', 'serve', 'sessions', 'update', 'agents'],
  source: 'github.com/QwenLM/qwen-code packages/cli/src/config/config.ts',
};

/** Cursor CLI: https://cursor.com/docs/cli/reference/parameters and https://cursor.com/docs/cli/headless. */
const CURSOR: AgentCli = {
  agent: 'cursor',
  name: 'Cursor CLI',
  programs: ['cursor-agent'],
  packages: [],
  flags: [
    { names: ['--force', '-f', '--yolo'], meaning: { fact: 'bypass', grants: 'allow-all-tools' } },
    { names: ['--sandbox'], takes: 'one', values: { disabled: { fact: 'bypass', grants: 'no-sandbox' } } },
  ],
  valued: [
    '-m',
    '--model',
    '--output-format',
    '--mode',
    '--resume',
    '--workspace',
    '--api-key',
    '-H',
    '--header',
    '-n',
    '--name',
    '--worktree-base',
  ],
  commands: [
    'login',
    'logout',
    'status',
    'update',
    'mcp',
    'ls',
    'resume',
    'create-chat',
    'install-shell-integration',
    'uninstall-shell-integration',
    'models',
    'about',
  ],
  source: 'https://cursor.com/docs/cli/reference/parameters',
};

/** OpenCode: github.com/anomalyco/opencode packages/opencode/src/cli/cmd/run.ts (`opencode run`). */
const OPENCODE: AgentCli = {
  agent: 'opencode',
  name: 'OpenCode',
  programs: ['opencode'],
  packages: ['opencode-ai'],
  flags: [
    { names: ['--auto', '--yolo', '--dangerously-skip-permissions'], meaning: { fact: 'bypass', grants: 'allow-all-tools' } },
    { names: ['--share'], meaning: { fact: 'session-sharing' } },
  ],
  // The config OpenCode merges over every file, and its permission block, given as JSON in the environment
  // (https://opencode.ai/docs/config, "Inline config", OPENCODE_CONFIG_CONTENT; https://opencode.ai/docs/cli,
  // environment variables, OPENCODE_PERMISSION).
  env: [
    { names: ['OPENCODE_CONFIG_CONTENT'], takes: 'one', meaning: { fact: 'settings', format: 'opencode' } },
    { names: ['OPENCODE_PERMISSION'], takes: 'one', meaning: { fact: 'settings', format: 'opencode', under: 'permission' } },
  ],
  valued: [
    '--command',
    '-s',
    '--session',
    '-m',
    '--model',
    '--agent',
    '--format',
    '-f',
    '--file',
    '--title',
    '--attach',
    '-p',
    '--password',
    '-u',
    '--username',
    '--dir',
    '--port',
    '--variant',
  ],
  commands: [
    'auth',
    'mcp',
    'serve',
    'web',
    'models',
    'upgrade',
    'uninstall',
    'agent',
    'stats',
    'export',
    'import',
    'acp',
    'debug',
    'session',
  ],
  source: 'github.com/anomalyco/opencode packages/opencode/src/cli/cmd/run.ts',
};

/**
 * Kilo Code's CLI (`@kilocode/cli`, `kilo`; `kilocode` before 1.0), a fork of OpenCode with its `run` command:
 * `kilo run --auto` "disables all permission prompts" (github.com/Kilo-Org/kilocode README, "Autonomous Mode").
 */
const KILO: AgentCli = {
  agent: 'kilo-code',
  name: 'Kilo Code CLI',
  programs: ['kilo', 'kilocode'],
  packages: ['@kilocode/cli'],
  flags: [{ names: ['--auto'], meaning: { fact: 'bypass', grants: 'allow-all-tools' } }],
  valued: OPENCODE.valued,
  commands: OPENCODE.commands,
  source: 'github.com/Kilo-Org/kilocode README (Autonomous Mode)',
};

/**
 * Aider: github.com/Aider-AI/aider aider/args.py (`--yes-always`; argparse also takes the unambiguous prefix
 * `--yes`).
 */
const AIDER: AgentCli = {
  agent: 'aider',
  name: 'Aider',
  programs: ['aider'],
  packages: ['aider-chat'],
  flags: [{ names: ['--yes-always', '--yes'], meaning: { fact: 'bypass', grants: 'confirm-all', note: 'Aider has no sandbox' } }],
  valued: [
    '--model',
    '-m',
    '--message',
    '-f',
    '--message-file',
    '--read',
    '--file',
    '--config',
    '-c',
    '--env-file',
    '--test-cmd',
    '--lint-cmd',
    '--edit-format',
    '--weak-model',
    '--editor-model',
  ],
  commands: [],
  source: 'github.com/Aider-AI/aider aider/args.py',
};

/** GitHub Copilot CLI: github.com/github/docs content/copilot/reference/copilot-cli-reference/cli-programmatic-reference.md. */
const COPILOT: AgentCli = {
  agent: 'copilot',
  name: 'GitHub Copilot CLI',
  programs: ['copilot'],
  packages: ['@github/copilot'],
  flags: [
    { names: ['--allow-all', '--yolo'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } },
    { names: ['--allow-all-tools'], meaning: { fact: 'bypass', grants: 'allow-all-tools' } },
    { names: ['--allow-all-paths'], meaning: { fact: 'writable-root', path: '/' } },
    { names: ['--allow-all-urls'], meaning: { fact: 'network', what: 'fetch' } },
    { names: ['--allow-tool'], takes: 'one', split: ',', meaning: { fact: 'tool', decision: 'allow', syntax: 'copilot' } },
    { names: ['--deny-tool'], takes: 'one', split: ',', meaning: { fact: 'tool', decision: 'deny', syntax: 'copilot' } },
    { names: ['--allow-url'], takes: 'one', split: ',', meaning: { fact: 'domain' } },
    { names: ['--add-dir'], takes: 'one', meaning: { fact: 'writable-root' } },
    { names: ['--share-gist'], meaning: { fact: 'session-sharing' } },
  ],
  valued: [
    '-p',
    '--prompt',
    '--agent',
    '--model',
    '--secret-env-vars',
    '--share',
    '--available-tools',
    '--excluded-tools',
    '--resume',
    '--log-dir',
    '--log-level',
  ],
  commands: ['help', 'init', 'update', 'version', 'login', 'logout', 'plugin'],
  source: 'github.com/github/docs content/copilot/reference/copilot-cli-reference/cli-programmatic-reference.md',
};

/**
 * Amp: the legacy `--dangerously-allow-all` switch (not in the current manual; read from Amp SDK documentation and
 * E2B's Amp guide, https://e2b.dev/docs/agents/amp, which uses it to auto-approve every tool call).
 */
const AMP: AgentCli = {
  agent: 'amp',
  name: 'Amp',
  programs: ['amp'],
  packages: ['@ampcode/cli', '@sourcegraph/amp'],
  flags: [{ names: ['--dangerously-allow-all'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } }],
  valued: ['-x', '--execute', '--mode', '--visibility', '--settings-file', '--log-level', '--log-file', '--executor'],
  commands: ['login', 'logout', 'threads', 'tools', 'mcp', 'permissions', 'update', 'doctor', 'secrets', 'clone'],
  source: 'https://ampcode.com/manual (execute mode); the switch as Amp SDKs pass it',
};

/** Factory Droid: https://docs.factory.ai/reference/cli-reference (`droid exec` autonomy levels). */
const DROID: AgentCli = {
  agent: 'droid',
  name: 'Factory Droid',
  programs: ['droid'],
  packages: ['droid'],
  flags: [
    { names: ['--skip-permissions-unsafe'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } },
    { names: ['--auto'], takes: 'one', values: { high: { fact: 'bypass', grants: 'allow-all-tools' } } },
  ],
  valued: [
    '-f',
    '--file',
    '-m',
    '--model',
    '-s',
    '--session-id',
    '-o',
    '--output-format',
    '--input-format',
    '--enabled-tools',
    '--disabled-tools',
    '--cwd',
  ],
  commands: ['mcp', 'update', 'login', 'logout', 'plugin'],
  source: 'https://docs.factory.ai/reference/cli-reference',
};

/**
 * Letta Code: letta-ai/letta-code, src/cli/args.ts (its options) and src/permissions/mode.ts (`unrestricted`, and
 * `bypassPermissions` and `fullAccess` read as it); `--yolo` is `--permission-mode unrestricted`
 * (https://docs.letta.com/letta-code/permissions).
 */
const LETTA: AgentCli = {
  agent: 'letta-code',
  name: 'Letta Code',
  programs: ['letta'],
  packages: ['@letta-ai/letta-code'],
  flags: [
    { names: ['--yolo'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } },
    {
      names: ['--permission-mode'],
      takes: 'one',
      values: Object.fromEntries(
        ['unrestricted', 'bypassPermissions', 'fullAccess'].map((mode) => [mode, { fact: 'bypass', grants: 'skip-all-prompts' } as const]),
      ),
    },
    // One value, split at commas outside brackets (src/permissions/cli.ts, parseToolList).
    { names: ['--allowedTools'], takes: 'one', split: ',', meaning: { fact: 'tool', decision: 'allow', syntax: 'letta' } },
    { names: ['--disallowedTools'], takes: 'one', split: ',', meaning: { fact: 'tool', decision: 'deny', syntax: 'letta' } },
  ],
  valued: [
    ...['-C', '--conversation', '--base-tools', '-a', '--agent', '-n', '--name', '-m', '--model', '--embedding', '-s'],
    ...['--system', '--system-custom', '--personality', '--toolset', '--dev-backend', '--backend', '--tools'],
    ...['--output-format', '--input-format', '--from-agent', '--environment', '--env', '--skills'],
    ...['--skill-sources', '--pre-load-skills', '--from-af', '--import', '--tags', '--memfs-startup', '--reflection-trigger'],
    ...['--reflection-step-count', '--max-turns'],
  ],
  commands: ['backend', 'setup', 'update'],
  source: 'letta-ai/letta-code, src/cli/args.ts; https://docs.letta.com/letta-code/permissions',
};

export const AGENT_CLIS: readonly AgentCli[] = [CODEX, CLAUDE, GEMINI, QWEN, CURSOR, OPENCODE, KILO, AIDER, COPILOT, AMP, DROID, LETTA];

/** Text matched literally inside a regular expression. */
export const escapeWord = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A test for any agent CLI's program or package name, or one of `extra`, written as a word: a file without one
 * cannot start an agent, so it need not be parsed (a cheap test before any parser runs).
 */
export function namesAnAgent(extra: readonly string[] = []): (text: string) => boolean {
  const words = [...new Set([...AGENT_CLIS.flatMap((c) => [...c.programs, ...c.packages]), ...extra])];
  // A name is a word of its own, or a parameter's default (`${CLAUDE_BIN:-claude}`, `${BIN-claude}`, `${1:-claude}`), not
  // part of a longer name.
  const pattern = new RegExp(`(?:^|[^\\w-]|[-=](?<=\\$\\{[^{}$\\s=-]{1,128}[-=]))(?:${words.map(escapeWord).join('|')})(?!\\w)`, 'i');
  // A shell joins quoted pieces and drops a backslash before a letter: `cl""aude`, `c\laude` and `cla'ud'e` run
  // `claude`. Read again without them, only when a quote or backslash stands between two letters.
  return (text) =>
    pattern.test(text) ||
    (SPLIT_NAME.test(text) && pattern.test(text.replace(/["'\\]/g, ''))) ||
    (text.includes("$'") && ANSI_ESCAPE.test(text) && pattern.test(decodeEscapes(text).replace(/["'\\]/g, '')));
}

/** A backslash escape that writes a character by its code, as bash reads it inside `$'…'` (`\x63`, `\143`, `\u0063`). */
const ANSI_ESCAPE = /\\(?:x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|u[0-9A-Fa-f]{1,4})/;
/** Every such escape of `text` decoded as the shell parser decodes it (`ansiEscape`). */
const decodeEscapes = (text: string): string =>
  text.replace(new RegExp(ANSI_ESCAPE.source, 'g'), (_, at: number) => ansiEscape(text, at + 1).text);

/** A quote or a backslash between two letters: what may split an agent's name in a shell word. */
const SPLIT_NAME = /[A-Za-z](?:["']+|\\)[A-Za-z]/;

const BY_NAME = new Map(AGENT_CLIS.flatMap((c) => [...c.programs, ...c.packages].map((w): [string, AgentCli] => [w.toLowerCase(), c])));
const NAME = new RegExp(`(?:^|[^\\w-])(${[...BY_NAME.keys()].map(escapeWord).join('|')})(?!\\w)`, 'i');

/** The agent CLI whose program or package `text` first names as a word, if any. */
export function agentNamedIn(text: string): AgentCli | undefined {
  return agentNamedAt(text)?.cli;
}

/** The agent CLI `text` first names as a word, with where its name starts. */
export function agentNamedAt(text: string): { cli: AgentCli; index: number } | undefined {
  const m = NAME.exec(text);
  const cli = m === null ? undefined : BY_NAME.get(m[1]!.toLowerCase());
  return cli === undefined ? undefined : { cli, index: m!.index + m![0].length - m![1]!.length };
}
