import type { CheckResult } from '../engine/result.js';
import type { ExceptionReport, ExceptionStatus } from '../exceptions/evaluate.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { toJsonException } from './json.js';
import { toCodeSpan, toLinkPath, toMarkdownText as md, toMentions, toTerminalPath, toTerminalText as oneLine } from './escape.js';

const STATUS_ORDER = ['invalid', 'expired', 'expiring', 'orphaned', 'unused', 'active'];
const ordered = (reports: readonly ExceptionReport[]): ExceptionReport[] =>
  [...reports].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      (a.exception.expires ?? '').localeCompare(b.exception.expires ?? '') ||
      a.exception.id.localeCompare(b.exception.id),
  );

const daysText = (r: ExceptionReport): string => (r.daysLeft === null ? '—' : r.daysLeft < 0 ? `${-r.daysLeft} ago` : String(r.daysLeft));

export function renderReviewText(result: CheckResult): string {
  const rows = ordered(result.exceptions);
  if (rows.length === 0) return `No exceptions are declared in ${toTerminalPath(result.policy.source.path)}.\n`;
  const table = [
    ['status', 'id', 'rule', 'owner', 'expires', 'days left', 'suppresses', 'where'],
    ...rows.map((r) =>
      [
        r.status,
        r.exception.id,
        r.exception.rule,
        r.exception.owner ?? '—',
        r.exception.expires ?? '—',
        daysText(r),
        String(r.suppressed.length),
        `${toTerminalPath(r.exception.file)}:${r.exception.position.line}`,
      ].map(oneLine),
    ),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = ordered(result.exceptionNotes.stale).map((r) => `- ${oneLine(r.detail)}`);
  const suppressed = rows.flatMap((r) =>
    r.suppressed.map(
      (f) => `  ${oneLine(r.exception.id)}: ${toTerminalPath(f.file)}:${f.location.start.line}:${f.location.start.column} ${f.ruleId}`,
    ),
  );
  return `${[`Exception register (${result.today})`, '', ...lines, '', ...(notes.length ? [...notes, ''] : []), ...(suppressed.length ? ['Suppressed now:', ...suppressed, ''] : [])].join('\n')}\n`;
}

export function renderReviewJson(result: CheckResult): string {
  const report = {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    today: result.today,
    policy: result.policy.source.path,
    failed: result.exceptionNotes.reviewFails,
    exceptions: ordered(result.exceptions).map(toJsonException),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const ICON: Record<ExceptionStatus, string> = { invalid: '⛔', expired: '⛔', expiring: '⏳', orphaned: '⚠️', unused: '⚠️', active: '✅' };

/** The register as a tracking issue shows it; owners that are GitHub handles are @-mentioned so they are notified. */
export function renderReviewMarkdown(result: CheckResult): string {
  const rows = ordered(result.exceptions);
  const stale = ordered(result.exceptionNotes.stale);
  const lines = [`## Agent policy exception review (${result.today})`, ''];
  if (rows.length === 0) lines.push(`No exceptions are declared in ${toCodeSpan(result.policy.source.path)}.`);
  else {
    lines.push(
      stale.length === 0
        ? 'Every exception is active and documented. Nothing to do.'
        : `${stale.length} of ${rows.length} exception${rows.length === 1 ? '' : 's'} need${stale.length === 1 ? 's' : ''} attention.`,
      '',
    );
    lines.push('| | status | id | rule | owner | expires | days left | suppresses | reason |', '|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const e = r.exception;
      lines.push(
        `| ${ICON[r.status]} | ${r.status} | [${toCodeSpan(e.id, { inTable: true })}](${toLinkPath(e.file)}#L${e.position.line}) | ${md(e.rule)} | ${e.owner ? toMentions(e.owner) : '—'} | ${md(e.expires ?? '—')} | ${daysText(r)} | ${r.suppressed.length} | ${md(e.reason ?? '—')} |`,
      );
    }
    if (stale.length > 0)
      lines.push(
        '',
        '### What to do',
        '',
        ...stale.map((r) => `- ${md(r.detail)}${r.exception.owner ? ` (${toMentions(r.exception.owner)})` : ''}`),
      );
  }
  lines.push('', `<sub>${TOOL_NAME} ${TOOL_VERSION} · policy ${toCodeSpan(result.policy.source.path)}</sub>`);
  return `${lines.join('\n')}\n`;
}
