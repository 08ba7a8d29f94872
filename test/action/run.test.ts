import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf } from '../helpers/github.js';
import { makeRepo } from '../helpers/repo.js';
import { API, prPayload, prRepo, runAction } from './harness.js';

const FULL = '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';
const PUBLISH = '# Agents\n\nRun the tests.\n\nWhen all tests pass, publish the package yourself with `npm publish`.\n';

/** Records every check-run request body; the scope is done once the run was created and completed. */
function mockCheckRuns(host: string, bodies: unknown[], prefix = ''): nock.Scope {
  const reply = { id: 99, html_url: 'https://github.test/acme/app/runs/99' };
  const record = (_req: unknown, _interceptor: unknown, body: string): void => void bodies.push(JSON.parse(body));
  nock(host)
    .patch(`${prefix}/repos/acme/app/check-runs/99`, (b) => b.status !== 'completed')
    .times(20)
    .optionally()
    .reply(200, reply)
    .on('request', record);
  return nock(host)
    .post(`${prefix}/repos/acme/app/check-runs`)
    .reply(201, reply)
    .patch(`${prefix}/repos/acme/app/check-runs/99`, (b) => b.status === 'completed')
    .reply(200, reply)
    .on('request', record);
}
/** The token's identity, as GraphQL `viewer` answers it for the workflow's GITHUB_TOKEN. */
const mockViewer = (login = 'github-actions[bot]'): nock.Scope =>
  nock(API)
    .post('/graphql', (b) => String(b.query).includes('viewer'))
    .reply(200, { data: { viewer: { login } } });
/** Annotation lines (workflow commands with a file), not the job's own ::error:: line. */
const annotationLines = (stdout: string, level = 'error'): string[] => stdout.split('\n').filter((l) => l.startsWith(`::${level} title=`));
const annotationsOf = (bodies: unknown[]): { path: string; start_line: number; annotation_level: string }[] =>
  bodies.flatMap((b) => ((b as { output?: { annotations?: [] } }).output?.annotations ?? []) as never[]);

describe('the action: run() against a mocked GitHub API', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('a PR adding a danger-full-access config and an AGENTS.md that publishes: annotations at both lines, a failing check, a summary listing both, one comment', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL, 'AGENTS.md': PUBLISH });
    const bodies: unknown[] = [];
    const checks = mockCheckRuns(API, bodies);
    mockViewer();
    const api = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [])
      .post(
        '/repos/acme/app/issues/7/comments',
        (b) => String(b.body).includes('<!-- agent-policy:pr-comment -->') && String(b.body).includes('npm publish'),
      )
      .reply(201, { id: 1 });
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { comment: 'true' },
    });
    expect(api.isDone() && checks.isDone()).toBe(true);
    const annotations = annotationsOf(bodies);
    expect(annotations.map((a) => `${a.path}:${a.start_line}:${a.annotation_level}`).sort()).toEqual([
      '.codex/config.toml:2:failure',
      'AGENTS.md:5:failure',
    ]);
    expect((bodies[0] as { head_sha: string }).head_sha).toBe(headSha);
    expect((bodies.at(-1) as { conclusion: string }).conclusion).toBe('failure');
    expect(out.exitCode).toBe(1);
    expect(out.summary).toContain('`.codex/config.toml` | 2:16');
    expect(out.summary).toContain('`AGENTS.md` | 5:1');
    expect(out.summary).toContain('### Agent configurations');
    expect(out.outputs).toMatchObject({ findings: '2', errors: '2', 'stale-exceptions': '0' });
    expect(out.outputs['sarif-file']).toMatch(/out\.sarif$/);
  });

  it('130 findings all reach the check run, in batches of 50', async () => {
    const allow = Array.from({ length: 130 }, (_, i) => `"Bash(npm publish --tag t${i})"`).join(',\n    ');
    const { dir, baseSha, headSha } = prRepo(
      { 'README.md': 'x' },
      { '.claude/settings.json': `{\n  "permissions": {\n    "allow": [\n    ${allow}\n    ]\n  }\n}\n` },
    );
    const bodies: unknown[] = [];
    mockCheckRuns(API, bodies);
    const out = await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha) });
    const sizes = bodies.map((b) => ((b as { output?: { annotations?: [] } }).output?.annotations ?? []).length);
    expect(sizes).toEqual([50, 50, 30, 0]);
    expect(new Set(annotationsOf(bodies).map((a) => a.start_line)).size).toBe(130);
    expect(annotationLines(out.stdout)).toEqual([]);
    expect(out.exitCode).toBe(1);
  });

  it('more than 10 findings without a token: every one as a workflow command, errors first, and the summary lists them all', async () => {
    const lines = Array.from({ length: 14 }, (_, i) => `writable_roots_${i} = 1`).join('\n');
    const toml = `[sandbox_workspace_write]\nwritable_roots = [${Array.from({ length: 12 }, (_, i) => `"/opt/r${i}"`).join(', ')}]\n${lines}\n[profiles.a]\nsandbox_mode = "danger-full-access"\n`;
    const dir = makeRepo({ '.codex/config.toml': toml, '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: warning }\n' });
    const out = await runAction({ workspace: dir, event: 'push', payload: {}, inputs: { token: '' } });
    const commands = out.stdout.split('\n').filter((l) => /^::(error|warning|notice) title=/.test(l));
    expect(commands).toHaveLength(13);
    expect(commands.slice(0, 12).every((l) => l.startsWith('::error '))).toBe(true);
    expect(commands[12]).toMatch(/^::warning /);
    expect(out.stdout).toContain('the runner shows ten per level, so 2 appear only in this log');
    expect(out.summary.match(/\| error \| outside-writes \|/g)).toHaveLength(12);
  });

  it('more than 1 MiB of findings: the summary stays under the limit and says where the rest is', async () => {
    const padding = 'because the release train leaves every evening and nobody wants to wait for the morning window to open again';
    // Four guidance files under 1 MiB each, 6,000 findings whose table is well over 1 MiB.
    const file = (n: number): string =>
      `# Deploy\n\n${Array.from({ length: 1500 }, (_, i) => `- Step ${n}.${i}: deploy to production with \`vercel --prod --token-${i}\` ${padding}.`).join('\n')}\n`;
    const dir = makeRepo({ 'AGENTS.md': file(0), 'a/AGENTS.md': file(1), 'b/AGENTS.md': file(2), 'c/AGENTS.md': file(3) });
    const out = await runAction({ workspace: dir, event: 'push', payload: {}, inputs: { token: '' } });
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(out.outputs.findings).toBe('6000');
    expect(out.summary).toMatch(
      /\*\*\d+ more findings are not listed here\*\* \(the summary is limited to 1 MiB\); the complete list is in the SARIF file/,
    );
  });

  it('a fork PR with a read-only token: one warning, workflow commands, and it fails only because of the findings', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha, true),
      inputs: { comment: 'true' },
    });
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toContain('comes from a fork');
    expect(out.stdout).toMatch(/^::error title=agent-policy sandbox-mode,file=\.codex\/config\.toml,line=2,col=16,endColumn=36::/m);
    expect(out.exitCode).toBe(1);
    const clean = prRepo({ 'README.md': 'x' }, { 'docs.md': 'y' });
    const ok = await runAction({ workspace: clean.dir, event: 'pull_request', payload: prPayload(clean.baseSha, clean.headSha, true) });
    expect(ok.exitCode).toBeUndefined();
  });

  it('a token without checks: write: one warning naming it, annotations fall back to workflow commands', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    nock(API).post('/repos/acme/app/check-runs').reply(403, { message: 'Resource not accessible by integration' });
    const out = await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha) });
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toContain('"checks: write"');
    expect(out.stdout).toContain('::error title=agent-policy sandbox-mode');
    expect(out.exitCode).toBe(1);
  });

  it('retries a 502, then succeeds', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    const bodies: unknown[] = [];
    const flaky = nock(API).post('/repos/acme/app/check-runs').reply(502, 'Bad Gateway');
    mockCheckRuns(API, bodies);
    const out = await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha) });
    expect(flaky.isDone()).toBe(true);
    expect(annotationsOf(bodies)).toHaveLength(1);
    expect(out.warnings).toEqual([]);
  });

  it('waits out a 429 with retry-after, then succeeds', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    const bodies: unknown[] = [];
    const limited = nock(API)
      .post('/repos/acme/app/check-runs')
      .reply(429, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' });
    mockCheckRuns(API, bodies);
    const started = Date.now();
    const out = await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha) });
    expect(limited.isDone()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(annotationsOf(bodies)).toHaveLength(1);
    expect(out.warnings).toEqual([]);
  });

  it('the sticky comment is created once, then updated in place; "all clear" when nothing remains', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { 'docs.md': 'y' });
    const created: string[] = [];
    nock(API).post('/repos/acme/app/check-runs').reply(201, { id: 5 }).patch('/repos/acme/app/check-runs/5').reply(200, { id: 5 });
    const warningsBefore: string[] = [];
    mockViewer();
    nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [{ id: 3, body: 'hello', user: { login: 'alice', type: 'User' } }])
      .post('/repos/acme/app/issues/7/comments', (b) => (created.push(b.body), true))
      .reply(201, { id: 4 });
    warningsBefore.push(
      ...(await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha), inputs: { comment: 'true' } }))
        .warnings,
    );
    expect(warningsBefore).toEqual([]);
    expect(created).toHaveLength(1);
    expect(created[0]).toContain('all clear');
    const updated: string[] = [];
    nock(API).post('/repos/acme/app/check-runs').reply(201, { id: 6 }).patch('/repos/acme/app/check-runs/6').reply(200, { id: 6 });
    mockViewer();
    const second = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [
        { id: 3, body: 'hello <!-- agent-policy:pr-comment -->', user: { login: 'alice', type: 'User' } },
        { id: 4, body: created[0], user: { login: 'github-actions[bot]', type: 'Bot' } },
      ])
      .patch('/repos/acme/app/issues/comments/4', (b) => (updated.push(b.body), true))
      .reply(200, { id: 4 });
    await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha), inputs: { comment: 'true' } });
    expect(second.isDone()).toBe(true);
    expect(updated).toHaveLength(1);
  });

  it('review mode on a schedule: the tracking issue is created, updated, then closed', async () => {
    const expired =
      'exceptions:\n  - id: old\n    rule: network-access\n    paths: [".codex/config.toml"]\n    reason: r\n    owner: "@acme/docs"\n    expires: 2026-01-31\n';
    const dir = makeRepo({ '.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n', '.agent-policy.yml': expired });
    const bodies: { title?: string; body: string; labels?: string[]; state?: string }[] = [];
    mockViewer();
    nock(API)
      .get('/repos/acme/app/issues')
      .query(true)
      .reply(200, [])
      .post('/repos/acme/app/issues', (b) => (bodies.push(b), true))
      .reply(201, { number: 11 });
    const first = await runAction({ workspace: dir, event: 'schedule', payload: {}, inputs: { 'review-issue': 'true' } });
    expect(bodies[0]!.labels).toEqual(['agent-policy-review']);
    expect(bodies[0]!.body).toContain('@acme/docs');
    expect(first.summary).toContain('## Agent policy exception review (2026-11-22)');
    expect(first.outputs['stale-exceptions']).toBe('1');
    expect(first.exitCode).toBe(1);
    const marker = bodies[0]!.body;
    mockViewer();
    nock(API)
      .get('/repos/acme/app/issues')
      .query(true)
      .reply(200, [{ number: 11, body: marker, user: { login: 'github-actions[bot]' } }])
      .patch('/repos/acme/app/issues/11', (b) => (bodies.push(b), true))
      .reply(200, {});
    await runAction({ workspace: dir, event: 'workflow_dispatch', payload: {}, inputs: { 'review-issue': 'true' } });
    expect(bodies[1]!.state).toBeUndefined();
    const fixed = makeRepo({ '.codex/config.toml': 'model = "o3"\n' });
    mockViewer();
    nock(API)
      .get('/repos/acme/app/issues')
      .query(true)
      .reply(200, [{ number: 11, body: marker, user: { login: 'github-actions[bot]' } }])
      .patch('/repos/acme/app/issues/11', (b) => (bodies.push(b), true))
      .reply(200, {});
    const last = await runAction({ workspace: fixed, event: 'schedule', payload: {}, inputs: { 'review-issue': 'true' } });
    expect(bodies[2]!.state).toBe('closed');
    expect(last.exitCode).toBeUndefined();
  });

  it('reads a central policy from another repository through the API', async () => {
    mockCheckRuns(API, []);
    const central = nock(API)
      .get('/repos/acme/policies/contents/org.yml')
      .query({ ref: 'v1' })
      .reply(200, contentsOf('rules:\n  sandbox-mode: { level: notice }\n'));
    const dir = makeRepo({ '.codex/config.toml': FULL });
    const out = await runAction({
      workspace: dir,
      event: 'push',
      payload: {},
      inputs: { token: 'tok', policy: 'acme/policies/org.yml@v1' },
    });
    expect(central.isDone()).toBe(true);
    expect(out.stdout).toContain('1 annotations are on the check run');
    expect(out.summary).toContain('| notice | sandbox-mode |');
    expect(out.exitCode).toBeUndefined();
  });

  it('talks to GitHub Enterprise Server under its /api/v3 prefix', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    const bodies: unknown[] = [];
    const ghes = mockCheckRuns('https://ghe.example.test', bodies, '/api/v3');
    await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      env: { GITHUB_API_URL: 'https://ghe.example.test/api/v3' },
    });
    expect(ghes.isDone()).toBe(true);
    expect(annotationsOf(bodies)).toHaveLength(1);
  });

  it('reads the rules from the base commit: a PR cannot weaken them, and the exceptions it adds take effect once merged', async () => {
    const exception =
      'exceptions:\n  - id: pr-adds-this\n    rule: sandbox-mode\n    paths: [".codex/config.toml"]\n    reason: r\n    owner: "@me"\n    expires: 2027-01-31\n';
    const { dir, baseSha, headSha } = prRepo(
      { 'README.md': 'x' },
      { '.codex/config.toml': FULL, '.agent-policy.yml': `rules:\n  sandbox-mode: { level: off }\n` },
    );
    const weakened = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { token: '' },
    });
    expect(weakened.exitCode).toBe(1);
    expect(weakened.stdout).toContain('::error title=agent-policy sandbox-mode');
    expect(weakened.stdout).toMatch(
      /^::notice title=agent-policy policy change,file=\.agent-policy\.yml,line=1,col=1::The policy file \.agent-policy\.yml is added/m,
    );
    expect(weakened.stdout).toMatch(
      /^::warning title=agent-policy policy change,file=\.agent-policy\.yml,line=2,col=19::rules\.sandbox-mode\.level is "off" here and "error" at /m,
    );
    const second = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL, '.agent-policy.yml': exception });
    const excepted = await runAction({
      workspace: second.dir,
      event: 'pull_request',
      payload: prPayload(second.baseSha, second.headSha),
      inputs: { token: '' },
    });
    expect(excepted.exitCode).toBe(1);
    expect(excepted.stdout).toContain('::error title=agent-policy sandbox-mode');
    expect(excepted.stdout).toMatch(
      /^::warning title=agent-policy policy change,file=\.agent-policy\.yml,line=2,col=5::Exception "pr-adds-this" \(sandbox-mode\) is added since [0-9a-f]{40}: it does not apply to this check and 1 finding it covers still count/m,
    );
    expect(excepted.summary).toContain('### Policy changes in this pull request');
    // Teams whose policy files need code-owner review may let a pull request's exceptions apply to it.
    const applied = await runAction({
      workspace: second.dir,
      event: 'pull_request',
      payload: prPayload(second.baseSha, second.headSha),
      inputs: { token: '', 'pr-exceptions': 'apply' },
    });
    expect(applied.exitCode).toBeUndefined();
    expect(applied.stdout).toMatch(
      /^::warning title=agent-policy policy change,file=\.agent-policy\.yml,line=2,col=5::Exception "pr-adds-this" \(sandbox-mode\) is added since [0-9a-f]{40}: it applies to this check \(pr-exceptions: apply\)/m,
    );
  });

  it('annotate: changed shows only what the PR introduces; all shows everything', async () => {
    const { dir, baseSha, headSha } = prRepo({ '.codex/config.toml': FULL }, { 'AGENTS.md': PUBLISH });
    const changed = await runAction({ workspace: dir, event: 'pull_request', payload: prPayload(baseSha, headSha), inputs: { token: '' } });
    expect(annotationLines(changed.stdout)).toHaveLength(1);
    expect(changed.stdout).toContain('file=AGENTS.md');
    const all = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { token: '', annotate: 'all' },
    });
    expect(annotationLines(all.stdout)).toHaveLength(2);
  });

  it('an unavailable base commit fails closed, saying how to fix it; strict is an opt-in', async () => {
    const dir = makeRepo({
      '.codex/config.toml': 'sandbox_mode = "workspace-write"\n',
      '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: off }\n',
    });
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload('1234567890123456789012345678901234567890', 'abc'),
      inputs: { token: '' },
    });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(
      /^::error::agent-policy: the base commit 1234567890123456789012345678901234567890 could not be read \(.*is not in this clone.*\), so the policy in force is unknown and nothing was checked\. Give actions\/checkout fetch-depth: 0/m,
    );
    expect(out.outputs.findings).toBeUndefined();
    // Opted in: everything is checked, as new, under the embedded strict policy, never the pull request's own.
    const strict = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload('1234567890123456789012345678901234567890', 'abc'),
      inputs: { token: '', 'base-unavailable': 'strict' },
    });
    expect(strict.warnings.some((w) => w.includes('embedded strict policy'))).toBe(true);
    expect(strict.summary).toContain('embedded "strict" policy');
  });

  it('invalid inputs and policies fail with a clear message, never a stack trace', async () => {
    const dir = makeRepo({ '.agent-policy.yml': 'rules:\n  nope: {}\n' });
    const bad = await runAction({ workspace: dir, event: 'push', payload: {}, inputs: { token: '' } });
    expect(bad.stdout).toMatch(/^::error title=agent-policy%3A invalid policy,file=\.agent-policy\.yml,line=2,col=3::unknown rule "nope"/m);
    expect(bad.exitCode).toBe(1);
    const input = await runAction({
      workspace: makeRepo({ 'a.md': 'x' }),
      event: 'push',
      payload: {},
      inputs: { token: '', mode: 'sometimes' },
    });
    expect(input.stdout).toContain('::error::agent-policy: input "mode" must be one of auto, check, review (got "sometimes")');
  });
});
