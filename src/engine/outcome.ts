import { belowMinimumConfidence, coverageNotes, LEVEL_RANK, scopeNotes, type Finding, type Level } from '../core/types.js';
import type { BaselineState, CheckResult, Counts, ExceptionNotes, LintResult, Outcome, Tally } from './result.js';

/** How a check is judged. */
export interface Judgement {
  failOn: Level | 'never';
  /** A review fails on its exception register (expired or invalid exceptions), a check on its counted findings. */
  mode?: 'check' | 'review';
  /** Why the check fails beyond its findings (an invalid changed policy). */
  reasons?: readonly string[];
}

/**
 * Whether a finding reaches the `failOn` threshold. One whose confidence is below the policy's
 * `guidance-min-confidence` (it has a `configuredLevel`) never does, whatever the threshold.
 */
export function reaches(f: Finding, failOn: Level | 'never'): boolean {
  return failOn !== 'never' && f.configuredLevel === undefined && LEVEL_RANK[f.level] >= LEVEL_RANK[failOn];
}

/** Whether any finding reaches the `failOn` threshold. */
export function failsAt(findings: readonly Finding[], failOn: Level | 'never'): boolean {
  return findings.some((f) => reaches(f, failOn));
}

/** The findings that count against `failOn`: with a baseline, only new and updated ones. */
export function countedFindings(result: LintResult): Finding[] {
  const baseline = result.baseline;
  if (!baseline) return result.findings;
  return result.findings.filter((f) => baseline.states.get(f.fingerprint) !== 'unchanged');
}

function tally(findings: readonly Finding[], key: (f: Finding) => string): Tally[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, count]) => ({ key: k, count }));
}

function toCounts(result: LintResult): Counts {
  const byLevel: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  let belowMinConfidence = 0;
  for (const f of result.findings) {
    byLevel[f.level]++;
    if (belowMinimumConfidence(f)) belowMinConfidence++;
  }
  let states: Record<BaselineState, number> | undefined;
  if (result.baseline) {
    states = { new: 0, updated: 0, unchanged: 0 };
    for (const s of result.baseline.states.values()) states[s]++;
  }
  return {
    findings: result.findings.length,
    byLevel,
    belowMinConfidence,
    byRule: tally(result.findings, (f) => f.ruleId),
    byAgent: tally(result.findings, (f) => f.agent),
    suppressed: result.suppressed.length,
    // A file two adapters read (a VS Code settings file handed to Claude Code too) is one file.
    files: new Set(result.files.map((f) => f.path)).size,
    ...(states ? { states } : {}),
  };
}

/** A finding about the policy's exceptions and ignore entries (expired, unused, orphaned, invalid), not an agent file. */
export const isExceptionFinding = (f: Finding): boolean => f.ruleId.startsWith('exception-');

function toExceptionNotes(result: LintResult): ExceptionNotes {
  const broken = result.exceptions.filter((e) => e.status === 'expired' || e.status === 'invalid').length;
  return {
    stale: result.exceptions.filter((e) => e.status !== 'active'),
    broken,
    reviewFails: broken > 0,
    findings: result.findings.filter(isExceptionFinding),
  };
}

function toOutcome(result: LintResult, exceptions: ExceptionNotes, judgement: Judgement): Outcome {
  const mode = judgement.mode ?? 'check';
  const counted = countedFindings(result);
  const reasons = [...(judgement.reasons ?? [])];
  const failing = mode === 'check' ? counted.filter((f) => reaches(f, judgement.failOn)).length : 0;
  const countedFail = failing > 0;
  const findingsFail = mode === 'review' ? exceptions.reviewFails : countedFail;
  const failed = judgement.failOn !== 'never' && (findingsFail || reasons.length > 0);
  return {
    mode,
    counted,
    existing: result.findings.length - counted.length,
    failing,
    countedFail,
    failed,
    conclusion: failed ? 'failure' : counted.length > 0 ? 'neutral' : 'success',
    failOn: judgement.failOn,
    reasons,
  };
}

/**
 * The result with only the findings `keep` accepts (suppressed ones and baseline states alike), and with
 * `keepFile`, only the checked files it accepts: what a run narrowed to some rules or paths reports.
 */
export function selectFindings(result: LintResult, keep: (f: Finding) => boolean, keepFile?: (path: string) => boolean): LintResult {
  const findings = result.findings.filter(keep);
  const suppressed = result.suppressed.filter((s) => keep(s.finding));
  const files = keepFile ? result.files.filter((f) => keepFile(f.path)) : result.files;
  if (!result.baseline) return { ...result, findings, suppressed, files };
  const kept = new Set([...findings, ...suppressed.map((s) => s.finding)].map((f) => f.fingerprint));
  const states = new Map([...result.baseline.states].filter(([fingerprint]) => kept.has(fingerprint)));
  return { ...result, findings, suppressed, files, baseline: { ...result.baseline, states } };
}

/** The engine's whole result: what the check found, and what it decided and counted from that for every output. */
export function toCheckResult(result: LintResult, judgement: Judgement): CheckResult {
  const exceptionNotes = toExceptionNotes(result);
  return {
    ...result,
    outcome: toOutcome(result, exceptionNotes, judgement),
    counts: toCounts(result),
    exceptionNotes,
    coverageNotes: coverageNotes(result.coverage),
    scopeNotes: scopeNotes(result.coverage),
  };
}
