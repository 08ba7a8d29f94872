import { isSecretName } from '../secrets/literal.js';
import { normalizeSecretPath, type SecretPathMatcher } from '../secrets/paths.js';
import { ENV_DUMP_COMMANDS, toWords } from './catalog.js';
import { unwrapCommand } from './shell.js';

/** Programs that print or copy the files they are given. */
export const FILE_READ_COMMANDS: readonly string[] = [
  'cat',
  'less',
  'more',
  'head',
  'tail',
  'bat',
  'source',
  '.',
  'grep',
  'rg',
  'strings',
  'xxd',
  'base64',
  'cp',
  'scp',
  'openssl',
  'type',
  'get-content',
  'gc',
];
const READERS = new Set(FILE_READ_COMMANDS);
const ENV_DUMPS = ENV_DUMP_COMMANDS.map(toWords);
const COPIERS = new Set(['cp', 'scp']);

/** A folder under the home, the root or the working folder (`~/.aws/`, `secrets/`), not one of those itself (`~/`, `./`). */
const isFolder = (arg: string): boolean => arg.endsWith('/') && normalizeSecretPath(arg).replace(/\/+$/, '') !== '';

/**
 * The `env` script an installer leaves for the shell to source, named like the program that prints the environment:
 * rustup's `~/.cargo/env` (`. "$HOME/.cargo/env"`), uv's `~/.local/bin/env`, Deno's `~/.deno/env`, Rye's `~/.rye/env`.
 * Any other path to `env` or `printenv` is taken to be the program.
 */
const isSetupScript = (program: string): boolean =>
  /^(?:~|\$HOME|\$\{HOME\})\/(?:\.cargo|\.local\/bin|\.deno|\.rye)\/env$/.test(program) || /^\$\{?CARGO_HOME\}?\/env$/.test(program);

/**
 * How grep and ripgrep are told to print no line of what they search, only whether it matched or how often
 * (`grep -q KEY .env`, `grep -c`, `rg --count`; grep(1), `rg --help`): the flag letters that may share a word with
 * those (none takes a value), the options that take the next word as their value, and for rg the options that bring
 * the lines back whatever else is given (its last output mode wins: `--count --json`). File names (`-l`) are not
 * quiet: they may be handed on to a reader (`grep -l KEY .env | xargs cat`).
 */
interface Quiet {
  /** A cluster of its flags that take no value (`-qi`, `-ic`). */
  readonly cluster: RegExp;
  readonly long: ReadonlySet<string>;
  readonly valued: ReadonlySet<string>;
  readonly loud: RegExp;
}
const QUIET: Readonly<Record<string, Quiet>> = {
  grep: {
    cluster: /^-[ivnwxshHrREFGPzZaIUqc]{1,8}$/,
    long: new Set(['--quiet', '--silent', '--count']),
    valued: new Set([
      '-e',
      '-f',
      '-m',
      '-A',
      '-B',
      '-C',
      '-d',
      '-D',
      '--regexp',
      '--file',
      '--max-count',
      '--after-context',
      '--before-context',
      '--context',
      '--label',
      '--include',
      '--exclude',
      '--exclude-dir',
      '--directories',
      '--devices',
      '--binary-files',
      '--group-separator',
    ]),
    loud: /^$/,
  },
  rg: {
    cluster: /^-[isSwxnNHIuUzFPpa0vqc]{1,8}$/,
    long: new Set(['--quiet', '--count', '--count-matches']),
    valued: new Set([
      '-e',
      '-f',
      '-g',
      '-m',
      '-t',
      '-T',
      '-A',
      '-B',
      '-C',
      '-j',
      '-M',
      '-E',
      '-d',
      '--regexp',
      '--file',
      '--glob',
      '--iglob',
      '--max-count',
      '--type',
      '--type-not',
      '--after-context',
      '--before-context',
      '--context',
      '--threads',
      '--max-columns',
      '--encoding',
      '--max-depth',
      '--pre',
      '--pre-glob',
      '--type-add',
      '--sort',
      '--sortr',
    ]),
    loud: /^(?:-[A-Za-z]*[or]|--(?:json|vimgrep|only-matching|replace|passthru|passthrough)(?:=|$))/,
  },
};
/** A word that joins another command on (`&&`, `|`, `;`), or runs one inside it: what follows may read the file. */
const JOINS = /^(?:&&|\|\||\||\|&|;|;;|&)$|\$\(|`/;
/**
 * Whether a grep or rg command, alone, prints no line of what it searches: a quiet flag among its own options, before
 * its first pattern or file (with POSIXLY_CORRECT grep reads options after them as files), not the value of an
 * option that takes one (alone or ending a cluster as `-ve PAT` does), with no long option it does not know (GNU
 * grep takes `--lab` for `--label`), nothing that brings lines back, no wildcard that may stand for any of these, and
 * no other command joined on.
 */
function printsNoLine(words: readonly string[]): boolean {
  const q = QUIET[words[0]!.toLowerCase()];
  if (q === undefined || words.some((w) => JOINS.test(w) || /[*?]/.test(w))) return false;
  let quiet = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--' || !w.startsWith('-') || w === '-') break;
    if (q.loud.test(w)) return false;
    if (q.valued.has(w)) i++;
    else if (q.long.has(w)) quiet = true;
    else if (w.startsWith('--')) return false;
    else if (/^-[A-Za-z]{2,8}$/.test(w) && q.valued.has(`-${w.at(-1)!}`)) i++;
    // A short cluster of flags that take no value (`-qi`, `-ic`); anything else (`-ec`, a long cluster) is not read as one.
    else if (q.cluster.test(w)) quiet ||= /[qc]/.test(w);
  }
  return quiet;
}

/**
 * What a command reads that holds secrets: a secret file argument, or the whole environment. `free`: the words are a
 * rule's, with free arguments after them, which may undo what its options say.
 */
export function secretRead(words: readonly string[], isSecretPath: SecretPathMatcher, free = false): string | undefined {
  // `env` alone prints the environment; as a wrapper (`env X=1 cmd`) it is unwrapped below.
  if (ENV_DUMPS.some((d) => d.length === words.length && d.every((x, i) => x === words[i]))) return 'the whole environment';
  const w = unwrapCommand(words);
  if (w.length === 0) return undefined;
  if (!isSetupScript(words[words.length - w.length] ?? '') && ENV_DUMPS.some((d) => d.length === w.length && d.every((x, i) => x === w[i])))
    return 'the whole environment';
  if (!READERS.has(w[0]!.toLowerCase())) return undefined;
  if (!free && printsNoLine(w)) return undefined;
  // `cp .env.example .env` writes the last argument; only the sources are read. Globs and `!negations` name no file;
  // a folder (`~/.aws/`, what a rule's `~/.aws/*` leaves) stands for the files under it that the rule's words go on to.
  const args = COPIERS.has(w[0]!) ? w.slice(1, -1) : w.slice(1);
  return args.find(
    (arg) => !arg.startsWith('-') && !arg.startsWith('!') && !/[*?]/.test(arg) && isSecretPath(isFolder(arg) ? `${arg}**` : arg),
  );
}

/** Programs that print their arguments: `echo`, `printf`, zsh's `print`, PowerShell's `Write-Output` and `Write-Host`. */
const PRINTERS = new Set(['echo', 'printf', 'print', 'write-output', 'write-host']);
/** A variable expanded in a word: `$NAME`, `${NAME}`, `${NAME:0:10}`, PowerShell's `$env:NAME`. */
const EXPANDED = /\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]{0,100})/g;

/**
 * The secret-named variable a command prints (`echo $OPENAI_API_KEY`, `printf '%s' "${GH_TOKEN}"`), for an allow
 * rule: the agent that runs it reads the value. Read for permissions only: a launcher that pipes a key into a login
 * (`echo $KEY | codex login --with-api-key`) hands it on, and prints nothing the agent sees.
 */
export function printedSecretVariable(words: readonly string[]): string | undefined {
  // Most commands expand no variable: only those are unwrapped.
  if (!words.some((word) => word.includes('$'))) return undefined;
  const w = unwrapCommand(words);
  if (w.length < 2 || !PRINTERS.has(w[0]!.toLowerCase())) return undefined;
  for (const arg of w.slice(1)) for (const m of arg.matchAll(EXPANDED)) if (isSecretName(m[1]!)) return m[1];
  return undefined;
}

/**
 * Whether the rule as written (`text`, the entry its evidence quotes between the first and the last double quote) prints
 * the variable's name rather than its value: every `$NAME` of it is escaped (`\$NAME`) or inside single quotes
 * (`'$NAME'`), where the shell expands nothing. Quotes are read as the shell reads them: a `'` inside double quotes
 * or escaped is a character, a backslash escapes the next character outside single quotes.
 */
export function printsNameOnly(text: string, name: string): boolean {
  const first = text.indexOf('"');
  const last = text.lastIndexOf('"');
  const entry = first >= 0 && last > first ? quotedEntry(text.slice(first, last + 1)) : text;
  let state: 'plain' | 'single' | 'double' = 'plain';
  let named = false;
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i]!;
    if (state === 'single') {
      if (c === "'") state = 'plain';
      if (c === '$' && namesAt(entry, i + 1, name)) named = true;
    } else if (c === '\\') {
      if (entry[i + 1] === '$' && namesAt(entry, i + 2, name)) named = true;
      i++;
    } else if (c === "'" && state === 'plain') state = 'single';
    else if (c === '"') state = state === 'double' ? 'plain' : 'double';
    else if (c === '$' && namesAt(entry, i + 1, name)) return false;
  }
  return named;
}

/** The entry an evidence quotes (`allow "Bash(echo \\"x\\")"`), its quotes' escapes undone as the adapters write them. */
const quotedEntry = (quoted: string): string => quoted.slice(1, -1).replaceAll('\\"', '"');

const namesAt = (text: string, at: number, name: string): boolean =>
  text.startsWith(name, at) || text.startsWith(`{${name}`, at) || text.startsWith(`env:${name}`, at);
