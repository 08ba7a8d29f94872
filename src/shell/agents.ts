/**
 * Agent CLIs in a command line: which words start an agent (`codex exec`, `npx -y @anthropic-ai/claude-code`,
 * `sh -c "gemini --yolo"`) and which of their flags change what the agent may do, read by the one shell parser.
 * The vocabulary of each CLI is data (`agent-clis.ts`), with its source; flags that are not listed are not read.
 */
import { AGENT_CLIS, agentNamedIn, type AgentCli, type FlagMeaning, type FlagSpec } from './agent-clis.js';
import { base, clusterWidth, containerCommand, packageRun, SHELL_PROGRAMS, SHELL_SCRIPT_FLAG, slice, unwrap } from './programs.js';
import { parseCommandLine, type Script, type Word } from './syntax.js';

const BY_PROGRAM = new Map<string, AgentCli>();
const BY_PACKAGE = new Map<string, AgentCli>();
for (const cli of AGENT_CLIS) {
  for (const p of cli.programs) BY_PROGRAM.set(p, cli);
  for (const p of cli.packages) BY_PACKAGE.set(p, cli);
}
const HELP = ['--help', '-h', '--version', '-V', '-v'];

/** The CLI an agent id or program name names (`claude-code` or `claude`), for argument strings given alone. */
export const agentCli = (name: string): AgentCli | undefined => AGENT_CLIS.find((c) => c.agent === name) ?? BY_PROGRAM.get(name);

/** One flag of an agent run that means something: its name as written, its value, and characters in the line. */
export interface AgentFlag {
  flag: string;
  spec: FlagSpec;
  /** The value (one entry of a list value); absent for a switch. */
  value?: string;
  /** An environment variable set for the run: its value is written after `=`. */
  env?: true;
  /** The flag with its value in the line (an entry of a list alone), end exclusive. */
  start: number;
  end: number;
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

/**
 * Where a limit stopped the reading of a command line that goes on to start an agent, or may: from `at` on, nothing
 * was read, so what it grants is not known. `cli`: the agent it starts there, or the last one read before.
 */
export interface UnreadPart {
  at: number;
  cli: AgentCli;
  why: string;
}

/** The limits of one reading, and the places where its depth limit stopped it before an agent's name (shared). */
type Reading = Required<AgentRunLimits> & { deep?: { at: number; cli: AgentCli }[] };

/** Past the depth limit: words not read, recorded when they name an agent. */
function tooDeep(words: readonly Word[], at: (k: number) => number, o: Reading): void {
  const cli = agentNamedIn(words.map((w) => w.text).join(' '));
  if (cli && words[0]) o.deep?.push({ at: at(words[0].start), cli });
}

/** Characters before the length limit looked at again for an agent's name, so that a name it cuts is seen. */
const NAME_OVERLAP = 64;

/**
 * The agent runs a command line starts, in the order they appear, and where a limit stopped the reading: past
 * `maxRuns` runs, or past `maxLength` characters when the rest names an agent or a run was read before.
 */
export function findAgentRuns(line: string, limits: AgentRunLimits = {}): { runs: AgentInvocation[]; unread?: UnreadPart } {
  const o = { ...DEFAULTS, ...limits };
  const runs: AgentInvocation[] = [];
  const cut = line.length > o.maxLength;
  const deep: { at: number; cli: AgentCli }[] = [];
  // One run more than is kept: the first run left out says where the reading stopped.
  readScript(parseCommandLine(cut ? line.slice(0, o.maxLength) : line).script, (k) => k, 0, runs, { ...o, maxRuns: o.maxRuns + 1, deep });
  if (runs.length > o.maxRuns) {
    const next = runs[o.maxRuns]!;
    return {
      runs: runs.slice(0, o.maxRuns),
      unread: {
        at: next.start,
        cli: next.cli,
        why: `the line starts more than ${o.maxRuns} agent runs and those after the ${o.maxRuns}th were not read, so what they grant could not be verified; split it into shorter lines`,
      },
    };
  }
  const named = cut ? (agentNamedIn(line.slice(o.maxLength - NAME_OVERLAP)) ?? runs.at(-1)?.cli) : undefined;
  if (named) return { runs, unread: { at: o.maxLength, cli: named, why: tooLong(o.maxLength) } };
  const [first] = deep;
  if (first === undefined) return { runs };
  const why = `the command nests shells, aliases or containers more than ${o.maxShellDepth} deep and starts an agent past that, which was not read, so what it grants could not be verified; nest it less`;
  return { runs, unread: { at: first.at, cli: first.cli, why } };
}

const tooLong = (maxLength: number): string =>
  `the command is longer than ${Math.floor(maxLength / 1024)} KiB and starts an agent; what follows its first ${Math.floor(maxLength / 1024)} KiB was not read, so what it grants could not be verified; shorten it`;

/**
 * The flags of an argument string given to a CLI alone (a vendor action's `claude_args`, `codex-args`): words as a
 * shell splits them, or a JSON array of strings (openai/codex-action takes either); past `maxLength`, where the
 * reading stopped.
 */
export function readAgentArguments(cli: AgentCli, args: string, limits: AgentRunLimits = {}): { flags: AgentFlag[]; unread?: UnreadPart } {
  const o = { ...DEFAULTS, ...limits };
  const cut = args.length > o.maxLength;
  const text = cut ? args.slice(0, o.maxLength) : args;
  const words = jsonArrayWords(text) ?? parseCommandLine(text).script.commands.flatMap((c) => c.words);
  const flags = readFlags(cli, words, (k) => k);
  return cut ? { flags, unread: { at: o.maxLength, cli, why: tooLong(o.maxLength) } } : { flags };
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** The strings of a JSON array of strings as words, each character mapped to its place in `text`. */
function jsonArrayWords(text: string): Word[] | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) return undefined;
  // Valid JSON: every quote outside a string opens the next element.
  const words: Word[] = [];
  let k = text.indexOf('[') + 1;
  while (words.length < parsed.length) {
    const open = text.indexOf('"', k);
    const w: Word = { text: '', start: open, end: open, map: [], subs: [] };
    for (k = open + 1; k < text.length && text[k] !== '"';) {
      const c = text.charAt(k);
      const e = text.charAt(k + 1);
      const raw = c !== '\\' ? 1 : e === 'u' ? 6 : 2;
      w.text += raw === 1 ? c : e === 'u' ? String.fromCharCode(Number.parseInt(text.slice(k + 2, k + 6), 16)) : (JSON_ESCAPES[e] ?? e);
      w.map.push(k);
      k += raw;
    }
    w.end = ++k;
    words.push(w);
  }
  return words;
}

function readScript(script: Script, at: (k: number) => number, depth: number, runs: AgentInvocation[], o: Reading): void {
  for (const c of script.commands) {
    if (runs.length >= o.maxRuns) return;
    for (const w of c.words) for (const s of w.subs) readScript(s, at, depth, runs, o);
    readCommand(c.words, at, depth, runs, o);
  }
}

/**
 * tmux(1): its commands that start a shell command in a new session, window or pane or run one (the arguments after
 * the options), and `send-keys`, whose arguments are typed into a pane (key names such as `Enter` and `C-m` aside);
 * with the letters of each that take a value (`-t target`, `-c dir`), read as getopt reads a cluster (`-ds work`).
 */
const TMUX_COMMANDS: Readonly<Record<string, { valued: string; typed?: true }>> = {
  'new-session': { valued: 'cefFnstxy' },
  'new-window': { valued: 'ceFnt' },
  'split-window': { valued: 'ceFlpt' },
  'respawn-pane': { valued: 'cet' },
  'respawn-window': { valued: 'cet' },
  'run-shell': { valued: 'cdt' },
  'send-keys': { valued: 'cNt', typed: true },
  // No shell command: named so that a start of a name it shares is read as tmux reads it, as no command.
  'send-prefix': { valued: '' },
};
const TMUX_ALIASES: Readonly<Record<string, string>> = {
  new: 'new-session',
  neww: 'new-window',
  splitw: 'split-window',
  respawnp: 'respawn-pane',
  respawnw: 'respawn-window',
  run: 'run-shell',
  send: 'send-keys',
};
/** tmux's own letters that take a value; `-c` among them is a shell command tmux runs. */
const TMUX_OWN_VALUED = 'cfLST';
/** A key name send-keys presses rather than types: `Enter`, `C-m`, `M-x`, `Escape`, `F5`. */
const TMUX_KEY = /^(?:Enter|KPEnter|Escape|Tab|BTab|Space|BSpace|Up|Down|Left|Right|Home|End|[CMS]-\S+|\^\S|F\d{1,2})$/;

/** A tmux command by its name, an alias, or a start that names one command only (tmux's cmd_find). */
function tmuxCommand(name: string): string | undefined {
  if (Object.hasOwn(TMUX_COMMANDS, name)) return name;
  if (Object.hasOwn(TMUX_ALIASES, name)) return TMUX_ALIASES[name];
  const starts = Object.keys(TMUX_COMMANDS).filter((full) => full.startsWith(name));
  return name.length >= 3 && starts.length === 1 ? starts[0] : undefined;
}

/** The shell commands a tmux command line starts or types, each with whether it is typed: one per command of a `;` chain. */
function tmuxRuns(words: readonly Word[]): { code: Word[]; typed: boolean }[] {
  const out: { code: Word[]; typed: boolean }[] = [];
  let i = 1;
  for (; i < words.length && words[i]!.text.startsWith('-') && words[i]!.text !== '--';) {
    const width = clusterWidth(words[i]!.text, TMUX_OWN_VALUED);
    // `tmux -c 'command'`: the value is a shell command tmux runs.
    if (width === 2 && words[i]!.text.endsWith('c') && words[i + 1]) out.push({ code: [words[i + 1]!], typed: false });
    i += width;
  }
  if (words[i]?.text === '--') i++;
  // `new-session -d -s w \; send-keys -t w 'claude …' Enter`: each command of the chain.
  while (i < words.length) {
    let end = i;
    while (end < words.length && words[end]!.text !== ';') end++;
    const name = tmuxCommand(words[i]!.text);
    const spec = name === undefined ? undefined : TMUX_COMMANDS[name];
    if (spec !== undefined && spec.valued !== '') {
      let k = i + 1;
      for (; k < end && words[k]!.text.startsWith('-') && words[k]!.text !== '--';) k += clusterWidth(words[k]!.text, spec.valued);
      if (words[k]?.text === '--') k++;
      const rest = words.slice(k, end);
      const code = spec.typed === true ? rest.filter((w) => !TMUX_KEY.test(w.text)) : rest;
      if (code.length > 0) out.push({ code, typed: spec.typed === true });
    }
    i = end + 1;
  }
  return out;
}

/** A script given to a shell with `-c` (`-lc`, `-ec`) among `words` from `from`: read as a command line of its own. */
function readShellCode(
  words: readonly Word[],
  from: number,
  at: (k: number) => number,
  depth: number,
  runs: AgentInvocation[],
  o: Reading,
): void {
  const flag = words.findIndex((w, k) => k >= from && SHELL_SCRIPT_FLAG.test(w.text));
  const code = flag >= 0 ? words[flag + 1] : undefined;
  if (!code) return;
  if (depth >= o.maxShellDepth) tooDeep([code], at, o);
  else readWordCode(code, 0, at, depth + 1, runs, o);
}

/** One simple command: a shell's `-c` script, a container's command, or an agent run with its flags. */
function readCommand(all: readonly Word[], at: (k: number) => number, depth: number, runs: AgentInvocation[], o: Reading): void {
  const body = groupBody(all);
  const unwrapped = unwrap(body);
  const words = unwrapped.words.slice(unwrapped.index);
  const head = words[0];
  if (!head) return;
  // `sh -c "claude -p …"`: the string is a command line of its own.
  if (SHELL_PROGRAMS.has(base(head.text))) {
    readShellCode(words, 1, at, depth, runs, o);
    return;
  }
  // `cmd /c claude …` and `cmd /k …`: the rest of the line is the command cmd runs, one quoted string or words.
  if (/^cmd(?:\.exe)?$/i.test(base(head.text))) {
    const flag = words.findIndex((w) => /^\/[ck]$/i.test(w.text));
    const rest = flag > 0 ? words.slice(flag + 1) : [];
    if (rest.length === 0) return;
    if (depth >= o.maxShellDepth) tooDeep(rest, at, o);
    else if (rest.length === 1 && /\s/.test(rest[0]!.text)) readWordCode(rest[0]!, 0, at, depth + 1, runs, o);
    else readCommand(rest, at, depth + 1, runs, o);
    return;
  }
  // `tmux new-session -d "claude …"`, `tmux send-keys -t x "claude …" Enter`: the command tmux starts, or types.
  if (base(head.text) === 'tmux') {
    for (const { code, typed } of tmuxRuns(words)) {
      if (depth >= o.maxShellDepth) tooDeep(code, at, o);
      else if (code.length === 1 || typed) for (const w of code) readWordCode(w, 0, at, depth + 1, runs, o);
      else readCommand(code, at, depth + 1, runs, o);
    }
    return;
  }
  // An alias or a fish abbreviation: the shell runs its value wherever the name is typed.
  if (head.text === 'alias' || head.text === 'abbr') {
    if (depth < o.maxShellDepth) readAlias(words, at, depth + 1, runs, o);
    else tooDeep(words.slice(1), at, o);
    return;
  }
  // `docker run … image claude -p …`: the container runs the command; `image -lc '…'` hands the image's shell
  // entry point a script.
  const inContainer = containerCommand(words);
  if (inContainer !== undefined) {
    if (inContainer[0]!.text.startsWith('-')) readShellCode(inContainer, 0, at, depth, runs, o);
    else if (depth < o.maxShellDepth) readCommand(inContainer, at, depth + 1, runs, o);
    else tooDeep(inContainer, at, o);
    return;
  }
  const found = agentAt(words);
  if (!found) return;
  const { cli, rest } = found;
  const args = words.slice(rest);
  const operand = firstOperand(
    cli,
    args.map((a) => a.text),
  );
  if (args.some((a) => HELP.includes(a.text)) || (operand !== undefined && cli.commands.includes(operand))) return;
  const last = words[rest - 1] ?? head;
  runs.push({
    cli,
    program: words
      .slice(0, rest)
      .map((w) => w.text)
      .join(' '),
    start: at(head.start),
    end: at(last.end - 1) + 1,
    flags: [...envFlags(cli, unwrapped.assignments, at), ...readFlags(cli, args, at)],
  });
}

/** The variables set for a run (`NAME=value` before the program or after `env`) that the CLI reads as flags. */
function envFlags(cli: AgentCli, assignments: readonly Word[], at: (k: number) => number): AgentFlag[] {
  if (!cli.env) return [];
  return assignments.flatMap((word) => {
    const eq = word.text.indexOf('=');
    const name = word.text.slice(0, eq);
    const spec = cli.env!.find((s) => s.names.includes(name));
    if (!spec) return [];
    const value = slice(word, eq + 1);
    const start = at(word.map[0] ?? word.start);
    return meaningful(spec, name, value.text, start, at(word.map[word.text.length - 1] ?? word.end - 1) + 1).map((f) => ({
      ...f,
      env: true as const,
    }));
  });
}

/** A name a function may be given (`f`, `my-tool`, `ns::run`). */
const FUNCTION_NAME = /^[A-Za-z_][\w.:-]*$/;

/**
 * The command a line's words run when they open a function or a group: `function f { cmd …`, `f() { cmd …` (the
 * parser has already dropped the parentheses), `{ cmd …`, and a `}` that closes the group on the same line without a
 * `;` (PowerShell's `function f { cmd }`). The words themselves otherwise.
 */
function groupBody(words: readonly Word[]): readonly Word[] {
  let from = 0;
  if (words[0]?.text === 'function' && words[1] !== undefined && FUNCTION_NAME.test(words[1].text)) from = 2;
  // Nushell's `[export] def [--env|--wrapped] name [params] { cmd … }` (https://www.nushell.sh/book/custom_commands.html).
  else if (words[0]?.text === 'def' || (words[0]?.text === 'export' && words[1]?.text === 'def')) {
    let name = words[0].text === 'export' ? 2 : 1;
    while (words[name]?.text.startsWith('--') === true) name++;
    if (words[name] !== undefined)
      from = Math.max(
        name + 1,
        words.findIndex((w, k) => k > name && w.text === '{'),
      );
  } else if (words[1]?.text === '{' && FUNCTION_NAME.test(words[0]!.text)) from = 1;
  if (words[from]?.text !== '{') return from === 0 ? words : words.slice(from);
  const inner = words.slice(from + 1);
  return inner.at(-1)?.text === '}' ? inner.slice(0, -1) : inner;
}

/** A word's text from character `from` on, read as a command line of its own, at its characters. */
function readWordCode(word: Word, from: number, at: (k: number) => number, depth: number, runs: AgentInvocation[], o: Reading): void {
  const { map } = word;
  // Past the last character: just after it, or the word's end when no character is left.
  const after = map.length > from ? map[map.length - 1]! + 1 : word.end;
  const inner = (k: number): number => at(map[from + k] ?? after);
  readScript(parseCommandLine(word.text.slice(from)).script, inner, depth, runs, o);
}

/** Words as one, a space between each (its place: just after the word before), as fish joins an expansion. */
function joinWords(words: readonly Word[]): Word {
  const [first] = words;
  if (words.length === 1) return first!;
  const joined: Word = { text: '', start: first!.start, end: words.at(-1)!.end, map: [], subs: [] };
  words.forEach((w, k) => {
    if (k > 0) {
      joined.text += ' ';
      joined.map.push(words[k - 1]!.end);
    }
    joined.text += w.text;
    // One at a time: a word of a long line has more characters than a call takes arguments.
    for (const k of w.map) joined.map.push(k);
  });
  return joined;
}

/** fish's `abbr` options that take a value (fish-shell docs, abbr). */
const ABBR_VALUED = new Set(['-p', '--position', '-r', '--regex', '-f', '--function', '-c', '--command']);

/**
 * The values of an alias definition, each read as a command line: bash's and zsh's `alias [-g] name=value …`, in
 * whatever quoting the shell takes apart (the parser has already joined and unquoted each word), fish's `alias name
 * value`, and fish's `abbr [-a] name [options] [--] expansion…` (https://fishshell.com/docs/current/cmds/abbr.html).
 */
function readAlias(words: readonly Word[], at: (k: number) => number, depth: number, runs: AgentInvocation[], o: Reading): void {
  const args = words.slice(1);
  if (words[0]!.text === 'abbr') {
    let i = 0;
    const skipOptions = (): void => {
      while (i < args.length && args[i]!.text.startsWith('-') && args[i]!.text !== '--') i += ABBR_VALUED.has(args[i]!.text) ? 2 : 1;
      if (args[i]?.text === '--') i++;
    };
    skipOptions();
    // The name (`name=expansion` is not abbr's form), then options again, then the expansion.
    i++;
    skipOptions();
    // fish joins the expansion's words with spaces, and reads the whole as a command line.
    const expansion = args.slice(i);
    if (expansion.length > 0) readWordCode(joinWords(expansion), 0, at, depth, runs, o);
    return;
  }
  // Options: bash's `-p`, zsh's `-g` and `+g`, fish's `--save`.
  const operands = args.filter((w) => !/^[-+][a-zA-Z]+$/.test(w.text) && !/^--[a-zA-Z][\w-]*$/.test(w.text) && w.text !== '--');
  // fish: `alias name value` (two words, the name without `=`); read too where bash would print one alias and
  // define the next (`alias ls cc='…'`), below.
  if (operands.length === 2 && !operands[0]!.text.includes('=')) readWordCode(operands[1]!, 0, at, depth, runs, o);
  for (const w of operands) {
    if (runs.length >= o.maxRuns) return;
    const eq = w.text.indexOf('=');
    if (eq > 0) readWordCode(w, eq + 1, at, depth, runs, o);
  }
}

/** The agent CLI a command's words start, and the index of its first argument. */
function agentAt(words: readonly Word[]): { cli: AgentCli; rest: number } | undefined {
  // cmd's `@` (no echo) before a command, and Windows' program suffixes (`claude.exe`, npm's `claude.cmd`).
  const direct = BY_PROGRAM.get(
    base(words[0]!.text)
      .replace(/^@/, '')
      .replace(/\.(?:exe|cmd|bat)$/i, ''),
  );
  if (direct) return { cli: direct, rest: 1 };
  // `gh copilot [--] …` runs GitHub Copilot CLI with what follows, the flags after `--` (gh-copilot(1), GitHub CLI
  // manual: "use -- before Copilot flags and args").
  if (base(words[0]!.text) === 'gh' && words[1]?.text === 'copilot') {
    const copilot = BY_PROGRAM.get('copilot');
    if (copilot) return { cli: copilot, rest: words[2]?.text === '--' ? 3 : 2 };
  }
  const run = packageRun(words);
  const spec = run?.run.package?.text;
  if (!run || spec === undefined) return undefined;
  // `@scope/name@1.2.3` and `name@latest` name the package `@scope/name` and `name`.
  const at = spec.indexOf('@', 1);
  const cli = BY_PACKAGE.get(at > 0 ? spec.slice(0, at) : spec);
  // `npx -p @openai/codex codex …`: the runner's reading already skips the program named after the package.
  return cli ? { cli, rest: run.rest } : undefined;
}

/** The first operand of a run's arguments, skipping the values of options. */
function firstOperand(cli: AgentCli, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!;
    if (t === '--') return args[i + 1];
    if (!t.startsWith('-') || t === '-') return t;
    if (!t.includes('=') && (cli.valued.includes(t) || specOf(cli, t)?.takes === 'one') && isValueText(args[i + 1])) i++;
  }
  return undefined;
}

/** A meaning sandbox-mode reports of a launch: a bypass, or the sandbox turned off. */
const liftsPrompts = (meaning: FlagMeaning | undefined): boolean =>
  meaning?.fact === 'bypass' || (meaning?.fact === 'sandbox' && meaning.mode === 'danger-full-access');

/** Agents whose first operand starts a session only as `run` (a positional is a project folder, not a prompt). */
const ONLY_RUN = new Set(['opencode', 'kilo-code']);

/**
 * The agent a command allowed with free arguments after `words` starts a session of, and the switch it then takes that
 * skips every prompt (`claude -p` → `claude -p --dangerously-skip-permissions …`): allowing it allows any command,
 * through the agent it starts. Undefined when `words` name a subcommand that starts no session (`claude mcp`,
 * `codex login`), an option that only prints (`--version`), or an agent with no such switch. A wildcard word grants
 * nothing and is passed over.
 */
export function relaunchBypass(words: readonly string[]): { name: string; flag: string } | undefined {
  const cli = words[0] === undefined ? undefined : BY_PROGRAM.get(base(words[0]));
  if (!cli) return undefined;
  const rest = words.slice(1).filter((w) => w !== '*');
  // A bypass already written (`--yolo`, `--sandbox danger-full-access`) is the launch's own finding; any other value
  // leaves the switch free to be added after it.
  const written = (w: string, i: number): boolean => {
    const name = w.replace(/=.*$/s, '');
    const spec = specOf(cli, name);
    if (spec === undefined) return false;
    if (spec.values === undefined) return liftsPrompts(spec.meaning);
    const value = w.length > name.length ? w.slice(name.length + 1) : rest[i + 1];
    return value !== undefined && liftsPrompts(spec.values[value]);
  };
  if (rest.some((w, i) => HELP.includes(w) || written(w, i))) return undefined;
  // A subcommand that starts no session ends it; `name = …` is an assignment of another language that names the agent.
  const operand = firstOperand(cli, rest);
  if (operand !== undefined && (cli.commands.includes(operand) || operand === '=')) return undefined;
  // OpenCode's and Kilo's other subcommands are many and change from release to release: only `run` is taken to start one.
  if (operand !== undefined && ONLY_RUN.has(cli.agent) && operand !== 'run') return undefined;
  // A switch of its own that lifts every prompt (not one that hands the decision to a model).
  const flag = cli.flags.find((f) => f.takes === undefined && f.meaning?.fact === 'bypass' && f.meaning.grants !== 'model-approves');
  return flag ? { name: cli.name, flag: flag.names[0]! } : undefined;
}

/** A word that can be an option's value: a word that looks like an option is read as one. */
const isValueText = (t: string | undefined): t is string => t !== undefined && (!t.startsWith('-') || t === '-');
const isValue = (w: Word | undefined): w is Word => isValueText(w?.text);

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
    // `--name=value`, and `-xvalue` or `-x=value` for a one-letter option that takes a value.
    let name = t;
    let inline: Word | undefined;
    const eq = t.indexOf('=');
    if (t.startsWith('--') && eq > 0) {
      name = t.slice(0, eq);
      inline = slice(word, eq + 1);
    } else if (!t.startsWith('--') && t.length > 2 && specOf(cli, t.slice(0, 2))?.takes) {
      name = t.slice(0, 2);
      inline = slice(word, t[2] === '=' ? 3 : 2);
    }
    const spec = specOf(cli, name);
    if (!spec) {
      if (inline === undefined && cli.valued.includes(name) && isValue(args[i + 1])) i++;
      continue;
    }
    const flagStart = startOf(word);
    if (!spec.takes) {
      // A switch given a value (`--yolo=true`, as yargs reads it) is on only when the value says so.
      if (inline === undefined || inline.text === 'true') out.push(...meaningful(spec, name, undefined, flagStart, end(word)));
      continue;
    }
    const values: Word[] = [];
    if (inline) values.push(inline);
    else if (spec.takes === 'one') {
      if (isValue(args[i + 1])) values.push(args[++i]!);
    } else {
      while (isValue(args[i + 1])) values.push(args[++i]!);
    }
    const entries = values.flatMap((v) => parts(v, spec.split));
    // One value is shown with its flag; each entry of a list alone.
    for (const part of entries) out.push(...meaningful(spec, name, part.text, entries.length === 1 ? flagStart : startOf(part), end(part)));
  }
  return out;
}

/** The flag as read, when it (or its value) means something. */
function meaningful(spec: FlagSpec, flag: string, value: string | undefined, start: number, end: number): AgentFlag[] {
  const has = spec.meaning ?? (value === undefined ? undefined : spec.values?.[value]);
  return has ? [{ flag, spec, ...(value === undefined ? {} : { value }), start, end }] : [];
}

/** A list value split at `split` characters outside parentheses (`Bash(git log, git diff),Read`), each part trimmed, empty parts dropped. */
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
      let a = from;
      let b = k;
      while (a < b && /\s/.test(w.text[a]!)) a++;
      while (b > a && /\s/.test(w.text[b - 1]!)) b--;
      if (b > a) out.push(slice(w, a, b));
      from = k + 1;
    }
  }
  return out;
}
