import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFindings } from './helpers/labels.js';
import { lintFiles, located, makeRepo } from './helpers/repo.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
/** The line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('claude code: sandbox, hook types and env switches', () => {
  it('reports each grant at its key and nothing for the hardening or ordinary settings', async () => {
    const text = fixture('claude/more.settings.json');
    const result = await lintFiles({ '.claude/settings.json': text });
    const expected: [string, string][] = [
      ['OTEL_LOG_USER_PROMPTS', 'secret-access'],
      ['OTEL_LOG_TOOL_CONTENT', 'secret-access'],
      ['enableWeakerNetworkIsolation', 'network-access'],
      ['docker.sock', 'sandbox-mode'],
      ['hooks.example.com/audit', 'network-access'],
      ['create_release', 'publish-deploy'],
      ['"PermissionRequest"', 'publish-deploy'],
    ];
    expect(located(result).sort()).toEqual(expected.map(([needle, rule]) => `${lineOf(text, needle)}:${rule}`).sort());
  });
});

describe('claude code: telemetry switches stay quiet when the export stays on this machine', () => {
  it('a loopback collector, or console and none exporters', async () => {
    const local = '{ "env": { "OTEL_LOG_USER_PROMPTS": "1", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4317" } }';
    const console_ = '{ "env": { "OTEL_LOG_TOOL_DETAILS": "1", "OTEL_LOGS_EXPORTER": "console", "OTEL_TRACES_EXPORTER": "none" } }';
    expect((await lintFiles({ '.claude/settings.json': local })).findings).toEqual([]);
    expect((await lintFiles({ '.claude/settings.json': console_ })).findings).toEqual([]);
  });
});

/** Labelled fixtures (`// NOT OK rule`): every label and nothing else. */
const LABELLED: [string, string, string?][] = [
  ['gemini/qwen-permissions.json', '.qwen/settings.json'],
  ['vscode/misplaced.mcp.json', '.vscode/mcp.json'],
  ['vscode/more.settings.json', '.vscode/settings.json'],
  ['cursor/more.sandbox.json', '.cursor/sandbox.json'],
  ['cursor/more.cli.json', '.cursor/cli.json'],
  ['cursor/patterns.permissions.json', '.cursor/permissions.json'],
  ['cursor/cli-keys.permissions.json', '.cursor/permissions.json'],
  ['opencode/more.jsonc', 'opencode.jsonc'],
  ['vscode/team.code-workspace', 'app/team.code-workspace'],
];

describe('labelled fixtures', () => {
  for (const [name, path, policy] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      expect(located(await lintFiles({ [path]: text }, policy)).sort()).toEqual(expectedFindings(text));
    });
  }
});

describe('qwen code: QWEN.md is guidance', () => {
  it('is read like GEMINI.md, in any folder', async () => {
    const { isAgentFile } = await import('../src/io/repository.js');
    expect(isAgentFile('QWEN.md')).toBe(true);
    expect(isAgentFile('pkg/qwen.md')).toBe(true);
    const result = await lintFiles({ 'pkg/QWEN.md': '# Workflow\n\nWhen the tests pass, run `git push origin main` yourself.\n' });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual(['pkg/QWEN.md:3:publish-deploy']);
  });
});

describe('MCP servers under the key another agent reads', () => {
  it('.vscode/mcp.json with mcpServers and .mcp.json with servers: a notice naming the key the agent expects', async () => {
    const vscode = await lintFiles({ '.vscode/mcp.json': '{ "mcpServers": { "a": { "command": "node" } } }' });
    expect(vscode.findings.map((f) => [f.ruleId, f.level, f.message])).toEqual([
      [
        'config-unparseable',
        'notice',
        'VS Code reads MCP servers in this file from "servers", not "mcpServers": it starts none of the servers listed here.',
      ],
    ]);
    const claude = await lintFiles({ '.mcp.json': '{ "servers": { "a": { "command": "node" } } }' });
    expect(claude.findings.map((f) => [f.ruleId, f.level, f.location.start.line])).toEqual([['config-unparseable', 'notice', 1]]);
    expect(claude.findings[0]!.message).toContain('from "mcpServers", not "servers"');
  });

  it('says nothing when the expected key is there too', async () => {
    const both = '{ "servers": { "a": { "command": "node" } }, "mcpServers": { "a": { "command": "node" } } }';
    expect((await lintFiles({ '.vscode/mcp.json': both })).findings).toEqual([]);
  });
});

describe('vs code: a workspace file is listed and read like .vscode/settings.json', () => {
  it('git lists it through the agent pathspecs, and its settings are checked at their place', async () => {
    const { loadRepository } = await import('../src/io/repository.js');
    const text = fixture('vscode/team.code-workspace');
    const root = makeRepo({ 'app/team.code-workspace': text, 'app/other.json': '{}' });
    const repo = await loadRepository(root);
    expect(repo.files.map((f) => f.path)).toEqual(['app/team.code-workspace']);
    const result = await lintFiles({ 'app/team.code-workspace': text });
    expect(result.findings.find((f) => f.ruleId === 'publish-deploy')?.location.start).toEqual({
      line: lineOf(text, '"git push"'),
      column: 7,
    });
  });
});
