import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { insideRepository, proseFrom, RULES, scoreConfigSet, type ConfigRepository } from '../scripts/config-set.mjs';
import { lintFiles } from './helpers/repo.js';

// Real agent config files of repositories outside the corpus, each labelled by reading it before the checker was run
// on it (eval/config-files-unseen.json); the same score as scripts/eval-configs.mjs, run in process.
const EVAL = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval');
const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus');
/** Each collection after the first: its key under `about`, its number, and the fewest repositories it holds. */
const LATER = [
  ['secondCollection', 2, 60],
  ['thirdCollection', 3, 55],
  ['fourthCollection', 4, 54],
  ['fifthCollection', 5, 52],
  ['sixthCollection', 6, 54],
  ['seventhCollection', 7, 56],
  ['eighthCollection', 8, 56],
  ['ninthCollection', 9, 56],
  ['tenthCollection', 10, 51],
  ['eleventhCollection', 11, 38],
  ['twelfthCollection', 12, 37],
  ['thirteenthCollection', 13, 52],
  ['fourteenthCollection', 14, 36],
  ['fifteenthCollection', 15, 51],
  ['sixteenthCollection', 16, 35],
  ['seventeenthCollection', 17, 47],
  ['eighteenthCollection', 18, 43],
  ['nineteenthCollection', 19, 45],
  ['twentiethCollection', 20, 47],
  ['twentyFirstCollection', 21, 46],
  ['twentySecondCollection', 22, 46],
  ['twentyThirdCollection', 23, 45],
  ['twentyFourthCollection', 24, 46],
  ['twentyFifthCollection', 25, 45],
  ['twentySixthCollection', 26, 46],
  ['twentySeventhCollection', 27, 47],
  ['twentyEighthCollection', 28, 15],
  ['twentyNinthCollection', 29, 49],
  ['thirtiethCollection', 30, 49],
  ['thirtyFirstCollection', 31, 46],
  ['thirtySecondCollection', 32, 49],
] as const;
interface Later {
  measuredBeforeTuning: string;
  agreement: { cells: number; agree: number; kappa: number };
}
const data = JSON.parse(readFileSync(join(EVAL, 'config-files-unseen.json'), 'utf8')) as {
  about: {
    development: string;
    measuredBeforeTuning: string;
    agreement: { cells: number; agree: number; kappa: number };
  } & Record<(typeof LATER)[number][0], Later>;
  repositories: (ConfigRepository & { commit?: string; found: string; collection?: number; files: { commit?: string }[] })[];
};

describe('agent config files of repositories outside the corpus', () => {
  it('is well formed: files inside their repository, labels at lines of their file, known rules, each repository once', () => {
    expect(data.repositories.length).toBeGreaterThanOrEqual(120);
    expect(data.about.development).toMatch(/\S/);
    expect(data.about.agreement.agree).toBeLessThanOrEqual(data.about.agreement.cells);
    for (const [key, collection, fewest] of LATER) {
      expect(data.about[key].agreement.agree).toBeLessThanOrEqual(data.about[key].agreement.cells);
      expect(data.repositories.filter((r) => r.collection === collection).length).toBeGreaterThanOrEqual(fewest);
    }
    const seen = new Set<string>();
    for (const repo of data.repositories) {
      expect(repo.repo).toMatch(/^[^/\s]+\/[^/\s]+$/);
      expect(seen.has(repo.repo.toLowerCase())).toBe(false);
      seen.add(repo.repo.toLowerCase());
      expect(['plain', 'aimed']).toContain(repo.found);
      for (const file of repo.files) {
        expect(() => insideRepository(file.path)).not.toThrow();
        expect(file.commit ?? repo.commit).toMatch(/^[0-9a-f]{40}$/);
        const lines = file.text.split('\n').length;
        for (const v of file.violations) {
          expect(RULES).toContain(v.rule);
          expect(Number.isInteger(v.line) && v.line >= 1 && v.line <= lines).toBe(true);
          expect(v.why).toMatch(/\S/);
        }
      }
      for (const f of repo.findings ?? []) expect(['TP', 'FP']).toContain(f.label);
    }
    if (existsSync(CORPUS)) for (const folder of readdirSync(CORPUS)) expect(seen.has(folder.replace('__', '/').toLowerCase())).toBe(false);
  });

  it("scores a markdown file's front matter as settings and the rest as prose; other files are all settings", () => {
    expect(proseFrom({ path: 'a/cmd.md', text: '---\nallowed-tools: Bash\n---\nPush.\n' })).toBe(4);
    expect(proseFrom({ path: 'a/AGENT.MD', text: 'Push when done.\n' })).toBe(1);
    expect(proseFrom({ path: 'a/cmd.md', text: '---\nopen: front matter\n' })).toBe(Infinity);
    expect(proseFrom({ path: '.claude/settings.json', text: '{}' })).toBe(Infinity);
  });

  it('scores a setting written in the prose (an Antigravity `// turbo` line) with the prose', () => {
    const text = '---\ndescription: Deploy\n---\n\n// turbo\n```\ngit push origin main\n```\n';
    const repo = {
      repo: 'o/r',
      files: [
        {
          path: '.agent/workflows/deploy.md',
          text,
          violations: [{ rule: 'publish-deploy', line: 5, what: '// turbo', why: 'pushes unasked' }],
        },
      ],
    };
    const turbo = {
      path: '.agent/workflows/deploy.md',
      rule: 'publish-deploy',
      line: 7,
      column: 1,
      high: false,
      notice: true,
      guidance: false,
      message: 'm',
    };
    const scored = scoreConfigSet([repo], () => [turbo]);
    expect([scored.prose.all.tp, scored.prose.all.fp, scored.prose.all.found]).toEqual([1, 0, 1]);
    expect([scored.all.tp, scored.all.fp, scored.all.pairs]).toEqual([0, 0, 0]);
  });

  it('counts a grant of any command, reported once under sandbox-mode, as finding what its message says it includes', () => {
    const text = '{\n  "permission": {\n    "bash": { "*": "allow" }\n  }\n}\n';
    const violation = (rule: string) => ({ rule, line: 3, what: '"bash": { "*": "allow" }', why: 'any command' });
    const repo = {
      repo: 'o/r',
      files: [
        {
          path: 'opencode.json',
          text,
          violations: ['sandbox-mode', 'network-access', 'publish-deploy', 'secret-access'].map(violation),
        },
      ],
    };
    const grant = (message: string) => ({
      path: 'opencode.json',
      rule: 'sandbox-mode',
      line: 3,
      column: 7,
      high: true,
      notice: false,
      guidance: false,
      message,
    });
    const named = scoreConfigSet([repo], () => [
      grant(
        'bash "*": "allow" lets the agent run any command without asking: network access, publishing and deploying, and writes outside the repository included.',
      ),
    ]);
    const found = (score: typeof named) => score.rows.filter((r) => r.found > 0).map((r) => r.rule);
    // Secrets are not among what the message names; the finding is one true positive, not three.
    expect(found(named)).toEqual(['sandbox-mode', 'network-access', 'publish-deploy']);
    expect([named.all.tp, named.all.fp, named.all.hit, named.all.violations]).toEqual([1, 0, 3, 4]);
    // A bypass whose message names none of them finds only its own rule.
    const silent = scoreConfigSet([repo], () => [grant('--yolo skips every permission prompt and check.')]);
    expect(found(silent)).toEqual(['sandbox-mode']);
  });

  it('precision and recall hold their measured floors', async () => {
    const found = new Map<ConfigRepository, Awaited<ReturnType<typeof lintFiles>>['findings']>();
    for (const repo of data.repositories) {
      const files = Object.fromEntries(repo.files.map((f) => [f.path, f.text]));
      found.set(repo, (await lintFiles(files, undefined, Object.keys(files), repo.repo.split('/')[1])).findings);
    }
    const { rows, all, prose } = scoreConfigSet(data.repositories, (repo) =>
      found.get(repo)!.map((f) => ({
        path: f.file,
        rule: f.ruleId,
        line: f.location.start.line,
        column: f.location.start.column,
        high: f.confidence === 'high',
        notice: f.level === 'notice',
        guidance: f.keyPath[0] === 'guidance',
        message: f.message,
      })),
    );
    console.log(rows.map((r) => `${r.rule} P ${r.precision?.toFixed(3) ?? '—'} R ${r.recall?.toFixed(3) ?? '—'}`).join('\n'));
    // Measured with the set as committed: settings P 0.964, pair recall 0.749, 4,077 of 5,480 violations; the prose of
    // commands, skills and agents P 0.690 (0.881 at high confidence), pair recall 0.475 (0.124 at high confidence); the
    // twenty-first to thirty-second collections, with fewer of their pairs found than the set's, took the floors down
    // by a little. Before
    // the checker was tuned on them, and with prose and settings scored together, P 0.887 and R 0.473 on the first
    // collection, P 0.875 and R 0.667 on the second, P 0.843 and R 0.490 on the third, P 0.955 and R 0.525 on the
    // fourth, P 0.961 and R 0.531 on the fifth, P 0.954 and R 0.512 on the sixth, P 0.894 and R 0.603 on the seventh,
    // P 0.918 and R 0.532 on the eighth; scored apart, settings P 0.927 and R 0.670, prose P 0.500 and R 0.571 on the
    // ninth, settings P 0.970 and R 0.582, prose P 0.692 and R 0.333 on the tenth, settings P 0.960 and R 0.707, prose
    // P 0.789 and R 0.692 on the eleventh, settings P 0.943 and R 0.609, prose P 0.688 and R 0.421 on the twelfth,
    // settings P 0.946 and R 0.657, prose P 0.296 and R 0.500 on the thirteenth, settings P 0.915 and R 0.543, prose P
    // 0.750 and R 0.643 on the fourteenth, settings P 0.918 and R 0.645, prose P 0.581 and R 0.321 on the fifteenth,
    // settings P 0.944 and R 0.750, prose P 0.667 and R 0.375 on the sixteenth, settings P 0.950 and R 0.672, prose P
    // 0.773 and R 0.556 on the seventeenth, settings P 0.970 and R 0.435, prose P 0.500 and R 0.419 on the eighteenth,
    // settings P 0.912 and R 0.636, prose P 0.632 and R 0.407 on the nineteenth, settings P 0.965 and R 0.536, prose P
    // 0.774 and R 0.311 on the twentieth, settings P 1.000 and R 0.741, prose P 0.485 and R 0.353 on the twenty-first,
    // settings P 0.940 and R 0.592, prose P 0.579 and R 0.346 on the twenty-second, settings P 0.982 and R 0.689,
    // prose P 0.458 and R 0.400 on the twenty-third, settings P 0.979 and R 0.693, prose P 0.611 and R 0.333 on the
    // twenty-fourth, settings P 0.988 and R 0.630, prose P 0.625 and R 0.512 on the twenty-fifth, settings P 0.914 and
    // R 0.649, prose P 0.375 and R 0.250 on the twenty-sixth, settings P 0.953 and R 0.701, prose P 0.667 and R 0.455
    // on the twenty-seventh, no finding (R 0.000 of 32 pairs) on the twenty-eighth, aimed at Ralph's `.ralphrc`, and
    // settings P 0.907 and R 0.636, prose P 0.565 and R 0.364 on the twenty-ninth, settings P 0.954 and R 0.635, prose
    // P 0.646 and R 0.344 on the thirtieth, settings P 0.953 and R 0.738, prose P 0.539 and R 0.474 on the
    // thirty-first, settings P 0.896 and R 0.833, prose P 0.508 and R 0.645 on the thirty-second.
    expect(all.precision).toBeGreaterThanOrEqual(0.96);
    expect(all.recall).toBeGreaterThanOrEqual(0.73);
    expect(all.violationRecall).toBeGreaterThanOrEqual(0.72);
    expect(prose.all.precision).toBeGreaterThanOrEqual(0.68);
    // The readings that fail a check at the default guidance-min-confidence.
    expect(prose.all.highPrecision).toBeGreaterThanOrEqual(0.87);
    expect(prose.all.recall).toBeGreaterThanOrEqual(0.45);
  });
});
