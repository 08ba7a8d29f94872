#!/usr/bin/env node
// Precision and recall on real agent config files from repositories outside the corpus: writes each repository's
// files of eval/config-files-unseen.json into its own folder, runs the committed CLI on it (told the repository's
// name, as a checkout's folder would tell it) and scores the findings against the violations its readers listed,
// file by file (scripts/config-set.mjs says how).
//   node scripts/eval-configs.mjs [--json] [--set FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insideRepository, scoreConfigSet } from './config-set.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const setFile = resolve(arg('--set', join(root, 'eval', 'config-files-unseen.json')));

if (!existsSync(setFile)) {
  console.log(`eval-configs: no labelled set at ${setFile}; nothing was measured.`);
  process.exit(0);
}
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('eval-configs: dist/cli.js is missing; run `npm run build` first.');
  process.exit(1);
}
const { about, repositories } = JSON.parse(readFileSync(setFile, 'utf8'));

const failed = [];
const dir = mkdtempSync(join(tmpdir(), 'agent-policy-configs-'));
let score;
try {
  const reports = new Map();
  for (const [i, repo] of repositories.entries()) {
    const name = repo.repo.split('/').pop();
    const folder = join(dir, `r${String(i + 1).padStart(3, '0')}`, name);
    mkdirSync(folder, { recursive: true });
    for (const file of repo.files) {
      const target = join(folder, insideRepository(file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
    try {
      const out = execFileSync(process.execPath, [cli, 'check', folder, '--format', 'json', '--fail-on', 'never', '--repository', name], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      reports.set(repo, JSON.parse(out).findings);
    } catch (error) {
      failed.push(`${repo.repo}: the checker failed (${String(error.message).split('\n')[0] ?? ''})`);
      reports.set(repo, []);
    }
  }
  score = scoreConfigSet(repositories, (repo) =>
    reports.get(repo).map((f) => ({
      path: f.path,
      rule: f.ruleId,
      line: f.line,
      column: f.column,
      high: (f.confidence ?? 'high') === 'high',
      notice: f.level === 'notice',
      guidance: /^guidance\b/.test(f.keyPath),
      message: f.message,
    })),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { rows, all, prose } = score;
const disagreements = [...failed, ...score.disagreements, ...prose.disagreements];
const files = repositories.reduce((n, r) => n + r.files.length, 0);

const fmt = (x) => (x === null ? '  —  ' : x.toFixed(3));
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { note: about?.development ?? null, repositories: repositories.length, files, rows, all, prose, disagreements },
      null,
      2,
    ),
  );
} else {
  console.log(`\neval-configs: ${repositories.length} repositories outside the corpus, ${files} agent config files (${setFile})`);
  if (about?.measuredBeforeTuning) console.log(`  measured before any change was made from it: ${about.measuredBeforeTuning}`);
  if (about?.agreement)
    console.log(
      `  second reading of ${about.agreement.cells / 5} files: ${about.agreement.agree} of ${about.agreement.cells} (file, rule) labels agree, kappa ${about.agreement.kappa}`,
    );
  for (const [name, n, later] of [
    ['second', 2, about?.secondCollection],
    ['third', 3, about?.thirdCollection],
    ['fourth', 4, about?.fourthCollection],
    ['fifth', 5, about?.fifthCollection],
    ['sixth', 6, about?.sixthCollection],
    ['seventh', 7, about?.seventhCollection],
    ['eighth', 8, about?.eighthCollection],
    ['ninth', 9, about?.ninthCollection],
    ['tenth', 10, about?.tenthCollection],
    ['eleventh', 11, about?.eleventhCollection],
    ['twelfth', 12, about?.twelfthCollection],
    ['thirteenth', 13, about?.thirteenthCollection],
    ['fourteenth', 14, about?.fourteenthCollection],
    ['fifteenth', 15, about?.fifteenthCollection],
    ['sixteenth', 16, about?.sixteenthCollection],
    ['seventeenth', 17, about?.seventeenthCollection],
    ['eighteenth', 18, about?.eighteenthCollection],
    ['nineteenth', 19, about?.nineteenthCollection],
    ['twentieth', 20, about?.twentiethCollection],
    ['twenty-first', 21, about?.twentyFirstCollection],
    ['twenty-second', 22, about?.twentySecondCollection],
    ['twenty-third', 23, about?.twentyThirdCollection],
    ['twenty-fourth', 24, about?.twentyFourthCollection],
    ['twenty-fifth', 25, about?.twentyFifthCollection],
    ['twenty-sixth', 26, about?.twentySixthCollection],
    ['twenty-seventh', 27, about?.twentySeventhCollection],
    ['twenty-eighth', 28, about?.twentyEighthCollection],
    ['twenty-ninth', 29, about?.twentyNinthCollection],
    ['thirtieth', 30, about?.thirtiethCollection],
    ['thirty-first', 31, about?.thirtyFirstCollection],
    ['thirty-second', 32, about?.thirtySecondCollection],
  ]) {
    if (!later) continue;
    console.log(`  ${name} collection (collection: ${n}), measured before any change was made from it: ${later.measuredBeforeTuning}`);
    console.log(
      `  second reading of ${later.agreement.cells / 5} of its files: ${later.agreement.agree} of ${later.agreement.cells} (file, rule) labels agree, kappa ${later.agreement.kappa}`,
    );
  }
  console.log('rule                 TP   FP  precision   violating (file, rule)  found  recall   violations  found');
  for (const r of [...rows, { rule: 'all rules', ...all }])
    console.log(
      `${r.rule.padEnd(19)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)}  ${fmt(r.precision)}      ${String(r.pairs).padStart(5)}               ${String(r.found).padStart(5)}  ${fmt(r.recall)}   ${String(r.violations).padStart(6)}  ${String(r.hit).padStart(6)}`,
    );
  console.log(
    '\nprose of commands, skills and agents (markdown after the front matter), read as guidance; "high": the readings that count at the default guidance-min-confidence',
  );
  console.log(
    'rule                 TP   FP  precision  high P   violating (file, rule)  found  recall  high found  high R   violations  found',
  );
  for (const r of [...prose.rows, { rule: 'all rules', ...prose.all }])
    console.log(
      `${r.rule.padEnd(19)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)}  ${fmt(r.precision)}      ${fmt(r.highPrecision)}   ${String(r.pairs).padStart(5)}               ${String(r.found).padStart(5)}  ${fmt(r.recall)}  ${String(r.highFound).padStart(6)}      ${fmt(r.highRecall)}   ${String(r.violations).padStart(6)}  ${String(r.hit).padStart(6)}`,
    );
  console.log(`\n${disagreements.length} disagreements between the checker and the labels:`);
  for (const d of disagreements) console.log(`  ${d}`);
}
