import {
  optionWords,
  PRIVILEGE_OPTIONS,
  PRIVILEGE_VALUED_LETTERS,
  RUN_AFTER_DASHES,
  runnerProgram,
  withoutGlobalOptions,
  globalOptionsEnd,
  isAssignment,
  managerProgram,
  readEnvOptions,
  splitString,
  TIMEOUT_DURATION,
} from './programs.js';
import { parseCommandLine, type Script, type SimpleCommand } from './syntax.js';

/** A word quoted for a POSIX shell, so a shell reading gives it back whole: `it's` → `'it'\''s'`. */
export const quoteWord = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** A simple command's words after quote removal, with its redirections in place (`cat < .env` keeps `<` and `.env`). */
export function wordsOf(c: SimpleCommand): string[] {
  const tokens = c.words.map((w) => ({ start: w.start, text: w.text }));
  for (const r of c.redirects) {
    tokens.push({ start: r.start, text: r.op });
    if (r.target) tokens.push({ start: r.target.start, text: r.target.text });
  }
  return tokens.sort((a, b) => a.start - b.start).map((t) => t.text);
}

/** Every simple command of a script, those in `$(…)`, backticks and `<(…)` after the command that holds them. */
export function simpleCommands(script: Script, visit: (c: SimpleCommand) => void): void {
  for (const c of script.commands) {
    visit(c);
    for (const w of c.words) for (const sub of w.subs) simpleCommands(sub, visit);
    for (const r of c.redirects) for (const sub of r.target?.subs ?? []) simpleCommands(sub, visit);
  }
}

/**
 * The words of each simple command a line runs, read by the one shell parser (`syntax.ts`): enough to see which
 * programs a command line or a permission pattern names, never to run it.
 */
export function splitCommandLine(line: string): string[][] {
  // Most lines a rule reads are plain words (`npm run test`, a code span): blanks are all the syntax they have.
  if (!/[\\'"$`;&|<>()#\n\r]/.test(line)) {
    const words = line.split(/[ \t]+/).filter((w) => w !== '');
    return words.length > 0 ? [words] : [];
  }
  const commands: string[][] = [];
  simpleCommands(parseCommandLine(line).script, (c) => {
    const words = wordsOf(c);
    if (words.length > 0) commands.push(words);
  });
  return commands;
}

const PRIVILEGE_WRAPPERS = new Set(['sudo', 'doas', 'pkexec', 'run0']);
const WRAPPERS = new Set([
  ...PRIVILEGE_WRAPPERS,
  'time',
  'nice',
  'nohup',
  'stdbuf',
  'setsid',
  'ionice',
  'chronic',
  'unbuffer',
  'caffeinate',
  'exec',
  'command',
  'xargs',
  'timeout',
  'dotenv',
]);
/**
 * How a privilege wrapper reads a long option: by its whole name, else by the one name it starts; one that starts
 * none or several is no option the wrapper knows, read as taking no value (what follows is then the command).
 */
function longOption(wrapper: string, name: string): 'valued' | 'nothing' | 'flag' {
  const known = PRIVILEGE_OPTIONS[wrapper];
  if (!known || name === '') return 'flag';
  const kinds = [
    ['valued', known.valued],
    ['nothing', known.nothing],
    ['flag', known.flags],
  ] as const;
  for (const [kind, names] of kinds) if (names.includes(name)) return kind;
  const starts = kinds.flatMap(([kind, names]) => names.filter((n) => n.startsWith(name)).map(() => kind));
  return starts.length === 1 ? starts[0]! : 'flag';
}

/**
 * The options of the privilege wrapper at `i`, read as its getopt reads them (a value after an option that takes
 * one is no option, `sudo -p -l cmd` prompts with "-l"): the index of the first word after them (`sudo -n -u root --
 * cmd`: `cmd`), and whether one of them makes it run no command (`sudo -nl`, `sudo -u root -l`, `sudo --list`).
 */
function privilegeOptions(words: readonly string[], i: number): { end: number; runsNothing: boolean } {
  const nothing = PRIVILEGE_OPTIONS[words[i]!]?.letters ?? '';
  let runsNothing = false;
  let k = i + 1;
  while (k < words.length && words[k]!.startsWith('-')) {
    const option = words[k++]!;
    if (option === '--') break;
    if (option.startsWith('--')) {
      const kind = longOption(words[i]!, option.slice(2).split('=')[0]!);
      if (kind === 'valued' && !option.includes('=')) k++;
      if (kind === 'nothing') runsNothing = true;
      continue;
    }
    // A cluster of letters: the first that takes a value takes the rest of the word, or the next word when it is last.
    const letters = option.slice(1);
    for (let l = 0; l < letters.length; l++) {
      if (nothing.includes(letters[l]!)) runsNothing = true;
      if (PRIVILEGE_VALUED_LETTERS.includes(letters[l]!)) {
        if (l === letters.length - 1) k++;
        break;
      }
    }
  }
  return { end: k, runsNothing };
}

/** The index of the first word after the options of the privilege wrapper at `i` (`sudo -n -u root -- cmd`: `cmd`). */
export const afterPrivilegeOptions = (words: readonly string[], i: number): number => privilegeOptions(words, i).end;

/** Whether the privilege wrapper at `i` is given an option with which it runs no command (`sudo -nl`, `sudo --list`). */
export const privilegeRunsNothing = (words: readonly string[], i: number): boolean => privilegeOptions(words, i).runsNothing;

/**
 * Drops wrappers (`sudo`, `env X=1`, `npx`, `pnpm dlx`, …) so the program that really runs comes first. With
 * `programs`, also a program's own options before its subcommand (`pnpm -r publish`) and the package manager that
 * runs a dependency's program by its name (`yarn wrangler deploy`); without, those are kept, for the scripts a
 * package manager is told to run and where. With `only`, no wrapper but those it names is looked through.
 */
export function unwrapCommand(given: readonly string[], programs = true, only?: ReadonlySet<string>): string[] {
  let words = given;
  let i = 0;
  let run: ReturnType<typeof runnerProgram>;
  let view: readonly string[];
  let bin: number | undefined;
  for (let guard = 0; guard < 16 && i < words.length; guard++) {
    const w = words[i]!;
    if (isAssignment(w)) i++;
    // Only the wrappers a tool itself looks through, when it names them.
    else if (only !== undefined && !only.has(w)) break;
    // `command -v x` and `command -V x` say where x is, and run nothing.
    else if (w === 'command' && /^-[a-zA-Z]*[vV]/.test(words[i + 1] ?? '')) break;
    else if (w === 'env') {
      // `env -S 'npm publish'`: the string is split into the words env goes on reading (coreutils env(1)).
      const read = readEnvOptions(words, i + 1, (x) => x, splitString);
      words = read.words;
      i = read.index;
    } else if (w === 'flock') {
      // `flock [options] file command`: the lock file is no program.
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i += optionWords(w, words[i]!);
      i++;
    } else if (PRIVILEGE_WRAPPERS.has(w)) {
      const options = privilegeOptions(words, i);
      if (options.runsNothing) break;
      i = options.end;
    } else if (WRAPPERS.has(w)) {
      i++;
      // An option's value is no program (`nice -n 5 cmd`, `xargs -I {} cmd`).
      while (i < words.length && words[i]!.startsWith('-')) i += optionWords(w, words[i]!);
      if (w === 'timeout' && i < words.length && TIMEOUT_DURATION.test(words[i]!)) i++;
      if (w === 'dotenv' && words[i] === '--') i++;
    } else if ((run = runnerProgram((view = programs ? withoutOptionsAt(words, i) : words), i)) !== undefined) {
      // `npx wrangler@latest deploy`, `pnpm -r exec wrangler deploy`, `npx -p pkg cmd`: the program the runner runs,
      // after the package manager's own options.
      words =
        run.name !== undefined && run.name !== view[run.index]
          ? [...view.slice(0, run.index), run.name, ...view.slice(run.index + 1)]
          : view;
      i = run.index;
    } else if (programs && (bin = managerProgram((view = withoutOptionsAt(words, i)), i)) !== undefined) {
      // `yarn wrangler deploy`, `pnpm -r wrangler deploy`: the dependency's program the package manager runs.
      words = view;
      i = bin;
    } else if (RUN_AFTER_DASHES.has(`${w} ${words[i + 1] ?? ''}`) && words.indexOf('--', i) > i) i = words.indexOf('--', i) + 1;
    else break;
  }
  // `terraform -chdir=infra apply`, `pnpm -r publish`: the program's own options before its subcommand change where it runs.
  const out = words.slice(i).map(stripProgramPath);
  return programs ? [...withoutGlobalOptions(out)] : out;
}

/** The words with the own options of the program at `i` left out (`pnpm -r exec x` as `pnpm exec x`). */
function withoutOptionsAt(words: readonly string[], i: number): readonly string[] {
  const end = globalOptionsEnd(words, i);
  return end <= i + 1 ? words : [...words.slice(0, i + 1), ...words.slice(end)];
}

/** Programs Windows finds in any letter case, with or without `.exe`. */
const WINDOWS_PROGRAMS = new Set(['cmd', 'powershell', 'pwsh', 'wsl', 'py']);
/** The `.cmd` shims npm installs on Windows for Node's package managers (`npm.cmd install`): the programs themselves. */
const NODE_SHIMS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'corepack']);

/**
 * `/usr/bin/git` and `./node_modules/.bin/vercel` run the same programs as `git` and `vercel`, and Windows runs
 * `cmd.exe` and `PowerShell.exe` (from WSL too, or as `C:\Windows\System32\cmd.exe`) as `cmd` and `powershell`:
 * its file names take any letter case.
 */
function stripProgramPath(word: string, index: number): string {
  if (index !== 0) return word;
  // A path with a wildcard names scripts in a folder, not whatever its last part matches.
  if (/[*?]/.test(word)) return word;
  const slash = Math.max(word.lastIndexOf('/'), /^[A-Za-z]:\\/.test(word) ? word.lastIndexOf('\\') : -1);
  const name = slash >= 0 && slash < word.length - 1 ? word.slice(slash + 1) : word;
  const shim = /^(.+)\.cmd$/i.exec(name)?.[1]?.toLowerCase();
  if (shim !== undefined && NODE_SHIMS.has(shim)) return shim;
  const windows = name.replace(/\.exe$/i, '').toLowerCase();
  return WINDOWS_PROGRAMS.has(windows) || (name.length > 4 && /\.exe$/i.test(name)) ? windows : name;
}

/** Whether `prefix` is a prefix of `words`; a `*` in the prefix matches any one word. */
export function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > words.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== '*' && prefix[i] !== words[i]) return false;
  }
  return true;
}
