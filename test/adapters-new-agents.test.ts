import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters/index.js';
import { guidanceAgent } from '../src/guidance/files.js';
import { expectedFindings } from './helpers/labels.js';
import { lintFiles, located, makeRepo } from './helpers/repo.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const owner = (path: string): string | undefined => ADAPTERS.find((a) => a.matches(path))?.id;

/** Labelled fixtures of the agents read through their own adapters: every label and nothing else. */
const LABELLED: [string, string][] = [
  ['kiro/mcp.json', '.kiro/settings/mcp.json'],
  ['kiro/agent.json', '.kiro/agents/release-helper.json'],
  ['kiro/yolo.agent.json', '.kiro/agents/yolo.json'],
  ['kiro/shell.agent.json', '.kiro/agents/shell.json'],
  ['kiro/deploy.kiro.hook', '.kiro/hooks/deploy.kiro.hook'],
  ['kiro/format.kiro.hook', '.kiro/hooks/format.kiro.hook'],
  ['kiro/ask.kiro.hook', '.kiro/hooks/ask.kiro.hook'],
  ['kiro/disabled.kiro.hook', '.kiro/hooks/disabled.kiro.hook'],
  ['kiro/persist.kiro.hook', '.kiro/hooks/persist.kiro.hook'],
  ['kiro/bootstrap.kiro.hook', '.kiro/hooks/bootstrap.kiro.hook'],
  ['kiro/backend.agent.md', '.kiro/agents/backend.md'],
  ['kiro/backend.agent.md', '.kiro/agents/team/backend.md'],
  ['kiro/yolo.agent.md', '.kiro/agents/yolo.md'],
  ['roo/mcp.json', '.roo/mcp.json'],
  ['roo/roomodes.yaml', '.roomodes'],
  ['roo/roomodes.yaml', 'packages/app/.roomodes'],
  ['zed/settings.json', '.zed/settings.json'],
  ['zed/strict.settings.json', '.zed/settings.json'],
  ['zed/open.settings.json', '.zed/settings.json'],
  ['zed/agent-servers.settings.json', '.zed/settings.json'],
  ['amp/settings.json', '.amp/settings.json'],
  ['amp/first-match.settings.json', '.amp/settings.jsonc'],
  ['amp/tool-glob.settings.json', '.amp/settings.jsonc'],
  ['amp/vscode.settings.json', '.vscode/settings.json'],
  // The user's settings kept in a dotfiles repository, as a plain folder or chezmoi's source state.
  ['amp/settings.json', '.config/amp/settings.json'],
  ['amp/first-match.settings.json', 'home/dot_config/amp/settings.jsonc'],
  ['factory/settings.json', '.factory/settings.json'],
  ['factory/low.settings.json', '.factory/settings.json'],
  ['factory/local.settings.json', '.factory/settings.local.json'],
  ['factory/claude-permissions.settings.json', '.factory/settings.json'],
  ['factory/high.settings.json', '.factory/settings.json'],
  ['factory/hooks.json', '.factory/hooks.json'],
  ['factory/hooks.json', '.factory/hooks/hooks.json'],
  ['factory/mcp.json', '.factory/mcp.json'],
  ['augment/settings.json', '.augment/settings.json'],
  ['augment/first-match.settings.json', '.augment/settings.json'],
  ['augment/local.settings.json', '.augment/settings.local.json'],
  ['augment/null-pattern.settings.json', '.augment/settings.json'],
  ['continue/github.yaml', '.continue/mcpServers/github.yaml'],
  ['continue/copied.json', '.continue/mcpServers/copied.json'],
  ['junie/mcp.json', '.junie/mcp/mcp.json'],
  // Kilo Code reads OpenCode's config and agents under its own names, and the older extension Roo Code's MCP file and modes.
  ['opencode/permissive.jsonc', 'kilo.jsonc'],
  ['opencode/strict.jsonc', '.kilo/kilo.jsonc'],
  ['opencode/globs.jsonc', 'kilo.json'],
  ['opencode/deployer.agent.md', '.kilo/agents/deployer.md'],
  ['opencode/reviewer.agent.md', '.kilo/agents/team/reviewer.md'],
  ['opencode/deployer.agent.md', 'dotfiles/kilo/agents/deployer.md'],
  ['roo/mcp.json', '.kilocode/mcp.json'],
  ['roo/roomodes.yaml', '.kilocodemodes'],
  ['crush/crush.json', 'crush.json'],
  ['crush/crush.json', '.crush.json'],
  ['crush/crush.json', 'tools/agent/crush.json'],
  ['crush/strict.crush.json', 'crush.json'],
];

describe('more agents: labelled fixtures', () => {
  for (const [name, path] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      const result = await lintFiles({ [path]: text });
      expect(result.files.map((f) => f.agent)).toEqual([owner(path)]);
      expect(located(result).sort()).toEqual(expectedFindings(text));
    });
  }
});

describe('Crush reads its config as Go decodes it', () => {
  const crush = async (text: string): Promise<string[]> => located(await lintFiles({ 'crush.json': text })).sort();
  it('keys in any case, the last that matches winning; tools disabled by their exact name, built-in ones only', async () => {
    expect(await crush('{ "Permissions": { "Allowed_Tools": ["bash"] } }')).toEqual(['1:sandbox-mode']);
    expect(await crush('{ "permissions": { "allowed_tools": ["view"] }, "PERMISSIONS": { "allowed_tools": ["fetch"] } }')).toEqual([
      '1:network-access',
    ]);
    // "bash " is not bash: Crush compares the names exactly, so bash still runs unasked.
    expect(await crush('{ "permissions": { "allowed_tools": ["bash"] }, "options": { "disabled_tools": ["bash "] } }')).toEqual([
      '1:sandbox-mode',
    ]);
    expect(await crush('{ "permissions": { "allowed_tools": ["bash"] }, "Options": { "Disabled_Tools": ["bash"] } }')).toEqual([]);
    // disabled_tools hides built-in tools only; an MCP tool stays allowed.
    expect(
      await crush(
        '{ "permissions": { "allowed_tools": ["mcp_dc_start_process"] }, "options": { "disabled_tools": ["mcp_dc_start_process"] }, "mcp": { "dc": { "command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander"] } } }',
      ),
    ).toEqual(['1:sandbox-mode']);
  });

  it('an MCP tool is every declared server its name may start with; hooks under any spelling of PreToolUse', async () => {
    // A server named `dc_start` does not hide `dc`'s `start_process`.
    expect(
      await crush(
        '{ "permissions": { "allowed_tools": ["mcp_dc_start_process"] }, "mcp": { "dc": { "command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander"] }, "dc_start": { "command": "node", "args": ["x.js"], "disabled": true } } }',
      ),
    ).toEqual(['1:sandbox-mode']);
    for (const event of ['PreToolUse', 'pre_tool_use', 'PRE_TOOL_USE', '_pre__tool_use_'])
      expect(await crush(`{ "Hooks": { "${event}": [{ "Command": "git push origin main" }] } }`), event).toEqual(['1:publish-deploy']);
    expect(await crush('{ "hooks": { "PostToolUse": [{ "command": "git push origin main" }] } }')).toEqual([]);
  });
});

describe('Letta Code settings, matched as Letta Code matches them', () => {
  const letta = async (text: string, path = '.letta/settings.json'): Promise<string[]> => located(await lintFiles({ [path]: text })).sort();
  const rules = (allow: readonly string[], more = ''): string => `{ "permissions": { "allow": ${JSON.stringify(allow)}${more} } }`;
  it('an unrestricted mode, shell and file rules in its tool names, alwaysAsk and deny taking back what allow grants', async () => {
    for (const mode of ['unrestricted', 'bypassPermissions', 'fullAccess'])
      expect(await letta(`{ "permissions": { "mode": "${mode}" } }`), mode).toEqual(['1:sandbox-mode']);
    for (const mode of ['standard', 'strict', 'plan', 'Unrestricted'])
      expect(await letta(`{ "permissions": { "mode": "${mode}" } }`), mode).toEqual([]);
    // acceptEdits allows every edit wherever it is.
    expect(await letta('{ "permissions": { "mode": "acceptEdits" } }')).toEqual(['1:outside-writes']);
    // Shell tools under other agents' names are Bash; a bare one is every command.
    for (const tool of ['Bash', 'ShellCommand', 'shell', 'run_shell_command'])
      expect(await letta(rules([tool])), tool).toEqual(['1:sandbox-mode']);
    expect(await letta(rules(['Edit(//etc/**)', 'Read(~/.ssh/**)']))).toEqual(['1:outside-writes', '1:secret-access']);
    // A path with one leading slash is matched as the absolute path it names, and a glob from `**` absolute paths too;
    // a file tool named bare, or a patch tool, writes anywhere.
    for (const rule of [
      'Write(/data/out/**)',
      'Write(**)',
      'Edit(**/*.ts)',
      'Write',
      'apply_patch',
      'ApplyPatch(src/**)',
      'MultiEdit',
      'Write({src,/home}/**)',
      'Write({,/}**)',
      'Edit(src/{a,/..}/**)',
    ])
      expect(await letta(rules([rule])), rule).toEqual(['1:outside-writes']);
    expect(await letta(rules(['Write(./out/**)', 'Write(src/**)', 'Write({src,docs}/**)']))).toEqual([]);
    // alwaysAsk and deny outrank allow; an ask rule does not.
    for (const list of ['alwaysAsk', 'deny'])
      expect(await letta(rules(['Bash(git:*)'], `, "${list}": ["Bash(git push:*)"]`)), list).not.toContain('1:publish-deploy');
    expect(await letta(rules(['Bash(git:*)'], ', "ask": ["Bash(git push:*)"]'))).toContain('1:publish-deploy');
    // A list Letta Code cannot merge stops the file there: a deny or alwaysAsk after it takes nothing back.
    for (const broken of [', "deny": ["Bash(git push:*)", 0]', ', "ask": {}, "alwaysAsk": ["Bash(git push:*)"]'])
      expect(await letta(rules(['Bash(git push:*)'], broken)), broken).toContain('1:publish-deploy');
  });

  it('any allowed shell rule runs any command after it on the line, said once a file', async () => {
    // Only the first command of a line is matched: `npm test && curl … | sh` runs under `Bash(npm test)`.
    const found = await lintFiles({ '.letta/settings.json': rules(['Bash(npm test)', 'Bash(git status:*)', 'Bash(git push:*)']) });
    expect(found.findings.map((f) => f.ruleId).sort()).toEqual(['publish-deploy', 'sandbox-mode']);
    expect(found.findings.find((f) => f.ruleId === 'sandbox-mode')?.message).toContain('first command of a line');
    expect(await letta(rules(['Bash(curl:*)']))).toEqual(['1:network-access', '1:sandbox-mode']);
    // A literal star still allows the command it spells, and what follows it on the line.
    expect(await letta(rules(['Bash(ls *.md)']))).toEqual(['1:sandbox-mode']);
    // A blank Letta Code does not trim names no tool; `Bash()` is only the empty command.
    expect(await letta(rules(['Bash (curl:*)', ' Bash(curl:*)', 'Bash()']))).toEqual([]);
    // A string is merged a character at a time: any `*` in it is the rule `*`, every other character names no tool.
    expect(await letta('{ "permissions": { "allow": "*" } }')).toEqual(['1:sandbox-mode']);
    expect(await letta('{ "permissions": { "allow": "Bash(curl:*)" } }')).toEqual(['1:sandbox-mode']);
    expect(await letta('{ "permissions": { "allow": "Bash(curl)" } }')).toEqual([]);
  });

  it('a star inside a shell rule, a web tool it does not have and an MCP rule without its tool approve nothing', async () => {
    // `*` is literal unless the rule ends in `:*`; the client has no WebFetch or WebSearch tool.
    expect(await letta(rules(['WebFetch', 'WebSearch']))).toEqual([]);
    expect(await letta(rules(['Bash(curl *)', 'Bash(git push *)']))).toEqual(['1:sandbox-mode']);
    // An MCP rule names its tool whole; `*` alone approves every MCP tool.
    expect(await letta(rules(['mcp__playwright', 'mcp__playwright__*']))).toEqual([]);
    expect(await letta(rules(['mcp__playwright__browser_navigate']))).toEqual(['1:network-access']);
    expect(await letta(rules(['*']))).toEqual(['1:sandbox-mode']);
  });

  it('hooks run unless disabled, and the local file is personal', async () => {
    const hook = '"hooks": { "SessionStart": [{ "hooks": [{ "type": "command", "command": "git push origin main" }] }] }';
    expect(await letta(`{ ${hook} }`)).toEqual(['1:publish-deploy']);
    expect(
      await letta(`{ "hooks": { "disabled": true, "SessionStart": [{ "hooks": [{ "type": "command", "command": "git push" }] }] } }`),
    ).toEqual([]);
    expect(await letta('{ "lastAgent": "agent-1" }', '.letta/settings.local.json')).toEqual(['1:secret-access']);
  });

  it('a script that starts letta unrestricted, by its flag or its package, or allows tools on its command line', async () => {
    const script = [
      '#!/bin/sh',
      'letta -p "fix it" --yolo',
      'npx @letta-ai/letta-code --permission-mode fullAccess -p x',
      'letta --permission-mode standard -p y',
      'letta -p z --allowedTools "Read,Bash"',
      'letta -p w --allowedTools=Read,WebFetch',
    ].join('\n');
    expect(located(await lintFiles({ 'scripts/agent.sh': `${script}\n` })).sort()).toEqual([
      '2:sandbox-mode',
      '3:sandbox-mode',
      '5:sandbox-mode',
    ]);
  });
});

describe('Amp tool globs a hostile file writes', () => {
  it('a glob too long or too odd to compile fails closed: an allow names the shell, a reject names nothing', async () => {
    const rules = (tool: string, action: string) => JSON.stringify({ 'amp.permissions': [{ tool, action }] });
    const long = await lintFiles({ '.amp/settings.json': rules(`*${'a'.repeat(70_000)}`, 'allow') });
    expect(long.findings.map((f) => f.ruleId)).toEqual(['sandbox-mode']);
    const odd = await lintFiles({ '.amp/settings.json': rules('?'.repeat(60_000), 'reject') });
    expect(odd.findings).toEqual([]);
    // Nested extended globs backtrack exponentially: they are not compiled as such.
    const nested = await lintFiles({ '.amp/settings.json': rules(`${'@(*|?)'.repeat(20)}x`, 'allow') });
    expect(nested.findings).toEqual([]);
  });

  it('a narrowed allow still grants where it applies; a narrowed reject takes nothing away from a later allow', async () => {
    const ruled = (...rules: object[]) => lintFiles({ '.amp/settings.json': JSON.stringify({ 'amp.permissions': rules }) });
    const thread = await ruled({ tool: 'Bas?', context: 'thread', action: 'allow' }, { tool: 'Bash', action: 'reject' });
    expect(thread.findings.map((f) => f.ruleId)).toEqual(['sandbox-mode']);
    const push = { tool: 'Bash', matches: { cmd: 'git push*' }, action: 'allow' };
    for (const first of [
      { tool: 'Bash', context: 'subagent', action: 'reject' },
      { tool: 'Bash', matches: { cwd: '/tmp/*' }, action: 'reject' },
      { tool: 'Bash', matches: { cmd: null }, action: 'reject' },
    ])
      expect(
        (await ruled(first, push)).findings.map((f) => f.ruleId),
        JSON.stringify(first),
      ).toEqual(['publish-deploy']);
  });
});

/** The line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Roo Code custom modes', () => {
  it('reads a .roomodes written as JSON, each statement at its column inside the string', async () => {
    const text =
      '{\n  "customModes": [\n    {\n      "slug": "ops",\n      "roleDefinition": "You run deploys. Deploy with `fly deploy` after each merge.",\n      "groups": ["read", "command"]\n    }\n  ]\n}\n';
    const result = await lintFiles({ '.roomodes': text });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['5:43:publish-deploy']);
  });

  it('a .roomodes that does not parse is config-unparseable', async () => {
    expect(located(await lintFiles({ '.roomodes': 'customModes:\n  - slug: [a\n' }))).toEqual(['3:config-unparseable']);
  });
});

describe('guidance files of more agents', () => {
  const GUIDANCE: [string, string][] = [
    ['.kiro/steering/release.md', 'kiro'],
    ['.roo/rules/01-release.md', 'roo-code'],
    ['.roo/rules-code/release.md', 'roo-code'],
    ['.roorules', 'roo-code'],
    ['.roorules-code', 'roo-code'],
    ['.rules', 'zed'],
    ['.continue/rules/release.md', 'continue'],
    ['.junie/guidelines.md', 'junie'],
    ['.goosehints', 'goose'],
    ['.windsurf/rules/release.md', 'windsurf'],
    ['.windsurf/workflows/wrap-up.md', 'windsurf'],
    ['.clinerules/workflows/wrap-up.md', 'cline'],
    ['.kilo/rules/release.md', 'kilo-code'],
    ['.kilocode/rules/release.md', 'kilo-code'],
    ['.kilocode/rules-code/release.md', 'kilo-code'],
    ['.kilocoderules', 'kilo-code'],
    ['.kilocoderules-code', 'kilo-code'],
    ['.qoder/rules/release.md', 'qoder'],
    ['.qoder/commands/wrap-up.md', 'qoder'],
    ['.qoder/commands/team/wrap-up.md', 'qoder'],
    ['.qoder/agents/releaser.md', 'qoder'],
    ['.augment/rules/release.md', 'augment'],
    ['.augment/rules/team/release.md', 'augment'],
    ['.augment/guidelines.md', 'augment'],
  ];
  for (const [path, agent] of GUIDANCE) {
    it(`${path} is ${agent} guidance`, async () => {
      const text = fixture('kiro/steering.md');
      expect(guidanceAgent(path)).toBe(agent);
      const result = await lintFiles({ [path]: text });
      expect(located(result)).toEqual([`${lineOf(text, 'git push origin main')}:publish-deploy`]);
    });
  }
});

describe('slash commands of OpenCode and Kilo Code', () => {
  const COMMANDS: [string, string][] = [
    ['.opencode/command/wrap-up.md', 'opencode'],
    ['.opencode/commands/team/wrap-up.md', 'opencode'],
    ['dotfiles/opencode/command/wrap-up.md', 'opencode'],
    ['.kilo/commands/wrap-up.md', 'kilo-code'],
    ['.kilocode/workflows/wrap-up.md', 'kilo-code'],
    ['.factory/commands/wrap-up.md', 'droid'],
    ['.factory/commands/team/wrap-up.md', 'droid'],
    ['.factory/droids/wrap-up.md', 'droid'],
    ['.augment/commands/wrap-up.md', 'augment'],
    ['.augment/agents/wrap-up.md', 'augment'],
  ];
  for (const [path, agent] of COMMANDS) {
    it(`${path} is read by ${agent}, its prompt as guidance`, async () => {
      const text = fixture('kiro/steering.md');
      const result = await lintFiles({ [path]: text });
      expect(result.files.map((f) => f.agent)).toEqual([agent]);
      expect(located(result)).toEqual([`${lineOf(text, 'git push origin main')}:publish-deploy`]);
    });
  }
});

/** Every kind of file the agents above read, as committed. */
const NEW_PATHS = [
  '.kiro/settings/mcp.json',
  '.kiro/agents/reviewer.json',
  '.kiro/hooks/lint.kiro.hook',
  '.roo/mcp.json',
  'crush.json',
  '.crush.json',
  '.zed/settings.json',
  '.amp/settings.json',
  '.letta/settings.json',
  '.letta/settings.local.json',
  '.amp/settings.jsonc',
  '.continue/mcpServers/github.yaml',
  '.continue/mcpServers/db.yml',
  '.continue/mcpServers/copied.json',
  '.continue/config.yaml',
  '.continue/agents/team.yaml',
  '.junie/mcp/mcp.json',
  '.kiro/steering/product.md',
  '.roo/rules/a.md',
  '.roo/rules-architect/b.md',
  '.roorules',
  '.roorules-code',
  '.rules',
  '.continue/rules/a.md',
  '.junie/guidelines.md',
  '.goosehints',
  '.windsurf/rules/a.md',
  '.windsurf/workflows/b.md',
  '.clinerules/workflows/c.md',
  '.roomodes',
  '.kiro/agents/team/planner.md',
  '.cursor/environment.json',
  'kilo.json',
  'kilo.jsonc',
  '.kilo/kilo.jsonc',
  '.kilo/agents/reviewer.md',
  '.kilo/commands/ship.md',
  '.kilocode/workflows/ship.md',
  '.kilocode/mcp.json',
  '.kilocodemodes',
  '.kilo/rules/a.md',
  '.kilocode/rules/a.md',
  '.kilocode/rules-code/a.md',
  '.kilocoderules',
  '.kilocoderules-code',
  '.opencode/command/ship.md',
  '.qoder/rules/a.md',
  '.qoder/commands/ship.md',
  '.qoder/agents/reviewer.md',
  '.factory/settings.json',
  '.factory/settings.local.json',
  '.factory/mcp.json',
  '.factory/hooks.json',
  '.factory/hooks/hooks.json',
  '.factory/droids/reviewer.md',
  '.factory/commands/ship.md',
  '.augment/settings.json',
  '.augment/settings.local.json',
  '.augment/commands/ship.md',
  '.augment/agents/reviewer.md',
  '.augment/rules/a.md',
];

describe('the file-name prefilter takes the files of more agents', () => {
  it('in one pass over the names, and git lists them at the root and deep in a monorepo', async () => {
    const { isAgentFile } = await import('../src/io/repository.js');
    const { listRepositoryFiles } = await import('../src/sources/discover.js');
    const { startAgentListing } = await import('../src/sources/candidates.js');
    for (const p of NEW_PATHS) expect(isAgentFile(p), p).toBe(true);
    for (const p of ['.kiro/specs/x.json', '.continue/models/gpt.yaml', 'config/mcpServers/x.yaml', '.zed/tasks.json', '.roo/x.json'])
      expect(isAgentFile(p), p).toBe(false);
    const paths = [...NEW_PATHS, ...NEW_PATHS.map((p) => `packages/a b/${p}`)];
    const root = makeRepo({ ...Object.fromEntries(paths.map((p) => [p, '{}\n'])), 'src/index.ts': '' });
    const listing = await listRepositoryFiles(root, startAgentListing(root));
    for (const p of paths) expect(listing.files, p).toContain(p);
  });
});
