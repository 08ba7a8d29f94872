import type { Position } from '../core/types.js';

/** Offsets at which each line starts; `\n`, `\r\n` and a lone `\r` all end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The one offset → line/column converter (1-based; columns count UTF-16 code units, as editors and GitHub do). */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** A converter bound to one text, computing line starts on first use only. */
export function offsetConverter(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => positionAt((starts ??= lineStarts(text)), offset);
}
