import { describe, expect, it } from 'vitest';
import { agentFolderOf } from '../src/adapters/index.js';
import { isAgentFile } from '../src/io/repository.js';
import { blankTemplateActions, installedAs } from '../src/sources/dotfiles.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

const target = (path: string): string | undefined => installedAs(path)?.target;

describe('dotfiles layouts: the path a file is installed as', () => {
  it('chezmoi: dot_ becomes a leading dot, attribute prefixes and .tmpl are dropped', () => {
    expect(installedAs('dot_codex/config.toml')).toEqual({
      path: '.codex/config.toml',
      target: '~/.codex/config.toml',
      by: 'chezmoi',
      template: false,
    });
    expect(target('dot_codex/private_config.toml')).toBe('~/.codex/config.toml');
    expect(installedAs('dot_codex/private_config.toml.tmpl')).toMatchObject({ target: '~/.codex/config.toml', template: true });
    expect(target('private_dot_claude/readonly_settings.json')).toBe('~/.claude/settings.json');
    expect(target('exact_dot_gemini/executable_empty_settings.json')).toBe('~/.gemini/settings.json');
    expect(target('dot_claude/create_settings.json')).toBe('~/.claude/settings.json');
    expect(target('dot_config/opencode/opencode.json')).toBe('~/.config/opencode/opencode.json');
    // literal_ stops the prefixes: the name after it is kept as written.
    expect(target('dot_codex/literal_dot_config.toml')).toBe('~/.codex/dot_config.toml');
  });

  it('chezmoi with a .chezmoiroot folder: the home path starts at the first dot_ folder', () => {
    expect(installedAs('home/dot_codex/private_config.toml.tmpl')).toMatchObject({
      path: 'home/.codex/config.toml',
      target: '~/.codex/config.toml',
    });
  });

  it('chezmoi: sources that are not the file content are not the agent file', () => {
    expect(installedAs('dot_codex/modify_private_config.toml.tmpl')).toBeUndefined();
    expect(installedAs('dot_codex/symlink_config.toml')).toBeUndefined();
    expect(installedAs('dot_codex/encrypted_private_config.toml.age')).toBeUndefined();
    expect(installedAs('dot_codex/remove_config.toml')).toBeUndefined();
    expect(installedAs('remove_dot_codex/config.toml')).toBeUndefined();
  });

  it('chezmoi shared templates named after the agent and its file', () => {
    expect(installedAs('.chezmoitemplates/codex-config.toml')).toMatchObject({
      path: '.codex/config.toml',
      target: '~/.codex/config.toml',
      template: true,
    });
    expect(installedAs('.chezmoitemplates/header.toml')).toBeUndefined();
  });

  it('GNU Stow --dotfiles: dot- becomes a leading dot', () => {
    expect(installedAs('codex/dot-codex/config.toml')).toMatchObject({ target: '~/.codex/config.toml', by: 'stow' });
  });

  it('yadm alternates: the conditions after `##` are dropped from each name, and the repository is the home folder', () => {
    expect(installedAs('.claude/settings.json##os.Linux')).toEqual({
      path: '.claude/settings.json',
      target: '~/.claude/settings.json',
      by: 'yadm',
      template: false,
    });
    expect(target('.codex##class.Work,hostname.laptop/config.toml')).toBe('~/.codex/config.toml');
    expect(installedAs('.config/opencode/opencode.json##template')).toMatchObject({
      target: '~/.config/opencode/opencode.json',
      template: true,
    });
    expect(installedAs('.gemini/settings.json##os.Darwin,t')).toMatchObject({ template: true });
  });

  it('a folder named after the agent holds its user files', () => {
    expect(installedAs('codex/config.toml')).toMatchObject({ path: '.codex/config.toml', target: '~/.codex/config.toml', by: 'folder' });
    expect(target('config/claude/settings.json')).toBe('~/.claude/settings.json');
    expect(target('config/codex/rules/git.rules')).toBe('~/.codex/rules/git.rules');
    expect(target('gemini/settings.json')).toBe('~/.gemini/settings.json');
  });

  it('a Codex config kept beside the real one is read as it', () => {
    expect(installedAs('.codex/config.base.toml')).toMatchObject({ path: '.codex/config.toml', by: 'variant' });
    expect(target('codex/config.strict.toml')).toBe('~/.codex/config.toml');
    expect(target('home/dot_codex/.config.toml')).toBe('~/.codex/config.toml');
    expect(target('dot_codex/writer.config.toml')).toBe('~/.codex/config.toml');
    expect(installedAs('.codex/config.toml')).toBeUndefined();
    expect(installedAs('.codex/models.toml')).toBeUndefined();
  });

  it('names in no dotfiles layout', () => {
    expect(installedAs('src/app/config.toml')).toBeUndefined();
    expect(installedAs('dotfiles/config.toml')).toBeUndefined();
    expect(installedAs('my_dot_files/settings.json')).toBeUndefined();
  });

  it('discovery: dotfiles names are agent files, look-alikes are not', () => {
    for (const path of [
      'dot_codex/private_config.toml.tmpl',
      'home/dot_codex/rules/default.rules',
      'dot_claude/settings.json',
      'dot_gemini/settings.json',
      'config/claude/settings.json',
      'codex/config.toml',
      '.chezmoitemplates/codex-config.toml',
      'dot_claude/rules/style.md',
    ])
      expect(isAgentFile(path), path).toBe(true);
    for (const path of [
      'dot_foo/prefs.toml',
      'dot_foo/keybindings.json',
      'src/codex/config.ts',
      'dot_codex/modify_private_config.toml.tmpl',
      'dot_codex/notes.toml',
      'claude/package-lock.json',
    ])
      expect(isAgentFile(path), path).toBe(false);
  });

  it('a folder under a dotfiles name is an agent folder; a plain folder named like the agent is not', () => {
    expect(agentFolderOf('dot_codex')).toBe('codex');
    expect(agentFolderOf('home/private_dot_claude')).toBe('claude-code');
    expect(agentFolderOf('dot-codex')).toBe('codex');
    expect(agentFolderOf('dot_foo')).toBeUndefined();
    expect(agentFolderOf('codex')).toBeUndefined();
  });
});

describe('chezmoi templates', () => {
  it('blanks actions, keeping lines and columns, and gives a value where one belongs', () => {
    const text = '{{- if .work }}\nsandbox_mode = "danger-full-access"\n{{- end }}\nmodel = {{ .model | quote }}\nx = "{{ .a }}b"\n';
    const blank = blankTemplateActions(text);
    expect(blank.length).toBe(text.length);
    expect(blank.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
    const lines = blank.split('\n');
    expect(lines.slice(0, 3)).toEqual([' '.repeat(15), 'sandbox_mode = "danger-full-access"', ' '.repeat(10)]);
    expect(lines[3]).toBe(`model = 0${' '.repeat(19)}`);
    expect(lines[4]).toBe(`x = "${' '.repeat(8)}b"`);
    expect(blankTemplateActions('a = 1\n{{/* a\ncomment */}}\nb = 2')).toBe(`a = 1\n${' '.repeat(6)}\n${' '.repeat(12)}\nb = 2`);
    expect(blankTemplateActions('x = {{ unclosed')).toBe('x = 0          ');
  });

  it('a template is read at the positions of its text', async () => {
    const text = '{{ if eq .chezmoi.os "linux" }}\nsandbox_mode = "danger-full-access"\n{{ end }}\n';
    const result = await lintFiles({ 'dot_codex/private_config.toml.tmpl': text });
    expect(result.findings.map((f) => [f.ruleId, f.location.start.line, f.location.start.column, f.level])).toEqual([
      ['sandbox-mode', 2, 16, 'error'],
    ]);
  });

  it('every branch is read when the blanked text parses', async () => {
    const text = '{{ if .work }}\nmodel = "a"\n{{ else }}\nsandbox_mode = "danger-full-access"\n{{ end }}\n';
    const result = await lintFiles({ 'dot_codex/config.toml.tmpl': text });
    expect(result.findings.map((f) => [f.ruleId, f.location.start.line, f.location.start.column])).toEqual([['sandbox-mode', 4, 16]]);
  });

  it('both branches of an if setting one key: the first branch is read', async () => {
    const text =
      'model = "x"\n{{- if .dev }}\nsandbox_mode = "danger-full-access"\n{{- else }}\nsandbox_mode = "workspace-write"\n{{- end }}\n';
    expect(
      blankTemplateActions(text, true)
        .split('\n')
        .map((l) => l.trim()),
    ).toEqual(['model = "x"', '', 'sandbox_mode = "danger-full-access"', '', '', '', '']);
    const result = await lintFiles({ 'dot_codex/config.toml.tmpl': text });
    expect(result.findings.map((f) => [f.ruleId, f.location.start.line, f.level])).toEqual([['sandbox-mode', 3, 'error']]);
  });

  it('else branches nest: only the blocks inside a kept branch are read', () => {
    const text = '{{ if .a }}A{{ if .b }}B{{ else }}C{{ end }}D{{ else }}E{{ if .c }}F{{ end }}G{{ end }}H';
    expect(blankTemplateActions(text, true).replace(/ +/g, '')).toBe('ABDH');
  });

  it('a template that still does not parse once blanked is a notice, not an error', async () => {
    const text = 'a = 1\nb = [\n{{ .x }}\n';
    const result = await lintFiles({ 'dot_codex/config.toml.tmpl': text, 'dot_codex/private_bad.config.toml': 'a = ' });
    const found = result.findings.map((f) => [f.file, f.ruleId, f.level]);
    expect(found).toEqual([
      ['dot_codex/config.toml.tmpl', 'config-unparseable', 'notice'],
      ['dot_codex/private_bad.config.toml', 'config-unparseable', 'error'],
    ]);
    expect(result.findings[0]!.message).toMatch(/chezmoi template/);
  });
});

describe('dotfiles repository through the CLI', () => {
  it('reads user configs in chezmoi and plain-folder layouts and says where they apply', async () => {
    const dir = makeRepo({
      '.chezmoiroot': 'home\n',
      'home/dot_codex/private_config.toml.tmpl': '{{- /* personal */ -}}\napproval_policy = "never"\nsandbox_mode = "danger-full-access"\n',
      'home/dot_claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }\n',
      'config/codex/config.toml': 'sandbox_mode = "danger-full-access"\n',
      'README.md': '# dotfiles\n',
    });
    const run = await cli(['check', dir, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string; message: string }[] };
    const found = report.findings.map((f) => `${f.path} ${f.ruleId}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'config/codex/config.toml sandbox-mode',
        'home/dot_claude/settings.json sandbox-mode',
        'home/dot_codex/private_config.toml.tmpl sandbox-mode',
      ]),
    );
    const message = (file: string): string => report.findings.find((f) => f.path === file)!.message;
    expect(message('home/dot_codex/private_config.toml.tmpl')).toMatch(
      /\(User config installed by chezmoi as ~\/\.codex\/config\.toml\.\)$/,
    );
    expect(message('config/codex/config.toml')).toMatch(/\(User config kept in a dotfiles folder as ~\/\.codex\/config\.toml\.\)$/);
    expect(run.code).toBe(1);
  });

  it('reads a yadm alternate as the file yadm links it to (ksyasuda/dotfiles keeps its agent settings so)', async () => {
    const dir = makeRepo({
      '.claude/settings.json##os.Linux': '{\n  "permissions": {\n    "allow": ["Read(//home/me/**)"]\n  }\n}\n',
      '.codex/config.toml##os.Linux': '[sandbox_workspace_write]\nnetwork_access = true\n',
    });
    const run = await cli(['check', dir, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string; line: number; message: string }[] };
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
      '.claude/settings.json##os.Linux:3 secret-access',
      '.codex/config.toml##os.Linux:2 network-access',
    ]);
    expect(report.findings[0]!.message).toMatch(/\(User config linked by yadm as ~\/\.claude\/settings\.json\.\)$/);
  });

  it("Zed's user settings, plain, under chezmoi's names and in a zed folder: the agent settings are read, agent_servers is not said to be ignored", async () => {
    const settings = '{\n  "agent": { "always_allow_tool_actions": true },\n  "agent_servers": { "x": { "command": "y" } }\n}\n';
    // A release channel's overrides apply on that channel.
    const channel = '{\n  "stable": {\n    "agent": { "always_allow_tool_actions": true }\n  }\n}\n';
    const dir = makeRepo({
      'dot_config/zed/private_settings.json': settings,
      '.config/zed/settings.json': settings,
      'zed/settings.json': settings,
      'home/zed/settings.json': channel,
    });
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as {
      findings: { path: string; line: number; ruleId: string; message: string }[];
    };
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
      '.config/zed/settings.json:2 sandbox-mode',
      'dot_config/zed/private_settings.json:2 sandbox-mode',
      'home/zed/settings.json:3 sandbox-mode',
      'zed/settings.json:2 sandbox-mode',
    ]);
    expect(report.findings[1]!.message).toMatch(/installed by chezmoi as ~\/\.config\/zed\/settings\.json/);
  });

  it('a folder named claude holding an unrelated settings.json is read as Claude settings: no Claude keys, no findings', async () => {
    const run = await cli([
      'check',
      makeRepo({ 'packages/claude/settings.json': '{ "theme": "dark", "fontSize": 12 }\n' }),
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
  });
});
