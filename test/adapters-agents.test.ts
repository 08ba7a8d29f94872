import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters/index.js';
import { confidenceNote } from '../src/report/levels.js';
import { expectedFindings } from './helpers/labels.js';
import { lintFiles, located, makeRepo } from './helpers/repo.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Labelled fixtures (`// NOT OK rule` / `# NOT OK rule`): every label and nothing else, per agent. */
/** The policy a strict repository ships with: the hosts it needs are approved. */
const NPM_APPROVED = 'rules:\n  network-access: { allowed-domains: [registry.npmjs.org] }\n';

/** Guidance readings of medium confidence count, so the labels hold whatever the default minimum. */
const MEDIUM = 'settings:\n  guidance-min-confidence: medium\n';

const LABELLED: [string, string, string?][] = [
  ['gemini/permissive.json', '.gemini/settings.json'],
  ['gemini/legacy.json', '.gemini/settings.json'],
  ['gemini/qwen.json', '.qwen/settings.json'],
  ['gemini/strict.json', '.gemini/settings.json'],
  ['gemini/trust.json', '.gemini/settings.json'],
  ['cursor/permissive.cli.json', '.cursor/cli.json'],
  ['cursor/strict.cli.json', '.cursor/cli.json'],
  ['cursor/permissive.permissions.json', '.cursor/permissions.json'],
  ['cursor/autorun.permissions.json', '.cursor/permissions.json', MEDIUM],
  ['cursor/environment.json', '.cursor/environment.json'],
  ['cursor/permissive.sandbox.json', '.cursor/sandbox.json'],
  ['cursor/strict.sandbox.json', '.cursor/sandbox.json', NPM_APPROVED],
  ['cursor/permissive.mcp.json', '.cursor/mcp.json'],
  ['vscode/permissive.settings.json', '.vscode/settings.json'],
  ['vscode/strict.settings.json', '.vscode/settings.json', NPM_APPROVED],
  ['vscode/permissive.mcp.json', '.vscode/mcp.json'],
  ['opencode/permissive.jsonc', 'opencode.jsonc'],
  ['opencode/strict.jsonc', '.opencode/opencode.jsonc'],
  ['opencode/globs.jsonc', 'opencode.jsonc'],
  ['opencode/deployer.agent.md', '.opencode/agent/deployer.md'],
  ['opencode/deployer.agent.md', 'site/.opencode/agents/ops/deployer.md'],
  ['opencode/deployer.agent.md', '.opencode/mode/deployer.md'],
  ['opencode/reviewer.agent.md', '.opencode/agents/reviewer.md'],
  ['aider/permissive.yml', '.aider.conf.yml'],
  ['aider/strict.yml', '.aider.conf.yml'],
  ['claude/release.command.md', '.claude/commands/wrap-up.md'],
  ['claude/release.command.md', 'tools/.claude/commands/ops/wrap-up.md'],
  ['claude/docs.SKILL.md', '.claude/skills/docs-sync/SKILL.md'],
  ['claude/deploy.SKILL.md', '.claude/skills/deploy/SKILL.md'],
  ['claude/reviewer.agent.md', '.claude/agents/reviewer.md'],
  ['claude/ops.agent.md', '.claude/agents/ops.md'],
  ['claude/lint.SKILL.md', '.claude/skills/lint/SKILL.md'],
  ['claude/lint.SKILL.md', '.claude/commands/lint.md'],
  ['vscode/deploy.prompt.md', '.github/prompts/wrap-up.prompt.md'],
  ['vscode/planner.agent.md', '.github/agents/planner.agent.md'],
  ['vscode/deploy.prompt.md', '.github/agents/deployer.md'],
  ['vscode/planner.agent.md', '.github/chatmodes/planner.chatmode.md'],
  ['codex/worker.agent.toml', '.codex/agents/worker.toml'],
  ['codex/worker.agent.toml', '.codex/agents/team/worker.toml'],
  ['codex/explorer.agent.toml', '.codex/agents/explorer.toml'],
  ['codex/roles.toml', '.codex/config.toml'],
];

describe('agent adapters: labelled fixtures', () => {
  for (const [name, path, policy] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      expect(located(await lintFiles({ [path]: text }, policy)).sort()).toEqual(expectedFindings(text));
    });
  }
});

/** The line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('claude code', () => {
  it('a permissive settings.json reports each grant at its entry', async () => {
    const text = fixture('claude/permissive.settings.json');
    const expected: [string, string][] = [
      ['"defaultMode"', 'sandbox-mode'],
      ['Bash(npm publish:*)', 'publish-deploy'],
      ['Bash(git *)', 'publish-deploy'],
      ['Bash(git *)', 'destructive-actions'],
      ['Bash(terraform apply *)', 'publish-deploy'],
      ['Bash(curl:*)', 'network-access'],
      ['Bash(cat ./.env)', 'secret-access'],
      ['Read(~/.aws/credentials)', 'secret-access'],
      ['Edit(//etc/hosts)', 'outside-writes'],
      ['"WebFetch",', 'network-access'],
      ['WebFetch(domain:api.example.com)', 'network-access'],
      ['"WebSearch"', 'network-access'],
      ['mcp__deploybot__rollout', 'publish-deploy'],
      ['"additionalDirectories"', 'outside-writes'],
      // "registry.npmjs.org" and "*"; allowLocalBinding on the same line binds loopback only and is not reported.
      ['"allowedDomains"', 'network-access'],
      ['"allowedDomains"', 'network-access'],
      ['"allowWrite"', 'outside-writes'],
      ['"ANTHROPIC_API_KEY"', 'secret-access'],
      ['git push origin HEAD', 'publish-deploy'],
      ['"apiKeyHelper"', 'secret-access'],
    ];
    const result = await lintFiles({ '.claude/settings.json': text });
    expect(located(result).sort()).toEqual(expected.map(([needle, rule]) => `${lineOf(text, needle)}:${rule}`).sort());
  });

  it('tee and sudo with free arguments, an open quote after an interpreter, and whole MCP servers judged by what they grant', async () => {
    const text = fixture('claude/grants.settings.json');
    const expected: [string, string][] = [
      ['Bash(tee:*)', 'outside-writes'],
      ['Bash(node -e', 'sandbox-mode'],
      ['Bash(npx expo:*)', 'network-access'],
      ['Bash(sudo:*)', 'sandbox-mode'],
      ['Bash(sudo:*)', 'outside-writes'],
      ['Bash(sudo:*)', 'secret-access'],
      ['"mcp__github"', 'publish-deploy'],
      ['mcp__claude-in-chrome', 'network-access'],
      ['mcp__readability__read_url_content_as_markdown', 'network-access'],
      ['mcp__github__create_or_update_file', 'publish-deploy'],
      // Context7's tools send what the agent asks to context7.com.
      ['mcp__context7', 'network-access'],
      // A plugin's server is named in its tools as plugin_<plugin>_<server>.
      ['mcp__plugin_playwright_playwright__*', 'network-access'],
      ['mcp__plugin_github_github', 'publish-deploy'],
    ];
    const result = await lintFiles({ '.claude/settings.json': text });
    expect(located(result).sort()).toEqual(expected.map(([needle, rule]) => `${lineOf(text, needle)}:${rule}`).sort());
  });

  it('points at the array element and its column', async () => {
    const text = fixture('claude/permissive.settings.json');
    const f = (await lintFiles({ '.claude/settings.json': text })).findings.find((x) => x.evidence.includes('npm publish'))!;
    expect(f.location.start).toEqual({ line: lineOf(text, 'Bash(npm publish:*)'), column: 7 });
  });

  it('a strict settings.json and .mcp.json report nothing', async () => {
    expect(
      (
        await lintFiles(
          { '.claude/settings.json': fixture('claude/strict.settings.json'), '.mcp.json': fixture('claude/strict.mcp.json') },
          NPM_APPROVED,
        )
      ).findings,
    ).toEqual([]);
  });

  it('.mcp.json: literal credentials in headers, args and env', async () => {
    const text = fixture('claude/permissive.mcp.json');
    expect(located(await lintFiles({ '.mcp.json': text })).sort()).toEqual(
      [
        `${lineOf(text, '"tracker"')}:secret-access`,
        `${lineOf(text, '"db"')}:secret-access`,
        `${lineOf(text, '"db"')}:secret-access`,
      ].sort(),
    );
  });

  it('deny and ask beat allow across settings.json and settings.local.json', async () => {
    const result = await lintFiles({
      '.claude/settings.json': '{ "permissions": { "deny": ["Bash(git push:*)", "Read(./.env)"] } }',
      '.claude/settings.local.json': '{ "permissions": { "allow": ["Bash(git:*)", "Read(./.env)"] } }',
    });
    // git push is denied; git reset --hard is not.
    expect(result.findings.map((f) => `${f.file}:${f.ruleId}`).sort()).toEqual([
      '.claude/settings.local.json:destructive-actions',
      '.claude/settings.local.json:secret-access',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'secret-access')!.message).toContain('personal file');
  });

  it('committed personal files are secret-access findings at their first line', async () => {
    const result = await lintFiles({ 'CLAUDE.local.md': '# my notes\n', 'app/.claude/settings.local.json': '{}' });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([
      'CLAUDE.local.md:1:secret-access',
      'app/.claude/settings.local.json:1:secret-access',
    ]);
  });

  it('reports comments and trailing commas in strict JSON, and still checks the rest', async () => {
    const result = await lintFiles({
      '.claude/settings.json': '{\n  // mine\n  "permissions": { "defaultMode": "bypassPermissions", },\n}\n',
    });
    expect(located(result)).toEqual(['2:config-unparseable', '3:sandbox-mode']);
  });

  it('front matter whose values hold ": " is read as Claude Code reads it, those values as text; other YAML errors stay reported', async () => {
    const skill =
      '---\nname: solver\ndescription: Installs the solver. Keywords: "solver", "fix"\nallowed-tools: Read, Bash\n---\n# Solver\n';
    expect(located(await lintFiles({ '.claude/skills/solver/SKILL.md': skill }))).toEqual(['4:sandbox-mode']);
    const broken = '---\nname: solver\nallowed-tools: [Read, Bash\n---\n# Solver\n';
    expect(located(await lintFiles({ '.claude/skills/solver/SKILL.md': broken }))).toEqual(['3:config-unparseable']);
  });

  it('handles a BOM-less file with CRLF line endings', async () => {
    const text = '{\r\n  "permissions": {\r\n    "allow": ["Bash(npm publish)"]\r\n  }\r\n}\r\n';
    expect(located(await lintFiles({ '.claude/settings.json': text }))).toEqual(['3:publish-deploy']);
  });

  it('reports broken JSON as config-unparseable at the parser position', async () => {
    expect(located(await lintFiles({ '.claude/settings.json': '{\n  "permissions": {\n    "allow": [\n  }\n' }))).toEqual([
      '4:config-unparseable',
    ]);
  });
});

describe('opencode', () => {
  it("a config without a permission block is not a finding: an absent setting is the tool's default, not a grant", async () => {
    const result = await lintFiles({ 'opencode.json': fixture('opencode/no-permission.json') });
    expect(located(result)).toEqual([]);
  });

  it('the last matching pattern wins', async () => {
    const ask = await lintFiles({ 'opencode.json': '{ "permission": { "bash": { "git push*": "allow", "*": "ask" } } }' });
    expect(ask.findings).toEqual([]);
    const allow = await lintFiles({ 'opencode.json': '{ "permission": { "bash": { "*": "ask", "git push*": "allow" } } }' });
    expect(allow.findings.map((f) => f.ruleId)).toEqual(['publish-deploy']);
  });

  it('external_directory names directories outside the project: a pattern of wildcards alone is any of them', async () => {
    const result = await lintFiles({
      'opencode.json': '{ "permission": { "external_directory": { "*": "allow", "~/.ssh/**": "deny" } } }',
    });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.ruleId}: ${f.message}`)).toEqual([
      '1:outside-writes: external_directory "*": "allow" lets the agent write to /, outside the repository, without asking.',
    ]);
    // The last matching pattern wins: a directory allowed before `"*": "ask"` asks.
    const later = await lintFiles({
      'opencode.json': '{ "permission": { "external_directory": { "~/.cache/*": "allow", "*": "ask", "/srv/*": "allow" } } }',
    });
    expect(later.findings.map((f) => f.message)).toEqual([
      'external_directory "/srv/*": "allow" lets the agent write to /srv/*, outside the repository, without asking.',
    ]);
    // Where the edit tools ask or are denied, reaching a directory outside writes nothing without asking.
    const readOnly = await lintFiles({
      'opencode.json': '{ "permission": { "*": "deny", "read": { "*": "allow" }, "external_directory": { "~/.cache/*": "allow" } } }',
      '.opencode/agent/a.md': '---\npermission:\n  edit: ask\n  external_directory: allow\n---\nx\n',
    });
    expect(readOnly.findings).toEqual([]);
  });

  it('"*": "allow" with commands and edits allowed is one allow-all grant; where a later rule asks, each tool is read', async () => {
    const all = await lintFiles({ 'opencode.json': '{ "permission": {\n "bash": "ask",\n "*": "allow",\n "webfetch": "allow" } }' });
    expect(all.findings.map((f) => `${f.location.start.line}:${f.ruleId}`)).toEqual(['3:sandbox-mode', '4:network-access']);
    const asks = await lintFiles({
      'opencode.json': '{ "permission": {\n "*": "allow",\n "edit": "ask",\n "bash": { "*": "ask", "npm publish*": "allow" } } }',
    });
    expect(asks.findings.map((f) => `${f.location.start.line}:${f.ruleId}`).sort()).toEqual([
      // Through "*": web fetch, web search, and reaching outside where an allowed command writes.
      '2:network-access',
      '2:network-access',
      '2:outside-writes',
      '4:publish-deploy',
    ]);
  });

  it('a tool that tools turns off grants nothing through its permission, in an agent file and in opencode.json', async () => {
    const agent =
      '---\nmode: subagent\ntools:\n  webfetch: false\n  bash: false\npermission:\n  webfetch: allow\n  bash: allow\n  websearch: allow\n---\nx\n';
    const config =
      '{ "tools": { "webfetch": false }, "agent": { "a": { "tools": { "bash": false }, "permission": { "bash": "allow", "webfetch": "allow" } } } }';
    const result = await lintFiles({ '.opencode/agent/quick.md': agent, 'opencode.json': config });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([
      '.opencode/agent/quick.md:9:network-access',
    ]);
  });

  it('agents side by side in one folder keep their own rules: one that asks does not override another that allows', async () => {
    const agent = (bash: string) => `---\ndescription: a\nmode: subagent\npermission:\n  bash: ${bash}\n---\nbody\n`;
    const result = await lintFiles({ '.opencode/agent/a.md': agent('allow'), '.opencode/agent/b.md': agent('ask') });
    expect(result.findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual(['.opencode/agent/a.md:sandbox-mode']);
  });

  it("a repository that is OpenCode's user folder: agents beside the root opencode.json that set a permission", async () => {
    const agent = '---\ndescription: cli\nmode: subagent\npermission:\n  bash: allow\n---\nRun what is asked.\n';
    const notes = '# Agents\n\nSee the docs; push when done.\n';
    const root = await lintFiles({ 'opencode.json': '{ "model": "x" }', 'agent/cli.md': agent, 'agents/README.md': notes });
    expect(root.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual(['agent/cli.md:5:sandbox-mode']);
    expect(root.files.map((f) => f.path).sort()).toEqual(['agent/cli.md', 'opencode.json']);
    // Without the root config, a folder named agent is the project's own.
    expect((await lintFiles({ 'agent/cli.md': agent, 'src/opencode.json': '{}' })).findings).toEqual([]);
  });

  it("the root config under OpenCode's earlier name, config.json, when it names OpenCode's schema; not another's", async () => {
    const agent = '---\ndescription: cli\nmode: subagent\npermission:\n  bash: allow\n---\nRun what is asked.\n';
    const legacy = '{\n  "$schema": "https://opencode.ai/config.json",\n  "permission": { "webfetch": "allow" }\n}\n';
    const root = await lintFiles({ 'config.json': legacy, 'agent/cli.md': agent });
    expect(root.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort()).toEqual([
      'agent/cli.md:5:sandbox-mode',
      'config.json:3:network-access',
    ]);
    // Another program's config.json, or OpenCode's schema in a config.json below the root, is not read.
    for (const files of [
      { 'config.json': '{ "permission": { "webfetch": "allow" } }', 'agent/cli.md': agent } as Record<string, string>,
      { 'app/config.json': legacy, 'app/agent/cli.md': agent },
    ])
      expect((await lintFiles(files)).files).toEqual([]);
  });

  it('the front matter of markdown beside a root opencode.json is read line by line: CRLF, a quoted key, in bounded time', async () => {
    const crlf = `---\r\ntitle: Notes\r\n---\r\n${'Some text.\r\n'.repeat(60)}`;
    const quoted = '---\r\ndescription: x\r\n"permission":\r\n  bash: allow\r\n---\r\nx\r\n';
    const result = await lintFiles({ 'opencode.json': '{}', 'agents/notes.md': crlf, 'agents/x.md': quoted });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual(['agents/x.md:4:sandbox-mode']);
  });

  it("the user's own agents, in a dotfiles repository's OpenCode folder, are read as the project's agents are", async () => {
    const agent = '---\ndescription: critic\nmode: subagent\npermission:\n  edit: deny\n  webfetch: allow\n---\nReview the spec.\n';
    const result = await lintFiles({
      '.config/opencode/agent/critic.md': agent,
      'stow/opencode/agents/team/critic.md': agent,
      'docs/agent/critic.md': agent,
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([
      '.config/opencode/agent/critic.md:6:network-access',
      'stow/opencode/agents/team/critic.md:6:network-access',
    ]);
  });
});

describe('every adapter', () => {
  it('has docs metadata for every file it reads', () => {
    for (const adapter of ADAPTERS) {
      expect(adapter.keys.length, adapter.id).toBeGreaterThan(0);
      for (const k of adapter.keys) expect(k.rule.length, `${adapter.id} ${k.key}`).toBeGreaterThan(0);
    }
  });

  it('matches its files at any depth and nothing near them', () => {
    const owner = (path: string): string | undefined => ADAPTERS.find((a) => a.matches(path))?.id;
    expect(owner('.claude/settings.json')).toBe('claude-code');
    expect(owner('pkg/.mcp.json')).toBe('claude-code');
    expect(owner('.gemini/settings.json')).toBe('gemini-cli');
    expect(owner('.qwen/settings.json')).toBe('gemini-cli');
    expect(owner('a/.cursor/mcp.json')).toBe('cursor');
    expect(owner('.vscode/settings.json')).toBe('vscode');
    expect(owner('.opencode/opencode.jsonc')).toBe('opencode');
    expect(owner('.aider.conf.yml')).toBe('aider');
    // A dotfiles repository's names for them (test/dotfiles.test.ts).
    expect(owner('claude/settings.json')).toBe('claude-code');
    expect(owner('dot_gemini/settings.json')).toBe('gemini-cli');
    // Any other settings.json is matched by its name, and read only when it holds Claude Code's settings (test/claude-copy.test.ts).
    expect(owner('dot_foo/settings.json')).toBe('claude-settings-copy');
    for (const p of [
      '.claude/settings.json.bak',
      'claude/package-lock.json',
      'dot_foo/keybindings.json',
      '.vscode/launch.json',
      'myopencode.json',
      '.aider.conf.yml.example',
      'mcp.json',
    ])
      expect(owner(p), p).toBeUndefined();
  });
});

/** One path of every kind of file an adapter or the guidance checker reads. */
const PREFILTER_PATHS = [
  '.codex/config.toml',
  '.codex/agents/worker.toml',
  '.codex/agents/team/reviewer.toml',
  '.claude/commands/ops/release.md',
  '.claude/skills/docs/SKILL.md',
  '.claude/agents/reviewer.md',
  '.claude/agents/team/reviewer.md',
  '.github/prompts/ship.prompt.md',
  '.github/agents/planner.agent.md',
  '.github/agents/reviewer.md',
  '.github/chatmodes/old.chatmode.md',
  '.codex/hooks.json',
  'x/.codex/rules/a.rules',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.mcp.json',
  'CLAUDE.local.md',
  '.gemini/settings.json',
  '.qwen/settings.json',
  '.cursor/cli.json',
  '.cursor/permissions.json',
  '.cursor/sandbox.json',
  '.cursor/mcp.json',
  '.cursor/cli-config.json',
  '.cursor/hooks.json',
  '.vscode/settings.json',
  '.vscode/mcp.json',
  'opencode.json',
  '.opencode/opencode.jsonc',
  '.opencode/agent/reviewer.md',
  '.opencode/agents/team/deployer.md',
  '.opencode/modes/plan.md',
  '.aider.conf.yml',
  '.aider.conf.yaml',
  'AGENTS.md',
  'AGENTS.override.md',
  'CLAUDE.md',
  '.claude/rules/x.md',
  'GEMINI.md',
  '.github/copilot-instructions.md',
  '.github/instructions/a/b.instructions.md',
  '.cursorrules',
  '.cursor/rules/x.mdc',
  '.cursor/rules/y.md',
  '.windsurfrules',
  '.clinerules/a.md',
  'y/.clinerules',
  // Scripts, tasks and containers: read, and counted only when they start an agent.
  'package.json',
  'pkg/a/package.json',
  'Makefile',
  'pkg/GNUmakefile',
  'mk/deploy.mk',
  'pkg/rules.make',
  'justfile',
  'pkg/.justfile',
  'Taskfile.yml',
  'pnpm-workspace.yaml',
  '.devcontainer/devcontainer.json',
  '.devcontainer/agent/devcontainer.json',
  '.devcontainer.json',
  'compose.yaml',
  'pkg/docker-compose.yml',
  '.husky/pre-commit',
  '.githooks/prepare-commit-msg',
  'hooks/post-checkout.sh',
  'hooks/pre-applypatch',
  'hooks/reference-transaction',
  '.envrc',
  '.vscode/tasks.json',
  'tools/loop.py',
  'home/claude-code.nix',
];

describe('the file-name prefilter', () => {
  it('lets through every kind of file an adapter or the guidance checker reads', async () => {
    const { isAgentFile } = await import('../src/io/repository.js');
    const paths = PREFILTER_PATHS;
    for (const p of paths) expect(isAgentFile(p), p).toBe(true);
    for (const p of [
      'src/index.ts',
      'README.md',
      'package-lock.json',
      '.vscode/launch.json',
      'Cargo.toml',
      '.codex/agents/notes.md',
      'Makefile.am',
      '.husky/notes',
      'hooks/update',
    ])
      expect(isAgentFile(p), p).toBe(false);
  });

  it("git's listing keeps every such file, at the root and deep in a monorepo, whatever pathspec mode the environment sets", async () => {
    const { loadRepositoryAt } = await import('../src/io/repository.js');
    const { listRepositoryFiles } = await import('../src/sources/discover.js');
    const { startAgentListing } = await import('../src/sources/candidates.js');
    const paths = [...PREFILTER_PATHS, ...PREFILTER_PATHS.map((p) => `packages/a b/é/${p}`)];
    const root = makeRepo({ ...Object.fromEntries(paths.map((p) => [p, '{}\n'])), 'src/index.ts': '', 'docs/logo.png': '' }, { git: true });
    const saved = process.env.GIT_LITERAL_PATHSPECS;
    for (const literal of [undefined, '1']) {
      if (literal === undefined) delete process.env.GIT_LITERAL_PATHSPECS;
      else process.env.GIT_LITERAL_PATHSPECS = literal;
      try {
        const listing = await listRepositoryFiles(root, startAgentListing(root));
        expect(listing.source).toBe('git');
        expect(listing.files.sort()).toEqual([...paths].sort());
        expect(listing.all()).toContain('src/index.ts');
        // A base revision's tree is filtered by the same endings, on its bytes.
        const at = loadRepositoryAt(root, 'HEAD');
        expect(
          at.ok &&
            at.files
              .read(at.files.paths)
              .files.map((f) => f.path)
              .sort(),
        ).toEqual([...paths].sort());
        expect(at.ok && at.files.committedFiles()).toContain('docs/logo.png');
      } finally {
        if (saved === undefined) delete process.env.GIT_LITERAL_PATHSPECS;
        else process.env.GIT_LITERAL_PATHSPECS = saved;
      }
    }
  });
});

describe('commands, skills and custom agents', () => {
  const findingsOf = async (files: Record<string, string>, policy?: string): Promise<string[]> =>
    (await lintFiles(files, policy)).findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`);

  it('points at each entry of an allowed-tools string', async () => {
    expect(await findingsOf({ '.claude/commands/wrap-up.md': fixture('claude/release.command.md') })).toEqual([
      '.claude/commands/wrap-up.md:4:36:publish-deploy',
      '.claude/commands/wrap-up.md:4:70:network-access',
      '.claude/commands/wrap-up.md:14:1:publish-deploy',
    ]);
    // Invoked as /release, the command's push is a low-confidence reading; what its front matter pre-approves is a fact.
    const release = (await lintFiles({ '.claude/commands/release.md': fixture('claude/release.command.md') })).findings;
    expect(release.map((f) => `${f.location.start.line}:${f.ruleId}:${f.confidence}`)).toEqual([
      '4:publish-deploy:high',
      '4:network-access:high',
      '14:publish-deploy:low',
    ]);
  });

  it("a command's pre-approval joins the settings of its .claude folder: their deny wins there, not in another folder", async () => {
    const command = '---\nallowed-tools: Bash(git push:*)\n---\nShip it.\n';
    const deny = JSON.stringify({ permissions: { deny: ['Bash(git push:*)'] } });
    expect(await findingsOf({ '.claude/commands/ship.md': command, '.claude/settings.json': deny })).toEqual([]);
    expect(await findingsOf({ 'app/.claude/commands/ship.md': command, '.claude/settings.json': deny })).toEqual([
      'app/.claude/commands/ship.md:2:16:publish-deploy',
    ]);
  });

  it("a role file without an environment filter takes the config's, so require-env-filter asks only the config", async () => {
    const policy = 'rules:\n  secret-access: { require-env-filter: true }\n';
    const role = 'name = "w"\ndescription = "d"\ndeveloper_instructions = "Work."\n';
    const config = '[shell_environment_policy]\ninherit = "core"\n';
    expect(await findingsOf({ '.codex/config.toml': config, '.codex/agents/w.toml': role }, policy)).toEqual([]);
  });

  it("Cursor's custom commands are guidance; a command named for publishing makes its push a low reading", async () => {
    const steps = '---\ndescription: Tidy the branch.\n---\n1. Run the tests.\n2. Push with `git push origin main` without asking.\n';
    const result = await lintFiles({
      '.cursor/commands/tidy.md': steps,
      '.cursor/commands/team/ship.md': steps,
      '.cursor/notes/tidy.md': steps,
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}:${f.agent}:${f.confidence}`).sort()).toEqual([
      '.cursor/commands/team/ship.md:5:publish-deploy:cursor:low',
      '.cursor/commands/tidy.md:5:publish-deploy:cursor:high',
    ]);
  });

  it('reads the instructions of .codex/config.toml as guidance at their place', async () => {
    const config =
      'model = "o3"\ndeveloper_instructions = """\nKeep diffs small.\nPush the branch with `git push origin main` after each change.\n"""\n';
    expect(await findingsOf({ '.codex/config.toml': config })).toEqual(['.codex/config.toml:4:1:publish-deploy']);
  });
});

describe('Claude Code additionalDirectories: working directories written as paths', () => {
  it('an absolute directory is outside the repository, not relative to the settings file as a permission rule would read it', async () => {
    const text =
      '{\n  "permissions": {\n    "additionalDirectories": [\n      "/Users/me/work/other-service/",\n      "~/notes",\n      "../sibling",\n      "docs"\n    ]\n  }\n}\n';
    const result = await lintFiles({ '.claude/settings.json': text });
    expect(located(result)).toEqual(['4:outside-writes', '5:outside-writes', '6:outside-writes']);
  });

  it('the temporary folder, writable to every process already, is no write outside the repository in any agent', async () => {
    const claude = await lintFiles({
      '.claude/settings.json': '{"permissions":{"additionalDirectories":["/tmp/","/var/tmp/build","/opt/x"]}}\n',
    });
    expect(claude.findings.map((f) => /entry "([^"]+)"/.exec(f.message)?.[1])).toEqual(['/opt/x']);
    const codex = await lintFiles({
      '.codex/config.toml':
        '[sandbox_workspace_write]\nwritable_roots = ["/tmp", "$TMPDIR", "/srv/data", "/tmp/../../etc", "$TMPDIR/../.."]\n',
    });
    expect(codex.findings.map((f) => /entry "([^"]+)"/.exec(f.message)?.[1])).toEqual(['/srv/data', '/tmp/../../etc', '$TMPDIR/../..']);
  });

  it("the Nix store, /proc and /sys are outside the repository: /proc/self/root is the whole filesystem, a single-user Nix store the user's", async () => {
    const opencode = await lintFiles({
      'opencode.json': JSON.stringify({
        permission: { external_directory: { '/nix/store/**': 'allow', '/proc/self/root/**': 'allow', '/sys/**': 'allow' } },
      }),
    });
    expect(opencode.findings.filter((f) => f.ruleId === 'outside-writes').map((f) => f.evidence)).toEqual([
      'external_directory "/nix/store/**": "allow"',
      'external_directory "/proc/self/root/**": "allow"',
      'external_directory "/sys/**": "allow"',
    ]);
  });
});

describe('command permissions: a glob of any depth matches every command', () => {
  it('Cursor Shell(**) and Claude Code Bash(**) allow any command, reported once under sandbox-mode', async () => {
    const cursor = await lintFiles({ '.cursor/cli.json': '{\n  "permissions": {\n    "allow": ["Shell(**)"]\n  }\n}\n' });
    expect(cursor.findings.map((f) => `${f.location.start.line}:${f.ruleId}`)).toEqual(['3:sandbox-mode']);
    const claude = await lintFiles({ '.claude/settings.json': '{\n  "permissions": {\n    "allow": ["Bash(**)"]\n  }\n}\n' });
    expect(claude.findings.map((f) => `${f.location.start.line}:${f.ruleId}`)).toEqual(['3:sandbox-mode']);
  });
});

describe("Cursor CLI permissions written in another agent's form", () => {
  it('a token Cursor does not name (Bash(…)) is a notice once a list, at its first entry; a deny so written may deny nothing', async () => {
    const text =
      '{\n  "permissions": {\n    "allow": [\n      "Bash(git:*)",\n      "Bash(npm:*)",\n      "Shell(ls)"\n    ],\n    "deny": ["Bash(rm:*)"]\n  }\n}\n';
    const { findings } = await lintFiles({ '.cursor/cli.json': text });
    expect(findings.map((f) => `${f.location.start.line}:${f.ruleId}:${f.level}`)).toEqual([
      '4:config-unparseable:notice',
      '8:config-unparseable:notice',
    ]);
    expect(findings[0]!.message).toMatch(/"Bash\(…\)" is not one of the permission tokens of Cursor's CLI .* \(and 1 more in this list\)/);
    expect(findings[1]!.message).toMatch(/it denies nothing/);
    // What does not read as a tool's name is not quoted: it may be anything the file holds.
    const odd = await lintFiles({ '.cursor/cli.json': '{"permissions":{"deny":["hunter2_Pa55w0rd.prod-db"]}}' });
    expect(odd.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^An entry is not one of the permission tokens/)]);
    // Cursor's own tokens raise no notice.
    const own = await lintFiles({
      '.cursor/cli.json': '{"permissions":{"allow":["Shell(ls)","Read(src/**)","WebFetch(docs.example.com)","Mcp(x:y)"]}}',
    });
    expect(own.findings.filter((f) => f.ruleId === 'config-unparseable')).toEqual([]);
  });
});

describe('a star glued to the last word of a Claude Code command rule', () => {
  it('Bash(git*) and Bash(gh*) match any characters after the word, spaces included: git push and gh release create', async () => {
    const result = await lintFiles({ '.claude/settings.json': '{"permissions":{"allow":["Bash(git*)","Bash(gh**)","Bash(ls*)"]}}\n' });
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => f.evidence)).toEqual([
      'allow "Bash(git*)"',
      'allow "Bash(gh**)"',
    ]);
  });
});

describe('GitHub CLI commands that publish without a release or a merge command', () => {
  it('gh repo create --push, gh repo edit --visibility public and gh api -X PUT, by any rule that lets them run', async () => {
    const allow = ['Bash(gh repo create:*)', 'Bash(gh repo *)', 'Bash(gh api:*)', 'Bash(gh api --method PUT *)', 'Bash(gh repo edit:*)'];
    const result = await lintFiles({ '.claude/settings.json': JSON.stringify({ permissions: { allow } }) });
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => f.message.replace(/ without a human.*/, ''))).toEqual([
      'allow "Bash(gh repo create:*)" lets the agent run `gh repo create --push`',
      'allow "Bash(gh repo *)" lets the agent run `gh repo create --push`',
      'allow "Bash(gh api:*)" lets the agent run `gh api -X PUT`',
      'allow "Bash(gh api --method PUT *)" lets the agent run `gh api --method PUT`',
      'allow "Bash(gh repo edit:*)" lets the agent run `gh repo edit --visibility public`',
    ]);
  });

  it('a whole command or a prefix with the options among other arguments, in Claude Code and Codex rules alike', async () => {
    const allow = [
      'Bash(gh repo create app --private --source=. --remote=origin --push)',
      'Bash(gh repo edit acme/app --visibility public --accept-visibility-change-consequences)',
      'Bash(gh repo create app:*)',
      'Bash(gh repo edit acme/app --visibility private)',
    ];
    const rules = [
      'prefix_rule(pattern = ["gh", "repo", "create", "app", "--private", "--source=.", "--push"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "repo", "edit", "acme/app", "--visibility", "public"], decision = "allow")',
    ].join('\n');
    const result = await lintFiles({
      '.claude/settings.json': JSON.stringify({ permissions: { allow } }),
      '.codex/rules/default.rules': rules,
    });
    expect(
      result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => `${f.file}:${f.location.start.line} ${f.evidence}`),
    ).toEqual([
      '.claude/settings.json:1 allow "Bash(gh repo create app --private --source=. --remote=origin --push)"',
      '.claude/settings.json:1 allow "Bash(gh repo edit acme/app --visibility public --accept-visibility-change-consequences)"',
      '.claude/settings.json:1 allow "Bash(gh repo create app:*)"',
      '.codex/rules/default.rules:1 prefix_rule(pattern = ["gh", "repo", "create", "app", "--private", "--source=.", "--push"], decision = "allow")',
      '.codex/rules/default.rules:2 prefix_rule(pattern = ["gh", "repo", "edit", "acme/app", "--visibility", "public"], decision = "allow")',
    ]);
  });

  it('gh api -X PUT publishes, unless it names one of the settings endpoints that publish nothing, read as gh reads it', async () => {
    const rules = [
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/acme/app/topics", "-f", "names[]=qa"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/{owner}/{repo}/vulnerability-alerts"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/acme/app/contents/README.md"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "--method", "PUT", "repos/acme/app/pulls/12/merge"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/acme/app/pulls/12/update-branch"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/acme/app/branches/main/protection"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT", "repos/$REPO/topics"], decision = "allow")',
      'prefix_rule(pattern = ["gh", "api", "-X", "PUT"], decision = "allow")',
      // Words after a prefix reach gh api, not a script the rule runs.
      'prefix_rule(pattern = ["gh", "api", "repos/acme/app/branches/main/protection"], decision = "allow")',
      'prefix_rule(pattern = ["/bin/bash", "-lc", "gh api repos/acme/app/issues > /tmp/p.json"], decision = "allow")',
    ].join('\n');
    // A wildcard, a fragment or a query may turn the endpoint into another; grouped options are read as gh reads them.
    const allow = [
      'Bash(gh api -X PUT repos/o/*/topics)',
      'Bash(gh api -X PUT repos/o/r/pulls/1/merge#/topics)',
      'Bash(gh api -X PUT repos/o/r/pulls/1/merge?/topics)',
      'Bash(gh api -iq .sha -X PUT repos/o/r/contents/x)',
      'Bash(gh api -X PUT -H "Accept: application/vnd.github+json" repos/${{ github.repository }}/pulls/1/merge)',
      // A wildcard may stand for several words: `-H x repos/o/r/pulls/1/merge -t` before the settings endpoint.
      'Bash(gh api -X PUT -H * repos/o/r/topics)',
    ];
    const result = await lintFiles({
      '.codex/rules/default.rules': rules,
      '.claude/settings.json': `{"permissions": {"allow": [\n${allow.map((a) => JSON.stringify(a)).join(',\n')}\n]}}`,
    });
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => `${f.file}:${f.location.start.line}`)).toEqual([
      '.claude/settings.json:2',
      '.claude/settings.json:3',
      '.claude/settings.json:4',
      '.claude/settings.json:5',
      '.claude/settings.json:6',
      '.claude/settings.json:7',
      '.codex/rules/default.rules:3',
      '.codex/rules/default.rules:4',
      '.codex/rules/default.rules:5',
      '.codex/rules/default.rules:6',
      '.codex/rules/default.rules:7',
      '.codex/rules/default.rules:8',
      '.codex/rules/default.rules:9',
    ]);
  });

  it('a fixed read, a private repository without a push, or a GET: nothing', async () => {
    const allow = [
      'Bash(gh api repos/acme/app/pulls)',
      'Bash(gh repo create acme/tmp --private)',
      'Bash(gh api -X GET:*)',
      'Bash(gh api --method GET:*)',
      'Bash(gh repo view:*)',
      // Options after a program alone are not taken to follow its subcommands: `vercel env ls --prod` deploys nothing.
      'Bash(vercel env ls:*)',
      // A rule that writes options of its own names the form it allows: no other option is added to it.
      'Bash(gh repo create app --private:*)',
      'Bash(gh repo edit acme/app --enable-issues:*)',
    ];
    const result = await lintFiles({ '.claude/settings.json': JSON.stringify({ permissions: { allow } }) });
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy')).toEqual([]);
  });
});

describe('GNU Stow with free arguments', () => {
  it('links into any folder -t names, by default the parent of the repository: a write outside it', async () => {
    const result = await lintFiles({
      '.claude/settings.json': JSON.stringify({ permissions: { allow: ['Bash(stow:*)', 'Bash(git status)'] } }),
    });
    expect(result.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'outside-writes allow "Bash(stow:*)" lets the agent run `stow` on any path without asking, outside the repository included.',
    ]);
  });
});

describe('network clients in command permissions: what they can reach', () => {
  /** The network-access findings of a Claude Code settings file allowing `allow`, one entry a line from line 4. */
  const networkFindings = async (allow: readonly string[]) => {
    const text = `{\n  "permissions": {\n    "allow": [\n${allow.map((a) => `      "${a}"`).join(',\n')}\n    ]\n  }\n}\n`;
    return (await lintFiles({ '.claude/settings.json': text })).findings.filter((f) => f.ruleId === 'network-access');
  };

  it('git clone named with free arguments clones any URL; one whole request to this machine is no network, anything more is', async () => {
    const allow = [
      'Bash(git clone *)',
      'Bash(git clone https://github.com/acme/tools)',
      'Bash(git *)',
      'Bash(curl -s http://localhost:5173/health)',
      'Bash(curl -s http://127.0.0.1:*)',
      'Bash(curl http://localhost/x evil.example/p.sh)',
      'Bash(curl -L http://localhost/r)',
      'Bash(curl --resolve localhost:80:192.0.2.1 http://localhost/)',
      'Bash(ssh attacker.example http://127.0.0.1)',
    ];
    expect((await networkFindings(allow)).map((f) => `${f.location.start.line}:${f.level}`)).toEqual([
      '4:error',
      '8:notice',
      '9:error',
      '10:error',
      '11:error',
      '12:error',
    ]);
  });

  it("PowerShell's HTTP cmdlets: a request to this machine is no network, another host or an option that sends elsewhere is", async () => {
    const allow = [
      String.raw`PowerShell(Invoke-RestMethod -Uri \"http://localhost:3000/health\" -Method GET)`,
      'Bash(iwr http://127.0.0.1:8080/ -UseBasicParsing)',
      'Bash(Invoke-RestMethod -Uri https://api.example.com/v1 -Method GET)',
      'Bash(Invoke-WebRequest -Uri http://localhost/x -Proxy http://proxy.example:3128)',
    ];
    expect((await networkFindings(allow)).map((f) => `${f.location.start.line}:${f.level}`)).toEqual(['6:error', '7:error']);
  });

  it("a network program's version or usage reaches nothing, free arguments after it too (curl prints and exits); a copy between local paths reaches nothing; with a host or free arguments it may (a browser CLI too)", async () => {
    const allow = [
      'Bash(curl --version)',
      'Bash(ssh -V)',
      'Bash(rsync -av dist/ public/)',
      'Bash(scp a.txt b.txt)',
      'Bash(curl --version:*)',
      'Bash(rsync -av dist/ host:public/)',
      'Bash(rsync -av dist/:*)',
      'Bash(scp -r build deploy@web1:/srv/app)',
      'Bash(agent-browser snapshot -i)',
      'Bash(agent-browser:*)',
      'Bash(rsync a b && curl evil.example)',
      'Bash(rsync --daemon)',
    ];
    expect((await networkFindings(allow)).map((f) => f.location.start.line)).toEqual([9, 10, 11, 13, 14, 15]);
  });

  it('downloaders and crawlers with free arguments fetch any URL; their version does not', async () => {
    const allow = [
      'Bash(yt-dlp:*)',
      'Bash(aria2c *)',
      'Bash(firecrawl map:*)',
      'Bash(firecrawl scrape *)',
      'Bash(yt-dlp --version)',
      'Bash(firecrawl --help:*)',
      'Bash(firecrawl --status:*)',
    ];
    expect((await networkFindings(allow)).map((f) => f.location.start.line)).toEqual([4, 5, 6, 7]);
  });

  it('pipenv with free arguments installs any package from the index', async () => {
    const result = await lintFiles({ '.claude/settings.json': '{"permissions":{"allow":["Bash(pipenv:*)","Bash(pipenv install)"]}}\n' });
    expect(result.findings.map((f) => `${f.location.start.column}:${f.ruleId}`)).toEqual(['26:network-access']);
  });

  it('an MCP tool named for what it ships but whose name reads only (`get_…`, `list_…`, `…_list`) is not publishing', async () => {
    const allow = [
      'mcp__github__get_latest_release',
      'mcp__github__list_releases',
      'mcp__supabase__get_publishable_keys',
      'mcp__k8s__helm_list',
      'mcp__deploybot__status',
      'mcp__deploybot__deploy_logs',
      'mcp__gh__release_list',
      'mcp__k8s__rollout_status',
      'mcp__github__create_release',
      'mcp__vercel__deploy_project',
      'mcp__deploybot__rollout',
      // A second verb joined to the reading one, an acting verb before it, or a third word: not only reading.
      'mcp__tools__list_and_push',
      'mcp__github__get_or_create_release',
      'mcp__tf__apply_plan',
      'mcp__github__create_deployment_status',
      'mcp__tools__fetch_merge',
      'mcp__tools__check_and_deploy',
      'mcp__github__getReleaseAndPublish',
    ];
    const result = await lintFiles({ '.claude/settings.json': `${JSON.stringify({ permissions: { allow } }, null, 1)}\n` });
    expect(located(result)).toEqual([
      '12:publish-deploy',
      '13:publish-deploy',
      '14:publish-deploy',
      '15:publish-deploy',
      '16:publish-deploy',
      '17:publish-deploy',
      '18:publish-deploy',
      '19:publish-deploy',
      '20:publish-deploy',
      '21:publish-deploy',
    ]);
  });

  it('conda and its kin with free arguments install any package from their channels', async () => {
    const allow = [
      'Bash(conda *)',
      'Bash(mamba install:*)',
      'Bash(micromamba create:*)',
      'Bash(pixi add:*)',
      'Bash(conda list)',
      'Bash(conda activate:*)',
    ];
    const result = await lintFiles({ '.qwen/settings.json': `${JSON.stringify({ permissions: { allow } }, null, 1)}\n` });
    expect(located(result)).toEqual(['4:network-access', '5:network-access', '6:network-access', '7:network-access']);
  });

  it("a rule's own notice is no reading below the minimum confidence: the outputs say nothing of it", async () => {
    const result = await lintFiles({ '.claude/settings.json': '{"permissions":{"allow":["Bash(open:*)"]}}\n' });
    expect(result.findings.map((f) => f.level)).toEqual(['notice']);
    expect(confidenceNote(result.findings[0]!)).toBeUndefined();
  });
});
