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

/** What a command reads that holds secrets: a secret file argument, or the whole environment. */
export function secretRead(words: readonly string[], isSecretPath: SecretPathMatcher): string | undefined {
  // `env` alone prints the environment; as a wrapper (`env X=1 cmd`) it is unwrapped below.
  if (ENV_DUMPS.some((d) => d.length === words.length && d.every((x, i) => x === words[i]))) return 'the whole environment';
  const w = unwrapCommand(words);
  if (w.length === 0) return undefined;
  if (!isSetupScript(words[words.length - w.length] ?? '') && ENV_DUMPS.some((d) => d.length === w.length && d.every((x, i) => x === w[i])))
    return 'the whole environment';
  if (!READERS.has(w[0]!.toLowerCase())) return undefined;
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
 * Whether the command line as written (`text`) prints the variable's name rather than its value: every `$NAME` of it
 * is escaped (`\$NAME`) or inside single quotes (`'$NAME'`), where the shell expands nothing.
 */
export function printsNameOnly(text: string, name: string): boolean {
  let quoted = false;
  let sawExpanded = false;
  let sawAny = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") quoted = !quoted;
    else if (c === '$' && (text.startsWith(name, i + 1) || text.startsWith(`{${name}`, i + 1) || text.startsWith(`env:${name}`, i + 1))) {
      sawAny = true;
      if (!quoted && text[i - 1] !== '\\') sawExpanded = true;
    }
  }
  return sawAny && !sawExpanded;
}
