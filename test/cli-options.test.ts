import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { cli, makeRepo, tempDir, TODAY, type CliRun } from './helpers/repo.js';

const FULL_ACCESS = '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';
const PUBLISH = 'prefix_rule(pattern = ["npm", "publish"], decision = "allow")\n';

/** The CLI on a terminal (isTTY), with the given environment. */
async function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: process.cwd(),
    isTTY: true,
    env,
    now: () => new Date(`${TODAY}T12:00:00Z`),
  });
  return { code, stdout, stderr };
}

const rulesOf = (run: CliRun): string[] => (JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
const pathsOf = (run: CliRun): string[] => (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);

describe('usage errors: one line in our own words, exit 2, no help text after', () => {
  const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS });
  const cases: [string[], string][] = [
    [['check', '--bogus'], 'unknown option --bogus'],
    [['review', dir, '--within', '-1'], '--within needs a value; for a value that starts with "-" write --within=VALUE'],
    [['review', dir, '--within=-1'], '--within takes a whole number, 0 or more (got "-1")'],
    [['review', dir, '--within', ''], '--within needs a value (got an empty one)'],
    [['check', dir, '--policy', ''], '--policy needs a value (got an empty one)'],
    [['check', '--format'], '--format needs a value'],
    [['check', '--quiet=yes'], '--quiet takes no value'],
    [['check', dir, '--within', '3'], '--within goes with review, not check'],
    [['review', dir, '--quiet'], '--quiet goes with check, not review'],
    [['rules', 'extra'], 'rules takes no arguments (got extra)'],
    [['check', dir, '--fail-on', 'error', '--fail-on', 'warning'], '--fail-on is given 2 times; give it once'],
    [
      ['check', dir, '--format', 'sarif', '--format', 'json'],
      'only one report can go to standard output; give every --format but one an --output',
    ],
    [['check', dir, '--rule', 'sandbox-mod'], '--rule: unknown rule "sandbox-mod"; the rules are sandbox-mode, network-access,'],
    [['check', dir, '--max-warnings', 'many'], '--max-warnings takes a whole number, 0 or more (got "many")'],
    [['check', dir, '--output', dir], '--output ' + dir + ": it is the checked repository's folder"],
    [['check', dir, '--output', join(dir, '.codex')], `--output ${join(dir, '.codex')}: it is a folder; name a file`],
    [['check', dir, '--output', '/dev/null/report.json'], '--output /dev/null/report.json: /dev/null is not a folder'],
    [
      ['check', dir, '--output', join(dir, '.codex/config.toml/x.json')],
      `--output ${join(dir, '.codex/config.toml/x.json')}: ${join(dir, '.codex/config.toml')} is not a folder`,
    ],
    [['check', dir, '--output', '/proc/nope/x'], '--output /proc/nope/x: /proc/nope does not exist and cannot be created under /proc'],
    [['init', join(dir, '.codex/config.toml')], "init takes the repository's folder"],
    [['frobnicate'], 'unknown command "frobnicate"; the commands are check, review, init, fix, preflight, rules'],
    [[], 'no command given'],
  ];
  it.each(cases)('%j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`agent-policy: ${message}`);
    expect(run.stderr).toMatch(/ \(see agent-policy --help\)\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).not.toMatch(/Usage:|To specify|ambiguous|ERR_/);
  });

  it('a refused --output is refused before anything is checked or written', async () => {
    const run = await cli([
      'check',
      dir,
      '--format',
      'json',
      '--output',
      join(dir, 'ok.json'),
      '--format',
      'sarif',
      '--output',
      '/dev/null/x',
    ]);
    expect(run.code).toBe(2);
    expect(() => readFileSync(join(dir, 'ok.json'))).toThrow();
  });

  it('a link on the way of a later --output refuses the run before the first report is written', async () => {
    const outside = tempDir('ap-outside-');
    const repo = makeRepo({ '.codex/config.toml': FULL_ACCESS });
    symlinkSync(outside, join(repo, 'reports'));
    symlinkSync(join(outside, 'target.json'), join(repo, 'latest.sarif'));
    for (const linked of [join(repo, 'reports', 'out.sarif'), join(repo, 'latest.sarif')]) {
      const run = await cli([
        'check',
        repo,
        '--format',
        'json',
        '--output',
        join(repo, 'first.json'),
        '--format',
        'sarif',
        '--output',
        linked,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /refusing to write through a link: (reports is a symbolic link inside the checked repository|it is a symbolic link)/,
      );
      expect(existsSync(join(repo, 'first.json'))).toBe(false);
    }
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('check: linter options', () => {
  const dir = makeRepo({
    '.codex/config.toml': FULL_ACCESS,
    '.codex/rules/team.rules': PUBLISH,
    '.agent-policy.yml': 'rules:\n  sandbox-mode: { level: warning }\n',
  });

  it('--quiet reports errors only; warnings still count for the exit code', async () => {
    const all = await cli(['check', dir, '--format', 'json']);
    expect(rulesOf(all).sort()).toEqual(['publish-deploy', 'sandbox-mode']);
    const quiet = await cli(['check', dir, '--quiet']);
    expect(quiet.stdout).toContain('publish-deploy');
    expect(quiet.stdout).not.toContain('sandbox-mode');
    expect(quiet.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 notices)');
    expect(rulesOf(await cli(['check', dir, '--quiet', '--format', 'json']))).toEqual(['publish-deploy']);
    const onlyWarnings = await cli(['check', dir, '--quiet', '--rule', 'sandbox-mode', '--fail-on', 'warning']);
    expect(onlyWarnings.stdout).toContain('✓ No problems');
    expect(onlyWarnings.code).toBe(1);
  });

  it('--rule narrows to the rules named, repeated or comma-separated', async () => {
    expect(rulesOf(await cli(['check', dir, '--format', 'json', '--rule', 'sandbox-mode']))).toEqual(['sandbox-mode']);
    const run = await cli(['check', dir, '--rule', 'sandbox-mode']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('publish-deploy');
    expect(rulesOf(await cli(['check', dir, '--format', 'json', '--rule', 'sandbox-mode,publish-deploy'])).sort()).toEqual([
      'publish-deploy',
      'sandbox-mode',
    ]);
    expect(rulesOf(await cli(['check', dir, '--format', 'json', '--rule', 'network-access', '--rule', 'publish-deploy']))).toEqual([
      'publish-deploy',
    ]);
  });

  it('--max-warnings N fails the run when there are more than N warnings', async () => {
    const only = ['check', dir, '--rule', 'sandbox-mode'];
    expect((await cli([...only, '--max-warnings', '1'])).code).toBe(0);
    const over = await cli([...only, '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('agent-policy: 1 warning, more than --max-warnings 0 allows.\n');
  });

  it('several --format/--output pairs in one run; the one without --output goes to standard output', async () => {
    const out = join(dir, 'reports', 'a.sarif');
    const run = await cli(['check', dir, '--format', 'sarif', '--output', out, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(JSON.parse(run.stdout).schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('markdown is a format of check', async () => {
    const run = await cli(['check', dir, '--format', 'markdown']);
    expect(run.stdout).toMatch(/^## ❌ agent-policy/);
    expect(run.stdout).toContain('| warning | sandbox-mode | `.codex/config.toml` | 2:16 |');
  });

  it('text is coloured on a terminal only, and never with --no-color, NO_COLOR or FORCE_COLOR=0', async () => {
    const escape = '\u001b[';
    expect((await onTerminal(['check', dir])).stdout).toContain(escape);
    expect((await onTerminal(['check', dir, '--no-color'])).stdout).not.toContain(escape);
    expect((await onTerminal(['check', dir], { NO_COLOR: '1' })).stdout).not.toContain(escape);
    expect((await onTerminal(['check', dir], { FORCE_COLOR: '0' })).stdout).not.toContain(escape);
    expect((await onTerminal(['check', dir], { TERM: 'dumb' })).stdout).not.toContain(escape);
    expect((await cli(['check', dir])).stdout).not.toContain(escape);
    expect((await cli(['check', dir], process.cwd(), { FORCE_COLOR: '1' })).stdout).toContain(escape);
    expect((await cli(['check', dir, '--color'])).stdout).toContain(escape);
    expect((await cli(['check', dir, '--no-color'], process.cwd(), { FORCE_COLOR: '1' })).stdout).not.toContain(escape);
  });
});

describe('check PATH...: files, folders and globs inside one repository', () => {
  const dir = makeRepo({
    'a/.codex/config.toml': FULL_ACCESS,
    'b/.codex/config.toml': FULL_ACCESS,
    'b/.codex/rules/team.rules': PUBLISH,
    '.github/agent-policy.yml': 'rules:\n  publish-deploy: { level: off }\n',
  });

  it("a folder inside the repository narrows the report; the policy is still the repository root's", async () => {
    const run = await cli(['check', 'a', '--format', 'json'], dir);
    expect(pathsOf(run)).toEqual(['a/.codex/config.toml']);
    expect(JSON.parse(run.stdout).policy.source).toBe('.github/agent-policy.yml');
    expect(JSON.parse(run.stdout).summary.files).toBe(1);
    expect(pathsOf(await cli(['check', join(dir, 'b'), '--format', 'json']))).toEqual(['b/.codex/config.toml']);
  });

  it('several paths, files and globs', async () => {
    expect(pathsOf(await cli(['check', 'a/.codex/config.toml', 'b', '--format', 'json'], dir))).toEqual([
      'a/.codex/config.toml',
      'b/.codex/config.toml',
    ]);
    expect(pathsOf(await cli(['check', '*/.codex/config.toml', '--format', 'json'], dir))).toEqual([
      'a/.codex/config.toml',
      'b/.codex/config.toml',
    ]);
    expect(pathsOf(await cli(['check', 'b/**/*.toml', '--format', 'json'], dir))).toEqual(['b/.codex/config.toml']);
    expect(pathsOf(await cli(['check', dir, '--format', 'json']))).toHaveLength(2);
  });

  it('a path outside the repository or missing is a usage error', async () => {
    const other = makeRepo({ 'x.txt': 'x' });
    const outside = await cli(['check', '.', other], dir);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain(`${other} is outside the checked repository ${dir}`);
    expect((await cli(['check', 'nope'], dir)).stderr).toContain('no such file or directory: nope');
  });
});

describe('rules, review and --version', () => {
  it('--version names the rules catalogue', async () => {
    const run = await cli(['--version']);
    expect(run.stdout).toMatch(/^agent-policy \d+\.\d+\.\d+ \(rules catalogue [0-9a-f]{12}, \d+ rules\)\n$/);
  });

  it('rules --format json lists each rule with its docs link and fix', async () => {
    const report = JSON.parse((await cli(['rules', '--format', 'json'])).stdout);
    expect(report.catalogueVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(report.rules[0]).toMatchObject({
      id: 'sandbox-mode',
      defaultLevel: 'error',
      docs: expect.stringContaining('docs/rules/sandbox-mode.md'),
    });
    expect(report.rules[0].fix).toContain('workspace-write');
  });

  it('review --base reads the register of the policy in force at the base revision', async () => {
    const policy = (id: string): string =>
      `exceptions:\n  - id: ${id}\n    rule: sandbox-mode\n    paths: [".codex/config.toml"]\n    reason: r\n    owner: "@o"\n    expires: 2026-12-31\n`;
    const dir = makeRepo({ '.codex/config.toml': FULL_ACCESS, '.agent-policy.yml': policy('at-base') });
    const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    writeFileSync(join(dir, '.agent-policy.yml'), policy('in-work-tree'));
    const ids = async (...args: string[]): Promise<string[]> =>
      (JSON.parse((await cli(['review', dir, '--format', 'json', ...args])).stdout) as { exceptions: { id: string }[] }).exceptions.map(
        (e) => e.id,
      );
    expect(await ids()).toEqual(['in-work-tree']);
    expect(await ids('--base', base)).toContain('at-base');
  });
});

describe('init and policy files', () => {
  it('init warns when another policy file exists, and check refuses two policy files', async () => {
    const dir = makeRepo({ '.agent-policy.yml': 'version: 1\n' });
    const run = await cli(['init', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: .agent-policy.yml also exists; a repository may have one policy file');
    const checked = await cli(['check', dir]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain(
      '.agent-policy.yml:1:1: a second policy file (.github/agent-policy.yml, .agent-policy.yml all exist); keep one and remove the others',
    );
  });

  it('--force is in the help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/--force +overwrite an existing policy file/);
  });

  it('init in a folder that does not exist yet creates it', async () => {
    const dir = join(tempDir('agent-policy-init-'), 'new');
    expect((await cli(['init', dir])).code).toBe(0);
    expect(existsSync(join(dir, '.github/agent-policy.yml'))).toBe(true);
  });

  it('init in a folder of a repository is refused: the policy is read from the top only', async () => {
    const repo = makeRepo({ 'packages/web/x.txt': 'x' });
    const run = await cli(['init', join(repo, 'packages/web')]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('packages/web is a folder of the repository at');
    expect(existsSync(join(repo, 'packages/web/.github'))).toBe(false);
    expect((await cli(['init', '--agent', 'codex', join(repo, 'packages/web')])).code).toBe(0);
  });
});
