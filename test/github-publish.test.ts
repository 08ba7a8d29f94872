import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Level } from '../src/core/types.js';
import type { BaselineState, PolicyChange } from '../src/engine/result.js';
import { CheckRunCutShortError, publishAnnotatedCheckRun } from '../src/github/check-run.js';
import { createGitHubClient } from '../src/github/client.js';
import { publishStickyComment } from '../src/github/comment.js';
import { publishReviewIssue, REVIEW_LABEL, REVIEW_MARKER } from '../src/github/review-issue.js';
import { ANNOTATION_LIMIT, toCheckAnnotations, toPolicyChangeAnnotation, toWorkflowAnnotations } from '../src/report/annotations.js';

const API = 'https://api.github.test';
// Pacing off: these tests are about which requests are made, not when.
const client = () => createGitHubClient({ token: 't', baseUrl: API, retries: 2, retryAfterBaseValue: 1, paceWrites: false });
const MARKER = '<!-- agent-policy:pr-comment -->';

const finding = (i: number, level: Level, file = `pkg-${i}/.codex/config.toml`): Finding => ({
  ruleId: 'sandbox-mode',
  level,
  message: `finding ${i}`,
  file,
  agent: 'codex',
  keyPath: ['sandbox_mode'],
  evidence: 'x',
  location: { start: { line: 1 + (i % 7), column: 3 } },
  confidence: 'high',
  fingerprint: `fp-${i}`,
});
const LEVELS: Level[] = ['notice', 'warning', 'error'];
const many = (n: number): Finding[] => Array.from({ length: n }, (_, i) => finding(i, LEVELS[i % 3]!));

interface Body {
  status?: string;
  conclusion?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: { annotation_level: string }[] };
}

/** Records every check-run request: method and body. */
function recordCheckRuns(calls: { method: string; body: Body }[]): void {
  const reply = { id: 99, html_url: 'https://github.test/acme/app/runs/99', app: { slug: 'github-actions' } };
  nock(API)
    .post('/repos/acme/app/check-runs', (b: Body) => (calls.push({ method: 'POST', body: b }), true))
    .reply(201, reply)
    .patch('/repos/acme/app/check-runs/99', (b: Body) => (calls.push({ method: 'PATCH', body: b }), true))
    .times(100)
    .reply(200, reply);
}

const checkInput = {
  owner: 'acme',
  repo: 'app',
  headSha: 'abc',
  name: 'agent-policy',
  conclusion: 'failure' as const,
  title: '3,000 findings',
};
const SUMMARY = `## agent-policy\n\n${'| error | sandbox-mode | row |\n'.repeat(3000)}`;

describe('annotations: one builder, one order, bounded', () => {
  it('keeps the most severe, and among equals new and updated before unchanged, up to the limit; counts the rest', () => {
    const findings = [...many(3000), finding(5000, 'error', 'a-first-by-name/.codex/config.toml')];
    const states = new Map<string, BaselineState>(findings.map((f) => [f.fingerprint, f.fingerprint === 'fp-5000' ? 'unchanged' : 'new']));
    const plan = toCheckAnnotations(findings, { states });
    expect(plan.annotations).toHaveLength(ANNOTATION_LIMIT);
    expect(plan.omitted).toBe(3001 - ANNOTATION_LIMIT);
    expect(plan.total).toBe(3001);
    expect(plan.annotations.every((a) => a.annotation_level === 'failure')).toBe(true);
    // The unchanged error sorts first by file name but comes after every new one.
    expect(plan.annotations.some((a) => a.path.startsWith('a-first-by-name'))).toBe(false);
    const small = toCheckAnnotations([finding(1, 'warning'), finding(2, 'notice'), finding(3, 'error')]);
    expect(small.annotations.map((a) => a.annotation_level)).toEqual(['failure', 'warning', 'notice']);
    expect(small.omitted).toBe(0);
  });

  it('policy changes go through the same builder and severity map, ranked with the findings and counted against the limit', () => {
    const change = (kind: PolicyChange['kind'], level: Level, line: number): PolicyChange => ({
      kind,
      weakens: level !== 'notice',
      level,
      message: `${kind} change`,
      file: '.github/agent-policy.yml',
      position: { line, column: 3 },
    });
    const extra = [change('rule', 'notice', 4), change('rule', 'warning', 2), change('invalid', 'error', 1)].map(toPolicyChangeAnnotation);
    const plan = toCheckAnnotations([finding(1, 'warning'), finding(2, 'error')], { extra, limit: 4 });
    expect(plan.annotations.map((a) => `${a.annotation_level} ${a.title} ${a.path}:${a.start_line}`)).toEqual([
      'failure agent-policy policy change .github/agent-policy.yml:1',
      'failure agent-policy sandbox-mode pkg-2/.codex/config.toml:3',
      'warning agent-policy policy change .github/agent-policy.yml:2',
      'warning agent-policy sandbox-mode pkg-1/.codex/config.toml:2',
    ]);
    expect(plan).toMatchObject({ omitted: 1, total: 5 });
    const commands = toWorkflowAnnotations([], 10, { extra });
    expect(commands.annotations.map((a) => a.command)).toEqual(['error', 'warning', 'notice']);
  });

  it('the workflow-command fallback is capped the same way and says what it left out and where', () => {
    const plan = toWorkflowAnnotations(many(3000), 1000, { fullReport: 'the job summary and the SARIF file `out.sarif`' });
    expect(plan.annotations).toHaveLength(1000);
    expect(plan.omitted).toBe(2000);
    expect(plan.annotations[0]).toEqual({
      command: 'error',
      message: expect.any(String),
      properties: { title: 'agent-policy sandbox-mode', file: expect.any(String), startLine: expect.any(Number), startColumn: 3 },
    });
    expect(plan.annotations.every((a) => a.command === 'error')).toBe(true);
    expect(plan.note).toContain('1000 of 3000 findings are annotated');
    expect(plan.note).toContain('the other 2000 are listed in the job summary and the SARIF file `out.sarif`');
    const few = toWorkflowAnnotations([finding(1, 'warning'), finding(2, 'error')]);
    expect(few.annotations.map((a) => a.command)).toEqual(['error', 'warning']);
    expect(few.note).toBeUndefined();
    const hidden = toWorkflowAnnotations(Array.from({ length: 13 }, (_, i) => finding(i, 'error')));
    expect(hidden.note).toBe(
      'agent-policy: 13 annotations were written; the runner shows ten per level, so 3 appear only in this log and in the job summary.',
    );
  });
});

describe('publishing to GitHub', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('a check run with 3,000 findings: 500 annotations in 11 requests, the summary sent once, the output text says what was left out', async () => {
    const calls: { method: string; body: Body }[] = [];
    recordCheckRuns(calls);
    const plan = toCheckAnnotations(many(3000));
    const published = await publishAnnotatedCheckRun(client(), {
      ...checkInput,
      summary: SUMMARY,
      annotations: plan.annotations,
      omitted: plan.omitted,
      fullReport: 'the job summary and the SARIF file `out.sarif`',
    });
    const batches = ANNOTATION_LIMIT / 50;
    expect(calls.map((c) => c.method)).toEqual(['POST', ...Array<string>(batches - 1).fill('PATCH'), 'PATCH']);
    expect(calls.map((c) => c.body.output?.annotations?.length ?? 0)).toEqual([...Array<number>(batches).fill(50), 0]);
    // The long summary goes out once, on completion; the other requests carry one line.
    expect(calls.filter((c) => (c.body.output?.summary ?? '').includes('| error | sandbox-mode |'))).toHaveLength(1);
    expect(calls.slice(0, -1).every((c) => (c.body.output?.summary ?? '').length < 200)).toBe(true);
    const last = calls.at(-1)!.body;
    expect(last).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(last.output?.text).toContain(`${ANNOTATION_LIMIT.toLocaleString('en')} of 3,000 findings are annotated`);
    expect(last.output?.text).toContain('the SARIF file `out.sarif`');
    expect(published).toEqual({
      url: 'https://github.test/acme/app/runs/99',
      posted: ANNOTATION_LIMIT,
      omitted: 3000 - ANNOTATION_LIMIT,
      appLogin: 'github-actions[bot]',
    });
  });

  it('the publisher caps what it is given too (every finding, uncapped), and counts what it left out', async () => {
    const calls: { method: string; body: Body }[] = [];
    recordCheckRuns(calls);
    const published = await publishAnnotatedCheckRun(client(), {
      ...checkInput,
      summary: 'the summary',
      annotations: toCheckAnnotations(many(3000), { limit: Infinity }).annotations,
    });
    expect(calls).toHaveLength(ANNOTATION_LIMIT / 50 + 1);
    expect(published).toMatchObject({ posted: ANNOTATION_LIMIT, omitted: 3000 - ANNOTATION_LIMIT });
    expect(calls.at(-1)!.body.output?.text).toContain(
      `the other ${(3000 - ANNOTATION_LIMIT).toLocaleString('en')} are listed in the job summary`,
    );
  });

  it('a failed update (a 500 after the retries) still completes the check run, says annotations were cut short, then reports the error', async () => {
    const calls: { method: string; body: Body }[] = [];
    const reply = { id: 99, html_url: 'https://github.test/acme/app/runs/99' };
    const scope = nock(API)
      .post('/repos/acme/app/check-runs', (b: Body) => (calls.push({ method: 'POST', body: b }), b.status === 'in_progress'))
      .reply(201, reply)
      .patch(
        '/repos/acme/app/check-runs/99',
        (b: Body) => (calls.push({ method: 'PATCH', body: b }), b.status === undefined && b.output?.annotations?.length === 50),
      )
      .reply(200, reply)
      .patch('/repos/acme/app/check-runs/99', (b: Body) => b.status === undefined && b.output?.annotations?.length === 50)
      .times(3)
      .reply(500, { message: 'Server Error' })
      .patch(
        '/repos/acme/app/check-runs/99',
        (b: Body) => (
          calls.push({ method: 'PATCH', body: b }),
          b.status === 'completed' && b.conclusion === 'failure' && b.output?.annotations === undefined
        ),
      )
      .reply(200, reply);
    const plan = toCheckAnnotations(many(400));
    const error = await publishAnnotatedCheckRun(client(), { ...checkInput, summary: 'the summary', annotations: plan.annotations }).catch(
      (e: unknown) => e,
    );
    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(CheckRunCutShortError);
    expect((error as CheckRunCutShortError).checkRun).toMatchObject({ posted: 100, omitted: 300 });
    const last = calls.at(-1)!.body;
    expect(last.status).toBe('completed');
    expect(last.output?.summary).toMatch(/^\*\*Annotations were cut short\*\*: GitHub refused an update after 100 of 400/);
    expect(last.output?.summary).toContain('the summary');
  });

  it("the sticky comment: a comment with the marker from another bot is never edited; the token's own is", async () => {
    const viewer = nock(API)
      .post('/graphql', (b: { query?: string }) => String(b.query).includes('viewer'))
      .twice()
      .reply(200, { data: { viewer: { login: 'github-actions[bot]' } } });
    const theirs = { id: 1, body: `${MARKER} looks like ours`, user: { login: 'other-app[bot]', type: 'Bot' } };
    const ours = { id: 2, body: `${MARKER} old`, user: { login: 'github-actions[bot]', type: 'Bot' } };
    // Only the other bot's comment: a new comment, nothing edited.
    const first = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [theirs])
      .post('/repos/acme/app/issues/7/comments', (b: { body?: string }) => String(b.body).startsWith(MARKER))
      .reply(201, { id: 3 });
    expect(
      await publishStickyComment(client(), { owner: 'acme', repo: 'app', issueNumber: 7, body: `${MARKER}\nnew`, marker: MARKER }),
    ).toBe('created');
    expect(first.isDone()).toBe(true);
    // With the action's own comment after it: that one is updated.
    const second = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [theirs, ours])
      .patch('/repos/acme/app/issues/comments/2', (b: { body?: string }) => b.body === `${MARKER}\nnew`)
      .reply(200, { id: 2 });
    expect(
      await publishStickyComment(client(), { owner: 'acme', repo: 'app', issueNumber: 7, body: `${MARKER}\nnew`, marker: MARKER }),
    ).toBe('updated');
    expect(second.isDone() && viewer.isDone()).toBe(true);
  });

  it("the sticky comment: a login the caller learnt (the check run's app) is used without asking; an identity nobody gives means a new comment", async () => {
    const ours = { id: 2, body: `${MARKER} old`, user: { login: 'github-actions[bot]', type: 'Bot' } };
    const known = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [ours])
      .patch('/repos/acme/app/issues/comments/2')
      .reply(200, { id: 2 });
    expect(
      await publishStickyComment(client(), {
        owner: 'acme',
        repo: 'app',
        issueNumber: 7,
        body: `${MARKER}\nnew`,
        marker: MARKER,
        login: 'GitHub-Actions[bot]',
      }),
    ).toBe('updated');
    expect(known.isDone()).toBe(true);
    const unknown = nock(API)
      .post('/graphql')
      .reply(403, { message: 'Resource not accessible by integration' })
      .get('/user')
      .reply(403, { message: 'Resource not accessible by integration' })
      .post('/repos/acme/app/issues/7/comments')
      .reply(201, { id: 3 });
    expect(
      await publishStickyComment(client(), { owner: 'acme', repo: 'app', issueNumber: 7, body: `${MARKER}\nnew`, marker: MARKER }),
    ).toBe('created');
    expect(unknown.isDone()).toBe(true);
  });

  it('a personal token: GET /user names it when GraphQL does not', async () => {
    const scope = nock(API)
      .post('/graphql')
      .reply(200, { errors: [{ message: 'no' }] })
      .get('/user')
      .reply(200, { login: 'alice' })
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [
        { id: 1, body: MARKER, user: { login: 'mallory', type: 'User' } },
        { id: 2, body: MARKER, user: { login: 'alice', type: 'User' } },
      ])
      .patch('/repos/acme/app/issues/comments/2')
      .reply(200, { id: 2 });
    expect(await publishStickyComment(client(), { owner: 'acme', repo: 'app', issueNumber: 7, body: MARKER, marker: MARKER })).toBe(
      'updated',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('review issue and PR comment bodies over 65,536 characters are cut at a line, keep their marker and point at the job summary', async () => {
    const long = Array.from(
      { length: 3000 },
      (_, i) => `| expired | exc-${i} | network-access | @acme/team | 2026-01-01 | ${'reason '.repeat(4)}|`,
    ).join('\n');
    expect(long.length).toBeGreaterThan(65_536);
    const bodies: string[] = [];
    const issue = nock(API)
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'github-actions[bot]' } } })
      .get('/repos/acme/app/issues')
      .query({ labels: REVIEW_LABEL, state: 'open', per_page: 100 })
      .reply(200, [{ number: 4, body: REVIEW_MARKER, user: { login: 'mallory' } }])
      .post('/repos/acme/app/issues', (b: { body: string; labels: string[] }) => (bodies.push(b.body), b.labels[0] === REVIEW_LABEL))
      .reply(201, { number: 5 });
    expect(
      await publishReviewIssue(client(), {
        owner: 'acme',
        repo: 'app',
        title: 'review',
        body: long,
        needsAttention: true,
        fullReport: 'the job summary of https://github.test/acme/app/actions/runs/42',
      }),
    ).toBe('created');
    expect(issue.isDone()).toBe(true);
    const comment = nock(API)
      .get('/repos/acme/app/issues/7/comments')
      .query(true)
      .reply(200, [])
      .post('/repos/acme/app/issues/7/comments', (b: { body: string }) => (bodies.push(b.body), true))
      .reply(201, { id: 3 });
    await publishStickyComment(client(), {
      owner: 'acme',
      repo: 'app',
      issueNumber: 7,
      body: `${MARKER}\n${long}`,
      marker: MARKER,
      login: 'github-actions[bot]',
    });
    expect(comment.isDone()).toBe(true);
    for (const [body, marker] of [
      [bodies[0]!, REVIEW_MARKER],
      [bodies[1]!, MARKER],
    ] as const) {
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(body.length).toBeGreaterThan(60_000);
      expect(body.startsWith(`${marker}\n| expired | exc-0 |`)).toBe(true);
      expect(body).toMatch(/\|\n\n…cut here: the text is over GitHub's 65,536-character limit\. The complete text is in the job summary/);
    }
    expect(bodies[0]).toContain('https://github.test/acme/app/actions/runs/42');
  });
});
