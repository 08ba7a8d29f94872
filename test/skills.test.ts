import { describe, expect, it } from 'vitest';
import { isSkill } from '../src/guidance/files.js';
import { isAgentFile } from '../src/io/repository.js';
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
