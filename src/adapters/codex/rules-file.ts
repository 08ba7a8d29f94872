import type { Decision, Fact, AgentPosture } from '../../core/posture.js';
import type { Problem, Span } from '../../core/types.js';
import { fileStartLocator } from '../../core/locator.js';
import { unparseable } from '../types.js';
import { parseStarlark, StarlarkError, type StarCall, type StarValue } from './starlark.js';

const DECISIONS: Record<string, Decision> = { allow: 'allow', prompt: 'ask', forbidden: 'deny' };

/** Maps an execpolicy `.rules` file onto command-rule facts; `group` ties the files of one rules folder together. */
export function toCodexRulesPosture(file: string, text: string): { posture?: AgentPosture; problems: Problem[] } {
  let calls: StarCall[];
  try {
    calls = parseStarlark(text);
  } catch (error) {
    if (error instanceof StarlarkError)
      return { problems: [unparseable('codex', file, `cannot parse rules file: ${error.message}`, error.position)] };
    throw error;
  }
  const group = file.slice(0, file.lastIndexOf('/'));
  const facts: Fact[] = [];
  const problems: Problem[] = [];
  for (const call of calls) {
    if (call.name !== 'prefix_rule') continue;
    const patternArg = call.keywords.get('pattern')?.value ?? call.positional[0];
    const decisionArg = call.keywords.get('decision')?.value ?? call.positional[1];
    const pattern = patternArg?.type === 'list' ? toPattern(patternArg.items) : undefined;
    if (!pattern) {
      problems.push(
        unparseable('codex', file, 'prefix_rule needs a non-empty pattern list of strings', (patternArg?.span ?? call.span).start),
      );
      continue;
    }
    let decision: Decision = 'allow';
    let anchor: Span = patternArg!.span;
    if (decisionArg) {
      const mapped = decisionArg.type === 'string' ? DECISIONS[decisionArg.value] : undefined;
      if (!mapped) {
        problems.push(unparseable('codex', file, 'prefix_rule decision must be "allow", "prompt" or "forbidden"', decisionArg.span.start));
        continue;
      }
      decision = mapped;
      anchor = decisionArg.span;
    }
    const shown = pattern.map((alts) =>
      alts.length === 1 ? JSON.stringify(alts[0]) : `[${alts.map((a) => JSON.stringify(a)).join(', ')}]`,
    );
    const decisionText =
      decisionArg?.type === 'string' ? `decision = ${JSON.stringify(decisionArg.value)}` : 'no decision (defaults to "allow")';
    facts.push({
      kind: 'command-rule',
      // Codex compares each word as written (codex-rs/execpolicy: a token equals the word): a `*` is the word `*`, no
      // wildcard, so it is kept apart from the rules' `*` that stands for any word.
      pattern: pattern.map((alts) => alts.map((a) => (a === '*' ? LITERAL_STAR : a))),
      matcher: { kind: 'prefix' },
      decision,
      group,
      precedence: 'most-restrictive',
      order: facts.length,
      implicitDecision: !decisionArg,
      keyPath: ['prefix_rule', pattern.map((alts) => alts.join('|')).join(' ')],
      anchor: { kind: 'span', span: anchor },
      evidence: `prefix_rule(pattern = [${shown.join(', ')}], ${decisionText})`,
    });
  }
  return { posture: { agent: 'codex', file, facts, envFilter: 'n/a', locator: fileStartLocator }, problems };
}

/** The word `*` itself, as a shell would quote it: no command's words hold it, so it matches none. */
const LITERAL_STAR = "'*'";

/** A pattern element is a word or a list of alternative words. */
function toPattern(items: StarValue[]): string[][] | undefined {
  if (items.length === 0) return undefined;
  const out: string[][] = [];
  for (const item of items) {
    if (item.type === 'string') out.push([item.value]);
    else if (item.type === 'list' && item.items.length > 0 && item.items.every((a) => a.type === 'string')) {
      out.push(item.items.map((a) => (a as { value: string }).value));
    } else return undefined;
  }
  return out;
}
