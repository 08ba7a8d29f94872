import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, makeRepo } from './helpers/repo.js';
import { prPayload, prRepo, runAction } from './action/harness.js';

const FULL = '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';
const PUBLISH = '# Agents\n\nWhen all tests pass, publish the package yourself with `npm publish`.\n';

const exception = (id: string, path: string): string =>
  `  - id: ${id}\n    rule: sandbox-mode\n    paths: ["${path}"]\n    reason: r\n    owner: "@acme/web"\n    expires: 2027-01-31\n`;

/** A monorepo with the same config at the top and in packages/web, and a policy at the top. */
function monorepo(policy: string, more: Record<string, string> = {}): string {
  return makeRepo({
    '.codex/config.toml': FULL,
    'packages/web/.codex/config.toml': FULL,
    'packages/web/AGENTS.md': PUBLISH,
    'packages/api/AGENTS.md': PUBLISH,
    '.github/agent-policy.yml': policy,
    ...more,
  });
}

interface JsonReport {
  findings: { path: string; ruleId: string; message: string; level: string; suppression: unknown }[];
  files: { path: string }[];
  coverage: { scope: string | null; gitignored: string[]; ignored: string[]; nestedPolicies: string[] };
}

describe('a folder of a repository', () => {
  const policy = `version: 1\nrules:\n  publish-deploy: { level: warning }\nexceptions:\n${exception('web-yolo', 'packages/web/.codex/config.toml')}${exception('top-yolo', '.codex/config.toml')}`;

  it('check packages/web: paths are repository-relative, the policy comes from the top, exception paths match', async () => {
    const dir = monorepo(policy);
    const out = await cli(['check', 'packages/web', '--format', 'json'], dir);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['packages/web/.codex/config.toml', 'packages/web/AGENTS.md']);
    // The top's policy lowered publish-deploy to a warning, and its exception for the folder's config applies.
    const counted = report.findings.filter((f) => f.suppression === null);
    expect(counted.map((f) => `${f.path}:${f.ruleId}:${f.level}`)).toEqual(['packages/web/AGENTS.md:publish-deploy:warning']);
    expect(out.code).toBe(0);
    // The exception for the top's own config has nothing to match in this folder: it is not reported unused.
    expect(out.stdout).not.toContain('exception-unused');
    expect(report.coverage.scope).toBe('packages/web');
  });

  it('the CLI run inside the folder says the same, in text and SARIF', async () => {
    const dir = monorepo(policy);
    const text = await cli(['check'], join(dir, 'packages/web'));
    expect(text.stdout).toContain('packages/web/AGENTS.md\n');
    expect(text.stdout).toContain('Only packages/web/ was checked');
    expect(text.stdout).toContain('Policy: .github/agent-policy.yml');
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--fail-on', 'never'], join(dir, 'packages/web'))).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.every((u) => u.startsWith('packages/web/'))).toBe(true);
  });

  it('the whole repository still reports an exception that matches nothing anywhere as unused', async () => {
    const dir = monorepo(`version: 1\nexceptions:\n${exception('api-yolo', 'packages/api/AGENTS.md')}`);
    expect((await cli(['check', 'packages/web'], dir)).stdout).not.toContain('exception-unused');
    expect((await cli(['check', 'packages/api'], dir)).stdout).toContain('exception-unused');
    // Files and globs narrow the report of the whole repository, which keeps what it says of the exceptions.
    expect((await cli(['check', 'packages/api/AGENTS.md'], dir)).stdout).toContain('exception-unused');
    expect((await cli(['check', 'packages/*/AGENTS.md', 'packages/web'], dir)).stdout).toContain('exception-unused');
  });

  it('--base in a folder reads the policy in force from the top at that revision', async () => {
    const dir = monorepo('version: 1\n');
    const { execFileSync } = await import('node:child_process');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, '.github/agent-policy.yml'), 'version: 1\nrules:\n  sandbox-mode: { level: off }\n');
    execFileSync('git', ['commit', '-qam', 'weaken'], { cwd: dir, env });
    const out = await cli(['check', 'packages/web', '--base', 'HEAD~1', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as JsonReport;
    // The rule the head turned off is in force as the base has it; the change is reported.
    expect(report.findings.map((f) => `${f.path}:${f.ruleId}:${f.level}`)).toContain('packages/web/.codex/config.toml:sandbox-mode:error');
    const changes = (JSON.parse(out.stdout) as { policyChanges: { changes: { file: string; weakens: boolean }[] } }).policyChanges.changes;
    expect(changes).toContainEqual(expect.objectContaining({ file: '.github/agent-policy.yml', weakens: true }));
  });

  it('a policy file in a folder is never read, and every output says so', async () => {
    const dir = monorepo('version: 1\n', {
      'packages/web/.github/agent-policy.yml': 'version: 1\nrules:\n  sandbox-mode: { level: off }\n',
    });
    const out = await cli(['check', 'packages/web', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.findings.map((f) => f.ruleId)).toContain('sandbox-mode');
    expect(report.coverage.nestedPolicies).toEqual(['packages/web/.github/agent-policy.yml']);
    expect((await cli(['check', 'packages/web'], dir)).stdout).toContain(
      "1 policy file is in a folder below the repository's top and is not read",
    );
  });
});

describe('outside git, what a .gitignore excludes', () => {
  it('is skipped and counted, with nested files and negations as git reads them', async () => {
    const dir = makeRepo(
      {
        '.gitignore': '.venv/\nbuild/\n*.local.md\n',
        '.venv/lib/AGENTS.md': PUBLISH,
        'build/AGENTS.md': PUBLISH,
        'notes.local.md': PUBLISH,
        'AGENTS.md': '# Agents\n\nRun the tests.\n',
        'pkg/.gitignore': 'vendor/\n!keep/\n',
        'pkg/vendor/AGENTS.md': PUBLISH,
        'pkg/AGENTS.md': PUBLISH,
        'Build/AGENTS.md': PUBLISH,
      },
      { git: false },
    );
    const out = await cli(['check', '--format', 'json', '--fail-on', 'never'], dir);
    const report = JSON.parse(out.stdout) as JsonReport;
    // Git matches names case-sensitively: Build/ is not build/.
    expect(report.files.map((f) => f.path)).toEqual(['AGENTS.md', 'Build/AGENTS.md', 'pkg/AGENTS.md']);
    expect(report.coverage.gitignored).toEqual(['.venv/', 'build/', 'notes.local.md', 'pkg/vendor/']);
    const text = await cli(['check', '--fail-on', 'never'], dir);
    expect(text.stdout).toContain(
      '4 paths were skipped because a .gitignore excludes them (not a git work tree): .venv/, build/, notes.local.md, pkg/vendor/.',
    );
  });

  it('a .gitignore that is a link is not followed', async () => {
    const dir = makeRepo({ 'real-ignore': 'build/\n', 'build/AGENTS.md': PUBLISH }, { git: false });
    const { symlinkSync } = await import('node:fs');
    symlinkSync('real-ignore', join(dir, '.gitignore'));
    const report = JSON.parse((await cli(['check', '--format', 'json', '--fail-on', 'never'], dir)).stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['build/AGENTS.md']);
  });

  it('a pattern that would backtrack, and patterns past the bound, are not used: the files are read', async () => {
    const name = 'a'.repeat(60);
    const many = Array.from({ length: 1000 }, (_, i) => `unused-${i}/`).join('\n');
    const dir = makeRepo(
      { '.gitignore': `a*a*a*a*a*a*a*a*a*a*a*a*b\n${many}\nlate/\n`, [`${name}/AGENTS.md`]: PUBLISH, 'late/AGENTS.md': PUBLISH },
      { git: false },
    );
    const report = JSON.parse((await cli(['check', '--format', 'json', '--fail-on', 'never'], dir)).stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual([`${name}/AGENTS.md`, 'late/AGENTS.md']);
  });

  it('the action, a gate, reads what a .gitignore excludes: a pull request could add one to hide its files', async () => {
    const { loadRepository } = await import('../src/io/repository.js');
    const dir = makeRepo({ '.gitignore': '.claude/\n', '.claude/settings.json': '{}\n', 'AGENTS.md': PUBLISH }, { git: false });
    expect((await loadRepository(dir)).files.map((f) => f.path)).toEqual(['AGENTS.md']);
    const all = await loadRepository(dir, undefined, { gitignore: false });
    expect(all.files.map((f) => f.path)).toEqual(['.claude/settings.json', 'AGENTS.md']);
  });
});

describe('the policy ignore option', () => {
  it('leaves the files it lists unchecked, says so, and reports an entry that matches nothing like an orphaned exception', async () => {
    const dir = makeRepo({
      'AGENTS.md': '# Agents\n\nRun the tests.\n',
      'test/fixtures/bad/.codex/config.toml': FULL,
      'vendor/tool/AGENTS.md': PUBLISH,
      '.github/agent-policy.yml': 'version: 1\nignore:\n  - "test/fixtures/**"\n  - vendor/**\n  - generated/**\n',
    });
    const out = await cli(['check', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['AGENTS.md']);
    expect(report.coverage.ignored).toEqual(['test/fixtures/bad/.codex/config.toml', 'vendor/tool/AGENTS.md']);
    expect(report.findings.map((f) => `${f.path}:${f.ruleId}:${f.message}`)).toEqual([
      '.github/agent-policy.yml:exception-orphaned:Ignore entry "generated/**" matches no committed file; remove it or fix the pattern.',
    ]);
    const text = await cli(['check'], dir);
    expect(text.stdout).toContain('.github/agent-policy.yml\n  5:5  warning  Ignore entry "generated/**"');
    expect(text.stdout).toContain("2 agent files were not checked because the policy's ignore lists them");
  });

  it('under a policy that allows no local exceptions, an ignore entry does not apply and is reported', async () => {
    const dir = makeRepo({
      'vendor/AGENTS.md': PUBLISH,
      '.github/central.yml': 'version: 1\nsettings:\n  allow-local-exceptions: false\n',
      '.github/agent-policy.yml': 'version: 1\nextends: ./central.yml\nignore: ["vendor/**"]\n',
    });
    const out = await cli(['check', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.ruleId}`)).toEqual([
      '.github/agent-policy.yml:exception-invalid',
      'vendor/AGENTS.md:publish-deploy',
    ]);
    expect(out.code).toBe(1);
  });

  it('an ignore entry a change adds does not apply to that change, and is reported as loosening the policy', async () => {
    const dir = makeRepo({ 'vendor/AGENTS.md': PUBLISH, '.github/agent-policy.yml': 'version: 1\n' });
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
    writeFileSync(join(dir, '.github/agent-policy.yml'), 'version: 1\nignore: ["vendor/**"]\n');
    execFileSync('git', ['commit', '-qam', 'ignore vendor'], { cwd: dir, env });
    const out = await cli(['check', '--base', 'HEAD~1', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as JsonReport & {
      policyChanges: { changes: { kind: string; weakens: boolean; line: number; message: string }[] };
    };
    expect(report.findings.map((f) => `${f.path}:${f.ruleId}`)).toEqual(['vendor/AGENTS.md:publish-deploy']);
    expect(report.policyChanges.changes).toContainEqual(
      expect.objectContaining({
        kind: 'ignore',
        weakens: true,
        line: 2,
        message: expect.stringContaining('ignore "vendor/**" is added since HEAD~1'),
      }),
    );
  });

  it('an invalid ignore is a policy error at its line', async () => {
    const dir = makeRepo({ '.github/agent-policy.yml': 'version: 1\nignore: vendor/**\n' });
    const out = await cli(['check'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('.github/agent-policy.yml:2:9: ignore: must be an array');
  });

  it('an exception whose paths match no committed file is orphaned in a repository of many files', async () => {
    const dir = makeRepo({
      'AGENTS.md': '# Agents\n',
      'README.md': 'x\n',
      'src/a.ts': 'x\n',
      '.github/agent-policy.yml': `version: 1\nexceptions:\n${exception('gone', 'gone/**')}`,
    });
    expect((await cli(['check'], dir)).stdout).toContain('exception-orphaned');
  });
});

describe('the action with working-directory', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it('annotates, summarises and writes SARIF with repository-relative paths, under the policy at the top', async () => {
    const dir = monorepo('version: 1\nrules:\n  sandbox-mode: { level: warning }\n  publish-deploy: { level: off }\n');
    const out = await runAction({
      workspace: dir,
      event: 'push',
      payload: {},
      inputs: { token: '', 'working-directory': 'packages/web', 'sarif-file': 'report.sarif' },
    });
    expect(out.stdout).toMatch(/^::warning title=agent-policy sandbox-mode,file=packages\/web\/\.codex\/config\.toml,line=2/m);
    expect(out.stdout).not.toMatch(/file=\.codex\/config\.toml/);
    expect(out.summary).toContain('packages/web/.codex/config.toml');
    expect(out.summary).toContain('Only packages/web/ was checked');
    const sarif = readFileSync(join(dir, 'report.sarif'), 'utf8');
    expect(sarif).toContain('"uri": "packages/web/.codex/config.toml"');
    expect(out.exitCode).toBeUndefined();
  });

  it("on a pull request, the policy in force is the base commit's top policy, whatever the PR adds in the folder", async () => {
    const { dir, baseSha, headSha } = prRepo(
      { 'README.md': 'x', '.github/agent-policy.yml': 'version: 1\n' },
      {
        'packages/web/.codex/config.toml': FULL,
        '.github/agent-policy.yml': 'version: 1\nrules:\n  sandbox-mode: { level: off }\n',
        'packages/web/.github/agent-policy.yml': 'version: 1\nrules:\n  sandbox-mode: { level: off }\n',
      },
    );
    const out = await runAction({
      workspace: dir,
      event: 'pull_request',
      payload: prPayload(baseSha, headSha),
      inputs: { token: '', 'working-directory': 'packages/web' },
    });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(/^::error title=agent-policy sandbox-mode,file=packages\/web\/\.codex\/config\.toml/m);
  });
});
