import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/repo.js';
import { prPayload, prRepo } from './harness.js';

const run = promisify(execFile);
const ACTION = join(import.meta.dirname, '..', '..', 'dist', 'index.js');

interface Recorded {
  method: string;
  url: string;
  body: unknown;
  auth: string | undefined;
}

/** A loopback stand-in for the GitHub API: records requests, answers what the action asks for. */
function fakeGitHub(): { server: Server; requests: Recorded[]; url: () => string } {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: data ? JSON.parse(data) : undefined,
        auth: req.headers.authorization,
      });
      res.setHeader('content-type', 'application/json');
      const url = req.url ?? '';
      if (req.method === 'GET') {
        res.end('[]');
      } else if (req.method === 'POST' && url.includes('/check-runs')) {
        res.statusCode = 201;
        res.end('{"id":1,"html_url":"http://127.0.0.1/checks/1"}');
      } else {
        res.statusCode = req.method === 'POST' ? 201 : 200;
        res.end('{"id":1,"number":1}');
      }
    });
  });
  return { server, requests, url: () => `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

async function runDist(workspace: string, event: string, payload: unknown, inputs: Record<string, string>, apiUrl: string) {
  const tmp = mkdtempSync(join(tmpdir(), 'agent-policy-dist-'));
  const files = { event: join(tmp, 'event.json'), summary: join(tmp, 'summary.md'), output: join(tmp, 'output.txt') };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://127.0.0.1:9', // a base commit fetch is refused at once, on loopback
    RUNNER_TEMP: tmp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  let stdout: string;
  let code = 0;
  try {
    stdout = (await run(process.execPath, [ACTION], { env, timeout: 60_000 })).stdout;
  } catch (error) {
    const e = error as { stdout: string; code: number };
    stdout = e.stdout;
    code = e.code;
  }
  const outcome = { stdout, code, summary: readFileSync(files.summary, 'utf8'), output: readFileSync(files.output, 'utf8') };
  rmSync(tmp, { recursive: true, force: true });
  return outcome;
}

describe('dist/index.js as the runner runs it, against a loopback API', () => {
  const api = fakeGitHub();
  beforeAll(() => new Promise<void>((done) => api.server.listen(0, '127.0.0.1', done)));
  afterAll(() => new Promise<void>((done) => api.server.close(() => done())));

  it('pull_request: check run with both annotations, a comment, outputs, summary, exit 1', async () => {
    api.requests.length = 0;
    const { dir, baseSha, headSha } = prRepo(
      { 'README.md': 'x' },
      {
        '.codex/config.toml': '[profiles.y]\nsandbox_mode = "danger-full-access"\n',
        'AGENTS.md': 'Publish the package yourself with `npm publish`.\n',
      },
    );
    const out = await runDist(
      dir,
      'pull_request',
      prPayload(baseSha, headSha),
      { token: 'ghs_fake', comment: 'true', 'sarif-file': 'out/agent-policy.sarif' },
      api.url(),
    );
    expect(out.code).toBe(1);
    const create = api.requests.find((r) => r.method === 'POST' && r.url === '/repos/acme/app/check-runs')!;
    expect(create.auth).toBe('token ghs_fake');
    expect((create.body as { head_sha: string }).head_sha).toBe(headSha);
    const annotations = (create.body as { output: { annotations: { path: string; start_line: number }[] } }).output.annotations;
    expect(annotations.map((a) => `${a.path}:${a.start_line}`).sort()).toEqual(['.codex/config.toml:2', 'AGENTS.md:1']);
    expect(api.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/issues/7/comments'))).toHaveLength(1);
    expect(out.output).toMatch(/findings<<ghadelimiter_[\w-]+\n2\n/);
    expect(out.output).toMatch(/sarif-file<<ghadelimiter_[\w-]+\n.*out\/agent-policy\.sarif\n/);
    expect(JSON.parse(readFileSync(join(dir, 'out/agent-policy.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(out.summary).toContain('agent-policy: findings at or above "error"');
    expect(out.stdout).toContain('::error::agent-policy: 2 new or updated findings');
  });

  it('schedule and workflow_dispatch: review mode keeps the tracking issue', async () => {
    const dir = makeRepo({
      '.codex/config.toml': 'model = "o3"\n',
      '.agent-policy.yml':
        'exceptions:\n  - id: gone\n    rule: network-access\n    paths: ["x/**"]\n    reason: r\n    owner: "@o"\n    expires: 2099-01-01\n',
    });
    for (const event of ['schedule', 'workflow_dispatch']) {
      api.requests.length = 0;
      const out = await runDist(dir, event, {}, { token: 'ghs_fake', 'review-issue': 'true', 'sarif-file': 'review.sarif' }, api.url());
      expect(out.summary).toContain('## Agent policy exception review');
      // The exception expires beyond max-exception-days: invalid, so the job fails and the issue is opened.
      expect(out.code).toBe(1);
      expect(api.requests.some((r) => r.method === 'POST' && r.url === '/repos/acme/app/issues')).toBe(true);
      expect(out.output).toMatch(/stale-exceptions<<ghadelimiter_[\w-]+\n1\n/);
    }
  });

  it('text from repository files can never start a workflow command', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'Deploy to production now.\n::add-mask::hidden\n\n::error::forged\n' });
    const out = await runDist(dir, 'push', {}, { token: '' }, api.url());
    for (const line of out.stdout.split('\n')) expect(line).not.toMatch(/^::(add-mask|error::forged)/);
  });
});
