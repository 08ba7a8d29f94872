import { strictObject } from 'zod/mini';
import { defineRule, siteAt } from '../define.js';

const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x17b4: 'KHMER VOWEL INHERENT AQ',
  0x17b5: 'KHMER VOWEL INHERENT AA',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

// Invisible and bidirectional-control characters, the Unicode tag block, interlinear annotation marks, and
// variation selectors used to carry data: any of the supplement (U+E0100-E01EF), or two or more of U+FE00-FE0F
// in a row (one selects a glyph's presentation, as in emoji; a run selects nothing and can encode bytes).
const HIDDEN =
  // eslint-disable-next-line no-misleading-character-class -- each listed code point is matched on its own; none is meant to combine
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]|[\uFE00-\uFE0F]{2,}/gu;
// eslint-disable-next-line no-misleading-character-class -- the presentation selector U+FE0F is listed on its own
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u;

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const describe = (cp: number): string =>
  cp >= 0xe0000 && cp <= 0xe007f
    ? `${hex(cp)} TAG CHARACTER`
    : (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xfe00 && cp <= 0xfe0f)
      ? `${hex(cp)} VARIATION SELECTOR`
      : NAMES[cp]
        ? `${hex(cp)} ${NAMES[cp]}`
        : `${hex(cp)} FORMAT CHARACTER`;

/** A zero width joiner between two pictographs builds an emoji (👩‍💻); it hides nothing. */
function isEmojiJoiner(line: string, index: number): boolean {
  if (line.charCodeAt(index) !== 0x200d) return false;
  const before = String.fromCodePoint(line.codePointAt(index - 1) ?? 0);
  const beforePair = index >= 2 ? line.slice(index - 2, index) : '';
  const after = String.fromCodePoint(line.codePointAt(index + 1) ?? 0);
  return (PICTOGRAPH.test(before) || PICTOGRAPH.test(beforePair)) && PICTOGRAPH.test(after);
}

/** A line that carries hidden characters: where the first one is, and every code point named once (with a count). */
export interface HiddenText {
  line: number;
  column: number;
  characters: string;
}

/** One entry per line that carries hidden characters. */
export function findHiddenText(text: string): HiddenText[] {
  const found: HiddenText[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    HIDDEN.lastIndex = 0;
    let first = -1;
    const seen = new Map<number, number>();
    for (let m = HIDDEN.exec(line); m; m = HIDDEN.exec(line)) {
      const cp = m[0].codePointAt(0)!;
      if (cp === 0xfeff && i === 0 && m.index === 0) continue; // a leading byte order mark
      if (isEmojiJoiner(line, m.index)) continue;
      if (first < 0) first = m.index;
      seen.set(cp, (seen.get(cp) ?? 0) + 1);
    }
    if (first < 0) return;
    const list = [...seen].map(([cp, n]) => (n > 1 ? `${describe(cp)} ×${n}` : describe(cp)));
    found.push({ line: i + 1, column: first + 1, characters: list.join(', ') });
  });
  return found;
}

export default defineRule({
  meta: {
    id: 'hidden-text',
    title: 'Agent files carry no hidden text.',
    description:
      'Invisible and bidirectional-control Unicode (zero-width characters, bidi overrides and isolates, tag characters, variation selectors that carry data) in any guidance or agent config file lets a rules file or config say one thing to a reviewer and another to the model: the "rules file backdoor". A leading byte order mark and the joiners inside emoji are not reported.',
    defaultLevel: 'error',
    fix: 'Delete the characters (the message names each code point) and review what the line says without them.',
  },
  options: strictObject({}),
  messages: {
    hidden: 'Line {line} carries invisible or bidirectional-control characters that can hide instructions from reviewers: {evidence}.',
  },
  check({ files, report }) {
    for (const { file, agent } of files) {
      for (const { line, column, characters } of findHiddenText(file.text)) {
        report({
          messageId: 'hidden',
          data: { line },
          at: siteAt(file.path, agent, [`line-${line}`], { kind: 'span', span: { start: { line, column } } }, characters),
        });
      }
    }
  },
});
