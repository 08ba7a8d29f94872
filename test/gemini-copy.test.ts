import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers/repo.js';

const SETTINGS = '{\n  "general": { "defaultApprovalMode": "yolo" },\n  "tools": { "allowed": ["run_shell_command(git push)"] }\n}\n';

const findings = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files)).findings.map(
    (f) => `${f.file}:${f.location.start.line}:${f.location.start.column} ${f.ruleId} ${f.agent} ${f.confidence} ${f.level}`,
  );

describe('Gemini CLI settings kept where Gemini CLI does not read them', () => {
  it("a template a script installs, or a copy under another name: medium notices, read as Gemini CLI's settings", async () => {
    for (const path of ['install/settings/gemini.json', 'templates/settings.json'])
      expect(await findings({ [path]: SETTINGS })).toEqual([
        `${path}:2:39 sandbox-mode gemini-settings-copy medium notice`,
        `${path}:3:26 publish-deploy gemini-settings-copy medium notice`,
      ]);
    const legacy = '{ "coreTools": ["ShellTool(npm publish)", "ReadFileTool"], "includeDirectories": ["~/work"] }';
    expect(await findings({ 'dotfiles/gemini-settings.json': legacy })).toEqual([
      'dotfiles/gemini-settings.json:1:83 outside-writes gemini-settings-copy medium notice',
    ]);
  });

  it("another program's settings, Claude Code's kept elsewhere, and Gemini CLI's own file are not read here", async () => {
    const result = await lintFiles({
      'app/settings.json': '{ "tools": { "enabled": true }, "general": { "theme": "dark" } }',
      'web/gemini.json': '{ "model": "gemini-2.5-pro", "apiVersion": "v1" }',
    });
    expect(result.files).toEqual([]);
    expect((await lintFiles({ 'global/settings.json': '{ "permissions": { "allow": ["Bash(git push:*)"] } }' })).files).toEqual([
      { path: 'global/settings.json', agent: 'claude-settings-copy' },
    ]);
    expect((await lintFiles({ '.gemini/settings.json': SETTINGS })).files).toEqual([
      { path: '.gemini/settings.json', agent: 'gemini-cli' },
    ]);
  });
});
