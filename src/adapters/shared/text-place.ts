import { runAt, type TextPlace } from '../../core/posture.js';
import type { Span } from '../../core/types.js';
import { lineStarts, positionAt } from '../../sources/lines.js';

/** One file's text with its line starts computed once, to place characters of its string values. */
export interface FileText {
  text: string;
  starts(): readonly number[];
  /** A YAML file: plain and block scalars (`|`, `>`) are placed too. */
  yaml?: boolean;
}

export function fileText(text: string, yaml = false): FileText {
  let starts: number[] | undefined;
  return { text, starts: () => (starts ??= lineStarts(text)), ...(yaml ? { yaml } : {}) };
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'e']);

/**
 * Where each character of the string `value` sits in the file, given the span of its literal (a JSON string,
 * a TOML basic, literal or multi-line string). Undefined when the literal there does not decode to `value`
 * (another syntax, or the locator fell back to a parent key): callers then point at the key.
 */
export function textPlace(file: FileText, span: Span, value: string): TextPlace | undefined {
  const starts = file.starts();
  const { text } = file;
  const lineStart = starts[span.start.line - 1];
  if (lineStart === undefined) return undefined;
  let i = lineStart + span.start.column - 1;
  const quote = text[i];
  if (file.yaml && quote !== '"' && quote !== "'") return yamlScalarPlace(file, span, value);
  if (quote !== '"' && quote !== "'") return undefined;
  const triple = text.startsWith(quote.repeat(3), i);
  const escapes = quote === '"';
  i += triple ? 3 : 1;
  if (triple && text[i] === '\n') i++;
  else if (triple && text[i] === '\r' && text[i + 1] === '\n') i += 2;
  const runs: [number, number, number][] = [];
  let decoded = 0;
  let fresh = true;
  const limit = Math.min(text.length, i + 4 * value.length + 16);
  const startRun = (at: number): void => {
    const p = positionAt(starts, at);
    runs.push([decoded, p.line, p.column]);
  };
  while (i < limit) {
    const c = text[i]!;
    if (c === quote && (!triple || text.startsWith(quote.repeat(3), i))) {
      // A triple-quoted string may end with up to two more quotes that belong to the value.
      if (triple) {
        let extra = 0;
        while (extra < 2 && text[i + 3 + extra] === quote) extra++;
        if (extra > 0) {
          if (fresh) startRun(i);
          decoded += extra;
        }
      }
      return decoded === value.length ? { runs, length: decoded } : undefined;
    }
    if (escapes && c === '\\') {
      const next = text[i + 1] ?? '';
      let raw = 2;
      let units = 1;
      if (next === 'u' || next === 'U') {
        const digits = next === 'u' ? 4 : 8;
        raw = 2 + digits;
        const code = Number.parseInt(text.slice(i + 2, i + raw), 16);
        units = Number.isFinite(code) && code > 0xffff ? 2 : 1;
      } else if (next === 'x') raw = 4;
      else if (triple && /[ \t\r\n]/.test(next)) {
        // A line-ending backslash in a TOML multi-line string drops the break and the indentation after it.
        let j = i + 1;
        while (j < limit && /[ \t\r\n]/.test(text[j]!)) j++;
        i = j;
        fresh = true;
        continue;
      } else if (!SIMPLE_ESCAPES.has(next)) return undefined;
      startRun(i);
      decoded += units;
      i += raw;
      fresh = true;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (!triple) return undefined;
      if (fresh) startRun(i);
      decoded += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      fresh = true;
      continue;
    }
    if (fresh) startRun(i);
    fresh = false;
    decoded++;
    i++;
  }
  return undefined;
}

/**
 * Where each character of a YAML plain or block scalar (`|`, `>`, with chomping) sits in the file, given the span
 * of its node: each line of the value is matched in turn with a line of the file, the breaks between them being
 * newlines or, folded, spaces. Undefined when the lines do not spell the value (an indentation indicator, escapes):
 * callers then point at the key.
 */
export function yamlScalarPlace(file: FileText, span: Span, value: string): TextPlace | undefined {
  const starts = file.starts();
  const { text } = file;
  const lineIndex = span.start.line - 1;
  const lineStart = starts[lineIndex];
  if (lineStart === undefined) return undefined;
  const at = lineStart + span.start.column - 1;
  const lineOf = (n: number): string | undefined => {
    const from = starts[n];
    if (from === undefined) return undefined;
    const to = starts[n + 1] ?? text.length;
    return text.slice(from, to).replace(/\r?\n$/, '');
  };
  const runs: [number, number, number][] = [];
  let pos = 0;
  /** Matches `content` at the next place of the value, past the breaks before it; false when it is not there. */
  const match = (content: string, line: number, column: number): boolean => {
    while (pos < value.length && value[pos] === '\n') pos++;
    if (!value.startsWith(content, pos) && value[pos] === ' ' && value.startsWith(content, pos + 1)) pos++;
    if (!value.startsWith(content, pos)) return false;
    runs.push([pos, line, column]);
    pos += content.length;
    return true;
  };
  const header = text[at];
  if (header === '|' || header === '>') {
    // An explicit indentation indicator is rare; it is left to the key.
    if (!/^[|>][+-]?\s*(?:#.*)?$/.test(lineOf(lineIndex)!.slice(span.start.column - 1))) return undefined;
    let indent = -1;
    for (let n = lineIndex + 1; pos < value.length; n++) {
      const line = lineOf(n);
      if (line === undefined) break;
      if (line.trim() === '') {
        // A blank line longer than the indentation keeps the blanks past it, when the value has them (a literal
        // block's "  " line); at the end, chomped, it has none.
        const kept = pos;
        if (indent >= 0 && line.length > indent && !match(line.slice(indent), n + 1, indent + 1)) pos = kept;
        continue;
      }
      const lead = line.length - line.trimStart().length;
      if (indent < 0) indent = lead;
      if (lead < indent) break;
      if (!match(line.slice(indent), n + 1, indent + 1)) return undefined;
    }
  } else {
    const first = lineOf(lineIndex)!
      .slice(span.start.column - 1)
      .trimEnd();
    if (!match(first.slice(0, Math.min(first.length, value.length)), span.start.line, span.start.column)) return undefined;
    for (let n = lineIndex + 1; pos < value.length; n++) {
      const line = lineOf(n);
      if (line === undefined || line.trim() === '') {
        if (line === undefined) break;
        continue;
      }
      const content = line.trim();
      if (!match(content, n + 1, line.length - line.trimStart().length + 1)) return undefined;
    }
  }
  if (!/^\n*$/.test(value.slice(pos)) || runs.length === 0) return undefined;
  return { runs, length: value.length };
}

/**
 * Where each line of a value starts, its lines broken at line feeds only, as a script's lines are read
 * (`physicalLines`): a lone carriage return is a character of its line.
 */
export function lineFeedStarts(value: string): number[] {
  const starts = [0];
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * A place within a string value carried into the file the value is written in: `inner` places characters by the
 * value's own lines and columns (a command read from a workflow step's script as a script file is; `starts` are the
 * value's `lineFeedStarts`), `outer` places the value's characters in the file. Undefined without an outer place
 * (callers then point at the key).
 */
export function placeThrough(outer: TextPlace | undefined, starts: readonly number[], inner: TextPlace): TextPlace | undefined {
  if (outer === undefined) return undefined;
  const runs: [number, number, number][] = [];
  inner.runs.forEach(([at, line, column], k) => {
    const length = (inner.runs[k + 1]?.[0] ?? inner.length) - at;
    const from = (starts[line - 1] ?? 0) + column - 1;
    // A run of the inner place may cross runs of the outer one (an escape in a quoted string): it is split there.
    for (let done = 0, j = runAt(outer, from); done < length && j < outer.runs.length; j++) {
      const [start, outerLine, outerColumn] = outer.runs[j]!;
      const end = outer.runs[j + 1]?.[0] ?? outer.length;
      const offset = Math.max(from + done, start);
      if (offset >= end) continue;
      runs.push([at + done, outerLine, outerColumn + (offset - start)]);
      done += end - offset;
    }
  });
  return runs.length === 0 ? undefined : { runs, length: inner.length };
}
