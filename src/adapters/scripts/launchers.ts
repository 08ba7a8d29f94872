import type { RunnerScript, TextPlace } from '../../core/posture.js';
import type { SourceFile } from '../../core/types.js';
import { namesAnAgent } from '../../shell/agent-clis.js';
import { commandsIn } from '../../shell/catalog.js';
import { SHELL_PROGRAMS } from '../../shell/programs.js';
import { unwrapCommand } from '../../shell/shell.js';
import { repositoryPath } from './repository-paths.js';
import { runnerOf, type ScriptCommand } from './targets.js';
import { physicalLines, type PhysicalLine } from './text-lines.js';
import { expandedCommands, FILE_BUDGET, shellAssignments } from './variables.js';

/** The most launcher scripts named by all files together. */
const MAX_LAUNCHERS = 200;
const SHELL_SCRIPT = /\.(?:sh|bash|zsh|fish)$/;

/** Shell scripts a command line runs by path (`./scripts/review.sh`, `bash scripts/review.sh`). */
export function scriptsRun(command: string): string[] {
  const out: string[] = [];
  for (const words of commandsIn(command)) {
    const [program, ...args] = unwrapCommand(words);
    if (program === undefined) continue;
    // `unwrapCommand` keeps only a program's last path part: the path as written is in `words`.
    const written = words[words.length - 1 - args.length]!;
    if (SHELL_SCRIPT.test(written)) out.push(written);
    else if (SHELL_PROGRAMS.has(program)) {
      const script = args.find((a) => !a.startsWith('-'));
      if (script !== undefined && SHELL_SCRIPT.test(script)) out.push(script);
    }
  }
  return out;
}

/** The folder a file's commands run in: a runner's file folder (npm, make, just, task), else the repository root. */
const folderOf = (path: string): string => (runnerOf(path) === undefined ? '' : path.slice(0, Math.max(0, path.lastIndexOf('/'))));

/**
 * Committed shell scripts that scripts, targets and dev container commands run by path: the repository marks
 * them as launchers, and an agent they start is judged like one started in place. Bounded, inside the
 * repository only; a file is looked at only when its text names a shell script.
 */
export function namedLaunchers(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  commandsOf: (file: SourceFile) => readonly { command: string }[],
): string[] {
  const found = new Set<string>();
  let committed: ReadonlySet<string> | undefined;
  for (const file of files) {
    if (!/\.(?:sh|bash|zsh)\b/.test(file.text)) continue;
    for (const { command } of commandsOf(file)) {
      for (const written of scriptsRun(command)) {
        const path = repositoryPath(folderOf(file.path), written);
        if (path === undefined || found.has(path)) continue;
        committed ??= new Set(paths());
        if (committed.has(path)) found.add(path);
        if (found.size >= MAX_LAUNCHERS) return [...found];
      }
    }
  }
  return [...found];
}

export type LauncherCommand = Pick<ScriptCommand, 'command' | 'keyPath' | 'place' | 'label'> & {
  /** Why the rest of the command was not read (see `AgentRunOptions.unread`). */
  unread?: string;
};

/** A command line that names an agent CLI: only such lines can start one, so only they are parsed. */
const namesAgent = namesAnAgent();
/** The most physical lines one quoted string joins; a longer one is read line by line. */
const MAX_QUOTED_LINES = 1_000;
const CUT = `a quoted string or command substitution in it runs over more than ${MAX_QUOTED_LINES.toLocaleString('en')} lines, and the rest of the command after it was not read, so what it grants could not be verified; shorten the string or read it from a file`;

const VALUES_CUT =
  'a variable it uses is given more values, or longer ones, than are read, so what each value grants could not be verified; set fewer values or pass the flags as written';

/** What is open where a line of shell ends, innermost last: quotes (`'`, `"`, `$'`), backticks and substitutions (`$(`, `<(`). */
type Open = readonly string[];

/**
 * How a line of shell ends, read from `column` (1-based) with `open` open at its start: what is open at its end,
 * and whether it ends in a backslash that escapes the line break. Quotes and substitutions nest as the shell nests
 * them (`"$(git log --format="%s")"`). A `#` that starts a word outside quotes starts a comment, which runs to the end
 * of the line; `$'…'`, `"…"` and backticks take backslash escapes, `'…'` none.
 */
function lineEnd(text: string, column: number, open: Open): { open: Open; backslash: boolean; heredocs: HereDocument[] } {
  const stack = [...open];
  const heredocs: HereDocument[] = [];
  for (let i = column - 1; i < text.length; i++) {
    const c = text[i]!;
    const top = stack.at(-1);
    if (top === "'") {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') {
      if (i === text.length - 1) return { open: stack, backslash: true, heredocs };
      i++;
    } else if (top === "$'") {
      if (c === "'") stack.pop();
    } else if (top === '"') {
      if (c === '"') stack.pop();
      else if (c === '$' && text[i + 1] === '(') {
        stack.push('$(');
        i++;
      } else if (c === '`') stack.push('`');
    } else if (top === '`' && c === '`') stack.pop();
    else if (c === "'" || c === '"' || c === '`') stack.push(c);
    else if (c === '$' && text[i + 1] === "'") {
      stack.push("$'");
      i++;
    } else if ((c === '$' || c === '<' || c === '>') && text[i + 1] === '(') {
      stack.push('$(');
      i++;
    } else if (c === '(' && text[i - 1] === '=' && top === undefined) {
      // An array assignment (`ARGS=(`): its words may go on over lines, to its `)`.
      stack.push('=(');
    } else if (c === ')' && (top === '$(' || top === '(' || top === '=(')) stack.pop();
    // Inside a substitution, a subshell's parentheses nest (`$( (cd x && make) )`).
    else if (c === '(' && (top === '$(' || top === '(')) stack.push('(');
    else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      // A here-document: its body, the lines up to its delimiter, is text, not shell to scan.
      const doc = HERE_DOCUMENT.exec(text.slice(i, i + 256));
      if (doc) {
        heredocs.push({ delimiter: doc[3]!, strip: doc[1] === '-' });
        i += doc[0].length - 1;
      } else i++;
    } else if (c === '#' && top !== '`' && (i === column - 1 || /[\s;&|()]/.test(text[i - 1]!))) break;
  }
  return { open: stack, backslash: false, heredocs };
}

/** `NAME="…"` or `NAME='…'`, after `export`, `local`, `readonly`, `declare` or `typeset` and their options. */
const QUOTED_ASSIGNMENT =
  /^[ \t]*(?:(?:export|local|readonly|declare|typeset)(?:[ \t]+-[A-Za-z]+)*[ \t]+)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*([A-Za-z_][A-Za-z0-9_]*)\+?=(["'])/;

/**
 * The quoted value an assignment that is the whole command gives its variable, as written (none with an escape or its
 * own quote inside, whose text is not what the shell keeps), and where it starts in the command.
 */
function quotedValue(command: string): { name: string; value: string; start: number } | undefined {
  const m = QUOTED_ASSIGNMENT.exec(command);
  if (!m) return undefined;
  const quote = m[2]!;
  const start = m[0].length;
  const end = start + command.slice(start).indexOf(quote);
  // The value, then nothing but a `;` or a comment.
  if (end < start || !/^\s*;?\s*(?:#.*)?$/.test(command.slice(end + 1))) return undefined;
  const value = command.slice(start, end);
  return quote === '"' && /[\\`]/.test(value) ? undefined : { name: m[1]!, value, start };
}

/** Words that print what follows: a variable they are given is a message, not a command line. */
const PRINTS = /^\s*(?:echo|printf|print|log|info|warn|error|die|fail|say|:)\b/;

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * For each variable a line other than a print hands on (`"$LAUNCH"`, `${LAUNCH}`), the first two lines that do: read
 * once per file, so that a script of many assignments costs its length, not its square.
 */
function variableUses(lines: readonly PhysicalLine[]): Map<string, number[]> {
  const uses = new Map<string, number[]>();
  lines.forEach((l, k) => {
    if (!l.text.includes('$') || PRINTS.test(l.text)) return;
    for (const [, name] of l.text.matchAll(REFERENCE)) {
      const at = uses.get(name!) ?? [];
      if (at.length < 2 && at.at(-1) !== k) at.push(k);
      uses.set(name!, at);
    }
  });
  return uses;
}

/** The place of `length` characters of a placed command from `start`. */
function slicePlace(place: TextPlace, start: number, length: number): TextPlace {
  const runs: [number, number, number][] = [];
  place.runs.forEach(([offset, line, column], k) => {
    const next = place.runs[k + 1]?.[0] ?? Number.MAX_SAFE_INTEGER;
    if (next <= start || offset >= start + length) return;
    runs.push(offset <= start ? [0, line, column + (start - offset)] : [offset - start, line, column]);
  });
  return { runs, length };
}

/** A here-document started on a line: the word that ends it, and whether leading tabs are dropped (`<<-`). */
interface HereDocument {
  delimiter: string;
  strip: boolean;
}
const HERE_DOCUMENT = /^<<(-?)[ \t]*(['"]?)([A-Za-z0-9_.-]+)\2/;

/**
 * The command lines of a launcher script that name an agent CLI, each logical line as the shell reads it: a
 * backslash that escapes the line break joins the next line (not in a comment, not before a carriage return), and
 * comments and blank lines are skipped. A line that leaves a quoted string open (a prompt over several lines) is read
 * with the lines that close it, and those lines are read on their own too: what a string becomes (`eval`, `sh -c`)
 * is not always known.
 * The body of a here-document is read line by line for the same reason: whatever prints it, a shell may read it
 * (`} | bash`, `eval "$(…)"`, the script's own caller). A variable the script sets to a literal is read as its value
 * where the command uses it (`variables.ts`).
 */
export function launcherCommands(file: SourceFile, budget = { left: FILE_BUDGET }): LauncherCommand[] {
  const label = `script ${file.path}`;
  // The file itself is bounded: every line of it is read.
  const lines = physicalLines(file.text, Number.MAX_SAFE_INTEGER);
  let uses: Map<string, number[]> | undefined;
  const assigned = shellAssignments(lines);
  const out: LauncherCommand[] = [];
  let count = 0;
  // The last line of a string a line was joined with: its lines start no string join of their own, so each line
  // is joined at most twice.
  let joinedUntil = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const agentLine = namesAgent(line);
    const joined = joinShellLines(lines, i, line.length - trimmed.length + 1, i > joinedUntil);
    count++;
    // The command as the shell expands the script's own variables in it (`claude --permission-mode "$MODE"`), read
    // beside the command as written: an expansion adds what a value says, it never hides what the line says.
    const expanded = expandedCommands(joined.command, joined.place, i + 1, assigned, budget);
    const readings = expanded.readings.filter((e) => namesAgent(e.command));
    const asWritten = agentLine || namesAgent(joined.command);
    if (asWritten || readings.length > 0) {
      // A string too long to join is read as far as the limit: what the rest may add to a run it starts is not.
      const unread = joined.cut ? { unread: CUT } : expanded.limited ? { unread: VALUES_CUT } : {};
      if (asWritten) out.push({ command: joined.command, keyPath: [count - 1], place: joined.place, label, ...unread });
      // `LAUNCH="cd x && claude --yolo"`: a command line kept in a variable for later (`tmux send-keys "$LAUNCH"`,
      // `eval`), read where it is written.
      const kept = asWritten ? quotedValue(joined.command) : undefined;
      if (kept && namesAgent(kept.value) && (uses ??= variableUses(lines)).get(kept.name)?.some((k) => k !== i) === true)
        out.push({
          command: kept.value,
          keyPath: [count - 1],
          place: slicePlace(joined.place, kept.start, kept.value.length),
          label,
          ...unread,
        });
      for (const r of readings) out.push({ command: r.command, keyPath: [count - 1], place: r.place, label, ...unread });
    }
    if (joined.scanned !== undefined) joinedUntil = Math.max(joinedUntil, joined.scanned);
    if (joined.quoted) joinedUntil = Math.max(joinedUntil, joined.last);
    else i = joined.last;
  }
  return out;
}

/** The most command lines of one script read as a script an allow rule names. */
const MAX_SCRIPT_COMMANDS = 5_000;

/**
 * Every command line of a shell script (comments and blank lines left out, a backslash continuation and a string open
 * at a line's end joined as the shell joins them), each placed in the file: what an allow rule that names the script
 * lets the agent run. `cut` says why the rest was not read.
 */
export function shellScriptCommands(file: SourceFile): { commands: RunnerScript['commands'][number][]; cut?: string } {
  const label = file.path;
  const lines = physicalLines(file.text, Number.MAX_SAFE_INTEGER);
  const out: RunnerScript['commands'][number][] = [];
  // As in `launcherCommands`: the lines of a string a line was joined with start no join of their own.
  let joinedUntil = -1;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (out.length >= MAX_SCRIPT_COMMANDS)
      return { commands: out, cut: `it holds more than ${MAX_SCRIPT_COMMANDS.toLocaleString('en')} command lines` };
    const joined = joinShellLines(lines, i, lines[i]!.text.length - trimmed.length + 1, i > joinedUntil);
    out.push({ command: joined.command, label, file: file.path, keyPath: [out.length], place: joined.place });
    if (joined.cut) return { commands: out, cut: CUT };
    if (joined.scanned !== undefined) joinedUntil = Math.max(joinedUntil, joined.scanned);
    if (joined.quoted) joinedUntil = Math.max(joinedUntil, joined.last);
    else i = joined.last;
  }
  return { commands: out };
}

/**
 * One logical command from `column` of line `first`: a backslash that escapes the line break joins the next line,
 * both removed as the shell removes them; with `quotes`, a quoted string or a substitution (`$(`, `<(`, a backtick)
 * open at the end of a line joins the next whole, line break kept (`quoted`: those lines are read on their own too).
 * One still open at the end of the file leaves the first line alone, which the shell would not run (`scanned`: the
 * lines looked at, which start no join of their own then); one still open after `MAX_QUOTED_LINES` lines is read that
 * far, with `cut` set: what follows was not read.
 */
function joinShellLines(
  lines: readonly PhysicalLine[],
  first: number,
  column: number,
  quotes: boolean,
): { command: string; place: TextPlace; last: number; quoted: boolean; cut?: true; scanned?: number } {
  const runs: [number, number, number][] = [];
  let command = '';
  let open: Open = [];
  let quoted = false;
  let col = column;
  for (let i = first; ; i++) {
    const text = lines[i]!.text;
    // Most lines end with no backslash and in no string: nothing to scan.
    const end = quotes || open.length > 0 || text.endsWith('\\') ? lineEnd(text, col, open) : { open: [], backslash: false, heredocs: [] };
    runs.push([command.length, i + 1, col]);
    const inString = end.open.length > 0;
    // A backslash before a carriage return escapes the return, not the line break.
    const backslash = end.backslash && !lines[i]!.cr;
    const byString = !backslash && inString && quotes;
    const more = i + 1 < lines.length && (backslash || (byString && i - first < MAX_QUOTED_LINES));
    if (byString && !more && i + 1 >= lines.length) {
      const alone = lines[first]!.text.slice(column - 1);
      return { command: alone, place: { runs: [[0, first + 1, column]], length: alone.length }, last: first, quoted: false, scanned: i };
    }
    if (!more) {
      command += text.slice(col - 1);
      return {
        command,
        place: { runs, length: command.length },
        last: i,
        quoted: quoted || byString,
        ...(byString ? { cut: true as const } : {}),
      };
    }
    command += backslash ? text.slice(col - 1, -1) : `${text.slice(col - 1)}\n`;
    // The bodies of here-documents the line starts follow it whole, unscanned, to their delimiters.
    if (!backslash)
      for (const doc of end.heredocs) {
        while (i + 1 < lines.length && i - first < MAX_QUOTED_LINES) {
          const body = lines[++i]!.text;
          runs.push([command.length, i + 1, 1]);
          command += `${body}\n`;
          if ((doc.strip ? body.replace(/^\t+/, '') : body) === doc.delimiter) break;
        }
      }
    if (i + 1 >= lines.length) {
      const alone = lines[first]!.text.slice(column - 1);
      return { command: alone, place: { runs: [[0, first + 1, column]], length: alone.length }, last: first, quoted: false, scanned: i };
    }
    if (inString && quotes) quoted = true;
    col = 1;
    open = end.open;
  }
}
