import { parseStarlark, type StarCall, type StarValue } from '../adapters/codex/starlark.js';
import type { Finding, Position } from '../core/types.js';
import { lineStarts } from '../sources/lines.js';
import type { FixPlan } from './types.js';

/** Rules whose findings a human confirmation resolves: asking before the command runs is what they require. */
const ASKABLE = new Set(['publish-deploy', 'destructive-actions', 'network-access']);

const same = (a: Position, b: Position): boolean => a.line === b.line && a.column === b.column;

/** A Codex execpolicy `prefix_rule` that lets a command through: its decision becomes `"prompt"`. */
export function toRulesFileFix(finding: Finding, text: string): FixPlan | undefined {
  if (!ASKABLE.has(finding.ruleId) || finding.keyPath[0] !== 'prefix_rule') return undefined;
  let calls: StarCall[];
  try {
    calls = parseStarlark(text);
  } catch {
    return undefined;
  }
  const starts = lineStarts(text);
  const offsetOf = (p: Position): number => (starts[p.line - 1] ?? 0) + p.column - 1;
  const spanText = (v: StarValue): string => text.slice(offsetOf(v.span.start), offsetOf(v.span.end ?? v.span.start));
  for (const call of calls) {
    if (call.name !== 'prefix_rule') continue;
    const keyword = call.keywords.get('decision');
    const decision = keyword?.value ?? call.positional[1];
    const pattern = call.keywords.get('pattern')?.value ?? call.positional[0];
    const anchor = decision ?? pattern;
    if (!anchor || !same(anchor.span.start, finding.location.start)) continue;
    if (decision) {
      // Only a literal written in place: a name bound elsewhere would change every rule that uses it.
      if (decision.type !== 'string' || !/^(["'])allow\1$/.test(spanText(decision))) return undefined;
      const offset = offsetOf(decision.span.start);
      return {
        edits: [{ offset, length: spanText(decision).length, text: '"prompt"' }],
        description: 'set the prefix_rule decision to "prompt"',
      };
    }
    // No decision means "allow"; a keyword argument goes after the pattern, whatever form the pattern took.
    if (call.positional.length > 1 || !pattern?.span.end) return undefined;
    return {
      edits: [{ offset: offsetOf(pattern.span.end), length: 0, text: ', decision = "prompt"' }],
      description: 'add decision = "prompt" to the prefix_rule',
    };
  }
  return undefined;
}
