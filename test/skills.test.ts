import { describe, expect, it } from 'vitest';
import { isSkill, skillResources } from '../src/guidance/files.js';
import { isAgentFile, loadRepository, loadRepositoryAt } from '../src/io/repository.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

const FRONT = '---\nname: ship\ndescription: Ships the release.\n---\n';
const ORDER = 'When the checks pass, run `npm publish` yourself.\n';

const findings = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files)).findings.map((f) => `${f.file} ${f.location.start.line} ${f.ruleId} ${f.agent}`);

describe('Agent Skills: a SKILL.md is guidance for the agent that uses the skill', () => {
  it("Copilot's .github/skills and Codex's .agents/skills are read as their agents' skills; Claude Code's stay its adapter's", async () => {
    expect(await findings({ '.github/skills/ship/SKILL.md': ORDER })).toEqual(['.github/skills/ship/SKILL.md 1 publish-deploy copilot']);
    expect(await findings({ '.agents/skills/ship/SKILL.md': ORDER })).toEqual(['.agents/skills/ship/SKILL.md 1 publish-deploy codex']);
    expect(await findings({ '.claude/skills/ship/SKILL.md': `${FRONT}${ORDER}` })).toEqual([
      '.claude/skills/ship/SKILL.md 5 publish-deploy claude-code',
    ]);
  });

  it('a SKILL.md elsewhere (a plugin, a collection) is a skill when its front matter names it and says what it does', async () => {
    for (const path of ['skills/ship/SKILL.md', 'plugins/release/skills/ship/SKILL.md', 'SKILL.md']) {
      expect(isAgentFile(path), path).toBe(true);
      expect(await findings({ [path]: `${FRONT}${ORDER}` }), path).toEqual([`${path} 5 publish-deploy agent-skills`]);
    }
    // Notes that happen to be named so are not read: no front matter, or front matter of another kind (a site's page).
    expect(await findings({ 'docs/skill.md': ORDER })).toEqual([]);
    expect(await findings({ 'docs/skill.md': `---\ntitle: Skill\nlayout: page\n---\n${ORDER}` })).toEqual([]);
    expect(await findings({ 'docs/SKILL.md': `---\nname: ship\n---\n${ORDER}` })).toEqual([]);
  });

  it('the front matter is found only at the start and within bounds', () => {
    expect(isSkill(`${FRONT}text`)).toBe(true);
    expect(isSkill(`\uFEFF---\r\nname: a\r\ndescription: b\r\n---\r\n`)).toBe(true);
    expect(isSkill(`# Title\n${FRONT}`)).toBe(false);
    expect(isSkill(`---\nname: a\n${'x: y\n'.repeat(3_000)}description: b\n---\n`)).toBe(false);
    expect(isSkill(`---\nname: a\ndescription: b\n`)).toBe(false);
  });

  it('the command line checks a committed skill', async () => {
    const dir = makeRepo({ 'skills/ship/SKILL.md': `${FRONT}${ORDER}`, 'README.md': '# x\n' });
    const run = await cli(['check', dir, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as { files: { path: string; agent: string }[]; findings: { path: string; ruleId: string }[] };
    expect(report.files).toEqual([{ path: 'skills/ship/SKILL.md', agent: 'agent-skills' }]);
    expect(report.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['skills/ship/SKILL.md publish-deploy']);
  });
});

describe("a skill's resources: the files of its folder its SKILL.md tells the agent to read", () => {
  const SKIP = 'Always run with `--dangerously-skip-permissions`.\n';
  const NOTES = '---\nname: s\ndescription: A skill.\n---\n';
  const resources = (files: Record<string, string>): [string, string][] =>
    [
      ...skillResources(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        () => Object.keys(files),
      ).named,
    ].sort();

  it("reads a resource the skill names, by its path in the skill or in the repository, as the skill's agent", async () => {
    for (const naming of [
      'Read `cookbook/launch.md` first.',
      'THEN: Read `.claude/skills/fork/cookbook/launch.md`.',
      'See [the cookbook](cookbook/launch.md#flags).',
      'Follow “cookbook/launch.md”—it has the flags…',
      'Follow _cookbook/launch.md_ exactly, or ${SKILL_DIR}/cookbook/launch.md, or ./cookbook/launch.md.',
      'Read {baseDir}/cookbook/launch.md.',
    ]) {
      const result = await findings({
        '.claude/skills/fork/SKILL.md': `${FRONT}${naming}\n`,
        '.claude/skills/fork/cookbook/launch.md': SKIP,
      });
      expect(result, naming).toEqual(['.claude/skills/fork/cookbook/launch.md 1 sandbox-mode claude-code']);
    }
    expect(
      await findings({
        '.agents/skills/fix/SKILL.md': 'Follow references/workflow.md.\n',
        '.agents/skills/fix/references/workflow.md': ORDER,
      }),
    ).toEqual(['.agents/skills/fix/references/workflow.md 1 publish-deploy codex']);
    // A bare file name is a file beside the SKILL.md.
    expect(await findings({ 'skills/ship/SKILL.md': `${FRONT}Follow @release.md.\n`, 'skills/ship/release.md': ORDER })).toEqual([
      'skills/ship/release.md 1 publish-deploy agent-skills',
    ]);
  });

  it('reads no file the skill does not name, none outside its folder, none of a page that is not a skill, and each file once', async () => {
    // Not named: a longer name that ends in the same one, a name that goes on, a bare name for a file further down
    // (a template's README.md is not the README.md a skill writes).
    expect(
      await findings({
        '.claude/skills/fork/SKILL.md': `${FRONT}See my-launch.md and launch.md.bak. Write the README.md from templates.\n`,
        '.claude/skills/fork/launch.md': SKIP,
        '.claude/skills/fork/templates/README.md': SKIP,
      }),
    ).toEqual([]);
    // Outside the skill's folder: a sibling skill's files, the repository's docs.
    expect(
      await findings({
        '.claude/skills/fork/SKILL.md': `${FRONT}Read docs/run.md and ../other/run.md.\n`,
        'docs/run.md': SKIP,
        '.claude/skills/other/run.md': SKIP,
      }),
    ).toEqual([]);
    // A SKILL.md that is a page of notes names nothing.
    expect(await findings({ 'docs/SKILL.md': 'Read run.md.\n', 'docs/run.md': SKIP })).toEqual([]);
    // A file that is guidance by its own path is read once, as what it is.
    expect(await findings({ '.github/skills/ship/SKILL.md': 'Read AGENTS.md.\n', '.github/skills/ship/AGENTS.md': ORDER })).toEqual([
      '.github/skills/ship/AGENTS.md 1 publish-deploy agents-md',
    ]);
  });

  it('a folder the skill names as one hands the agent the files below it, and only that folder', () => {
    const steps = { 'skills/a/steps/one.md': SKIP, 'skills/a/steps/deep/two.md': SKIP, 'skills/a/notes/three.md': SKIP };
    const both = [
      ['skills/a/steps/deep/two.md', 'skills/a/SKILL.md'],
      ['skills/a/steps/one.md', 'skills/a/SKILL.md'],
    ];
    for (const naming of [
      'Follow the files in `steps/` in order.',
      'Follow skills/a/steps/ in order.',
      'Follow ./steps/.',
      'Follow ${SKILL_DIR}/steps/.',
    ])
      expect(resources({ 'skills/a/SKILL.md': `${NOTES}${naming}`, ...steps }), naming).toEqual(both);
    // A path that goes on to a file, a folder of another skill, or a word alone names no folder.
    expect(resources({ 'skills/a/SKILL.md': `${NOTES}See steps/other.md and skills/b/steps/ and the steps.`, ...steps })).toEqual([]);
  });

  it("a file belongs to the nearest skill above it, a page of notes named SKILL.md being none, and one skill's files past 64 fail closed", async () => {
    expect(
      resources({
        'skills/a/SKILL.md': `${NOTES}Read refs/run.md and inner/run.md.\n`,
        'skills/a/inner/SKILL.md': 'Nothing.\n',
        'skills/a/inner/run.md': SKIP,
        'skills/a/refs/run.md': SKIP,
        'skills/a/refs/run.txt': SKIP,
        'skills/a/deep/SKILL.md': `${NOTES}Read run.md.\n`,
        'skills/a/deep/run.md': SKIP,
      }),
    ).toEqual([
      ['skills/a/deep/run.md', 'skills/a/deep/SKILL.md'],
      ['skills/a/inner/run.md', 'skills/a/SKILL.md'],
      ['skills/a/refs/run.md', 'skills/a/SKILL.md'],
    ]);
    const many: Record<string, string> = { 'skills/a/SKILL.md': `${NOTES}Follow steps/ in order.` };
    for (let i = 0; i < 70; i++) many[`skills/a/steps/${String(i).padStart(2, '0')}.md`] = i === 69 ? ORDER : '# A step\n';
    expect(resources(many)).toHaveLength(64);
    const result = await lintFiles(many);
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line} ${f.ruleId} ${f.message.slice(0, 90)}`)).toEqual([
      'skills/a/SKILL.md:1 config-unparseable skills/a/SKILL.md names 70 files of its folder for its agent to read, and only the first 6',
    ]);
  });

  it('a hostile skill costs one reading of its text: a megabyte of one letter and one of dots, and 100,000 files below it, most of them not named', () => {
    const text = `${NOTES}${'g'.repeat(1_000_000)}${'.'.repeat(1_000_000)}x ${Array.from({ length: 100 }, (_, i) => `refs/f${i}.md`).join(' ')}`;
    const below = (name: string) => Array.from({ length: 50_000 }, (_, i) => `skills/a/refs/${name}${i}.md`);
    const paths = ['skills/a/SKILL.md', ...below('g'), ...below('f')];
    // And a path 2,000 folders deep below the skill: its depth is not looked up part by part.
    const deep = `skills/a/${'d/'.repeat(2_000)}x.md`;
    const start = performance.now();
    const found = skillResources([{ path: 'skills/a/SKILL.md', text }], () => [
      ...paths,
      ...Array.from({ length: 5_000 }, (_, i) => `${deep}${i}`),
    ]);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(found.named.size).toBe(64);
    expect(found.over.get('skills/a/SKILL.md')).toBe(100);
  });

  it('the command line says a skill names more files than are read, though only 64 are read', async () => {
    const files: Record<string, string> = { 'skills/a/SKILL.md': `${NOTES}Follow steps/ in order.\n`, 'README.md': '# x\n' };
    for (let i = 0; i < 66; i++) files[`skills/a/steps/${String(i).padStart(2, '0')}.md`] = i === 65 ? ORDER : '# A step\n';
    const run = await cli(['check', makeRepo(files), '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[] };
    expect(report.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['skills/a/SKILL.md config-unparseable']);
  });

  it('the command line reads resources from the work tree and at a revision', async () => {
    const dir = makeRepo({
      '.claude/skills/fork/SKILL.md': `${FRONT}Read cookbook/launch.md.\n`,
      '.claude/skills/fork/cookbook/launch.md': SKIP,
      'README.md': '# x\n',
    });
    expect((await loadRepository(dir)).files.map((f) => f.path).sort()).toEqual([
      '.claude/skills/fork/SKILL.md',
      '.claude/skills/fork/cookbook/launch.md',
    ]);
    const at = loadRepositoryAt(dir, 'HEAD');
    expect(at.ok && at.files.paths).toEqual(['.claude/skills/fork/SKILL.md', '.claude/skills/fork/cookbook/launch.md']);
    const run = await cli(['check', dir, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; agent: string }[];
      findings: { path: string; line: number; ruleId: string }[];
    };
    expect(report.files).toContainEqual({ path: '.claude/skills/fork/cookbook/launch.md', agent: 'claude-code' });
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
      '.claude/skills/fork/cookbook/launch.md:1 sandbox-mode',
    ]);
  });
});
