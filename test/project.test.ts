import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters/index.js';
import { RULE_METAS } from '../src/rules/index.js';

const root = join(import.meta.dirname, '..');

describe('project meta', () => {
  it('every rule has metadata, a docs page with examples, and tests', async () => {
    const tests = ['rules.test.ts', 'hidden-text.test.ts', 'adapters-codex.test.ts', 'exceptions.test.ts'].map((f) => readFileSync(join(root, 'test', f), 'utf8')).join('\n');
    // Complete sentences: a capital (or a code span) first, one final period, no text glued on after a stop.
    const sentence = /^(?:[A-Z]|`)[^]*[^.]\.$/;
    for (const meta of RULE_METAS) {
      for (const [field, text] of Object.entries({ title: meta.title, description: meta.description, fix: meta.fix })) {
        expect(text, `${meta.id} ${field}`).toMatch(sentence);
        expect(text, `${meta.id} ${field}`).not.toMatch(/\.:|\s{2}|^\s|\s$|\.\s+[a-z]/);
        expect(text.length, `${meta.id} ${field}`).toBeGreaterThan(10);
      }
      const doc = readFileSync(join(root, 'docs/rules', `${meta.id}.md`), 'utf8');
      expect(doc, meta.id).toContain(`# ${meta.id}`);
      expect(doc, meta.id).toMatch(/## Examples/);
      expect(tests.includes(meta.id), `${meta.id} is named in a test`).toBe(true);
    }
  });

  it('every adapter has a generated docs page', async () => {
    for (const adapter of ADAPTERS) expect(existsSync(join(root, 'docs/agents', `${adapter.id}.md`))).toBe(true);
  });

  it('action.yml declares every SPEC input and output with a description, on node24', async () => {
    const action = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(action).toMatch(/using: ['"]?node24/);
    for (const input of ['policy', 'mode', 'token', 'fail-on', 'annotate', 'sarif-file', 'comment', 'review-issue', 'working-directory']) {
      expect(action).toMatch(new RegExp(`\\n  ${input}:\\n    description: .+`));
    }
    for (const output of ['findings', 'errors', 'stale-exceptions', 'sarif-file']) expect(action).toMatch(new RegExp(`\\n  ${output}:\\n    description: .+`));
  });

  it('type-checks under strict TypeScript', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('rule docs examples', () => {
  for (const meta of RULE_METAS) {
    it(`${meta.id}: ❌ examples are reported, ✅ examples are not`, async () => {
      const { lintFiles } = await import('./helpers/repo.js');
      const doc = readFileSync(join(root, 'docs/rules', `${meta.id}.md`), 'utf8');
      const blocks = [...doc.matchAll(/```\w+ (\S+) (❌|✅)\n([\s\S]*?)```/g)];
      expect(blocks.length, meta.id).toBeGreaterThanOrEqual(2);
      for (const [, path, mark, raw] of blocks) {
        // Docs write invisible characters as \uXXXX so the pages themselves stay clean.
        const code = raw!.replace(/\\u([0-9A-Fa-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        // Policy examples run against a repository whose Codex config opens the network.
        const result = path === '.github/agent-policy.yml' ? await lintFiles({ '.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n' }, code!) : await lintFiles({ [path!]: code! });
        const found = result.findings.filter((f) => f.ruleId === meta.id);
        if (mark === '❌') expect(found.length, `${meta.id} ❌ ${code}`).toBeGreaterThan(0);
        else expect(found, `${meta.id} ✅ ${code}`).toEqual([]);
      }
    });
  }
});

describe('workflow examples', () => {
  it('are valid YAML with a permissions block, and pin third-party actions to a commit SHA', async () => {
    const { readdirSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const dir = join(root, 'policy-examples/workflows');
    const names = readdirSync(dir);
    expect(names.sort()).toEqual(['org-required.yml', 'pr-check.yml', 'scheduled-review.yml']);
    for (const name of names) {
      const workflow = parse(readFileSync(join(dir, name), 'utf8')) as { permissions?: object; jobs: Record<string, { steps: { uses?: string }[] }> };
      expect(workflow.permissions, name).toBeDefined();
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) {
          if (!step.uses || step.uses.startsWith('agent-policy/')) continue;
          expect(step.uses, `${name}: ${step.uses}`).toMatch(/@[0-9a-f]{40}$/);
        }
      }
    }
  });
});
