import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Confidence, Finding, Problem } from '../src/core/types.js';
import { sameRules } from '../src/engine/baseline.js';
import { toFindings } from '../src/engine/lint.js';
import { toCheckResult } from '../src/engine/outcome.js';
import { comparePolicies } from '../src/engine/policy-changes.js';
import type { LintResult } from '../src/engine/result.js';
import { applyExceptions } from '../src/exceptions/evaluate.js';
import { resolvePolicy, type ResolvedPolicy } from '../src/policy/load.js';
import { renderFailure } from '../src/report/conclusion.js';
import { toSarif } from '../src/report/sarif.js';
import { renderAll } from './helpers/outputs.js';
import { lintFiles, TODAY } from './helpers/repo.js';

// No rule reads guidance at less than high confidence yet, so these findings are built by hand: a config fact
// (always high) and readings of AGENTS.md at medium and low confidence.

const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

const policyOf = (yaml: string): Promise<ResolvedPolicy> =>
  resolvePolicy({ location: { kind: 'repo', path: '.github/agent-policy.yml' }, text: yaml }, () => Promise.resolve(undefined));

const problem = (line: number, ruleId: string, confidence?: Confidence): Problem => ({
  ruleId,
  file: line === 1 ? '.codex/config.toml' : 'AGENTS.md',
  agent: line === 1 ? 'codex' : 'agents-md',
  keyPath: [`line ${line}`],
  evidence: `statement on line ${line}`,
  anchor: { kind: 'span', span: { start: { line, column: 1 } } },
  message: `Finding on line ${line}.`,
  ...(confidence ? { confidence } : {}),
});

const PROBLEMS = [problem(1, 'sandbox-mode'), problem(3, 'publish-deploy', 'medium'), problem(5, 'network-access', 'low')];

/** The hand-built problems judged under a policy, as `lint` would return them. */
async function judged(policyYaml: string, problems: readonly Problem[] = PROBLEMS): Promise<LintResult> {
  const policy = await policyOf(policyYaml);
  const base = await lintFiles({}, policyYaml);
  const findings = toFindings(problems, policy, new Map());
  const outcome = applyExceptions(findings, policy, TODAY, () => true);
  return { ...base, findings: outcome.active, suppressed: outcome.suppressed, exceptions: outcome.reports };
}

const levels = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.location.start.line} ${f.level} ${f.confidence} ${f.configuredLevel ?? '-'}`);

describe('settings.guidance-min-confidence', () => {
  it('at high (the default), a medium or low reading is a notice that keeps its rule level and fails nothing', async () => {
    const result = await judged('version: 1\n');
    expect(levels(result.findings)).toEqual(['1 error high -', '3 notice medium error', '5 notice low error']);
    const onlyReadings = { ...result, findings: result.findings.slice(1) };
    const checked = toCheckResult(onlyReadings, { failOn: 'notice' });
    expect(checked.outcome).toMatchObject({ failing: 0, countedFail: false, failed: false, conclusion: 'neutral' });
    expect(checked.counts).toMatchObject({ belowMinConfidence: 2, byLevel: { error: 0, warning: 0, notice: 2 } });
    // The config fact still fails, and the failure line counts only what fails.
    const all = toCheckResult(result, { failOn: 'notice' });
    expect(all.outcome).toMatchObject({ failing: 1, failed: true });
    expect(renderFailure(all)).toBe('agent-policy: 1 finding at or above "notice".');
  });

  it('at medium, a medium reading has its rule level and fails; a low one stays a notice', async () => {
    const result = await judged('settings:\n  guidance-min-confidence: medium\nrules:\n  network-access: { level: warning }\n');
    expect(levels(result.findings)).toEqual(['1 error high -', '3 error medium -', '5 notice low warning']);
    const readings = toCheckResult({ ...result, findings: result.findings.slice(1) }, { failOn: 'error' });
    expect(readings.outcome).toMatchObject({ failing: 1, failed: true, conclusion: 'failure' });
    expect(renderFailure(readings)).toBe('agent-policy: 1 finding at or above "error".');
  });

  it('at low, every reading has its rule level', async () => {
    const result = await judged('settings:\n  guidance-min-confidence: low\n');
    expect(levels(result.findings)).toEqual(['1 error high -', '3 error medium -', '5 error low -']);
  });

  it('an exception suppresses a reading below the minimum as any other finding, and is used by it', async () => {
    const result = await judged(
      'exceptions:\n  - { id: docs, rule: publish-deploy, paths: [AGENTS.md], reason: Release notes., owner: "@acme/docs", expires: 2027-01-31 }\n',
    );
    expect(result.suppressed.map((s) => `${s.exception.id} ${s.finding.level} ${s.finding.configuredLevel ?? '-'}`)).toEqual([
      'docs notice error',
    ]);
    expect(result.exceptions.map((e) => e.status)).toEqual(['active']);
  });

  it('a change that raises the minimum loosens the policy', async () => {
    const base = await policyOf('settings:\n  guidance-min-confidence: medium\n');
    const head = await policyOf('settings:\n  guidance-min-confidence: high\n');
    const raised = comparePolicies({ rev: 'main', base, head, active: [], applied: false });
    expect(raised.map((c) => `${c.kind} ${c.weakens} ${c.message}`)).toEqual([
      'setting true settings.guidance-min-confidence is high here and medium at main.',
    ]);
    const lowered = comparePolicies({ rev: 'main', base: head, head: base, active: [], applied: false });
    expect(lowered.map((c) => c.weakens)).toEqual([false]);
    // Findings depend on it, so the base check may not take the head's findings across a different minimum.
    expect(sameRules(base, head)).toBe(false);
    expect(sameRules(base, await policyOf('settings:\n  guidance-min-confidence: medium\n'))).toBe(true);
  });
});

describe('every output shows confidence', () => {
  it('says it only for readings below high, with the rule level when below the minimum', async () => {
    const outputs = renderAll(await judged('version: 1\n'));
    const below = 'medium confidence; level error when settings.guidance-min-confidence is medium';
    expect(outputs.text).toContain(`3:1  notice   Finding on line 3. (${below})  publish-deploy`);
    expect(outputs.text).toContain('1:1  error    Finding on line 1.  sandbox-mode\n');
    expect(outputs.text).toContain(
      '\n2 notices are readings below settings.guidance-min-confidence: high, shown but never failing the check.\n',
    );
    expect(outputs.summary).toContain(
      '\n2 notices are readings below settings.guidance-min-confidence: high, shown but never failing the check.\n',
    );
    expect(outputs['text-color']).toContain(`\u001b[2m(${below})\u001b[0m`);
    expect(outputs.summary).toContain(`| notice | publish-deploy | \`AGENTS.md\` | 3:1 | Finding on line 3. _(${below})_ |`);
    expect(outputs['pr-comment']).toContain(`| notice | publish-deploy | \`AGENTS.md:3\` | Finding on line 3. _(${below})_ |`);
    expect(outputs.github).toContain(
      '::notice file=AGENTS.md,line=3,col=1,title=agent-policy publish-deploy (medium confidence; level error when settings.guidance-min-confidence is medium)::Finding on line 3.',
    );
    expect(outputs.github).toMatch(/title=agent-policy sandbox-mode::/);
    const annotations = JSON.parse(outputs['check-annotations']!) as { annotations: { title: string; annotation_level: string }[] };
    expect(annotations.annotations.map((a) => `${a.annotation_level} ${a.title}`)).toEqual([
      'failure agent-policy sandbox-mode',
      `notice agent-policy publish-deploy (${below})`,
      'notice agent-policy network-access (low confidence; level error when settings.guidance-min-confidence is low)',
    ]);

    const json = JSON.parse(outputs.json!) as {
      policy: { guidanceMinConfidence: string };
      summary: { belowMinConfidence: number };
      findings: Record<string, unknown>[];
    };
    expect(json.policy.guidanceMinConfidence).toBe('high');
    expect(json.summary.belowMinConfidence).toBe(2);
    expect(json.findings.map((f) => [f.line, f.level, f.confidence, f.configuredLevel])).toEqual([
      [1, 'error', 'high', null],
      [3, 'notice', 'medium', 'error'],
      [5, 'notice', 'low', 'error'],
    ]);

    const at = await judged('settings:\n  guidance-min-confidence: medium\n');
    expect(renderAll(at).text).toContain('3:1  error    Finding on line 3. (medium confidence)  publish-deploy');
  });

  it('SARIF: precision on every result and every rule, and the log validates', async () => {
    const log = toSarif(toCheckResult(await judged('version: 1\n'), { failOn: 'error' }));
    const run = log.runs[0]!;
    expect(run.results!.map((r) => [r.level, r.properties?.precision, r.properties?.configuredLevel])).toEqual([
      ['error', 'high', undefined],
      ['note', 'medium', 'error'],
      ['note', 'low', 'error'],
    ]);
    const precision = Object.fromEntries(run.tool.driver.rules!.map((r) => [r.id, r.properties?.precision]));
    expect(precision).toMatchObject({
      'publish-deploy': 'high',
      'sandbox-mode': 'high',
      'hidden-text': 'very-high',
      'config-unparseable': 'very-high',
    });
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });
});
