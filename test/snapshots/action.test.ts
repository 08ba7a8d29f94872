import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, prPayload, prRepo, runAction, type RunOutcome } from '../action/harness.js';
import { recordGitHub, type RecordedRequest } from '../helpers/github.js';
import { makeRepo } from '../helpers/repo.js';
import { AGENTS, BASE_AFTER, BASE_BEFORE, CLEAN, CREDENTIAL, CREDENTIAL_SECRETS, EXCEPTIONS } from './repos.js';
import { scrub, snapshotPath } from './scrub.js';

interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: unknown[];
}

/** The one request matching `test`; fails the test when there is none. */
function requestOf(requests: readonly RecordedRequest[], what: string, test: (r: RecordedRequest) => boolean): Record<string, unknown> {
  const found = requests.find(test);
  if (found?.body === undefined) throw new Error(`the action sent no ${what}`);
  return found.body;
}

const outputsOf = (out: RunOutcome): string => `${JSON.stringify({ exitCode: out.exitCode ?? 0, ...out.outputs }, null, 2)}\n`;

/**
 * What a pull request run shows: the job summary, the sticky PR comment, the check run (title, conclusion, every
 * annotation; its summary is the job summary, asserted rather than snapshotted twice), the outputs and the log.
 */
async function snapshotPullRequest(name: string, base: Record<string, string>, head: Record<string, string>): Promise<string[]> {
  const { dir, baseSha, headSha } = prRepo(base, head);
  const requests = recordGitHub(API);
  const out = await runAction({
    workspace: dir,
    event: 'pull_request',
    payload: prPayload(baseSha, headSha),
    inputs: { comment: 'true', 'sarif-file': 'agent-policy.sarif' },
  });
  const clean = (s: string): string => scrub(s, { [dir]: '<workspace>', [baseSha]: '<base-sha>', [headSha]: '<head-sha>' });

  const runs = requests.filter((r) => r.path.endsWith('/check-runs') || r.path.includes('/check-runs/'));
  const created = requestOf(runs, 'check run', (r) => r.method === 'POST');
  const completed = requestOf(runs, 'completed check run', (r) => r.body?.status === 'completed');
  const output = completed.output as CheckRunOutput;
  expect(created.head_sha).toBe(headSha);
  expect(output.summary).toBe(out.summary);
  const checkRun = {
    name: created.name,
    conclusion: completed.conclusion,
    title: output.title,
    ...(output.text !== undefined ? { text: output.text } : {}),
    annotations: runs.flatMap((r) => (r.body?.output as CheckRunOutput | undefined)?.annotations ?? []),
  };
  const comment = requestOf(requests, 'PR comment', (r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
  const files = {
    'action-summary.md': clean(out.summary),
    'action-pr-comment.md': clean(String(comment.body)),
    'action-check-run.json': `${clean(JSON.stringify(checkRun, null, 2))}\n`,
    'action-outputs.json': clean(outputsOf(out)),
    'action-log.txt': clean(out.stdout),
  };
  for (const [file, text] of Object.entries(files)) await expect.soft(text).toMatchFileSnapshot(snapshotPath(name, file));
  return Object.values(files);
}

describe("snapshots: the action's outputs over the fixture repositories", () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  it('(a) a clean pull request', async () => {
    await snapshotPullRequest('clean', { 'README.md': '# app\n' }, CLEAN);
  });

  it('(b) a pull request adding several agents with findings of every rule', async () => {
    await snapshotPullRequest('agents', { 'README.md': '# app\n' }, AGENTS);
  });

  it('(b) without a token: the annotations as workflow commands in the log, and the job summary', async () => {
    const { dir, baseSha, headSha } = prRepo({ 'README.md': '# app\n' }, AGENTS);
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { token: '', 'sarif-file': 'agent-policy.sarif' },
    });
    const clean = (s: string): string => scrub(s, { [dir]: '<workspace>', [baseSha]: '<base-sha>', [headSha]: '<head-sha>' });
    await expect.soft(clean(out.stdout)).toMatchFileSnapshot(snapshotPath('agents', 'action-log-without-token.txt'));
    // The job summary does not depend on the token.
    await expect.soft(clean(out.summary)).toMatchFileSnapshot(snapshotPath('agents', 'action-summary.md'));
  });

  it('(d) a pull request with new, updated and unchanged findings that also changes the policy', async () => {
    await snapshotPullRequest('base', BASE_BEFORE, BASE_AFTER);
  });

  it("(e) credentials are masked in the action's outputs", async () => {
    const written = await snapshotPullRequest('credential', { 'README.md': '# app\n' }, CREDENTIAL);
    for (const text of written) for (const secret of CREDENTIAL_SECRETS) expect(text).not.toContain(secret);
  });

  it('(c) the scheduled review: the job summary, the tracking issue, the outputs and the log', async () => {
    const dir = makeRepo(EXCEPTIONS);
    const requests = recordGitHub(API);
    const out = await runAction({
      workspace: dir,
      event: 'schedule',
      payload: {},
      inputs: { 'review-issue': 'true', 'sarif-file': 'agent-policy.sarif' },
    });
    const issue = requestOf(requests, 'review issue', (r) => r.method === 'POST' && r.path.endsWith('/issues'));
    expect(issue).toMatchObject({ title: 'Agent policy: exceptions to review (2026-11-22)', labels: ['agent-policy-review'] });
    const clean = (s: string): string => scrub(s, { [dir]: '<workspace>' });
    await expect.soft(clean(out.summary)).toMatchFileSnapshot(snapshotPath('exceptions', 'action-summary.md'));
    await expect.soft(clean(String(issue.body))).toMatchFileSnapshot(snapshotPath('exceptions', 'action-review-issue.md'));
    await expect.soft(clean(outputsOf(out))).toMatchFileSnapshot(snapshotPath('exceptions', 'action-outputs.json'));
    await expect.soft(clean(out.stdout)).toMatchFileSnapshot(snapshotPath('exceptions', 'action-log.txt'));
  });
});
