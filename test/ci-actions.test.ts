import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addVendorAction, actionRepository, type VendorStep } from '../src/adapters/ci/actions.js';
import { addCopilotSetup } from '../src/adapters/ci/copilot-setup.js';
import { readOnlyGitHubToken } from '../src/adapters/ci/tokens.js';
import { jobsOf } from '../src/adapters/ci/steps.js';
import { structuredAdapter, type MapContext } from '../src/adapters/shared/structured.js';
import { isTable } from '../src/adapters/walk.js';
import { toFindings } from '../src/engine/lint.js';
import { resolvePolicy } from '../src/policy/load.js';
import { RULES } from '../src/rules/index.js';
import type { Finding, Problem } from '../src/core/types.js';
import { expectedFindings } from './helpers/labels.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'ci', name), 'utf8');

/**
 * Every step of every job through addVendorAction, with the job's tokens judged as the workflow adapter judges them,
 * and the Copilot setup job through addCopilotSetup.
 */
function mapWorkflow(ctx: MapContext, steps: VendorStep[]): void {
  for (const job of jobsOf(ctx.root, ctx.file, true)) {
    const name = job.id!;
    if (name === 'copilot-setup-steps') addCopilotSetup(ctx, job.job, ['jobs', name]);
    job.steps.forEach((step, i) => {
      if (!isTable(step)) return;
      const readOnly = (value: string): boolean => readOnlyGitHubToken(ctx.root, job, step, value);
      const found = addVendorAction(ctx, step, ['jobs', name, 'steps', i], `job "${name}" step ${i + 1}`, undefined, readOnly);
      if (found) steps.push(found);
    });
  }
}

/** The findings of the rules over one workflow, read through the vendor-action functions only. */
async function check(text: string, path = '.github/workflows/agent.yml'): Promise<{ findings: Finding[]; steps: VendorStep[] }> {
  const steps: VendorStep[] = [];
  const adapter = structuredAdapter({
    id: 'ci',
    name: 'Workflows',
    keys: [],
    kinds: [{ path: '.github/workflows/*.yml', format: 'yaml', map: (ctx) => mapWorkflow(ctx, steps) }],
  });
  const out = adapter.toPostures([{ path, text }]);
  const policy = await resolvePolicy(undefined, () => Promise.resolve(undefined));
  const problems: Problem[] = [...out.problems];
  const input = { postures: out.postures, statements: [], files: [], hints: () => ({}) };
  for (const rule of RULES) problems.push(...rule.run(input, policy.rules[rule.meta.id]!.options));
  const findings = toFindings(problems, policy, new Map(out.postures.map((p) => [p.file, p.locator])));
  return { findings, steps };
}

const lines = (findings: Finding[]): string[] => findings.map((f) => `${f.location.start.line}:${f.ruleId}`).sort();

describe('vendor agent actions: labelled workflows', () => {
  for (const name of readdirSync(join(import.meta.dirname, 'fixtures', 'ci', 'actions'))) {
    it(name, async () => {
      const text = fixture(`actions/${name}`);
      expect(lines((await check(text)).findings)).toEqual(expectedFindings(text));
    });
  }
});

/**
 * Workflows of public repositories, as committed (their source on the first line), with the findings a reader
 * labelled: `line:rule` and why each is a true positive.
 */
const REAL: Record<string, string[]> = {
  // The template's claude_args sets a model only; the default tag mode grants nothing the rules judge.
  '1technophile-openmqttgateway-claude.yml': [],
  // claude_args allows bun commands without free arguments.
  'anthropics-claude-code-action-claude.yml': [],
  // allowed_non_write_users "*" is a trigger (judged with the events by the workflow adapter), not a grant.
  'anthropics-claude-code-action-issue-triage.yml': [],
  // read-only sandbox with drop-sudo: the hardened pairing.
  'expensify-app-codex-review.yml': [],
  // The setup steps install prerequisites only.
  'aarnott-library-template-copilot-setup-steps.yml': [],
  // run-gemini-cli runs gemini --yolo, so every GitHub MCP tool in includeTools runs without confirmation. Those that
  // write to the repository (create_or_update_file, delete_file, push_files) get the
  // server's token from GITHUB_TOKEN: the app token minted with permission-contents: read, or the job's token, with
  // contents: read. Neither can change the repository's files, so none publishes or deletes.
  'ai-hypercomputer-maxtext-gemini-invoke.yml': [],
};

describe('vendor agent actions: workflows of public repositories', () => {
  it('has an expectation for each saved workflow', () => {
    expect(readdirSync(join(import.meta.dirname, 'fixtures', 'ci', 'real')).sort()).toEqual(Object.keys(REAL).sort());
  });
  for (const [name, expected] of Object.entries(REAL)) {
    it(name, async () => {
      expect(lines((await check(fixture(`real/${name}`))).findings)).toEqual([...expected].sort());
    });
  }
});

const at = (f: Finding): string => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`;

/**
 * A workflow whose one step, started by an issue, runs `uses` with a settings input (`input`) whose tool list (opened
 * by `list`) keeps `tools`, one to a line from line 11.
 */
const yoloWorkflow = (uses: string, input: string, tools: readonly string[], list = '"coreTools": ['): string =>
  [
    'on: issues',
    'jobs:',
    '  fix:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - uses: ${uses}`,
    '        with:',
    `          ${input}: |`,
    '            {',
    `              ${list}`,
    ...tools.map((tool, i) => `                "${tool}"${i < tools.length - 1 ? ',' : ''}`),
    list.includes('{') ? '              ] }' : '              ]',
    '            }',
  ].join('\n');

describe('vendor agent actions: locations inside inputs', () => {
  it("reads google-gemini/gemini-cli-action, run-gemini-cli's first name, with its settings_json input", async () => {
    const tools = ['ReadFileTool', 'WebFetchTool', 'run_shell_command(git push)'];
    const workflow = (input: string, list = '"tools": { "core": ['): string =>
      yoloWorkflow('google-gemini/gemini-cli-action@main', input, tools, list);
    const { findings } = await check(workflow('settings_json'));
    expect(findings.map(at).sort()).toEqual(['12:17:network-access', '13:17:publish-deploy']);
    // Its settings are not run-gemini-cli's: an input of that name limits nothing, and every tool runs (--yolo).
    const other = await check(workflow('settings'));
    expect(other.findings.map(at)).toEqual(['6:15:sandbox-mode']);
    // The latest Gemini CLI, which the action installs, no longer reads the legacy coreTools.
    const legacy = await check(workflow('settings_json', '"coreTools": ['));
    expect(legacy.findings.map(at).sort()).toEqual(['12:17:network-access', '13:17:publish-deploy', '8:26:sandbox-mode']);
    expect(legacy.findings[0]!.message).toContain('coreTools, which the CLI no longer reads');
  });

  it('reads QwenLM/qwen-code-action, which runs qwen --yolo, with the settings input its version declares', async () => {
    const tools = ['read_file', 'web_search', 'run_shell_command(git push)'];
    const workflow = (ref: string, input: string): string => yoloWorkflow(`QwenLM/qwen-code-action@${ref}`, input, tools);
    const limited = ['12:17:network-access', '13:17:publish-deploy'];
    expect((await check(workflow('v1', 'settings'))).findings.map(at).sort()).toEqual(limited);
    // v0.1.0 and the commits before the rename read settings_json.
    expect((await check(workflow('5fd6818d04d64e87d255ee4d5f77995e32fbf4c2', 'settings_json'))).findings.map(at).sort()).toEqual(limited);
    expect((await check(workflow('v0.1.0', 'settings_json'))).findings.map(at).sort()).toEqual(limited);
    // An input the version does not declare limits nothing: every tool runs.
    expect((await check(workflow('v1', 'settings_json'))).findings.map(at)).toEqual(['6:15:sandbox-mode']);
    expect((await check(workflow('v0.1.0', 'settings'))).findings.map(at)).toEqual(['6:15:sandbox-mode']);
  });

  it("trusts a settings input's tools.core list only when the CLI reads it as written", async () => {
    const step = (ref: string, settings: string, more: string[] = [], env: string[] = []): string =>
      [
        'on: issue_comment',
        ...env,
        'jobs:',
        '  fix:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: QwenLM/qwen-code-action@${ref}`,
        '        with:',
        `          settings: '${settings.replaceAll("'", "''")}'`,
        ...more.map((line) => `          ${line}`),
      ].join('\n');
    const everyTool = async (text: string): Promise<boolean> =>
      (await check(text)).findings.some((f) => f.ruleId === 'sandbox-mode' && f.message.includes('approves every tool call'));
    const limited = '{"coreTools": ["ReadFileTool"]}';
    expect(await everyTool(step('v1', limited))).toBe(false);
    // A value the workflow's starter chooses can end the JSON early or add keys.
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool"], "ui": {"theme": "${{ github.event.comment.body }}"}}'))).toBe(true);
    // One the repository's admins set does not, nor an env variable set to one, unless a step before may set it
    // through $GITHUB_ENV (a run: may run a script that does).
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool"], "debug": ${{ fromJSON(vars.DEBUG || false) }}}'))).toBe(false);
    const fromEnv = '{"coreTools": ["ReadFileTool"], "ui": {"theme": "${{ env.THEME }}"}}';
    const adminTheme = step('v1', fromEnv, [], ['env:', "  THEME: '${{ vars.THEME }}'"]);
    expect(await everyTool(adminTheme)).toBe(false);
    expect(await everyTool(adminTheme.replace('    steps:\n', '    steps:\n      - run: ./prepare.sh\n'))).toBe(true);
    expect(await everyTool(step('v1', fromEnv, [], ['env:', "  THEME: '${{ github.event.comment.body }}'"]))).toBe(true);
    // JSON the CLI rejects (a trailing comma) leaves it with its defaults.
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool"],}'))).toBe(true);
    // With a $version the legacy coreTools is not migrated: only tools.core limits.
    expect(await everyTool(step('v1', '{"$version": 2, "coreTools": ["ReadFileTool"]}'))).toBe(true);
    expect(await everyTool(step('v1', '{"$version": 2, "tools": {"core": ["ReadFileTool"]}}'))).toBe(false);
    // A tool this reading does not know may be any; extensions bring MCP tools the list does not limit; an input given
    // twice in two letter cases may be either.
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool", "task"]}'))).toBe(true);
    // The entry is quoted in the message as an excerpt.
    const long = await check(step('v1', `{"coreTools": ["${'x'.repeat(5000)}"]}`));
    expect(long.findings.find((f) => f.ruleId === 'sandbox-mode')!.message).toMatch(/"x{79}…", a tool this reading does not know/);
    expect(await everyTool(step('v1', limited, ['extensions: \'["https://github.com/o/ext"]\'']))).toBe(true);
    expect(await everyTool(step('v1', limited, ["SETTINGS: '{}'"]))).toBe(true);
    // The spellings Qwen Code accepts for its shell and fetch tools grant them.
    const spelled = await check(step('v1', '{"coreTools": ["Shell(git push)", "WebFetch", "_run_shell_command(npm publish)"]}'));
    expect(spelled.findings.map((f) => f.ruleId).sort()).toEqual(['network-access', 'publish-deploy', 'publish-deploy']);
    // GitHub reads a quoted }} as part of the expression, and a function joins what it is given.
    expect(
      await everyTool(step('v1', `{"coreTools": ["ReadFileTool"], "ui": {"theme": "\${{ '}}' && github.event.comment.body }}"}}`)),
    ).toBe(true);
    expect(
      await everyTool(
        step('v1', '{"coreTools": ["ReadFileTool"], "ui": {"theme": "${{ format(\'{0}\', github.event.comment.body, 1 == 1) }}"}}'),
      ),
    ).toBe(true);
    // A lone carriage return does not end a // comment for the CLI, and a no-break space inside one is no JSON blank.
    // (YAML's double quotes keep the escaped carriage return.)
    const lone = step('v1', limited).replace(
      /settings: '.*'$/m,
      String.raw`settings: "{\"ui\": {} // note\r, \"coreTools\": [\"ReadFileTool\"]\n}"`,
    );
    expect(await everyTool(lone)).toBe(true);
    expect(await everyTool(lone.replace('note\\r,', 'note\\n,'))).toBe(false);
    // A $VAR in an entry is filled from the environment; a discovery command runs whatever the list keeps.
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool", "$TOOL"]}'))).toBe(true);
    expect(await everyTool(step('v1', '{"coreTools": ["ReadFileTool"], "tools": {"discoveryCommand": "./tools.sh"}}'))).toBe(true);
    // Extensions chosen by an expression, an older CLI, or another system settings file.
    expect(await everyTool(step('v1', limited, ['extensions: ${{ github.event.comment.body }}']))).toBe(true);
    expect(await everyTool(step('v1', limited, ["qwen_cli_version: '0.0.9'"]))).toBe(true);
    expect(await everyTool(step('v1', limited, ["qwen_cli_version: '${{ vars.QWEN_VERSION }}'"]))).toBe(false);
    expect(await everyTool(step('v1', limited, [], ['env:', '  QWEN_CODE_SYSTEM_SETTINGS_PATH: ci/settings.json']))).toBe(true);
    // Commits from before the rename read settings_json, whatever the ref's spelling.
    expect(await everyTool(step('d81ae62dad85f3b75f8c296a44b459ac0071557d', limited))).toBe(true);
    expect(await everyTool(step('refs/tags/v0.1.0', limited).replace("settings: '", "settings_json: '"))).toBe(false);
  });

  it('places a grant of inline settings JSON in a block scalar at its own characters', async () => {
    const text = [
      'on: issue_comment',
      'jobs:',
      '  claude:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: |',
      '            {',
      '              "permissions": {',
      '                "allow": [',
      '                  "Bash(git push:*)", "WebFetch"',
      '                ],',
      '                "deny": ["Read(./.env)"]',
      '              }',
      '            }',
    ].join('\n');
    const { findings } = await check(text);
    expect(findings.map(at).sort()).toEqual(['12:19:publish-deploy', '12:39:network-access']);
    expect(findings.find((f) => f.ruleId === 'publish-deploy')!.keyPath).toEqual([
      'jobs',
      'claude',
      'steps',
      0,
      'with',
      'settings',
      'permissions',
      'allow',
      0,
    ]);
  });

  it('places each entry of a 0.x tool list written over several lines', async () => {
    const text = [
      'on: issue_comment',
      'jobs:',
      '  claude:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@beta',
      '        with:',
      '          allowed_tools: >-',
      '            Read,Edit,',
      '            Bash(npm publish:*)',
    ].join('\n');
    expect((await check(text)).findings.map(at)).toEqual(['9:13:publish-deploy']);
  });

  it('places a hook command of inline settings at its characters, for the shell analysis', async () => {
    const text = [
      'on: push',
      'jobs:',
      '  claude:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: >',
      '            {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done >> ~/.bashrc"}]}]}}',
    ].join('\n');
    const found = (await check(text)).findings.filter((f) => f.ruleId === 'outside-writes');
    expect(found.map(at)).toEqual(['8:89:outside-writes']);
  });

  it('points at the input when inline settings are not JSON and not a path (the action stops)', async () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: "{ not json"',
    ].join('\n');
    expect((await check(text)).findings.map(at)).toEqual(['6:11:config-unparseable']);
  });
});

describe('vendor agent actions: who may start them', () => {
  const triggersOf = async (uses: string, inputs: string[]): Promise<VendorStep[]> => {
    const text = ['jobs:', '  a:', '    steps:', `      - uses: ${uses}`, '        with:', ...inputs.map((i) => `          ${i}`)].join(
      '\n',
    );
    return (await check(text)).steps;
  };

  it('reports allow-users "*" as untrusted and a named bot as not', async () => {
    const [step] = await triggersOf('openai/codex-action@v1', ['allow-users: "*"', 'allow-bots: true', 'sandbox: workspace-write']);
    expect(step).toEqual({
      agent: 'codex',
      action: 'openai/codex-action@v1',
      triggers: [
        { untrusted: true, path: ['jobs', 'a', 'steps', 0, 'with', 'allow-users'], evidence: 'allow-users: "*"' },
        { untrusted: false, path: ['jobs', 'a', 'steps', 0, 'with', 'allow-bots'], evidence: 'allow-bots: "true"' },
      ],
    });
  });

  it('reports allowed_non_write_users and allowed_bots of the Claude Code action', async () => {
    const [step] = await triggersOf('anthropics/claude-code-action@v1', ['allowed_bots: "*"', 'allowed_non_write_users: octocat, hubot']);
    expect(step!.triggers.map((t) => [t.path.at(-1), t.untrusted])).toEqual([
      ['allowed_bots', true],
      ['allowed_non_write_users', false],
    ]);
  });

  it('reports the actions that check no actor: claude-code-base-action and run-gemini-cli', async () => {
    for (const uses of [
      'anthropics/claude-code-base-action@beta',
      'anthropics/claude-code-action/base-action@v1',
      'google-github-actions/run-gemini-cli@v0',
    ]) {
      const [step] = await triggersOf(uses, ['prompt: hi']);
      expect(step!.triggers).toEqual([
        { untrusted: true, path: ['jobs', 'a', 'steps', 0, 'uses'], evidence: `uses: ${uses} (checks no actor's permission)` },
      ]);
    }
  });

  it("reads the Codex action's permission-profile as its sandbox, unless the read-only safety strategy closes it", async () => {
    const run = async (inputs: string[]): Promise<string[]> =>
      lines(
        (
          await check(
            [
              'jobs:',
              '  a:',
              '    steps:',
              '      - uses: openai/codex-action@v1',
              '        with:',
              ...inputs.map((i) => `          ${i}`),
            ].join('\n'),
          )
        ).findings,
      );
    expect(await run(['prompt: hi', 'permission-profile: ":danger-full-access"'])).toEqual(['7:sandbox-mode']);
    expect(await run(['prompt: hi', 'permission-profile: ":workspace"'])).toEqual([]);
    expect(await run(['prompt: hi', 'permission-profile: ":danger-full-access"', 'safety-strategy: read-only'])).toEqual([
      '8:secret-access',
    ]);
  });

  it('reports nothing for the default inputs', async () => {
    expect((await triggersOf('openai/codex-action@v1', ['prompt: hi', 'allow-users: ""']))[0]!.triggers).toEqual([]);
    expect((await triggersOf('anthropics/claude-code-action@v1', ['prompt: hi', 'allowed_bots: ""']))[0]!.triggers).toEqual([]);
  });
});

describe("vendor agent actions: which actions are the vendors'", () => {
  it('matches owner/name in any letter case, any ref, a folder of the repository', () => {
    expect(actionRepository('OpenAI/Codex-Action@v1')).toEqual({ repo: 'openai/codex-action', folder: '' });
    expect(actionRepository('anthropics/claude-code-action/base-action@0123abc')).toEqual({
      repo: 'anthropics/claude-code-action',
      folder: 'base-action',
    });
    expect(actionRepository('./.github/actions/codex')).toBeUndefined();
    expect(actionRepository('docker://openai/codex-action:latest')).toBeUndefined();
  });

  it('starts no agent for a fork, a local copy or another action', async () => {
    for (const uses of [
      'someone/codex-action@v1',
      'anthropics-fork/claude-code-action@v1',
      './actions/claude-code-action',
      'actions/checkout@v5',
    ]) {
      expect((await triggersOf2(uses)).steps).toEqual([]);
    }
  });
});

const triggersOf2 = (uses: string): ReturnType<typeof check> =>
  check(['jobs:', '  a:', '    steps:', `      - uses: ${uses}`, '        with:', '          sandbox: danger-full-access'].join('\n'));

describe('vendor agent actions: strings that cannot be placed', () => {
  it('points at the input for settings in a multi-line double-quoted string, and at the entry for a plain one', async () => {
    const quoted = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: "{\\"permissions\\":',
      '            {\\"defaultMode\\": \\"bypassPermissions\\"}}"',
    ].join('\n');
    expect((await check(quoted)).findings.map(at)).toEqual(['6:21:sandbox-mode']);
    const plain = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: {"permissions":',
      '            {"defaultMode": "bypassPermissions"}}',
    ].join('\n');
    // A flow mapping is YAML, not a string: the action gets no JSON from it, and nothing is read.
    expect((await check(plain)).findings.map(at)).toEqual([]);
  });

  it('reads a large inline settings string in bounded time', async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `                "Bash(echo ${i})",`).join('\n');
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          settings: |',
      '            {"permissions": {"allow": [',
      entries,
      '                "Bash(git push:*)"',
      '            ]}}',
    ].join('\n');
    const started = performance.now();
    expect((await check(text)).findings.map(at)).toEqual([`3008:17:publish-deploy`]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('vendor agent actions: files of the repository they hand to the agent', () => {
  const readsOf = async (uses: string, inputs: string[]): Promise<VendorStep['reads']> => {
    const text = ['jobs:', '  a:', '    steps:', `      - uses: ${uses}`, '        with:', ...inputs.map((i) => `          ${i}`)].join(
      '\n',
    );
    return (await check(text)).steps[0]!.reads;
  };

  it('names a settings path of the Claude Code action and the codex-home of the Codex action', async () => {
    expect(await readsOf('anthropics/claude-code-action@v1', ['settings: ./.github/claude/settings.json'])).toEqual([
      {
        path: '.github/claude/settings.json',
        as: '~/.claude/settings.json',
        file: '.github/workflows/agent.yml',
        keyPath: ['jobs', 'a', 'steps', 0, 'with', 'settings'],
        written: './.github/claude/settings.json',
      },
    ]);
    expect(await readsOf('openai/codex-action@v1', ['codex-home: .github/codex/home/'])).toEqual([
      {
        path: '.github/codex/home',
        as: '~/.codex/',
        file: '.github/workflows/agent.yml',
        keyPath: ['jobs', 'a', 'steps', 0, 'with', 'codex-home'],
        written: '.github/codex/home/',
      },
    ]);
  });

  it('names nothing outside the checkout or decided at run time', async () => {
    for (const value of ['${{ runner.temp }}/codex-home', '/tmp/codex', '~/.codex', '../elsewhere', '"${RUNNER_TEMP}/home"'])
      expect(await readsOf('openai/codex-action@v1', [`codex-home: ${value}`])).toBeUndefined();
    expect(await readsOf('anthropics/claude-code-action@v1', ['settings: \'{"model": "opus"}\''])).toBeUndefined();
  });
});

describe('vendor agent actions: inline settings with expressions', () => {
  it('reads the settings around a ${{ }} that stands for a value, at the same positions', async () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: google-github-actions/run-gemini-cli@v0',
      '        with:',
      '          settings: |-',
      '            {',
      '              "debug": ${{ fromJSON(vars.GEMINI_DEBUG || false) }},',
      '              "tools": { "core": ["read_file", "run_shell_command(git push)"] }',
      '            }',
    ].join('\n');
    expect((await check(text)).findings.map(at)).toEqual(['9:48:publish-deploy']);
  });

  it('reads hostile settings full of expressions in linear time, as not JSON', async () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      `          settings: '{"a": "${'${{ x }}'.repeat(100000)}'`,
    ].join('\n');
    const started = performance.now();
    expect((await check(text)).findings.map(at)).toEqual(['6:11:config-unparseable']);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reads only the Claude Code action and its base-action folder, not the other actions of its repository', async () => {
    expect((await triggersOf2('anthropics/claude-code-action/agent-approval-check@main')).steps).toEqual([]);
  });
});
