import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyExceptions } from '../src/exceptions/evaluate.js';
import { cli, lintFiles, makeRepo, TODAY } from './helpers/repo.js';

const C = '.codex/config.toml';
const NET = '[sandbox_workspace_write]\nnetwork_access = true\n';
const FULL = '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';

/** An exception entry in policy YAML. */
function ex(fields: Record<string, string | string[] | undefined>): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${Array.isArray(v) ? JSON.stringify(v) : String(v)}`);
  return `${lines.join('\n')}\n`;
}
const base = { rule: 'network-access', paths: ['.codex/config.toml'], reason: 'Docs fetch the live API.', owner: '"@acme/docs"' };

describe('the done-when repository', () => {
  const policy = [
    'version: 1',
    'exceptions:',
    ex({ id: 'active-net', ...base, expires: '2027-01-31' }),
    ex({ id: 'expired-full', ...base, rule: 'sandbox-mode', expires: '2026-10-01' }),
    ex({ id: 'orphaned-old', ...base, paths: ['old/.codex/config.toml'], expires: '2027-01-31' }),
    ex({ id: 'unused-outside', ...base, rule: 'outside-writes', expires: '2027-01-31' }),
    ex({ id: 'invalid-no-owner', ...base, owner: undefined, expires: '2027-01-31' }),
  ].join('\n');
  const dir = makeRepo({ [C]: NET + FULL, '.github/agent-policy.yml': policy });
  const lineOf = (id: string): number => policy.split('\n').findIndex((l) => l.includes(`id: ${id}`)) + 1;

  it('reports exactly the four problems at their id: lines, suppresses through the active one only, brings back the expired one, exits 1', async () => {
    const run = await cli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const active = report.findings.filter((f: { suppression: unknown }) => f.suppression === null);
    expect(
      active
        .filter((f: { path: string }) => f.path === '.github/agent-policy.yml')
        .map((f: { line: number; ruleId: string }) => `${f.line}:${f.ruleId}`),
    ).toEqual([
      `${lineOf('expired-full')}:exception-expired`,
      `${lineOf('orphaned-old')}:exception-orphaned`,
      `${lineOf('unused-outside')}:exception-unused`,
      `${lineOf('invalid-no-owner')}:exception-invalid`,
    ]);
    expect(
      active.filter((f: { path: string }) => f.path === C).map((f: { ruleId: string; line: number }) => `${f.line}:${f.ruleId}`),
    ).toEqual(['4:sandbox-mode']);
    const suppressed = report.findings.filter((f: { suppression: unknown }) => f.suppression !== null);
    expect(
      suppressed.map((f: { ruleId: string; suppression: { exceptionId: string } }) => `${f.ruleId}:${f.suppression.exceptionId}`),
    ).toEqual(['network-access:active-net']);
    expect(report.summary).toMatchObject({ findings: 5, suppressed: 1, staleExceptions: 4 });
  });

  it('text output lists suppressed findings under their own heading with the exception id', async () => {
    const out = (await cli(['check', dir])).stdout;
    expect(out).toContain(
      'Suppressed by exceptions (1):\n  .codex/config.toml:2:18  network_access = true opens network access to every command the agent runs.  network-access  [active-net]',
    );
    expect(out).toContain(`.github/agent-policy.yml\n  ${lineOf('expired-full')}:5`);
  });

  it('SARIF carries the suppression with the exception id and reason', async () => {
    const log = JSON.parse((await cli(['check', dir, '--format', 'sarif'])).stdout);
    const result = log.runs[0].results.find((r: { suppressions?: unknown }) => r.suppressions);
    expect(result.ruleId).toBe('network-access');
    expect(result.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Docs fetch the live API.',
        properties: { exceptionId: 'active-net', owner: '@acme/docs', expires: '2027-01-31' },
      },
    ]);
  });

  it('review lists the register and exits 1', async () => {
    const run = await cli(['review', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Exception register \(2026-11-22\)/);
    expect(run.stdout).toMatch(/invalid\s+invalid-no-owner\s+network-access\s+—\s+2027-01-31\s+70\s+0/);
    expect(run.stdout).toMatch(/expired\s+expired-full\s+sandbox-mode\s+@acme\/docs\s+2026-10-01\s+52 ago\s+0/);
    expect(run.stdout).toMatch(/active\s+active-net\s+network-access\s+@acme\/docs\s+2027-01-31\s+70\s+1/);
    const json = JSON.parse((await cli(['review', dir, '--format', 'json'])).stdout);
    expect(json.exceptions.map((e: { id: string; status: string }) => `${e.id}:${e.status}`)).toEqual([
      'invalid-no-owner:invalid',
      'expired-full:expired',
      'orphaned-old:orphaned',
      'unused-outside:unused',
      'active-net:active',
    ]);
    const md = (await cli(['review', dir, '--format', 'markdown'])).stdout;
    expect(md).toContain('## Agent policy exception review (2026-11-22)');
    expect(md).toContain('| ⛔ | expired | [`expired-full`](.github/agent-policy.yml#L');
    expect(md).toContain('(@acme/docs)');
    const sarif = JSON.parse((await cli(['review', dir, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      'exception-expired',
      'exception-invalid',
      'exception-orphaned',
      'exception-unused',
    ]);
  });
});

describe('stale kinds with a fixed clock', () => {
  const statusOf = async (
    fields: Record<string, string | string[] | undefined>,
    files: Record<string, string> = { [C]: NET },
    extra = '',
  ): Promise<string[]> => {
    const result = await lintFiles(files, `${extra}exceptions:\n${ex({ id: 'x', ...base, ...fields })}`);
    return result.exceptions.map((e) => `${e.status}: ${e.detail}`);
  };

  it('bare and quoted dates are the same date; expires is inclusive', async () => {
    expect((await statusOf({ expires: TODAY }))[0]).toMatch(/^expiring: .*in 0 days/);
    expect((await statusOf({ expires: `"${TODAY}"` }))[0]).toMatch(/^expiring:/);
    expect((await statusOf({ expires: "'2026-11-21'" }))[0]).toMatch(
      /^expired: Exception "x" expired on 2026-11-21 \(1 day ago\).*1 finding is reported again/,
    );
  });

  it('expiring within expiry-warning-days, active beyond', async () => {
    expect((await statusOf({ expires: '2026-12-06' }))[0]).toMatch(/^expiring: .*in 14 days/);
    expect((await statusOf({ expires: '2026-12-07' }))[0]).toMatch(/^active: Exception "x" suppresses 1 finding until 2026-12-07/);
    expect((await statusOf({ expires: '2026-12-30' }, { [C]: NET }, 'settings:\n  expiry-warning-days: 60\n'))[0]).toMatch(/^expiring:/);
  });

  it('unused when nothing matches; match narrows by key path or evidence', async () => {
    expect((await statusOf({ expires: '2027-01-31', match: 'web_search' }))[0]).toMatch(/^unused:/);
    expect((await statusOf({ expires: '2027-01-31', match: 'sandbox_workspace_write.network_access' }))[0]).toMatch(/^active:/);
    expect((await statusOf({ expires: '2027-01-31', match: '"network_access = true"' }))[0]).toMatch(/^active:/);
  });

  it('orphaned when its paths match no committed file, even other files count', async () => {
    expect((await statusOf({ expires: '2027-01-31', paths: ['gone/**'] }))[0]).toMatch(/^orphaned: .*gone\/\*\*/);
    const result = await lintFiles({ [C]: NET }, `exceptions:\n${ex({ id: 'x', ...base, paths: ['docs/**'], expires: '2027-01-31' })}`, [
      C,
      'docs/readme.md',
    ]);
    expect(result.exceptions[0]!.status).toBe('unused');
  });

  const invalid: [string, Record<string, string | string[] | undefined>, RegExp, string?][] = [
    ['missing reason', { reason: undefined, expires: '2027-01-31' }, /no reason/],
    ['missing owner and expires', { owner: undefined }, /no owner, no expires/],
    ['unknown rule', { rule: 'network', expires: '2027-01-31' }, /"network" is not a rule/],
    ['an exception rule', { rule: 'exception-unused', expires: '2027-01-31' }, /cannot be excepted/],
    ['expiry beyond max-exception-days', { expires: '2027-06-01' }, /expires in 191 days, beyond the 180 days/],
    ['its rule turned off', { expires: '2027-01-31' }, /turned off/, 'rules:\n  network-access: { level: off }\n'],
  ];
  for (const [name, fields, message, extra] of invalid) {
    it(`invalid: ${name}; it suppresses nothing`, async () => {
      const result = await lintFiles({ [C]: NET }, `${extra ?? ''}exceptions:\n${ex({ id: 'x', ...base, ...fields })}`);
      expect(result.exceptions[0]!.status).toBe('invalid');
      expect(result.exceptions[0]!.detail).toMatch(message);
      expect(result.suppressed).toEqual([]);
      expect(result.findings.find((f) => f.ruleId === 'exception-invalid')!.location.start).toEqual({ line: extra ? 4 : 2, column: 5 });
    });
  }

  it('invalid: a duplicate id, both reported', async () => {
    const result = await lintFiles(
      { [C]: NET },
      `exceptions:\n${ex({ id: 'x', ...base, expires: '2027-01-31' })}${ex({ id: 'x', ...base, expires: '2027-01-30' })}`,
    );
    expect(result.findings.filter((f) => f.ruleId === 'exception-invalid').map((f) => f.location.start.line)).toEqual([2, 8]);
  });

  it('each status is reported under its rule id, at its default level, at the id: key', async () => {
    const policy = `exceptions:\n${ex({ id: 'soon', ...base, expires: '2026-11-30' })}${ex({ id: 'gone', ...base, rule: 'sandbox-mode', expires: '2026-01-01' })}${ex({ id: 'idle', ...base, rule: 'outside-writes', expires: '2027-01-01' })}${ex({ id: 'lost', ...base, paths: ['x/**'], expires: '2027-01-01' })}${ex({ id: 'bad', ...base, reason: undefined, expires: '2027-01-01' })}`;
    const result = await lintFiles({ [C]: NET }, policy);
    expect(
      result.findings
        .filter((f) => f.agent === 'policy')
        .map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}:${f.level}`),
    ).toEqual([
      '2:5:exception-expiring:notice',
      '8:5:exception-expired:error',
      '14:5:exception-unused:warning',
      '20:5:exception-orphaned:warning',
      '26:5:exception-invalid:error',
    ]);
  });

  it('applyExceptions is pure: same inputs, same outcome', async () => {
    const result = await lintFiles({ [C]: NET }, `exceptions:\n${ex({ id: 'x', ...base, expires: '2027-01-31' })}`);
    const again = applyExceptions(
      result.suppressed.map((s) => s.finding),
      result.policy,
      TODAY,
      (test) => test(C),
    );
    expect(again.reports.map((r) => r.status)).toEqual(['active']);
  });
});

describe('review options', () => {
  it('--within widens the expiring window; exit 0 when nothing is expired or invalid', async () => {
    const dir = makeRepo({ [C]: NET, '.agent-policy.yml': `exceptions:\n${ex({ id: 'x', ...base, expires: '2027-01-31' })}` });
    expect((await cli(['review', dir, '--format', 'json'])).stdout).toContain('"status": "active"');
    const wide = await cli(['review', dir, '--format', 'json', '--within', '90']);
    expect(wide.code).toBe(0);
    expect(JSON.parse(wide.stdout).exceptions[0].status).toBe('expiring');
    expect((await cli(['review', dir, '--within', 'soon'])).code).toBe(2);
    expect((await cli(['review', dir, '--fail-on', 'error'])).code).toBe(2);
  });

  it('a repository without exceptions says so', async () => {
    expect((await cli(['review', makeRepo({ [C]: NET })])).stdout).toBe('No exceptions are declared in default.\n');
  });
});

describe('--base', () => {
  const git = (dir: string, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    });
  const commit = (dir: string, files: Record<string, string>): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'change');
  };

  it('a branch that only edits a README next to an existing violation exits 0 and marks it unchanged', async () => {
    const dir = makeRepo({ [C]: FULL, 'README.md': 'one' });
    commit(dir, { 'README.md': 'two' });
    const run = await cli(['check', dir, '--base', 'HEAD~1', '--format', 'sarif']);
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout).runs[0].results;
    expect(results.map((r: { ruleId: string; baselineState: string }) => `${r.ruleId}:${r.baselineState}`)).toEqual([
      'sandbox-mode:unchanged',
    ]);
    expect((await cli(['check', dir, '--base', 'HEAD~1'])).stdout).toContain('Compared with HEAD~1: 0 new, 0 updated, 1 unchanged.');
  });

  it('a branch that adds a violation exits 1 and marks it new; a changed one is updated', async () => {
    const dir = makeRepo({ [C]: FULL });
    commit(dir, {
      [C]: `${FULL}[sandbox_workspace_write]\nnetwork_access = true\n`,
      '.codex/rules/r.rules': 'prefix_rule(pattern = ["git", "push"])\n',
    });
    const run = await cli(['check', dir, '--base', 'HEAD~1', '--format', 'json']);
    expect(run.code).toBe(1);
    const states = JSON.parse(run.stdout).findings.map((f: { ruleId: string; baselineState: string }) => `${f.ruleId}:${f.baselineState}`);
    expect(states.sort()).toEqual(['network-access:new', 'publish-deploy:new', 'sandbox-mode:unchanged']);
    const dir2 = makeRepo({ [C]: FULL });
    commit(dir2, { [C]: '[profiles.yolo]\nsandbox_mode = "danger-full-access"\napproval_policy = "never"\n' });
    const out = JSON.parse((await cli(['check', dir2, '--base', 'HEAD~1', '--format', 'json'])).stdout);
    // The same full-access finding now also says that nothing reaches a human: updated.
    expect(out.findings.map((f: { ruleId: string; baselineState: string }) => `${f.ruleId}:${f.baselineState}`)).toEqual([
      'sandbox-mode:updated',
    ]);
  });

  it('lists exceptions added or changed since the base; they apply once merged, not to the change that brings them', async () => {
    const policy = (expires: string): string => `exceptions:\n${ex({ id: 'keep', ...base, expires })}`;
    const dir = makeRepo({ [C]: NET, '.agent-policy.yml': policy('2027-01-31') });
    commit(dir, {
      '.agent-policy.yml': `${policy('2027-02-28')}${ex({ id: 'fresh', ...base, rule: 'sandbox-mode', expires: '2027-01-31' })}`,
      [C]: NET + FULL,
    });
    const run = await cli(['check', dir, '--base', 'HEAD~1', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.baseline.exceptionChanges).toEqual([
      { id: 'keep', change: 'changed', applied: false, policyFile: '.agent-policy.yml', line: 2 },
      { id: 'fresh', change: 'added', applied: false, policyFile: '.agent-policy.yml', line: 8 },
    ]);
    // The finding the new exception would suppress is new and counts: an exception takes effect once it is merged.
    const fresh = report.policyChanges.changes.find((c: { exception: { id: string } | null }) => c.exception?.id === 'fresh');
    expect(fresh).toMatchObject({ kind: 'exception', weakens: true, line: 8, exception: { change: 'added', applied: false } });
    expect(fresh.exception.covers).toHaveLength(1);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'sandbox-mode')).toMatchObject({
      baselineState: 'new',
      suppression: null,
    });
    expect(run.code).toBe(1);
    expect((await cli(['check', dir, '--base', 'HEAD~1'])).stdout).toContain(
      '.agent-policy.yml:8:5  Exception "fresh" (sandbox-mode) is added since HEAD~1: it does not apply to this check and 1 finding it covers still count',
    );
  });

  it("reads agent files and the policy at the base from git objects, not the work tree; the policy in force is the base's", async () => {
    const dir = makeRepo({ [C]: FULL, '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: warning }\n' });
    commit(dir, { '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: error }\n' });
    const run = await cli(['check', dir, '--base', 'HEAD~1', '--format', 'json']);
    // The change raises the level: it is reported, and applies once merged; the finding is judged as at the base.
    const report = JSON.parse(run.stdout);
    expect(report.findings[0]).toMatchObject({ level: 'warning', baselineState: 'unchanged' });
    expect(report.policyChanges.changes).toEqual([
      {
        kind: 'rule',
        weakens: false,
        file: '.agent-policy.yml',
        line: 2,
        column: 19,
        message: 'rules.sandbox-mode.level is "error" here and "warning" at HEAD~1.',
        exception: null,
      },
    ]);
    expect(run.code).toBe(0);
  });

  it('the files at the base are exactly those of its tree: added, deleted, modified, retyped, staged or not, from a subfolder too (repository-relative, that folder only)', async () => {
    const { loadRepositoryAt } = await import('../src/io/repository.js');
    const dir = makeRepo({
      'a/AGENTS.md': 'Deploy it.\n',
      'pkg/b/.codex/config.toml': FULL,
      'pkg/c/CLAUDE.md': 'Old.\n',
      'pkg/docs/x.md': 'Linked.\n',
      'pkg/e/GEMINI.md': 'Kept.\n',
    });
    const baseSha = git(dir, 'rev-parse', 'HEAD').trim();
    rmSync(join(dir, 'a/AGENTS.md'));
    rmSync(join(dir, 'pkg/c/CLAUDE.md'));
    symlinkSync('../docs/x.md', join(dir, 'pkg/c/CLAUDE.md'));
    commit(dir, { 'pkg/b/.codex/config.toml': NET, 'pkg/d/AGENTS.md': 'New.\n' });
    // Staged, and unstaged, changes after the last commit change nothing at the base.
    writeFileSync(join(dir, 'pkg/e/GEMINI.md'), 'Staged.\n');
    git(dir, 'add', 'pkg/e/GEMINI.md');
    writeFileSync(join(dir, 'pkg/e/GEMINI.md'), 'Unstaged.\n');
    writeFileSync(join(dir, 'pkg/f.md'), 'untracked');
    git(dir, 'add', '-N', 'pkg/f.md');
    const truth = (root: string, prefix: string): string[] =>
      git(root, 'ls-tree', '-r', '--name-only', baseSha)
        .split('\n')
        .filter((p) => p.startsWith(prefix) && /(?:AGENTS|CLAUDE|GEMINI)\.md$|config\.toml$/.test(p))
        .map((p) => `${p}=${git(dir, 'show', `${baseSha}:${p}`)}`)
        .sort();
    for (const [root, prefix] of [
      [dir, ''],
      [join(dir, 'pkg'), 'pkg/'],
    ] as const) {
      const at = loadRepositoryAt(root, baseSha);
      expect(at.ok).toBe(true);
      if (!at.ok) continue;
      expect(
        at.files
          .read(at.files.paths)
          .files.map((f) => `${f.path}=${f.text}`)
          .sort(),
      ).toEqual(truth(dir, prefix));
      expect(at.files.committedFiles()).toContain('pkg/docs/x.md');
    }
  });

  it('a bare repository has no index to compare with: its base is read from the whole tree', async () => {
    const { loadRepositoryAt } = await import('../src/io/repository.js');
    const dir = makeRepo({ [C]: FULL, 'docs/README.md': 'x' });
    // Outside any work tree: a bare repository inside one is never taken for the repository (test/git-safety).
    const bare = join(makeRepo({}, { git: false }), 'bare.git');
    git(dir, 'clone', '-q', '--bare', dir, bare);
    const at = loadRepositoryAt(bare, 'HEAD');
    expect(at.ok && at.files.read(at.files.paths).files.map((f) => f.path)).toEqual([C]);
    const run = await cli(['check', bare, '--base', 'HEAD', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).baseline).toMatchObject({ available: true });
  });

  it('a revision missing from the clone is said in one line, and nothing is checked: the policy in force there is unknown', async () => {
    const dir = makeRepo({ [C]: FULL });
    const run = await cli(['check', dir, '--base', 'deadbeef', '--format', 'json']);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('base revision "deadbeef" is not in this clone');
    expect(run.stderr).toContain('nothing was checked');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
