import type { Position } from '../core/types.js';
import type { Locator } from '../core/locator.js';

/** Something a parser reports, at its 1-based position. */
export interface ParseProblem {
  message: string;
  position: Position;
}

/**
 * What every format's parser (JSON, TOML, YAML) returns: the value with a locator for its key paths, or the
 * problems that stopped it (at least one). `warnings` are problems the value was still read past, e.g.
 * comments in a file its tool reads as strict JSON.
 */
export type Parsed<T = unknown> =
  { ok: true; value: T; locator: Locator; warnings: ParseProblem[] } | { ok: false; problems: [ParseProblem, ...ParseProblem[]] };

/** A failed parse with one problem. */
export const parseFailure = (message: string, position: Position): Parsed<never> => ({ ok: false, problems: [{ message, position }] });
