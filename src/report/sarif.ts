import type { Fix as SarifFix, Log, PhysicalLocation, ReportingDescriptor, Result } from 'sarif';
import type { Fix, Span } from '../core/types.js';
import type { CheckResult, LintResult } from '../engine/result.js';
import { TOOL_NAME, TOOL_VERSION, REPO_URL, ruleDocsUrl } from '../meta.js';
import { SARIF_LEVEL } from './levels.js';
import { describePolicy } from './policy-note.js';
import { redactSecrets } from '../secrets/redact.js';

/** Percent-encodes a repo-relative path for a SARIF `uri`, keeping `/`. */
const toUri = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** A file and a span as SARIF places them. */
const physicalLocation = (file: string, location: Span): PhysicalLocation => ({
  artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' },
  region: {
    startLine: location.start.line,
    startColumn: location.start.column,
    ...(location.end && location.end.line >= location.start.line ? { endLine: location.end.line, endColumn: location.end.column } : {}),
  },
});

/**
 * The SARIF log: every finding, suppressed ones with their exception; with `scope: exceptions` only the
 * findings about exceptions themselves (the review's register).
 */
export function toSarif(result: CheckResult, scope: 'all' | 'exceptions' = 'all'): Log {
  const rules: ReportingDescriptor[] = result.rules.map((meta) => ({
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    helpUri: ruleDocsUrl(meta.id),
    help: {
      text: `${meta.description}\n\nFix: ${meta.fix}`,
      markdown: `**${meta.title}**\n\n${meta.description}\n\n**Fix:** ${meta.fix}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})`,
    },
    defaultConfiguration: { level: levelOf(result, meta.id) },
    // GitHub code scanning sorts alerts by a rule's precision (very-high, high, medium, low): a rule that judges
    // only what files state is exact; one that also reads guidance prose is at best as sure as a high reading.
    properties: { tags: ['security', 'ai-agents'], precision: meta.readsGuidance ? 'high' : 'very-high' },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const entries =
    scope === 'exceptions'
      ? result.exceptionNotes.findings.map((finding) => ({ finding, exception: undefined }))
      : [...result.findings.map((finding) => ({ finding, exception: undefined })), ...result.suppressed];
  entries.sort((a, b) => sortKey(a.finding).localeCompare(sortKey(b.finding)));
  const results: Result[] = entries.map(({ finding: f, exception }) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: SARIF_LEVEL[f.level],
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, f.location) }],
    // Other places that make the finding what it is (the script an allowed runner starts).
    ...(f.related && f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            physicalLocation: physicalLocation(r.file, r.location),
            message: { text: r.evidence },
          })),
        }
      : {}),
    partialFingerprints: { 'agentPolicyFinding/v1': f.fingerprint },
    ...(f.fix && !exception ? toSarifFixes(f.fix) : {}),
    ...(exception
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: redactSecrets(exception.reason ?? ''),
              properties: {
                exceptionId: exception.id,
                owner: exception.owner === undefined ? null : redactSecrets(exception.owner),
                expires: exception.expires ?? null,
              },
            },
          ],
        }
      : {}),
    ...(result.baseline ? { baselineState: result.baseline.states.get(f.fingerprint) ?? 'new' } : {}),
    properties: {
      agent: f.agent,
      evidence: f.evidence,
      precision: f.confidence,
      ...(f.configuredLevel ? { configuredLevel: f.configuredLevel } : {}),
    },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: REPO_URL, rules } },
        automationDetails: { id: `${TOOL_NAME}/` },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              { level: 'note', message: { text: redactSecrets(describePolicy(result.policy)) } },
              ...result.coverageNotes.map((note) => ({ level: 'warning' as const, message: { text: redactSecrets(note) } })),
              // What the checked change does to the policy in force, each where the change is.
              ...(result.policyChanges?.changes ?? []).map((c) => ({
                level: SARIF_LEVEL[c.level],
                message: { text: redactSecrets(c.message) },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: toUri(c.file), uriBaseId: '%SRCROOT%' },
                      region: { startLine: c.position.line, startColumn: c.position.column },
                    },
                  },
                ],
                properties: { policyChange: c.kind, weakens: c.weakens },
              })),
            ],
          },
        ],
      },
    ],
  };
}

/**
 * The finding's safe fix as SARIF `fixes`: each replacement a deleted region (empty where text is only inserted)
 * and the inserted text. A fix whose inserted text holds something credential-shaped is left out rather than masked.
 */
function toSarifFixes(fix: Fix): { fixes?: SarifFix[] } {
  if (fix.replacements.some((r) => redactSecrets(r.text) !== r.text)) return {};
  return {
    fixes: [
      {
        description: { text: fix.description },
        artifactChanges: [
          {
            artifactLocation: { uri: toUri(fix.file), uriBaseId: '%SRCROOT%' },
            replacements: fix.replacements.map((r) => ({
              deletedRegion: { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column },
              ...(r.text === '' ? {} : { insertedContent: { text: r.text } }),
            })),
          },
        ],
      },
    ],
  };
}

/** File, line, column, rule: the same order whatever the suppression. */
const sortKey = (f: { file: string; location: { start: { line: number; column: number } }; ruleId: string }): string =>
  `${f.file}\0${String(f.location.start.line).padStart(9, '0')}\0${String(f.location.start.column).padStart(9, '0')}\0${f.ruleId}`;

function levelOf(result: LintResult, id: string): 'error' | 'warning' | 'note' | 'none' {
  const level = result.policy.rules[id]?.level ?? 'error';
  return level === 'off' ? 'none' : SARIF_LEVEL[level];
}

export const renderSarif = (result: CheckResult, scope: 'all' | 'exceptions' = 'all'): string =>
  `${JSON.stringify(toSarif(result, scope), null, 2)}\n`;
