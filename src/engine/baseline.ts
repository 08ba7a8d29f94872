import type { Finding } from '../core/types.js';
import type { ResolvedException } from '../policy/load.js';
import type { LintResult } from './lint.js';

export type BaselineState = 'new' | 'unchanged' | 'updated';

export interface ExceptionChange {
  exception: ResolvedException;
  change: 'added' | 'changed';
}

/** How this run compares with the repository at a base revision. */
export interface Baseline {
  rev: string;
  /** False when the revision is not in the clone: everything counts as new. */
  available: boolean;
  /** By fingerprint, for findings and suppressed findings alike. */
  states: Map<string, BaselineState>;
  /** Exceptions added or changed since the base: a pull request that adds one must be visible to its reviewers. */
  exceptionChanges: ExceptionChange[];
}

const identity = (f: Finding): string => `${f.level}\0${f.evidence}\0${f.message}`;
const EXCEPTION_FIELDS = ['rule', 'paths', 'match', 'reason', 'owner', 'approved-by', 'expires', 'incident'] as const;
const exceptionText = (e: ResolvedException): string => JSON.stringify(EXCEPTION_FIELDS.map((k) => e[k] ?? null));

/** What a comparison needs of the check at the base revision; the rest of that check can be dropped. */
export interface BaseSnapshot {
  /** Fingerprint → what the finding said, for findings and suppressed findings alike. */
  findings: Map<string, string>;
  /** Exception id → its fields. */
  exceptions: Map<string, string>;
}

export function snapshotOf(base: LintResult): BaseSnapshot {
  const findings = new Map<string, string>();
  for (const f of [...base.findings, ...base.suppressed.map((s) => s.finding)]) findings.set(f.fingerprint, identity(f));
  return { findings, exceptions: new Map(base.policy.exceptions.map((e) => [e.id, exceptionText(e)])) };
}

/**
 * Classifies every finding against the same check at the base revision: `new` when its fingerprint (rule, file,
 * key path) did not exist there, `updated` when it did but says something else now, `unchanged` otherwise.
 * Without a base (the revision is not in the clone), everything is new.
 */
export function compareWithBase(current: LintResult, base: BaseSnapshot | undefined, rev: string): Baseline {
  const states = new Map<string, BaselineState>();
  for (const f of [...current.findings, ...current.suppressed.map((s) => s.finding)]) {
    const was = base?.findings.get(f.fingerprint);
    states.set(f.fingerprint, was === undefined ? 'new' : was === identity(f) ? 'unchanged' : 'updated');
  }
  const exceptionChanges: ExceptionChange[] = [];
  for (const exception of current.policy.exceptions) {
    const was = base?.exceptions.get(exception.id);
    if (was === undefined) exceptionChanges.push({ exception, change: 'added' });
    else if (was !== exceptionText(exception)) exceptionChanges.push({ exception, change: 'changed' });
  }
  return { rev, available: base !== undefined, states, exceptionChanges };
}

/** The findings that count against `--fail-on`: with a baseline, only new and updated ones. */
export function countedFindings(result: LintResult): Finding[] {
  const baseline = result.baseline;
  if (!baseline) return result.findings;
  return result.findings.filter((f) => baseline.states.get(f.fingerprint) !== 'unchanged');
}
