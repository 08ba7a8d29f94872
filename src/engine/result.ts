import type { AgentPosture } from '../core/posture.js';
import type { Coverage, Finding, Level, Position } from '../core/types.js';
import type { ExceptionReport, SuppressedFinding } from '../exceptions/evaluate.js';
import type { ResolvedException, ResolvedPolicy } from '../policy/load.js';
import type { RuleMeta } from '../rules/define.js';

// The engine's result types, in one module that imports no engine module, so the engine's modules import
// each other in one direction only (check → baseline → lint, check → outcome, policy-changes).

export type BaselineState = 'new' | 'unchanged' | 'updated';

/** An exception the checked change adds, changes or removes (see `PolicyChanges` for the whole policy). */
export interface ExceptionChange {
  exception: ResolvedException;
  change: 'added' | 'changed' | 'removed';
  /** Whether it applies to this check; added and changed ones do not unless the caller opted in. */
  applied: boolean;
}

/** How this run compares with the repository at a base revision. */
export interface Baseline {
  rev: string;
  /** False when the revision is not in the clone: everything counts as new. */
  available: boolean;
  /** By fingerprint, for findings and suppressed findings alike. */
  states: Map<string, BaselineState>;
  /** Exceptions added, changed or removed since the base: a pull request that adds one must be visible to its reviewers. */
  exceptionChanges: ExceptionChange[];
}

/** One difference between the policy in force (the base's) and the one the checked change brings. */
export interface PolicyChange {
  kind: 'rule' | 'setting' | 'extends' | 'policy-file' | 'exception' | 'ignore' | 'invalid' | 'not-read';
  /** One sentence for every output; repository values only through `shownValue`. */
  message: string;
  /** The change would loosen what the policy in force enforces. */
  weakens: boolean;
  /** How loud outputs make it: an error when the changed policy is invalid, a warning when it loosens, else a notice. */
  level: Level;
  /** Where the change is shown: the changed policy file (or, for something removed, the base's). */
  file: string;
  position: Position;
  exception?: {
    id: string;
    change: 'added' | 'changed' | 'removed';
    /** Whether it applies to this check (`pr-exceptions: apply`); added and changed ones do not by default. */
    applied: boolean;
    /** Fingerprints of findings it would suppress, which count while it does not apply. */
    covers: string[];
  };
}

/** What the checked change does to the policy; the check itself runs under the base's policy. */
export interface PolicyChanges {
  rev: string;
  changes: PolicyChange[];
  /** The changed policy cannot be loaded: merged, it would break every later check. */
  headInvalid: boolean;
}

export interface CheckedFile {
  path: string;
  agent: string;
}

/** What the rules and exceptions made of the checked files: `lint`'s result. */
export interface LintResult {
  /** Findings no exception suppresses, stale-exception findings included. */
  findings: Finding[];
  /** Findings an active exception suppresses, kept with that exception. */
  suppressed: SuppressedFinding[];
  /** Every exception with its status today: the exception register. */
  exceptions: ExceptionReport[];
  today: string;
  /** Set when the run compared itself with a base revision (`--base`). */
  baseline?: Baseline;
  /** With a base revision: what the checked change does to the policy in force. */
  policyChanges?: PolicyChanges;
  /** Agent files the check did not cover, and why. */
  coverage?: Coverage;
  postures: AgentPosture[];
  files: CheckedFile[];
  rules: readonly RuleMeta[];
  policy: ResolvedPolicy;
}

/** How a check ends: what counts, whether it fails, and the check-run conclusion. */
export interface Outcome {
  mode: 'check' | 'review';
  /** Findings that count against `failOn`: with a base, only new and updated ones (those the change introduces). */
  counted: Finding[];
  /** Findings that do not count: with a base, the unchanged ones. */
  existing: number;
  /** How many counted findings reach `failOn` (none in a review; never one below the policy's minimum confidence). */
  failing: number;
  /** Whether the counted findings reach `failOn` (in a check; a review fails on its exceptions). */
  countedFail: boolean;
  failed: boolean;
  conclusion: 'success' | 'failure' | 'neutral';
  failOn: Level | 'never';
  /** Why the check fails beyond its findings (an invalid changed policy), for the one-line result. */
  reasons: string[];
}

/** How many, by key (a rule id, an agent): most first, then by key. */
export interface Tally {
  key: string;
  count: number;
}

/** The counts every output shows, of the findings no exception suppresses. */
export interface Counts {
  findings: number;
  byLevel: Record<Level, number>;
  /** Findings shown as notices because their confidence is below the policy's `guidance-min-confidence`. */
  belowMinConfidence: number;
  byRule: Tally[];
  byAgent: Tally[];
  suppressed: number;
  /** Agent files checked. */
  files: number;
  /** With a base: findings and suppressed findings by their state. */
  states?: Record<BaselineState, number>;
}

/** The exception register's state, for outputs and for the review's result. */
export interface ExceptionNotes {
  /** Exceptions not active today (expiring, expired, unused, orphaned, invalid), in the policy's order. */
  stale: ExceptionReport[];
  /** How many are expired or invalid. */
  broken: number;
  /** Whether the register fails a review: an exception is expired or invalid. */
  reviewFails: boolean;
  /** The findings about exceptions themselves (the register's own, as a review publishes them). */
  findings: Finding[];
}

/** Everything an output shows: the lint result and what the engine decided and counted from it. */
export interface CheckResult extends LintResult {
  outcome: Outcome;
  counts: Counts;
  exceptionNotes: ExceptionNotes;
  /** Sentences on what the reading of the repository did not cover. */
  coverageNotes: string[];
  /** Sentences on what the check left out on purpose: the folder checked, paths ignored. */
  scopeNotes: string[];
  /** Set when the base could not be read and the embedded strict policy applied instead (opted in). */
  baseUnavailable?: string;
}
