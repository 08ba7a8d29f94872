// How the checker's findings on the labelled config files of eval/config-files-unseen.json are scored. Used by
// scripts/eval-configs.mjs (the committed CLI) and test/configs-unseen.test.ts (in process).
import { isAbsolute, normalize } from 'node:path';

export const RULES = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'secret-access'];

/** How many lines apart a finding and the violation it reports may be. */
const NEAR = 3;

/** A path of the set as a relative path inside its repository's folder, or an error. */
export function insideRepository(path) {
  const rel = normalize(path);
  if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error(`${path} leaves its repository`);
  return rel;
}

/**
 * Scores the findings of each repository (`findingsOf(repo)`: `{ path, rule, line, column, high, notice, guidance,
 * message }` each) against its labelled violations. A violation takes the nearest finding of its file and rule within
 * three lines (a reader may give the line an entry starts on, the checker the line of the value it reports), one
 * finding each, one quoting it first: a true positive. A finding that matches none is looked up among the findings labelled since
 * (`findings`: TP or FP); unlabelled, it counts as a false positive. Readings of guidance text (a command's or skill's
 * prose) and what a rule says only as a notice at high confidence are left out. Recall is per violating (file, rule)
 * pair and per violation.
 */
export function scoreConfigSet(repositories, findingsOf) {
  const tally = Object.fromEntries(
    RULES.map((r) => [r, { tp: 0, fp: 0, highTp: 0, highFp: 0, pairs: new Set(), found: new Set(), violations: 0, hit: 0 }]),
  );
  const disagreements = [];
  for (const repo of repositories) {
    const labelled = new Map(repo.files.map((f) => [f.path, f]));
    const findings = findingsOf(repo).filter((f) => RULES.includes(f.rule) && labelled.has(f.path) && !f.guidance && !(f.notice && f.high));
    const hit = new Set();
    const matched = new Map();
    const pairs = [];
    // Nearest first; at the same distance, a finding whose message quotes what the violation names (two entries on
    // one line), so that the violation left over is the one no finding reports.
    const quotes = (f, v) => f.message.includes(v.what.replace(/^"|"$/g, ''));
    for (const f of findings)
      for (const v of labelled.get(f.path).violations)
        if (v.rule === f.rule && Math.abs(v.line - f.line) <= NEAR)
          pairs.push({ f, v, d: Math.abs(v.line - f.line) + (quotes(f, v) ? 0 : 0.5) });
    pairs.sort((a, b) => a.d - b.d);
    for (const { f, v } of pairs) {
      if (matched.has(f) || hit.has(v)) continue;
      matched.set(f, v);
      hit.add(v);
    }
    for (const f of findings) {
      const c = tally[f.rule];
      const judged = (repo.findings ?? []).find(
        (l) => l.path === f.path && l.rule === f.rule && l.line === f.line && l.column === f.column,
      );
      if (matched.has(f) || judged?.label === 'TP') {
        c.tp++;
        if (f.high) c.highTp++;
        c.found.add(`${repo.repo}/${f.path}\0${f.rule}`);
      } else {
        c.fp++;
        if (f.high) c.highFp++;
        disagreements.push(
          judged
            ? `false positive ${repo.repo}/${f.path}:${f.line}:${f.column} ${f.rule}: ${judged.reason}`
            : `unlabelled finding (counted false) ${repo.repo}/${f.path}:${f.line}:${f.column} ${f.rule}: ${f.message.slice(0, 160)}`,
        );
      }
    }
    for (const file of repo.files)
      for (const v of file.violations) {
        const c = tally[v.rule];
        c.pairs.add(`${repo.repo}/${file.path}\0${v.rule}`);
        c.violations++;
        if (hit.has(v)) c.hit++;
        else disagreements.push(`miss ${repo.repo}/${file.path}:${v.line} ${v.rule}: ${v.what} (${v.why})`);
      }
  }
  const ratio = (a, b) => (b === 0 ? null : a / b);
  const rows = RULES.map((rule) => {
    const c = tally[rule];
    const found = [...c.pairs].filter((p) => c.found.has(p)).length;
    return {
      rule,
      tp: c.tp,
      fp: c.fp,
      precision: ratio(c.tp, c.tp + c.fp),
      highPrecision: ratio(c.highTp, c.highTp + c.highFp),
      pairs: c.pairs.size,
      found,
      recall: ratio(found, c.pairs.size),
      violations: c.violations,
      hit: c.hit,
    };
  });
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const all = { tp: sum('tp'), fp: sum('fp'), pairs: sum('pairs'), found: sum('found'), violations: sum('violations'), hit: sum('hit') };
  all.precision = ratio(all.tp, all.tp + all.fp);
  all.recall = ratio(all.found, all.pairs);
  all.violationRecall = ratio(all.hit, all.violations);
  return { rows, all, disagreements };
}
