import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderInitialPolicy } from '../src/cli/init-policy.js';
import { TOOL_VERSION } from '../src/meta.js';
import { PolicyLoadError, resolvePolicy, type ResolvedPolicy } from '../src/policy/load.js';
import { closestWord } from '../src/policy/suggest.js';
import { cli, makeRepo } from './helpers/repo.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'agent-policy.schema.json'), 'utf8')) as { $id: string };
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(schema);

const load = (text: string): Promise<ResolvedPolicy> =>
  resolvePolicy({ location: { kind: 'repo', path: '.github/agent-policy.yml' }, text }, () => Promise.resolve(undefined));

async function errorsOf(text: string): Promise<string[]> {
  try {
    await load(text);
  } catch (error) {
    if (error instanceof PolicyLoadError) return error.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy validation', () => {
  it('reports every unknown key, each at its line, with the closest known key', async () => {
    expect(
      await errorsOf(
        [
          'verison: 1',
          'rules:',
          '  sandbox-mode: { levl: off, alowed: [read-only] }',
          '  network-acess: { level: off }',
          '  publish-deploy: { level: error, zzzzzzzz: 1 }',
          'setings: {}',
          'exceptions:',
          '  - { id: a, rule: sandbox-mode, paths: [x], owner: o, reson: r }',
        ].join('\n'),
      ),
    ).toEqual([
      '1:1: verison: unknown key "verison"; did you mean "version"?',
      '3:19: rules.sandbox-mode.levl: unknown key "levl"; did you mean "level"?',
      '3:30: rules.sandbox-mode.alowed: unknown key "alowed"; did you mean "allowed"?',
      '4:3: unknown rule "network-acess"; did you mean "network-access"?',
      '5:35: rules.publish-deploy.zzzzzzzz: unknown key "zzzzzzzz"; the keys here are: level, commands, except',
      '6:1: setings: unknown key "setings"; did you mean "settings"?',
      '8:56: exceptions.0.reson: unknown key "reson"; did you mean "reason"?',
    ]);
  });

  it('a rule written as a level is shorthand for { level }', async () => {
    const policy = await load('rules:\n  network-access: off\n  sandbox-mode: warning\n');
    expect(policy.rules['network-access']!.level).toBe('off');
    expect(policy.rules['sandbox-mode']!.level).toBe('warning');
    expect(policy.rules['sandbox-mode']!.options.allowed).toEqual(['read-only', 'workspace-write']);
    expect(await errorsOf('rules:\n  network-access: loud\n')).toEqual([
      '2:3: rules.network-access.level: must be one of error, warning, notice, off (found "loud")',
    ]);
    expect(validateSchema({ rules: { 'network-access': 'off' } })).toBe(true);
    expect(validateSchema({ rules: { 'network-access': 'loud' } })).toBe(false);
  });

  it('an empty policy file is an error', async () => {
    for (const text of ['', '\n', '# only a comment\n', '---\n']) {
      expect(await errorsOf(text)).toEqual([
        '1:1: the policy file is empty; write at least "version: 1", or remove the file to use the embedded default',
      ]);
    }
  });

  it('extends owner/repo/path without @ref says the ref is missing', async () => {
    expect(await errorsOf('extends: acme/policies/org.yml\n')).toEqual([
      '1:10: extends "acme/policies/org.yml": no policy file at .github/acme/policies/org.yml (a central policy is written owner/repo/path@ref: the @ref is missing)',
    ]);
    const dir = makeRepo({ 'x.txt': 'x' });
    const run = await cli(['check', dir, '--policy', 'acme/policies/org.yml'], dir);
    expect(run.stderr).toContain('the @ref is missing');
  });

  it('suggestions are for slips, not for any word', () => {
    expect(closestWord('levle', ['level', 'allowed'])).toBe('level');
    expect(closestWord('network', ['sandbox-mode', 'hidden-text'])).toBeUndefined();
  });
});

describe('exception paths', () => {
  const FULL_ACCESS = 'sandbox_mode = "danger-full-access"\n';
  const policy = (paths: string): string =>
    `exceptions:\n  - id: sub\n    rule: sandbox-mode\n    paths: ${paths}\n    reason: r\n    owner: "@o"\n    expires: 2026-12-31\n`;

  it('a plain path naming a folder covers the files under it; a file path only that file', async () => {
    const files = { 'sub/.codex/config.toml': FULL_ACCESS, 'subway/.codex/config.toml': FULL_ACCESS };
    for (const paths of ['["sub"]', '["sub/"]', '["sub/**"]']) {
      const dir = makeRepo({ ...files, '.agent-policy.yml': policy(paths) });
      const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout);
      const counted = report.findings.filter((f: { suppression: unknown }) => f.suppression === null);
      expect(counted.map((f: { path: string }) => f.path)).toEqual(['subway/.codex/config.toml']);
      expect(report.summary.suppressed).toBe(1);
    }
  });
});

describe('init writes a policy that names its schema', () => {
  it("$schema is the published schema, whose $id names the file at the repository root of this release's tag, and the file validates", () => {
    const text = renderInitialPolicy();
    const data = parse(text) as { $schema: string };
    expect(data.$schema).toBe(schema.$id);
    expect(schema.$id).toBe(`https://github.com/agent-policy/agent-policy/raw/v${TOOL_VERSION}/agent-policy.schema.json`);
    expect(readFileSync(join(root, 'agent-policy.schema.json'), 'utf8')).toContain(schema.$id);
    expect(validateSchema(data), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(text).toContain(`# yaml-language-server: $schema=${schema.$id}`);
  });

  it('the file init writes loads', async () => {
    const dir = makeRepo({ 'x.txt': 'x' });
    expect((await cli(['init', dir])).code).toBe(0);
    const run = await cli(['check', dir, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).policy.source).toBe('.github/agent-policy.yml');
  });
});
