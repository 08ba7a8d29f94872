import { describe, expect, it } from 'vitest';
import { PolicyLoadError, resolvePolicy, type ResolvedPolicy } from '../src/policy/load.js';
import { cli, makeRepo } from './helpers/repo.js';

const load = (text: string, others: Record<string, string> = {}): Promise<ResolvedPolicy> =>
  resolvePolicy({ location: { kind: 'repo', path: '.github/agent-policy.yml' }, text }, (l) =>
    Promise.resolve(l.kind === 'repo' ? others[l.path] : undefined),
  );

async function errorsOf(text: string, others: Record<string, string> = {}): Promise<string[]> {
  try {
    await load(text, others);
  } catch (error) {
    if (error instanceof PolicyLoadError) return error.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy loading', () => {
  it('supplies defaults from the one schema', async () => {
    const p = await load('version: 1\n');
    expect(p.rules['sandbox-mode']).toEqual({ level: 'error', options: { allowed: ['read-only', 'workspace-write'] } });
    expect(p.settings).toEqual({
      'max-exception-days': 180,
      'expiry-warning-days': 14,
      'allow-local-exceptions': true,
      'guidance-min-confidence': 'high',
    });
    expect(p.source).toEqual({ kind: 'file', path: '.github/agent-policy.yml' });
  });

  it('uses the embedded default when there is no file, and says so', async () => {
    const p = await resolvePolicy(undefined, () => Promise.resolve(undefined));
    expect(p.source).toEqual({ kind: 'embedded', path: 'default' });
  });

  it('rejects an unknown rule id at its line', async () => {
    expect(await errorsOf('version: 1\nrules:\n  sandbox-mode: { level: error }\n  netwrk-access: { level: error }\n')).toEqual([
      '.github/agent-policy.yml:4:3: unknown rule "netwrk-access"; did you mean "network-access"?',
    ]);
  });

  it('rejects a wrong type and a bad level at their values', async () => {
    expect(await errorsOf('rules:\n  publish-deploy:\n    commands: "make release"\n')).toEqual([
      '.github/agent-policy.yml:3:15: rules.publish-deploy.commands: must be an array (found a string)',
    ]);
    expect(await errorsOf('rules:\n  sandbox-mode: { level: fatal }\n')).toEqual([
      '.github/agent-policy.yml:2:26: rules.sandbox-mode.level: must be one of error, warning, notice, off (found "fatal")',
    ]);
  });

  it('rejects unknown keys anywhere, at the key', async () => {
    expect(await errorsOf('version: 1\nsetings:\n  max-exception-days: 10\n')).toEqual([
      '.github/agent-policy.yml:2:1: setings: unknown key "setings"; did you mean "settings"?',
    ]);
    expect(await errorsOf('rules:\n  sandbox-mode:\n    level: error\n    alowed: [read-only]\n')).toEqual([
      '.github/agent-policy.yml:4:5: rules.sandbox-mode.alowed: unknown key "alowed"; did you mean "allowed"?',
    ]);
  });

  it('rejects bad dates, quoted or bare, at the value', async () => {
    const base = 'exceptions:\n  - id: a\n    rule: network-access\n    paths: ["x"]\n    expires: ';
    expect(await errorsOf(`${base}2027-02-30\n`)).toEqual([
      '.github/agent-policy.yml:5:14: exceptions.0.expires: "2027-02-30" is not a real calendar date',
    ]);
    expect(await errorsOf(`${base}"31/03/2027"\n`)).toEqual([
      '.github/agent-policy.yml:5:14: exceptions.0.expires: "31/03/2027" must be a date written as YYYY-MM-DD',
    ]);
    expect((await load(`${base}2027-03-31\n`)).exceptions[0]).toMatchObject({
      id: 'a',
      expires: '2027-03-31',
      position: { line: 2, column: 5 },
    });
    expect((await load(`${base}'2027-03-31'\n`)).exceptions[0]!.expires).toBe('2027-03-31');
  });

  it('reports YAML syntax errors at their line', async () => {
    expect((await errorsOf('version: 1\nrules:\n  sandbox-mode: { level: error\n'))[0]).toMatch(/^\.github\/agent-policy\.yml:[34]:\d+: /);
    expect((await errorsOf('version: 1\nversion: 1\n'))[0]).toMatch(/^\.github\/agent-policy\.yml:2:1: Map keys must be unique/);
    // Inside a list item too, at each repetition; a key's type is part of it (1 and "1" differ).
    expect(await errorsOf('exceptions:\n  - id: a\n    id: b\n    id: c\nrules: { 1: x, "1": y }\n')).toEqual([
      '.github/agent-policy.yml:3:5: Map keys must be unique',
      '.github/agent-policy.yml:4:5: Map keys must be unique',
    ]);
  });

  it('checks the keys of a wide map in time linear in its size', async () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const start = performance.now();
    expect(await errorsOf(`${wide}\nk5: again\n`)).toEqual(['.github/agent-policy.yml:100001:1: Map keys must be unique']);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('refuses alias bombs and deep nesting without hanging', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect((await errorsOf(bomb))[0]).toMatch(/alias/i);
    expect((await errorsOf(`rules: ${'['.repeat(5000)}`))[0]).toMatch(/nesting deeper than 64 levels/);
  });

  describe('extends', () => {
    it('merges a local parent: levels rise, command lists grow', async () => {
      const parent = 'rules:\n  publish-deploy: { level: warning, commands: ["make release"] }\n';
      const p = await load('extends: ./base.yml\nrules:\n  publish-deploy: { level: error, commands: ["./ship.sh"] }\n', {
        '.github/base.yml': parent,
      });
      expect(p.rules['publish-deploy']).toEqual({ level: 'error', options: { commands: ['make release', './ship.sh'], except: [] } });
      expect(p.chain).toEqual(['.github/agent-policy.yml', '.github/base.yml']);
    });

    it('never lets a child lower a level its parent set', async () => {
      expect(
        await errorsOf('extends: ./base.yml\nrules:\n  network-access:\n    level: warning\n', {
          '.github/base.yml': 'rules:\n  network-access: { level: error }\n',
        }),
      ).toEqual([
        '.github/agent-policy.yml:4:12: rules.network-access.level: "warning" would lower "error" set by .github/base.yml; an extending policy may raise a level, never lower it',
      ]);
      expect((await errorsOf('extends: strict\nrules:\n  secret-access: { level: off }\n'))[0]).toMatch(
        /:3:27: rules\.secret-access\.level: "off" would lower "error" set by strict/,
      );
    });

    it('never lets a child widen an allowed list or turn off a required switch', async () => {
      expect(
        (
          await errorsOf('extends: ./base.yml\nrules:\n  network-access: { allowed-domains: [a.com, b.com] }\n', {
            '.github/base.yml': 'rules:\n  network-access: { allowed-domains: [a.com] }\n',
          })
        )[0],
      ).toMatch(/:3:38: rules\.network-access\.allowed-domains: "b\.com" is not allowed by \.github\/base\.yml/);
      expect((await errorsOf('extends: strict\nrules:\n  secret-access: { require-env-filter: false }\n'))[0]).toMatch(
        /require-env-filter: strict requires it/,
      );
      const narrowed = await load('extends: ./base.yml\nrules:\n  network-access: { allowed-domains: [] }\n', {
        '.github/base.yml': 'rules:\n  network-access: { allowed-domains: [a.com] }\n',
      });
      expect(narrowed.rules['network-access']!.options['allowed-domains']).toEqual([]);
    });

    it("a parent that sets publish-deploy's except (even to []) stops a child from taking more commands out", async () => {
      expect(
        (
          await errorsOf('extends: ./base.yml\nrules:\n  publish-deploy: { except: ["git push"] }\n', {
            '.github/base.yml': 'rules:\n  publish-deploy: { except: [] }\n',
          })
        )[0],
      ).toMatch(/rules\.publish-deploy\.except: "git push" is not allowed by \.github\/base\.yml/);
      expect((await errorsOf('rules:\n  publish-deploy: { except: [""] }\n'))[0]).toMatch(/rules\.publish-deploy\.except/);
    });

    it('guidance-min-confidence: validated at its value; a child may lower the minimum a parent set, never raise it', async () => {
      expect(await errorsOf('settings:\n  guidance-min-confidence: certain\n')).toEqual([
        '.github/agent-policy.yml:2:28: settings.guidance-min-confidence: must be one of high, medium, low (found "certain")',
      ]);
      expect((await resolvePolicy(undefined, () => Promise.resolve(undefined))).settings['guidance-min-confidence']).toBe('high');
      expect((await load('extends: strict\n')).settings['guidance-min-confidence']).toBe('medium');
      expect((await load('extends: default\nsettings:\n  guidance-min-confidence: low\n')).settings['guidance-min-confidence']).toBe('low');
      expect((await load('extends: strict\nsettings:\n  guidance-min-confidence: low\n')).settings['guidance-min-confidence']).toBe('low');
      expect(await errorsOf('extends: strict\nsettings:\n  guidance-min-confidence: high\n')).toEqual([
        '.github/agent-policy.yml:3:28: settings.guidance-min-confidence: "high" would raise "medium" set by strict; an extending policy may lower the minimum (count more findings), never raise it',
      ]);
      const base = { '.github/base.yml': 'settings:\n  guidance-min-confidence: low\n' };
      expect((await errorsOf('extends: ./base.yml\nsettings:\n  guidance-min-confidence: medium\n', base))[0]).toMatch(
        /:3:28: settings\.guidance-min-confidence: "medium" would raise "low" set by \.github\/base\.yml/,
      );
      // A parent that leaves it unset leaves the child free, and the child's value is what the chain inherits.
      const free = { '.github/base.yml': 'settings:\n  guidance-min-confidence: low\n', '.github/mid.yml': 'extends: ./base.yml\n' };
      expect((await load('extends: ./mid.yml\n', free)).settings['guidance-min-confidence']).toBe('low');
      expect((await load('settings:\n  guidance-min-confidence: high\n')).settings['guidance-min-confidence']).toBe('high');
    });

    it('lets a policy without extends set any level', async () => {
      expect((await load('rules:\n  network-access: { level: off }\n')).rules['network-access']!.level).toBe('off');
    });

    it('reports missing parents, cycles and unsupported targets at the extends line', async () => {
      expect(await errorsOf('version: 1\nextends: ./nope.yml\n')).toEqual([
        '.github/agent-policy.yml:2:10: extends "./nope.yml": no policy file at .github/nope.yml',
      ]);
      expect((await errorsOf('extends: ./b.yml\n', { '.github/b.yml': 'extends: ./agent-policy.yml\n' }))[0]).toMatch(
        /\.github\/b\.yml:1:10: extends "\.\/agent-policy\.yml" forms a cycle/,
      );
      expect((await errorsOf('extends: acme/policies/agent.yml@v1\n'))[0]).toMatch(
        /:1:10: extends "acme\/policies\/agent\.yml@v1": no policy file at acme\/policies\/agent\.yml@v1/,
      );
      expect((await errorsOf('extends: nonsense\n'))[0]).toMatch(/is neither an embedded policy/);
    });

    it('inherits exceptions from the policies it extends', async () => {
      const ex = (id: string): string => `exceptions:\n  - id: ${id}\n    rule: network-access\n    paths: ["a"]\n`;
      const p = await load(`extends: ./base.yml\n${ex('child')}`, { '.github/base.yml': ex('parent') });
      expect(p.exceptions.map((e) => [e.id, e.file, e.forbiddenBy])).toEqual([
        ['parent', '.github/base.yml', undefined],
        ['child', '.github/agent-policy.yml', undefined],
      ]);
    });
  });
});

describe('policy errors through the CLI', () => {
  it('exits 2 with file:line:col for an invalid policy and checks nothing', async () => {
    const dir = makeRepo({
      '.github/agent-policy.yml': 'rules:\n  sandbox-mode: { level: loud }\n',
      '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n',
    });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.github/agent-policy.yml:2:26: rules.sandbox-mode.level: must be one of');
    expect(run.stdout).toBe('');
  });

  it('reads --policy relative to the working directory, and fails clearly when it is missing', async () => {
    const dir = makeRepo({
      'team.yml': 'rules:\n  sandbox-mode: { level: warning }\n',
      '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n',
    });
    const run = await cli(['check', '.', '--policy', 'team.yml', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings[0].level).toBe('warning');
    const missing = await cli(['check', '.', '--policy', 'nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml:1:1: no such policy file');
  });

  it('rejects a policy that is not UTF-8 at the byte', async () => {
    const dir = makeRepo({
      '.agent-policy.yml': Buffer.concat([Buffer.from('version: 1\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.agent-policy.yml:2:6: could not be read: the file is not valid UTF-8');
  });
});

describe('policy-examples', () => {
  it('every example policy loads', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const join = (...parts: string[]): string => path.join(...parts);
    const dir = join(import.meta.dirname, '..', 'policy-examples');
    const names = readdirSync(dir).filter((n) => n.endsWith('.yml'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const policy = await resolvePolicy({ location: { kind: 'repo', path: name }, text: readFileSync(join(dir, name), 'utf8') }, (l) =>
        Promise.resolve(readFileSync(join(dir, l.path), 'utf8')),
      );
      expect(policy.source.path).toBe(name);
    }
  });
});
