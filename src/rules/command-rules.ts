import { factsOf, type AgentPosture, type FactOf } from '../core/posture.js';
import { unwrapCommand } from '../commands/shell.js';

type CommandRule = FactOf<'command-rule'>;
const MAX_EXPANSIONS = 256;

/** The concrete word lists a pattern with alternatives stands for (bounded). */
export function expandPattern(pattern: readonly string[][]): string[][] {
  let out: string[][] = [[]];
  for (const alternatives of pattern) {
    const next: string[][] = [];
    for (const prefix of out) {
      for (const word of alternatives) {
        if (next.length >= MAX_EXPANSIONS) break;
        next.push([...prefix, word]);
      }
    }
    out = next;
  }
  return out;
}

const isPrefix = (prefix: readonly string[], words: readonly string[]): boolean =>
  prefix.length <= words.length && prefix.every((w, i) => w === '*' || words[i] === '*' || w === words[i]);

export interface AllowedCommand {
  posture: AgentPosture;
  fact: CommandRule;
  /** The catalog entry the rule lets run, as words. */
  entry: string[];
}

/**
 * Allow rules that let a catalog command run, with precedence as execpolicy applies it: among rules of
 * the same rules folder, the most restrictive match wins, so an allow covered by a prompt/forbidden
 * rule for the same commands is not a grant.
 */
export function findAllowedCommands(postures: readonly AgentPosture[], catalog: readonly string[][]): AllowedCommand[] {
  const byGroup = new Map<string, { posture: AgentPosture; fact: CommandRule; words: string[][] }[]>();
  for (const posture of postures) {
    for (const fact of factsOf(posture, 'command-rule')) {
      const list = byGroup.get(fact.group) ?? [];
      // Wrappers are transparent: allowing `npx vercel` allows `vercel`, allowing `sudo` allows everything.
      list.push({ posture, fact, words: expandPattern(fact.pattern).map(unwrapCommand) });
      byGroup.set(fact.group, list);
    }
  }
  const out: AllowedCommand[] = [];
  for (const rules of byGroup.values()) {
    const stricter = rules.filter((r) => r.fact.decision !== 'allow');
    for (const rule of rules) {
      if (rule.fact.decision !== 'allow') continue;
      for (const entry of catalog) {
        // The commands both the rule and the entry speak of: the longer of the two word lists.
        const covered = rule.words.filter((w) => isPrefix(w, entry) || isPrefix(entry, w)).map((w) => (w.length >= entry.length ? w : entry));
        if (covered.length === 0) continue;
        const escapes = covered.some((target) => !stricter.some((s) => s.words.some((sw) => isPrefix(sw, target))));
        if (escapes) {
          out.push({ posture: rule.posture, fact: rule.fact, entry });
          break;
        }
      }
    }
  }
  return out;
}
