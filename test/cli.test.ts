import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeRepo } from './helpers/repo.js';

const FULL_ACCESS = '# team config\n[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';

describe('check: exit codes and the done-when cases', () => {
  it('a danger-full-access profile gives a sandbox-mode finding at its line and exit 1', async () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '.codex/config.toml\n  3:16  error    sandbox_mode = "danger-full-access" (profile "yolo") turns the sandbox off',
    );
    expect(run.stdout).toContain('sandbox-mode');
    expect(run.stdout).toContain('Policy: the embedded "default" policy (no .github/agent-policy.yml or .agent-policy.yml found).');
  });

  it('the compliant example of the reference gives nothing and exit 0', async () => {
    const compliant = readFileSync(join(import.meta.dirname, 'fixtures/codex/compliant.toml'), 'utf8');
    const run = await cli(['check', makeRepo({ '.codex/config.toml': compliant })]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('✓ No problems (1 agent file checked).');
  });

  it('--fail-on decides the exit code', async () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS, '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: notice }\n' });
    expect((await cli(['check', dir])).code).toBe(0);
    expect((await cli(['check', dir, '--fail-on', 'warning'])).code).toBe(0);
    expect((await cli(['check', dir, '--fail-on', 'notice'])).code).toBe(1);
    expect((await cli(['check', dir, '--fail-on', 'never'])).code).toBe(0);
  });

  it('--min-confidence sets the minimum for this run; a bad value, or with review, is a usage error', async () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS, '.agent-policy.yml': 'extends: strict\n' });
    const minimum = async (...args: string[]): Promise<unknown> =>
      JSON.parse((await cli(['check', dir, '--format', 'json', ...args])).stdout).policy.guidanceMinConfidence;
    expect(await minimum()).toBe('medium');
    expect(await minimum('--min-confidence', 'low')).toBe('low');
    expect(await minimum('--min-confidence', 'high')).toBe('high');
    const bad = await cli(['check', dir, '--min-confidence', 'certain']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-confidence must be one of high, medium, low (got "certain")');
    expect((await cli(['review', dir, '--min-confidence', 'low'])).stderr).toContain('--min-confidence goes with check');
  });

  it('a rule turned off reports nothing', async () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS, '.github/agent-policy.yml': 'rules:\n  sandbox-mode: { level: off }\n' });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Policy: .github/agent-policy.yml.');
  });

  it('usage errors exit 2 with one line that points at --help', async () => {
    expect((await cli(['check', '--format', 'xml'])).code).toBe(2);
    expect((await cli(['check', '--format', 'xml'])).stderr).toBe(
      'agent-policy: --format must be one of text, json, sarif, github, markdown (got "xml") (see agent-policy --help)\n',
    );
    expect((await cli(['check', '--nope'])).code).toBe(2);
    expect((await cli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
    expect((await cli([])).code).toBe(2);
    expect((await cli(['check', '/no/such/dir'])).stderr).toContain('no such file or directory: /no/such/dir');
    // review takes the repository's folder: a file there is refused, not checked as an empty repository.
    const file = join(makeRepo({ 'AGENTS.md': 'Run tests.\n' }), 'AGENTS.md');
    const run = await cli(['review', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`not a directory: ${file}`);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).stdout).toMatch(/^agent-policy \d+\.\d+\.\d+ \(rules catalogue [0-9a-f]{12}, \d+ rules\)\n$/);
  });

  it('--output writes the report to a file', async () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS });
    const run = await cli(['check', dir, '--format', 'json', '--output', join(dir, 'out/report.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')).summary).toMatchObject({ findings: 1, errors: 1, failed: true });
  });
});

describe('check: discovery', () => {
  it('only committed files count; untracked ones are never reported', async () => {
    const dir = makeRepo({ 'README.md': 'hi' }, { untracked: { '.codex/config.toml': FULL_ACCESS } });
    const run = await cli(['check', dir, '--format', 'json']);
    expect(JSON.parse(run.stdout).summary.files).toBe(0);
    expect(run.code).toBe(0);
  });

  it('walks the directory outside a git work tree, skipping .git-less node_modules', async () => {
    const dir = makeRepo({ 'app/.codex/config.toml': FULL_ACCESS, 'node_modules/pkg/.codex/config.toml': FULL_ACCESS }, { git: false });
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(report.files).toEqual([{ path: 'app/.codex/config.toml', agent: 'codex' }]);
  });

  it('never follows a symlink out of the repository; reports it instead', async () => {
    const outside = makeRepo({ 'config.toml': FULL_ACCESS }, { git: false });
    const dir = makeRepo({ 'README.md': 'x' }, { git: false });
    mkdirSync(join(dir, '.codex'));
    symlinkSync(join(outside, 'config.toml'), join(dir, '.codex/config.toml'));
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'config-unparseable', path: '.codex/config.toml', line: 1 });
    expect(report.findings[0].message).toContain('points outside the repository');
  });

  it('follows a symlink that stays inside the repository', async () => {
    const dir = makeRepo({ 'shared/codex.toml': FULL_ACCESS }, { git: false });
    mkdirSync(join(dir, '.codex'));
    symlinkSync('../shared/codex.toml', join(dir, '.codex/config.toml'));
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(report.findings.map((f: { ruleId: string; line: number }) => `${f.line}:${f.ruleId}`)).toEqual(['3:sandbox-mode']);
  });

  it('reports files over 1 MiB without parsing them, and invalid UTF-8 at its line', async () => {
    const big = `${'# padding\n'.repeat(110_000)}sandbox_mode = "danger-full-access"\n`;
    const bad = Buffer.concat([Buffer.from('model = "o3"\nname = "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]);
    const dir = makeRepo({ 'a/.codex/config.toml': big, 'b/.codex/config.toml': bad });
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(
      report.findings.map(
        (f: { path: string; line: number; column: number; ruleId: string }) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`,
      ),
    ).toEqual(['a/.codex/config.toml:1:1:config-unparseable', 'b/.codex/config.toml:2:12:config-unparseable']);
    expect(report.findings[0].message).toMatch(/over the 1 MiB limit/);
    expect(report.findings[1].message).toMatch(/not valid UTF-8 \(byte 0xc3/);
  });

  it('a script over 1 MiB or not UTF-8 fails when its text names an agent, and is no agent file when it names none; a workflow always fails', async () => {
    const pad = '# padding\n'.repeat(110_000);
    // The name starts three bytes before the first 1 MiB read ends: seen across the two reads.
    const across = `${'#'.repeat(1024 * 1024 - 4)}\nclaude --dangerously-skip-permissions\n`;
    // 5,000 line continuations inside the name, across the same end: bash runs `claude`.
    const continued = `${'#'.repeat(1024 * 1024 - 4)}\ncla${'\\\n'.repeat(5_000)}ude --dangerously-skip-permissions\n`;
    const latin1 = (text: string): Buffer => Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${text}\n`)]);
    // Windows PowerShell 5.1 writes UTF-16 with a byte order mark.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('claude --dangerously-skip-permissions\r\n', 'utf16le')]);
    const dir = makeRepo({
      '.zshrc': `${pad}alias cc='claude --dangerously-skip-permissions'\n`,
      'run.sh': across,
      'continued.sh': continued,
      'profile.ps1': utf16,
      '.github/workflows/big.yml': `${pad}on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: gemini --yolo -p hi\n`,
      // A workflow may start an agent through a script it runs by path: its text need not name one.
      '.github/workflows/ci.yml': `${pad}on: push\n`,
      'latin.sh': latin1('codex --yolo exec hi'),
      'bundle.sh': `${pad}echo done\n`,
      'other.sh': latin1('echo done'),
    });
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(
      report.findings.map(
        (f: { path: string; line: number; column: number; ruleId: string }) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`,
      ),
    ).toEqual([
      '.github/workflows/big.yml:1:1:config-unparseable',
      '.github/workflows/ci.yml:1:1:config-unparseable',
      '.zshrc:1:1:config-unparseable',
      'continued.sh:1:1:config-unparseable',
      'latin.sh:1:6:config-unparseable',
      'profile.ps1:1:1:config-unparseable',
      'run.sh:1:1:config-unparseable',
    ]);
    expect(report.findings.every((f: { level: string }) => f.level === 'error')).toBe(true);
    // The digest of its bytes: a change to the file is a changed finding against a base revision.
    expect(report.findings[6].message).toMatch(
      /^run\.sh is \d+ bytes, over the 1 MiB limit; .*\(its bytes' sha256 starts [0-9a-f]{12}\)\.$/,
    );
    expect(report.coverage.skipped).toEqual([]);
  });

  it('handles file names with spaces and non-ASCII characters', async () => {
    const dir = makeRepo({ 'my app/ünï/.codex/config.toml': FULL_ACCESS });
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(report.findings[0].path).toBe('my app/ünï/.codex/config.toml');
  });
});

describe('check: output formats', () => {
  const dir = makeRepo({
    '.codex/config.toml': FULL_ACCESS,
    '.codex/rules/team.rules': 'prefix_rule(pattern = ["npm", "publish"], decision = "allow")\n',
  });

  it('text groups by file, shows line:col, level, message and rule, without colour off a TTY', async () => {
    const out = (await cli(['check', dir])).stdout;
    expect(out).not.toContain('\u001b[');
    expect(out.split('\n').slice(0, 6)).toEqual([
      '.codex/config.toml',
      '  3:16  error    sandbox_mode = "danger-full-access" (profile "yolo") turns the sandbox off: the agent can run any command, reach the network and write outside the repository. The team default is workspace-write.  sandbox-mode',
      '',
      '.codex/rules/team.rules',
      '  1:54  error    prefix_rule(pattern = ["npm", "publish"], decision = "allow") lets the agent run `npm publish` without a human.  publish-deploy',
      '',
    ]);
    expect(out).toContain('✖ 2 problems (2 errors, 0 warnings, 0 notices) in 2 agent files checked.');
  });

  it('json is versioned and stable', async () => {
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.policy).toEqual({ source: 'default', embedded: true, chain: ['default'], guidanceMinConfidence: 'high' });
    expect(report.findings[0]).toEqual({
      ruleId: 'sandbox-mode',
      level: 'error',
      message: expect.stringContaining('turns the sandbox off'),
      path: '.codex/config.toml',
      line: 3,
      column: 16,
      endLine: 3,
      endColumn: 36,
      agent: 'codex',
      keyPath: 'profiles.yolo.sandbox_mode',
      evidence: 'sandbox_mode = "danger-full-access"',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      confidence: 'high',
      configuredLevel: null,
      suppression: null,
      baselineState: null,
      docs: 'https://github.com/agent-policy/agent-policy/blob/v0.1.0/docs/rules/sandbox-mode.md',
      fix: expect.stringContaining('workspace-write'),
    });
  });

  it('github emits escaped workflow commands, most severe first', async () => {
    const policyDir = makeRepo({
      '.codex/config.toml': FULL_ACCESS,
      '.codex/rules/team.rules': 'prefix_rule(pattern = ["npm", "publish"], decision = "allow")\n',
      '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: notice }\n',
    });
    const lines = (await cli(['check', policyDir, '--format', 'github'])).stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=\.codex\/rules\/team\.rules,line=1,col=54,endColumn=61,title=agent-policy publish-deploy::prefix_rule/,
    );
    expect(lines[1]).toMatch(/^::notice file=\.codex\/config\.toml,line=3,col=16,/);
    expect(lines.at(-1)).toMatch(/^2 findings in 2 agent files\./);
  });

  it('sarif output is byte-identical across runs', async () => {
    expect((await cli(['check', dir, '--format', 'sarif'])).stdout).toBe((await cli(['check', dir, '--format', 'sarif'])).stdout);
  });
});

describe('init and rules', () => {
  it('init writes a commented policy that loads as the default, and refuses to overwrite', async () => {
    const dir = makeRepo({ 'README.md': 'x' });
    expect((await cli(['init', dir])).code).toBe(0);
    const text = readFileSync(join(dir, '.github/agent-policy.yml'), 'utf8');
    expect(text).toContain('# Default local mode is workspace-write.');
    const run = await cli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).policy.source).toBe('.github/agent-policy.yml');
    expect((await cli(['init', dir])).code).toBe(2);
    writeFileSync(join(dir, '.github/agent-policy.yml'), 'x: 1\n');
    expect((await cli(['init', dir, '--force'])).code).toBe(0);
  });

  it('rules lists every rule with its docs link', async () => {
    const out = (await cli(['rules'])).stdout;
    for (const id of [
      'sandbox-mode',
      'network-access',
      'outside-writes',
      'publish-deploy',
      'secret-access',
      'config-unparseable',
      'hidden-text',
    ]) {
      expect(out).toContain(`docs/rules/${id}.md`);
    }
  });
});

describe('the committed bundle', () => {
  const root = join(import.meta.dirname, '..');

  it('dist/ and generated files are current', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it("checks a repository's regular expression of many wildcards against a long allowed command without stalling", () => {
    // Backtracking takes more than ten minutes here; V8's linear engine, past its backtracking limit, well under one second.
    const deny = `/^${'.*a'.repeat(12)}.*b$/`;
    const dir = makeRepo({
      '.vscode/settings.json': JSON.stringify({ 'chat.tools.terminal.autoApprove': { [`curl ${'a'.repeat(300)}`]: true, [deny]: false } }),
    });
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', dir, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('lets the agent run curl without asking');
  });

  it('a regular expression the linear engine cannot take, or takes once the `i` flag is written out, does not stall either', () => {
    const optional = `${'a?'.repeat(30)}${'a'.repeat(30)}b`;
    const dir = makeRepo({
      '.vscode/settings.json': JSON.stringify({
        'chat.tools.terminal.autoApprove': {
          [`curl ${'a'.repeat(400)}`]: true,
          [`/${'.*a'.repeat(8)}.*b/i`]: false,
          [`/${optional}/i`]: false,
          [`/(?!x)${optional}/`]: false,
          [`/(?<=(c))${'.*a'.repeat(8)}.*b/`]: false,
        },
      }),
    });
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', dir, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('lets the agent run curl without asking');
  });

  it('dist/cli.js runs under the node on PATH (the machine default, e.g. Node 20) and under Node 24', () => {
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS });
    for (const node of ['node', process.execPath]) {
      const run = spawnSync(node, [join(root, 'dist/cli.js'), 'check', dir], { encoding: 'utf8' });
      expect(run.status, `${node}: ${run.stderr}`).toBe(1);
      expect(run.stdout).toContain('3:16  error');
    }
  });
});
