// How the checker's findings on the labelled config files of eval/config-files-unseen.json are scored. Used by
// scripts/eval-configs.mjs (the committed CLI) and test/configs-unseen.test.ts (in process).
import { isAbsolute, normalize } from 'node:path';

export const RULES = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'secret-access'];

/** How many lines apart a finding and the violation it reports may be. */
const NEAR = 3;

/**
 * What a grant of any command includes, as its sandbox-mode finding says it: such a grant is reported once, under
 * sandbox-mode, naming the network access, publishing and outside writes it takes in (the README's "reported once,
 * under the most specific rule"). A reader's violation of one of those rules at the same entry is found by it.
 */
const COVERED = {
  'network-access': /\bnetwork\b/,
  'publish-deploy': /\bpublishing\b/,
  'outside-writes': /\boutside the repository\b/,
};

/** A path of the set as a relative path inside its repository's folder, or an error. */
export function insideRepository(path) {
  const rel = normalize(path);
  if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error(`${path} leaves its repository`);
  return rel;
}

/** Markdown an agent follows as instructions (a command, a skill, a custom agent): its front matter is settings, the rest prose. */
const MARKDOWN = /\.(?:md|mdc)$/i;

/** The first line of a file's prose: after its YAML front matter in markdown (1 without one); none in other files. */
export function proseFrom(file) {
  if (!MARKDOWN.test(file.path)) return Infinity;
  const lines = file.text.split('\n');
  if (lines[0]?.trim() !== '---') return 1;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  return end < 0 ? Infinity : end + 2;
}

/**
 * Scores the findings of each repository (`findingsOf(repo)`: `{ path, rule, line, column, high, notice, guidance,
 * message }` each) against its labelled violations, in two parts. Settings: the violations of config keys and front
 * matter against the findings of what the files set. Prose: the violations a reader found in the markdown after the
 * front matter (a command's or skill's instructions) against the checker's readings of that prose, which count at
 * the default policy only when of high confidence (`highFound`, `highPrecision`), and the findings of settings written
 * in that prose (an Antigravity `// turbo` line). A violation takes the nearest
 * finding of its file and rule within three lines (a reader may give the line an entry starts on, the checker the line
 * of the value it reports), one finding each, one quoting it first: a true positive. A finding that matches none is
 * looked up among the findings labelled since (`findings`: TP or FP); unlabelled, it counts as a false positive. What
 * a rule says only as a notice at high confidence is left out. Readings of instructions outside markdown (a
 * workflow step's prompt), whose lines readers label with the file's settings, are scored with the settings.
 * Recall is per violating (file, rule) pair and per violation.
 */
export function scoreConfigSet(repositories, findingsOf) {
  const found = new Map(repositories.map((repo) => [repo, findingsOf(repo)]));
  // A finding of a setting written in the prose (an Antigravity workflow's `// turbo` line) is the prose's, as the
  // violation a reader lists there is.
  const inProse = (f, file) => MARKDOWN.test(file.path) && (f.guidance || f.line >= proseFrom(file));
  const settings = scorePart(repositories, found, {
    finding: (f, file) => !inProse(f, file) && !(f.notice && f.high),
    violation: (v, file) => v.line < proseFrom(file),
  });
  const prose = scorePart(repositories, found, {
    finding: (f, file) => inProse(f, file) && (f.guidance || !(f.notice && f.high)),
    violation: (v, file) => v.line >= proseFrom(file),
  });
  return { ...settings, prose };
}

function scorePart(repositories, found, select) {
  const tally = Object.fromEntries(
    RULES.map((r) => [
      r,
      { tp: 0, fp: 0, highTp: 0, highFp: 0, pairs: new Set(), found: new Set(), highFound: new Set(), violations: 0, hit: 0 },
    ]),
  );
  const disagreements = [];
  for (const repo of repositories) {
    const labelled = new Map(repo.files.map((f) => [f.path, f]));
    const findings = found
      .get(repo)
      .filter((f) => RULES.includes(f.rule) && labelled.has(f.path) && select.finding(f, labelled.get(f.path)));
    const violationsOf = (file) => file.violations.filter((v) => select.violation(v, file));
    const hit = new Set();
    const matched = new Map();
    const pairs = [];
    // Nearest first; at the same distance, a finding whose message quotes what the violation names (two entries on
    // one line), so that the violation left over is the one no finding reports.
    const quotes = (f, v) => f.message.includes(v.what.replace(/^"|"$/g, ''));
    for (const f of findings)
      for (const v of violationsOf(labelled.get(f.path)))
        if (v.rule === f.rule && Math.abs(v.line - f.line) <= NEAR)
          pairs.push({ f, v, d: Math.abs(v.line - f.line) + (quotes(f, v) ? 0 : 0.5) });
    pairs.sort((a, b) => a.d - b.d);
    for (const { f, v } of pairs) {
      if (matched.has(f) || hit.has(v)) continue;
      matched.set(f, v);
      hit.add(v);
    }
    const counted = [];
    for (const f of findings) {
      const c = tally[f.rule];
      const judged = (repo.findings ?? []).find(
        (l) => l.path === f.path && l.rule === f.rule && l.line === f.line && l.column === f.column,
      );
      const pair = `${repo.repo}/${f.path}\0${f.rule}`;
      if (matched.has(f) || judged?.label === 'TP') {
        counted.push(f);
        c.tp++;
        c.found.add(pair);
        if (f.high) {
          c.highTp++;
          c.highFound.add(pair);
        }
      } else {
        c.fp++;
        if (f.high) c.highFp++;
        // A reading that counts at the default guidance-min-confidence says so: those are the ones that fail a check.
        const weight = f.guidance && f.high ? ' (high)' : '';
        disagreements.push(
          judged
            ? `false positive${weight} ${repo.repo}/${f.path}:${f.line}:${f.column} ${f.rule}: ${judged.reason}`
            : `unlabelled finding (counted false)${weight} ${repo.repo}/${f.path}:${f.line}:${f.column} ${f.rule}: ${f.message.slice(0, 160)}`,
        );
      }
    }
    for (const file of repo.files)
      for (const v of violationsOf(file)) {
        if (hit.has(v) || !COVERED[v.rule]) continue;
        const grant = counted.find(
          (f) => f.rule === 'sandbox-mode' && f.path === file.path && Math.abs(v.line - f.line) <= NEAR && COVERED[v.rule].test(f.message),
        );
        if (!grant) continue;
        hit.add(v);
        const pair = `${repo.repo}/${file.path}\0${v.rule}`;
        tally[v.rule].found.add(pair);
        if (grant.high) tally[v.rule].highFound.add(pair);
      }
    for (const file of repo.files)
      for (const v of violationsOf(file)) {
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
    const highFound = [...c.pairs].filter((p) => c.highFound.has(p)).length;
    return {
      rule,
      tp: c.tp,
      fp: c.fp,
      precision: ratio(c.tp, c.tp + c.fp),
      highPrecision: ratio(c.highTp, c.highTp + c.highFp),
      pairs: c.pairs.size,
      found,
      recall: ratio(found, c.pairs.size),
      highFound,
      highRecall: ratio(highFound, c.pairs.size),
      violations: c.violations,
      hit: c.hit,
    };
  });
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const all = {
    tp: sum('tp'),
    fp: sum('fp'),
    highTp: RULES.reduce((n, r) => n + tally[r].highTp, 0),
    highFp: RULES.reduce((n, r) => n + tally[r].highFp, 0),
    pairs: sum('pairs'),
    found: sum('found'),
    highFound: sum('highFound'),
    violations: sum('violations'),
    hit: sum('hit'),
  };
  all.precision = ratio(all.tp, all.tp + all.fp);
  all.highPrecision = ratio(all.highTp, all.highTp + all.highFp);
  all.recall = ratio(all.found, all.pairs);
  all.highRecall = ratio(all.highFound, all.pairs);
  all.violationRecall = ratio(all.hit, all.violations);
  return { rows, all, disagreements };
}
