import type { AgentPosture, CommandRule } from '../../core/posture.js';
import { afterPrivilegeOptions, privilegeRunsNothing, unwrapCommand } from '../../shell/shell.js';
import { awaitsOptionValue, SHELL_SCRIPT_FLAG } from '../../shell/programs.js';
import { parseCommandLine, type Script } from '../../shell/syntax.js';
import { FREE_ARGUMENT, ghApiQuietEndpoint, PACKAGE_PLACEHOLDER, runsEntry } from '../../shell/catalog.js';

import { expandPattern } from '../../shell/patterns.js';
import { relaunchBypass } from '../../shell/agents.js';

const isPrefix = (prefix: readonly string[], words: readonly string[]): boolean =>
  prefix.length <= words.length && prefix.every((w, i) => w === '*' || w === words[i]);

/**
 * A glob over a whole command line: `*` any text, `?` one character. The commands tried are words joined by one space,
 * so for an allow a run of spaces matches one or more: `git  push *` lets the agent run `git  push`, which the shell
 * reads as `git push`. For a deny or ask (`literalSpaces`) spaces match themselves, as the tools match them: a deny of
 * `git  push *` takes back nothing the agent writes with one space. With `optionalTail`, a trailing ` *` (one space)
 * also matches nothing: `git push *` matches `git push`.
 */
function globRegex(
  glob: string,
  how: { optionalTail: boolean; literalSpaces: boolean; budget: Budget; whenSpent: boolean },
): { test: (text: string) => boolean } {
  const source = glob.slice(0, 500);
  const tail = how.optionalTail && /[^ ] \*$/.test(source);
  const main = tail ? source.slice(0, -2) : source;
  // More than two wildcards make a backtracking expression slow on a long command (`*a*a*a*b`): an automaton instead.
  if ((main.match(/\*/g)?.length ?? 0) > 2) return globAutomaton(main, tail, how.literalSpaces, how.budget, how.whenSpent);
  const body = main
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
    .replace(/ +/g, (spaces) => (how.literalSpaces ? spaces : ' +'));
  return new RegExp(`^${body}${tail ? `(?:${how.literalSpaces ? ' ' : ' +'}.*)?` : ''}$`, 's');
}

/** What the glob automata of one check may still spend, in characters read times states at most. */
interface Budget {
  left: number;
}
const GLOB_BUDGET = 50_000_000;

/** A step of a glob's automaton: a character, any one character, any text, or spaces (a run of them, as read above). */
type GlobStep = { kind: 'char'; char: string } | { kind: 'one' } | { kind: 'any' } | { kind: 'spaces' };

/**
 * The glob of `globRegex` as a set of states stepped through once per character of the text: time in the product of
 * the two lengths at most, whatever the wildcards. `tail`: ` *` after the steps, which may also match nothing.
 */
function globAutomaton(
  glob: string,
  tail: boolean,
  literalSpaces: boolean,
  budget: Budget,
  whenSpent: boolean,
): { test: (text: string) => boolean } {
  const steps: GlobStep[] = [];
  // By code points, as the text is read.
  const chars = Array.from(glob);
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (c === '*') steps.push({ kind: 'any' });
    else if (c === '?') steps.push({ kind: 'one' });
    else if (c === ' ' && !literalSpaces) {
      while (chars[k + 1] === ' ') k++;
      steps.push({ kind: 'char', char: ' ' }, { kind: 'spaces' });
    } else steps.push({ kind: 'char', char: c });
  }
  const end = steps.length;
  if (tail) steps.push({ kind: 'char', char: ' ' }, ...(literalSpaces ? [] : [{ kind: 'spaces' } as const]), { kind: 'any' });
  const last = steps.length;
  // The states reached without reading: past any run of text or spaces, which may be empty.
  const close = (states: Set<number>): Set<number> => {
    for (const state of states) {
      const step = steps[state];
      if (step && (step.kind === 'any' || step.kind === 'spaces')) states.add(state + 1);
    }
    return states;
  };
  return {
    test(text: string): boolean {
      // Each test is charged the most it can cost; once a check's budget is spent, the answer is the one that reports
      // more (an allow matches, a deny or ask does not), so a file of thousands of such globs ends in bounded time.
      budget.left -= text.length * (steps.length + 1);
      if (budget.left < 0) return whenSpent;
      let states = close(new Set([0]));
      for (const c of text) {
        const next = new Set<number>();
        for (const state of states) {
          const step = steps[state];
          if (!step) continue;
          if (step.kind === 'any' || (step.kind === 'spaces' && c === ' ')) next.add(state);
          else if (step.kind === 'one' || (step.kind === 'char' && step.char === c)) next.add(state + 1);
        }
        if (next.size === 0) return false;
        states = close(next);
      }
      return states.has(last) || (tail && states.has(end));
    },
  };
}

interface Compiled {
  posture: AgentPosture;
  fact: CommandRule;
  /**
   * Word lists of prefix rules. An allow loses its wrappers and runs what follows: allowing `npx vercel` allows
   * `vercel`, allowing `sudo` or `bash -c` allows everything. A deny or ask keeps them: denying `sudo` denies
   * `sudo …`, not every command.
   */
  words: string[][];
  /** The words are whole commands, not prefixes. */
  exact: boolean;
  /** Commands worth trying against the rules: the words of a prefix rule, the literal start of a glob. */
  named: string[][];
  /** Its words were read from a script it runs (`bash -lc "…"`) or a line it joins (`a && b`): words after them do not reach those. */
  scripted: boolean;
  /**
   * It matches every command, by its shape (words that are all wildcards, a glob of `*` only, `.*`), not by a match
   * with the probe command that a deny of `"a*"` would also have.
   */
  everything: boolean;
  test: (command: readonly string[]) => boolean;
  /**
   * The command as the agent types it, for a command this allow matches after its wrappers (`wrangler deploy x` for
   * `npx wrangler@latest deploy:*` is typed `npx wrangler@latest deploy x`): what a deny or ask is matched against,
   * as the tool matches it. Undefined when the rule has no wrappers, or did not match by its words.
   */
  typed?: (command: readonly string[]) => Typed | undefined;
}

/** The forms of a command as typed that a deny, and that an ask, is matched against. */
interface Typed {
  deny: string[][];
  ask: string[][];
}

/**
 * The wrappers Claude Code strips from a command before it matches its Bash rules (https://code.claude.com/docs/en/permissions,
 * "Process wrappers": timeout, time, nice, nohup, stdbuf; `command`, `builtin` and `noglob` and leading assignments in
 * its code, https://github.com/anthropics/claude-code/issues/92542; bare `xargs` is left to the rules, as it may carry
 * options), and those its deny rules alone match through since v2.1.113 ("env/sudo/watch/ionice/setsid",
 * https://github.com/anthropics/claude-code/issues/50132). A deny or ask is matched against the command as typed too.
 */
const CLAUDE_LOOKS_THROUGH: ReadonlySet<string> = new Set(['timeout', 'time', 'nice', 'nohup', 'stdbuf', 'command', 'builtin', 'noglob']);
const CLAUDE_DENY_LOOKS_THROUGH: ReadonlySet<string> = new Set([...CLAUDE_LOOKS_THROUGH, 'env', 'sudo', 'watch', 'ionice', 'setsid']);

/** Programs that run whatever code they are given: allowing one with free arguments allows every command. */
const RUNS_ANY_CODE = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'pwsh',
  'powershell',
  'cmd',
  // WSL runs any command of its Linux, the Python launcher any script (https://learn.microsoft.com/windows/wsl/basic-commands,
  // https://docs.python.org/3/using/windows.html#python-launcher-for-windows).
  'wsl',
  'py',
  // su runs a login shell or `-c` any command as another user (su(1)); Windows' runas any program (runas /?).
  'su',
  'runas',
  'source',
  '.',
  'eval',
  'python',
  'python2',
  'python3',
  'node',
  'nodejs',
  'ts-node',
  // tsx runs any TypeScript or JavaScript file, and code given to `-e`, as node does (https://tsx.is/usage).
  'tsx',
  'osascript',
  'lua',
  'Rscript',
  'deno',
  'bun',
  'ruby',
  'perl',
  'php',
]);
/** An interpreter installed under its version (`python3.11`, `pypy3`, `php8.2`, `ruby3.3`, `lua5.4`). */
const VERSIONED_INTERPRETER = /^(?:python|pypy|ruby|perl|php|lua|node)\d+(?:\.\d+)*$/;
const runsAnyCode = (program: string): boolean => RUNS_ANY_CODE.has(program) || VERSIONED_INTERPRETER.test(program);
const CODE_FLAGS = new Set(['-c', '-e', '--eval', '-command', '/c', '/k', '-p', '--print', '*', '-encodedcommand', '-ec']);
/** A flag after which an interpreter takes code to run (`-c`, `-lc`, PowerShell's `-Command` in any letter case). */
const isCodeFlag = (word: string): boolean => CODE_FLAGS.has(word.toLowerCase()) || /^-[a-z]*c$/.test(word);

/**
 * The words of a prefix rule that takes free arguments after them (not a whole command), one per place, `''` where
 * the rule gives alternatives; undefined for any other rule.
 */
export function prefixWords(fact: CommandRule): string[] | undefined {
  if (fact.matcher.kind !== 'prefix' || fact.matcher.exact === true) return undefined;
  return fact.pattern.map((alternatives) => (alternatives.length === 1 ? alternatives[0]! : ''));
}

/**
 * Interpreters that are also package managers: `bun add` and `bun publish` (https://bun.sh/docs/cli/add,
 * https://bun.sh/docs/cli/publish), `deno add` and `deno publish` (https://docs.deno.com/runtime/reference/cli/add/,
 * https://docs.deno.com/runtime/reference/cli/publish/).
 */
const PACKAGE_INTERPRETERS = new Set(['bun', 'deno']);

/**
 * The program of an allow of such an interpreter with free arguments only (`Bash(bun:*)`; `bun -e:*` runs code): it
 * runs any code, which sandbox-mode reports once, and also installs from and publishes to a registry, which the
 * network and publish rules report. Undefined for any other rule.
 */
export function packageInterpreter(fact: CommandRule): string | undefined {
  if (fact.decision !== 'allow') return undefined;
  const [program, ...rest] = prefixWords(fact) ?? [];
  if (program === undefined || !PACKAGE_INTERPRETERS.has(program)) return undefined;
  return rest.every((w) => w === '*') ? program : undefined;
}

/** Python and its launcher: `-m` runs the module it names, not code of the agent's (`python -m pytest`). */
const PYTHON = /^(?:python|pypy|py$)/;
/** Options that print or check instead of running anything, whatever the interpreter. */
const RUNS_NOTHING = /^(?:--version|--help(?:-[\w-]+)?|--check|--syntax-check|-Version|-Help|--v8-options|--revision|--completion-bash)$/;
/**
 * Those of some interpreters only: a shell's `-n` (its `-v` is verbose, `-h` hashes commands, zsh's `-V` sets an
 * option), the `-v` and `-h` that print the version or help of node, PHP, perl, bun, deno, tsx and PowerShell
 * (python's `-v` and ruby's run on), python's `-V`, PHP's modules, settings and syntax check, the Python launcher's list
 * of installs (`py --list`), and WSL's listings and management of its distributions (`wsl --list`, `wsl --shutdown`).
 */
const RUNS_NOTHING_OF: readonly [RegExp, ReadonlySet<string>][] = [
  [/^(?:sh|bash|zsh|dash|ksh|fish)$/, new Set(['-n'])],
  [/^(?:node|nodejs|php|perl|bun|deno|tsx|ts-node|pwsh|powershell)/, new Set(['-v', '-h', '-?'])],
  [PYTHON, new Set(['-V', '-VV', '-h'])],
  [/^ruby/, new Set(['-h'])],
  [/^php/, new Set(['-m', '-i', '-l', '--ini', '--modules', '--info'])],
  [/^py$/, new Set(['--list', '-0', '-0p', '--list-paths'])],
  [
    /^wsl$/,
    new Set([
      '-v',
      '--list',
      '-l',
      '--status',
      '--shutdown',
      '--install',
      '--update',
      '--unregister',
      '--export',
      '--import',
      '--import-in-place',
      '--set-default',
      '-s',
      '--set-default-version',
      '--set-version',
      '--terminate',
      '-t',
      '--mount',
      '--unmount',
      '--manage',
    ]),
  ],
];
const runsNothing = (program: string, option: string): boolean =>
  RUNS_NOTHING.test(option) || RUNS_NOTHING_OF.some(([name, options]) => name.test(program) && options.has(option));
/**
 * Whether an interpreter's option runs a tool of its own, as a test runner does (`python -m pytest`, `node --test`), or
 * the project's scripts (`node --run build`, as `npm run` does).
 */
const runsItsTool = (program: string, option: string): boolean =>
  (option === '-m' && PYTHON.test(program)) || (/^--(?:test|run)(?:=|$)/.test(option) && program.startsWith('node'));
/** PowerShell's options that take the next word as their value, in lower case (`pwsh -?`, about_Pwsh). */
const POWERSHELL_VALUED = new Set([
  '-executionpolicy',
  '-ep',
  '-ex',
  '-windowstyle',
  '-w',
  '-workingdirectory',
  '-wd',
  '-configurationname',
  '-config',
  '-outputformat',
  '-of',
  '-o',
  '-inputformat',
  '-inp',
  '-if',
  '-settingsfile',
  '-custompipename',
]);
/** Python's warning and implementation options (`python -h`), node's preloads (`node --help`), WSL's distribution and user. */
const VALUED = new Map<string, ReadonlySet<string>>([
  ['python', new Set(['-W', '-X'])],
  ['node', new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--conditions'])],
  ['wsl', new Set(['-d', '--distribution', '-u', '--user', '--cd'])],
]);
/** Whether an interpreter's option takes the next word as its value (`pwsh -ExecutionPolicy Bypass`, `python -W ignore`). */
function takesValue(program: string, option: string): boolean {
  if (program === 'pwsh' || program === 'powershell') return POWERSHELL_VALUED.has(option.toLowerCase());
  return VALUED.get(PYTHON.test(program) ? 'python' : program)?.has(option) === true;
}

/** An allowed command that runs any command: nothing left after its wrappers, or an interpreter handed free code. */
function runsAnything(words: readonly string[]): string[] {
  // A program's own options stay: `pnpm -r:*` allows what `pnpm -r` runs, which a deny of `pnpm publish` does not stop.
  const unwrapped = unwrapCommand(words, false);
  const program = unwrapped[0];
  // An agent CLI started with free arguments: it can be started with its switch that skips every prompt.
  if (relaunchBypass(unwrapped) !== undefined) return [];
  // The interpreter alone (any arguments follow), with options of its own only (`python3 -u:*`, `pwsh -NoProfile
  // -File:*`: a script or code of the agent's follows), or with a code flag and nothing after it (any code follows),
  // unless one of its options prints or checks instead of running (`--version`, a shell's `-n`, node's `--check`) or
  // runs a tool of its own (`python -m pytest`, `node --test`).
  if (program === undefined || !runsAnyCode(program)) return unwrapped;
  let i = 1;
  // The Python launcher's version options are digits (`py -3.12`).
  const option = program === 'py' ? /^-(?:-?[A-Za-z]|\d)/ : /^--?[A-Za-z]/;
  while (i < unwrapped.length && option.test(unwrapped[i]!) && !isCodeFlag(unwrapped[i]!)) {
    if (runsItsTool(program, unwrapped[i]!)) return unwrapped;
    i += takesValue(program, unwrapped[i]!) ? 2 : 1;
  }
  const own = unwrapped.slice(1, Math.min(i, unwrapped.length));
  if (own.some((w) => runsNothing(program, w))) return unwrapped;
  return i >= unwrapped.length || (i === unwrapped.length - 1 && isCodeFlag(unwrapped[i]!)) ? [] : unwrapped;
}

/** The other letter case of an ASCII letter. */
const otherCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
/** Whether the characters from `lo` to `hi` take in an ASCII letter. */
const rangeHasLetters = (lo: string, hi: string): boolean =>
  [65, 97].some((start) => lo.charCodeAt(0) <= start + 25 && hi.charCodeAt(0) >= start);

/**
 * An ASCII expression with the `i` flag written out as letter classes (`git` → `[gG][iI][tT]`, `[a-f]` → `[a-fA-F]`),
 * which V8's linear-time engine runs and the flag keeps it from: undefined where that would not mean the same (a
 * character outside ASCII, an escape that names a character, a range across letter cases, an inline modifier).
 * Written here because only these few forms are needed, read the way `mayBacktrack` reads.
 */
function foldCase(source: string): string | undefined {
  // An escape that names a character, or an escaped letter that is itself (`\\N`), the flag would fold too.
  if (/[^\x00-\x7f]/.test(source) || /\\(?![dDwWsSbBfnrtv])[A-Za-z0-9]/.test(source) || /\(\?[A-Za-z-]/.test(source)) return undefined;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      let body = '';
      let added = '';
      let j = i + 1;
      if (source[j] === '^') {
        body += '^';
        j++;
      }
      for (; j < source.length && source[j] !== ']'; j++) {
        const d = source[j]!;
        if (d === '\\') {
          if (source[j + 2] === '-' && source[j + 3] !== ']') return undefined;
          body += source.slice(j, j + 2);
          j++;
        } else if (source[j + 1] === '-' && j + 2 < source.length && source[j + 2] !== ']') {
          const hi = source[j + 2]!;
          if (hi === '\\') return undefined;
          body += `${d}-${hi}`;
          const sameCase = isLetter(d) && isLetter(hi) && (d === d.toLowerCase()) === (hi === hi.toLowerCase());
          if (sameCase) added += `${otherCase(d)}-${otherCase(hi)}`;
          else if (rangeHasLetters(d, hi)) return undefined;
          j += 2;
        } else {
          // A dash between two items that is no range's (`[a-z-9]`): not written out; one first or last is itself.
          if (d === '-' && body.replace(/^\^/, '') !== '' && source[j + 1] !== ']') return undefined;
          body += d;
          if (isLetter(d)) added += otherCase(d);
        }
      }
      if (j >= source.length) return undefined;
      // The added letters first, after a `^`, so that none of them meets a dash of the class.
      out += body.startsWith('^') ? `[^${added}${body.slice(1)}]` : `[${added}${body}]`;
      i = j;
    } else if (source.startsWith('(?<', i) && /[A-Za-z_$]/.test(source[i + 3] ?? '')) {
      // A group's name is no text to match.
      const close = source.indexOf('>', i);
      if (close < 0) return undefined;
      out += source.slice(i, close + 1);
      i = close;
    } else out += isLetter(c) ? `[${c}${otherCase(c)}]` : c;
  }
  return out;
}

/**
 * A repository's expression as it is run: with the `i` flag written out as letter classes where that means the same
 * (`foldCase`), so that V8 can run it in linear time.
 */
export function runnableForm(source: string, flags: string): { source: string; flags: string } {
  const kept = flags.replace(/[^imsu]/g, '');
  const folded = kept.includes('i') && !kept.includes('u') ? foldCase(source) : undefined;
  return folded === undefined || !compiles(folded, kept.replace('i', ''))
    ? { source, flags: kept }
    : { source: folded, flags: kept.replace('i', '') };
}
const compiles = (source: string, flags: string): boolean => {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether a regular expression can backtrack for long: a repeated group that itself holds a repetition or an
 * alternation (`(a+)+`, `(?:[^!]|[^!])*`), exponential in the command; or two choices (a repetition, an optional
 * part, an alternative) in one that V8's linear-time engine does not take (the `u` flag, the `i` flag where it cannot
 * be written out, a lookaround, a back-reference, a count past 16, an inline modifier), where `/.*a.*a.*b/i` on a
 * 2,000-character command takes seconds, one more `.*` minutes, and thirty `a?` longer still. A repository's
 * expression is never run when it can; such an allow rule is taken to allow any command (fail closed), a deny or ask
 * rule to deny nothing.
 */
export const mayBacktrack = (source: string, flags = ''): boolean => backtracks(runnableForm(source, flags));

/**
 * A group of one character and then a repetition of a class that cannot match it (`( [A-Za-z0-9_.=-]+)`, `(,\d+)`,
 * `(?:/[^/]+)`): each round starts at the one place that character stands, so the group repeated still matches a text
 * one way only, and takes no more steps than its length.
 */
function separated(body: string): boolean {
  const m = /^(?:\?:)?([^\\[\](){}|*+?.^$]|\\[^A-Za-z0-9])(\[(?:\\.|[^\]\\])*\]|\\[dDwWsS])\+$/.exec(body);
  if (!m) return false;
  const literal = m[1]!.length === 2 ? m[1]![1]! : m[1]!;
  try {
    return !new RegExp(m[2]!).test(literal);
  } catch {
    return false;
  }
}

/** `mayBacktrack` of an expression already in its runnable form. */
function backtracks({ source, flags }: { source: string; flags: string }): boolean {
  const groups: boolean[] = [];
  /** Where each open group starts, for `separated`. */
  const starts: number[] = [];
  let lastGroupRisky = false;
  let choices = 0;
  let backtracking = /[iu]/.test(flags);
  // Whether the last token was something a `?` makes optional (an escape, a class, a group, a character), not a
  // quantifier (after which `?` makes it lazy) nor a group's start.
  let atom = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const count = c === '{' ? /^\{(\d+)(,?)(\d*)\}/.exec(source.slice(i)) : null;
    const quantifier = c === '*' || c === '+' || count !== null;
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) backtracking = true;
      i++;
      lastGroupRisky = false;
      atom = true;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      lastGroupRisky = false;
      atom = true;
      continue;
    }
    if (c === '?') {
      if (atom) choices++;
      atom = false;
      // An optional group that repeats within (`(?:.{1,15})?`) still repeats: the group around it holds a repetition.
      if (lastGroupRisky && groups.length > 0) groups[groups.length - 1] = true;
      lastGroupRisky = false;
      if (backtracking && choices > 1) return true;
      continue;
    }
    atom = !quantifier && c !== '(' && c !== '|';
    if (c === '(') {
      // Lookarounds: V8's linear engine takes no lookahead, no capture in a lookbehind, and on Node 20 no lookbehind.
      if (source[i + 1] === '?' && !/^\(\?(?::|<[\p{L}_$])/u.test(source.slice(i))) backtracking = true;
      groups.push(false);
      starts.push(i);
      lastGroupRisky = false;
      continue;
    }
    if (c === ')') {
      const start = starts.pop();
      lastGroupRisky = (groups.pop() ?? false) && !(start !== undefined && separated(source.slice(start + 1, i)));
      continue;
    }
    if (c === '|') {
      if (groups.length > 0) groups[groups.length - 1] = true;
      choices++;
    }
    if (quantifier) {
      if (lastGroupRisky) return true;
      if (groups.length > 0) groups[groups.length - 1] = true;
      // The linear engine takes counts up to 16 (`{0,10}`, `{2,}`, `[ab]{16}`), not `{0,20}` or `a{20}`; only a count
      // that varies adds a way to match.
      if (count !== null && Math.max(Number(count[1]), Number(count[3])) >= 16) backtracking = true;
      if (count === null || (count[2] === ',' && (count[3] === '' || Number(count[3]) > Number(count[1])))) choices++;
    }
    if (backtracking && choices > 1) return true;
    lastGroupRisky = false;
  }
  return backtracking && choices > 1;
}

/** git's own options, before its subcommand (git(1)): those written with a value apart take the next word. */
const GIT_OPTION =
  /^(?:-[CcP]|-p|--(?:git-dir|work-tree|namespace|exec-path|config-env|super-prefix|attr-source)(?:=.*)?|--(?:no-pager|paginate|bare|no-replace-objects|literal-pathspecs|glob-pathspecs|noglob-pathspecs|icase-pathspecs|no-optional-locks|no-lazy-fetch|no-advice))$/;
const GIT_OPTION_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix']);

/**
 * Where git's own options before its subcommand end in a git command's words (a value written apart taken with its
 * option); with `stars`, a `*` is passed over as one of them.
 */
function afterGitOptions(words: readonly string[], stars: boolean): number {
  let i = 1;
  while (i < words.length && ((stars && words[i] === '*') || GIT_OPTION.test(words[i]!))) i += GIT_OPTION_VALUE.has(words[i]!) ? 2 : 1;
  return i;
}

/**
 * An allow of git with only its own options and then free arguments (`git -C *`, `git --git-dir=*`): any git
 * subcommand follows them, `git push` included, as `git *` would.
 */
const anyGitSubcommand = (words: readonly string[]): boolean =>
  words[0] === 'git' && words.length >= 2 && afterGitOptions(words, true) >= words.length;

/**
 * A rule's command with what the tool matches as written but that does not change the program run left out: git's
 * options before its subcommand (`git -C app push`), another program's (`pnpm -r publish`, `wrangler --cwd app
 * deploy`), a runner after them (`pnpm -r exec wrangler deploy`), the package manager that runs a dependency's
 * program by its name (`yarn wrangler deploy`); undefined when nothing is left out.
 */
function plainOf(words: readonly string[]): string[] | undefined {
  if (plainCache.has(words)) return plainCache.get(words);
  const git = gitWithoutOptions(words);
  const unwrapped = git ?? unwrapCommand(words);
  const plain = git ?? (unwrapped.length !== words.length || unwrapped.some((w, i) => w !== words[i]) ? unwrapped : undefined);
  plainCache.set(words, plain);
  return plain;
}
/** Each named command's plain form, worked out once: the entries of a catalog try the same named commands in turn. */
const plainCache = new WeakMap<readonly string[], string[] | undefined>();

/**
 * A git command with git's own options before its subcommand (`git -c safe.directory=* push origin HEAD`, `git -C app
 * push`), as the subcommand it runs, without them; undefined when there are none.
 */
function gitWithoutOptions(words: readonly string[]): string[] | undefined {
  if (words[0] !== 'git') return undefined;
  const i = afterGitOptions(words, false);
  return i > 1 && i < words.length && words[i] !== '*' ? ['git', ...words.slice(i)] : undefined;
}

/** Shells that take a script as one word after their script flag (`-c`, `-lc`, `-ec`). */
const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
/** Shells that join every word after their script flag into the script: PowerShell's `-Command`, cmd's `/c`. */
const JOINING_SHELLS = new Set(['pwsh', 'powershell', 'cmd']);
/** PowerShell's parameters in any letter case and any unambiguous prefix of `-Command` (`-c`, `-com`); cmd's `/c`, `/k`. */
const JOINING_SCRIPT_FLAG = /^(?:-c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?|\/[ck])$/i;
/** Scripts a shell is handed that are not read: PowerShell's base64 `-EncodedCommand` (any prefix of it from `-e`). */
const ENCODED_FLAG = /^-(?:ec|e(?:n(?:c(?:o(?:d(?:e(?:d(?:c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?)?)?)?)?)?)?)$/i;
/** Options of a POSIX shell that take the next word as their value. */
const POSIX_VALUED = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
/** Options of PowerShell that take the next word as their value. */
const PWSH_VALUED =
  /^-(?:executionpolicy|ex|ep|workingdirectory|wd|configurationname|settingsfile|inputformat|outputformat|of|if|windowstyle|w)$/i;
/** The most of a script read, and the most commands of it kept: past either, the allow is read as allowing any command. */
const MAX_SCRIPT = 64 * 1024;
const MAX_SCRIPT_COMMANDS = 256;
/** A word that expands an argument the script is given (`"$@"`, `$1`, `${2}`): any text. */
const GIVEN = /\$(?:[0-9@*]|\{[0-9@*#])/;

/** The script a shell's words hand it, after its options (`bash --norc -c -- "…"`, `pwsh -NoProfile -Command …`). */
function givenScript(words: readonly string[]): string | undefined {
  let [shell, ...rest] = words;
  if (shell === 'busybox' && rest.length > 0) [shell, ...rest] = rest;
  if (shell === undefined) return undefined;
  if (POSIX_SHELLS.has(shell)) {
    let flagged = false;
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i]!;
      if (w === '--') return flagged ? rest[i + 1] : undefined;
      if (SHELL_SCRIPT_FLAG.test(w)) flagged = true;
      else if (POSIX_VALUED.has(w)) i++;
      else if (!/^[-+]/.test(w)) return flagged ? w : undefined;
    }
    return undefined;
  }
  if (!JOINING_SHELLS.has(shell)) return undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (ENCODED_FLAG.test(w)) return '"$@"';
    if (JOINING_SCRIPT_FLAG.test(w)) return rest.slice(i + 1).join(' ');
    if (shell !== 'cmd' && PWSH_VALUED.test(w)) i++;
    else if (!/^[-/]/.test(w)) return shell === 'cmd' ? undefined : rest.slice(i).join(' ');
  }
  return undefined;
}

/**
 * What the script an allow hands a shell lets run (`["/bin/zsh", "-lc", "curl -sS https://…"]`, as Codex records
 * a command it was allowed to run, or `Bash(bash -c "git push origin main")`): its commands, each as its words;
 * `any` for a script that runs what it is given or builds (`"$@"`, `eval`, `$(…)` as a program), one past the bounds,
 * or one that is not read (PowerShell's `-EncodedCommand`). Undefined for words that hand no script, or a wildcard.
 */
function scriptCommands(words: readonly string[], memo: Map<string, string[][] | 'any'>): string[][] | 'any' | undefined {
  const unwrapped = unwrapCommand(words);
  const script = givenScript(unwrapped);
  if (script === undefined || script === '*' || script === '') return undefined;
  const powershell = POWERSHELL.has(unwrapped[0] ?? '');
  const key = powershell ? `ps\0${script}` : script;
  const known = memo.get(key);
  if (known) return known;
  const out: string[][] = [];
  // PowerShell's call operators before a variable or an expression (`& $tool`, `. $script`) run what it holds; a POSIX
  // parser would take `&` for a separator.
  let any = script.length > MAX_SCRIPT || (powershell && PS_CALL.test(script));
  const visit = (code: Script): void => {
    for (const command of code.commands) {
      if (any) return;
      if (out.length >= MAX_SCRIPT_COMMANDS) {
        any = true;
        return;
      }
      for (const word of command.words) for (const sub of word.subs) visit(sub);
      // An argument the script is given is any text (`npm "$1"` runs any npm command).
      const texts = command.words.map((w) => (GIVEN.test(w.text) ? '*' : w.text));
      if (powershell) {
        const read = powerShellStatement(texts);
        if (read === 'any') any = true;
        else if (read) out.push(read);
        continue;
      }
      const run = unwrapCommand(texts);
      // A program that is a variable or a substitution, or `eval`, runs whatever it becomes.
      const head = command.words[texts.length - run.length];
      if (run[0] === 'eval' || run[0] === '*' || (head !== undefined && (head.subs.length > 0 || head.text.startsWith('$')))) any = true;
      // Assignments alone (`PAYLOAD=$(…)`) run no program of their own: what their substitutions run is read above.
      else if (run.length > 0) out.push(texts);
    }
  };
  if (!any) visit(parseCommandLine(script).script);
  const read = any ? 'any' : out.length > 0 ? out : undefined;
  if (read) memo.set(key, read);
  return read;
}

const POWERSHELL = new Set(['pwsh', 'powershell']);
/**
 * After a separator, blanks other than a line break (a line break is a separator of its own, where the next try starts:
 * one try reads each blank once).
 */
const PS_CALL = /(?:^|[;|{(\n])[^\S\n]*[&.]\s*[$(]/;

/**
 * What a statement of a PowerShell script runs, read from the words a POSIX parser gives it (about_Assignment_Operators,
 * about_Operators): `$x = Start-Process …` runs the command after ` = `; `$x = 5`, `$p='SilentlyContinue'` and
 * `$x -replace …` run none, since a statement that starts with a variable is a value, not the command the variable
 * names (the parser has dropped the quotes of a one-word assignment, so its value is read as a string); the call
 * operators `&` and `.` with a variable or an expression, and `Invoke-Expression`, run whatever text they are given.
 */
function powerShellStatement(texts: readonly string[]): string[] | 'any' | undefined {
  const [first, second] = texts;
  if (first === undefined) return undefined;
  if (first === '*' || /^(?:iex|invoke-expression)$/i.test(first)) return 'any';
  if (first === '&' || first === '.') return second === undefined || /^[$(*]/.test(second) ? 'any' : powerShellStatement(texts.slice(1));
  if (!first.startsWith('$')) return [...texts];
  const value = second === '=' ? texts.slice(2) : [];
  // A command after `=` (a name, not a value: a number, a variable, an expression).
  return value.length > 0 && /^[A-Za-z][\w.-]*$/.test(value[0]!) ? powerShellStatement(value) : undefined;
}

/** Words that join two commands in a shell line. */
const CONNECTORS = new Set(['&&', '||', ';', '|', '&']);
/** Reserved words that open or close a compound command around the commands it runs. */
const OPENING = new Set(['!', '{', '(', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);
const CLOSING = new Set(['}', ')', 'fi', 'done']);

/**
 * The commands of a rule's words that join several (`Bash(cd app && npm install:*)`, read with a `&&` word between
 * its commands), each as its own words as a shell runs them, without the reserved words of a compound command around
 * them (`if …; then npm publish; fi`, `{ npm publish; }`, `! npm publish`). Undefined for the words of one plain
 * command. A rule of a reserved word alone (`if:*`) names no command: the tools split a compound command and ask
 * for the commands inside it one by one.
 */
function joinedCommands(words: readonly string[]): string[][] | undefined {
  if (!words.some((w) => CONNECTORS.has(w) || OPENING.has(w) || CLOSING.has(w))) return undefined;
  const out: string[][] = [[]];
  for (const w of words) {
    if (CONNECTORS.has(w)) out.push([]);
    else if (!(out.at(-1)!.length === 0 && (OPENING.has(w) || CLOSING.has(w)))) out.at(-1)!.push(w);
  }
  return out.filter((c) => c.length > 0);
}

/**
 * Whether a glob is words followed by ` *` and no other wildcard (`sudo *`, `npx vercel *`): it matches the commands a
 * prefix rule of those words does, the words alone included: OpenCode makes a trailing ` *` optional and matches a
 * command's words one by one (packages/opencode/src/util/wildcard.ts in anomalyco/opencode). An allow of one is read
 * as a prefix rule's: the wrappers go, and allowing `sudo *` or `bash -c *` allows every command. So is an allow of
 * words with wildcards right after them (`sudo*`, `sudo **`), which matches all of that and more.
 */
const isPrefixGlob = (glob: string): boolean => glob.length <= 500 && /^[^*?]*[^*?\s] *\*+$/.test(glob);

/** An allow written as such a glob, read as the prefix rule it amounts to. */
const allowsAsPrefix = (fact: CommandRule): boolean =>
  fact.decision === 'allow' && fact.matcher.kind === 'glob' && isPrefixGlob(fact.matcher.source);

/** `scripts`: the scripts handed a shell read so far, each read once, whatever number of rules or alternatives hold it. */
function compile(posture: AgentPosture, fact: CommandRule, scripts: Map<string, string[][] | 'any'>, budget: Budget): Compiled {
  let anyScript = false;
  let scripted = false;
  const expanded =
    fact.matcher.kind === 'prefix'
      ? expandPattern(fact.pattern).flatMap((w) => {
          const read = fact.decision === 'allow' ? (scriptCommands(w, scripts) ?? joinedCommands(w)) : undefined;
          if (read !== undefined) scripted = true;
          if (read === 'any') anyScript = true;
          return read === undefined ? [w] : read === 'any' ? [[]] : read;
        })
      : [];
  // A whole command allows only itself: its wrappers are kept, and it is never "any command" (unless its script is).
  const exact = fact.matcher.kind === 'prefix' && fact.matcher.exact === true && !anyScript;
  const prefixGlob = allowsAsPrefix(fact);
  // Each word list with the words it is written as: an allow's lose their wrappers (`runsAnything`).
  const written: [string[], readonly string[]][] =
    fact.matcher.kind === 'prefix'
      ? expanded
          .map((w): [string[], readonly string[]] => [fact.decision === 'allow' && !exact ? runsAnything(w) : [...w], w])
          .flatMap(([w, raw]) =>
            fact.decision === 'allow' && !exact && anyGitSubcommand(w)
              ? [
                  [w, raw],
                  [['git'], raw],
                ]
              : [[w, raw]],
          )
      : prefixGlob
        ? expandPattern(fact.pattern).map((w): [string[], readonly string[]] => [runsAnything(w), w])
        : [];
  const words = written.map(([w]) => w);
  // As the agent types it; for Claude Code also less the wrappers it looks through before matching a deny or an ask.
  const wrapped = written.filter(([w, raw]) => w.length !== raw.length || w.some((x, i) => x !== raw[i]));
  const claude = posture.agent === 'claude-code';
  const typed =
    wrapped.length === 0
      ? undefined
      : (command: readonly string[]): Typed | undefined => {
          const found = wrapped.find(([w]) => isPrefix(w, command));
          if (found === undefined) return undefined;
          const tail = command.slice(found[0].length);
          const as = (raw: readonly string[]): string[] => [...raw, ...tail];
          const raw = as(found[1]);
          if (!claude) return { deny: [raw], ask: [raw] };
          return {
            deny: [raw, as(unwrapCommand(found[1], false, CLAUDE_DENY_LOOKS_THROUGH))],
            ask: [raw, as(unwrapCommand(found[1], false, CLAUDE_LOOKS_THROUGH))],
          };
        };
  let test: (command: readonly string[]) => boolean;
  if (fact.matcher.kind === 'prefix')
    test = (command) => words.some((w) => (!exact || w.length === command.length) && isPrefix(w, command));
  else {
    let re: { test: (text: string) => boolean } | undefined;
    // The expression as it is run, worked out once for the screen and the compile.
    const runnable = fact.matcher.kind === 'regex' ? runnableForm(fact.matcher.source.slice(0, 500), fact.matcher.flags) : undefined;
    if (runnable !== undefined && backtracks(runnable)) {
      const allow = fact.decision === 'allow';
      test = () => allow;
    } else {
      try {
        re =
          fact.matcher.kind === 'glob'
            ? globRegex(fact.matcher.source, {
                optionalTail: fact.matcher.optionalTail === true,
                literalSpaces: fact.decision !== 'allow',
                budget,
                whenSpent: fact.decision === 'allow',
              })
            : new RegExp(runnable!.source, runnable!.flags);
      } catch {
        re = undefined; // an invalid expression matches nothing, as in the tool
      }
      test = prefixGlob
        ? (command) => re?.test(command.join(' ')) === true || words.some((w) => isPrefix(w, command))
        : (command) => re?.test(command.join(' ')) === true;
    }
  }
  const named = fact.matcher.kind === 'glob' ? [...expandPattern(fact.pattern), ...words].filter((w) => w.length > 0) : words;
  // A deny or ask counts only by its shape, so that none can be written to take back what it does not; an allow also
  // when it matches commands that share nothing (fail closed: `?*`, a regular expression of alternatives).
  const source = fact.matcher.kind === 'prefix' ? '' : fact.matcher.source.trim();
  const shaped =
    fact.matcher.kind === 'regex'
      ? /^\^?(?:\((?:\?:)?)*\.[*+]\)*\$?$/.test(source)
      : (fact.matcher.kind === 'glob' && /^\*+$/.test(source)) || (!exact && words.some((w) => w.every((x) => x === '*')));
  const everything = shaped || (fact.decision === 'allow' && fact.matcher.kind !== 'prefix' && UNLIKE_PROBES.every((probe) => test(probe)));
  return { posture, fact, words, exact, named, scripted, everything, test, ...(typed ? { typed } : {}) };
}

export interface AllowedCommand {
  posture: AgentPosture;
  fact: CommandRule;
  /** The catalog entry the rule lets run, as words. */
  entry: string[];
  /** The rule allows every command, not just this one. */
  any: boolean;
}

const PROBE = ['agent-policy-probe-command'];
/** Commands that share no character with the probe: an allow that matches them all matches any command. */
const UNLIKE_PROBES: readonly string[][] = [PROBE, ['Z'], ['9'], ['_']];

/** Publishing commands whose `--dry-run` option makes them rehearse only (`npm publish --dry-run`, `git push --dry-run`). */
const REHEARSING = new Set([
  'npm publish',
  'pnpm publish',
  'yarn npm publish',
  'cargo publish',
  'git push',
  'wrangler deploy',
  'wrangler pages deploy',
  'helm install',
  'helm upgrade',
  'kubectl apply',
  'kubectl create',
]);

/**
 * Whether a whole command only rehearses the publishing entry it runs: its one word that turns rehearsal on or off is
 * `--dry-run` (not `--no-dry-run`, `--no-dry`, `--dry-run=false` or `--dry-run false`, which npm reads as off), and
 * it is an option of the command, not the value of another (`git push --repo --dry-run`) nor after `--`. A script is
 * handed its arguments (`npm run deploy --dry-run`): it is no entry here.
 */
function rehearses(entry: readonly string[], command: readonly string[]): boolean {
  if (!REHEARSING.has(entry.join(' '))) return false;
  // Every word that may turn the rehearsal on or off, shortened as npm and git let it be (`--dry`, `--no-dry`).
  const dry = command.flatMap((w, i) => (/^--(?:no-?)?dr/.test(w) ? [i] : []));
  if (dry.length !== 1) return false;
  const at = dry[0]!;
  if (!/^--dry-run(?:=(?:true|client|server))?$/.test(command[at]!) || /^(?:true|false)$/.test(command[at + 1] ?? '')) return false;
  // Not the value of the option before it (`git push --repo --dry-run`, `-o --dry-run`), nor after `--`.
  const before = command[at - 1] ?? '';
  return !command.slice(0, at).includes('--') && !(before.startsWith('-') && !before.includes('='));
}

/**
 * The words of a rule with its wildcards among the entry's words filled by them (`git * main` and `git push` give `git
 * push main`), when it names more words than the entry and its other words there are the entry's; undefined otherwise.
 */
function filledWith(words: readonly string[], entry: readonly string[]): string[] | undefined {
  if (words.length <= entry.length) return undefined;
  let wild = false;
  for (const [i, word] of entry.entries()) {
    if (words[i] === '*') wild = true;
    else if (words[i] !== word) return undefined;
  }
  return wild ? [...entry, ...words.slice(entry.length)] : undefined;
}

/** Options with which a program only prints its help or version and exits, whatever follows. */
const PRINTS_ONLY = new Set(['--help', '--version']);

/**
 * Whether `words` ask the program only to print its help or version: the option right after its first `from` words
 * (`curl --version`); elsewhere it may be another option's value (`git push -o --help` pushes).
 */
const printsOnly = (words: readonly string[], from: number): boolean => PRINTS_ONLY.has(words[from] ?? '');

/**
 * Whether `words` are `stem` followed only by options (`tee -a` after `tee`) that leave it doing what it does:
 * `cargo install --help` installs nothing.
 */
const optionsAfter = (stem: readonly string[], words: readonly string[]): boolean =>
  words.length > stem.length &&
  isPrefix(stem, words) &&
  words.slice(stem.length).every((w) => w.startsWith('-')) &&
  !printsOnly(words, stem.length);

/** The catalog that finds allow rules for any command at all (sandbox-mode reports them, once). */
export const ANY_COMMAND: readonly string[][] = [PROBE];

const programIndexes = new WeakMap<readonly string[][], Map<string, number[]>>();
/** The catalog entries that start with one of `programs`, in catalog order; the index is built once per catalog. */
function entriesFor(catalog: readonly string[][], programs: ReadonlySet<string>): string[][] {
  let index = programIndexes.get(catalog);
  if (!index) {
    index = new Map();
    catalog.forEach((entry, i) => {
      const list = index!.get(entry[0]!) ?? [];
      list.push(i);
      index!.set(entry[0]!, list);
    });
    programIndexes.set(catalog, index);
  }
  return [...programs]
    .flatMap((p) => index.get(p) ?? [])
    .sort((a, b) => a - b)
    .map((i) => catalog[i]!);
}

/** The node of a word tree that `words` lead to from `node`, made with `make` where it is missing. */
function descend<N extends { next: Map<string, N> }>(node: N, words: readonly string[], make: () => N): N {
  for (const word of words) {
    let child = node.next.get(word);
    if (!child) node.next.set(word, (child = make()));
    node = child;
  }
  return node;
}

/**
 * Visits the nodes of a word tree that a command's words lead to, each with the number of words taken: a word follows
 * its own branch and the branch of `*`, which stands for any one word.
 */
function walkWords<N extends { next: Map<string, N> }>(root: N, command: readonly string[], visit: (node: N, depth: number) => void): void {
  const stack: [N, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    visit(node, depth);
    if (depth === command.length) continue;
    const token = command[depth]!;
    const exact = node.next.get(token);
    if (exact) stack.push([exact, depth + 1]);
    const any = token === '*' ? undefined : node.next.get('*');
    if (any) stack.push([any, depth + 1]);
  }
}

interface WordNode {
  next: Map<string, WordNode>;
  /** Rules (by index) with a word that ends here. */
  ends: number[];
}

/**
 * The rules of a group that match a command, in rule order: prefix rules through a trie of their words
 * (`*` matches any one word), so a group of thousands of rules costs the words a command has, not the rules;
 * glob and regex rules are tried one by one.
 */
function ruleMatcher(rules: readonly Compiled[]): (command: readonly string[]) => Compiled[] {
  const root: WordNode = { next: new Map(), ends: [] };
  // Globs are indexed by the whole words they start with ("cp b ~/y *" under cp, b, ~/y): a command tries only the
  // globs whose words it starts with, so thousands of globs of one program do not each test every command.
  const globs: WordNode = { next: new Map(), ends: [] };
  const globbed: number[] = [];
  const others: number[] = [];
  const wordNode = (): WordNode => ({ next: new Map(), ends: [] });
  const insert = (node: WordNode, word: readonly string[], i: number): void => {
    descend(node, word, wordNode).ends.push(i);
  };
  rules.forEach((rule, i) => {
    // The words of a prefix rule, or of a glob read as one, lead to it in the word tree.
    for (const word of rule.words) insert(root, word, i);
    if (rule.fact.matcher.kind === 'prefix') return;
    const words = rule.fact.matcher.kind === 'glob' ? globWords(rule.fact.matcher.source) : [];
    if (words.length === 0) others.push(i);
    else {
      insert(globs, words, i);
      globbed.push(i);
    }
  });
  return (command) => {
    const hits = new Set<number>();
    walkWords(root, command, (node, depth) => {
      for (const i of node.ends) if (!rules[i]!.exact || depth === command.length) hits.add(i);
    });
    // A glob matches the words joined by spaces: a word with a space in it may end a glob's word, so every glob is tried.
    if (command.some((word) => word.includes(' '))) {
      for (const i of globbed) if (rules[i]!.test(command)) hits.add(i);
    } else {
      let node: WordNode | undefined = globs;
      for (let depth = 0; node !== undefined && depth < command.length; depth++) {
        node = node.next.get(command[depth]!);
        for (const i of node?.ends ?? []) if (rules[i]!.test(command)) hits.add(i);
      }
    }
    for (const i of others) if (rules[i]!.test(command)) hits.add(i);
    return [...hits].sort((a, b) => a - b).map((i) => rules[i]!);
  };
}

/**
 * The whole words a glob starts with, as it is matched (its first 500 characters): those before its first `*` or `?`
 * that a space ends ("cp b ~/y *" → cp, b, ~/y), or all of them when it has no wildcard ("cp a b" matches only that
 * command). None when it starts with a wildcard or a space, or two spaces meet.
 */
function globWords(glob: string): string[] {
  const source = glob.slice(0, 500);
  const wild = source.search(/[*?]/);
  const parts = wild < 0 ? source.split(' ') : source.slice(0, wild).split(' ').slice(0, -1);
  const empty = parts.indexOf('');
  return empty < 0 ? parts : parts.slice(0, empty);
}

/**
 * Allow rules that let a catalog command run without asking, with precedence as each tool applies it inside
 * one group (a rules folder, a settings folder): `most-restrictive`, a deny or ask that matches the same
 * command wins; `last-match`, the last matching entry decides. Commands are tried as the entry itself, the
 * entry with arguments, and every more specific command an allow rule names.
 */
/** A group of command rules, in order, compiled once per check and shared by every rule that asks. */
interface Group {
  rules: Compiled[];
  /** A rule matches any program (a glob, or a prefix that starts with `*`). */
  anyProgram: boolean;
  programs: Set<string>;
  matchingRules: ReturnType<typeof ruleMatcher>;
  /** The more specific commands the rules name, by program, in rule order: an entry looks only at its own program's. */
  named: Map<string, string[][]>;
  /** The same of the rules whose words are their own, not read from a script or a joined line they run. */
  ownNamed: Map<string, string[][]>;
}

const groupsCache = new WeakMap<readonly AgentPosture[], Group[]>();

/** The groups of command rules with an allow among them; computed once for the postures of a check. */
function allowingGroups(postures: readonly AgentPosture[]): Group[] {
  const cached = groupsCache.get(postures);
  if (cached) return cached;
  const byGroup = new Map<string, Compiled[]>();
  const scripts = new Map<string, string[][] | 'any'>();
  const budget: Budget = { left: GLOB_BUDGET };
  for (const posture of postures) {
    for (const fact of posture.facts) {
      if (fact.kind !== 'command-rule') continue;
      const list = byGroup.get(fact.group) ?? [];
      list.push(compile(posture, fact, scripts, budget));
      byGroup.set(fact.group, list);
    }
  }
  const groups: Group[] = [];
  for (const rules of byGroup.values()) {
    if (!rules.some((r) => r.fact.decision === 'allow')) continue;
    rules.sort((a, b) => a.fact.order - b.fact.order);
    groups.push({
      rules,
      anyProgram: rules.some((r) => r.fact.matcher.kind !== 'prefix' || r.words.some((w) => w.length === 0 || w[0] === '*')),
      programs: new Set(rules.flatMap((r) => r.words.flatMap((w) => [w[0]!, ...(plainOf(w)?.slice(0, 1) ?? [])]))),
      matchingRules: ruleMatcher(rules),
      named: byProgram(rules.flatMap((r) => r.named)),
      ownNamed: byProgram(rules.flatMap((r) => (r.scripted ? [] : r.named))),
    });
  }
  groupsCache.set(postures, groups);
  return groups;
}

/** Named commands by their program, and by the program they run with their own options left out (`pnpm -r x` under `x`'s). */
function byProgram(named: readonly string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const add = (program: string, words: string[]): void => {
    const list = out.get(program);
    if (list) list.push(words);
    else out.set(program, [words]);
  };
  for (const words of named) {
    add(words[0]!, words);
    const plain = plainOf(words)?.[0];
    if (plain !== undefined && plain !== words[0]) add(plain, words);
  }
  return out;
}

/**
 * The allows among the rules that match a command that let it run: none when a deny or ask matches it too (where the
 * most restrictive rule wins), those after the last deny or ask (where the last match wins). An allow with wrappers
 * lets run the command as the agent types it, wrappers and all: a deny or ask is matched against that, as the tool
 * matches it (a deny of `wrangler deploy` does not stop `npx wrangler@latest deploy`; one of `npx` does).
 */
function grantedBy(
  matching: readonly Compiled[],
  sample: readonly string[],
  matchingRules: ((command: readonly string[]) => Compiled[]) | undefined,
): readonly Compiled[] {
  const last = matching[0]!.fact.precedence === 'last-match';
  const plain = last ? lastAllows(matching) : matching.some((r) => r.fact.decision !== 'allow') ? [] : matching;
  // Whether a rule allows every command is a matter of its shape, not of what it is typed as (ofEverything).
  if (matchingRules === undefined) return plain;
  const granted = new Set(plain);
  const out: Compiled[] = [];
  for (const rule of matching) {
    const typed = rule.fact.decision === 'allow' ? rule.typed?.(sample) : undefined;
    if (typed === undefined) {
      if (granted.has(rule)) out.push(rule);
      continue;
    }
    const blocks = (decision: 'deny' | 'ask', forms: readonly string[][]): boolean =>
      forms.some((form) =>
        matchingRules(form).some(
          (other) =>
            other.fact.decision === decision && other.fact.group === rule.fact.group && (!last || other.fact.order > rule.fact.order),
        ),
      );
    const blocked = blocks('deny', typed.deny) || blocks('ask', typed.ask);
    if (!blocked) out.push(rule);
  }
  return out;
}

/**
 * Where the last match wins, the allows among the rules that match a command after the last deny or ask among them.
 * The last of them decides for the command as read; each of the others decides for the commands that only it and the
 * ones before it match, as the agent writes them (`sudo *` for `sudo rm`, `npx vercel *` for `npx vercel deploy`, which
 * an allow of any command after it reads as `vercel deploy` too), so none of them is taken to let nothing run.
 */
function lastAllows(matching: readonly Compiled[]): Compiled[] {
  const last = matching.findLastIndex((r) => r.fact.decision !== 'allow');
  return matching.slice(last + 1);
}

/**
 * Whether a deny or ask of its group takes back every command an allow of any command runs, as the agent types them:
 * a prefix rule of the words the allow is written with, or of fewer (`bundle:*` for `bundle exec:*`), or a glob of
 * those words and then only wildcards (`"bundle exec *"`). Each alternative the allow is written with must be taken
 * back, by a rule that decides before it (after it, where the last match wins).
 */
function takenBack(allow: Compiled, rules: readonly Compiled[]): boolean {
  const typed = expandPattern(allow.fact.pattern).filter((w) => w.length > 0 && !w.includes('*'));
  if (typed.length === 0) return false;
  const last = allow.fact.precedence === 'last-match';
  const covers = (rule: Compiled, words: readonly string[]): boolean => {
    const { matcher } = rule.fact;
    const prefix = matcher.kind === 'prefix' ? matcher.exact !== true : matcher.kind === 'glob' && isPrefixGlob(matcher.source.trim());
    return prefix && expandPattern(rule.fact.pattern).some((w) => w.length > 0 && isPrefix(w, words));
  };
  return typed.every((words) =>
    rules.some(
      (rule) =>
        rule.fact.decision !== 'allow' &&
        rule.fact.group === allow.fact.group &&
        (!last || rule.fact.order > allow.fact.order) &&
        covers(rule, words),
    ),
  );
}

/**
 * Of the rules that match the probe command, those that match every command: only those speak for "any command", so
 * that neither a deny of `"a*"` nor an allow of it, which the probe's name happens to match, is read as one of all.
 */
const ofEverything = (matching: readonly Compiled[]): Compiled[] => matching.filter((r) => r.everything);

/**
 * The allow rules that let a catalog entry run, each with the first entry it lets run. With `options`, an entry's
 * options are also looked for among a rule's other arguments and added after a rule that names arguments only
 * (optionSamples): the publishing catalog's forms (`gh repo create --push`), not a destructive option's.
 */
export function findAllowedCommands(
  postures: readonly AgentPosture[],
  catalog: readonly string[][],
  how: { options?: boolean } = {},
): AllowedCommand[] {
  const out: AllowedCommand[] = [];
  const reported = new Set<CommandRule>();
  for (const group of allowingGroups(postures)) {
    const { rules, anyProgram, programs, matchingRules } = group;
    // Only entries whose program some rule names can match, unless a rule matches any program.
    const entries = anyProgram ? catalog : entriesFor(catalog, programs);
    const late: [string[], string[][]][] = [];
    const grant = (entry: string[], samples: readonly string[][]): void => {
      for (const sample of samples) {
        // A REST call to an endpoint that publishes nothing (`gh api -X PUT repos/o/r/topics`) is no catalog entry's.
        if (ghApiQuietEndpoint(sample)) continue;
        const matching = entry === PROBE ? ofEverything(matchingRules(sample)) : matchingRules(sample);
        if (matching.length === 0) continue;
        // An allow of any command is taken back only by a deny or ask of all it runs as typed (`bundle:*` asks for
        // everything `bundle exec:*` runs); denies of some of what follows it, however many, take nothing back.
        const granted =
          entry === PROBE
            ? grantedBy(matching, sample, undefined).filter((r) => !takenBack(r, rules))
            : grantedBy(matching, sample, matchingRules);
        for (const r of granted) {
          // A whole command that is a rehearsal (`npm publish --dry-run`) does nothing it names.
          if (reported.has(r.fact) || (r.exact && rehearses(entry, sample))) continue;
          reported.add(r.fact);
          out.push({ posture: r.posture, fact: r.fact, entry, any: r.everything });
        }
      }
    };
    for (const entry of entries) {
      // A named command the entry (or its words before the last) starts has the entry's program, unless that is `*`.
      const all = (): string[][] => rules.flatMap((r) => r.named);
      const named = entry[0] === '*' ? all() : (group.named.get(entry[0]!) ?? []);
      // Where the options of an entry that names a subcommand start (`gh repo create --push`), for optionSamples; not
      // in one that ends in a placeholder, nor after a program alone: `vercel env ls` is no `vercel --prod`.
      const options = entry.some((w) => w === FREE_ARGUMENT || w === PACKAGE_PLACEHOLDER)
        ? -1
        : entry.findIndex((w, i) => i > 1 && w.startsWith('-'));
      const samples = [
        entry,
        [...entry, '--'],
        // A glob such as `curl -s *` needs an argument after the words it names to match.
        // One with git's own options before its subcommand (`git -c k=v push`) is tried as written: a rule for `git push`
        // does not match it, as the tool sees it.
        // So is one with another program's own options (`pnpm -r publish`), or run by a package manager (`yarn
        // wrangler deploy`); one that names fewer words than the entry takes the entry's rest as its free arguments
        // (`pnpm -r:*` runs `pnpm -r publish`).
        ...named.flatMap((w) => {
          // A rule with a wildcard among its words (`git * main`) runs the entry in its place (`git push main`), and
          // the wildcard may take its options too: what follows it may be an option's value (`git * --help` runs `git
          // push -o --help`), so it neither prints nor rehearses for sure.
          const filled = filledWith(w, entry);
          if (filled) return [filled, [...filled, '--']];
          const plain = plainOf(w) ?? w;
          if ((plain.length > entry.length || plain !== w) && isPrefix(entry, plain) && !printsOnly(plain, entry.length))
            return [w, [...w, '--']];
          if (plain === w || plain.length >= entry.length || !isPrefix(plain, entry) || awaitsOptionValue(w)) return [];
          const rest = [...w, ...entry.slice(plain.length)];
          return [rest, [...rest, '--']];
        }),
        // An allow with options after the entry's program words (`tee -a:*`, `npm install -g:*`) takes free arguments too.
        ...(entry.at(-1) === FREE_ARGUMENT || entry.at(-1) === PACKAGE_PLACEHOLDER
          ? (entry.length > 1 ? named : all()).filter((w) => optionsAfter(entry.slice(0, -1), w)).map((w) => [...w, entry.at(-1)!])
          : []),
      ];
      grant(entry, samples);
      if (how.options === true && options > 0)
        late.push([entry, optionSamples(entry, options, named, group.ownNamed.get(entry[0]!) ?? [])]);
    }
    // Tried after every entry's own samples, so that a rule is reported with the entry it names (`--method PUT`).
    for (const [entry, samples] of late) grant(entry, samples);
  }
  return out;
}

/**
 * Commands that run a catalog entry with options (`gh repo create --push`) through a rule that names its program words
 * and other arguments: the rule's own words when they run it (`gh repo create app --private --push`), and the words with
 * the options after them when the rule names arguments only (`gh repo create app:*` takes `--push`). None are added to
 * a command read from a script the rule runs (`own` leaves those out), which words after the script do not reach; nor,
 * for now, to a rule that writes options of its own, though the tool lets a later option win (`gh api -X GET:*` runs
 * `… -X PUT`): a known gap, left so that such read-only rules are not all reported.
 */
function optionSamples(entry: readonly string[], from: number, named: readonly string[][], own: readonly string[][]): string[][] {
  const stem = entry.slice(0, from);
  const runs = named.filter((w) => isPrefix(stem, w) && !printsOnly(w, from) && runsEntry(w, entry));
  const takes = own
    .filter((w) => isPrefix(stem, w) && !printsOnly(w, from) && !w.slice(from).some((x) => x.startsWith('-')))
    .map((w) => [...w, ...entry.slice(from)]);
  return [...runs, ...takes];
}

/**
 * Whether a command rule lets arguments follow the words it names: a prefix rule unless it is a whole command, a glob
 * or a regular expression when it has a wildcard (`cp a b` as an OpenCode glob matches that command only).
 */
export const takesArguments = (fact: CommandRule): boolean =>
  fact.matcher.kind === 'prefix' ? fact.matcher.exact !== true : fact.matcher.kind === 'regex' || /[*?]/.test(fact.matcher.source);

/** Steps a check spends on deciding whether named commands stay allowed; past them, the rest are taken as allowed. */
const TAKEN_BACK_BUDGET = 4_000_000;

interface OrderNode {
  next: Map<string, OrderNode>;
  /** The latest order of a rule that ends here and takes arguments after it, or -1. */
  free: number;
  /** The latest order of a whole-command rule that ends here, or -1. */
  whole: number;
  /** Globs that start with the words to here, each source once. */
  globs: Map<string, Tried>;
}

/** A glob or regular expression of a deny or ask rule, with the latest order of the rules that wrote it. */
interface Tried {
  test: (command: readonly string[]) => boolean;
  order: number;
  /** It matches commands with any arguments after some words (a wildcard), not one whole command only. */
  free: boolean;
}

const orderNode = (): OrderNode => ({ next: new Map(), free: -1, whole: -1, globs: new Map() });

/**
 * The deny and ask rules of a group, for one question: the latest order of one that matches a command (with `free`,
 * of one that takes arguments: a rule for one whole command cannot take back an allow of endless ones). Prefix rules
 * sit in a word tree that keeps, at each node, only the latest order of the rules ending there (ten thousand copies
 * of one deny cost one); globs sit in a tree of the words they start with, each source once; regular expressions,
 * each once, are tried one by one. Every node visited and every glob passed costs a step of `spend`.
 */
function denyIndex(rules: readonly Compiled[]): (command: readonly string[], free: boolean, spend: (steps: number) => void) => number {
  const root = orderNode();
  const globs = orderNode();
  const allGlobs: Tried[] = [];
  const regexes = new Map<string, Tried>();
  const keep = (map: Map<string, Tried>, key: string, rule: Compiled, free: boolean): Tried | undefined => {
    const seen = map.get(key);
    if (seen) {
      seen.order = Math.max(seen.order, rule.fact.order);
      return undefined;
    }
    const tried = { test: rule.test, order: rule.fact.order, free };
    map.set(key, tried);
    return tried;
  };
  for (const rule of rules) {
    const { order, matcher } = rule.fact;
    if (matcher.kind === 'prefix') {
      for (const word of rule.words) {
        const node = descend(root, word, orderNode);
        if (rule.exact) node.whole = Math.max(node.whole, order);
        else node.free = Math.max(node.free, order);
      }
    } else if (matcher.kind === 'glob') {
      const added = keep(
        descend(globs, globWords(matcher.source), orderNode).globs,
        matcher.source,
        rule,
        /[*?]/.test(matcher.source.slice(0, 500)),
      );
      if (added) allGlobs.push(added);
    } else keep(regexes, `${matcher.flags}/${matcher.source}`, rule, true);
  }
  const tryAll = (
    list: Iterable<Tried>,
    command: readonly string[],
    free: boolean,
    latest: number,
    spend: (steps: number) => void,
  ): number => {
    for (const tried of list) {
      spend(1);
      if (tried.order > latest && (tried.free || !free) && tried.test(command)) latest = tried.order;
    }
    return latest;
  };
  return (command, free, spend) => {
    let latest = -1;
    walkWords(root, command, (node, depth) => {
      spend(1);
      latest = Math.max(latest, node.free, !free && depth === command.length ? node.whole : -1);
    });
    // A word with a space in it may end a glob's word: then every glob is tried, as in the rule matcher.
    if (command.some((word) => word.includes(' '))) latest = tryAll(allGlobs, command, free, latest, spend);
    else {
      let node: OrderNode | undefined = globs;
      for (let depth = 0; node !== undefined; depth++) {
        latest = tryAll(node.globs.values(), command, free, latest, spend);
        node = depth < command.length ? node.next.get(command[depth]!) : undefined;
      }
    }
    return tryAll(regexes.values(), command, free, latest, spend);
  };
}

/**
 * The allow rules among `samples`' keys that still let one of the commands given with each (the forms of the command
 * it names that write outside) run without asking, once the deny and ask rules of its group have spoken
 * (`most-restrictive`: any that matches takes it back; `last-match`: one that matches after it). Only the forms the
 * allow itself matches are tried, and an allow that takes arguments is taken back only by rules that take arguments
 * too: a deny of one whole command leaves the others it allows. The work is bounded: past a fixed budget of steps,
 * the remaining rules are kept as allowed, so a huge file reports more rather than less.
 */
export function stillAllowed(postures: readonly AgentPosture[], samples: ReadonlyMap<CommandRule, readonly string[][]>): Set<CommandRule> {
  const out = new Set<CommandRule>();
  const compiledOf = new Map<CommandRule, { group: Group; rule: Compiled }>();
  for (const group of allowingGroups(postures))
    for (const rule of group.rules) if (samples.has(rule.fact)) compiledOf.set(rule.fact, { group, rule });
  const indexes = new Map<Group, ReturnType<typeof denyIndex>>();
  let spent = 0;
  const spend = (steps: number): void => {
    spent += steps;
  };
  for (const [fact, forms] of samples) {
    const compiled = compiledOf.get(fact);
    if (!compiled) continue;
    const { group, rule } = compiled;
    let index = indexes.get(group);
    if (!index) indexes.set(group, (index = denyIndex(group.rules.filter((r) => r.fact.decision !== 'allow'))));
    const free = takesArguments(fact);
    const matched = forms.filter((form) => rule.test(form));
    const kept = (form: readonly string[]): boolean => {
      if (spent > TAKEN_BACK_BUDGET) return true;
      const latest = index(form, free, spend);
      return fact.precedence === 'last-match' ? latest <= fact.order : latest < 0;
    };
    if (matched.length === 0 || matched.some(kept)) out.add(fact);
  }
  return out;
}

/**
 * Allow rules that let the agent run any command as root (`sudo`, `doas` with free arguments). Found in the
 * privileged catalog, and kept only when the rule itself names the wrapper, followed only by its options (`sudo -u
 * root:*`, an OpenCode `"sudo *"`), unless one of them runs nothing (`sudo -l`): a rule that allows any command
 * (`Bash(*)`) matches the catalog too but is sandbox-mode's finding. With `programs` (a catalog of programs with free
 * arguments), the rules that name one of them after the wrapper instead (`sudo mkdir:*`, `sudo cp ./dist:*`), with
 * the wrapper. A rule of several commands is read command by command.
 */
export function findPrivilegedGrants(
  postures: readonly AgentPosture[],
  privileged: readonly string[][],
  programs?: readonly string[][],
): (AllowedCommand & { wrapper: string })[] {
  const wrappers = new Set(privileged.map((e) => e[0]!));
  return findAllowedCommands(postures, programs ?? privileged).flatMap((found) => {
    const { fact, entry } = found;
    const prefix = fact.matcher.kind === 'prefix' ? fact.matcher.exact !== true : allowsAsPrefix(fact);
    if (!prefix || fact.decision !== 'allow') return [];
    for (const pattern of expandPattern(fact.pattern)) {
      for (const w of joinedCommands(pattern) ?? [pattern]) {
        const i = w.findIndex((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x));
        if (i < 0 || !wrappers.has(w[i]!) || privilegeRunsNothing(w, i)) continue;
        const rest = w.slice(afterPrivilegeOptions(w, i));
        const program = rest[0] === undefined ? undefined : unwrapCommand([rest[0]])[0];
        if (programs ? program === entry[0] : rest.length === 0) return [{ ...found, wrapper: w[i]! }];
      }
    }
    return [];
  });
}
