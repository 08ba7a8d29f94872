import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCheckResult } from '../src/engine/outcome.js';
import type { LintResult } from '../src/engine/lint.js';
import { MAX_BLOCKS, toPreflight, type Preflight, type PreflightAnswer } from '../src/report/preflight.js';
import {
  renderPreflightJson,
  renderPreflightMarkdown,
  renderPreflightSummary,
  renderPreflightText,
} from '../src/report/preflight-render.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';
import { renderMarkdownOutputs } from './helpers/outputs.js';

const preflightOf = async (files: Record<string, string>, policy?: string): Promise<Preflight> =>
  toPreflight(toCheckResult(await lintFiles(files, policy), { failOn: 'error' }));

/** The answer to one question in the block of an agent (the first block of that agent and kind). */
function answer(p: Preflight, agent: string, question: string, kind = 'local'): PreflightAnswer | undefined {
  const block = p.blocks.find((b) => b.agent === agent && b.kind === kind);
  return block?.answers.find((a) => a.question === question);
}
const brief = (a: PreflightAnswer | undefined): string =>
  a ? `${a.status} ${a.rules.join(',')} ${a.at ? `${a.at.file}:${a.at.position.line}` : '-'} ${a.text}` : 'none';

describe('preflight: answers from facts and findings', () => {
  it('full access with an approval policy that never asks answers both questions, the second by the related setting', async () => {
    const p = await preflightOf({ '.codex/config.toml': 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n' });
    expect(brief(answer(p, 'codex', 'sandbox'))).toBe('violation sandbox-mode .codex/config.toml:1 sandbox_mode = "danger-full-access"');
    expect(brief(answer(p, 'codex', 'approval'))).toBe('violation sandbox-mode .codex/config.toml:2 approval_policy = "never"');
  });

  it('a setting within the policy is ✓ with its place; nothing committed names the agent default', async () => {
    const p = await preflightOf({ '.codex/config.toml': 'model = "x"\nsandbox_mode = "workspace-write"\n' });
    expect(brief(answer(p, 'codex', 'sandbox'))).toBe('ok  .codex/config.toml:2 sandbox_mode = "workspace-write"');
    expect(brief(answer(p, 'codex', 'approval'))).toBe('default  - Codex default: approval_policy = "on-request"');
    expect(brief(answer(p, 'codex', 'network'))).toContain('Codex default: network_access = false');
    expect(answer(p, 'codex', 'approval')?.quoted).toBe(false);
  });

  it('commands: installs, git writes, destructive commands and publishing each answer their own question', async () => {
    const p = await preflightOf({
      '.claude/settings.json': JSON.stringify({
        permissions: {
          allow: ['Bash(npm install:*)', 'Bash(npm publish:*)', 'Bash(git commit:*)'],
          ask: ['Bash(git push:*)'],
          deny: ['Bash(rm -rf:*)'],
        },
      }),
    });
    expect(brief(answer(p, 'claude-code', 'packages'))).toMatch(/^violation network-access .* allow "Bash\(npm install:\*\)"$/);
    expect(answer(p, 'claude-code', 'offline')?.status).toBe('violation');
    expect(brief(answer(p, 'claude-code', 'network'))).toMatch(/^default/);
    expect(brief(answer(p, 'claude-code', 'deploy'))).toMatch(/^violation publish-deploy .* allow "Bash\(npm publish:\*\)"$/);
    expect(answer(p, 'claude-code', 'git')).toMatchObject({ status: 'ok', text: 'allow "Bash(git commit:*)"', more: 1 });
    expect(answer(p, 'claude-code', 'destructive')?.status).toBe('ok');
  });

  it('GUI features and global installs answer the GUI, package and writable-roots questions', async () => {
    const hook = { hooks: { SessionStart: [{ hooks: [{ type: 'command', command: 'npm install -g left-pad' }] }] } };
    const p = await preflightOf({
      '.codex/config.toml': '[features]\ncomputer_use = true\n',
      '.claude/settings.json': JSON.stringify(hook),
    });
    expect(brief(answer(p, 'codex', 'gui'))).toBe('violation outside-writes .codex/config.toml:2 features.computer_use = true');
    expect(answer(p, 'claude-code', 'packages')).toMatchObject({ status: 'violation', rules: ['network-access'] });
    expect(answer(p, 'claude-code', 'writable-roots')?.status).toBe('violation');
  });

  it('an exception turns a violation into ✓ and names the exception', async () => {
    const policy = [
      'version: 1',
      'exceptions:',
      '  - id: live-docs',
      '    rule: network-access',
      '    paths: [".codex/config.toml"]',
      '    reason: Docs fetch the live API.',
      '    owner: "@acme/docs"',
      '    expires: 2027-03-31',
    ].join('\n');
    const p = await preflightOf({ '.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n' }, policy);
    expect(brief(answer(p, 'codex', 'network'))).toBe('ok network-access .codex/config.toml:2 network_access = true (exception live-docs)');
    expect(answer(p, 'codex', 'offline')?.status).toBe('default');
  });

  it('each workflow step that starts an agent is a block, with the findings of its own job', async () => {
    const workflow = [
      'on: issue_comment',
      'permissions: write-all',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: codex exec "one"',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: claude -p "two"',
      '',
    ].join('\n');
    const p = await preflightOf({ '.github/workflows/agents.yml': workflow });
    expect(p.blocks.map((b) => `${b.kind} ${b.agent} ${b.unit ?? '-'}`)).toEqual([
      'launcher codex workflow "agents.yml" job "a" step "1"',
      'launcher claude-code workflow "agents.yml" job "b" step "1"',
    ]);
    // The same event starts both jobs: one finding per job, at the same key, each in its job's block.
    expect(brief(answer(p, 'codex', 'approval', 'launcher'))).toBe(
      'violation publish-deploy .github/workflows/agents.yml:1 on: issue_comment starts job "a"',
    );
    expect(brief(answer(p, 'claude-code', 'approval', 'launcher'))).toBe(
      'violation publish-deploy .github/workflows/agents.yml:1 on: issue_comment starts job "b"',
    );
    expect(brief(answer(p, 'codex', 'git', 'launcher'))).toBe(
      'violation publish-deploy .github/workflows/agents.yml:2 permissions: write-all',
    );
    expect(answer(p, 'codex', 'scope', 'launcher')?.text).toBe('the checkout the step or script runs in');
  });

  it('guidance read by many agents shows only what it says; an unparseable config is a problem of its block', async () => {
    const p = await preflightOf({ 'AGENTS.md': '# A\n\nDeploy to production when tests pass.\n', '.cursor/mcp.json': '{ "mcpServers": ' });
    const guidance = p.blocks.find((b) => b.kind === 'guidance')!;
    expect(guidance.answers.map((a) => `${a.question} ${a.status}`)).toEqual(['deploy violation']);
    const cursor = p.blocks.find((b) => b.agent === 'cursor')!;
    expect(cursor.problems.map((x) => x.ruleId)).toEqual(['config-unparseable']);
    expect(cursor.answers).toHaveLength(14);
  });
});

describe('preflight: hostile data and bounds', () => {
  const HOSTILE = [
    'name: "x | <img src=x onerror=alert(1)> [a](https://evil.example) @everyone"',
    'on: push',
    'permissions: {}',
    'jobs:',
    '  j:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: codex exec --yolo "x"',
    '        env:',
    '          TOKEN: ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ',
    '',
  ].join('\n');

  it('repository text is escaped in markdown and credentials are masked in every format', async () => {
    const p = await preflightOf({
      '.github/workflows/x.yml': HOSTILE,
      '.mcp.json': '{"mcpServers":{"a":{"command":"a","env":{"K":"ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ"}}}}',
    });
    const markdown = renderPreflightMarkdown(p);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('](https://evil.example)');
    expect(markdown).not.toContain('@everyone');
    const summary = renderPreflightSummary(p, 100_000).join('\n');
    expect(summary).not.toContain('<img');
    for (const out of [markdown, summary, renderPreflightText(p), renderPreflightJson(p)])
      expect(out).not.toContain('ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ');
    expect(renderPreflightText(p)).toContain('ghp_');
  });

  it('the number of blocks and the length of each answer are bounded, and what is left out is counted', async () => {
    const steps = Array.from({ length: MAX_BLOCKS + 5 }, (_, i) => `      - run: codex exec --add-dir /opt/${'d'.repeat(300)}${i} "x"`);
    const workflow = ['on: push', 'permissions: {}', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...steps, ''].join('\n');
    const p = await preflightOf({ '.github/workflows/many.yml': workflow });
    expect(p.blocks).toHaveLength(MAX_BLOCKS);
    expect(p.omitted).toBe(5);
    expect(Math.max(...p.blocks.flatMap((b) => b.answers.map((a) => a.text.length)))).toBeLessThanOrEqual(160);
    expect(renderPreflightText(p)).toContain('5 more agent configurations are not shown');
    const guidance = await preflightOf(
      Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`p${i}/AGENTS.md`, 'Deploy to production yourself.\n'])),
    );
    expect(guidance.blocks[0]).toMatchObject({ kind: 'guidance', moreFiles: 5 });
    expect(guidance.blocks[0]!.files).toHaveLength(10);
    expect(renderPreflightText(guidance)).toContain('p4/AGENTS.md and 5 more');
    const summary = renderPreflightSummary(p, 2_000);
    expect(Buffer.byteLength(summary.join('\n'))).toBeLessThan(2_200);
    expect(summary.at(-2)).toMatch(/^- \d+ more agent configurations not listed here\.$/);
  });
});

describe('preflight in the job summary', () => {
  it('a line per agent after the posture matrix, naming what violates the policy', async () => {
    const result: LintResult = await lintFiles({
      '.codex/config.toml': 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nnetwork_access = true\n',
    });
    const { summary } = renderMarkdownOutputs(result);
    const lines = summary!.split('\n');
    const at = lines.indexOf('### Preflight');
    expect(at).toBeGreaterThan(lines.indexOf('### Agent configurations'));
    expect(lines).toContain(
      '- **OpenAI Codex \\(codex\\)** `.codex/config.toml`: ✗ network (network-access) · ✗ offline-capable (network-access) · ✓ 1 within the policy · — 11 at the defaults',
    );
  });
});

describe('agent-policy preflight (CLI)', () => {
  const CONFIG = { '.codex/config.toml': 'sandbox_mode = "danger-full-access"\n' };

  it('is a report, not a gate: exit 0 with violations; --output writes the file', async () => {
    const dir = makeRepo(CONFIG);
    const run = await cli(['preflight', dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('✗ sandbox mode');
    const out = await cli(['preflight', dir, '--format', 'json', '--output', join(dir, 'out/preflight.json')]);
    expect(out).toMatchObject({ code: 0, stdout: '' });
    expect(existsSync(join(dir, 'out/preflight.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out/preflight.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, report: 'preflight' });
  });

  it('exit 2 on usage errors and on an invalid policy, pointing at the line', async () => {
    const dir = makeRepo(CONFIG);
    for (const [args, message] of [
      [['--format', 'sarif'], '--format must be one of text, markdown, json (got "sarif")'],
      [['--fail-on', 'error'], '--fail-on goes with check or fix, not preflight'],
      [['--base', 'HEAD'], '--base goes with check or review, not preflight'],
    ] as const) {
      const run = await cli(['preflight', dir, ...args]);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`agent-policy: ${message}`);
    }
    const bad = makeRepo({ ...CONFIG, '.github/agent-policy.yml': 'version: 1\nrules:\n  sandbox-mode: { level: loud }\n' });
    const run = await cli(['preflight', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\.github\/agent-policy\.yml:3:\d+: /);
    expect(run.stdout).toBe('');
  });

  it('the help names the command and its formats', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toMatch(/^ {2}preflight \[DIR\] +the guide's checklist/m);
    expect(stdout).toMatch(/preflight:\s+text\|markdown\|json/);
  });
});
