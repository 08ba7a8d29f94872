import type { SourceFile } from '../../core/types.js';
import { agentNamedAt, namesAnAgent } from '../../shell/agent-clis.js';
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
/** An agent action's prompt input, and a value taken from a step's output or the environment, which a `run:` step may fill from a file. */
const PROMPT_INPUTS = /^[ \t]*-?[ \t]*(?:prompt|direct_prompt|override_prompt|custom_instructions)[ \t]*:/m;
const FROM_STEP = /\$\{\{\s*(?:steps\s*\.\s*[\w-]+\s*\.\s*outputs|env)\s*\./;
/** A line that fills a step's output or the job's environment, or writes a value there (`echo "$P"` in a group that does). */
const TO_OUTPUT = /\bGITHUB_(?:OUTPUT|ENV)\b/;
const WRITES = /(?:^|[\s;&|({])(?:echo|printf|cat)\s/;
/** The variable an assignment fills, written just before its value's `$(`: `PROMPT=`, `export PROMPT="`, `ctx+=`. */
const ASSIGNED = /(?:^|[\s;&|(])([A-Za-z_]\w{0,63})\+?=["']?$/;
/** What ends a line that goes on in the next: a backslash, or a pipe or list operator the shell waits to complete. */
const CONTINUED = /(?:\\|\||&&)\s*$/;
/** A YAML key whose value is a block of lines (`run: |`, `prompt: >-`): no pipe of a shell. */
const BLOCK_SCALAR = /:\s*[|>][-+]?\d?\s*$/;
/** Options of an agent that take a text of their own that is not the task: a system prompt added to or replaced. */
const SYSTEM_TEXT = /--(?:append-)?system-prompt\s*=?\s*$/;

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
    while (CONTINUED.test(parts.at(-1)!) && !BLOCK_SCALAR.test(parts.at(-1)!) && i + 1 < physical.length) {
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
/** The same, each string kept at its length, so that positions stay. */
const blankedQuotes = (text: string): string => text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (m) => ' '.repeat(m.length));
/** A command separator outside quotes: `;`, `&&`, `||`, a lone `&` (not `2>&1`). */
const SEPARATOR = /;|&&|\|\||(?<![>&<])&(?![>&])/g;

/** The part of a line that is the pipeline starting the agent named at `at`: from the separator before it to the one after. */
function pipelineAround(line: string, at: number): { start: number; end: number } {
  const blank = blankedQuotes(line);
  let start = 0;
  let end = line.length;
  for (const m of blank.matchAll(SEPARATOR)) {
    if (m.index < at) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return { start, end };
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

/**
 * Whether the agent's command after `from` gives it a task of its own in words (`claude -p "Summarise these notes"`):
 * then what it reads on standard input is data, not its instructions. A system prompt's text (`--append-system-prompt
 * "…"`) is not the task.
 */
function ownTask(line: string, from: number, end: number): boolean {
  for (const m of line.slice(from, end).matchAll(/"([^"$`]*)"|'([^']*)'/g)) {
    const text = m[1] ?? m[2] ?? '';
    // Three words or more, in letters, and no tool list (`"Bash(git:*) Read"`).
    if (/[A-Za-z]{2}/.test(text) && /\S\s+\S+\s+\S/.test(text) && !/[()]/.test(text) && !SYSTEM_TEXT.test(line.slice(from, from + m.index)))
      return true;
  }
  return false;
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
    // The agent each variable reaches: a command that starts an agent and uses it, or (in a workflow whose agent
    // action takes its prompt from a step or the environment) a line that writes it there.
    const lower = workflow ? text.toLowerCase() : '';
    const vendor = workflow ? VENDOR_REPOS.find(([repo]) => lower.includes(repo))?.[1] : undefined;
    const stepPrompt = vendor !== undefined && PROMPT_INPUTS.test(text) && FROM_STEP.test(text) && TO_OUTPUT.test(text);
    // An agent named in a way the name's reader does not take apart is the launcher's own adapter's.
    const own = vendor ?? (workflow ? 'ci' : 'scripts');
    /** The agent a line starts, and the pipeline that starts it (the whole line when the name is written in pieces). */
    const agentOf = (line: string): { agent: string; at: number; start: number; end: number } | undefined => {
      if (!namesAgent(line)) return undefined;
      const named = agentNamedAt(line);
      if (named === undefined) return { agent: own, at: 0, start: 0, end: line.length };
      return { agent: named.cli.agent, at: named.index, ...pipelineAround(line, named.index) };
    };
    const reaches = new Map<string, string>();
    for (const { text: line } of lines) {
      if (!line.includes('$')) continue;
      const started = agentOf(line);
      for (const use of line.matchAll(USE)) {
        const inPipeline = started !== undefined && use.index >= started.start && use.index < started.end;
        const agent = inPipeline ? started.agent : stepPrompt && (TO_OUTPUT.test(line) || WRITES.test(line)) ? vendor : undefined;
        if (agent !== undefined && !reaches.has(use[1]!)) reaches.set(use[1]!, agent);
      }
    }
    for (const { text: line, line: number } of lines) {
      if (!MAY_NAME.test(line)) continue;
      let started: ReturnType<typeof agentOf> | null = null;
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
        if (started === null) started = agentOf(line);
        const inPipeline = started !== undefined && at >= started.start && at < started.end;
        let agent: string | undefined;
        if (how === 'flag') agent = inPipeline ? started!.agent : workflow && started === undefined ? vendor : undefined;
        else if (inPipeline && wholeRead(lead)) {
          // A word of the agent's command (`"$(cat x.md)"`), or its standard input (piped in before it, redirected),
          // which is its task unless it was given one in words; a file a command after it in the pipeline reads is not.
          const substituted = lead.lastIndexOf('$(') > lead.lastIndexOf(')');
          const stdin = !substituted && (how === 'stdin' || at < started!.at);
          if (substituted || stdin) agent = stdin && ownTask(line, started!.at, started!.end) ? undefined : started!.agent;
        } else if (workflow && stepPrompt && how === 'read' && TO_OUTPUT.test(line)) agent = vendor;
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
