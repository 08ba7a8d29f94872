import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reachingNames } from '../src/adapters/index.js';
import { namesOneOf } from '../src/adapters/scripts/targets.js';

const pkg = (scripts: Record<string, string>): string => JSON.stringify({ name: 'x', scripts }, null, 2);

describe('which commands may run a project script that starts an agent, by text', () => {
  it('none when no script starts an agent: workflows that name no agent are then never parsed for scripts', () => {
    expect(reachingNames([{ path: 'package.json', text: pkg({ test: 'vitest run', build: 'tsc' }) }])).toBeUndefined();
  });

  it('the scripts that start one, those that run them in any file, npm aliases and lifecycle hooks', () => {
    const reaching = reachingNames([
      { path: 'app/package.json', text: pkg({ review: 'claude -p "review" --dangerously-skip-permissions', lint: 'eslint .' }) },
      { path: 'package.json', text: pkg({ ci: 'npm --prefix app run review', test: 'npm run ci', build: 'tsc' }) },
      { path: 'tools/package.json', text: pkg({ predeploy: 'codex exec --full-auto "check"', postinstall: 'gemini --yolo -p x' }) },
    ]);
    expect(reaching).toBeInstanceOf(Set);
    const names = reaching as ReadonlySet<string>;
    for (const text of ['npm run review', 'npm run ci', 'npm test', 'npm t', 'npm run deploy', 'npm ci', 'pnpm install'])
      expect(namesOneOf(text, names), text).toBe(true);
    for (const text of ['npm run build', 'npm run lint', 'npm run review:docs', 'npm run reviewer'])
      expect(namesOneOf(text, names), text).toBe(false);
  });

  it('a name is found as a word exactly where splitting the text at every other character finds it: 20,000 random texts', () => {
    const names = new Set(['review', 'ci', 'fix:all', 'a-b', 'x_1', 'T']);
    const pieces = [
      'review',
      'ci',
      'fix:all',
      'a-b',
      'x_1',
      'T',
      'rev',
      'iew',
      'fix',
      ':',
      '-',
      '_',
      ' ',
      '\n',
      '"',
      '.',
      '/',
      'é',
      'npm run ',
      '9',
    ];
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const expected = text.split(/[^\w:-]+/).some((word) => names.has(word));
        expect(namesOneOf(text, names), JSON.stringify(text)).toBe(expected);
        if (expected) found++;
      }),
      { numRuns: 20_000, seed: 11 },
    );
    expect(found).toBeGreaterThan(3_000);
    expect(found).toBeLessThan(17_000);
  });

  it('any command when a make, just or Task target starts one (a bare runner runs its default), a file is read only in part, or a name is not a word', () => {
    expect(reachingNames([{ path: 'Makefile', text: 'review:\n\tclaude -p "review"\n' }])).toBe('any');
    const many = Object.fromEntries(Array.from({ length: 2_100 }, (_, i) => [`s${i}`, i === 2_050 ? 'claude -p x' : 'echo']));
    expect(reachingNames([{ path: 'package.json', text: pkg(many) }])).toBe('any');
    // A name a word test cannot delimit (`.`, `/`, `@`) makes every command count.
    expect(reachingNames([{ path: 'package.json', text: pkg({ 'review.docs': 'claude -p x' }) }])).toBe('any');
  });
});
