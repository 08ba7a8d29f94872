import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { TOOL_NAME } from '../meta.js';

// The command line as data: which commands exist, which options each takes, and the help text made from both.

interface CommandSpec {
  /** The positionals, as the help shows them. */
  args: string;
  /** How many positionals it takes at most. */
  maxArgs: number;
  summary: string;
}

/** Every command; a new one is an entry here, its options' `commands` lists, and a case in `runCommand`. */
export const COMMANDS = {
  check: { args: '[PATH...]', maxArgs: Infinity, summary: 'check the committed agent files of the repository at PATH (default: .)' },
  review: { args: '[DIR]', maxArgs: 1, summary: 'the exception register: every exception, its owner, expiry and status' },
  init: {
    args: '[DIR]',
    maxArgs: 1,
    summary: 'write a commented .github/agent-policy.yml in DIR; --agent: a starting config for that agent',
  },
  fix: { args: '[DIR]', maxArgs: 1, summary: 'apply the safe automatic fixes of config findings, keeping comments and layout' },
  preflight: {
    args: '[DIR]',
    maxArgs: 1,
    summary: "the guide's checklist answered per agent from the committed files (a report: exit 0)",
  },
  rules: { args: '', maxArgs: 0, summary: 'list the rules with their docs links' },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

interface OptionSpec {
  type: 'string' | 'boolean';
  /** Given more than once, every value counts (otherwise giving it twice is an error). */
  multiple?: true;
  short?: string;
  value?: string;
  help: string;
  /** The commands it goes with; none: every command. */
  commands?: readonly CommandName[];
}

/** Every option, in the order the help lists them. */
export const OPTIONS = {
  policy: {
    type: 'string',
    value: 'FILE',
    help: 'policy file, or owner/repo/path@ref (default: .github/agent-policy.yml or .agent-policy.yml, else the embedded default)',
    commands: ['check', 'review', 'fix', 'preflight'],
  },
  format: {
    type: 'string',
    multiple: true,
    value: 'FORMAT',
    help: 'check: text|json|sarif|github|markdown; review: text|json|sarif|markdown; preflight: text|markdown|json; rules: text|json (default: text). Repeat it, each followed by its --output, for several reports in one run',
    commands: ['check', 'review', 'preflight', 'rules'],
  },
  output: {
    type: 'string',
    multiple: true,
    value: 'FILE',
    help: 'write the report of the --format before it to FILE instead of standard output',
    commands: ['check', 'review', 'preflight', 'rules'],
  },
  'fail-on': {
    type: 'string',
    value: 'LEVEL',
    help: 'error|warning|notice|never: lowest level that makes the exit code 1 (default: error)',
    commands: ['check', 'fix'],
  },
  'max-warnings': {
    type: 'string',
    value: 'N',
    help: 'exit 1 also when there are more than N warnings',
    commands: ['check'],
  },
  rule: {
    type: 'string',
    multiple: true,
    value: 'ID',
    help: 'report (fix: fix) only this rule (repeat it, or give a comma-separated list)',
    commands: ['check', 'fix'],
  },
  fix: { type: 'boolean', help: 'apply the safe fixes first, then report what remains', commands: ['check'] },
  'dry-run': { type: 'boolean', help: 'print the fixes as a unified diff and change nothing', commands: ['fix'] },
  path: {
    type: 'string',
    multiple: true,
    value: 'GLOB',
    help: 'fix only files matching GLOB (repeatable)',
    commands: ['fix'],
  },
  quiet: { type: 'boolean', help: 'report errors only (warnings and notices still count for the exit code)', commands: ['check'] },
  'min-confidence': {
    type: 'string',
    value: 'LEVEL',
    help: "high|medium|low: least certain guidance reading that counts against --fail-on (default: the policy's)",
    commands: ['check'],
  },
  base: {
    type: 'string',
    value: 'REV',
    help: 'the policy in force at REV applies; only new and updated findings fail (review: the register at REV)',
    commands: ['check', 'review'],
  },
  within: {
    type: 'string',
    value: 'DAYS',
    help: "report exceptions expiring within DAYS (default: the policy's)",
    commands: ['review'],
  },
  repository: {
    type: 'string',
    value: 'NAME',
    help: "the repository's name when its folder is named otherwise (default: the folder's name)",
    commands: ['check', 'review', 'fix', 'preflight'],
  },
  color: { type: 'boolean', help: 'colour text output even off a terminal', commands: ['check'] },
  'no-color': { type: 'boolean', help: 'never colour text output (NO_COLOR and FORCE_COLOR=0 do the same)', commands: ['check'] },
  agent: {
    type: 'string',
    value: 'NAME',
    help: 'codex|claude|gemini|aider|vscode: write a starting config for that agent that passes every rule',
    commands: ['init'],
  },
  force: { type: 'boolean', help: 'overwrite an existing policy file (with --agent: config file)', commands: ['init'] },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'show the version and the rules catalogue version' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
export type Values = {
  -readonly [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** `text` in lines of at most `width` characters, every line after the first indented by `indent`. */
function wrap(text: string, indent: number, width = 112): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export const usage = (): string => {
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${`${name} ${c.args}`.padEnd(18)}${c.summary}`);
  const flags = Object.entries(OPTIONS as Record<string, OptionSpec>).map(
    ([name, o]) => [`${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`, o] as const,
  );
  const column = Math.max(...flags.map(([flag]) => flag.length)) + 4;
  const options = flags.map(([flag, o]) => {
    const scope = o.commands && o.commands.length < Object.keys(COMMANDS).length ? ` [${o.commands.join(', ')}]` : '';
    return `  ${flag.padEnd(column - 2)}${wrap(`${o.help}${scope}`, column)}`;
  });
  return `Usage: ${TOOL_NAME} <command> [options]

Commands:
${commands.join('\n')}

Options:
${options.join('\n')}

check PATH: a folder of the repository, a file in it, or a glob; the repository is the git work tree that holds
the first PATH (outside git, the first PATH when it is a folder, else the current folder). Several PATHs narrow
the report to the agent files under them. See docs/cli.md.
Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref); NO_COLOR, FORCE_COLOR.
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it or more than --max-warnings warnings
(review: an exception expired or invalid), 2 usage error, invalid policy or internal error.
`;
};

/** The option a Node argument-parser message is about (`'--bogus'`, `'--within <value>'`). */
const optionIn = (message: string): string => /'(-{1,2}[^'\s<]+)/.exec(message)?.[1] ?? 'an option';

/** Node's parseArgs errors, said in this CLI's words (its own messages quote oddly and name internals). */
function toUsageError(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message: string };
  const option = optionIn(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return new UsageError(`${option} takes no value`);
    if (message.includes('ambiguous'))
      return new UsageError(`${option} needs a value; for a value that starts with "-" write ${option}=VALUE`);
    return new UsageError(`${option} needs a value`);
  }
  return new UsageError(message.replace(/\.$/, ''));
}

export interface ParsedArgs {
  command: CommandName | undefined;
  positionals: string[];
  values: Values;
  /** Each --format with the --output that follows it (before the next --format), in order. */
  reports: { format: string | undefined; output: string | undefined }[];
}

/** The command line as a command, its positionals and its checked options; throws `UsageError`. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
  } catch (error) {
    throw toUsageError(error);
  }
  const values = parsed.values;
  const [first, ...positionals] = parsed.positionals;
  if (values.help || values.version) return { command: undefined, positionals: [], values, reports: [] };
  if (first === undefined) throw new UsageError('no command given');
  if (!Object.hasOwn(COMMANDS, first))
    throw new UsageError(`unknown command "${first}"; the commands are ${Object.keys(COMMANDS).join(', ')}`);
  const command = first as CommandName;
  const spec = COMMANDS[command];
  if (positionals.length > spec.maxArgs)
    throw new UsageError(
      spec.maxArgs === 0
        ? `${command} takes no arguments (got ${positionals.join(' ')})`
        : `${command} takes at most one directory (got ${positionals.join(' ')})`,
    );
  const given = new Map<string, number>();
  for (const token of parsed.tokens) if (token.kind === 'option') given.set(token.name, (given.get(token.name) ?? 0) + 1);
  for (const [name, count] of given) {
    const option = (OPTIONS as Record<string, OptionSpec>)[name]!;
    if (option.commands && !option.commands.includes(command))
      throw new UsageError(`--${name} goes with ${option.commands.join(' or ')}, not ${command}`);
    if (count > 1 && !option.multiple) throw new UsageError(`--${name} is given ${count} times; give it once`);
    const value = (values as Record<string, unknown>)[name];
    const strings = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
    if (strings.some((s) => s.trim() === '')) throw new UsageError(`--${name} needs a value (got an empty one)`);
  }
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color contradict each other');
  return { command, positionals, values, reports: pairReports(parsed.tokens) };
}

/** `--format A --output a --format B`: each format with the output after it; an --output before any --format goes with the default format. */
function pairReports(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): ParsedArgs['reports'] {
  const reports: ParsedArgs['reports'] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') reports.push({ format: token.value, output: undefined });
    else if (token.name === 'output') {
      const last = reports.at(-1);
      if (last && last.output === undefined) last.output = token.value;
      else if (!last) reports.push({ format: undefined, output: token.value });
      else throw new UsageError(`--output ${token.value ?? ''} has no --format of its own; write --format before each --output`);
    }
  }
  if (reports.length === 0) reports.push({ format: undefined, output: undefined });
  const toStdout = reports.filter((r) => r.output === undefined);
  if (toStdout.length > 1) throw new UsageError('only one report can go to standard output; give every --format but one an --output');
  const files = reports.flatMap((r) => (r.output === undefined ? [] : [r.output]));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new UsageError(`--output ${twice} is given twice`);
  return reports;
}
