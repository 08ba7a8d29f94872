/**
 * Python scripts that start an agent: an argument list whose words name one (`["claude", "-p", prompt,
 * "--dangerously-skip-permissions"]`), a string a process call runs (`subprocess.run(f"… | claude -p …",
 * shell=True)`), and the Claude Agent SDK's `permission_mode`. Read by a tokenizer of Python's strings, comments and
 * brackets written here: no JavaScript library reads Python source, and only literals matter, not the program.
 */
import type { TextPlace } from '../../core/posture.js';
import { agentNamedIn } from '../../shell/agent-clis.js';
import { lineStarts } from '../../sources/lines.js';
import { STRING_ESCAPES } from '../codex/starlark.js';
import { argvCommand, placeOf, type Literal } from './literals.js';

/** One element of a bracket: a string literal alone, or anything else. */
type Element = { literal: Literal } | { other: true };

interface Frame {
  open: string;
  /** The name called, for `(` after a name (`subprocess.run`). */
  callee?: string;
  elements: Element[];
  /** The tokens of the element being read: none yet, one literal, or more. */
  current: Literal | 'other' | undefined;
}

/** A command line read from the script, with where its characters sit. */
export interface PythonCommand {
  command: string;
  place: TextPlace;
  /** Set for the SDK's permission mode: the value, not a command line. */
  permissionMode?: true;
}

/** Calls that run a command line or an argument list (`subprocess.run`, `os.system`, `asyncio.create_subprocess_shell`). */
const PROCESS_CALL =
  /(?:^|\.)(?:run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput|spawn|run_command|create_subprocess_shell|create_subprocess_exec)$/;
/** The deepest nesting of brackets read as lists and calls; deeper ones count as other values. */
const MAX_DEPTH = 64;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;
/** What an f-string's field or a value that is not a literal stands as in a command line: any text. */
const ANY = '"$PY"';

/**
 * Reads the string literal at `i` (its prefix already read, `prefix`): its value with escapes decoded (none in a raw
 * string), an f-string's `{…}` fields as `$PY`, a shell variable (any text); returns the index after it.
 */
function readString(text: string, i: number, prefix: string, into: Literal): number {
  const quote = text[i]!;
  const triple = text.startsWith(quote.repeat(3), i);
  const raw = /r/i.test(prefix);
  const format = /f/i.test(prefix);
  let j = i + (triple ? 3 : 1);
  const push = (value: string, at: number): void => {
    for (const c of value) {
      into.value += c;
      into.map.push(at);
    }
  };
  while (j < text.length) {
    const c = text[j]!;
    if (triple ? text.startsWith(quote.repeat(3), j) : c === quote) return j + (triple ? 3 : 1);
    if (!triple && c === '\n') return j;
    if (c === '\\' && j + 1 < text.length) {
      const next = text[j + 1]!;
      if (raw) push(`\\${next}`, j);
      else if (STRING_ESCAPES[next] !== undefined) push(STRING_ESCAPES[next], j);
      else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(j + 2, j + 4))) {
        push(String.fromCharCode(parseInt(text.slice(j + 2, j + 4), 16)), j);
        j += 2;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
        push(String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16)), j);
        j += 4;
      } else push(`\\${next}`, j);
      j += 2;
      continue;
    }
    if (format && c === '{') {
      if (text[j + 1] === '{') {
        push('{', j);
        j += 2;
        continue;
      }
      // A field, to its closing brace (strings inside it are skipped whole): any text.
      let depth = 0;
      let k = j;
      for (; k < text.length; k++) {
        const d = text[k]!;
        if (d === '{') depth++;
        else if (d === '}' && --depth === 0) break;
        else if (d === quote || (!triple && d === '\n')) break;
      }
      push(ANY, j);
      j = text[k] === '}' ? k + 1 : k;
      continue;
    }
    if (format && c === '}' && text[j + 1] === '}') {
      push('}', j);
      j += 2;
      continue;
    }
    push(c, j);
    j++;
  }
  return j;
}

/**
 * The command lines of a Python script that may start an agent: every list or tuple of literals whose first element
 * is a string and some element names an agent (an argument list), every string a process call is given, and the
 * value of the Claude Agent SDK's `permission_mode` (as a keyword or a dictionary key).
 */
export function pythonCommands(text: string): PythonCommand[] {
  const starts = lineStarts(text);
  const out: PythonCommand[] = [];
  const stack: Frame[] = [{ open: '', elements: [], current: undefined }];
  let name = '';
  let previous = '';
  let modeKey = false;
  // Brackets opened past `MAX_DEPTH`, not read as lists or calls.
  let ignored = 0;
  const top = (): Frame => stack[stack.length - 1]!;
  const endElement = (frame: Frame): void => {
    if (frame.current !== undefined) frame.elements.push(frame.current === 'other' ? { other: true } : { literal: frame.current });
    frame.current = undefined;
  };
  const other = (): void => {
    top().current = 'other';
  };
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^[A-Za-z_][\w.]*/.exec(text.slice(i, i + 256))?.[0];
    const quoteAt = i + (word?.length ?? 0);
    const prefixed = word !== undefined && (text[quoteAt] === "'" || text[quoteAt] === '"') && STRING_PREFIX.test(word);
    if (prefixed || c === "'" || c === '"') {
      // A string, with the ones written right after it joined as Python joins them.
      const frame = top();
      const joined = frame.current !== undefined && frame.current !== 'other' && previous === 'string';
      const literal: Literal = joined ? (frame.current as Literal) : { value: '', map: [] };
      i = readString(text, prefixed ? quoteAt : i, prefixed ? word : '', literal);
      if (!joined) frame.current = frame.current === undefined ? literal : 'other';
      if (modeKey && literal.value === 'bypassPermissions')
        out.push({ command: literal.value, place: placeOf(literal.map, starts), permissionMode: true });
      modeKey = literal.value === 'permission_mode' || literal.value === 'permissionMode';
      previous = 'string';
      name = '';
      continue;
    }
    if (word !== undefined) {
      other();
      name = word;
      modeKey = word === 'permission_mode';
      previous = 'name';
      i += word.length;
      continue;
    }
    if ((c === '(' || c === '[' || c === '{') && stack.length >= MAX_DEPTH) {
      ignored++;
      other();
    } else if ((c === ')' || c === ']' || c === '}') && ignored > 0) ignored--;
    else if (c === '(' || c === '[' || c === '{') {
      other();
      stack.push({ open: c, ...(c === '(' && previous === 'name' ? { callee: name } : {}), elements: [], current: undefined });
    } else if ((c === ')' || c === ']' || c === '}') && stack.length > 1) {
      const frame = stack.pop()!;
      endElement(frame);
      const first = frame.elements[0];
      if (
        frame.open !== '{' &&
        first !== undefined &&
        'literal' in first &&
        frame.elements.some((e) => 'literal' in e && agentNamedIn(e.literal.value))
      )
        out.push(argvCommand(frame.elements, starts, ANY));
      if (frame.callee !== undefined && PROCESS_CALL.test(frame.callee))
        for (const e of frame.elements)
          if ('literal' in e && agentNamedIn(e.literal.value))
            out.push({ command: e.literal.value, place: placeOf(e.literal.map, starts) });
    } else if (c === ',') endElement(top());
    else if (!(modeKey && (c === '=' || c === ':'))) {
      other();
      modeKey = false;
    }
    if (c !== '=' && c !== ':') modeKey = false;
    previous = c;
    name = '';
    i++;
  }
  return out;
}
