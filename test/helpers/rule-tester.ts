import { describe, expect, it } from 'vitest';
import { lintFiles } from './repo.js';

export interface InvalidCase {
  files: Record<string, string>;
  /** Expected findings of this rule: line, and a fragment of the message. */
  errors: { line: number; column?: number; message?: string | RegExp }[];
  policy?: string;
}
export interface ValidCase {
  files: Record<string, string>;
  policy?: string;
}

/** ESLint-style tester: valid cases produce no finding of the rule, invalid ones exactly the listed findings. */
export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${ruleId}`, () => {
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}`, async () => {
        const found = (await lintFiles(c.files, c.policy)).findings.filter((f) => f.ruleId === ruleId);
        expect(found.map((f) => `${f.location.start.line}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}`, async () => {
        const found = (await lintFiles(c.files, c.policy)).findings.filter((f) => f.ruleId === ruleId);
        expect(found.map((f) => f.location.start.line)).toEqual(c.errors.map((e) => e.line));
        c.errors.forEach((e, k) => {
          if (e.column !== undefined) expect(found[k]!.location.start.column).toBe(e.column);
          if (e.message !== undefined) expect(found[k]!.message).toMatch(e.message);
        });
      });
    });
  });
}
