import type { CheckResult, Tally } from '../engine/result.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { belowMinimumNote, confidenceNote } from './levels.js';
import { describePolicy } from './policy-note.js';
import { toCodeSpan, toMarkdownText as md } from './escape.js';
import { toPostureMatrix } from './posture-matrix.js';
import { toPreflight } from './preflight.js';
import { renderPreflightSummary } from './preflight-render.js';

/** The runner drops a job summary over 1 MiB whole; stay well under it. */
export const SUMMARY_BUDGET = 1_000_000;
/** The preflight section's share of it: one line per agent, the full checklist being `agent-policy preflight`. */
const PREFLIGHT_BUDGET = 64_000;

export interface SummaryOptions {
  /** Where the complete report is, named when the table is cut. */
  fullReport: string;
  /** Links to the run, when known. */
  runUrl?: string;
}

/** A less-than-certain finding's confidence, after its message. */
const noted = (f: Parameters<typeof confidenceNote>[0]): string => {
  const note = confidenceNote(f);
  return note ? ` _(${md(note)})_` : '';
};

/** Repository text as a code span in a table cell. */
const code = (s: string): string => toCodeSpan(s, { inTable: true });

function countsTable(tallies: readonly Tally[], heading: string, title: string): string[] {
  if (tallies.length === 0) return [];
  return [heading, '', `| ${title} | findings |`, '|---|---|', ...tallies.map((t) => `| ${md(t.key)} | ${t.count} |`), ''];
}

/**
 * The job summary: outcome, counts by rule and agent, the posture matrix, the preflight (a line per agent), exceptions (stale ones and
 * those the pull request adds), and every finding in a table. Kept under 1 MiB; when the table would not
 * fit, it says how many rows were left out and where the full report is.
 */
export function renderSummary(result: CheckResult, options: SummaryOptions): string {
  const { counts, outcome } = result;
  const states = result.baseline?.states;
  const icon = outcome.failed ? '❌' : '✅';
  const head: string[] = [
    `## ${icon} agent-policy: ${outcome.failed ? `findings at or above "${outcome.failOn}"` : counts.findings === 0 ? 'all clear' : 'passed'}`,
    '',
  ];
  const errors = counts.byLevel.error;
  head.push(
    `${counts.findings} finding${counts.findings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${counts.files} agent file${counts.files === 1 ? '' : 's'}; ${counts.suppressed} suppressed by exceptions.`,
  );
  if (result.baseline) {
    const tally = counts.states ?? { new: 0, updated: 0, unchanged: 0 };
    head.push(
      result.baseline.available
        ? `Compared with ${toCodeSpan(result.baseline.rev.slice(0, 12))}: ${tally.new} new, ${tally.updated} updated, ${tally.unchanged} unchanged; only new and updated findings fail the check.`
        : `The base revision was not available: every finding counts as new.`,
    );
  }
  const below = belowMinimumNote(counts.belowMinConfidence, result.policy.settings['guidance-min-confidence']);
  if (below) head.push(md(below));
  for (const note of result.coverageNotes) head.push(`⚠️ ${md(note)}`);
  for (const note of result.scopeNotes) head.push(md(note));
  head.push(md(describePolicy(result.policy)), '');
  head.push(...countsTable(counts.byRule, '### By rule', 'rule'), ...countsTable(counts.byAgent, '### By agent', 'agent'));
  const matrix = toPostureMatrix(result);
  if (matrix.length > 0) {
    head.push(
      '### Agent configurations',
      '',
      '| file | agent | sandbox | approval | network | extra writable roots | auto-allowed publish/deploy | secret exposure |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const r of matrix)
      head.push(
        `| ${code(r.file)}${r.unit === undefined ? '' : ` ${md(r.unit)}`} | ${md(r.agent)} | ${md(r.sandbox)} | ${md(r.approval)} | ${md(r.network)} | ${md(r.writableRoots)} | ${md(r.publishDeploy)} | ${md(r.secrets)} |`,
      );
    head.push('');
  }
  head.push(...renderPreflightSummary(toPreflight(result), PREFLIGHT_BUDGET));
  const stale = result.exceptionNotes.stale;
  if (stale.length > 0) {
    head.push('### Exceptions that need attention', '', '| status | id | rule | owner | expires | |', '|---|---|---|---|---|---|');
    for (const e of stale)
      head.push(
        `| ${e.status} | ${code(e.exception.id)} | ${md(e.exception.rule)} | ${md(e.exception.owner ?? '—')} | ${md(e.exception.expires ?? '—')} | ${md(e.detail)} |`,
      );
    head.push('');
  }
  const changes = result.policyChanges?.changes ?? [];
  if (changes.length > 0) {
    head.push(
      '### Policy changes in this pull request',
      '',
      `The check runs under the policy at ${toCodeSpan(result.policyChanges!.rev.slice(0, 12))}; these changes take effect once merged, after review by the policy owners.`,
      '',
      '| where | change | loosens |',
      '|---|---|---|',
    );
    for (const c of changes) head.push(`| ${code(`${c.file}:${c.position.line}`)} | ${md(c.message)} | ${c.weakens ? 'yes' : 'no'} |`);
    head.push('');
  }
  const footer = [`<sub>${TOOL_NAME} ${TOOL_VERSION}${options.runUrl ? ` · [run](${options.runUrl})` : ''}</sub>`, ''];
  if (counts.findings === 0) return [...head, ...footer].join('\n');

  const tableHead = [
    '### Findings',
    '',
    '| level | rule | file | line | message |' + (states ? ' baseline |' : ''),
    '|---|---|---|---|---|' + (states ? '---|' : ''),
  ];
  const rows = result.findings.map(
    (f) =>
      `| ${f.level} | ${md(f.ruleId)} | ${code(f.file)} | ${f.location.start.line}:${f.location.start.column} | ${md(f.message)}${noted(f)} |${states ? ` ${states.get(f.fingerprint) ?? 'new'} |` : ''}`,
  );
  let body = [...head, ...tableHead].join('\n');
  const footerText = footer.join('\n');
  let shown = 0;
  const reserve = 600;
  // A running count: measuring the whole body for every row took 13 s at 12,500 rows.
  let size = Buffer.byteLength(body) + Buffer.byteLength(footerText) + reserve;
  for (const row of rows) {
    const added = Buffer.byteLength(row) + 1;
    if (size + added > SUMMARY_BUDGET) break;
    body += `\n${row}`;
    size += added;
    shown++;
  }
  if (shown < rows.length)
    body += `\n\n**${rows.length - shown} more finding${rows.length - shown === 1 ? ' is' : 's are'} not listed here** (the summary is limited to 1 MiB); the complete list is in ${options.fullReport}.`;
  return `${body}\n\n${footerText}`;
}
