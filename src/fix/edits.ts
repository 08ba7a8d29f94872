import type { Replacement } from '../core/types.js';
import { offsetConverter } from '../sources/lines.js';

/** Builds the replacements of one fix against `text`, sorted, with the positions SARIF shows. */
export function toReplacements(text: string, edits: readonly { offset: number; length: number; text: string }[]): Replacement[] {
  const at = offsetConverter(text);
  return [...edits]
    .sort((a, b) => a.offset - b.offset)
    .map((e) => ({ offset: e.offset, length: e.length, text: e.text, start: at(e.offset), end: at(e.offset + e.length) }));
}

/** `text` with the edits made (they must not overlap). */
export function applyReplacements(text: string, edits: readonly { offset: number; length: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

const lineStartOf = (text: string, offset: number): number => {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
};

/** Offset just past the line break that ends the line holding `offset` (or the end of the text). */
const nextLineStart = (text: string, offset: number): number => {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
};

/**
 * The range that removes `[start, end)` together with its whole line, when nothing but blanks stand before it on
 * the line and only what `after` allows (a separator, blanks, a comment) follows it; otherwise undefined.
 */
export function wholeLines(text: string, start: number, end: number, after: RegExp): { offset: number; length: number } | undefined {
  const from = lineStartOf(text, start);
  if (!/^[ \t]*$/.test(text.slice(from, start))) return undefined;
  const to = nextLineStart(text, end);
  const rest = text.slice(end, to).replace(/\r?\n$|\r$/, '');
  if (!after.test(rest)) return undefined;
  return { offset: from, length: to - from };
}

/**
 * The range that removes one item of a comma-separated list (TOML array, call arguments): its whole line when it
 * stands alone on it, else the item with the comma after it, or the comma before it when it is the last.
 */
export function listItemRange(
  text: string,
  item: { start: number; end: number },
  previous: { end: number } | undefined,
  next: { start: number } | undefined,
  comment: string,
): { offset: number; length: number } {
  const trailing = new RegExp(`^[ \\t]*,?[ \\t]*(?:${comment}.*)?$`);
  const line = wholeLines(text, item.start, item.end, trailing);
  // The whole line only when the neighbours are on lines of their own too: `[a,\n b]` keeps its first line.
  if (line && (!next || next.start >= line.offset + line.length) && (!previous || previous.end <= line.offset)) return line;
  if (next) return { offset: item.start, length: next.start - item.start };
  if (previous) return { offset: previous.end, length: item.end - previous.end };
  return { offset: item.start, length: item.end - item.start };
}
