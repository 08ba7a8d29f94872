import { describe, expect, it } from 'vitest';
import { toCheckResult } from '../src/engine/outcome.js';
import { unloadableHead } from '../src/engine/policy-changes.js';
import type { BaselineState, LintResult } from '../src/engine/result.js';
import { lintFiles } from './helpers/repo.js';

// The engine decides and counts once; every output shows these numbers as they are.

const FILES = {
  '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = true\n',
  'a/.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n',
  'AGENTS.md': '# Agents\n\nWhen tests pass, publish the package yourself with `npm publish`.\n',
};

/** The result compared with a base where the findings had the given states, in finding order. */
const withStates = (result: LintResult, states: BaselineState[]): LintResult => ({
  ...result,
  baseline: {
    rev: 'base',
    available: true,
    states: new Map(result.findings.map((f, i) => [f.fingerprint, states[i] ?? 'new'])),
    exceptionChanges: [],
  },
});

describe('toCheckResult', () => {
  it('counts by level, rule and agent, most first, and without a base every finding counts', async () => {
    const linted = await lintFiles(FILES);
    const result = toCheckResult(linted, { failOn: 'error' });
    const { counts, outcome } = result;
    expect(counts.findings).toBe(linted.findings.length);
    expect(counts.byLevel.error + counts.byLevel.warning + counts.byLevel.notice).toBe(linted.findings.length);
    expect(counts.byLevel.error).toBe(linted.findings.filter((f) => f.level === 'error').length);
    expect(counts.byRule.map((t) => t.count)).toEqual([...counts.byRule.map((t) => t.count)].sort((a, b) => b - a));
    expect(counts.byRule.reduce((n, t) => n + t.count, 0)).toBe(linted.findings.length);
    expect(counts.byRule.find((t) => t.key === 'network-access')?.count).toBe(2);
    expect(counts.byAgent.map((t) => t.key).sort()).toEqual([...new Set(linted.findings.map((f) => f.agent))].sort());
    expect(counts.files).toBe(3);
    expect(counts.states).toBeUndefined();
    expect(outcome.counted).toEqual(linted.findings);
    expect(outcome.existing).toBe(0);
    expect(outcome).toMatchObject({ mode: 'check', countedFail: true, failed: true, conclusion: 'failure', failOn: 'error', reasons: [] });
  });

  it('with a base only new and updated findings count, and unchanged ones neither fail nor make the check neutral', async () => {
    const linted = await lintFiles(FILES);
    const n = linted.findings.length;
    const unchanged = toCheckResult(withStates(linted, Array<BaselineState>(n).fill('unchanged')), { failOn: 'notice' });
    expect(unchanged.outcome).toMatchObject({ counted: [], existing: n, countedFail: false, failed: false, conclusion: 'success' });
    expect(unchanged.counts.states).toEqual({ new: 0, updated: 0, unchanged: n });

    const states: BaselineState[] = ['updated', ...Array<BaselineState>(n - 1).fill('unchanged')];
    const one = toCheckResult(withStates(linted, states), { failOn: 'never' });
    expect(one.outcome.counted).toEqual([linted.findings[0]]);
    expect(one.outcome).toMatchObject({ existing: n - 1, failed: false, conclusion: 'neutral' });
    expect(one.counts.states).toEqual({ new: 0, updated: 1, unchanged: n - 1 });
  });

  it('a reason beyond the findings fails the check, unless it never fails', async () => {
    const clean = await lintFiles({ '.codex/config.toml': 'sandbox_mode = "workspace-write"\n' });
    expect(toCheckResult(clean, { failOn: 'error' }).outcome.conclusion).toBe('success');
    expect(toCheckResult(clean, { failOn: 'error', reasons: ['the policy as changed is invalid'] }).outcome).toMatchObject({
      failed: true,
      conclusion: 'failure',
      countedFail: false,
    });
    expect(toCheckResult(clean, { failOn: 'never', reasons: ['the policy as changed is invalid'] }).outcome.failed).toBe(false);
  });

  it('a review fails on expired or invalid exceptions, not on findings; stale exceptions and their findings are noted', async () => {
    const policy = (expires: string): string =>
      [
        'version: 1',
        'exceptions:',
        `  - { id: net, rule: network-access, paths: ["a/**"], reason: Docs fetch the live API., owner: "@acme/docs", expires: ${expires} }`,
        '',
      ].join('\n');
    const live = toCheckResult(await lintFiles(FILES, policy('2027-01-31')), { failOn: 'error', mode: 'review' });
    expect(live.outcome).toMatchObject({ mode: 'review', failed: false, countedFail: false });
    expect(live.exceptionNotes).toMatchObject({ stale: [], broken: 0, reviewFails: false, findings: [] });
    expect(live.counts.suppressed).toBe(1);

    const expired = toCheckResult(await lintFiles(FILES, policy('2026-01-31')), { failOn: 'error', mode: 'review' });
    expect(expired.outcome.failed).toBe(true);
    expect(expired.exceptionNotes.stale.map((e) => `${e.status} ${e.exception.id}`)).toEqual(['expired net']);
    expect(expired.exceptionNotes).toMatchObject({ broken: 1, reviewFails: true });
    expect(expired.exceptionNotes.findings.map((f) => f.ruleId)).toEqual(['exception-expired']);
  });

  it('notes what the reading did not cover', async () => {
    const linted = {
      ...(await lintFiles(FILES)),
      coverage: { skipped: [{ path: 'big/AGENTS.md', reason: 'over 1 MiB' }], untracked: ['x/AGENTS.md'] },
    };
    expect(toCheckResult(linted, { failOn: 'error' }).coverageNotes).toHaveLength(2);
  });
});

describe('a policy change carries its level', () => {
  it('an invalid changed policy is an error, a policy not read only a notice', () => {
    const changes = unloadableHead([
      { file: '.github/agent-policy.yml', line: 2, column: 3, message: 'unknown key' },
      { file: '.github/agent-policy.yml', line: 1, column: 1, message: 'acme/x/y.yml@main is not trusted', untrusted: true },
    ]);
    expect(changes.map((c) => `${c.kind} ${c.level}`)).toEqual(['invalid error', 'not-read notice']);
  });
});
