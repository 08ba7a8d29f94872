import { toCheckResult } from '../../src/engine/outcome.js';
import type { CheckResult, LintResult } from '../../src/engine/result.js';
import { toCheckAnnotations, toWorkflowAnnotations } from '../../src/report/annotations.js';
import { renderGithub } from '../../src/report/github.js';
import { renderJson } from '../../src/report/json.js';
import { renderPrComment } from '../../src/report/pr-comment.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText } from '../../src/report/review.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';

/** A result as the engine judges it, failing at "error". */
const judged = (result: LintResult): CheckResult => toCheckResult(result, { failOn: 'error' });

/** The Markdown outputs: job summary (also the check run's summary), PR comment, review issue. */
export function renderMarkdownOutputs(lintResult: LintResult): Record<string, string> {
  const result = judged(lintResult);
  return {
    summary: renderSummary(result, { fullReport: 'the SARIF file' }),
    'pr-comment': renderPrComment(result),
    'review-issue': renderReviewMarkdown(result),
  };
}

/** The terminal outputs: `check` and `review` as text, with and without colour. */
export function renderTextOutputs(lintResult: LintResult): Record<string, string> {
  const result = judged(lintResult);
  return {
    text: renderText(result, { color: false }),
    'text-color': renderText(result, { color: true }),
    'review-text': renderReviewText(result),
  };
}

/** Every renderer of src/report over one result, by name. */
export function renderAll(lintResult: LintResult): Record<string, string> {
  const result = judged(lintResult);
  return {
    ...renderTextOutputs(result),
    ...renderMarkdownOutputs(result),
    json: renderJson(result),
    sarif: renderSarif(result),
    github: renderGithub(result),
    'check-annotations': JSON.stringify(
      toCheckAnnotations([...result.findings, ...result.suppressed.map((s) => s.finding)], { limit: Infinity }),
    ),
    'workflow-annotations': JSON.stringify(toWorkflowAnnotations(result.findings, Infinity)),
    'review-json': renderReviewJson(result),
  };
}
