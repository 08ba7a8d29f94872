import type { Finding, Level } from '../core/types.js';
import { LEVEL_RANK } from '../core/types.js';
import type { BaselineState, CheckResult, PolicyChange } from '../engine/result.js';
import { CHECK_ANNOTATION_LEVEL, confidenceNote, WORKFLOW_COMMAND } from './levels.js';
import { cutText, toPrintable } from '../core/printable.js';
import { redactSecrets } from '../secrets/redact.js';

/**
 * How many annotations one run posts, on a check run or as workflow commands. A 1 MiB settings file can yield
 * tens of thousands of findings; past this many, annotations add requests and log lines but no reader. The rest
 * are counted and pointed at (the job summary and the SARIF file list every finding). 500 is 11 check-run
 * requests, about 11 s at the one write a second GitHub asks for, which keeps a 10,000-file pull request's run
 * near 20 s (1,000 took 27 s).
 */
export const ANNOTATION_LIMIT = 500;
/** The Checks API takes at most 50 annotations per request. */
export const CHECK_BATCH = 50;
/** The runner shows this many workflow-command annotations per level and step; the rest stay in the log. */
export const RUNNER_SHOWN_PER_LEVEL = 10;
const MAX_MESSAGE = 60_000;
const MAX_TITLE = 255;

/** One annotation, whatever carries it: the only place a finding becomes an annotation. */
export interface Annotation {
  level: Level;
  file: string;
  title: string;
  message: string;
  start: { line: number; column: number };
  /** Where the span ends; the same line as `start` or later. */
  end: { line: number; column: number };
}

export interface AnnotationOptions {
  /** At most this many are kept (default ANNOTATION_LIMIT). */
  limit?: number;
  /** Baseline states by fingerprint: among equally severe findings, new and updated come before unchanged. */
  states?: ReadonlyMap<string, BaselineState>;
  /** Annotations that are not findings (what a pull request changes in the policy), ranked as new findings. */
  extra?: readonly Annotation[];
}

/** What a limited sink shows, and how many it leaves out. */
export interface AnnotationPlan<T> {
  annotations: T[];
  /** Findings left out because of the limit. */
  omitted: number;
  total: number;
}

const unchangedRank = (f: Finding, states: ReadonlyMap<string, BaselineState> | undefined): number =>
  states?.get(f.fingerprint) === 'unchanged' ? 1 : 0;

export function toAnnotation(f: Finding): Annotation {
  const start = f.location.start;
  const end = f.location.end && f.location.end.line >= start.line ? f.location.end : start;
  const note = confidenceNote(f);
  return {
    level: f.level,
    file: f.file,
    // In the title, which is never cut short by a long message.
    title: cutText(`agent-policy ${f.ruleId}${note ? ` (${note})` : ''}`, MAX_TITLE),
    message: cutText(f.message, MAX_MESSAGE),
    start: { line: start.line, column: start.column },
    end: { line: end.line, column: end.line === start.line ? Math.max(end.column, start.column) : end.column },
  };
}

/** A policy change as an annotation on the policy file; its message quotes the policy (an exception's rule), so it is made safe like a finding's. */
export function toPolicyChangeAnnotation(c: PolicyChange): Annotation {
  const at = { line: c.position.line, column: c.position.column };
  return {
    level: c.level,
    file: c.file,
    title: 'agent-policy policy change',
    message: cutText(toPrintable(redactSecrets(c.message)), MAX_MESSAGE),
    start: at,
    end: at,
  };
}

/** What every sink annotates besides findings, and how it ranks them: the policy changes, and the findings' baseline states. */
export function annotationOptionsOf(result: CheckResult): Pick<AnnotationOptions, 'extra' | 'states'> {
  return {
    extra: (result.policyChanges?.changes ?? []).map(toPolicyChangeAnnotation),
    ...(result.baseline ? { states: result.baseline.states } : {}),
  };
}

/** The annotations a limited sink shows, in the order it shows them, and the count it leaves out. */
export function toAnnotations(findings: readonly Finding[], options: AnnotationOptions = {}): AnnotationPlan<Annotation> {
  const limit = Math.max(0, options.limit ?? ANNOTATION_LIMIT);
  const extra = options.extra ?? [];
  const ranked = [
    ...findings.map((f) => ({ a: toAnnotation(f), unchanged: unchangedRank(f, options.states) })),
    ...extra.map((a) => ({ a, unchanged: 0 })),
  ];
  ranked.sort(
    (x, y) =>
      LEVEL_RANK[y.a.level] - LEVEL_RANK[x.a.level] ||
      x.unchanged - y.unchanged ||
      (x.a.file < y.a.file ? -1 : x.a.file > y.a.file ? 1 : 0) ||
      x.a.start.line - y.a.start.line ||
      x.a.start.column - y.a.start.column,
  );
  const total = ranked.length;
  const kept = ranked.slice(0, limit).map((r) => r.a);
  return { annotations: kept, omitted: total - kept.length, total };
}

/** A Checks API annotation (`output.annotations[]`). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export function toCheckAnnotation(a: Annotation): CheckAnnotation {
  return {
    path: a.file,
    start_line: a.start.line,
    end_line: a.end.line,
    // Columns only when the annotation stays on one line, as the API requires.
    ...(a.end.line === a.start.line ? { start_column: a.start.column, end_column: a.end.column } : {}),
    annotation_level: CHECK_ANNOTATION_LEVEL[a.level],
    title: a.title,
    message: a.message,
  };
}

/** Check-run annotations, most important first, at most `limit` of them. */
export function toCheckAnnotations(findings: readonly Finding[], options: AnnotationOptions = {}): AnnotationPlan<CheckAnnotation> {
  const plan = toAnnotations(findings, options);
  return { ...plan, annotations: plan.annotations.map(toCheckAnnotation) };
}

/** Annotations in batches of 50, the most the Checks API takes a request. */
export function toBatches<T>(items: readonly T[], size = CHECK_BATCH): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** One workflow command to emit: `core[command](message, properties)`. */
export interface WorkflowAnnotation {
  command: 'error' | 'warning' | 'notice';
  message: string;
  properties: { title: string; file: string; startLine: number; startColumn: number; endColumn?: number };
}

export interface WorkflowAnnotationPlan extends AnnotationPlan<WorkflowAnnotation> {
  /** A line for the log when something is left out or hidden by the runner; undefined when everything shows. */
  note: string | undefined;
}

export function toWorkflowAnnotation(a: Annotation): WorkflowAnnotation {
  return {
    command: WORKFLOW_COMMAND[a.level],
    message: a.message,
    properties: {
      title: a.title,
      file: a.file,
      startLine: a.start.line,
      startColumn: a.start.column,
      // As `--format github` writes it: an end column only within one line (the runner ignores it across lines).
      ...(a.end.line === a.start.line && a.end.column > a.start.column ? { endColumn: a.end.column } : {}),
    },
  };
}

/**
 * The workflow-command fallback (no check run): at most `limit` annotations, most important first, and the
 * log line that says what the runner will not show and where the complete list is (`fullReport`, e.g. "the job
 * summary and the SARIF file `x`").
 */
export function toWorkflowAnnotations(
  findings: readonly Finding[],
  limit: number = ANNOTATION_LIMIT,
  options: Omit<AnnotationOptions, 'limit'> & { fullReport?: string } = {},
): WorkflowAnnotationPlan {
  const plan = toAnnotations(findings, { ...options, limit });
  const perLevel: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const a of plan.annotations) perLevel[a.level]++;
  const hidden = Object.values(perLevel).reduce((n, c) => n + Math.max(0, c - RUNNER_SHOWN_PER_LEVEL), 0);
  const where = options.fullReport ?? 'the job summary';
  const parts: string[] = [];
  if (plan.omitted > 0)
    parts.push(
      `${plan.annotations.length} of ${plan.total} findings are annotated, most severe first; the other ${plan.omitted} are listed in ${where}`,
    );
  else if (hidden > 0) parts.push(`${plan.annotations.length} annotations were written`);
  if (hidden > 0)
    parts.push(`the runner shows ten per level, so ${hidden} appear only in this log${plan.omitted > 0 ? '' : ` and in ${where}`}`);
  return {
    ...plan,
    annotations: plan.annotations.map(toWorkflowAnnotation),
    note: parts.length > 0 ? `agent-policy: ${parts.join('; ')}.` : undefined,
  };
}
