import { formatKeyPath } from '../core/types.js';
import type { LintResult } from '../engine/lint.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';

/**
 * The public JSON report, version 1 (docs/json-output.md). Built field by field from the result, so
 * internal types can change without changing what users parse.
 */
export interface JsonReportV1 {
  schemaVersion: 1;
  tool: { name: string; version: string };
  policy: { source: string; embedded: boolean; chain: string[] };
  summary: { files: number; findings: number; errors: number; warnings: number; notices: number; failed: boolean; failOn: string };
  files: { path: string; agent: string }[];
  findings: {
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
  }[];
}

export function toJsonReport(result: LintResult, failOn: string, failed: boolean): JsonReportV1 {
  const count = (level: string): number => result.findings.filter((f) => f.level === level).length;
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    policy: { source: result.policy.source.path, embedded: result.policy.source.kind === 'embedded', chain: result.policy.chain },
    summary: {
      files: result.files.length,
      findings: result.findings.length,
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      failed,
      failOn,
    },
    files: result.files.map((f) => ({ path: f.path, agent: f.agent })),
    findings: result.findings.map((f) => ({
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
    })),
  };
}

export const renderJson = (result: LintResult, failOn: string, failed: boolean): string => `${JSON.stringify(toJsonReport(result, failOn, failed), null, 2)}\n`;
