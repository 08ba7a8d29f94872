import type { SourceFile } from '../../core/types.js';
import { agentNamedAt, escapeWord, namesAnAgent, type AgentCli, type FlagSpec } from '../../shell/agent-clis.js';
import { parseJson } from '../../sources/json.js';
import { VENDOR_ACTIONS } from '../ci/actions.js';
import { repositoryPath } from './repository-paths.js';

/** A committed file a launcher hands an agent as its prompt, with the agent and where it is handed over. */
export interface PromptFile {
  path: string;
  /** The adapter id of the agent that runs with it (`claude-code`, `codex`), or the launcher's adapter's. */
  agent: string;
  /** The launcher file and the 1-based line that hands it over. */
  launcher: string;
  line: number;
}

/** The prompt files launchers hand over, and the launcher line where more were named than are read. */
export interface PromptFiles {
  files: PromptFile[];
  over?: { launcher: string; line: number };
}

/** The files a prompt is kept in: markdown and plain text. */
const PROMPT_FILE = /\.(?:md|markdown|txt)$/i;
/** A cheap test of a launcher's text before its lines are read: it names such a file. */
const MAY_NAME = /\.(?:md|markdown|txt)\b/i;
/** The most prompt files all launchers together hand over, counted once per launcher (a launcher hands one or two). */
export const MAX_PROMPT_FILES = 200;
/** How far before a file's name a line is read for what reads it. */
const LOOK_BEHIND = 200;

/** A word of a command line: what lies between blanks, quotes, the shell's operators and `=`. */
const WORD = /[^\s"'`;&|<>()=]+/g;
/** A variable a line uses (`$PROMPT`, `${PROMPT}`). */
const USE = /\$\{?([A-Za-z_]\w{0,63})/g;
/** The workspace a workflow checks out, as its steps write it: the repository's top. */
const WORKSPACE = /\$\{\{\s*github\s*\.\s*workspace\s*\}\}/g;
/** Variables that hold the repository's top in a workflow or a launcher. */
const TOP_VARIABLE = /^\$\{?(?:GITHUB_WORKSPACE|PWD)\}?$|^\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)$/;

/** How the text before a file's name reads it: `cat` (its earlier operands too), a redirection, `sed`'s file operand, a flag that takes a file. */
const CAT = /\bcat(?:\s+-[a-zA-Z]{1,8}|\s+--)*(?:\s+["']?[^\s"'|;&<>()]+["']?)*\s+["']?$/;
const REDIRECT = /(?:^|[^<])<\s*["']?$/;
const SED = /(?:^|[|;&(]|\$\()\s*sed\s(?![^|;&()]*\s-[a-zA-Z]*i)[^|;&()]*$/;
const PROMPT_FLAG = /--(?:append-)?system-prompt-file(?:=|\s+)["']?$/;
/** codex-action's `prompt-file` input (https://developers.openai.com/codex/github-action), claude-code-base-action's `prompt_file`. */
const PROMPT_INPUT = /^\s*-?\s*prompt[-_]file\s*:\s*["']?$/;
/** An agent action's prompt input (claude-code-action's earlier ones too), whose value may be taken from a step's output. */
const PROMPT_KEY = /^[ \t]*-?[ \t]*(?:prompt|direct_prompt|override_prompt|custom_instructions)[ \t]*:/;
/** A line that fills a step's output or the job's environment. */
const TO_OUTPUT = /\bGITHUB_(?:OUTPUT|ENV)\b/;
/** The variable an assignment fills, written just before its value's `$(`: `PROMPT=`, `export PROMPT="`, `ctx+=`. */
const ASSIGNED = /(?:^|[\s;&|(])([A-Za-z_]\w{0,63})\+?=["']?$/;
/** What ends a line that goes on in the next: a backslash, or a pipe or list operator the shell waits to complete. */
const CONTINUED = /(?:\\|\||&&)\s*$/;
/** A comment on a line: what ends it (a backslash, a pipe) is the comment's, and the line does not go on. */
const COMMENTED = /(?:^|\s)#/;
/** A YAML key whose value is a block of lines (`run: |`, `prompt: >-`): no pipe of a shell. */
const BLOCK_SCALAR = /:\s*[|>][-+]?\d?\s*$/;

const namesAgent = namesAnAgent();
const VENDOR_REPOS = VENDOR_ACTIONS.flatMap((v) => v.repos.map((repo) => [repo.toLowerCase(), v.agent] as const));

/**
 * The logical lines of a text: physical lines joined where one ends in a backslash (dropped) or a pipe or list
 * operator (kept), each with its first line's number.
 */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    const parts = [physical[i]!];
    while (
      CONTINUED.test(parts.at(-1)!) &&
      !BLOCK_SCALAR.test(parts.at(-1)!) &&
      !COMMENTED.test(unquoted(parts.at(-1)!)) &&
      i + 1 < physical.length
    ) {
      const last = parts.at(-1)!;
      if (last.trimEnd().endsWith('\\')) parts[parts.length - 1] = last.trimEnd().slice(0, -1);
      parts.push(physical[++i]!);
    }
    out.push({ text: parts.join(' '), line });
  }
  return out;
}

/** Quoted strings of a text blanked out (kept as `""`): what a `sed` expression or a message holds is not an operator. */
const unquoted = (text: string): string => text.replace(/"[^"]*"|'[^']*'/g, '""');

/**
 * One pass over a line as the shell reads it: the text with quoted strings and escaped characters blanked (positions
 * kept), and the command separators (`;`, `&&`, `||`, a lone `&`) outside quotes, substitutions (`$( … )`, backticks)
 * and groups (`( … )`, `{ …; }`), each as its start and end. Written by hand: a regular expression for quoted strings
 * with escapes takes time that grows with the square of a line of escaped quotes.
 */
function shellScan(text: string): { blanked: string; cuts: [number, number][] } {
  const out: string[] = [];
  const cuts: [number, number][] = [];
  let quote: '"' | "'" | undefined;
  let parens = 0;
  let braces = 0;
  let backtick = false;
  // Whether the next word starts a command: only there is `{` a group (`echo {` prints it).
  let commandStart = true;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      out.push(' ');
      continue;
    }
    if (c === '\\') {
      out.push(' ', i + 1 < text.length ? ' ' : '');
      i++;
      commandStart = false;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      // Nothing inside a double-quoted string is an operator of the line (a substitution's separators are its own).
      out.push(' ');
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      out.push(' ');
      commandStart = false;
      continue;
    }
    out.push(c);
    if (/\s/.test(c)) continue;
    if (c === '`') backtick = !backtick;
    else if (c === '(') parens++;
    else if (c === ')' && parens > 0) parens--;
    else if (c === '{' && commandStart && /\s/.test(text[i + 1] ?? ' ')) braces++;
    else if (c === '}' && braces > 0 && (last === ';' || last === '&')) braces--;
    else if (parens === 0 && braces === 0 && !backtick) {
      const two = text.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        cuts.push([i, i + 2]);
        out.push(two[1]!);
        i++;
      } else if (c === ';' || (c === '&' && !/[>&<|]/.test(text[i - 1] ?? '') && !/[>&]/.test(text[i + 1] ?? ''))) cuts.push([i, i + 1]);
    }
    commandStart = /[;&|({]/.test(c);
    last = c;
  }
  return { blanked: out.join(''), cuts };
}

/** The agent a pipeline starts: its adapter id and where its name starts in the line. */
interface Started {
  agent: string;
  at: number;
  start: number;
  end: number;
  /** The agent's command gives it a task of its own (`givesTask`). */
  task: boolean;
}

/**
 * One line's pipelines, found once: the separators outside quotes, and for each pipeline the agent it starts, looked
 * up once. Positions are looked up by halving, so that many reads on one long line cost no more than reading it.
 */
class PipelineScan {
  private readonly agents = new Map<number, Started | null>();
  private readonly blanked: string;
  /** The separators, each as its start and end, in line order. */
  private readonly cuts: readonly (readonly [number, number])[];

  constructor(
    private readonly line: string,
    private readonly own: string,
    private readonly literal: ReadonlySet<string>,
  ) {
    ({ blanked: this.blanked, cuts: this.cuts } = shellScan(line));
  }

  /** The pipeline around position `at`: from the separator before it to the one after. */
  private around(at: number): { start: number; end: number } {
    let lo = 0;
    let hi = this.cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cuts[mid]![0] < at) lo = mid + 1;
      else hi = mid;
    }
    return { start: lo === 0 ? 0 : this.cuts[lo - 1]![1], end: lo < this.cuts.length ? this.cuts[lo]![0] : this.line.length };
  }

  /** The agent the pipeline around `at` starts, if it names one (the whole pipeline when the name is written in pieces). */
  agentAround(at: number): Started | undefined {
    const { start, end } = this.around(at);
    let known = this.agents.get(start);
    if (known === undefined) {
      const text = this.line.slice(start, end);
      // A name outside quotes first: one in a message (`echo 'Context for Claude:'`) starts nothing.
      const names = namesAgent(text);
      const named = names ? (agentNamedAt(this.blanked.slice(start, end)) ?? agentNamedAt(text)) : undefined;
      if (!names) known = null;
      else if (named === undefined) known = { agent: this.own, at: start, start, end, task: false };
      else {
        // Its own command: from its name to the next pipe outside quotes.
        const pipe = this.blanked.slice(start + named.index, end).search(/\|/);
        const task = givesTask(text.slice(named.index, pipe < 0 ? text.length : named.index + pipe), named.cli, this.literal);
        known = { agent: named.cli.agent, at: start + named.index, start, end, task };
      }
      this.agents.set(start, known);
    }
    return known ?? undefined;
  }
}

/** Whether the text before a name reads the file: by `cat`, a redirection, `sed`, or a flag or input that takes one. */
function readsFile(before: string, lead: string, yaml: boolean): 'read' | 'stdin' | 'flag' | undefined {
  if (PROMPT_FLAG.test(before) || (yaml && PROMPT_INPUT.test(before))) return 'flag';
  if (REDIRECT.test(before)) return 'stdin';
  // A `sed` expression may hold the shell's operators (`s|a|b|g`): looked for as written and with quoted strings blanked.
  if (CAT.test(before) || SED.test(lead) || SED.test(unquoted(lead))) return 'read';
  return undefined;
}

/**
 * Whether a read that ends at `lead` (the text before the name, without the name's own opening quote) is the whole of
 * what it gives (`"$(cat x.md)"`, `$(cat x.md)` as a word, a pipe, a redirection), not a piece of a longer text the
 * prompt quotes (`"Docs: $(cat x.md)"`).
 */
function wholeRead(lead: string): boolean {
  const open = lead.lastIndexOf('$(');
  if (open < 0) return true;
  const ahead = lead[open - 1];
  if (ahead === undefined || ahead === '"' || ahead === '=' || ahead === '(') return true;
  if (!/\s/.test(ahead)) return false;
  // A blank before it: a word of its own only outside a double-quoted string.
  let quotes = 0;
  for (let i = 0; i < open; i++) if (lead[i] === '"' && lead[i - 1] !== '\\') quotes++;
  return quotes % 2 === 0;
}

/** The variable a read fills when it is an assignment's whole value (`PROMPT=$(cat x.md)`, `P="$(envsubst < x.md)"`). */
function assignedBy(lead: string): string | undefined {
  const open = lead.lastIndexOf('$(');
  if (open < 0) return undefined;
  return ASSIGNED.exec(lead.slice(Math.max(0, open - 80), open))?.[1];
}

/** How much of an agent's command is read for its task. */
const MAX_TASK_READ = 8192;
/** Words that choose what the agent does, not its task: `codex exec`, `opencode run`. */
const SUBCOMMANDS = new Set(['exec', 'e', 'run', 'chat']);
/** A file named as a prompt: what is piped from it is the agent's instructions whatever task the command gives. */
const PROMPT_NAME = /prompt|instruction/i;
/** A redirection, with its target attached (`2>&1`, `>out.txt`, `2>/dev/null`) or after it. */
const REDIRECTION = /^\d*(?:>>?|<|&>|>&)/;

/** The words of a command as the shell splits them, quotes taken off (one pass; escapes kept as the character). */
function shellWords(text: string): { text: string; quoted: boolean }[] {
  const words: { text: string; quoted: boolean }[] = [];
  let word: string[] | undefined;
  let quoted = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word!.push(text[++i]!);
      else word!.push(c);
      continue;
    }
    if (/\s/.test(c)) {
      if (word) words.push({ text: word.join(''), quoted });
      word = undefined;
      continue;
    }
    if (word === undefined) {
      word = [];
      // A word that starts with a quote is quoted: no operator, option or comment.
      quoted = c === '"' || c === "'";
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < text.length) word.push(text[++i]!);
    else word.push(c);
  }
  if (word) words.push({ text: word.join(''), quoted });
  return words;
}

/** A task in words: letters outside the variables it expands (`"$EXTRA"`, `""` and `.` are none). */
const saysSomething = (word: string, literal: ReadonlySet<string>): boolean => {
  // A substitution's output is not known: no task in words (what is piped in is read).
  if (word.includes('$(') || word.includes('`')) return false;
  // A variable the launcher sets to words (`TASK="Summarise the notes"`) says them.
  const variable = /^\$\{?([A-Za-z_]\w{0,63})\}?$/.exec(word);
  if (variable) return literal.has(variable[1]!);
  return /[A-Za-z]{2}/.test(word.replace(/\$\{[^}$]*\}|\$\w+/g, ''));
};

/** An agent's options by what they take, built once per agent. */
interface Vocabulary {
  valued: ReadonlySet<string>;
  one: ReadonlySet<string>;
  many: ReadonlySet<string>;
  switches: ReadonlySet<string>;
  prompt: ReadonlySet<string>;
}
const VOCABULARIES = new Map<AgentCli, Vocabulary>();
function vocabularyOf(cli: AgentCli): Vocabulary {
  let known = VOCABULARIES.get(cli);
  if (known === undefined) {
    const names = (takes: FlagSpec['takes']): string[] => cli.flags.filter((f) => f.takes === takes).flatMap((f) => f.names);
    known = {
      valued: new Set(cli.valued),
      one: new Set(names('one')),
      many: new Set(names('many')),
      switches: new Set([...names(undefined), ...(SWITCHES[cli.agent] ?? [])]),
      prompt: PROMPT_OPTIONS[cli.agent] ?? new Set<string>(),
    };
    VOCABULARIES.set(cli, known);
  }
  return known;
}

/**
 * Whether the agent's own command (from its name to the pipe or the end of its pipeline) gives it a task in words
 * (`claude -p "Summarise these notes"`, `codex exec --full-auto "Review the diff"`): then what it reads on standard
 * input is data. Options are read with the agent's own vocabulary: one that takes a value takes the next word (the
 * task, for a prompt option such as Gemini's `-p`), a list option the words up to the next option; any other is a
 * switch. `-` is standard input itself; a redirection and its target, a comment and a subcommand are no task.
 */
function givesTask(command: string, cli: AgentCli, literal: ReadonlySet<string>): boolean {
  // The task comes early in a command; past this much, none is taken (what is piped in is read).
  const words = shellWords(command.slice(0, MAX_TASK_READ));
  const { valued, one, many, switches, prompt } = vocabularyOf(cli);
  let list = false;
  // An option the vocabulary does not know may take the word after it: that word is no task.
  let unknown = false;
  for (let i = 1; i < words.length; i++) {
    const { text: word, quoted } = words[i]!;
    if (!quoted && (word.startsWith('#') || word === '|' || word === '|&')) return false;
    if (!quoted && REDIRECTION.test(word)) {
      if (/^\d*(?:>>?|<|&>|>&)$/.test(word)) i++;
      continue;
    }
    if (!quoted && word.startsWith('-') && word !== '-') {
      const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
      list = many.has(name);
      unknown = false;
      if (word.includes('=')) {
        if (prompt.has(name) && saysSomething(word.slice(name.length + 1), literal)) return true;
        continue;
      }
      if (valued.has(name) || one.has(name)) {
        const value = words[++i];
        if (value !== undefined && prompt.has(name) && saysSomething(value.text, literal)) return true;
      } else if (!switches.has(name) && !list) unknown = true;
      continue;
    }
    if (list) continue;
    if (unknown) {
      unknown = false;
      continue;
    }
    if (word === '-') return false;
    if (!quoted && (SUBCOMMANDS.has(word) || cli.commands.includes(word))) continue;
    if (saysSomething(word, literal)) return true;
  }
  return false;
}

/**
 * Switches the vocabulary does not list because they grant nothing, by agent: Claude Code's `-p`/`--print`,
 * `--verbose`, `-c`/`--continue`, `--debug` (https://code.claude.com/docs/en/cli-reference); `codex exec`'s `--json`,
 * `--skip-git-repo-check` (codex-rs/exec/src/cli.rs); Gemini CLI's `-d`/`--debug`.
 */
const SWITCHES: Readonly<Record<string, readonly string[]>> = {
  'claude-code': ['-p', '--print', '--verbose', '-c', '--continue', '--debug'],
  codex: ['--json', '--skip-git-repo-check'],
  'gemini-cli': ['-d', '--debug'],
};

/** Options whose value is the agent's task, by agent: Gemini CLI's (and Qwen Code's, read as it) `-p`/`--prompt`, Aider's `--message`. */
const PROMPT_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  'gemini-cli': new Set(['-p', '--prompt', '-i', '--prompt-interactive']),
  aider: new Set(['-m', '--message']),
};

/** An assignment of quoted words to a variable (`TASK="Summarise the notes"`), the text bounded. */
const LITERAL_ASSIGNMENT =
  /(?:^|[\s;])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_]\w{0,63})=(?:"([^"\n$`]{0,2000})"|'([^'\n]{0,2000})')/gm;

/** The variables a launcher sets to words of its own: a command that takes one of them is given its task. */
function literalVariables(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(LITERAL_ASSIGNMENT)) if (/[A-Za-z]{2}/.test(m[2] ?? m[3] ?? '')) out.add(m[1]!);
  return out;
}

/**
 * The repository path of a file a launcher names: relative to the repository's top, or to the launcher's folder
 * (a script run from beside it), or after a variable for either (`$SCRIPT_DIR/PROMPT.md`, `"$RALPH_DIR"/x.md`); a
 * path built from other parts, absolute or leaving the repository is not followed. Only committed files count.
 */
function resolve(
  word: string,
  variable: string | undefined,
  launcher: string,
  workflow: boolean,
  committed: ReadonlySet<string>,
): string | undefined {
  let rest = word;
  if (variable === undefined) {
    const slash = rest.indexOf('/');
    const head = slash > 0 ? rest.slice(0, slash) : undefined;
    if (head !== undefined && /^\$\{?[A-Za-z_]\w{0,63}\}?$|^\$\(/.test(head)) {
      variable = head;
      rest = rest.slice(slash + 1);
    }
  } else rest = rest.replace(/^\/+/, '');
  if (/[$`~*?{}\\]/.test(rest)) return undefined;
  const folder = launcher.slice(0, Math.max(0, launcher.lastIndexOf('/')));
  const top = variable === undefined || TOP_VARIABLE.test(variable);
  // A workflow runs in the checkout; a script may be run from the top or from its own folder, and a variable before
  // the name usually holds one of them (`SCRIPT_DIR`).
  const bases = workflow ? (top ? [''] : []) : top ? ['', folder] : [folder, ''];
  for (const base of bases) {
    const path = repositoryPath(base, rest);
    if (path !== undefined && committed.has(path)) return path;
  }
  return undefined;
}

/**
 * The text a launcher's commands are read from: a JSON file's string values decoded, a line each (npm runs the
 * decoded script, `cat prompts\/x.md` too); a Makefile's `$$` as the shell gets it; a workflow's workspace expression
 * as the variable for the checkout.
 */
function commandText(file: SourceFile, workflow: boolean): string {
  if (workflow) return file.text.replace(WORKSPACE, '$GITHUB_WORKSPACE');
  if (/\.json$/i.test(file.path)) {
    const parsed = parseJson(file.text, false);
    if (!parsed.ok) return file.text;
    const strings: string[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(visit);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
    };
    visit(parsed.value);
    return strings.join('\n');
  }
  if (/(?:^|\/)(?:GNU)?makefile$|\.mk$/i.test(file.path)) return file.text.replaceAll('$$', '$');
  return file.text;
}

/** A group of commands whose output goes to a step's output or the environment: `} >> "$GITHUB_OUTPUT"`. */
const GROUP_TO_OUTPUT = /^\s*\}\s*>>?\s*["']?\$\{?GITHUB_(?:OUTPUT|ENV)\b/;
/** A value written by name (`prompt=…`, `prompt<<EOF`), and the end of a multi-line one. */
const NAMED_VALUE = /([A-Za-z_][\w-]{0,63})(?:<<\s*["']?(\$?\{?[\w-]{1,64}\}?)|=)/;
/** A prompt input whose value is the expression alone, on the key's line or a line of its own in a block. */
const WHOLE_REFERENCE =
  /^[ \t]*(?:-?[ \t]*[\w-]+[ \t]*:[ \t]*)?["']?\$\{\{\s*(?:steps\s*\.\s*[\w-]+\s*\.\s*outputs|env)\s*\.\s*([\w-]+)\s*(?:\|\|\s*(?:'[^'\n]{0,200}'|"[^"\n]{0,200}"|[\w.-]{1,200})\s*)?\}\}["']?[ \t]*$/;

/**
 * The lines of a workflow that write a value its agent actions take as their prompt to a step's output or the
 * environment: the names the `prompt` inputs (and claude-code-action's earlier ones) read (`${{ steps.p.outputs.prompt
 * }}`, `${{ env.PROMPT }}`), and the lines that write one of them there, on their own or in a `{ … } >>
 * "$GITHUB_OUTPUT"` group, inside a multi-line value (`prompt<<EOF` … `EOF`) or as `prompt=…`.
 */
function promptOutputs(lines: readonly { text: string }[]): Set<number> {
  const names = new Set<string>();
  let indent = -1;
  for (const { text } of lines) {
    const own = /^\s*/.exec(text)![0].length;
    if (PROMPT_KEY.test(text)) indent = own;
    else if (indent >= 0 && text.trim() !== '' && own <= indent) indent = -1;
    // Only a value that is the prompt, not one quoted in a longer text of it (context, as `"Docs: $(cat x.md)"` is).
    const whole = indent >= 0 ? WHOLE_REFERENCE.exec(text) : null;
    if (whole) names.add(whole[1]!.toLowerCase());
  }
  const out = new Set<number>();
  if (names.size === 0) return out;
  // Lines inside a group whose output goes there count as writing there.
  const toOutput = lines.map(({ text }) => TO_OUTPUT.test(text));
  let open = -1;
  lines.forEach(({ text }, i) => {
    if (/(?:^|\s)\{\s*$/.test(text)) open = i;
    else if (GROUP_TO_OUTPUT.test(text) && open >= 0) {
      for (let k = open; k <= i; k++) toOutput[k] = true;
      open = -1;
    }
  });
  let current: { name: string; end: string } | undefined;
  lines.forEach(({ text }, i) => {
    if (!toOutput[i]) return;
    if (current && new RegExp(`(?:^|[\\s"'])${escapeWord(current.end)}(?:["'\\s]|$)`).test(text) && !text.includes('<<')) {
      current = undefined;
      return;
    }
    const named = NAMED_VALUE.exec(text);
    if (named?.[2] !== undefined) current = { name: named[1]!, end: named[2] };
    // Names are matched in any case, as GitHub's expressions look them up.
    if (names.has(current?.name.toLowerCase() ?? '') || (named !== null && named[2] === undefined && names.has(named[1]!.toLowerCase())))
      out.add(i);
  });
  return out;
}

/**
 * Committed markdown and text files that launchers hand an agent as its prompt or system prompt, in scripts,
 * recipes and workflows: piped in (`cat PROMPT.md | claude -p`), redirected (`codex exec - < prompt.md`), substituted
 * as a word of the command that starts an agent (`claude -p "$(cat .github/prompts/review.md)"`), named by a flag
 * that takes a file (`--append-system-prompt-file`), read into a variable that command uses (`PROMPT=$(envsubst <
 * x.md)` … `codex exec "$PROMPT"`) or a workflow step passes to an agent action's prompt, or given to an action's
 * `prompt-file` input. The agent follows them unattended: they are its guidance. A read in another command of the line
 * (`sed -i … CHANGELOG.md && claude …`), a file read into a longer text (`"Docs: $(cat docs/api.md)"`), and data on
 * standard input of an agent given its task in words (`cat notes.md | claude -p "Summarise these notes"`) are not.
 * Bounded: at most `MAX_PROMPT_FILES` in all, and the line where more are named is said (`over`), so that the
 * launchers it did not read are known.
 */
export function promptFiles(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  isLauncher: (path: string) => boolean,
  isWorkflow: (path: string) => boolean,
): PromptFiles {
  const out: PromptFile[] = [];
  const seen = new Set<string>();
  let committed: ReadonlySet<string> | undefined;
  for (const file of files) {
    if (!isLauncher(file.path)) continue;
    const workflow = isWorkflow(file.path);
    // A JSON file's escapes may spell the name (`P\u002emd`): its decoded text is looked at.
    if (!MAY_NAME.test(file.text) && !(file.text.includes('\\') && /\.json$/i.test(file.path))) continue;
    const text = commandText(file, workflow);
    if (!MAY_NAME.test(text)) continue;
    const lines = logicalLines(text);
    const lower = workflow ? text.toLowerCase() : '';
    const vendor = workflow ? VENDOR_REPOS.find(([repo]) => lower.includes(repo))?.[1] : undefined;
    // In a workflow whose agent action takes its prompt from a step's output or the environment, the lines that write
    // a value of that name there (a line each, or a `{ … } >> "$GITHUB_OUTPUT"` group).
    const written = vendor === undefined ? undefined : promptOutputs(lines);
    // An agent named in a way the name's reader does not take apart is the launcher's own adapter's.
    const own = vendor ?? (workflow ? 'ci' : 'scripts');
    const scans = new Map<number, PipelineScan>();
    let literal: ReadonlySet<string> | undefined;
    const scanOf = (i: number): PipelineScan => {
      let scan = scans.get(i);
      if (!scan) scans.set(i, (scan = new PipelineScan(lines[i]!.text, own, (literal ??= literalVariables(text)))));
      return scan;
    };
    // The agent each variable reaches: the pipeline that starts an agent and uses it, or a line that writes it to the
    // output an agent action's prompt takes.
    const reaches = new Map<string, string>();
    lines.forEach(({ text: line }, i) => {
      if (!line.includes('$')) return;
      for (const use of line.matchAll(USE)) {
        const agent = scanOf(i).agentAround(use.index)?.agent ?? (written?.has(i) ? vendor : undefined);
        if (agent !== undefined && !reaches.has(use[1]!)) reaches.set(use[1]!, agent);
      }
    });
    for (const [i, { text: line, line: number }] of lines.entries()) {
      if (!MAY_NAME.test(line)) continue;
      for (const match of line.matchAll(WORD)) {
        let word = match[0];
        if (!PROMPT_FILE.test(word)) continue;
        const at = match.index;
        let before = line.slice(Math.max(0, at - LOOK_BEHIND), at);
        // A variable quoted apart from the rest of its path (`"$RALPH_DIR"/PROMPT.md`) is read with it.
        let variable: string | undefined;
        if (word.startsWith('/')) {
          const quoted = /(\$\{?[A-Za-z_]\w{0,63}\}?)["']$/.exec(before);
          if (!quoted) continue;
          variable = quoted[1];
          before = before.slice(0, before.length - quoted[0].length);
        }
        if (word.startsWith('./')) word = word.slice(2);
        const lead = before.replace(/["']$/, '');
        const how = readsFile(before, lead, workflow);
        if (how === undefined) continue;
        const started = scanOf(i).agentAround(at);
        let agent: string | undefined;
        if (how === 'flag') agent = started?.agent ?? (workflow ? vendor : undefined);
        else if (started !== undefined && wholeRead(lead)) {
          // A word of the agent's command (`"$(cat x.md)"`), or its standard input (piped in before it, redirected),
          // which is its task unless its command gives it one and the file is not named as a prompt; a file a command
          // after it in the pipeline reads is not.
          const substituted = lead.lastIndexOf('$(') > lead.lastIndexOf(')');
          const stdin = !substituted && (how === 'stdin' || at < started.at);
          const data = stdin && started.task && !PROMPT_NAME.test(word.slice(word.lastIndexOf('/') + 1));
          if ((substituted || stdin) && !data) agent = started.agent;
        } else if (how === 'read' && written?.has(i)) agent = vendor;
        else {
          const name = assignedBy(lead);
          agent = name === undefined ? undefined : reaches.get(name);
        }
        if (agent === undefined) continue;
        committed ??= new Set(paths());
        const path = resolve(word, variable, file.path, workflow, committed);
        // Each launcher that hands a file over is said: the file's findings depend on all of them.
        if (path === undefined || seen.has(`${path}\0${file.path}`)) continue;
        if (out.length >= MAX_PROMPT_FILES) return { files: out, over: { launcher: file.path, line: number } };
        seen.add(`${path}\0${file.path}`);
        out.push({ path, agent, launcher: file.path, line: number });
      }
    }
  }
  return { files: out };
}
