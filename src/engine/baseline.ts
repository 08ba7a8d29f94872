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

/**
 * Classifies every finding against the same check at the base revision: `new` when its fingerprint (rule, file,
 * key path) did not exist there, `updated` when it did but says something else now, `unchanged` otherwise.
 */
export function compareWithBase(current: LintResult, base: LintResult | undefined, rev: string): Baseline {
  const before = new Map<string, string>();
  for (const f of base ? [...base.findings, ...base.suppressed.map((s) => s.finding)] : []) before.set(f.fingerprint, identity(f));
  const states = new Map<string, BaselineState>();
  for (const f of [...current.findings, ...current.suppressed.map((s) => s.finding)]) {
    const was = before.get(f.fingerprint);
    states.set(f.fingerprint, was === undefined ? 'new' : was === identity(f) ? 'unchanged' : 'updated');
  }
  const baseExceptions = new Map((base?.policy.exceptions ?? []).map((e) => [e.id, exceptionText(e)]));
  const exceptionChanges: ExceptionChange[] = [];
  for (const exception of current.policy.exceptions) {
    const was = baseExceptions.get(exception.id);
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
