import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers/repo.js';

const findings = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files)).findings.map((f) => `${f.file}:${f.location.start.line} ${f.ruleId}`);

const rule = (fields: Record<string, string | number | string[]>): string =>
  `[[rule]]\n${Object.entries(fields)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join('\n')}\n`;

describe("Gemini CLI's policy files of the workspace (.gemini/policies/*.toml)", () => {
  it('an allowed command prefix or expression, web fetch and an MCP tool are judged; toolName "*" is every call approved', async () => {
    const policy = [
      rule({ toolName: 'run_shell_command', commandPrefix: ['git status', 'git push'], decision: 'allow', priority: 100 }), // 1-5
      rule({ toolName: 'web_fetch', decision: 'allow', priority: 100 }), // 7-10
      rule({ mcpName: 'github', toolName: 'merge_pull_request', decision: 'allow', priority: 100 }), // 12-16
      rule({ toolName: 'run_shell_command', commandRegex: 'curl .*', decision: 'allow', priority: 100 }), // 18-22
      rule({ toolName: '*', decision: 'allow', priority: 1 }), // 24-27
    ].join('\n');
    expect(await findings({ '.gemini/policies/team.toml': policy })).toEqual([
      '.gemini/policies/team.toml:3 publish-deploy',
      '.gemini/policies/team.toml:8 network-access',
      '.gemini/policies/team.toml:14 publish-deploy',
      '.gemini/policies/team.toml:20 network-access',
      '.gemini/policies/team.toml:25 sandbox-mode',
    ]);
  });

  it('the highest priority that matches decides; a rule kept to yolo or plan mode decides nothing more', async () => {
    const policy = [
      rule({ toolName: 'run_shell_command', commandPrefix: 'npm publish', decision: 'allow', priority: 10 }),
      rule({ toolName: 'run_shell_command', commandPrefix: 'npm publish', decision: 'deny', priority: 50 }),
      rule({ toolName: 'run_shell_command', commandPrefix: 'git push', decision: 'ask_user', priority: 10 }),
      rule({ toolName: 'run_shell_command', commandPrefix: 'git push', decision: 'allow', priority: 90 }), // 19-23: line 21
      rule({ toolName: '*', decision: 'allow', priority: 999, modes: ['yolo'] }),
      rule({ toolName: 'run_shell_command', commandPrefix: 'vercel', decision: 'allow', priority: 999, modes: ['plan'] }),
    ].join('\n');
    expect(await findings({ '.gemini/policies/team.toml': policy })).toEqual(['.gemini/policies/team.toml:21 publish-deploy']);
  });

  it('a file Gemini CLI rejects applies none of its rules, denies included; a deny kept to another mode or a subagent holds back nothing', async () => {
    const allow = rule({ toolName: 'run_shell_command', commandPrefix: 'git push', decision: 'allow', priority: 10 });
    const deny = (extra: Record<string, string | number | string[]>): string =>
      rule({ toolName: 'run_shell_command', commandPrefix: 'git push', decision: 'deny', priority: 500, ...extra });
    // A valid deny takes the allow back; a deny of a file with a rule of priority 1000 (rejected), of another mode,
    // of a subagent, or an unsafe expression does not.
    expect(await findings({ '.gemini/policies/a.toml': allow, '.gemini/policies/b.toml': deny({}) })).toEqual([]);
    const narrowing: Record<string, string | number | string[]>[] = [{ priority: 1000 }, { modes: ['autoEdit'] }, { subagent: 'helper' }];
    for (const extra of narrowing) {
      const found = await findings({ '.gemini/policies/a.toml': allow, '.gemini/policies/b.toml': deny(extra) });
      expect(found, JSON.stringify(extra)).toContain('.gemini/policies/a.toml:3 publish-deploy');
    }
    const unsafe = rule({ toolName: 'run_shell_command', commandRegex: '(git\\s+)+push.*', decision: 'deny', priority: 500 });
    expect(await findings({ '.gemini/policies/a.toml': allow, '.gemini/policies/b.toml': unsafe })).toEqual([
      '.gemini/policies/a.toml:3 publish-deploy',
    ]);
  });

  it("a dotfiles copy of the user's policies is read too; a file Gemini CLI does not load is not", async () => {
    const yolo = rule({ toolName: '*', decision: 'allow', priority: 999 });
    expect(await findings({ 'home/dot_gemini/policies/yolo.toml': yolo })).toEqual(['home/dot_gemini/policies/yolo.toml:2 sandbox-mode']);
    expect(await findings({ 'docs/policies/yolo.toml': yolo })).toEqual([]);
    // Every tool of an MCP server that publishes.
    const server = rule({ mcpName: 'github', decision: 'allow', priority: 100 });
    expect(await findings({ '.gemini/policies/mcp.toml': server })).toEqual(['.gemini/policies/mcp.toml:2 publish-deploy']);
  });
});
