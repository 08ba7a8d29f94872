import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, makeRepo, tempDir } from './helpers/repo.js';
import { writeFixedFile } from '../src/io/fixed-file.js';
import { lint } from '../src/engine/lint.js';
import { resolvePolicy } from '../src/policy/load.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'fix');

/** Each fix kind: its fixture's extension, where the agent reads the file, and the rules whose findings it fixes. */
const KINDS: Record<string, { ext: string; target: string; rules: string[] }> = {
  'codex-sandbox': { ext: 'toml', target: '.codex/config.toml', rules: ['sandbox-mode'] },
  'codex-network': { ext: 'toml', target: '.codex/config.toml', rules: ['network-access'] },
  'codex-writable-roots': { ext: 'toml', target: '.codex/config.toml', rules: ['outside-writes'] },
  'codex-prefix-rule': {
    ext: 'rules',
    target: '.codex/rules/default.rules',
    rules: ['publish-deploy', 'destructive-actions', 'network-access'],
  },
  'claude-allow-to-ask': { ext: 'json', target: '.claude/settings.json', rules: ['publish-deploy'] },
  'claude-default-mode': { ext: 'json', target: '.claude/settings.json', rules: ['sandbox-mode'] },
  'vscode-auto-approve': { ext: 'jsonc', target: '.vscode/settings.json', rules: ['sandbox-mode'] },
  'mcp-env-secret': { ext: 'json', target: '.mcp.json', rules: ['secret-access'] },
  'aider-yes-always': { ext: 'yml', target: '.aider.conf.yml', rules: ['sandbox-mode'] },
  'workflow-flag': { ext: 'yml', target: '.github/workflows/agent.yml', rules: ['sandbox-mode'] },
};

const fixture = (kind: string, side: 'before' | 'after'): string =>
  readFileSync(join(fixtures, kind, `${side}.${KINDS[kind]!.ext}`), 'utf8');

interface JsonFinding {
  ruleId: string;
  path: string;
  keyPath: string;
  evidence: string;
}
const findingsOf = async (dir: string): Promise<JsonFinding[]> =>
  (JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as { findings: JsonFinding[] }).findings;
const keyOf = (f: JsonFinding): string => `${f.ruleId} ${f.path} ${f.evidence}`;

describe('fix: one fixture per kind, byte for byte', () => {
  it('every kind has its before and after files', () => {
    expect(readdirSync(fixtures).sort()).toEqual(Object.keys(KINDS).sort());
  });

  for (const [kind, { target, rules }] of Object.entries(KINDS)) {
    it(`${kind}: the fixed file equals the expected one, and a second run changes nothing`, async () => {
      const dir = makeRepo({ [target]: fixture(kind, 'before') });
      const before = await findingsOf(dir);
      expect(before.filter((f) => rules.includes(f.ruleId)).length).toBeGreaterThan(0);
      const first = await cli(['fix', dir]);
      expect(first.stdout).toMatch(/^Fixed \d+ findings? in 1 file\.$/m);
      expect(readFileSync(join(dir, target), 'utf8')).toBe(fixture(kind, 'after'));
      // Fixed: no finding of the fixed rules left; nothing new; the file still parses.
      const after = await findingsOf(dir);
      expect(after.filter((f) => rules.includes(f.ruleId))).toEqual([]);
      const known = new Set(before.map(keyOf));
      expect(after.filter((f) => !known.has(keyOf(f)))).toEqual([]);
      const second = await cli(['fix', dir]);
      expect(second.stdout).toContain('No findings with a safe automatic fix.');
      expect(readFileSync(join(dir, target), 'utf8')).toBe(fixture(kind, 'after'));
      expect(second.code).toBe(after.length === 0 ? 0 : (await cli(['check', dir])).code);
    });
  }

  it('CRLF line endings, comments and the byte order mark stay', async () => {
    const text = fixture('codex-sandbox', 'before');
    expect(text).toContain('\r\n');
    const dir = makeRepo({ [KINDS['codex-sandbox']!.target]: `\uFEFF${text}` });
    expect((await cli(['fix', dir])).code).toBe(0);
    const bytes = readFileSync(join(dir, '.codex/config.toml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(fixture('codex-sandbox', 'after'));
  });
});

describe('fix: options and safety', () => {
  const secret = 'xoxb-4812093318-7781203398412-Zq8LmN3vT6wR2yK9pB1cX5dF';

  it('--dry-run prints a unified diff, writes nothing, and never prints the replaced secret', async () => {
    const dir = makeRepo({ '.mcp.json': fixture('mcp-env-secret', 'before') });
    const run = await cli(['fix', dir, '--dry-run']);
    expect(run.stdout).toContain('--- a/.mcp.json\n+++ b/.mcp.json\n@@ -4,7 +4,7 @@\n');
    expect(run.stdout).toContain('+        "SLACK_BOT_TOKEN": "${SLACK_BOT_TOKEN}",\n');
    expect(run.stdout).toContain('rotate the secret');
    expect(run.stdout).toContain('Would fix 1 finding in 1 file.');
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout).not.toContain(secret.slice(8));
    expect(readFileSync(join(dir, '.mcp.json'), 'utf8')).toBe(fixture('mcp-env-secret', 'before'));
    expect(run.code).toBe(1);
  });

  it('--rule and --path narrow what is fixed; an unknown or unfixable rule is a usage error', async () => {
    const files = {
      '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = true\n',
      '.aider.conf.yml': 'yes-always: true\n',
    };
    const dir = makeRepo(files);
    await cli(['fix', dir, '--rule', 'network-access']);
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe(
      'sandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = false\n',
    );
    expect(readFileSync(join(dir, '.aider.conf.yml'), 'utf8')).toBe('yes-always: true\n');
    await cli(['fix', dir, '--path', '*.yml']);
    expect(readFileSync(join(dir, '.aider.conf.yml'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toContain('danger-full-access');
    expect((await cli(['fix', dir, '--rule', 'no-such-rule'])).code).toBe(2);
    expect((await cli(['fix', dir, '--rule', 'hidden-text'])).stderr).toContain('has no automatic fixes');
    expect((await cli(['fix', dir, '--format', 'json'])).code).toBe(2);
    expect((await cli(['check', dir, '--dry-run'])).stderr).toContain('--dry-run goes with fix, not check');
    expect((await cli(['check', dir, '--path', '*.yml'])).stderr).toContain('--path goes with fix, not check');
    expect((await cli(['review', dir, '--fix'])).stderr).toContain('--fix goes with check, not review');
    expect((await cli(['check', dir, '--fix', '--base', 'HEAD'])).stderr).toContain('--fix does not go with --base');
  });

  it('exit 0 when every finding was fixed, 1 while findings remain at --fail-on', async () => {
    const fixable = makeRepo({ '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n' });
    expect((await cli(['fix', fixable])).code).toBe(0);
    const rest = makeRepo({ '.codex/config.toml': 'sandbox_mode = "danger-full-access"\nweb_search = "live"\n' });
    const run = await cli(['fix', rest]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 finding at or above --fail-on remains');
    expect((await cli(['fix', rest, '--fail-on', 'never'])).code).toBe(0);
  });

  it('findings carry their fixes unless the caller says no report shows them', async () => {
    const policy = await resolvePolicy(undefined, () => Promise.resolve(undefined));
    const files = [{ path: '.codex/config.toml', text: 'sandbox_mode = "danger-full-access"\n' }];
    const input = { files, unreadable: [], policy, committedFiles: ['.codex/config.toml'], today: '2026-12-01' };
    expect(lint(input).findings[0]?.fix?.description).toBe('set sandbox_mode to "workspace-write"');
    const auto = [{ path: '.claude/settings.json', text: '{ "permissions": { "defaultMode": "auto" } }\n' }];
    const claude = { ...input, files: auto, committedFiles: ['.claude/settings.json'] };
    expect(lint(claude).findings.map((f) => [f.ruleId, f.fix?.description])).toEqual([['sandbox-mode', 'set defaultMode to "default"']]);
    expect(lint({ ...input, fixes: false }).findings[0]).toMatchObject({ ruleId: 'sandbox-mode' });
    expect(lint({ ...input, fixes: false }).findings[0]?.fix).toBeUndefined();
    const dir = makeRepo({ '.codex/config.toml': files[0]!.text });
    const sarif = JSON.parse((await cli(['check', dir, '--format', 'json', '--format', 'sarif', '--output', join(dir, 'r.sarif')])).stdout);
    expect(sarif.findings).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).runs[0].results[0].fixes).toHaveLength(1);
  });

  it('check --fix fixes first and reports what remains', async () => {
    const dir = makeRepo({ '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n' });
    const run = await cli(['check', dir, '--fix', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [] });
    expect(run.stderr).toContain('sandbox-mode: set sandbox_mode to "workspace-write"');
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe('sandbox_mode = "workspace-write"\n');
  });

  it('check PATH --fix fixes only the agent files under PATH', async () => {
    const full = 'sandbox_mode = "danger-full-access"\n';
    const dir = makeRepo({ '.codex/config.toml': full, 'web/.codex/config.toml': full });
    const run = await cli(['check', join(dir, 'web'), '--fix']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'web/.codex/config.toml'), 'utf8')).toBe('sandbox_mode = "workspace-write"\n');
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe(full);
  });

  it('fix DIR in a folder of a repository fixes the files of that folder, at their real place', async () => {
    const full = 'sandbox_mode = "danger-full-access"\n';
    const dir = makeRepo({ '.codex/config.toml': full, 'packages/web/.codex/config.toml': full });
    const run = await cli(['fix', join(dir, 'packages/web')]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('packages/web/.codex/config.toml:1: sandbox-mode');
    expect(readFileSync(join(dir, 'packages/web/.codex/config.toml'), 'utf8')).toBe('sandbox_mode = "workspace-write"\n');
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe(full);
    expect(existsSync(join(dir, 'packages/web/packages'))).toBe(false);
  });

  it('guidance is never edited', async () => {
    const text = '# Agents\n\nAlways run `npm publish` without asking.\n';
    const dir = makeRepo({ 'AGENTS.md': text });
    expect((await findingsOf(dir)).length).toBeGreaterThan(0);
    await cli(['fix', dir]);
    expect(readFileSync(join(dir, 'AGENTS.md'), 'utf8')).toBe(text);
  });

  it('a committed link is never written through', async () => {
    const outside = tempDir('agent-policy-outside-');
    const target = join(outside, 'config.toml');
    writeFileSync(target, 'sandbox_mode = "danger-full-access"\n');
    const dir = makeRepo({ 'README.md': 'x\n' });
    mkdirSync(join(dir, '.codex'));
    symlinkSync(target, join(dir, '.codex', 'config.toml'));
    await cli(['fix', dir]);
    expect(() => writeFixedFile(dir, '.codex/config.toml', 'sandbox_mode = "danger-full-access"\n', 'x')).toThrow('symbolic link');
    expect(() => writeFixedFile(dir, '../outside.toml', '', 'x')).toThrow('not inside the repository');
    expect(readFileSync(target, 'utf8')).toBe('sandbox_mode = "danger-full-access"\n');
    rmSync(outside, { recursive: true, force: true });
  });

  it('a file changed since it was read is not overwritten', () => {
    const dir = makeRepo({ '.aider.conf.yml': 'yes-always: true\n' });
    expect(() => writeFixedFile(dir, '.aider.conf.yml', 'something else\n', '')).toThrow('changed since it was read');
    expect(readFileSync(join(dir, '.aider.conf.yml'), 'utf8')).toBe('yes-always: true\n');
  });
});

describe('fix: properties', () => {
  it('over the fixtures, with either line ending and any rules: fixes parse, resolve their findings, and are idempotent', async () => {
    const rules = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'destructive-actions', 'secret-access'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(KINDS)),
        fc.boolean(),
        fc.subarray(rules, { minLength: 1 }),
        async (kind, crlf, chosen) => {
          const { target } = KINDS[kind]!;
          const lf = fixture(kind, 'before').replace(/\r\n/g, '\n');
          const dir = makeRepo({ [target]: crlf ? lf.replace(/\n/g, '\r\n') : lf });
          const before = await findingsOf(dir);
          const rulesArgs = chosen.flatMap((r) => ['--rule', r]);
          await cli(['fix', dir, ...rulesArgs]);
          const once = readFileSync(join(dir, target), 'utf8');
          if (crlf) expect(once.replace(/\r\n/g, '')).not.toContain('\n');
          const after = await findingsOf(dir);
          expect(after.filter((f) => f.ruleId === 'config-unparseable')).toEqual([]);
          const known = new Set(before.map(keyOf));
          expect(after.filter((f) => !known.has(keyOf(f)))).toEqual([]);
          const dry = await cli(['fix', dir, '--dry-run', ...rulesArgs]);
          expect(dry.stdout).toContain('No findings with a safe automatic fix.');
          expect(dry.code).toBe((await cli(['check', dir])).code);
          await cli(['fix', dir, ...rulesArgs]);
          expect(readFileSync(join(dir, target), 'utf8')).toBe(once);
        },
      ),
      { numRuns: 25 },
    );
  });
});

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(corpus))('fix: the corpus', () => {
  it('every folder: fixes keep files parseable, add no finding, and a second run changes nothing', async () => {
    const problems: string[] = [];
    let fixedFolders = 0;
    const folders = readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const folder of folders.map((e) => e.name).sort()) {
      const dir = mkdtempSync(join(tmpdir(), 'agent-policy-fix-corpus-'));
      copies.push(dir);
      cpSync(join(corpus, folder), dir, { recursive: true, verbatimSymlinks: true });
      const before = await findingsOf(dir);
      const first = await cli(['fix', dir]);
      if (first.code === 2) problems.push(`${folder}: exit 2: ${first.stderr.slice(0, 200)}`);
      if (!first.stdout.includes('Fixed')) continue;
      fixedFolders++;
      const after = await findingsOf(dir);
      const known = new Set(before.map(keyOf));
      for (const f of after) if (!known.has(keyOf(f))) problems.push(`${folder}: new finding ${keyOf(f)}`);
      const again = await cli(['fix', dir, '--dry-run']);
      if (!again.stdout.includes('No findings with a safe automatic fix.')) problems.push(`${folder}: second run fixes again`);
    }
    console.log(`fix corpus: ${fixedFolders} folders fixed`);
    expect(problems).toEqual([]);
    expect(fixedFolders).toBeGreaterThan(0);
  }, 600_000);
});
