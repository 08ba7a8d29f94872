import { describe, expect, it } from 'vitest';
import { isAgentFile } from '../src/io/repository.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

const ORDER = 'When the checks pass, run `npm publish` yourself.\n';
/** A custom command whose prompt gives the order on its fourth line. */
const COMMAND = `description = "Ship the package."\nprompt = """\nReview the staged diff.\n${ORDER}"""\n`;

const findings = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files)).findings.map((f) => `${f.file} ${f.location.start.line}:${f.location.start.column} ${f.ruleId} ${f.agent}`);

describe("Gemini CLI's project commands, subagents and skills", () => {
  it("a custom command's prompt is guidance, placed inside the TOML string; other TOML files are not commands", async () => {
    expect(isAgentFile('.gemini/commands/git/tidy.toml')).toBe(true);
    const files = {
      '.gemini/commands/tidy.toml': COMMAND,
      '.gemini/commands/team/notes.toml': `prompt = "Tag the release. ${ORDER.trim()}"\n`,
      '.gemini/commands/review.toml': 'prompt = """\nReview the diff: !{git diff --staged}\n"""\n',
      'commands/tidy.toml': COMMAND,
      'config/tidy.toml': COMMAND,
    };
    expect((await findings(files)).sort()).toEqual([
      '.gemini/commands/team/notes.toml 1:28 publish-deploy gemini-cli',
      '.gemini/commands/tidy.toml 4:1 publish-deploy gemini-cli',
    ]);
  });

  it("Qwen Code's commands, in markdown or in Gemini CLI's TOML, are guidance", async () => {
    const files = {
      '.qwen/commands/team/tidy.md': `---\ndescription: Tidy up.\n---\n${ORDER}`,
      '.qwen/commands/tidy.toml': COMMAND,
      '.qwen/notes.md': ORDER,
    };
    expect((await findings(files)).sort()).toEqual([
      '.qwen/commands/team/tidy.md 4:1 publish-deploy gemini-cli',
      '.qwen/commands/tidy.toml 4:1 publish-deploy gemini-cli',
    ]);
  });

  it('a command file that is not TOML is reported where the parser stopped', async () => {
    const result = await lintFiles({ '.gemini/commands/tidy.toml': 'prompt = """\nunterminated\n' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.start.line}`)).toEqual(['config-unparseable 1']);
    expect(result.findings[0]!.message).toMatch(/^Cannot parse TOML: /);
  });

  it("a subagent's system prompt and a skill's instructions are guidance; a subagent's own MCP servers start with it", async () => {
    const files = {
      '.gemini/agents/releaser.md': `---\nname: releaser\ndescription: Releases.\ntools:\n  - run_shell_command\n---\n${ORDER}`,
      '.gemini/agents/files.md': [
        '---',
        'name: files',
        'description: Files anywhere.',
        'mcpServers:',
        '  fs:',
        '    command: npx',
        '    args: ["-y", "@modelcontextprotocol/server-filesystem", "/"]',
        '---',
        'Tidy the files.',
        '',
      ].join('\n'),
      '.gemini/skills/release/SKILL.md': `---\nname: release\ndescription: Release the package.\n---\n${ORDER}`,
    };
    expect((await findings(files)).sort()).toEqual([
      '.gemini/agents/files.md 7:62 outside-writes gemini-cli',
      '.gemini/agents/releaser.md 7:1 publish-deploy gemini-cli',
      '.gemini/skills/release/SKILL.md 5:1 publish-deploy gemini-cli',
    ]);
  });
});

describe('Gemini CLI extensions: a committed extension is read as Gemini CLI loads it', () => {
  it("an extension's commands, subagents, skills and hooks, in its own folder only", async () => {
    expect(isAgentFile('tools/ext/gemini-extension.json')).toBe(true);
    const hooks = { hooks: { AfterTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'git push origin main' }] }] } };
    const files = {
      'tools/ext/gemini-extension.json': JSON.stringify({ name: 'ext', version: '1.0.0' }),
      'tools/ext/commands/tidy.toml': COMMAND,
      'tools/ext/commands/team/notes.toml': COMMAND,
      'tools/ext/agents/releaser.md': `---\nname: releaser\ndescription: Releases.\n---\n${ORDER}`,
      'tools/ext/skills/release/SKILL.md': `---\nname: release\ndescription: Release.\n---\n${ORDER}`,
      'tools/ext/hooks/hooks.json': JSON.stringify(hooks),
      'tools/ext/agents/nested/deep.md': ORDER,
      'tools/ext/docs/tidy.toml': COMMAND,
      'tools/other/commands/tidy.toml': COMMAND,
      'tools/other/hooks/hooks.json': JSON.stringify(hooks),
    };
    expect((await findings(files)).sort()).toEqual([
      'tools/ext/agents/releaser.md 5:1 publish-deploy gemini-extension',
      'tools/ext/commands/team/notes.toml 4:1 publish-deploy gemini-extension',
      'tools/ext/commands/tidy.toml 4:1 publish-deploy gemini-extension',
      'tools/ext/hooks/hooks.json 1:86 publish-deploy gemini-extension',
      'tools/ext/skills/release/SKILL.md 5:1 publish-deploy gemini-extension',
    ]);
  });

  it("the manifest's MCP servers and the context files it names; a name that leaves the extension is not followed", async () => {
    const manifest = {
      name: 'ext',
      contextFileName: ['CONTEXT.md', 'GEMINI.md', '../outside.md', '/etc/x.md', 7],
      mcpServers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/'] } },
    };
    const files = {
      'ext/gemini-extension.json': JSON.stringify(manifest, null, 2),
      'ext/CONTEXT.md': ORDER,
      'ext/GEMINI.md': ORDER,
      'ext/OTHER.md': ORDER,
      'outside.md': ORDER,
    };
    expect((await findings(files)).sort()).toEqual([
      'ext/CONTEXT.md 1:1 publish-deploy gemini-extension',
      'ext/GEMINI.md 1:1 publish-deploy gemini-cli',
      'ext/gemini-extension.json 16:10 outside-writes gemini-extension',
    ]);
  });

  it('a manifest that cannot be parsed is reported at its place; the folders Gemini CLI reads are still read', async () => {
    const result = await lintFiles({ 'gemini-extension.json': '{"name": "ext",', 'commands/tidy.toml': COMMAND });
    expect(result.findings.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual([
      'commands/tidy.toml publish-deploy',
      'gemini-extension.json config-unparseable',
    ]);
  });

  it('the command line checks a committed extension and reads no other TOML or markdown', async () => {
    const dir = makeRepo({
      'gemini-extension.json': '{"name":"ext"}\n',
      'commands/tidy.toml': COMMAND,
      'docs/guide.md': ORDER,
      'pyproject.toml': COMMAND,
    });
    const run = await cli(['check', dir, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string; line: number }[] };
    expect(report.findings.map((f) => `${f.path} ${f.line} ${f.ruleId}`)).toEqual(['commands/tidy.toml 4 publish-deploy']);
  });
});
