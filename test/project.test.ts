import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters/index.js';
import { RULE_METAS } from '../src/rules/index.js';

const root = join(import.meta.dirname, '..');

/** Every test file's text, to tell whether a rule is named in one. */
function testSources(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== '__out__') walk(path);
      } else if (entry.name.endsWith('.ts') && path !== join(root, 'test', 'project.test.ts')) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'test'));
  return out.join('\n');
}

/** Why a text is not a complete sentence, or undefined: a capital first, one final period, no text glued on after a stop. */
export function sentenceProblem(text: string): string | undefined {
  if (!/^(?:[A-Z]|`)/.test(text)) return 'does not start with a capital letter';
  if (!/[^.]\.$/.test(text)) return 'does not end with one period';
  if (text.includes('.:')) return 'has ".:"';
  if (/\s{2}/.test(text)) return 'has doubled spaces';
  if (/^\s|\s$/.test(text)) return 'has space at an end';
  if (/\.\s+[a-z]/.test(text)) return 'has a lower-case letter after a period';
  return undefined;
}

/**
 * A message template as a sentence: a placeholder may stand first (it names the setting, the file or a line),
 * and a quotation of the text found may close it (`…: "{evidence}"`).
 */
export function templateProblem(template: string): string | undefined {
  const text = template.replace(/^\{[\w-]+\}/, 'X').replace(/: "\{[\w-]+\}"$/, '.');
  return sentenceProblem(text.replace(/\{[\w-]+\}/g, 'x'));
}

/** The message ids a rule's code names outside their declaration (`'id'` not followed by a colon). */
const usedIds = (source: string, ids: readonly string[]): string[] => ids.filter((id) => new RegExp(`'${id}'(?!\\s*:)`).test(source));

describe('project meta', () => {
  it('every rule has sentence metadata and messages, uses each message, and has a docs page with examples and tests', () => {
    const tests = testSources();
    for (const meta of RULE_METAS) {
      for (const [field, text] of Object.entries({ title: meta.title, description: meta.description, fix: meta.fix })) {
        expect(sentenceProblem(text), `${meta.id} ${field}: ${text}`).toBeUndefined();
        expect(text.length, `${meta.id} ${field}`).toBeGreaterThan(10);
      }
      for (const [id, template] of Object.entries(meta.messages))
        expect(templateProblem(template), `${meta.id} message ${id}: ${template}`).toBeUndefined();
      const source = readFileSync(join(root, 'src/rules', meta.id, 'index.ts'), 'utf8');
      const ids = Object.keys(meta.messages);
      expect(usedIds(source, ids), `${meta.id}: every message id is reported somewhere`).toEqual(ids);
      const doc = readFileSync(join(root, 'docs/rules', `${meta.id}.md`), 'utf8');
      expect(doc, meta.id).toContain(`# ${meta.id}`);
      expect(doc, meta.id).toMatch(/## Examples/);
      expect(tests.includes(meta.id), `${meta.id} is named in a test`).toBe(true);
    }
  });

  it('the sentence checks reject what they are for', () => {
    expect(sentenceProblem('an exception still matches a finding.')).toBeDefined();
    expect(sentenceProblem('Delete the exception')).toBeDefined();
    expect(sentenceProblem('The setting it covered matches it.:Delete the exception.')).toBeDefined();
    expect(sentenceProblem('Delete  the exception.')).toBeDefined();
    expect(sentenceProblem('Delete the exception. then stop.')).toBeDefined();
    expect(templateProblem('{evidence} lets the agent read {path}.')).toBeUndefined();
    expect(templateProblem('Guidance tells the agent to ({what}): "{evidence}"')).toBeUndefined();
    expect(templateProblem('guidance tells the agent ({what}): "{evidence}"')).toBeDefined();
    expect(templateProblem('{evidence} lets the agent read {path}')).toBeDefined();
    expect(usedIds("messages = { a: 'x', 'b-c': 'y' }; report({ messageId: 'a' });", ['a', 'b-c'])).toEqual(['a']);
  });

  it('every adapter has a generated docs page', () => {
    for (const adapter of ADAPTERS) expect(existsSync(join(root, 'docs/agents', `${adapter.id}.md`))).toBe(true);
  });

  it('action.yml declares every SPEC input and output with a description, on node24', () => {
    const action = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(action).toMatch(/using: ['"]?node24/);
    for (const input of ['policy', 'mode', 'token', 'fail-on', 'annotate', 'sarif-file', 'comment', 'review-issue', 'working-directory']) {
      expect(action).toMatch(new RegExp(`\\n  ${input}:\\n    description: .+`));
    }
    for (const output of ['findings', 'errors', 'stale-exceptions', 'sarif-file'])
      expect(action).toMatch(new RegExp(`\\n  ${output}:\\n    description: .+`));
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
        const result =
          path === '.github/agent-policy.yml'
            ? await lintFiles({ '.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n' }, code)
            : await lintFiles({ [path!]: code });
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
      const workflow = parse(readFileSync(join(dir, name), 'utf8')) as {
        permissions?: object;
        jobs: Record<string, { steps: { uses?: string }[] }>;
      };
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
