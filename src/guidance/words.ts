/**
 * Word lists become patterns here. An entry is a word or phrase, optionally with a short regular-expression
 * suffix or choice (`tokens?`, `full[- ]access`); lists are joined as alternations of literals, so every
 * pattern built from them stays linear.
 */

/** A character of the same sentence: anything but a full stop, where a dot inside a name or path (`install.sh`, `~/.env`) is one. */
export const IN_SENTENCE = String.raw`(?:[^.]|\.(?=[\w/~-]))`;

/** The entries as one non-capturing alternation. */
export const oneOf = (words: readonly string[]): string => `(?:${words.join('|')})`;

/** Optional words before what follows, each followed by white space: "the", "a", "your". */
export const optionalWords = (words: readonly string[]): string => `(?:${oneOf(words)}\\s+)?`;

/** A case-insensitive pattern from parts written in order. */
export const pattern = (...parts: string[]): RegExp => new RegExp(parts.join(''), 'i');

/** Case-insensitive patterns, any of which may match: the alternation of every part list. */
export const anyPattern = (...alternatives: readonly string[][]): RegExp =>
  new RegExp(alternatives.map((parts) => parts.join('')).join('|'), 'i');

/**
 * `anyPattern` held to the start of the text: one anchor before the alternation, so a text that does not start
 * with one of them is rejected at its first character instead of being scanned at every position.
 */
export const startPattern = (...alternatives: readonly string[][]): RegExp =>
  new RegExp(`^(?:${alternatives.map((parts) => parts.join('')).join('|')})`, 'i');
