import { agentPath } from '../../sources/agent-paths.js';
import { physicalLines } from './text-lines.js';

/**
 * The permission hooks of agents answer in JSON: Claude Code's and Factory Droid's PreToolUse hooks
 * `"permissionDecision": "allow"` (the older `"decision": "approve"`), Claude Code's PermissionRequest hooks
 * `"behavior": "allow"`, Cursor's `"permission": "allow"` (https://code.claude.com/docs/en/hooks, "PreToolUse decision
 * control"; https://cursor.com/docs/agent/hooks). A script that answers so for every call it does not block is an
 * auto-approval of everything else: it is read here, in the hook folders of the agents, in the languages such scripts are
 * written in. The control flow is read by hand, line by line: no parser of three languages is needed to see whether one
 * line sits inside a condition.
 */
export const HOOK_SCRIPTS = agentPath('{.claude,.cursor,.factory,.gemini,.qwen,.codex}/hooks/**/*.{sh,bash,py,js,mjs,cjs,ts}');

/** A key of a permission answer set to allow, quoted or not, with `:` or `=` (JSON, a Python dict, a JS object, a variable). */
const ALLOW = /["']?\b(?:permissionDecision|decision|permission|behavior)\b["']?\s*[:=]\s*["'](?:allow|approve)["']/;
/** The same key set to anything: the last answer a script gives is the one that stands when nothing else matched. */
const ANSWER = /["']?\b(?:permissionDecision|decision|permission|behavior)\b["']?\s*[:=]\s*["'](?:allow|approve|deny|block|ask)["']/;

/**
 * A script written for an event that decides no permission: `"decision": "approve"` in a Stop hook lets the agent stop.
 * Such a script that names no permission event answers nothing here.
 */
const OTHER_EVENT =
  /stop_hook_active|hookEventName["']?\s*[:=]\s*["'](?:Stop|SubagentStop|PostToolUse|UserPromptSubmit|SessionStart|SessionEnd|Notification|PreCompact)["']/;
const PERMISSION_EVENT = /PreToolUse|PermissionRequest|beforeShellExecution|beforeMCPExecution|beforeReadFile|preToolUse|BeforeTool/;

/** Whether a file's text may hold an allow answer: the cheap test before it is read. */
export const mayAnswerAllow = (text: string): boolean => ALLOW.test(text);

type Language = 'shell' | 'python' | 'js';
const languageOf = (path: string): Language => (/\.py$/i.test(path) ? 'python' : /\.(?:[mc]?js|ts)$/i.test(path) ? 'js' : 'shell');

/** The most lines of a hook script read: a real one is a few hundred. */
const MAX_LINES = 5000;
/** The most characters of the answering line shown. */
const MAX_EVIDENCE = 200;

/** Where a hook script answers allow to whatever it has not answered otherwise: 1-based line and column, and the line. */
export interface FallThroughAllow {
  line: number;
  column: number;
  text: string;
}

/**
 * The allow a hook script gives when nothing before it answered: the script's last answer, an allow, outside every
 * condition (`if`, `case`, a loop, `&&`/`||`, a ternary); the blocks of functions and `try` do not count as
 * conditions. A shell function that answers (`allow() { echo '{"permission":"allow"}'; }`) answers where it is called.
 * Undefined when the script allows only inside a condition (an allowlist, which asks for the rest).
 */
export function fallThroughAllow(path: string, text: string): FallThroughAllow | undefined {
  if (OTHER_EVENT.test(text) && !PERMISSION_EVENT.test(text)) return undefined;
  const language = languageOf(path);
  const lines = physicalLines(text, MAX_LINES);
  const code = lines.map((l) => stripComment(l.text, language));
  const depths = conditionDepths(code, language);
  const functions = language === 'shell' ? shellFunctions(code) : [];
  const inFunction = (i: number) => functions.find((f) => f.first <= i && i <= f.last);
  // Each shell function's last answer, allow or not: what a call of it gives.
  const answers = new Map<string, boolean>();
  for (const f of functions)
    for (let i = f.last; i >= f.first; i--)
      if (ANSWER.test(code[i]!)) {
        answers.set(f.name, ALLOW.test(code[i]!));
        break;
      }
  let last: { index: number; allows: boolean; column: number } | undefined;
  code.forEach((line, i) => {
    if (inFunction(i)) return;
    const answer = ANSWER.exec(line);
    if (answer) {
      last = { index: i, allows: ALLOW.test(line), column: (ALLOW.exec(line)?.index ?? answer.index) + 1 };
      return;
    }
    for (const [name, allows] of answers) {
      const call = new RegExp(`(?:^|[;&|]\\s*|\\b(?:then|do|else)\\s+)\\s*(${name})(?=\\s|;|$)`).exec(line);
      if (call) last = { index: i, allows, column: call.index + call[0].length - name.length + 1 };
    }
  });
  if (last === undefined || !last.allows || depths[last.index] !== 0) return undefined;
  const line = lines[last.index]!;
  // `[[ … ]] && echo '{"permission":"allow"}'`, `ok ? allow : deny`: conditional on the line itself.
  const before = code[last.index]!.slice(0, last.column - 1);
  if (/&&|\|\||(?:^|\s)(?:if|elif|while|case)\b|\?\s*$/.test(before) || /\?[^:]*:/.test(code[last.index]!)) return undefined;
  return { line: line.line, column: last.column, text: line.text.trim().slice(0, MAX_EVIDENCE) };
}

/** Shell functions, `name() {` or `function name {` to the `}` that closes them at the start of a line, by line index. */
function shellFunctions(code: readonly string[]): { name: string; first: number; last: number }[] {
  const out: { name: string; first: number; last: number }[] = [];
  for (let i = 0; i < code.length; i++) {
    const open = /^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*(?:\(\s*\))?\s*\{\s*(.*)$/.exec(code[i]!);
    if (!open || (!/\(\s*\)/.test(code[i]!) && !/^\s*function\s/.test(code[i]!))) continue;
    // A one-line function: `allow() { echo …; exit 0; }`.
    if (/\}\s*$/.test(open[2]!)) {
      out.push({ name: open[1]!, first: i, last: i });
      continue;
    }
    let j = i + 1;
    while (j < code.length && !/^\s*\}/.test(code[j]!)) j++;
    out.push({ name: open[1]!, first: i, last: Math.min(j, code.length - 1) });
    i = j;
  }
  return out;
}

/**
 * Calls `visit` with each character of a line outside quotes and its index, until it returns true; returns that index
 * (the line's length when none did). A backslash in quotes escapes the next character.
 */
function outsideQuotes(text: string, visit: (c: string, i: number) => boolean): number {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (visit(c, i)) return i;
  }
  return text.length;
}

/** A line without its comment: `#` in shell and Python, `//` in JS, outside quotes. */
function stripComment(text: string, language: Language): string {
  const end = outsideQuotes(text, (c, i) =>
    language === 'js' ? c === '/' && text[i + 1] === '/' : c === '#' && (i === 0 || /\s/.test(text[i - 1]!)),
  );
  return text.slice(0, end);
}

/** For each line, how many conditions (branches, loops) enclose it. */
function conditionDepths(lines: readonly string[], language: Language): number[] {
  if (language === 'python') return pythonDepths(lines);
  if (language === 'js') return braceDepths(lines);
  return shellDepths(lines);
}

/** Shell: `if`/`case`/loops open a condition at the start of a command, `fi`/`esac`/`done` close it. */
function shellDepths(lines: readonly string[]): number[] {
  let depth = 0;
  return lines.map((raw) => {
    const text = stripComment(raw, 'shell');
    const at = depth;
    // The words that start commands: at the line's start and after `;`, `&&`, `||`, `then`, `do`, `else`.
    for (const [, word] of text.matchAll(/(?:^|[;&|]\s*|\b(?:then|do|else)\s+)\s*(if|case|for|while|until|select|fi|esac|done)\b/g)) {
      if (word === 'fi' || word === 'esac' || word === 'done') depth = Math.max(0, depth - 1);
      else depth++;
    }
    // A line that closes what it opened (`if …; then …; fi`) or closes before its own text counts at the smaller depth.
    return Math.min(at, depth);
  });
}

/** Python: a line inside `if`/`elif`/`else`/`for`/`while`/`with`…`except` blocks by indentation; `def`, `class`, `try` do not count. */
function pythonDepths(lines: readonly string[]): number[] {
  const stack: { indent: number; condition: boolean }[] = [];
  return lines.map((raw) => {
    const text = stripComment(raw, 'python');
    if (text.trim() === '') return stack.filter((b) => b.condition).length;
    const indent = raw.length - raw.trimStart().length;
    while (stack.length > 0 && indent <= stack.at(-1)!.indent) stack.pop();
    const depth = stack.filter((b) => b.condition).length;
    const opener = /^\s*(if|elif|else|for|while|except|match|case|def|class|try|finally|with|async\s+def)\b[^:]*:\s*$/.exec(text);
    // `if __name__ == "__main__":` runs the script: not a condition of what it calls.
    if (opener && !/__name__\s*==/.test(text)) {
      const word = opener[1]!.replace(/^async\s+/, '');
      stack.push({ indent, condition: !['def', 'class', 'try', 'finally', 'with'].includes(word) });
    }
    return depth;
  });
}

/** JS and TS: braces opened after `if`, `else`, `for`, `while`, `switch`, `case`, `catch` are conditions; others (functions, objects) are not. */
function braceDepths(lines: readonly string[]): number[] {
  const stack: boolean[] = [];
  return lines.map((raw) => {
    const text = stripComment(raw, 'js');
    const at = stack.filter(Boolean).length;
    outsideQuotes(text, (c, i) => {
      if (c === '{') stack.push(/\b(?:if|else|for|while|switch|case|catch)\b[^{}]*$/.test(text.slice(0, i)));
      else if (c === '}') stack.pop();
      return false;
    });
    return Math.min(at, stack.filter(Boolean).length);
  });
}
