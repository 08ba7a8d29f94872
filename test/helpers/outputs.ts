import type { LintResult } from '../../src/engine/lint.js';
import { toCheckAnnotations, toWorkflowAnnotations } from '../../src/report/annotations.js';
import { renderGithub } from '../../src/report/github.js';
import { renderJson } from '../../src/report/json.js';
import { renderPrComment } from '../../src/report/pr-comment.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText } from '../../src/report/review.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';

/** The Markdown outputs: job summary (also the check run's summary), PR comment, review issue. */
export function renderMarkdownOutputs(result: LintResult): Record<string, string> {
  return {
    summary: renderSummary(result, { outcome: 'failed', failOn: 'error', fullReport: 'the SARIF file' }),
    'pr-comment': renderPrComment(result, { outcome: 'failed' }),
    'review-issue': renderReviewMarkdown(result),
  };
}

/** The terminal outputs: `check` and `review` as text, with and without colour. */
export function renderTextOutputs(result: LintResult): Record<string, string> {
  return {
    text: renderText(result, { color: false }),
    'text-color': renderText(result, { color: true }),
    'review-text': renderReviewText(result),
  };
}

/** Every renderer of src/report over one result, by name. */
export function renderAll(result: LintResult): Record<string, string> {
  return {
    ...renderTextOutputs(result),
    ...renderMarkdownOutputs(result),
    json: renderJson(result, 'error', true),
    sarif: renderSarif(result),
    github: renderGithub(result),
    'check-annotations': JSON.stringify(toCheckAnnotations([...result.findings, ...result.suppressed.map((s) => s.finding)], { limit: Infinity })),
    'workflow-annotations': JSON.stringify(toWorkflowAnnotations(result.findings, Infinity)),
    'review-json': renderReviewJson(result),
  };
}
