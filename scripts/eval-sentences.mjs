#!/usr/bin/env node
// Precision and recall on real guidance sentences: writes every sentence of eval/guidance-sentences.json into its
// own folder of a temporary directory, as the kind of file it came from, runs the committed CLI once over them all
// and maps the findings back by folder. A sentence labelled with a rule is found when a finding of that rule is
// reported for it; any finding of the five rules on a null sentence, or of another rule on a violation, is a false
// positive. A set whose `about.heldOut` is set (eval/guidance-sentences-unseen.json) comes from repositories outside
// the corpus and is reported as held out; one whose `about.development` is set (eval/guidance-sentences-dev.json)
// comes from other repositories outside both and is reported as the development set.
//   node scripts/eval-sentences.mjs [--json] [--set FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aboutTheSentence, sentenceFiles } from './sentence-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const setFile = resolve(arg('--set', join(root, 'eval', 'guidance-sentences.json')));
const RULES = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'secret-access'];
const SAME_CORPUS = 'the sentences come from the same corpus as eval/corpus-labels.json (../shared/corpus): not unseen data';

if (!existsSync(setFile)) {
  console.log(`eval-sentences: no labelled set at ${setFile}; nothing was measured.`);
  process.exit(0);
}
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('eval-sentences: dist/cli.js is missing; run `npm run build` first.');
  process.exit(1);
}
const { about, sentences } = JSON.parse(readFileSync(setFile, 'utf8'));
const agreement = about?.agreement ?? null;
const heldOut = typeof about?.heldOut === 'string';
const development = typeof about?.development === 'string';
const note = heldOut ? about.heldOut : development ? about.development : SAME_CORPUS;

const folderOf = (i) => `s${String(i + 1).padStart(4, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'agent-policy-sentences-'));
let report;
try {
  sentences.forEach((s, i) => {
    for (const [path, text] of sentenceFiles(s)) {
      const file = join(dir, folderOf(i), path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  });
  const out = execFileSync(process.execPath, [cli, 'check', dir, '--format', 'json', '--fail-on', 'never'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  report = JSON.parse(out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Findings of the five rules per sentence index: rule -> highest confidence seen ('high' when the field is absent). */
const bySentence = sentences.map(() => new Map());
for (const f of report.findings) {
  if (!RULES.includes(f.ruleId) || f.suppression !== null) continue;
  if (!aboutTheSentence(f)) continue;
  const m = /^s(\d{4})\//.exec(f.path);
  if (!m) continue;
  const found = bySentence[Number(m[1]) - 1];
  if (!found) continue;
  const confidence = f.confidence ?? 'high';
  if (found.get(f.ruleId) !== 'high') found.set(f.ruleId, confidence);
}

const ratio = (a, b) => (b === 0 ? null : a / b);
/** Scores the set counting the findings `keep` accepts; each (sentence, rule) pair counts once. */
function score(keep) {
  const cells = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const misses = [];
  const falsePositives = [];
  sentences.forEach((s, i) => {
    const rules = [...bySentence[i]].filter(([, confidence]) => keep(confidence)).map(([rule]) => rule);
    if (s.rule !== null) {
      if (rules.includes(s.rule)) cells[s.rule].tp++;
      else {
        cells[s.rule].fn++;
        misses.push({ index: i, rule: s.rule, got: rules });
      }
    }
    for (const rule of rules) {
      if (rule === s.rule) continue;
      cells[rule].fp++;
      falsePositives.push({ index: i, rule, label: s.rule });
    }
  });
  const rows = RULES.map((rule) => {
    const c = cells[rule];
    return { rule, violations: c.tp + c.fn, ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) };
  });
  const t = { tp: 0, fp: 0, fn: 0 };
  for (const c of Object.values(cells)) {
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
  const overall = { violations: t.tp + t.fn, ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) };
  return { rows, overall, misses, falsePositives };
}
const all = score(() => true);
// What the `strict` policy counts (guidance-min-confidence: medium): every finding but the low readings.
const strict = score((confidence) => confidence !== 'low');
const high = score((confidence) => confidence === 'high');
const counts = { sentences: sentences.length, violations: sentences.filter((s) => s.rule !== null).length };
counts.null = counts.sentences - counts.violations;

const describe = (item) => {
  const s = sentences[item.index];
  return `${s.source} ${JSON.stringify(s.text.length > 160 ? `${s.text.slice(0, 157)}...` : s.text)}`;
};

if (process.argv.includes('--json')) {
  const strip = (r) => ({
    rows: r.rows,
    overall: r.overall,
    misses: r.misses.map((m) => ({ source: sentences[m.index].source, rule: m.rule, got: m.got })),
    falsePositives: r.falsePositives.map((f) => ({ source: sentences[f.index].source, rule: f.rule, label: f.label })),
  });
  console.log(
    JSON.stringify(
      { note, heldOut, development, counts, agreement, all: strip(all), mediumAndHigh: strip(strict), highConfidence: strip(high) },
      null,
      2,
    ),
  );
} else {
  const fmt = (x) => (x === null ? '  —  ' : x.toFixed(3));
  const table = (title, r) => {
    console.log(`\n${title}`);
    console.log('rule              violations   TP   FN   FP  precision  recall');
    for (const row of [...r.rows, { rule: 'all rules', ...r.overall }])
      console.log(
        `${row.rule.padEnd(16)} ${String(row.violations).padStart(11)} ${String(row.tp).padStart(4)} ${String(row.fn).padStart(4)} ${String(row.fp).padStart(4)}  ${fmt(row.precision).padStart(9)}  ${fmt(row.recall)}`,
      );
  };
  const kind = heldOut ? 'held-out guidance sentences' : development ? 'development-set guidance sentences' : 'labelled guidance sentences';
  console.log(
    `eval-sentences: ${counts.sentences} ${kind} (${counts.violations} violations, ${counts.null} null) from ${basename(setFile)}`,
  );
  console.log(`note: ${note}`);
  if (agreement)
    console.log(
      `labels re-read on a sample: ${agreement.agreed} of ${agreement.sample} agree, Cohen's kappa ${agreement.cohensKappa} (${basename(setFile)} about.agreement)`,
    );
  const later = {
    secondCollection: 'second',
    thirdCollection: 'third',
    fourthCollection: 'fourth',
    fifthCollection: 'fifth',
    sixthCollection: 'sixth',
    seventhCollection: 'seventh',
    eighthCollection: 'eighth',
  };
  for (const [key, which] of Object.entries(later)) {
    const later = agreement?.[key];
    if (later)
      console.log(
        `labels of the ${which} collection re-read on a sample: ${later.agreed} of ${later.sample} agree, Cohen's kappa ${later.cohensKappa} (about.agreement.${key})`,
      );
  }
  table('every finding', all);
  table("findings of confidence 'medium' or 'high': what the strict policy counts (guidance-min-confidence: medium)", strict);
  table("only findings of confidence 'high' (a finding without the field counts as high)", high);
  console.log(`\n${all.misses.length} misses:`);
  for (const m of all.misses) console.log(`  miss ${m.rule} (got ${m.got.join(',') || 'nothing'}): ${describe(m)}`);
  console.log(`\n${all.falsePositives.length} false positives:`);
  for (const f of all.falsePositives) console.log(`  false positive ${f.rule} (labelled ${f.label ?? 'null'}): ${describe(f)}`);
}
