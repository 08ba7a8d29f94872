import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/repo.js';

// Real guidance sentences of the corpus, labelled by reading them (eval/guidance-sentences.json): the same measure
// as scripts/eval-sentences.mjs, run in-process. It prints the numbers and asserts only that the data is well formed;
// the floor on accuracy is decided separately.
const SET = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'eval', 'guidance-sentences.json');
const RULES = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'secret-access'] as const;
type Rule = (typeof RULES)[number];

interface Sentence {
  source: string;
  text: string;
  rule: Rule | null;
  why: string;
}

/** The same kind of file as the sentence's source, inside the sentence's own folder. */
function fileFor(index: number, source: string): { path: string; prefix: string } {
  const folder = `s${String(index + 1).padStart(4, '0')}`;
  const name = basename(source.replace(/:\d+$/, ''));
  if (name.endsWith('.mdc')) return { path: `${folder}/.cursor/rules/${name}`, prefix: '---\nalwaysApply: true\n---\n' };
  if (name === 'copilot-instructions.md') return { path: `${folder}/.github/copilot-instructions.md`, prefix: '' };
  return { path: `${folder}/${name}`, prefix: '' };
}

const present = existsSync(SET);
if (!present) console.log(`guidance sentences: ${SET} is absent; the measure on real sentences is skipped.`);
const sentences: Sentence[] = present ? (JSON.parse(readFileSync(SET, 'utf8')) as { sentences: Sentence[] }).sentences : [];

describe.skipIf(!present)('guidance sentences from the corpus (same corpus as the labels, not unseen data)', () => {
  it('is well formed: a source line, the text, a known rule or null and a reason, each item once', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(300);
    const seen = new Set<string>();
    for (const s of sentences) {
      expect(Object.keys(s).sort()).toEqual(['rule', 'source', 'text', 'why']);
      expect(s.source).toMatch(/^[^/\s]+\/\S+:[1-9]\d*$/);
      expect(typeof s.text).toBe('string');
      expect(s.text.trim()).not.toBe('');
      expect(s.text.length).toBeLessThanOrEqual(2000);
      expect(s.rule === null || (RULES as readonly string[]).includes(s.rule)).toBe(true);
      expect(s.why.trim()).not.toBe('');
      const key = `${s.source}\0${s.text}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    for (const rule of RULES) expect(sentences.some((s) => s.rule === rule)).toBe(true);
  });

  it('precision and recall per rule (printed, not asserted)', async () => {
    const files: Record<string, string> = {};
    const folderOf = new Map<string, number>();
    sentences.forEach((s, i) => {
      const { path, prefix } = fileFor(i, s.source);
      files[path] = `${prefix}${s.text}\n`;
      folderOf.set(path.slice(0, 5), i);
    });
    const { findings } = await lintFiles(files);
    const reported = sentences.map(() => new Map<string, string>());
    for (const f of findings) {
      if (!(RULES as readonly string[]).includes(f.ruleId)) continue;
      const i = folderOf.get(f.file.slice(0, 5));
      if (i === undefined) continue;
      const seen = reported[i]!;
      if (seen.get(f.ruleId) !== 'high') seen.set(f.ruleId, f.confidence);
    }
    const lines: string[] = [];
    for (const [title, keep] of [
      ['every finding', () => true],
      ["findings of confidence 'high'", (c: string) => c === 'high'],
    ] as const) {
      const cells = new Map<string, { tp: number; fp: number; fn: number }>(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
      sentences.forEach((s, i) => {
        const rules = [...reported[i]!].filter(([, c]) => keep(c)).map(([r]) => r);
        if (s.rule !== null) {
          if (rules.includes(s.rule)) cells.get(s.rule)!.tp++;
          else cells.get(s.rule)!.fn++;
        }
        for (const r of rules) if (r !== s.rule) cells.get(r)!.fp++;
      });
      const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
      const all = { tp: 0, fp: 0, fn: 0 };
      const rows = [...cells].map(([rule, c]) => {
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn += c.fn;
        return `  ${rule.padEnd(15)} precision ${pct(c.tp, c.tp + c.fp).padStart(6)}  recall ${pct(c.tp, c.tp + c.fn).padStart(6)}  (${c.tp + c.fn} violations, ${c.fp} false positives)`;
      });
      lines.push(
        `${title}: precision ${pct(all.tp, all.tp + all.fp)}, recall ${pct(all.tp, all.tp + all.fn)} (${all.tp + all.fn} violations, ${sentences.length} sentences)`,
        ...rows,
      );
    }
    console.log(`guidance sentences from the corpus (the same corpus as eval/corpus-labels.json, not unseen data):\n${lines.join('\n')}`);
    expect(lines.length).toBeGreaterThan(0);
  });
});
