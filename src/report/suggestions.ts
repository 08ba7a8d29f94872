import type { Finding } from '../core/types.js';
import type { CheckResult } from '../engine/result.js';
import { toCodeSpan, toMarkdownText } from './escape.js';

// Suggested changes on a pull request: the fixes of the findings it introduces, on the lines it changed.

export const SUGGESTION_MARKER = '<!-- agent-policy:suggestion -->';
const FINGERPRINT = /<!-- agent-policy:fix ([0-9a-f]+) -->/;
const RESOLVED = '<!-- agent-policy:resolved -->';
/** At most this many suggestions a run; the job summary lists them all. */
export const MAX_SUGGESTIONS = 50;

export interface Suggestion {
  fingerprint: string;
  path: string;
  /** The first line, when the suggestion spans more than one. */
  startLine?: number;
  line: number;
  body: string;
}

/** A code fence longer than any run of backticks in `text`. */
const fenceFor = (text: string): string => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

const lineBreaks = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The findings a pull request introduces that have a fix, one per fix (two findings may share one). */
function fixable(
  result: CheckResult,
): (Finding & { fix: NonNullable<Finding['fix']> & { lines: NonNullable<NonNullable<Finding['fix']>['lines']> } })[] {
  const seen = new Set<string>();
  const out = [];
  for (const f of result.outcome.counted) {
    const lines = f.fix?.lines;
    if (!f.fix || !lines) continue;
    const key = `${f.file}\0${lines.start}\0${lines.end}\0${lines.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...f, fix: { ...f.fix, lines } });
  }
  return out;
}

/** The suggestion comment of one fix: GitHub's suggested-change block replaces lines `startLine`–`line`. */
function toBody(f: ReturnType<typeof fixable>[number]): string {
  const text = lineBreaks(f.fix.lines.text);
  const fence = fenceFor(text);
  return [
    SUGGESTION_MARKER,
    `<!-- agent-policy:fix ${f.fingerprint} -->`,
    `**agent-policy · ${f.ruleId}**: ${toMarkdownText(f.fix.description)}.`,
    '',
    `${fence}suggestion`,
    ...(text === '' ? [] : [text]),
    fence,
  ].join('\n');
}

/**
 * The suggestions for a pull request: fixes of new findings whose lines the pull request added or changed
 * (`changed`: the head's line numbers per file), most at MAX_SUGGESTIONS.
 */
export function toSuggestions(result: CheckResult, changed: ReadonlyMap<string, ReadonlySet<number>>): Suggestion[] {
  const out: Suggestion[] = [];
  for (const f of fixable(result)) {
    const { start, end } = f.fix.lines;
    const lines = changed.get(f.file);
    if (!lines) continue;
    let inside = true;
    for (let n = start; n <= end; n++) if (!lines.has(n)) inside = false;
    if (!inside) continue;
    out.push({ fingerprint: f.fingerprint, path: f.file, ...(end > start ? { startLine: start } : {}), line: end, body: toBody(f) });
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/** The fingerprint an earlier suggestion of this tool names, and whether it was already marked resolved. */
export function readSuggestion(body: string): { fingerprint: string; resolved: boolean } | undefined {
  if (!body.includes(SUGGESTION_MARKER)) return undefined;
  const fingerprint = FINGERPRINT.exec(body)?.[1];
  return fingerprint ? { fingerprint, resolved: body.includes(RESOLVED) } : undefined;
}

/** What an earlier suggestion becomes once its finding is gone (fixed, or no longer reported). */
export const resolvedBody = (fingerprint: string): string =>
  `${SUGGESTION_MARKER}\n<!-- agent-policy:fix ${fingerprint} -->\n${RESOLVED}\n**agent-policy**: resolved — this finding is no longer reported.`;

/** The head's line numbers a unified diff (a pull request file's `patch`) adds. */
export function toAddedLines(patch: string): Set<number> {
  const added = new Set<number>();
  let line = 0;
  for (const row of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (hunk) line = Number(hunk[1]);
    else if (row.startsWith('+')) added.add(line++);
    else if (row.startsWith(' ') || row === '') line++;
  }
  return added;
}

/** The job summary's section with every fix of the new findings as a diff, for when no review can be posted. */
export function renderFixSection(result: CheckResult): string {
  const fixes = fixable(result);
  if (fixes.length === 0) return '';
  const parts = ['', '### Suggested fixes', '', `Run \`agent-policy fix\` to apply them, or apply each by hand:`, ''];
  for (const f of fixes.slice(0, MAX_SUGGESTIONS)) {
    const { start, before, text } = f.fix.lines;
    const diff = [
      ...lineBreaks(before)
        .split('\n')
        .map((l) => `-${l}`),
      ...(text === ''
        ? []
        : lineBreaks(text)
            .split('\n')
            .map((l) => `+${l}`)),
    ].join('\n');
    const fence = fenceFor(diff);
    parts.push(
      `- ${toCodeSpan(`${f.file}:${start}`)} ${f.ruleId}: ${toMarkdownText(f.fix.description)}`,
      '',
      `${fence}diff`,
      diff,
      fence,
      '',
    );
  }
  if (fixes.length > MAX_SUGGESTIONS)
    parts.push(`…and ${fixes.length - MAX_SUGGESTIONS} more; \`agent-policy fix --dry-run\` shows them all.`, '');
  return parts.join('\n');
}
