import { formatKeyPath, type Finding } from '../core/types.js';
import type { BaselineState, CheckResult, LintResult } from '../engine/result.js';
import type { ExceptionReport } from '../exceptions/evaluate.js';
import type { ResolvedException } from '../policy/load.js';
import { ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { redactSecrets } from '../secrets/redact.js';

/** Free text a policy holds (reason, match, owner, …) can carry a credential: masked like finding text. */
const masked = (text: string | undefined): string | null => (text === undefined ? null : redactSecrets(text));

export interface JsonFindingV1 {
  ruleId: string;
  level: 'error' | 'warning' | 'notice';
  message: string;
  path: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  agent: string;
  keyPath: string;
  evidence: string;
  fingerprint: string;
  /** How certain the finding is: `high` for config facts, possibly lower for readings of guidance text. */
  confidence: 'high' | 'medium' | 'low';
  /**
   * The level the policy gives the rule, when the finding's confidence is below `settings.guidance-min-confidence`:
   * `level` is then `notice` and the finding does not count against `fail-on`. Null otherwise.
   */
  configuredLevel: 'error' | 'warning' | 'notice' | null;
  /** The exception that suppresses the finding, or null when it counts. */
  suppression: { exceptionId: string; reason: string | null; owner: string | null } | null;
  /** With --base: new, unchanged or updated; otherwise null. */
  baselineState: BaselineState | null;
  /** The rule's documentation page. */
  docs: string;
  /** How to fix a finding of the rule. */
  fix: string;
}

export interface JsonExceptionV1 {
  id: string;
  rule: string;
  paths: string[];
  match: string | null;
  owner: string | null;
  reason: string | null;
  approvedBy: string | null;
  incident: string | null;
  expires: string | null;
  daysLeft: number | null;
  status: string;
  detail: string;
  policyFile: string;
  line: number;
  column: number;
  /** Fingerprints of the findings it suppresses now. */
  suppresses: string[];
}

/**
 * The public JSON report, version 1 (docs/json-output.md). Built field by field from the result, so
 * internal types can change without changing what users parse.
 */
export interface JsonReportV1 {
  schemaVersion: 1;
  tool: { name: string; version: string };
  today: string;
  policy: { source: string; embedded: boolean; chain: string[]; guidanceMinConfidence: string };
  summary: {
    files: number;
    findings: number;
    errors: number;
    warnings: number;
    notices: number;
    /** Notices whose confidence is below `settings.guidance-min-confidence` (they never fail the check). */
    belowMinConfidence: number;
    suppressed: number;
    staleExceptions: number;
    failed: boolean;
    failOn: string;
  };
  baseline: {
    rev: string;
    available: boolean;
    new: number;
    updated: number;
    unchanged: number;
    exceptionChanges: { id: string; change: string; applied: boolean; policyFile: string; line: number }[];
  } | null;
  policyChanges: {
    rev: string;
    headInvalid: boolean;
    changes: {
      kind: string;
      weakens: boolean;
      file: string;
      line: number;
      column: number;
      message: string;
      exception: { id: string; change: string; applied: boolean; covers: string[] } | null;
    }[];
  } | null;
  files: { path: string; agent: string }[];
  /**
   * Tracked agent files not checked (with why), agent files git does not track, the folder checked (null: the
   * whole repository), paths a `.gitignore` excluded outside git, agent files the policy's `ignore` excluded,
   * policy files in folders below the top (never read).
   */
  coverage: {
    skipped: { path: string; reason: string }[];
    untracked: string[];
    scope: string | null;
    gitignored: string[];
    ignored: string[];
    nestedPolicies: string[];
  };
  findings: JsonFindingV1[];
  exceptions: JsonExceptionV1[];
}

function toJsonFinding(result: LintResult, f: Finding, by: ResolvedException | undefined): JsonFindingV1 {
  return {
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    path: f.file,
    line: f.location.start.line,
    column: f.location.start.column,
    endLine: f.location.end?.line ?? null,
    endColumn: f.location.end?.column ?? null,
    agent: f.agent,
    keyPath: formatKeyPath(f.keyPath),
    evidence: f.evidence,
    fingerprint: f.fingerprint,
    confidence: f.confidence,
    configuredLevel: f.configuredLevel ?? null,
    suppression: by ? { exceptionId: by.id, reason: masked(by.reason), owner: masked(by.owner) } : null,
    baselineState: result.baseline?.states.get(f.fingerprint) ?? null,
    docs: ruleDocsUrl(f.ruleId),
    fix: result.rules.find((r) => r.id === f.ruleId)?.fix ?? '',
  };
}

export function toJsonException(r: ExceptionReport): JsonExceptionV1 {
  const e = r.exception;
  return {
    id: e.id,
    rule: e.rule,
    paths: e.paths.map((p) => redactSecrets(p)),
    match: masked(e.match),
    owner: masked(e.owner),
    reason: masked(e.reason),
    approvedBy: masked(e['approved-by']),
    incident: masked(e.incident),
    expires: e.expires ?? null,
    daysLeft: r.daysLeft,
    status: r.status,
    detail: redactSecrets(r.detail),
    policyFile: e.file,
    line: e.position.line,
    column: e.position.column,
    suppresses: r.suppressed.map((f) => f.fingerprint),
  };
}

export function toJsonReport(result: CheckResult): JsonReportV1 {
  const { counts, outcome } = result;
  const findings = [
    ...result.findings.map((f) => toJsonFinding(result, f, undefined)),
    ...result.suppressed.map((s) => toJsonFinding(result, s.finding, s.exception)),
  ];
  findings.sort((a, b) =>
    a.path < b.path
      ? -1
      : a.path > b.path
        ? 1
        : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    today: result.today,
    policy: {
      source: result.policy.source.path,
      embedded: result.policy.source.kind === 'embedded',
      chain: result.policy.chain,
      guidanceMinConfidence: result.policy.settings['guidance-min-confidence'],
    },
    summary: {
      files: counts.files,
      findings: counts.findings,
      errors: counts.byLevel.error,
      warnings: counts.byLevel.warning,
      notices: counts.byLevel.notice,
      belowMinConfidence: counts.belowMinConfidence,
      suppressed: counts.suppressed,
      staleExceptions: result.exceptionNotes.stale.length,
      failed: outcome.failed,
      failOn: outcome.failOn,
    },
    baseline: result.baseline
      ? {
          rev: result.baseline.rev,
          available: result.baseline.available,
          new: counts.states?.new ?? 0,
          updated: counts.states?.updated ?? 0,
          unchanged: counts.states?.unchanged ?? 0,
          exceptionChanges: result.baseline.exceptionChanges.map((c) => ({
            id: c.exception.id,
            change: c.change,
            applied: c.applied,
            policyFile: c.exception.file,
            line: c.exception.position.line,
          })),
        }
      : null,
    policyChanges: result.policyChanges
      ? {
          rev: result.policyChanges.rev,
          headInvalid: result.policyChanges.headInvalid,
          changes: result.policyChanges.changes.map((c) => ({
            kind: c.kind,
            weakens: c.weakens,
            file: c.file,
            line: c.position.line,
            column: c.position.column,
            message: c.message,
            exception: c.exception ?? null,
          })),
        }
      : null,
    files: result.files.map((f) => ({ path: f.path, agent: f.agent })),
    coverage: {
      skipped: result.coverage?.skipped ?? [],
      untracked: result.coverage?.untracked ?? [],
      scope: result.coverage?.scope ?? null,
      gitignored: result.coverage?.gitignored ?? [],
      ignored: result.coverage?.ignored ?? [],
      nestedPolicies: result.coverage?.nestedPolicies ?? [],
    },
    findings,
    exceptions: result.exceptions.map(toJsonException),
  };
}

export const renderJson = (result: CheckResult): string => `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
