import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));

/** Relative imports of every source module (static, type-only and dynamic alike), as paths under src/. */
const imports = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(join(src, file), 'utf8');
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      relative(src, resolve(dirname(join(src, file)), m[1] ?? '')).replace(/\.js$/, '.ts'),
    );
    return [file, targets.filter((t) => t.endsWith('.ts'))];
  }),
);

const folderOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] ?? '') : '.');

describe('layers (docs/development.md)', () => {
  it('every relative import names a module that exists', () => {
    const missing = [...imports].flatMap(([file, targets]) => targets.filter((t) => !imports.has(t)).map((t) => `${file} -> ${t}`));
    expect(missing).toEqual([]);
  });

  it('no import circles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of imports.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('each layer imports only from the layers beneath it', () => {
    // What a folder may import besides itself; the entry points and the edge (io, github) sit on top.
    const allowed: Record<string, readonly string[]> = {
      core: [],
      secrets: ['core'],
      shell: ['core', 'secrets'],
      sources: ['core'],
      guidance: ['core', 'secrets', 'shell', 'sources'],
      adapters: ['core', 'secrets', 'shell', 'sources', 'guidance'],
      rules: ['core', 'secrets', 'shell', 'sources', 'guidance'],
      fix: ['core', 'secrets', 'sources', 'adapters'],
    };
    const wrong = [...imports].flatMap(([file, targets]) => {
      const own = folderOf(file);
      const may = allowed[own];
      if (may === undefined) return [];
      return targets.filter((t) => folderOf(t) !== own && !may.includes(folderOf(t)) && t !== 'meta.ts').map((t) => `${file} -> ${t}`);
    });
    expect(wrong).toEqual([]);
  });
});
