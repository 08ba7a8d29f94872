import { agentPath } from '../../sources/agent-paths.js';
import { physicalLines } from './text-lines.js';

/** The agents' folders whose `hooks` folder holds their hook scripts, and the agent each is (`.claude/hooks/`). */
export const HOOK_FOLDERS: Readonly<Record<string, string>> = {
  '.claude': 'claude-code',
  '.cursor': 'cursor',
  '.factory': 'droid',
  '.gemini': 'gemini-cli',
  '.qwen': 'gemini-cli',
  '.codex': 'codex',
};

/**
 * The permission hooks of agents answer in JSON: Claude Code's and Factory Droid's PreToolUse hooks
 * `"permissionDecision": "allow"` (the older `"decision": "approve"`), Claude Code's PermissionRequest hooks
 * `"behavior": "allow"`, Cursor's `"permission": "allow"` (https://code.claude.com/docs/en/hooks, "PreToolUse decision
 * control"; https://cursor.com/docs/agent/hooks). A script that answers so for every call it does not block is an
 * auto-approval of everything else: it is read here, in the hook folders of the agents, in the languages such scripts are
 * written in. The control flow is read by hand, line by line: no parser of three languages is needed to see whether one
 * line sits inside a condition.
 */
export const HOOK_SCRIPTS = agentPath(`{${Object.keys(HOOK_FOLDERS).join(',')}}/hooks/**/*.{sh,bash,py,js,mjs,cjs,ts}`);

/**
 * A key of a permission answer set to allow, quoted or not (an escaped quote too, `\"decision\": \"approve\"`), with
 * `:` or `=` (JSON, a Python dict, a JS object, a variable).
 */
const ALLOW =
  /(?:\\?["'])?\b(permissionDecision|decision|permission|behavior)\b(?:\\?["'])?[ \t]*[:=][ \t]*\\?["'](?:allow|approve)\\?["']/;
/** The same key set to anything: the last answer a script gives is the one that stands when nothing else matched. */
const ANSWER =
  /(?:\\?["'])?\b(?:permissionDecision|decision|permission|behavior)\b(?:\\?["'])?[ \t]*[:=][ \t]*\\?["'](?:allow|approve|deny|block|ask)\\?["']/;

/**
 * A script written for an event that decides no permission: `"decision": "approve"` in a Stop hook lets the agent stop.
 * Such a script that names no permission event answers nothing here; nor does one whose only allow is the older
 * `decision` key and that reads no tool call (a Stop or PostToolUse hook's decision is about stopping or the result).
 */
const OTHER_EVENT =
  /stop_hook_active|hookEventName["']?[ \t]*[:=][ \t]*["'](?:Stop|SubagentStop|PostToolUse|UserPromptSubmit|SessionStart|SessionEnd|Notification|PreCompact)["']/;
const PERMISSION_EVENT = /PreToolUse|PermissionRequest|beforeShellExecution|beforeMCPExecution|beforeReadFile|preToolUse|BeforeTool/;
const READS_TOOL_CALL = /tool_name|tool_input|toolName|toolInput|PreToolUse|PermissionRequest/;

/** Whether a file's text may hold an allow answer: the cheap test before it is read. */
export const mayAnswerAllow = (text: string): boolean => ALLOW.test(text);

type Language = 'shell' | 'python' | 'js';
const languageOf = (path: string): Language => (/\.py$/i.test(path) ? 'python' : /\.(?:[mc]?js|ts)$/i.test(path) ? 'js' : 'shell');

/** Where a hook script answers allow to whatever it has not answered otherwise: 1-based line and column, and the line. */
export interface FallThroughAllow {
  line: number;
  column: number;
  text: string;
}

/** A function of a script: its name and the lines (indexes) of its body. */
interface ScriptFunction {
  name: string;
  first: number;
  last: number;
}

/**
 * The allow a hook script gives when nothing before it answered: the script's last answer, an allow, outside every
 * condition (`if`, `case`, a loop, `&&`/`||`, a ternary); the blocks of functions and `try` do not count as
 * conditions. A shell or Python function that answers (`allow() { echo '{"permission":"allow"}'; }`) answers where
 * it is called. Undefined when the script allows only inside a condition (an allowlist, which asks for the rest).
 * Every step reads each line once: a hostile script of a megabyte is read in linear time.
 */
export function fallThroughAllow(path: string, text: string): FallThroughAllow | undefined {
  if (OTHER_EVENT.test(text) && !PERMISSION_EVENT.test(text)) return undefined;
  const language = languageOf(path);
  // The whole file: files over 1 MiB are not read at all.
  const lines = physicalLines(text, Number.POSITIVE_INFINITY);
  const code = lines.map((l) => stripComment(l.text, language));
  const depths = conditionDepths(code, language);
  const functions = language === 'shell' ? shellFunctions(code) : language === 'python' ? pythonFunctions(code) : jsFunctions(code);
  // The innermost function each line is in, and each function's own answers: one sweep, functions being nested or
  // apart (a thousand nested ones cost no more than a thousand lines).
  const owner = new Array<ScriptFunction | undefined>(code.length);
  const own = new Map<ScriptFunction, { count: number; last: number }>();
  const open: ScriptFunction[] = [];
  let next = 0;
  const sorted = [...functions].sort((a, b) => a.first - b.first || b.last - a.last);
  for (let i = 0; i < code.length; i++) {
    while (open.length > 0 && open.at(-1)!.last < i) open.pop();
    while (next < sorted.length && sorted[next]!.first === i) open.push(sorted[next++]!);
    const inner = open.at(-1);
    owner[i] = inner;
    if (inner && ANSWER.test(code[i]!)) {
      const seen = own.get(inner) ?? { count: 0, last: -1 };
      own.set(inner, { count: seen.count + 1, last: i });
    }
  }
  // What a call of each function answers: its last answer, an allow only at the function's own level. A function of
  // one answer (`allow() { echo …; }`) answers where it is called; one that holds the script's logic (its denies and
  // its allow, `def main():`) answers at its own last line.
  const answers = new Map<string, { allows: boolean; index: number; helper: boolean }>();
  for (const [f, { count, last: lastAnswer }] of own) {
    const allows = ALLOW.test(code[lastAnswer]!) && depths[lastAnswer] === depths[f.first];
    answers.set(f.name, { allows, index: lastAnswer, helper: count === 1 });
  }
  let last: { index: number; allows: boolean; column: number; depth: number; key?: string } | undefined;
  const answerAt = (index: number, depth: number): typeof last => {
    const line = code[index]!;
    const allow = ALLOW.exec(line);
    const answer = allow ?? ANSWER.exec(line)!;
    return { index, allows: allow !== null, column: answer.index + 1, depth, ...(allow ? { key: allow[1]! } : {}) };
  };
  code.forEach((line, i) => {
    if (owner[i] !== undefined) return;
    if (ANSWER.test(line)) {
      last = answerAt(i, depths[i]!);
      return;
    }
    for (const call of commandStarts(line, language)) {
      const called = answers.get(call.word);
      if (called === undefined) continue;
      last = called.helper
        ? { index: i, allows: called.allows, column: call.column, depth: depths[i]! }
        : { ...answerAt(called.index, depths[i]!)!, allows: called.allows };
    }
  });
  if (last === undefined || !last.allows || last.depth !== 0) return undefined;
  // The older `decision` key answers permissions only in a hook that reads a tool call.
  if (last.key === 'decision' && !READS_TOOL_CALL.test(text)) return undefined;
  const line = lines[last.index]!;
  // `[[ … ]] && echo '{"permission":"allow"}'`, `ok ? allow : deny`, `"allow" if ok else "ask"`: conditional on the line.
  const answering = code[last.index]!;
  const before = answering.slice(0, last.column - 1);
  const after = answering.slice(last.column - 1);
  const question = answering.indexOf('?');
  const ifAt = after.search(/\bif\b/);
  const elseAt = ifAt < 0 ? -1 : after.indexOf('else', ifAt);
  if (
    /&&|\|\||(?:^|\s)(?:if|elif|while|case)\b|\?\s*$/.test(before) ||
    (question >= 0 && answering.slice(question).includes(':')) ||
    (elseAt >= 0 && !after.slice(ifAt, elseAt).includes(':'))
  )
    return undefined;
  return { line: line.line, column: last.column, text: answering.trim() };
}

/**
 * The commands a line starts, with the column of their first word: at the line's start and after `;`, `&&`, `||`,
 * `|`, `then`, `do` and `else` in shell; in Python and JS, names called (`allow()`).
 */
function commandStarts(line: string, language: Language): { word: string; column: number }[] {
  const out: { word: string; column: number }[] = [];
  if (language !== 'shell') {
    for (const m of line.matchAll(/\b([A-Za-z_]\w*)[ \t]*\(/g)) out.push({ word: m[1]!, column: m.index + 1 });
    return out;
  }
  let start = true;
  for (const m of line.matchAll(/[A-Za-z_][\w-]*|;|&&|\|\||\||\S/g)) {
    const word = m[0];
    if (word === ';' || word === '&&' || word === '||' || word === '|') start = true;
    else if (start) {
      out.push({ word, column: m.index + 1 });
      start = word === 'then' || word === 'do' || word === 'else' || word === 'if' || word === 'while' || word === '!';
    }
  }
  return out;
}

/** Shell functions, `name() {` or `function name {` to the `}` that closes them at the start of a line, by line index. */
function shellFunctions(code: readonly string[]): ScriptFunction[] {
  const out: ScriptFunction[] = [];
  for (let i = 0; i < code.length; i++) {
    // Runs of blanks read as one, so that no pattern here meets a long run of them twice.
    const line = code[i]!.trim().replace(/\s+/g, ' ');
    const open = /^(function )?([A-Za-z_][\w-]*) ?(\( ?\))? ?\{ ?(.*)$/.exec(line);
    if (!open || (open[1] === undefined && open[3] === undefined)) continue;
    // A one-line function: `allow() { echo …; exit 0; }`.
    if (open[4]!.endsWith('}')) {
      out.push({ name: open[2]!, first: i, last: i });
      continue;
    }
    let j = i + 1;
    while (j < code.length && !code[j]!.trimStart().startsWith('}')) j++;
    out.push({ name: open[2]!, first: i, last: Math.min(j, code.length - 1) });
    i = j;
  }
  return out;
}

/** Python functions: a `def name(` line to the last line indented under it; one pass, nested ones on a stack. */
function pythonFunctions(code: readonly string[]): ScriptFunction[] {
  const out: ScriptFunction[] = [];
  const open: { indent: number; fn: ScriptFunction }[] = [];
  let lastCode = -1;
  code.forEach((line, i) => {
    if (line.trim() === '') return;
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && indent <= open.at(-1)!.indent) open.pop()!.fn.last = lastCode;
    const def = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/.exec(line);
    if (def) {
      const fn = { name: def[1]!, first: i, last: i };
      out.push(fn);
      open.push({ indent, fn });
    }
    lastCode = i;
  });
  for (const { fn } of open) fn.last = lastCode;
  return out;
}

/**
 * Calls `visit` with each character of a line outside quotes (and, in JS, outside regular expression literals such as
 * `/[;&|'"]/`) and its index, until it returns true; returns that index (the line's length when none did). A
 * backslash in quotes escapes the next character.
 */
function outsideQuotes(text: string, visit: (c: string, i: number) => boolean, js = false): number {
  let quote: string | undefined;
  let previous = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (js && c === '/' && text[i + 1] !== '/' && text[i + 1] !== '*' && /^[(,=:[!&|?{};]?$/.test(previous)) {
      // A regular expression literal where an expression starts: to its closing `/`, classes and escapes read over.
      let inClass = false;
      for (i++; i < text.length; i++) {
        const d = text[i]!;
        if (d === '\\') i++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
      }
    } else if (visit(c, i)) return i;
    if (!/\s/.test(c)) previous = c;
  }
  return text.length;
}

/** A line without its comment: `#` in shell and Python, `//` in JS, outside quotes. */
function stripComment(text: string, language: Language): string {
  const end = outsideQuotes(
    text,
    (c, i) => (language === 'js' ? c === '/' && text[i + 1] === '/' : c === '#' && (i === 0 || /\s/.test(text[i - 1]!))),
    language === 'js',
  );
  return text.slice(0, end);
}

/** For each line, how many conditions (branches, loops) enclose it. */
function conditionDepths(lines: readonly string[], language: Language): number[] {
  if (language === 'python') return pythonDepths(lines);
  if (language === 'js') return braceDepths(lines);
  return shellDepths(lines);
}

const SHELL_OPENERS = new Set(['if', 'case', 'for', 'while', 'until', 'select']);
const SHELL_CLOSERS = new Set(['fi', 'esac', 'done']);

/** Shell: `if`/`case`/loops open a condition at the start of a command, `fi`/`esac`/`done` close it; quoted text is not read. */
function shellDepths(lines: readonly string[]): number[] {
  let depth = 0;
  return lines.map((text) => {
    const at = depth;
    // A message that says `; if` in quotes opens nothing: only what is outside quotes is read.
    let quoteless = '';
    outsideQuotes(text, (c) => {
      quoteless += c === '"' || c === "'" || c === '`' ? ' ' : c;
      return false;
    });
    for (const { word } of commandStarts(quoteless, 'shell')) {
      if (SHELL_CLOSERS.has(word)) depth = Math.max(0, depth - 1);
      else if (SHELL_OPENERS.has(word)) depth++;
    }
    // A line that closes what it opened (`if …; then …; fi`) or closes before its own text counts at the smaller depth.
    return Math.min(at, depth);
  });
}

const PYTHON_OPENER = /^\s*(if|elif|else|for|while|except|match|case|def|class|try|finally|with|async)\b/;

/** Python: a line inside `if`/`elif`/`else`/`for`/`while`/`with`…`except` blocks by indentation; `def`, `class`, `try` do not count. */
function pythonDepths(lines: readonly string[]): number[] {
  const stack: { indent: number; condition: boolean }[] = [];
  let conditions = 0;
  return lines.map((text) => {
    if (text.trim() === '') return conditions;
    const indent = text.length - text.trimStart().length;
    while (stack.length > 0 && indent <= stack.at(-1)!.indent) if (stack.pop()!.condition) conditions--;
    const depth = conditions;
    const opener = PYTHON_OPENER.exec(text);
    // A block opens on a line that ends in `:`; `if __name__ == "__main__":` runs the script, no condition of what it calls.
    if (opener && text.trimEnd().endsWith(':') && !/__name__\s*==/.test(text)) {
      const condition =
        !['def', 'class', 'try', 'finally', 'with', 'async'].includes(opener[1]!) || /^\s*async\s+(?:for|with)\b/.test(text);
      stack.push({ indent, condition });
      if (condition) conditions++;
    }
    return depth;
  });
}

const JS_CONDITIONS = new Set(['if', 'else', 'for', 'while', 'switch', 'case', 'catch', 'do']);

/**
 * JS and TS: braces opened after `if`, `else`, `for`, `while`, `switch`, `case`, `catch` are conditions; others
 * (functions, objects) are not. A condition's keyword counts until the brace it opens, a `;` or a closing brace.
 */
function braceDepths(lines: readonly string[]): number[] {
  const stack: boolean[] = [];
  let conditions = 0;
  let pending = false;
  return lines.map((text) => {
    // A condition's keyword still waiting at the end of the line before (`if (x)` then a body with no braces): this
    // line is its body.
    const braceless = pending && !text.trimStart().startsWith('{') ? 1 : 0;
    if (braceless) pending = false;
    const at = conditions + braceless;
    let word = '';
    outsideQuotes(
      `${text} `,
      (c) => {
        if (/[\w$]/.test(c)) {
          word += c;
          return false;
        }
        if (word !== '') {
          if (JS_CONDITIONS.has(word)) pending = true;
          word = '';
        }
        if (c === '{') {
          stack.push(pending);
          if (pending) conditions++;
          pending = false;
        } else if (c === '}') {
          if (stack.pop() === true) conditions--;
          pending = false;
        } else if (c === ';') pending = false;
        return false;
      },
      true,
    );
    return Math.min(at, conditions + braceless);
  });
}

/** JS functions declared `function name(…) {`: to the line where the brace it opens closes; one pass, nested ones on a stack. */
function jsFunctions(code: readonly string[]): ScriptFunction[] {
  const out: ScriptFunction[] = [];
  const open: { depth: number; fn: ScriptFunction }[] = [];
  let depth = 0;
  code.forEach((line, i) => {
    const declared = /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/.exec(line);
    let waiting = declared ? { depth, fn: { name: declared[1]!, first: i, last: code.length - 1 } } : undefined;
    outsideQuotes(
      line,
      (c) => {
        if (c === '{') {
          // The first brace of a declaration's line opens its body.
          if (waiting) {
            out.push(waiting.fn);
            open.push(waiting);
            waiting = undefined;
          }
          depth++;
        } else if (c === '}') {
          depth--;
          while (open.length > 0 && depth <= open.at(-1)!.depth) open.pop()!.fn.last = i;
        }
        return false;
      },
      true,
    );
  });
  return out;
}
