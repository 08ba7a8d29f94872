import type { CheckResult } from '../engine/result.js';
import { TOOL_NAME } from '../meta.js';
import { toCodeSpan, toMarkdownText as md } from './escape.js';
import { confidenceNote } from './levels.js';

/** The hidden marker the sticky comment is found by. */
export const COMMENT_MARKER = '<!-- agent-policy:pr-comment -->';
const MAX_COMMENT = 60_000;
const MAX_ROWS = 100;

/**
 * The sticky PR comment: what this pull request introduces (new and updated findings), exceptions it
 * adds, or "all clear". Kept under the 65,536-character limit of a comment.
 */
export function renderPrComment(result: CheckResult, options: { runUrl?: string } = {}): string {
  // What this pull request introduces is what counts: without a base, every finding.
  const { counted: introduced, existing } = result.outcome;
  const changes = result.policyChanges?.changes ?? [];
  const lines = [COMMENT_MARKER];
  if (introduced.length === 0 && changes.length === 0) {
    lines.push(
      `### ✅ ${TOOL_NAME}: all clear`,
      '',
      existing > 0
        ? `This pull request adds no finding (${existing} existing finding${existing === 1 ? '' : 's'} remain in the repository).`
        : 'No agent configuration or guidance file in this pull request breaks the team policy.',
    );
  } else {
    lines.push(
      `### ${result.outcome.failed ? '❌' : '⚠️'} ${TOOL_NAME}: ${introduced.length} finding${introduced.length === 1 ? '' : 's'} in this pull request`,
      '',
    );
    if (introduced.length > 0) {
      lines.push('| level | rule | where | message |', '|---|---|---|---|');
      for (const f of introduced.slice(0, MAX_ROWS)) {
        const note = confidenceNote(f);
        lines.push(
          `| ${f.level} | ${md(f.ruleId)} | ${toCodeSpan(`${f.file}:${f.location.start.line}`, { inTable: true })} | ${md(f.message)}${note ? ` _(${md(note)})_` : ''} |`,
        );
      }
      if (introduced.length > MAX_ROWS) lines.push('', `…and ${introduced.length - MAX_ROWS} more; see the check run and the job summary.`);
    }
    if (changes.length > 0) {
      lines.push('', '**Policy changes in this pull request** (they take effect once merged; the policy owners should review them):', '');
      for (const c of changes) lines.push(`- ${toCodeSpan(`${c.file}:${c.position.line}`)}: ${md(c.message)}`);
    }
    if (existing > 0)
      lines.push(
        '',
        `${existing} existing finding${existing === 1 ? '' : 's'} not introduced here ${existing === 1 ? 'is' : 'are'} listed in the job summary.`,
      );
  }
  if (options.runUrl) lines.push('', `<sub>[details](${options.runUrl})</sub>`);
  const body = lines.join('\n');
  return body.length <= MAX_COMMENT
    ? body
    : `${COMMENT_MARKER}\n### ${TOOL_NAME}: ${introduced.length} findings in this pull request\n\nThe list is too long for a comment; see the check run and the job summary.`;
}
