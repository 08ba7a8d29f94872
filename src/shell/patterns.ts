import { startsWithWords } from './shell.js';

/**
 * A command a catalog names: program words, then options that must each appear after them in any order
 * (`rm -r -f`, `rm -fr`, `rm --recursive --force`), options that make it harmless (`--dry-run`), and an
 * argument that must match. A plain word list (`npm publish`) is a pattern with none of these.
 */
export interface CommandPattern {
  /** As docs, messages and policies write it. */
  name: string;
  words: readonly string[];
  flags: readonly (readonly string[])[];
  unless: readonly string[];
  argument?: RegExp;
  /** An argument that matches `argument`, to spell the command out. */
  example?: string;
}

const MAX_EXPANSIONS = 256;

/** A word list built from its end: each expansion shares the words before its last with the one it grew from. */
interface Chain {
  word: string;
  before: Chain | undefined;
}

/**
 * The concrete word lists a pattern with alternatives stands for (bounded). The lists are chained while they grow, so
 * that a rule of many words costs time linear in its words, not in their square.
 */
export function expandPattern(pattern: readonly string[][]): string[][] {
  let out: (Chain | undefined)[] = [undefined];
  for (const alternatives of pattern) {
    const next: Chain[] = [];
    for (const before of out) {
      for (const word of alternatives) {
        if (next.length >= MAX_EXPANSIONS) break;
        next.push({ word, before });
      }
    }
    out = next;
  }
  return out.map((chain) => {
    const words: string[] = [];
    for (let link = chain; link !== undefined; link = link.before) words.push(link.word);
    return words.reverse();
  });
}

export const wordsPattern = (words: readonly string[]): CommandPattern => ({ name: words.join(' '), words, flags: [], unless: [] });

/** Whether an option word gives `option`: itself, `--option=value`, or a bundle of short options holding its letter (`-rf`). */
function gives(word: string, option: string): boolean {
  if (word === option) return true;
  if (option.startsWith('--')) return word.startsWith(`${option}=`);
  return option.length === 2 && /^-[A-Za-z]{2,}$/.test(word) && word.includes(option[1]!);
}

/** Whether a command's words (wrappers removed) run the pattern. */
export function matchesPattern(words: readonly string[], pattern: CommandPattern): boolean {
  if (!startsWithWords(words, pattern.words)) return false;
  const rest = words.slice(pattern.words.length);
  const end = rest.indexOf('--');
  const options = (end < 0 ? rest : rest.slice(0, end)).filter((w) => w.startsWith('-'));
  if (pattern.unless.some((u) => options.some((w) => gives(w, u)))) return false;
  if (!pattern.flags.every((group) => group.some((o) => options.some((w) => gives(w, o))))) return false;
  return pattern.argument === undefined || rest.some((w) => pattern.argument!.test(w.slice(0, 4096)));
}

/** Every order of a short list (a pattern has one or two option groups). */
const orders = <T>(list: readonly T[]): T[][] =>
  list.length <= 1
    ? [[...list]]
    : list.flatMap((first, i) => orders([...list.slice(0, i), ...list.slice(i + 1)]).map((r) => [first, ...r]));

/**
 * The ways a pattern is commonly written, as word lists, for matching permission rules that name it: each
 * choice of options in each order, short options also bundled, and an example argument when one is needed.
 */
export function spellingsOf(pattern: CommandPattern): string[][] {
  let choices: string[][] = [[]];
  for (const group of pattern.flags) choices = choices.flatMap((chosen) => group.map((o) => [...chosen, o]));
  const out: string[][] = [];
  for (const choice of choices) {
    for (const order of orders(choice)) {
      out.push([...pattern.words, ...order]);
      if (order.length > 1 && order.every((o) => /^-[A-Za-z]$/.test(o)))
        out.push([...pattern.words, `-${order.map((o) => o[1]).join('')}`]);
    }
  }
  return pattern.example === undefined ? out : out.map((w) => [...w, pattern.example!]);
}
