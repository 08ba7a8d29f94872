import type { Finding } from '../core/types.js';
import type { CheckResult } from '../engine/result.js';
import { belowMinimumNote, confidenceNote } from './levels.js';
import { describePolicy } from './policy-note.js';
import { ruleDocsUrl } from '../meta.js';
import { toTerminalPath as shownPath, toTerminalText as oneLine } from './escape.js';

export interface TextOptions {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const LEVEL_COLOR: Record<Finding['level'], string> = { error: '31', warning: '33', notice: '36' };

/** Human output: findings grouped by file, `line:col  level  message  rule`, a count, the policy used. */
export function renderText(result: CheckResult, { color }: TextOptions): string {
  const { counts } = result;
  const out: string[] = [];
  const noted = (f: Finding): string => {
    const note = confidenceNote(f);
    return note ? ` ${paint(color, '2', `(${note})`)}` : '';
  };
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push(paint(color, '4', shownPath(file)));
    const width = Math.max(...findings.map((f) => `${f.location.start.line}:${f.location.start.column}`.length));
    for (const f of findings) {
      const pos = `${f.location.start.line}:${f.location.start.column}`.padEnd(width);
      const state = result.baseline?.states.get(f.fingerprint);
      const tag = state ? `[${state}] ` : '';
      out.push(
        `  ${paint(color, '2', pos)}  ${paint(color, LEVEL_COLOR[f.level], f.level.padEnd(7))}  ${tag}${oneLine(f.message)}${noted(f)}  ${paint(color, '2', f.ruleId)}`,
      );
    }
    out.push('');
  }
  if (result.suppressed.length > 0) {
    out.push(paint(color, '1', `Suppressed by exceptions (${result.suppressed.length}):`));
    for (const { finding: f, exception } of result.suppressed) {
      out.push(
        `  ${shownPath(f.file)}:${f.location.start.line}:${f.location.start.column}  ${oneLine(f.message)}${noted(f)}  ${paint(color, '2', f.ruleId)}  [${oneLine(exception.id)}]`,
      );
    }
    out.push('');
  }
  const baseline = result.baseline;
  if (baseline) {
    if (!baseline.available) out.push(`Base ${oneLine(baseline.rev)} was not available: every finding counts as new.`);
    else {
      const tally = counts.states ?? { new: 0, updated: 0, unchanged: 0 };
      out.push(`Compared with ${oneLine(baseline.rev)}: ${tally.new} new, ${tally.updated} updated, ${tally.unchanged} unchanged.`);
    }
    out.push('');
  }
  const changes = result.policyChanges?.changes ?? [];
  if (changes.length > 0) {
    out.push(
      `Policy changes since ${oneLine(result.policyChanges!.rev)} (the policy in force is the one at ${oneLine(result.policyChanges!.rev)}):`,
    );
    for (const c of changes)
      out.push(
        `  ${shownPath(c.file)}:${c.position.line}:${c.position.column}  ${oneLine(c.message)}${c.weakens ? '  (loosens the policy)' : ''}`,
      );
    out.push('');
  }
  // What to do about each rule that has findings, once per rule rather than under every finding.
  const found = new Set(result.findings.map((f) => f.ruleId));
  const ruled = result.rules.filter((r) => found.has(r.id)).map((r) => r.id);
  if (ruled.length > 0) {
    const width = Math.max(...ruled.map((id) => id.length));
    out.push(paint(color, '1', 'How to fix:'));
    for (const id of ruled) {
      const meta = result.rules.find((r) => r.id === id);
      out.push(`  ${paint(color, '2', id.padEnd(width))}  ${meta?.fix ?? ''}`, `  ${' '.repeat(width)}  ${ruleDocsUrl(id)}`);
    }
    out.push('');
  }
  const count = (level: Finding['level']): number => counts.byLevel[level];
  const total = counts.findings;
  const checked = `${counts.files} agent file${counts.files === 1 ? '' : 's'} checked`;
  if (total === 0) out.push(paint(color, '32', `✓ No problems (${checked}).`));
  else {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('notice')} notice${count('notice') === 1 ? '' : 's'}) in ${checked}.`;
    out.push(paint(color, count('error') > 0 ? '31;1' : '33;1', summary));
  }
  const below = belowMinimumNote(counts.belowMinConfidence, result.policy.settings['guidance-min-confidence']);
  if (below) out.push(below);
  for (const note of result.coverageNotes) out.push(paint(color, '33', oneLine(note)));
  for (const note of result.scopeNotes) out.push(oneLine(note));
  out.push(oneLine(describePolicy(result.policy)));
  return `${out.join('\n')}\n`;
}
