import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/repo.js';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const present = existsSync(corpus);

/** Real agent configs from public repositories: every folder checks without a crash and without exit 2. */
describe.skipIf(!present)('corpus', () => {
  it('every folder checks with exit 0 or 1, and the counts per rule are printed', async () => {
    const counts = new Map<string, number>();
    const failures: string[] = [];
    let files = 0;
    const folders = readdirSync(corpus, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    for (const folder of folders) {
      const run = await cli(['check', join(corpus, folder), '--format', 'json']);
      if (run.code !== 0 && run.code !== 1) {
        failures.push(`${folder}: exit ${run.code}: ${run.stderr.slice(0, 300)}`);
        continue;
      }
      const report = JSON.parse(run.stdout) as { summary: { files: number }; findings: { ruleId: string; agent: string }[] };
      files += report.summary.files;
      for (const f of report.findings) counts.set(`${f.agent}/${f.ruleId}`, (counts.get(`${f.agent}/${f.ruleId}`) ?? 0) + 1);
    }
    console.log(
      `corpus: ${folders.length} folders, ${files} agent files; findings by agent/rule: ${JSON.stringify(Object.fromEntries([...counts].sort()))}`,
    );
    expect(failures).toEqual([]);
    expect(files).toBeGreaterThan(0);
  });
});
