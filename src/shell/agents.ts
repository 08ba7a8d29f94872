/**
 * Agent CLIs in a command line: which words start an agent (`codex exec`, `npx -y @anthropic-ai/claude-code`,
 * `sh -c "gemini --yolo"`) and which of their flags change what the agent may do, read by the one shell parser.
 * The vocabulary of each CLI is data below, with its source; flags that are not listed are not read.
 */
import type { BypassGrant, Decision, FactOf, SandboxMode } from '../core/posture.js';
import { base, packageRun, SHELL_PROGRAMS, slice, unwrap } from './programs.js';
import { parseCommandLine, type Script, type Word } from './syntax.js';

/** What a flag (or one of its values) means, in the terms of the facts config files give. */
export type FlagMeaning =
  | { fact: 'bypass'; grants: BypassGrant; note?: string }
  | { fact: 'sandbox'; mode: SandboxMode }
  | { fact: 'approval-never' }
  | { fact: 'model-reviewer' }
  | { fact: 'network'; what: FactOf<'network'>['what'] }
  /** The value is a folder the agent may write (or read and write) besides the repository. */
  | { fact: 'writable-root' }
  /** The value is a tool permission entry in the agent's own syntax. */
  | { fact: 'tool'; decision: Decision; syntax: ToolSyntax }
  /** The value is `key=value`, a config key set as if written in the agent's config file. */
  | { fact: 'config-override'; format: 'codex' }
  /** The value is a settings file or the settings themselves as JSON. */
  | { fact: 'settings'; format: 'claude' }
  /** The value is an MCP config file or the config itself as JSON. */
  | { fact: 'mcp-config' };

/** Whose permission entries a tool flag takes. */
export type ToolSyntax = 'claude' | 'gemini' | 'copilot';

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
  programs: readonly string[];
  /** Registry package names a package runner starts it by (`npx @openai/codex`). */
  packages: readonly string[];
  flags: readonly FlagSpec[];
  /** Options whose value is the next word (prompts, models, files) that mean nothing here. */
  valued: readonly string[];
  /** First operands that run something other than an agent session (`claude mcp add`, `codex login`). */
  commands: readonly string[];
  /** Where the vocabulary was read. */
  source: string;
}

const HELP = ['--help', '-h', '--version', '-V', '-v'];

/**
 * Codex: `codex-rs/utils/cli/src/shared_options.rs` (`--sandbox`/`-s`, `--dangerously-bypass-approvals-and-sandbox`
 * alias `--yolo`, `--not-so-yolo`, `--add-dir`), `codex-rs/utils/cli/src/config_override.rs` (`-c`/`--config`),
 * `codex-rs/tui/src/cli.rs` (`--ask-for-approval`/`-a`, `--full-auto`, `--search`), `codex-rs/exec/src/cli.rs`.
 */
const CODEX: AgentCli = {
  agent: 'codex',
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
  programs: ['claude'],
  packages: ['@anthropic-ai/claude-code'],
  flags: [
    { names: ['--dangerously-skip-permissions'], meaning: { fact: 'bypass', grants: 'skip-all-prompts' } },
    {
      names: ['--permission-mode'],
      takes: 'one',
      values: { bypassPermissions: { fact: 'bypass', grants: 'skip-all-prompts' }, auto: { fact: 'model-reviewer' } },
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

export const AGENT_CLIS: readonly AgentCli[] = [CODEX, CLAUDE, GEMINI];

const BY_PROGRAM = new Map<string, AgentCli>();
const BY_PACKAGE = new Map<string, AgentCli>();
for (const cli of AGENT_CLIS) {
  for (const p of cli.programs) BY_PROGRAM.set(p, cli);
  for (const p of cli.packages) BY_PACKAGE.set(p, cli);
}

/** The CLI an agent id or program name names (`claude-code` or `claude`), for argument strings given alone. */
export const agentCli = (name: string): AgentCli | undefined => AGENT_CLIS.find((c) => c.agent === name) ?? BY_PROGRAM.get(name);

/** One flag of an agent run that means something: its name as written, its value, and characters in the line. */
export interface AgentFlag {
  flag: string;
  spec: FlagSpec;
  /** The value (one entry of a list value); absent for a switch. */
  value?: string;
  /** The flag (with its value) in the line, end exclusive. */
  start: number;
  end: number;
  /** The value alone in the line, when there is one. */
  valueStart?: number;
  valueEnd?: number;
}

export interface AgentInvocation {
  cli: AgentCli;
  /** The program as written (`codex`, `npx @anthropic-ai/claude-code`). */
  program: string;
  start: number;
  end: number;
  flags: AgentFlag[];
}

export interface AgentRunLimits {
  /** Runs kept per line (default 16). */
  maxRuns?: number;
  /** Lines longer than this are read up to this length (default 64 KiB). */
  maxLength?: number;
  /** How deep `sh -c` strings are followed (default 4). */
  maxShellDepth?: number;
}

const DEFAULTS = { maxRuns: 16, maxLength: 64 * 1024, maxShellDepth: 4 };

/** The agent runs a command line starts, in the order they appear. */
export function findAgentRuns(line: string, limits: AgentRunLimits = {}): AgentInvocation[] {
  const o = { ...DEFAULTS, ...limits };
  const runs: AgentInvocation[] = [];
  const text = line.length > o.maxLength ? line.slice(0, o.maxLength) : line;
  readScript(parseCommandLine(text).script, (k) => k, 0, runs, o);
  return runs;
}

/** The flags of an argument string given to a CLI alone (a vendor action's `claude_args`). */
export function readAgentArguments(cli: AgentCli, args: string, limits: AgentRunLimits = {}): AgentFlag[] {
  const o = { ...DEFAULTS, ...limits };
  const text = args.length > o.maxLength ? args.slice(0, o.maxLength) : args;
  const words = parseCommandLine(text).script.commands.flatMap((c) => c.words);
  return readFlags(cli, words, (k) => k);
}

function readScript(script: Script, at: (k: number) => number, depth: number, runs: AgentInvocation[], o: Required<AgentRunLimits>): void {
  for (const c of script.commands) {
    if (runs.length >= o.maxRuns) return;
    for (const w of c.words) for (const s of w.subs) readScript(s, at, depth, runs, o);
    const words = c.words.slice(unwrap(c.words).index);
    const head = words[0];
    if (!head) continue;
    const name = base(head.text);
    // `sh -c "claude -p …"`: the string is a command line of its own.
    if (SHELL_PROGRAMS.has(name)) {
      const flag = words.findIndex((w, k) => k > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w.text));
      const code = flag > 0 ? words[flag + 1] : undefined;
      if (code && depth < o.maxShellDepth) {
        const map = code.map;
        const inner = (k: number): number => at(map[k] ?? (map.length ? map[map.length - 1]! + 1 : code.end));
        readScript(parseCommandLine(code.text).script, inner, depth + 1, runs, o);
      }
      continue;
    }
    const found = agentAt(words);
    if (!found) continue;
    const { cli, rest } = found;
    const args = words.slice(rest);
    const operand = firstOperand(cli, args);
    if (args.some((a) => HELP.includes(a.text)) || (operand && cli.commands.includes(operand.text))) continue;
    const last = words[rest - 1] ?? head;
    runs.push({
      cli,
      program: words
        .slice(0, rest)
        .map((w) => w.text)
        .join(' '),
      start: at(head.start),
      end: at(last.end - 1) + 1,
      flags: readFlags(cli, args, at),
    });
  }
}

/** The agent CLI a command's words start, and the index of its first argument. */
function agentAt(words: readonly Word[]): { cli: AgentCli; rest: number } | undefined {
  const direct = BY_PROGRAM.get(base(words[0]!.text));
  if (direct) return { cli: direct, rest: 1 };
  const run = packageRun(words);
  const spec = run?.run.package?.text;
  if (!run || spec === undefined) return undefined;
  // `@scope/name@1.2.3` and `name@latest` name the package `@scope/name` and `name`.
  const at = spec.indexOf('@', 1);
  const cli = BY_PACKAGE.get(at > 0 ? spec.slice(0, at) : spec);
  if (!cli) return undefined;
  // `npx -p @openai/codex codex …`: the package's program is the next word.
  const next = words[run.rest];
  const rest = next && cli.programs.includes(next.text) && words[run.rest - 1] !== run.run.package ? run.rest + 1 : run.rest;
  return { cli, rest };
}

/** The first operand of a run, skipping the values of options. */
function firstOperand(cli: AgentCli, args: readonly Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--') return args[i + 1];
    if (!t.startsWith('-') || t === '-') return args[i];
    const spec = specOf(cli, t);
    if (!t.includes('=') && (cli.valued.includes(t) || spec?.takes === 'one')) i++;
  }
  return undefined;
}

const specOf = (cli: AgentCli, name: string): FlagSpec | undefined => cli.flags.find((f) => f.names.includes(name));

function readFlags(cli: AgentCli, args: readonly Word[], at: (k: number) => number): AgentFlag[] {
  const out: AgentFlag[] = [];
  const end = (w: Word, to = w.text.length): number => at(w.map[to - 1] ?? w.end - 1) + 1;
  const startOf = (w: Word, from = 0): number => at(w.map[from] ?? w.start);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const t = word.text;
    if (t === '--') break;
    if (!t.startsWith('-') || t === '-') continue;
    const eq = t.startsWith('--') ? t.indexOf('=') : -1;
    const name = eq > 0 ? t.slice(0, eq) : t;
    const spec = specOf(cli, name);
    if (!spec) {
      if (eq < 0 && cli.valued.includes(name)) i++;
      continue;
    }
    const flagStart = startOf(word);
    if (!spec.takes) {
      if (eq < 0) out.push(...meaningful(spec, name, undefined, flagStart, end(word)));
      continue;
    }
    const values: Word[] = [];
    if (eq > 0) values.push(slice(word, eq + 1));
    else if (spec.takes === 'one') {
      const next = args[i + 1];
      if (next) values.push(next);
      i++;
    } else {
      while (i + 1 < args.length && !args[i + 1]!.text.startsWith('-')) values.push(args[++i]!);
    }
    const entries = values.flatMap((v) => parts(v, spec.split));
    // One value is shown with its flag; each entry of a list alone.
    for (const part of entries)
      out.push(...meaningful(spec, name, part.text, entries.length === 1 ? flagStart : startOf(part), end(part), startOf(part)));
  }
  return out;
}

function meaningful(spec: FlagSpec, flag: string, value: string | undefined, start: number, end: number, valueStart?: number): AgentFlag[] {
  const has = spec.meaning ?? (value === undefined ? undefined : spec.values?.[value]);
  if (!has) return [];
  return [
    {
      flag,
      spec,
      ...(value === undefined ? {} : { value }),
      start,
      end,
      ...(valueStart === undefined ? {} : { valueStart, valueEnd: end }),
    },
  ];
}

/** A list value split at `split` characters outside parentheses (`Bash(git log, git diff),Read`), empty parts dropped. */
function parts(w: Word, split: string | undefined): Word[] {
  if (!split) return w.text === '' ? [] : [w];
  const out: Word[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k <= w.text.length; k++) {
    const c = w.text[k];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === undefined || (depth === 0 && split.includes(c))) {
      if (k > from) out.push(slice(w, from, k));
      from = k + 1;
    }
  }
  return out;
}
