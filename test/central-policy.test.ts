import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf } from './helpers/github.js';
import { cli, makeRepo } from './helpers/repo.js';

const C = '.codex/config.toml';
const NET = '[sandbox_workspace_write]\nnetwork_access = true\n';
const ORG = 'extends: ./base.yml\nrules:\n  network-access: { level: error }\nsettings:\n  allow-local-exceptions: false\n';
const BASE = 'rules:\n  publish-deploy: { level: error, commands: ["make ship"] }\n';
const EXCEPTION =
  'exceptions:\n  - id: local-net\n    rule: network-access\n    paths: [".codex/config.toml"]\n    reason: r\n    owner: "@o"\n    expires: 2027-01-31\n';

function remote(host: string, prefix: string, path: string, body: string | [number, string], token?: string): nock.Scope {
  const scope = nock(host, token ? { reqheaders: { authorization: `token ${token}` } } : {})
    .get(`${prefix}/repos/acme/policies/contents/${path}`)
    .query({ ref: 'v1' });
  return Array.isArray(body) ? scope.reply(body[0], body[1]) : scope.reply(200, contentsOf(body));
}

describe('central policies through the GitHub API (mocked)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('reads a chain of remote policies with the token; local exceptions under a central policy that forbids them are invalid', async () => {
    const a = remote('https://api.github.com', '', 'org.yml', ORG, 'secret-token');
    const b = remote('https://api.github.com', '', 'base.yml', BASE, 'secret-token');
    const dir = makeRepo({ [C]: NET, '.github/agent-policy.yml': `extends: acme/policies/org.yml@v1\n${EXCEPTION}` });
    const run = await cli(['check', dir, '--format', 'json'], process.cwd(), { GITHUB_TOKEN: 'secret-token' });
    expect(a.isDone() && b.isDone()).toBe(true);
    const report = JSON.parse(run.stdout);
    expect(report.policy.chain).toEqual(['.github/agent-policy.yml', 'acme/policies/org.yml@v1', 'acme/policies/base.yml@v1']);
    expect(report.exceptions[0]).toMatchObject({ id: 'local-net', status: 'invalid', line: 3 });
    expect(report.exceptions[0].detail).toContain('acme/policies/org.yml@v1 does not allow local exceptions');
    // An invalid exception suppresses nothing.
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['exception-invalid', 'network-access']);
    expect(run.code).toBe(1);
  });

  it('rejects a child that lowers a central level, with exit 2 and the line', async () => {
    remote('https://api.github.com', '', 'org.yml', ORG);
    remote('https://api.github.com', '', 'base.yml', BASE);
    const dir = makeRepo({
      [C]: NET,
      '.github/agent-policy.yml': 'extends: acme/policies/org.yml@v1\nrules:\n  network-access:\n    level: notice\n',
    });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '.github/agent-policy.yml:4:12: rules.network-access.level: "notice" would lower "error" set by acme/policies/org.yml@v1',
    );
  });

  it('honours GITHUB_API_URL with a GitHub Enterprise Server /api/v3 prefix', async () => {
    const scope = remote('https://ghe.example.test', '/api/v3', 'org.yml', 'rules:\n  network-access: { level: warning }\n');
    const dir = makeRepo({ [C]: NET, '.github/agent-policy.yml': 'extends: acme/policies/org.yml@v1\n' });
    const run = await cli(['check', dir, '--format', 'json'], process.cwd(), { GITHUB_API_URL: 'https://ghe.example.test/api/v3/' });
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(run.stdout).findings[0].level).toBe('warning');
  });

  it('a missing central policy, a forbidden one and a cycle are policy errors at the extends line', async () => {
    remote('https://api.github.com', '', 'org.yml', [404, '{"message":"Not Found"}']);
    const dir = makeRepo({ '.github/agent-policy.yml': 'version: 1\nextends: acme/policies/org.yml@v1\n' });
    const missing = await cli(['check', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      '.github/agent-policy.yml:2:10: extends "acme/policies/org.yml@v1": no policy file at acme/policies/org.yml@v1',
    );

    remote('https://api.github.com', '', 'org.yml', [403, '{"message":"Resource not accessible by integration"}']);
    const forbidden = await cli(['check', dir]);
    expect(forbidden.stderr).toMatch(
      /could not be read: GitHub answered 403: the token cannot read acme\/policies \(it needs contents: read/,
    );

    remote('https://api.github.com', '', 'org.yml', 'extends: ./org.yml\n');
    const cycle = await cli(['check', dir]);
    expect(cycle.stderr).toContain('acme/policies/org.yml@v1:1:10: extends "./org.yml" forms a cycle');
  });

  it('--policy may name a central policy directly', async () => {
    remote('https://api.github.com', '', 'org.yml', 'rules:\n  network-access: { level: notice }\n');
    const dir = makeRepo({ [C]: NET });
    const run = await cli(['check', dir, '--policy', 'acme/policies/org.yml@v1', '--format', 'json']);
    expect(JSON.parse(run.stdout).policy.source).toBe('acme/policies/org.yml@v1');
    expect(run.code).toBe(0);
  });
});
