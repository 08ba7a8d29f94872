import { describe, expect, it } from 'vitest';
import { REGRESSION_SET, SAFE, VIOLATIONS } from './regression-set.js';
import { lintFiles } from '../helpers/repo.js';

const FIVE = new Set(['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'secret-access']);

describe('guidance regression set (snippets the heuristics were written from: not a measure of accuracy)', () => {
  it('has at least 200 labelled snippets, half of each kind, across all five rules and several agents', () => {
    expect(REGRESSION_SET.length).toBeGreaterThanOrEqual(200);
    expect(Math.abs(VIOLATIONS.length - SAFE.length)).toBeLessThanOrEqual(REGRESSION_SET.length * 0.1);
    expect(new Set(VIOLATIONS.map((v) => v.rule))).toEqual(FIVE);
    expect(new Set(REGRESSION_SET.map((v) => v.file ?? 'AGENTS.md')).size).toBeGreaterThanOrEqual(5);
  });

  it('precision and recall', async () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    const falseAlarms: string[] = [];
    for (const item of REGRESSION_SET) {
      const file = item.file ?? 'AGENTS.md';
      const rules = (await lintFiles({ [file]: `${item.text}\n` })).findings.map((f) => f.ruleId).filter((r) => FIVE.has(r));
      if (item.rule === null) {
        if (rules.length > 0) {
          fp++;
          falseAlarms.push(`${rules.join(',')}: ${item.text}`);
        }
      } else if (rules.includes(item.rule)) tp++;
      else {
        fn++;
        misses.push(`${item.rule} (got ${rules.join(',') || 'nothing'}): ${item.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `guidance regression set: ${VIOLATIONS.length} violations, ${SAFE.length} safe; precision ${(precision * 100).toFixed(1)}% (${fp} false positives), recall ${(recall * 100).toFixed(1)}% (${fn} missed)`,
    );
    if (misses.length) console.log(`missed:\n  ${misses.join('\n  ')}`);
    if (falseAlarms.length) console.log(`false positives:\n  ${falseAlarms.join('\n  ')}`);
    expect(falseAlarms).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
