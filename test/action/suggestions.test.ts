import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, prPayload, prRepo, runAction } from './harness.js';

const FULL = '# team\nsandbox_mode = "danger-full-access" # one-off\n';
const PATCH = '@@ -0,0 +1,2 @@\n+# team\n+sandbox_mode = "danger-full-access" # one-off';

/** A check run that is created and completed, whatever its body. */
const mockCheckRun = (): void => {
  const reply = { id: 99, html_url: 'https://github.test/acme/app/runs/99', app: { slug: 'github-actions' } };
  nock(API).post('/repos/acme/app/check-runs').reply(201, reply).patch('/repos/acme/app/check-runs/99').times(5).reply(200, reply);
};

/** The pull request's files (one added config) and no earlier review comments; the review POST as given. */
const mockPullRequest = (): nock.Interceptor =>
  nock(API)
    .get('/repos/acme/app/pulls/7/files')
    .query(true)
    .reply(200, [{ filename: '.codex/config.toml', status: 'added', patch: PATCH }])
    .get('/repos/acme/app/pulls/7/comments')
    .query(true)
    .reply(200, [])
    .post('/repos/acme/app/pulls/7/reviews', (b: Review) => (reviews.push(b), true));

interface Review {
  commit_id: string;
  event: string;
  comments: { path: string; line: number; side: string; body: string }[];
}
const reviews: Review[] = [];

describe('the action: suggestions on a pull request', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('posts the fix of a new finding on an added line as a suggested change on the head commit', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    mockCheckRun();
    reviews.length = 0;
    const api = mockPullRequest().reply(200, { id: 5 });
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { suggestions: 'true' },
    });
    expect(api.isDone()).toBe(true);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ commit_id: headSha, event: 'COMMENT' });
    expect(reviews[0]!.comments.map((c) => [c.path, c.line, c.side])).toEqual([['.codex/config.toml', 2, 'RIGHT']]);
    expect(reviews[0]!.comments[0]!.body).toContain('```suggestion\nsandbox_mode = "workspace-write" # one-off\n```');
    expect(out.stdout).toContain('agent-policy: 1 suggested fixes posted, 0 updated, 0 marked resolved.');
    expect(out.exitCode).toBe(1);
  });

  it('without pull-requests: write it says so once and the job summary shows each fix as a diff', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': 'x' }, { '.codex/config.toml': FULL });
    mockCheckRun();
    mockPullRequest().reply(403, { message: 'Resource not accessible by integration' });
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { suggestions: 'true' },
    });
    const warnings = out.stdout.split('\n').filter((l) => l.startsWith('::warning::') && l.includes('pull-requests: write'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('post suggested fixes on the pull request');
    expect(out.summary).toContain('### Suggested fixes');
    expect(out.summary).toContain(
      '```diff\n-sandbox_mode = "danger-full-access" # one-off\n+sandbox_mode = "workspace-write" # one-off\n```',
    );
  });
});
