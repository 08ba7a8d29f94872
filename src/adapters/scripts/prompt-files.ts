import type { SourceFile } from '../../core/types.js';
import { agentNamedIn, namesAnAgent } from '../../shell/agent-clis.js';
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

/** The files a prompt is kept in: markdown and plain text. */
const PROMPT_FILE = /\.(?:md|markdown|txt)$/i;
/** A cheap test of a launcher's text before its lines are read: it names such a file. */
const MAY_NAME = /\.(?:md|markdown|txt)\b/i;
/** The most prompt files all launchers together hand over, counted once per launcher (a launcher hands one or two). */
export const MAX_PROMPT_FILES = 200;
/** The longest logical line read (backslash continuations joined); a longer one is a generated file, not a launcher. */
const MAX_LINE = 20_000;
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

/** How the text before a file's name reads it: `cat`, a redirection, `sed`'s file operand, a flag that takes a file. */
const CAT = /\bcat(?:\s+-[a-zA-Z]{1,8})*\s+["']?$/;
const REDIRECT = /(?:^|[^<])<\s*["']?$/;
const SED = /(?:^|[|;&(]|\$\()\s*sed\s[^|;&()]*$/;
const PROMPT_FLAG = /--(?:append-)?system-prompt-file(?:=|\s+)["']?$/;
/** codex-action's `prompt-file` input (https://developers.openai.com/codex/github-action), claude-code-base-action's `prompt_file`. */
const PROMPT_INPUT = /^\s*-?\s*prompt[-_]file\s*:\s*["']?$/;
/** An agent action's prompt input taken from a step's output or the environment, which a `run:` step may fill from a file. */
const PROMPT_FROM_STEP =
  /^[ \t]*(?:prompt|direct_prompt|override_prompt|custom_instructions)[ \t]*:[ \t]*[|>]?[-+]?\s*["']?[^\n]{0,200}?\$\{\{\s*(?:steps\s*\.\s*[\w-]+\s*\.\s*outputs|env)\s*\./m;
/** A line that fills a step's output or the job's environment. */
const TO_OUTPUT = /\bGITHUB_(?:OUTPUT|ENV)\b/;
/** The variable an assignment fills, written just before its value's `$(`: `PROMPT=`, `export PROMPT="`, `ctx+=`. */
const ASSIGNED = /(?:^|[\s;&|(])([A-Za-z_]\w{0,63})\+?=["']?$/;

const namesAgent = namesAnAgent();
const VENDOR_REPOS = VENDOR_ACTIONS.flatMap((v) => v.repos.map((repo) => [repo.toLowerCase(), v.agent] as const));

/** The logical lines of a text: physical lines joined where one ends in a backslash, each with its first line's number. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    let joined = physical[i]!;
    while (joined.endsWith('\\') && i + 1 < physical.length && joined.length <= MAX_LINE)
      joined = `${joined.slice(0, -1)} ${physical[++i]!}`;
    if (joined.length <= MAX_LINE) out.push({ text: joined, line });
  }
  return out;
}

/** Quoted strings of a text blanked out (kept as `""`): what a `sed` expression or a message holds is not an operator. */
const unquoted = (text: string): string => text.replace(/"[^"]*"|'[^']*'/g, '""');

/** Whether the text before a name reads the file: by `cat`, a redirection, `sed`, or a flag or input that takes one. */
function readsFile(before: string, lead: string, yaml: boolean): 'read' | 'flag' | undefined {
  if (PROMPT_FLAG.test(before) || (yaml && PROMPT_INPUT.test(before))) return 'flag';
  // A `sed` expression may hold the shell's operators (`s|a|b|g`): looked for as written and with quoted strings blanked.
  if (CAT.test(before) || REDIRECT.test(before) || SED.test(lead) || SED.test(unquoted(lead))) return 'read';
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
 * Committed markdown and text files that launchers hand an agent as its prompt or system prompt, in scripts,
 * recipes and workflows: piped in (`cat PROMPT.md | claude -p`), redirected (`codex exec - < prompt.md`), substituted
 * as an argument of a command line that starts an agent (`claude -p "$(cat .github/prompts/review.md)"`), named by
 * a flag that takes a file (`--append-system-prompt-file`), read into a variable the agent's command line takes
 * (`PROMPT=$(envsubst < x.md)` … `codex exec "$PROMPT"`) or a workflow step passes to an agent action's prompt, or
 * given to an action's `prompt-file` input. The agent follows them unattended: they are its guidance. A file read
 * into a longer text (`"Docs: $(cat docs/api.md)"`) is context, not instructions, and is not taken. Bounded: at most
 * `MAX_PROMPT_FILES` in all; each file's lines are read once.
 */
export function promptFiles(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  isLauncher: (path: string) => boolean,
  isWorkflow: (path: string) => boolean,
): PromptFile[] {
  const out: PromptFile[] = [];
  const seen = new Set<string>();
  let committed: ReadonlySet<string> | undefined;
  for (const file of files) {
    if (!isLauncher(file.path) || !MAY_NAME.test(file.text)) continue;
    const workflow = isWorkflow(file.path);
    const text = workflow ? file.text.replace(WORKSPACE, '$GITHUB_WORKSPACE') : file.text;
    const lines = logicalLines(text);
    // The agent each variable reaches: a command line that starts an agent and uses it, or (in a workflow whose agent
    // action takes its prompt from a step or the environment) a line that writes it there.
    const lower = workflow ? text.toLowerCase() : '';
    const vendor = workflow ? VENDOR_REPOS.find(([repo]) => lower.includes(repo))?.[1] : undefined;
    const stepPrompt = vendor !== undefined && PROMPT_FROM_STEP.test(text);
    // An agent named in a way the name's reader does not take apart is the launcher's own adapter's.
    const own = vendor ?? (workflow ? 'ci' : 'scripts');
    const reaches = new Map<string, string>();
    for (const { text: line } of lines) {
      if (!line.includes('$')) continue;
      const agent = namesAgent(line) ? (agentNamedIn(line)?.agent ?? own) : stepPrompt && TO_OUTPUT.test(line) ? vendor : undefined;
      if (agent === undefined) continue;
      for (const use of line.matchAll(USE)) if (!reaches.has(use[1]!)) reaches.set(use[1]!, agent);
    }
    for (const { text: line, line: number } of lines) {
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
        const starts = namesAgent(line);
        let agent: string | undefined;
        if (how === 'flag') agent = workflow && !starts ? vendor : starts ? (agentNamedIn(line)?.agent ?? own) : undefined;
        else if (starts && wholeRead(lead)) agent = agentNamedIn(line)?.agent ?? own;
        else {
          const name = assignedBy(lead);
          agent = name === undefined ? undefined : reaches.get(name);
        }
        if (agent === undefined) continue;
        committed ??= new Set(paths());
        const path = resolve(word, variable, file.path, workflow, committed);
        // Each launcher that hands a file over is said: the file's findings depend on all of them.
        if (path === undefined || seen.has(`${path}\0${file.path}`)) continue;
        seen.add(`${path}\0${file.path}`);
        out.push({ path, agent, launcher: file.path, line: number });
        if (out.length >= MAX_PROMPT_FILES) return out;
      }
    }
  }
  return out;
}
