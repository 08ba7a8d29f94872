/**
 * Characters that act instead of showing: C0 and C1 controls (ESC starts terminal sequences, OSC 52 writes the
 * clipboard, CSI moves the cursor), DEL, line and paragraph separators, and invisible format characters
 * (bidirectional overrides and isolates, zero-width characters, tag characters, the byte order mark).
 */
const ACTING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
const ACTING_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

const visible = (c: string): string => {
  const code = c.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
};

/**
 * Text safe to print: every acting character shown as a visible escape (`\x1b`, `\u202e`), so quoted
 * repository text cannot move the cursor, recolour, retitle or reorder what a reader sees. With
 * `keepLineBreaks`, `\n` and `\r` stay (for multi-line messages the caller lays out itself).
 */
export function toPrintable(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  const pattern = options.keepLineBreaks ? ACTING_BUT_LINE_BREAKS : ACTING;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, visible) : text;
}

/** `text` cut to at most `max` characters, `…` last when cut; a surrogate pair is never split. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}
