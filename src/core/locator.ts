import type { KeyPath, Span } from './types.js';

/** Resolves a key path of one parsed file to its source span; a missing key falls back to its nearest ancestor. */
export interface Locator {
  locate(path: KeyPath, part: 'key' | 'value'): Span;
}

export const fileStartLocator: Locator = { locate: () => ({ start: { line: 1, column: 1 } }) };
