import type { Finding } from '../core/types.js';
import { LEVEL_RANK } from '../core/types.js';

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

/** The Checks API takes at most 50 annotations per request. */
export const CHECK_BATCH = 50;
const LEVEL: Record<Finding['level'], CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' };
const MAX_MESSAGE = 60_000;

/** Most severe first, then file and line: the order in which limited sinks keep findings. */
export const bySeverity = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.location.start.line - b.location.start.line);

export function toCheckAnnotation(f: Finding): CheckAnnotation {
  const start = f.location.start;
  const end = f.location.end && f.location.end.line >= start.line ? f.location.end : start;
  const sameLine = end.line === start.line;
  return {
    path: f.file,
    start_line: start.line,
    end_line: end.line,
    // Columns only when the annotation stays on one line, as the API requires.
    ...(sameLine ? { start_column: start.column, end_column: Math.max(end.column, start.column) } : {}),
    annotation_level: LEVEL[f.level],
    title: `agent-policy ${f.ruleId}`.slice(0, 255),
    message: f.message.length > MAX_MESSAGE ? `${f.message.slice(0, MAX_MESSAGE)}…` : f.message,
  };
}

/** Every annotation, most severe first, then the extra ones given (notes about the policy), in batches of 50. */
export function toCheckAnnotationBatches(findings: readonly Finding[], extra: readonly CheckAnnotation[] = []): CheckAnnotation[][] {
  const all = [...bySeverity(findings).map(toCheckAnnotation), ...extra];
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < all.length; i += CHECK_BATCH) batches.push(all.slice(i, i + CHECK_BATCH));
  return batches;
}
