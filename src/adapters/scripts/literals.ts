/**
 * String literals read from a program's source (Python, JavaScript): where their characters sit, and an argument
 * list of them written as the command line it runs.
 */
import type { TextPlace } from '../../core/posture.js';
import { positionAt } from '../../sources/lines.js';
import { shellWord } from './containers.js';

/** A string literal: its value, and the source offset of each character. */
export interface Literal {
  value: string;
  map: number[];
}

/** Where each character of `map` sits, as the runs of a text place. */
export function placeOf(map: readonly number[], starts: readonly number[]): TextPlace {
  const runs: [number, number, number][] = [];
  map.forEach((offset, i) => {
    if (i > 0 && offset === map[i - 1]! + 1) return;
    const p = positionAt(starts, offset);
    runs.push([i, p.line, p.column]);
  });
  return { runs, length: map.length };
}

/**
 * An argument list's words as a command line, each placed: a word that is not a string literal is `any`, a
 * placeholder for any text (`"$PY"`).
 */
export function argvCommand(
  elements: readonly ({ literal: Literal } | object)[],
  starts: readonly number[],
  any: string,
): { command: string; place: TextPlace } {
  let command = '';
  const runs: [number, number, number][] = [];
  for (const e of elements) {
    if (command !== '') command += ' ';
    if (!('literal' in e)) {
      command += any;
      continue;
    }
    const written = shellWord(e.literal.value);
    const shift = written === e.literal.value ? 0 : 1;
    // A word with a quote of its own is quoted again by the shell's rules: its characters are not placed one by one.
    if (!e.literal.value.includes("'"))
      for (const [at, l, c] of placeOf(e.literal.map, starts).runs) runs.push([command.length + shift + at, l, c]);
    command += written;
  }
  return { command, place: { runs, length: command.length } };
}
