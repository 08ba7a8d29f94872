import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import type { Finding, Position } from '../core/types.js';
import { lineStarts } from '../sources/lines.js';
import { wholeLines } from './edits.js';
import type { FixPlan } from './types.js';

/** Aider's switch that answers yes to every question it would ask: the whole `yes-always: true` line goes. */
export function toYamlFix(finding: Finding, text: string): FixPlan | undefined {
  if (finding.ruleId !== 'sandbox-mode' || finding.agent !== 'aider' || finding.keyPath.length !== 1 || finding.keyPath[0] !== 'yes-always')
    return undefined;
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'yes-always');
  if (!pair || !isScalar(pair.key) || !isScalar(pair.value) || pair.value.value !== true) return undefined;
  const [start] = pair.key.range;
  const [, end] = pair.value.range;
  const line = wholeLines(text, start, end, /^[ \t]*(?:#.*)?$/);
  if (!line) return undefined;
  return { edits: [{ ...line, text: '' }], description: 'remove yes-always: true' };
}

/** A long flag that hands the agent everything (`--dangerously-skip-permissions`, `--yolo`): a word of its own. */
const BARE_FLAG = /^--[a-z][a-z0-9-]+$/;

/**
 * A workflow step that starts an agent with a flag that turns its approvals or sandbox off: the flag goes, with
 * the blanks before it. Only a bare long flag written as it stands in the file (no value, no quotes, no
 * expression) is removed; the agent then runs with its own defaults.
 */
export function toWorkflowFlagFix(finding: Finding, text: string): FixPlan | undefined {
  if (finding.ruleId !== 'sandbox-mode' || !BARE_FLAG.test(finding.evidence) || !finding.location.end) return undefined;
  const starts = lineStarts(text);
  const offsetOf = (p: Position): number => (starts[p.line - 1] ?? 0) + p.column - 1;
  const start = offsetOf(finding.location.start);
  const end = offsetOf(finding.location.end);
  if (text.slice(start, end) !== finding.evidence) return undefined;
  // A word of its own: blanks or the line's edge on both sides.
  if (!/^$|[ \t]$/.test(text.slice(start - 1, start)) || !/^$|^[ \t\r\n]/.test(text.slice(end, end + 1))) return undefined;
  // Alone on a continued line (`  --flag \`): the whole line goes, and the command joins around it.
  const line = wholeLines(text, start, end, /^[ \t]+\\$/);
  if (line && /\\[ \t]*(?:\r\n|\n|\r)$/.test(text.slice(Math.max(0, line.offset - 16), line.offset)))
    return { edits: [{ ...line, text: '' }], description: `remove ${finding.evidence} from the agent's command line` };
  let from = start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  let to = end;
  // First on its line: the blanks after it go instead, so the indentation stays.
  if (from === 0 || text[from - 1] === '\n' || text[from - 1] === '\r') {
    from = start;
    while (text[to] === ' ' || text[to] === '\t') to++;
  }
  return {
    edits: [{ offset: from, length: to - from, text: '' }],
    description: `remove ${finding.evidence} from the agent's command line`,
  };
}
