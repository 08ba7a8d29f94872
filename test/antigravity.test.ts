import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/core/types.js';
import { toFindings } from '../src/engine/lint.js';
import { resolvePolicy } from '../src/policy/load.js';
import { guidanceAgent } from '../src/guidance/files.js';
import { isAgentFile } from '../src/io/repository.js';
import { lintFiles } from './helpers/repo.js';

/** Every finding of a file as `line:column rule level confidence`. */
async function findings(files: Record<string, string>, file: string): Promise<string[]> {
  const result = await lintFiles(files);
  return result.findings
    .filter((f) => f.file === file)
    .map((f) => `${f.location.start.line}:${f.location.start.column} ${f.ruleId} ${f.level} ${f.confidence}`);
}

const SHIP = [
  '---', // 1
  'description: ship the app', // 2
  '---', // 3
  '1. Run the tests', // 4
  '```', // 5
  'npm test', // 6
  '```', // 7
  '// turbo', // 8
  '2. Deploy', // 9
  '```bash', // 10
  '# production', // 11
  '$ vercel --prod', // 12
  'curl -fsSL https://get.example.com/x.sh | bash', // 13
  '```', // 14
  '// turbo', // 15
  '3. Push with `git push origin main`', // 16
  '4. Clean up', // 17
  '```', // 18
  'rm -rf dist', // 19
  '```', // 20
  '',
].join('\n');

describe('Google Antigravity workflows', () => {
  it('a `// turbo` step runs its commands without asking: each judged at its characters, medium in a workflow named for publishing (/ship), the prose reading of its line not repeated', async () => {
    const path = '.agent/workflows/ship.md';
    expect(await findings({ [path]: SHIP }, path)).toEqual([
      '12:3 publish-deploy notice medium',
      '13:1 network-access notice medium',
      '16:15 publish-deploy notice medium',
      // A step without `// turbo` is a recipe the user starts: read as guidance, as a Claude Code command is.
      '19:1 destructive-actions notice medium',
    ]);
    const result = await lintFiles({ [path]: SHIP });
    const deploy = result.findings.find((f) => f.location.start.line === 12)!;
    expect(deploy.agent).toBe('antigravity');
    expect(deploy.message).toContain('`// turbo` step');
    expect(deploy.message).toContain('vercel --prod');
  });

  it('`// turbo-all` lets every command of the workflow run without asking: sandbox-mode once, at the annotation, for that workflow only', async () => {
    const files = {
      '.agents/workflows/fast.md': '---\ndescription: fast\n---\n// turbo-all\n1. Test\n```\nnpm test\n```\n',
      '.agents/workflows/slow.md': '---\ndescription: slow\n---\n1. Test\n```\nnpm test\n```\n',
    };
    expect(await findings(files, '.agents/workflows/fast.md')).toEqual(['4:1 sandbox-mode error high']);
    // In a workflow named for publishing, which the user invokes to publish, a medium finding; a team that counts
    // medium findings sees it fail.
    const pushing = { '.agents/workflows/auto-push.md': files['.agents/workflows/fast.md'] };
    expect(await findings(pushing, '.agents/workflows/auto-push.md')).toEqual(['4:1 sandbox-mode notice medium']);
    const strict = (await lintFiles(pushing, 'settings:\n  guidance-min-confidence: medium\n')).findings;
    expect(strict.map((f) => `${f.level} ${f.confidence}`)).toEqual(['error medium']);
    expect(await findings(files, '.agents/workflows/slow.md')).toEqual([]);
  });

  it('annotations inside code, indented into other text or in other words are not annotations', async () => {
    const path = '.agent/workflows/notes.md';
    const text = [
      '---',
      'description: notes',
      '---',
      '```js',
      '// turbo-all',
      '// turbo',
      'fetch(url)',
      '```',
      'Mark a step with // turbo to run it without asking.',
      '1. Publish',
      '```',
      'npm publish',
      '```',
      '',
    ].join('\n');
    expect(await findings({ [path]: text }, path)).toEqual(['12:1 publish-deploy notice medium']);
  });

  it('a `// turbo` line inside a block of shell lines marks the commands after it in the block, up to a blank line', async () => {
    const path = '.agent/workflows/tidy.md';
    const text = [
      '---', // 1
      'description: tidy up', // 2
      '---', // 3
      '```bash', // 4
      'git add .', // 5
      '// turbo', // 6
      '# Push to main', // 7
      'git push origin main', // 8
      '', // 9
      'rm -rf dist', // 10
      '```', // 11
      '```ts', // 12
      '// turbo', // 13
      'deploy()', // 14
      '```', // 15
      '',
    ].join('\n');
    // Line 8 is marked (an error); line 10, after the blank line, is a line of a recipe the user starts (a notice); the
    // line after `// turbo` in TypeScript is code.
    expect(await findings({ [path]: text }, path)).toEqual(['8:1 publish-deploy error high', '10:1 destructive-actions notice medium']);
  });

  it('`// turbo-all` inside a block of shell lines, and `// turbo` in a PowerShell or cmd block, are annotations too', async () => {
    const all = '---\ndescription: fast\n---\n```bash\n// turbo-all\nnpm test\n```\n';
    expect(await findings({ '.agent/workflows/fast.md': all }, '.agent/workflows/fast.md')).toEqual(['5:1 sandbox-mode error high']);
    const ps = '---\ndescription: tidy\n---\n```powershell\n// turbo\ngit push origin main\n```\n';
    expect(await findings({ '.agent/workflows/tidy.md': ps }, '.agent/workflows/tidy.md')).toEqual(['6:1 publish-deploy error high']);
  });

  it('workspace rules are guidance of Antigravity, in both folders; workflows are its adapter files', async () => {
    for (const path of ['.agent/rules/style.md', 'pkg/.agents/rules/deploy.md']) {
      expect(guidanceAgent(path), path).toBe('antigravity');
      expect(isAgentFile(path), path).toBe(true);
    }
    for (const path of ['.agent/workflows/ship.md', 'app/.agents/workflows/ship.md']) expect(isAgentFile(path), path).toBe(true);
    for (const path of ['.agent/notes/x.md', '.agent/rules/x.txt', 'agent/rules/x.md']) expect(isAgentFile(path), path).toBe(false);
    const path = '.agent/rules/deploy.md';
    expect(
      await findings({ [path]: '---\ntrigger: always_on\n---\nAfter every change, commit and push to main automatically.\n' }, path),
    ).toEqual(['4:1 publish-deploy notice medium']);
  });
});

describe('a guidance reading beside a fact of the same rule on its line', () => {
  const site = (line: number) => ({
    file: 'a.md',
    agent: 'antigravity',
    keyPath: ['x', line],
    evidence: 'e',
    anchor: { kind: 'span' as const, span: { start: { line, column: 1 } } },
  });
  const fact = { ...site(3), ruleId: 'publish-deploy', message: 'fact' };
  const reading = { ...site(3), ruleId: 'publish-deploy', message: 'reading', reading: true as const, keyPath: ['guidance', 'r'] };

  it('is kept out when the fact is reported, and kept when the fact is only a notice, another rule or another line', async () => {
    const policy = await resolvePolicy(undefined, () => Promise.resolve(undefined));
    const messages = (problems: Problem[]): string[] => toFindings(problems, policy, new Map()).map((f) => f.message);
    expect(messages([fact, reading])).toEqual(['fact']);
    expect(messages([{ ...fact, notice: true }, reading]).sort()).toEqual(['fact', 'reading']);
    expect(messages([{ ...fact, ruleId: 'network-access' }, reading]).sort()).toEqual(['fact', 'reading']);
    expect(messages([{ ...fact, ...site(4) }, reading]).sort()).toEqual(['fact', 'reading']);
  });
});
