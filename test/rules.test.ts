import { describe, expect, it } from 'vitest';
import { _default, number, strictObject } from 'zod/mini';
import { defineRule, type Rule, type RuleContext, type RuleInput } from '../src/rules/define.js';
import { mayBacktrack } from '../src/rules/shared/command-rules.js';
import { lintFiles } from './helpers/repo.js';
import { ruleTester } from './helpers/rule-tester.js';

it('an allow regex that can backtrack exponentially is never run: read as allowing any command, at once', async () => {
  expect(mayBacktrack('^(?:[^!]|[^!])*!$')).toBe(true);
  expect(mayBacktrack('(a+)+$')).toBe(true);
  expect(mayBacktrack('^(?:\\w+\\s?)*$')).toBe(true);
  // A repetition of a character and a class that cannot match it is not ambiguous: each round starts at the character.
  for (const risky of [
    '^( [a-z ]+)*$',
    '^(a[a-z]+)*$',
    '^( \\S+|x)*$',
    '^(  \\w+)*$',
    '^( \\s+)*$',
    '^(?:(?:.{1,15})?){15}$',
    '((?:-{2,15})?){2}',
  ])
    expect(mayBacktrack(risky), risky).toBe(true);
  for (const safe of [
    '^npm (test|run build)$',
    '^\\s*.+$',
    '^git (status|diff)( .*)?$',
    '[(a+)+]',
    '\\(a+\\)+',
    '^python3 x\\.py (doctor|status)( [A-Za-z0-9_.=-]+)*$',
    '^git( \\S+)+$',
    '^(?:,\\d+)*$',
    '^(?:\\/[^/]+)+$',
  ])
    expect(mayBacktrack(safe), safe).toBe(false);
  const started = Date.now();
  const result = await lintFiles({ '.vscode/settings.json': '{ "chat.tools.terminal.autoApprove": { "/^(?:[^!]|[^!])*!$/": true } }\n' });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(result.findings.map((f) => f.ruleId)).toEqual(['sandbox-mode']);
  expect(result.findings[0]!.message).toContain('can take minutes');
});

it('a regex of two choices that V8 cannot run in linear time is never run: a deny denies nothing, an allow allows all', async () => {
  const optional = `${'a?'.repeat(30)}${'a'.repeat(30)}b`;
  for (const [source, flags] of [
    // The `i` flag where it cannot be written out as letter classes.
    ['.*é.*a.*b', 'i'],
    ['.*\\x41.*b', 'i'],
    ['^.*a.*b$', 'u'],
    ['(?=x)?.*a.*b', ''],
    ['(a).*\\1.*b', ''],
    ['.{0,20}a.*b', ''],
    ['a{16}.*a.*b', ''],
    ['(?i:a).*b+', ''],
    // Optional parts and alternatives are choices too; a lookbehind is not taken on Node 20, nor with a capture inside.
    [`(?!x)${optional}`, ''],
    [`(?=a)${'(a|a)'.repeat(30)}b`, ''],
    ['(?<=(c)).*a.*b', ''],
    ['(?<!c).*a.*b', ''],
    // A `?` after an escape or a literal `}` is a choice as well.
    [`(?!x)${'}?'.repeat(30)}${'}'.repeat(30)}b`, ''],
    [`(?!x)${'\\(?'.repeat(30)}b`, ''],
  ] as [string, string][])
    expect(mayBacktrack(source, flags), `/${source}/${flags}`).toBe(true);
  for (const [source, flags] of [
    // Written out as letter classes, these run in linear time.
    ['^git (status|diff).*$', 'i'],
    ['.*a.*a.*b', 'i'],
    [optional, 'i'],
    ['^git\\s+push\\b[^a-z]*[a-f0-9]+$', 'i'],
    ['.*a.*a.*a.*b', ''],
    ['.*a.*a.*a.*b', 'ms'],
    ['(?<name>a).{2,}b.*c', ''],
    ['a{3}.*b.*c', ''],
    ['[ab]{15}.*b.*c', ''],
    ['^npm (test|ci)\\b.{0,10}$', ''],
  ] as [string, string][])
    expect(mayBacktrack(source, flags), `/${source}/${flags}`).toBe(false);
  // What cannot be written out the same (a dash among a class's items, an escaped letter) keeps its flag and meaning.
  for (const allow of ['/^npm (publish|run [a-z0-9_-]+)$/i', '/^\\\\Npm publish/i', '/^[\\\\t-Z]pm publish/i']) {
    const found = await lintFiles({ '.vscode/settings.json': `{ "chat.tools.terminal.autoApprove": { "${allow}": true } }\n` });
    expect(
      found.findings.map((f) => f.ruleId),
      allow,
    ).toEqual(['publish-deploy']);
  }
  // Written out as letter classes, a deny with the `i` flag still takes its allow back.
  const deny = await lintFiles({
    '.vscode/settings.json': '{ "chat.tools.terminal.autoApprove": { "npm publish": true, "/^NPM\\\\s+[P]ublish.*$/i": false } }\n',
  });
  expect(deny.findings).toEqual([]);
  const allow = await lintFiles({ '.vscode/settings.json': '{ "chat.tools.terminal.autoApprove": { "/^git.*st(?=a)atus.*$/": true } }\n' });
  expect(allow.findings.map((f) => [f.ruleId, f.message.includes('can take minutes')])).toEqual([['sandbox-mode', true]]);
});

const C = '.codex/config.toml';
const R = '.codex/rules/team.rules';
const S = '.claude/settings.json';

ruleTester('sandbox-mode', {
  valid: [
    { files: { [C]: 'sandbox_mode = "workspace-write"\napproval_policy = "on-request"\n' } },
    { files: { [C]: 'sandbox_mode = "read-only"\n[profiles.x]\ndefault_permissions = ":workspace"\n' } },
    {
      files: { [C]: 'sandbox_mode = "danger-full-access"\n' },
      policy: 'rules:\n  sandbox-mode: { allowed: [danger-full-access, workspace-write] }\n',
    },
    // In a sandbox, "never" fails closed: nothing escapes it (the usual pairing for unattended runs).
    { files: { [C]: 'approval_policy = "never"\n' } },
    // Claude Code skips an MCP rule that names no server (anthropics/claude-code#34739).
    { files: { [S]: '{ "permissions": { "allow": ["mcp__*", "mcp__"] } }' } },
    // Qwen Code compares an MCP rule whole unless it ends in `*`: `mcp__*__read` names no tool there, and `mcp__*__*` is
    // a prefix no tool's name starts with.
    { files: { '.qwen/settings.json': '{ "permissions": { "allow": ["mcp__*__read", "mcp__*__*"] } }' } },
    { files: { [C]: 'sandbox_mode = "workspace-write"\napproval_policy = "never"\n' } },
    // A deny of every command, as Kiro anchors it (`^(?:.*)`), takes back an allow of every command.
    {
      files: {
        '.kiro/agents/x.json': '{ "name": "x", "toolsSettings": { "shell": { "allowedCommands": [".*"], "deniedCommands": [".*"] } } }',
      },
    },
    // `command -v` says where a program is and runs nothing; so do sudo and doas with an option that lists or checks.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(command -v:*)", "Bash(command -V *)"] } }' } },
    {
      files: {
        '.cursor/permissions.json': '{ "terminalAllowlist": ["sudo -nl", "sudo --list", "sudo -V", "doas -L", "sudo -u root -l"] }',
      },
    },
    // A wrapper's options that take no value, clustered or shortened, are not followed by one.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(env -i0 pytest:*)", "Bash(timeout --fore 5 pytest:*)", "Bash(xargs -0r pytest:*)", "Bash(xargs --max-l pytest:*)", "Bash(nice -5 pytest:*)"] } }',
      },
    },
    // An interpreter with one given program, or a command written whole, is not "any command".
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(python -c \\"print(1)\\")", "Bash(python3 scripts/check.py:*)", "Bash(npm install)"] } }',
      },
    },
    // MCP tools that run one named thing, or only look, and a whole server with no command tool.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["mcp__x__run_tests", "mcp__ide__getDiagnostics", "mcp__x__run_script", "mcp__playwriter__execute", "mcp__context7"] } }',
      },
    },
    // Printing a version runs no code; a module or a script named runs that one; awk's fields are not arguments.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(node --version:*)", "Bash(bash -n:*)", "Bash(sh -n -c:*)", "Bash(php -m:*)", "Bash(php -l:*)", "Bash(pwsh -Version:*)", "Bash(python -m :*)", "Bash(python3 -m pytest:*)", "Bash(python -W ignore tools/x.py:*)", "Bash(node --test*)", "Bash(node --run:*)", "Bash(node --run=build:*)", "Bash(pwsh -v:*)", "Bash(wsl -v:*)", "Bash(wsl --list:*)", "Bash(wsl --shutdown:*)", "Bash(py --list:*)", "Bash(python3 --help-all:*)", "Bash(php --ini:*)", "Bash(bash -c \\"ls | awk \'{print $1}\'\\")", "Bash(powershell.exe -ExecutionPolicy Bypass -Command \\"cat package.json\\")"] } }',
      },
    },
    // An argument a script is given, as an argument: rg's replacement text runs nothing.
    {
      files: { [R]: 'prefix_rule(pattern = ["/bin/bash", "-lc", "git branch | rg -o \\"x([0-9]+)\\" -r \\"$1\\""], decision = "allow")\n' },
    },
    // A script handed a shell runs its commands: an assignment alone runs no program.
    { files: { [R]: 'prefix_rule(pattern = ["bash", "-c", "X=$(date); echo $X"], decision = "allow")\n' } },
    // Trust picks workspace-write with approvals on request, the team default.
    { files: { [C]: '[projects."/home/me/x"]\ntrust_level = "trusted"\n' } },
  ],
  invalid: [
    {
      files: { [C]: 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n' },
      errors: [{ line: 1, column: 16, message: /never stops to ask/ }],
    },
    // Every tool of every MCP server, as Cursor writes it (`*:*`, or `*`) and as Qwen Code matches `mcp__*`, `*` and
    // `mcp*` (a prefix of MCP tools' names), a specifier after them narrowing nothing: no MCP call asks first.
    {
      files: {
        '.cursor/permissions.json': '{ "mcpAllowlist": [\n"*:*",\n"*"\n] }',
        '.qwen/settings.json': '{ "permissions": { "allow": [\n"mcp__*",\n"*",\n"mcp*",\n"mcp__*(read_file)"\n] } }',
      },
      errors: [2, 3, 2, 3, 4, 5].map((line) => ({
        line,
        message:
          /pre-approves every tool of every MCP server, whatever they do: network access, publishing and deploying, and writes outside/,
      })),
    },
    // A rule of `*` alone, which matches every tool but MCP tools: every command runs unasked. Not as a deny or an ask.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"*"\n], "ask": ["*"], "deny": ["*"] } }' },
      errors: [{ line: 2, column: 1, message: /allow "\*" lets the agent run any command without asking: network access/ }],
    },
    // A switch that stops every prompt names what it takes in, as an allow of every command does.
    {
      files: { [S]: '{ "permissions": { "defaultMode": "bypassPermissions" } }' },
      errors: [
        {
          line: 1,
          message:
            /skips every permission prompt and check: network access, publishing and deploying, and writes outside the repository included/,
        },
      ],
    },
    // A mode in which a model decides what runs without asking is the mode the agent starts in: reported here, once.
    {
      files: { [S]: '{\n  "permissions": { "defaultMode": "auto" }\n}\n' },
      errors: [{ line: 2, column: 35, message: /defaultMode: "auto" has a model, not a human, decide whether each action/ }],
    },
    {
      files: { '.claude/agents/fixer.md': '---\nname: fixer\npermissionMode: auto\n---\nFix things.\n' },
      errors: [{ line: 3, message: /a model, not a human, decide/ }],
    },
    // A subagent in a folder below .claude/agents is one Claude Code loads (anthropics/claude-code#58950).
    {
      files: { '.claude/agents/ops/fixer.md': '---\nname: fixer\npermissionMode: bypassPermissions\n---\nFix things.\n' },
      errors: [{ line: 3, message: /bypassPermissions/ }],
    },
    {
      files: { '.qwen/settings.json': '{ "tools": { "approvalMode": "auto" } }\n' },
      errors: [{ line: 1, message: /approvalMode: "auto" has a model, not a human/ }],
    },
    {
      files: { [C]: 'sandbox_mode = "read-only"\n' },
      policy: 'rules:\n  sandbox-mode: { allowed: [workspace-write] }\n',
      errors: [{ line: 1, message: /allowed: workspace-write/ }],
    },
    // Allowing every command is reported once, here: a wildcard, a wrapper, a shell or an interpreter handed free code.
    // An OpenCode glob of words and a trailing ` *` reads as a prefix; where the last match wins, each allow after the
    // last deny decides for the commands only it matches, so each allows every command.
    {
      files: {
        'opencode.json':
          '{ "permission": { "bash": {\n"*": "deny",\n"sudo *": "allow",\n"bash -c *": "allow",\n"npx *": "allow",\n"python3 *": "allow",\n"git *": "allow"\n} } }',
      },
      errors: [3, 4, 5, 6].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // TypeScript runners run any file or code they are given, as node does: directly, through a package runner or from
    // node_modules.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(tsx *)",\n"Bash(npx tsx:*)",\n"Bash(./node_modules/.bin/tsx *)",\n"Bash(tsx --version)"\n] } }',
      },
      errors: [2, 3, 4].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // Only a deny that matches every command by its shape takes back an allow of any command: `a*` matches the
    // commands that start with "a", whatever name stands for "any command".
    {
      files: {
        'opencode.json': '{ "permission": { "bash": {\n"*": "ask",\n"bash -c *": "allow",\n"a*": "deny",\n"*o*": "ask"\n} } }',
        'kilo.json': '{ "permission": { "bash": {\n"*": "allow",\n"agent-*": "deny"\n} } }',
      },
      errors: [2, 3].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // Wildcards right after the words match all a prefix of them does, and more; a wrapper's option value is no program.
    {
      files: {
        'opencode.json':
          '{ "permission": { "bash": {\n"*": "ask",\n"sudo*": "allow",\n"bash **": "allow",\n"nice -n 5 *": "allow",\n"python3 -c*": "allow"\n} } }',
      },
      errors: [3, 4, 5, 6].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // A wrapper's option values are not the program it runs.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(env -u FOO bash:*)",\n"Bash(xargs --max-procs 4 bash:*)",\n"Bash(time -o out bash:*)",\n"Bash(timeout .5 bash:*)",\n"Bash(timeout inf bash:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // … in a cluster of letters (getopt), under a long name's start (getopt_long), or a duration strtod reads.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(env -iu FOO bash:*)",\n"Bash(xargs -rn 1 bash:*)",\n"Bash(env --un FOO bash:*)",\n"Bash(timeout --sig KILL 5 bash:*)",\n"Bash(nice --adj 5 bash:*)",\n"Bash(xargs --process-slot-var N bash:*)",\n"Bash(xargs --max-p 4 bash:*)",\n"Bash(timeout +5 bash:*)",\n"Bash(timeout INF bash:*)",\n"Bash(time --out t bash:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // env's `-S` strings are split a few times, however many a rule nests.
    {
      files: { [S]: JSON.stringify({ permissions: { allow: [`Bash(env ${'-S '.repeat(60_000)}bash:*)`] } }) },
      errors: [{ line: 1, message: /^allow "Bash\(env -S -S/ }],
    },
    // xargs' `-e`, `-i` and `-l` take only the rest of their cluster; env's `-S` string is split into the command;
    // flock's `--wait`, BSD's `xargs -J` and `env -P`, and wrappers that take no command of their own options.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(xargs -eI bash:*)",\n"Bash(env -S bash:*)",\n"Bash(env -iS \'FOO=1 bash\':*)",\n"Bash(flock --wait 5 /tmp/l bash:*)",\n"Bash(stdbuf -oL bash:*)",\n"Bash(setsid bash:*)",\n"Bash(ionice -c 3 bash:*)",\n"Bash(xargs -J % bash:*)",\n"Bash(env -P /usr/bin bash:*)",\n"Bash(timeout \' 5\' bash:*)",\n"Bash(env -S \\"\'bash\'\\":*)",\n"Bash(env -S \'FOO=1\\\\_bash\':*)",\n"Bash(env -S -S -S -S -S -S bash:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((line) => ({
        line,
        message: /lets the agent run any command without asking/,
      })),
    },
    // su and runas run any command as another user.
    {
      files: { 'opencode.json': '{ "permission": { "bash": {\n"*": "ask",\n"su *": "allow",\n"runas *": "allow"\n} } }' },
      errors: [3, 4].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    // An interpreter installed under its version runs any code too.
    {
      files: { '.cursor/permissions.json': '{ "terminalAllowlist": [\n"python3.11",\n"python3.11 -m pytest",\n"php8.2"\n] }' },
      errors: [2, 4].map((line) => ({ line, message: /lets the agent run any command without asking/ })),
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["sudo"])\n' },
      errors: [{ line: 1, message: /any command without asking \(a prefix_rule without a decision allows\)/ }],
    },
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(*)",\n"Bash(bash:*)",\n"Bash(python3 -c:*)",\n"Bash(xargs:*)",\n"Bash(LD_LIBRARY_PATH=*:*)",\n"Bash",\n"Bash(command:*)",\n"Bash(time:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9].map((line) => ({ line, message: /any command without asking/ })),
    },
    // MCP tools that run any command, by their names in any case, and a whole server known to have one.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"mcp__desktop-commander__start_process",\n"mcp__desktop-commander",\n"mcp__serena__execute_shell_command"\n] } }',
        '.roo/mcp.json':
          '{ "mcpServers": { "commander": { "command": "dotnet", "args": ["run"],\n"alwaysAllow": ["ListFiles", "ExecuteCommand", "run-command"] } } }',
        '.kiro/agents/dev.json':
          '{ "mcpServers": { "dc": { "command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander"] } },\n"allowedTools": ["@dc"] }',
      },
      // The whole server approved by name alone (line 3 of the settings) may not be set up, or be set up without it.
      errors: [
        { line: 2, message: /the tool "start_process", which runs any command/ },
        { line: 4, message: /the tool "execute_shell_command"/ },
        { line: 2, message: /every tool of the server "dc", among them one that runs any command/ },
        { line: 2, message: /the tool "ExecuteCommand", which runs any command the agent writes/ },
        { line: 2, message: /the tool "run-command", which runs any command/ },
      ],
    },
    // Interpreters after options of their own, Windows programs in any letter case, WSL and the Python launcher; a
    // script handed a shell that runs what it is given or builds.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(bash -l -c:*)",\n"Bash(python3 -u -c:*)",\n"Bash(powershell -command:*)",\n"Bash(PowerShell:*)",\n"Bash(wsl:*)",\n"Bash(py:*)",\n"Bash(bash -c \'\\"$@\\"\' _ npm publish)",\n"Bash(bash -c \\"$(printf npm) publish\\")"\n] } }',
        [R]: 'prefix_rule(pattern = ["bash", "-c", "eval \\"$1\\""], decision = "allow")\n',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9, 1].map((line) => ({ line, message: /any command without asking/ })),
    },
    // An interpreter with options of its own only takes a script or code of the agent's after them, values of its
    // options skipped (`-ExecutionPolicy Bypass`, `-X dev`, `-r ts-node/register`); a shell's -v is verbose, perl's
    // -n a loop, the Python launcher's -3 a version.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(pwsh -File:*)",\n"Bash(powershell -ExecutionPolicy Bypass -File:*)",\n"Bash(powershell.exe -NoProfile -File *)",\n"Bash(python3 -u:*)",\n"Bash(python -X dev:*)",\n"Bash(node -r ts-node/register:*)",\n"Bash(bash -x:*)",\n"Bash(ruby -rsocket:*)",\n"Bash(bash -v -c:*)",\n"Bash(perl -n -e:*)",\n"Bash(py -3.12:*)",\n"Bash(zsh -VV -c:*)",\n"Bash(bash -h -c:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((line) => ({ line, message: /any command without asking/ })),
    },
    // Windows shells by their file names, as WSL runs them.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(cmd.exe:*)",\n"Bash(powershell.exe:*)",\n"Bash(/mnt/c/Windows/System32/CMD.EXE:*)"\n] } }',
      },
      errors: [2, 3, 4].map((line) => ({ line, message: /any command without asking/ })),
    },
  ],
});

ruleTester('network-access', {
  valid: [
    // An allow of `*` alone that lets every command run is reported once, under sandbox-mode, naming its network access.
    { files: { [S]: '{ "permissions": { "allow": ["*"] } }' } },
    // A lockfile install (the whole command, no package named) and an allow-everything rule (sandbox-mode's) are not reported here.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(npm install)", "Bash(npm ci)", "Bash(*)"] } }' } },
    { files: { [C]: 'web_search = "cached"\n[sandbox_workspace_write]\nnetwork_access = false\n' } },
    {
      files: {
        [C]: '[permissions.p.network]\nenabled = true\nmode = "limited"\ndomains = { "registry.npmjs.org" = "allow" }\n[features]\nnetwork_proxy = true\n',
      },
      policy: 'rules:\n  network-access: { allowed-domains: ["*.npmjs.org"] }\n',
    },
    { files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' } },
    {
      files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' },
      policy: 'rules:\n  network-access: { check-mcp-hosts: true, allowed-domains: [mcp.example.com] }\n',
    },
    { files: { [R]: 'prefix_rule(pattern = ["curl"], decision = "prompt")\n' } },
    // A command that only prints its help or version reaches nothing, whatever follows it.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(cargo install --help:*)", "Bash(curl --version:*)", "Bash(npm install --help *)"] } }',
      },
    },
    // A whole request to this machine, with options whose values name no other host (an output file, a header, data).
    {
      files: {
        [S]: JSON.stringify({
          permissions: {
            allow: [
              'Bash(curl -sf -o /dev/null http://localhost:3000)',
              "Bash(curl -s -X POST http://localhost:3000/api/x -H 'Content-Type: application/json' -d '{\"a\":1}')",
              'Bash(curl -s -c /tmp/w.txt -b /tmp/w.txt http://127.0.0.1:8080/me)',
              // Its output sent to a file of the repository or /tmp, its errors to its output; data read from such a file.
              'Bash(curl -s http://localhost:8081/actuator/health 2>&1)',
              'Bash(curl -s http://localhost:8081/x > /tmp/out.txt)',
              "Bash(curl -s -X POST http://localhost:8081/api -H 'Content-Type: application/json' --data-binary @/tmp/cmd.json)",
              // A stream read unbuffered (`-N`).
              "Bash(curl -N -s -X POST http://localhost:3002/api/chat -H 'Content-Type: application/json' -d '{}')",
              'Bash(curl --no-buffer http://localhost/events)',
            ],
          },
        }),
      },
    },
    // A domain rule for this machine: Codex's proxy letting the sandbox reach a local model server.
    {
      files: {
        [C]: '[features.network_proxy]\nenabled = true\n[features.network_proxy.domains]\n"127.0.0.1" = "allow"\n"localhost:11434" = "allow"\n"[::1]" = "allow"\n',
      },
    },
  ],
  invalid: [
    // A glob of tool names in Cursor's mcpAllowlist that takes in a browsing tool; one that takes in none is no grant.
    {
      files: { '.cursor/permissions.json': '{ "mcpAllowlist": [\n"*:browser_*",\n"github:get_*",\n"linear:*",\n"notion:*page*"\n] }' },
      errors: [{ line: 2, message: /approves the tools "browser_\*", browser_navigate among them/ }],
    },
    // A Claude Code allow of `*` alone takes in WebFetch: an ask of Bash leaves the fetching allowed.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"*"\n], "ask": ["Bash"] } }' },
      errors: [{ line: 2, message: /allow "\*" lets the agent fetch any URL without asking/ }],
    },
    // A deny with many wildcards is matched in time linear in the command, and still matches only what it says.
    {
      files: {
        'opencode.json': JSON.stringify({
          permission: { bash: { '*': 'ask', [`curl ${'a'.repeat(120)} *`]: 'allow', [`${'*a'.repeat(16)}*b`]: 'deny' } },
        }),
      },
      errors: [{ line: 1, message: /lets the agent run curl without asking/ }],
    },
    // Scanners, brute-forcers and load generators send traffic to any target they are given.
    {
      files: {
        '.cursor/permissions.json': '{ "terminalAllowlist": [\n"nmap",\n"sqlmap -u",\n"hydra",\n"ffuf",\n"ab -n"\n] }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /without asking, which reaches the network/ })),
    },
    // Tunnels open a local port to the internet through the vendor's servers.
    {
      files: { '.cursor/permissions.json': '{ "terminalAllowlist": [\n"ngrok http",\n"cloudflared tunnel"\n] }' },
      errors: [2, 3].map((line) => ({ line, message: /without asking, which reaches the network/ })),
    },
    // A tool whose name says it searches the web, and the search servers' own tools, bring any site's pages in.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"mcp__gemini-cli__googleSearch",\n"mcp__exa__web_search_exa",\n"mcp__tavily__tavily-search",\n"mcp__perplexity__perplexity_ask",\n"mcp__docs__search_code",\n"mcp__x__search_issues"\n] } }',
      },
      errors: [2, 3, 4, 5].map((line) => ({ line, message: /searches the web/ })),
    },
    // PowerShell's web clients, by name, alias or in any letter case, in a script pwsh runs.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(Invoke-WebRequest:*)", "Bash(irm:*)"] } }',
        [R]: 'prefix_rule(pattern = ["pwsh", "-Command", "invoke-webrequest -Uri https://x.example/a.png -OutFile a.png"], decision = "allow")\n',
      },
      errors: [
        { line: 1, message: /Invoke-WebRequest/ },
        { line: 1, message: /irm/ },
        { line: 1, message: /invoke-webrequest/ },
      ],
    },
    // A host that only starts like this machine's is another.
    {
      files: {
        [C]: '[features.network_proxy]\nenabled = true\n[features.network_proxy.domains]\n"127.0.0.1.example.com" = "allow"\n"localhost.example.com" = "allow"\n',
      },
      errors: [
        { line: 4, message: /127\.0\.0\.1\.example\.com/ },
        { line: 5, message: /localhost\.example\.com/ },
      ],
    },
    // A proxy, a second URL or another host in the same whole command reaches the network.
    {
      files: {
        [S]: JSON.stringify(
          {
            permissions: {
              allow: [
                'Bash(curl -s -x http://proxy.example.com:8080 http://localhost:3000)',
                'Bash(curl -s -o /dev/null http://localhost:3000 https://example.com)',
                "Bash(curl -s -H 'X: y' https://example.com)",
                'Bash(uv pip install --dry-run:*)',
                // curl's -O takes no value: the URL after it is fetched. wget's -i reads URLs from a file, -c is a switch.
                'Bash(curl -O https://example.com/x http://localhost:3000)',
                'Bash(wget -i http://localhost:3000/urls.txt)',
                'Bash(wget -c https://example.com/x http://localhost:3000)',
                // A request to this machine that sends a file's contents, or writes outside the repository.
                'Bash(curl -d @/home/u/.ssh/id_rsa http://localhost:8080/)',
                'Bash(curl -o /etc/cron.d/x http://localhost:8080/)',
                'Bash(curl -o /tmp/../etc/x http://localhost:8080/)',
                'Bash(curl -s http://localhost:8080/ > ~/.bashrc)',
                'Bash(curl --data-binary @../secrets.json http://localhost:8080/)',
                // --help or --version as another option's value asks nothing of the program.
                'Bash(curl -H --help:*)',
                'Bash(npm x *)',
              ],
            },
          },
          null,
          1,
        ),
      },
      errors: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((line) => ({ line })),
    },
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npm install:*)",\n"Bash(pip *)",\n"Bash(uv:*)",\n"Bash(cargo:*)",\n"Bash(cd app && npm install:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /with any package without asking/ })),
    },
    // `go mod download <module>@<version>` fetches what it is given: `go mod` with free arguments does too; `go mod tidy`
    // alone fetches only what the module requires.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(go mod:*)",\n"Bash(go mod tidy)",\n"Bash(go mod download)"\n] } }',
        [R]: 'prefix_rule(pattern = ["go", ["build", "mod"]], decision = "allow")\n',
      },
      errors: [
        { line: 2, message: /go mod download` with any package/ },
        { line: 1, message: /go mod download` with any package/ },
      ],
    },
    // On Windows, npm's `.cmd` shims are the package managers themselves.
    {
      files: {
        [R]: 'prefix_rule(pattern=["npm.cmd", "install"], decision="allow")\nprefix_rule(pattern=["C:\\\\nodejs\\\\pnpm.CMD", "add"], decision="allow")\n',
      },
      errors: [1, 2].map((line) => ({ line, message: /with any package without asking/ })),
    },
    // A package runner with free arguments runs any command (sandbox-mode's finding) by downloading it: this rule's too.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npx *)",\n"Bash(bunx:*)",\n"Bash(pnpm dlx:*)",\n"Bash(npx -y:*)",\n"Bash(npm x:*)",\n"Bash(*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /`(?:npx|bunx|pnpm dlx|npm x)` with any package without asking/ })),
    },
    // So does an interpreter that installs packages too, with free arguments only (`bun -e:*` runs code, not `bun add`).
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(bun:*)",\n"Bash(deno *)",\n"Bash(bun -e:*)",\n"Bash(node:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`bun add` with any package without asking/ },
        { line: 3, message: /`deno add` with any package without asking/ },
      ],
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["bun"], decision = "allow")\n' },
      errors: [{ line: 1, message: /`bun add` with any package without asking/ }],
    },
    {
      files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' },
      policy: 'extends: strict\n',
      errors: [{ line: 2, message: /mcp\.example\.com, which is not in allowed-domains/ }],
    },
    { files: { [C]: '[permissions.p.network]\nenabled = true\nmode = "full"\n' }, errors: [{ line: 3, message: /every command/ }] },
    { files: { [R]: 'prefix_rule(pattern = [["curl", "wget"], "-sSL"])\n' }, errors: [{ line: 1, message: /curl/ }] },
  ],
});

ruleTester('outside-writes', {
  valid: [
    { files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["build", "./out", "a/../b"]\n' } },
    {
      files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/opt/cache"]\n' },
      policy: 'rules:\n  outside-writes: { allowed-roots: ["/opt/*"] }\n',
    },
    { files: { [C]: '[permissions.p.filesystem]\n":tmpdir" = "write"\n"src/**" = "write"\n"/etc" = "read"\n' } },
    // macOS's per-user temporary folders (`$TMPDIR` is under /var/folders), as /tmp.
    { files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/var/folders/8w/x/T", "/private/var/folders/8w"]\n' } },
    // A glob straight after the temporary folder's name names it and what is in it.
    { files: { 'opencode.json': '{ "permission": { "external_directory": { "/tmp*": "allow", "/var/tmp/**": "allow" } } }\n' } },
    // A filesystem server's folders written to be replaced (its own README's example) are no grant yet.
    {
      files: {
        '.mcp.json': JSON.stringify({
          mcpServers: {
            filesystem: {
              command: 'npx',
              args: ['-y', '@modelcontextprotocol/server-filesystem', '/path/to/other/allowed/dir', '<your-folder>', '/Users/your-name/x'],
            },
          },
        }),
      },
    },
    // Commands an allow names that write in the repository or the temporary folder, copy from outside, or are denied.
    {
      files: {
        [S]: JSON.stringify({
          permissions: {
            allow: ['Bash(cp a b)', 'Bash(mkdir -p /tmp/x)', 'Bash(cp ~/.config/tool/x.json:*)', 'Bash(ls ~/x)', 'Bash(rmdir ~/old)'],
            deny: ['Bash(rmdir:*)'],
          },
        }),
      },
    },
    // A deny that takes arguments covers the allow it extends.
    { files: { [S]: JSON.stringify({ permissions: { allow: ['Bash(cp a ~/x:*)'], deny: ['Bash(cp:*)'] } }) } },
    { files: { 'opencode.json': JSON.stringify({ permission: { bash: { 'cp a ~/x *': 'allow', 'cp *': 'deny' } } }) } },
  ],
  invalid: [
    {
      files: {
        '.mcp.json': JSON.stringify({
          mcpServers: {
            filesystem: {
              command: 'npx',
              args: ['-y', '@modelcontextprotocol/server-filesystem', '/path/to/x', '/srv/data', '/path/to/../../etc'],
            },
          },
        }),
      },
      errors: [
        { line: 1, message: /can write to \/srv\/data/ },
        { line: 1, message: /can write to \/path\/to\/\.\.\/\.\.\/etc/ },
      ],
    },
    // The server's own script run by `node`, as OpenCode's command array gives it.
    {
      files: {
        'opencode.json': JSON.stringify({
          mcp: {
            fs: {
              type: 'local',
              command: ['node', 'C:/nvm4w/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', 'C:/Users/me/projects'],
            },
            other: { type: 'local', command: ['node', 'C:/nvm4w/node_modules/server-memory/dist/index.js', 'C:/Users/me/projects'] },
          },
        }),
      },
      errors: [{ line: 1, message: /can write to C:\/Users\/me\/projects/ }],
    },
    {
      files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/opt/cache", "$HOME/.npm", "C:\\\\Users\\\\me"]\n' },
      errors: [
        { line: 2, column: 19 },
        { line: 2, column: 33 },
        { line: 2, column: 47 },
      ],
    },
    { files: { [C]: '[permissions.p.filesystem]\n":root" = "write"\n' }, errors: [{ line: 2, message: /:root/ }] },
    {
      files: {
        'opencode.json': JSON.stringify(
          { permission: { edit: 'allow', external_directory: { '/proc/**': 'allow', '/nix/store/**': 'allow', '/etc/**': 'allow' } } },
          null,
          1,
        ),
      },
      errors: [
        { line: 5, message: /\/proc/ },
        { line: 6, message: /\/nix\/store/ },
        { line: 7, message: /\/etc/ },
      ],
    },
    // System folders are reported too: `/proc/self/root` is the whole file system, an agent running as root writes
    // `/proc` and `/sys`, and a store entry may be a link out of the store.
    {
      files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/nix/store", "/nix/store/../../etc", "/proc/self/root", "/sys"]\n' },
      errors: [{ line: 2 }, { line: 2 }, { line: 2 }, { line: 2 }],
    },
    // A host folder bound into the agent's container, where the agent may be root.
    {
      files: {
        '.devcontainer/devcontainer.json': JSON.stringify({
          image: 'x',
          postCreateCommand: 'npm i -g @anthropic-ai/claude-code',
          mounts: ['source=/nix/store,target=/nix/store,type=bind'],
        }),
      },
      errors: [{ line: 1, message: /\/nix\/store/ }],
    },
    // A command an allow names whole, or with free arguments after it, that writes outside the repository.
    {
      files: {
        [S]: JSON.stringify(
          {
            permissions: {
              allow: [
                'Bash(cp -r hooks /c/Users/me/.claude/hooks)',
                'Bash(echo x >> ~/.bashrc)',
                'Bash(mkdir -p /data/out:*)',
                'Bash(rmdir ~/.claude-backup)',
              ],
            },
          },
          null,
          1,
        ),
      },
      errors: [
        { line: 4, message: /run a command that writes to \/c\/Users\/me\/\.claude\/hooks, outside/ },
        { line: 5, message: /writes to ~\/\.bashrc/ },
        { line: 6, message: /writes to \/data\/out/ },
        { line: 7, message: /writes to ~\/\.claude-backup/ },
      ],
    },
    // With free arguments, the named command alone writes there too (`cp x ~/.bashrc` before any argument); denies
    // of exactly the named command, with or without `--`, leave the rest of it allowed.
    {
      files: {
        [S]: JSON.stringify(
          {
            permissions: {
              allow: ['Bash(cp .envrc ~/.bashrc:*)', 'Bash(ln -sf ./evil ~/.local/bin/git:*)', 'Bash(mkdir -p /srv/out:*)'],
              deny: ['Bash(mkdir -p /srv/out)', 'Bash(mkdir -p /srv/out --)'],
            },
          },
          null,
          1,
        ),
      },
      errors: [
        { line: 4, message: /writes to ~\/\.bashrc/ },
        { line: 5, message: /writes to ~\/\.local\/bin\/git/ },
        { line: 6, message: /writes to \/srv\/out/ },
      ],
    },
    // A deny of one whole command leaves the rest an allow with free arguments lets run (`cp a ~/x -f`); quotes a
    // shell reading removes are read as it reads them (`.''.` is `..`).
    {
      files: {
        [S]: JSON.stringify(
          { permissions: { allow: ['Bash(cp a ~/x:*)', 'Bash(sh -c "cp a .\'\'.")'], deny: ['Bash(cp a ~/x)', 'Bash(cp a ~/x --)'] } },
          null,
          1,
        ),
      },
      errors: [
        { line: 4, message: /writes to ~\/x/ },
        { line: 5, message: /writes to \.\./ },
      ],
    },
    {
      files: {
        'opencode.json': JSON.stringify({ permission: { bash: { 'cp a ~/y *': 'allow', 'cp a ~/y': 'deny', 'cp a ~/y --': 'deny' } } }),
      },
      errors: [{ line: 1, message: /writes to ~\/y/ }],
    },
    // Every alternative a rule lists is read, and a path that climbs out of the temporary folder is where it lands.
    {
      files: {
        [R]: `prefix_rule(pattern = ["touch", [${Array.from({ length: 16 }, (_, i) => `"d${i}"`).join(', ')}, "/etc/cron.d/x"]], decision = "allow")\nprefix_rule(pattern = ["touch", "/var/folders/../../etc/profile.d/x.sh"], decision = "allow")\n`,
      },
      errors: [
        { line: 1, message: /writes to \/etc\/cron\.d\/x/ },
        { line: 2, message: /writes to \/var\/folders\/\.\.\/\.\.\/etc/ },
      ],
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["touch", "$TMPDIR/../../../../../../etc/cron.d/job"], decision = "allow")\n' },
      errors: [{ line: 1, message: /writes to \$TMPDIR\/\.\.\// }],
    },
    // So is a pattern the shell may expand to `..`: a brace expansion, a dot name with a wildcard.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["touch", "/tmp/{..,x}/home/u/.bashrc"], decision = "allow")\nprefix_rule(pattern = ["touch", "/tmp/.?/etc/profile.d/x.sh"], decision = "allow")\nprefix_rule(pattern = ["touch", "/tmp*{/..,}/etc/profile.d/y.sh"], decision = "allow")\nprefix_rule(pattern = ["touch", "${TMPDIR}/x", "/tmp/*.log"], decision = "allow")\n',
      },
      errors: [1, 2, 3].map((line) => ({ line, message: /writes to \/tmp/ })),
    },
    // Braces, `..` inside a name and dot names that cannot match `..` stay in the temporary folder.
    {
      files: {
        '.claude/settings.json': JSON.stringify(
          {
            hooks: {
              Stop: [
                {
                  hooks: [
                    'mkdir -p /tmp/build/{bin,lib}',
                    'cp report.txt /tmp/{a,b}.txt',
                    'git diff v1..v2 > /tmp/v1..v2.diff',
                    'rm -rf /tmp/.pytest-*',
                    'echo "{}" > "/tmp/agent-{id}.json"',
                    'echo hi >> /tmp/{x,..}/home/u/.bashrc',
                  ].map((command) => ({ type: 'command', command })),
                },
              ],
            },
          },
          null,
          1,
        ),
      },
      errors: [{ line: 28, message: /\/tmp\/\{x,\.\.\}/ }],
    },
  ],
});

ruleTester('publish-deploy', {
  valid: [
    // Every tool of every MCP server is reported once, under sandbox-mode.
    { files: { '.cursor/permissions.json': '{ "mcpAllowlist": ["*:*", "*"] }', [S]: '{ "permissions": { "allow": ["mcp__*"] } }' } },
    // Yarn runs a script or a dependency's program, never the system's own: `yarn env` is no `env`.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(yarn env:*)", "Bash(yarn xargs:*)", "Bash(yarn ssh:*)"] } }' } },
    // A whole command that rehearses publishing publishes nothing.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(npm publish --dry-run)", "Bash(X=1 wrangler pages deploy dist --project-name=x --dry-run)", "Bash(git push --dry-run origin main)"] } }',
      },
    },
    // A deny of the runner the allow is typed with stops it, as the tool matches the command as typed; Claude Code looks
    // through timeout, sudo, env and the like itself before it matches a deny.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(timeout 30 npm publish:*)", "Bash(sudo -u ci npm publish:*)", "Bash(FOO=1 env npm publish:*)"], "deny": ["Bash(npm publish:*)"] } }',
      },
    },
    // A deny of the wrapper itself takes back an allow typed with it.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(sudo npm publish:*)", "Bash(env npm publish:*)"], "deny": ["Bash(sudo:*)", "Bash(env:*)"] } }',
      },
    },
    // A deny of the runner the allow is typed with stops it, as the tool matches the command as typed.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(npx wrangler deploy:*)", "Bash(pnpm -r publish:*)"], "deny": ["Bash(npx:*)", "Bash(pnpm -r:*)"] } }',
      },
    },
    // A glob's characters outside the basic plane are read as the command's are.
    {
      files: {
        'opencode.json': JSON.stringify({ permission: { bash: { '*': 'ask', 'git push 🚀 *': 'allow', '*git*push*🚀*': 'deny' } } }),
      },
    },
    // A glob with more than two wildcards, matched by the automaton, takes back what it matches.
    { files: { 'opencode.json': JSON.stringify({ permission: { bash: { '*': 'ask', 'git *': 'allow', '*git*push*': 'deny' } } }) } },
    // Claude Code's auto mode is a permission mode: sandbox-mode reports it, this rule does not report it again.
    { files: { [S]: '{ "permissions": { "defaultMode": "auto" } }' } },
    // The script an allow hands a shell is what it lets run: listing a folder and reading a file publish nothing.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["/bin/zsh", "-lc", "ls -la && cat README.md"], decision = "allow")\n',
      },
    },
    // A deny of a shell's script denies only that script.
    { files: { [S]: '{ "permissions": { "deny": ["Bash(bash -c \\"git push\\")"] } }' } },
    { files: { [R]: 'prefix_rule(pattern = ["git", "push"], decision = "prompt")\nprefix_rule(pattern = ["git"], decision = "allow")\n' } },
    { files: { [R]: 'prefix_rule(pattern = ["npm", ["test", "run"]], decision = "allow")\n' } },
    { files: { [C]: '[mcp_servers.deploy.tools.get_status]\napproval_mode = "approve"\n' } },
    { files: { [C]: 'notify = ["notify-send", "done"]\n' } },
    // git's own options before a named subcommand that publishes nothing.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(git -C . status:*)", "Bash(git --no-pager log:*)", "Bash(git -C src diff *)"] } }',
      },
    },
    // Codex reads `*` in a rule as the word `*`: allowing it allows no other program.
    { files: { [R]: 'prefix_rule(pattern = ["*"], decision = "allow")\nprefix_rule(pattern = ["*", "push"], decision = "allow")\n' } },
    // OpenCode makes a trailing ` *` optional: a deny of `git push *` denies `git push` too.
    { files: { 'opencode.json': JSON.stringify({ permission: { bash: { '*': 'deny', 'git *': 'allow', 'git push *': 'deny' } } }) } },
    // A team that lets its agent push feature branches takes `git push` out of the built-in list.
    {
      files: { [R]: 'prefix_rule(pattern = ["git", "push", "origin"], decision = "allow")\n' },
      policy: 'rules:\n  publish-deploy: { except: ["git push"] }\n',
    },
  ],
  invalid: [
    // A wrapper's long option that takes no value leaves the command after it: `sudo --shell`, `sudo --sh` (sudo's own
    // `--shell`, not run0's `--shell-prompt-prefix`), `xargs --max-lines` (its value only after `=`).
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(sudo --shell npm publish:*)",\n"Bash(sudo --login npm publish:*)",\n"Bash(sudo --sh npm publish:*)",\n"Bash(xargs --max-lines npm publish:*)"\n] } }',
      },
      errors: [2, 3, 4, 5].map((line) => ({ line, message: /`npm publish` without a human/ })),
    },
    // A deny matches spaces as written: `git push  *` and `git  push *` take back nothing written with one space.
    {
      files: {
        'opencode.json': JSON.stringify({
          permission: { bash: { '*': 'ask', 'git *': 'allow', 'git push  *': 'deny', 'git  push *': 'deny' } },
        }),
      },
      errors: [{ line: 1, message: /`git push` without a human/ }],
    },
    // A glob with two spaces where the shell reads one still allows the command (`git  push origin` pushes).
    // A Codex rule's `*` is the word `*`: forbidding it takes back no other command.
    {
      files: {
        [R]: 'prefix_rule(pattern = [["*", "rm"]], decision = "forbidden")\nprefix_rule(pattern = ["npm", "publish"], decision = "allow")\n',
      },
      errors: [{ line: 2, message: /`npm publish` without a human/ }],
    },
    // An allowed package runner's glob allows the program it runs, though an allow of any command comes after it.
    {
      files: {
        'opencode.json': JSON.stringify({ permission: { bash: { '*': 'deny', 'npx vercel *': 'allow', 'python3 -c *': 'allow' } } }),
      },
      errors: [{ line: 1, message: /`vercel deploy` without a human/ }],
    },
    {
      files: { 'opencode.json': JSON.stringify({ permission: { bash: { 'git  push *': 'allow' } } }) },
      errors: [{ line: 1, message: /git push/ }],
    },
    // Cloudflare Pages and Workers versions go live as `wrangler deploy` does.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(wrangler pages deploy:*)",\n"Bash(npx wrangler versions deploy:*)",\n"Bash(wrangler pages project list)",\n"Bash(wrangler rollback:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`wrangler pages deploy` without a human/ },
        { line: 3, message: /`wrangler versions deploy` without a human/ },
        { line: 5, message: /`wrangler rollback` without a human/ },
      ],
    },
    // Convex functions pushed to production; reading a deployment is no publishing.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npx convex deploy:*)",\n"Bash(gcloud run services describe:*)",\n"Bash(npx convex logs:*)"\n] } }',
      },
      errors: [{ line: 2, message: /`convex deploy` without a human/ }],
    },
    // Azure's other deploys: a Function App's, a zip push, a slot swap, a container app's new revision, the SWA CLI's;
    // listing or showing them publishes nothing.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(az functionapp:*)",\n"Bash(az webapp deployment source config-zip:*)",\n"Bash(az containerapp update:*)",\n"Bash(func azure functionapp publish:*)",\n"Bash(npx swa deploy:*)",\n"Bash(az functionapp list:*)",\n"Bash(az containerapp show:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`az functionapp deploy` without a human/ },
        { line: 3, message: /`az webapp deployment source config-zip` without a human/ },
        { line: 4, message: /`az containerapp update` without a human/ },
        { line: 5, message: /`func azure functionapp publish` without a human/ },
        { line: 6, message: /`swa deploy` without a human/ },
      ],
    },
    // pnpm runs a command it does not know in the shell, the system's programs too.
    {
      files: { [S]: '{ "permissions": { "allow": ["Bash(pnpm git push:*)"] } }' },
      errors: [{ line: 1, message: /`git push` without a human/ }],
    },
    // Claude Code matches an ask through the process wrappers only, not through sudo (its deny alone goes through that).
    {
      files: { [S]: '{ "permissions": { "allow": ["Bash(sudo npm publish:*)"], "ask": ["Bash(npm publish:*)"] } }' },
      errors: [{ line: 1, message: /`npm publish` without a human/ }],
    },
    // A rehearsal turned off again, an option's value, or an argument handed to a script is no rehearsal.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npm publish --dry-run --no-dry-run)",\n"Bash(npm publish --dry-run=false)",\n"Bash(npm publish --dry-run false)",\n"Bash(git push -o --dry-run origin main)",\n"Bash(npm run deploy --dry-run)",\n"Bash(npm publish --dry-run --no-dry)",\n"Bash(git push --repo --dry-run origin main)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8].map((line) => ({ line, message: /without a human/ })),
    },
    // A deny of the plain command does not stop one typed with a wrapper or the program's own options, as the tool
    // matches the command as typed; an allow of the options with free arguments runs the subcommand.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npx wrangler@latest deploy:*)",\n"Bash(doas npm publish:*)",\n"Bash(pnpm -r publish:*)",\n"Bash(cargo -q:*)"\n], "deny": ["Bash(wrangler deploy:*)", "Bash(npm publish:*)", "Bash(pnpm publish:*)", "Bash(cargo publish:*)"] } }',
      },
      errors: [
        { line: 2, message: /`wrangler deploy` without a human/ },
        { line: 3, message: /`npm publish` without a human/ },
        { line: 4, message: /`pnpm publish` without a human/ },
        { line: 5, message: /`cargo publish` without a human/ },
      ],
    },
    // The program a runner runs: a package spec's version dropped, the project's own programs run by `pnpm exec`.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npm exec wrangler deploy:*)",\n"Bash(npx wrangler@latest deploy:*)",\n"Bash(pnpm exec wrangler deploy:*)",\n"Bash(yarn exec vercel --prod:*)",\n"Bash(npm x -- wrangler deploy:*)",\n"Bash(npx -p wrangler@3 wrangler deploy:*)",\n"Bash(pnpm exec tsc:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`wrangler deploy` without a human/ },
        { line: 3, message: /`wrangler deploy` without a human/ },
        { line: 4, message: /`wrangler deploy` without a human/ },
        { line: 5, message: /`vercel --prod` without a human/ },
        { line: 6, message: /`wrangler deploy` without a human/ },
        { line: 7, message: /`wrangler deploy` without a human/ },
      ],
    },
    // A package whose program has another name runs that program: netlify-cli's `netlify`, firebase-tools' `firebase`.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(npx netlify-cli deploy:*)",\n"Bash(npx firebase-tools@13 deploy)",\n"Bash(npx eas-cli submit:*)",\n"Bash(npx netlify-cli status)"\n] } }',
      },
      errors: [
        { line: 2, message: /`netlify deploy` without a human/ },
        { line: 3, message: /`firebase deploy` without a human/ },
        { line: 4, message: /`eas submit` without a human/ },
      ],
    },
    // A program's own options before its subcommand change where it runs, not what: `pnpm -r publish` publishes. A deny
    // written with them denies only that form, so the allow of the program still lets it publish.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(pnpm -r publish:*)",\n"Bash(npm -w pkg publish:*)",\n"Bash(wrangler --cwd=app -e prod deploy:*)",\n"Bash(cargo +nightly publish:*)",\n"Bash(kubectl --context prod -n web apply:*)",\n"Bash(yarn workspaces foreach -A --include x npm publish:*)",\n"Bash(npm --dry-run publish:*)",\n"Bash(vercel:*)"\n], "deny": ["Bash(vercel --scope t deploy:*)"] } }',
      },
      errors: [
        { line: 2, message: /`pnpm publish` without a human/ },
        { line: 3, message: /`npm publish` without a human/ },
        { line: 4, message: /`wrangler deploy` without a human/ },
        { line: 5, message: /`cargo publish` without a human/ },
        { line: 6, message: /`kubectl apply` without a human/ },
        { line: 7, message: /`yarn npm publish` without a human/ },
        { line: 9, message: /`vercel deploy` without a human/ },
      ],
    },
    // A runner after the package manager's own options, npm's config options before a runner's program, attached
    // values and `--name=value`, and a dependency's program run by Yarn or pnpm by its name; not pnpm's own `deploy`.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(pnpm -r exec npm publish:*)",\n"Bash(yarn workspace a exec wrangler deploy:*)",\n"Bash(npx --registry http://r wrangler deploy:*)",\n"Bash(kubectl -nprod apply:*)",\n"Bash(npm --access=public publish:*)",\n"Bash(yarn wrangler deploy:*)",\n"Bash(pnpm -r vercel --prod:*)",\n"Bash(pnpm deploy:*)",\n"Bash(npm --dry-run publish:*)",\n"Bash(yarn build:*)",\n"Bash(pnpm --parallel -r publish:*)",\n"Bash(npm --dry-run=false publish:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`npm publish` without a human/ },
        { line: 3, message: /`wrangler deploy` without a human/ },
        { line: 4, message: /`wrangler deploy` without a human/ },
        { line: 5, message: /`kubectl apply` without a human/ },
        { line: 6, message: /`npm publish` without a human/ },
        { line: 7, message: /`wrangler deploy` without a human/ },
        { line: 8, message: /`vercel --prod` without a human/ },
        { line: 12, message: /`pnpm publish` without a human/ },
        { line: 13, message: /`npm publish` without a human/ },
      ],
    },
    // The script found among a shell's options, and the words cmd and PowerShell join into their command.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(bash -c -- \\"npm publish\\")",\n"Bash(bash --norc -c \\"npm publish\\")",\n"Bash(CMD.EXE /C npm publish)",\n"Bash(powershell -NoProfile -Command \\"npm publish\\")",\n"Bash(busybox sh -c \\"npm publish\\")"\n] } }',
        [R]: 'prefix_rule(pattern = ["bash", "-e", "-c", "npm publish"], decision = "allow")\nprefix_rule(pattern = ["powershell.exe", "-Command", "Write-Output", "x;", "npm", "publish"], decision = "allow")\n',
      },
      errors: [2, 3, 4, 5, 6, 1, 2].map((line) => ({ line, message: /`npm publish` without a human/ })),
    },
    // An argument the script is given is any text: `npm "$1"` runs any npm command.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"Bash(bash -c \'npm \\"$1\\"\' _ publish)"\n] } }' },
      errors: [{ line: 2, message: /`npm publish` without a human/ }],
    },
    // The script an allow hands a shell, as Codex records an approved command, and in a Claude rule.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["/bin/zsh", "-lc", "git push origin main"], decision = "allow")\n',
        [S]: '{ "permissions": { "allow": [\n"Bash(bash -c \\"npm test && npm publish\\")"\n] } }',
      },
      errors: [
        { line: 2, message: /`npm publish` without a human/ },
        { line: 1, message: /`git push` without a human/ },
      ],
    },
    // A rule of several commands joined as a shell joins them: each is what it lets run.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(cd web && npm publish:*)",\n"Bash(npm ci; git push:*)",\n"Bash(cd web && npm test:*)",\n"Bash({ npm publish; }:*)",\n"Bash(! npm publish:*)",\n"Bash(if true; then npm publish; fi:*)",\n"Bash(echo done; fi:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`npm publish` without a human/ },
        { line: 3, message: /`git push` without a human/ },
        { line: 5, message: /`npm publish` without a human/ },
        { line: 6, message: /`npm publish` without a human/ },
        { line: 7, message: /`npm publish` without a human/ },
      ],
    },
    // An interpreter that also publishes packages, with free arguments: `bun publish`, `deno publish`; not when the
    // policy takes the command out.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"Bash(bun:*)",\n"Bash(deno *)",\n"Bash(bun run:*)"\n] } }' },
      errors: [
        { line: 2, message: /`bun publish` without a human/ },
        { line: 3, message: /`deno publish` without a human/ },
      ],
    },
    {
      files: { [S]: '{ "permissions": { "allow": [\n"Bash(bun:*)",\n"Bash(deno *)"\n] } }' },
      policy: 'rules:\n  publish-deploy: { except: ["bun publish"] }\n',
      errors: [{ line: 3, message: /`deno publish` without a human/ }],
    },
    // Only git's own options, then free arguments: any subcommand follows, `git push` included.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(git -C *)",\n"Bash(git --git-dir=*)",\n"Bash(git -c x=y --no-pager:*)",\n"Bash(git --no-advice *)",\n"Bash(git push -o --help:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /`git push` without a human/ })),
    },
    // A wildcard among the rule's words stands for a subcommand (`git * main` runs `git push origin main`, as in
    // ksyasuda/dotfiles) and its options: `git * --help` runs `git push -o --help`, `git * --dry-run` runs `git push
    // --repo --dry-run`. A wildcard that stands for an option's value runs no other subcommand.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(git * main)",\n"Bash(git * origin *)",\n"Bash(git * --dry-run)",\n"Bash(git * --help)",\n"Bash(git -C * status)"\n] } }',
      },
      errors: [2, 3, 4, 5].map((line) => ({ line, message: /`git push` without a human/ })),
    },
    // git's own options before a named subcommand: the subcommand is what runs, and a rule for `git push` (here one that
    // asks) does not match the command as written.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["git", "-c", "safe.directory=*", "push", "-u", "origin", "HEAD"], decision = "allow")\nprefix_rule(pattern = ["git", "-C", "app", "--no-pager", "push"], decision = "allow")\nprefix_rule(pattern = ["git", "-C", "app", "status"], decision = "allow")\nprefix_rule(pattern = ["git", "push"], decision = "prompt")\n',
      },
      errors: [1, 2].map((line) => ({ line, message: /`git push` without a human/ })),
    },
    // …and still names the pushes that publish: a command it adds counts even where `except` covers it.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["git", "push"], decision = "allow")\nprefix_rule(pattern = ["npm", "publish"], decision = "allow")\n',
      },
      policy: 'rules:\n  publish-deploy: { except: ["git push"], commands: ["git push --force", "git push origin main"] }\n',
      errors: [
        { line: 1, message: /`git push --force` without a human/ },
        { line: 2, message: /`npm publish` without a human/ },
      ],
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["make", "release"], decision = "allow")\n' },
      policy: 'rules:\n  publish-deploy: { commands: ["make release"] }\n',
      errors: [{ line: 1, message: /make release/ }],
    },
    {
      files: { [R]: 'prefix_rule(\n  pattern = ["gh", "release", "create"],\n  decision = "allow",\n)\n' },
      errors: [{ line: 3, column: 14 }],
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["sudo"])\nprefix_rule(pattern = ["npx", "vercel"])\n' },
      errors: [{ line: 2, message: /vercel/ }],
    },
    // A deny of a wrapper denies commands run through it, not every command: the allows of the file still count.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(git push:*)", "Bash(vercel:*)"], "deny": ["Bash(sudo:*)", "Bash(npx:*)", "Bash(xargs:*)"] } }',
      },
      errors: [
        { line: 1, message: /git push/ },
        { line: 1, message: /vercel/ },
      ],
    },
    { files: { [C]: 'approvals_reviewer = "auto_review"\n' }, errors: [{ line: 1, message: /a model, not a human/ }] },
    { files: { [C]: '[mcp_servers.infra.tools.terraform_apply]\napproval_mode = "approve"\n' }, errors: [{ line: 2 }] },
  ],
});

ruleTester('secret-access', {
  valid: [
    { files: { [C]: '[mcp_servers.gh]\nbearer_token_env_var = "GITHUB_TOKEN"\nenv = { GITHUB_TOKEN = "${GITHUB_TOKEN}" }\n' } },
    { files: { [C]: '[shell_environment_policy]\ninherit = "all"\nignore_default_excludes = false\n' } },
    { files: { [C]: 'model = "o3"\n' } },
    { files: { [R]: 'prefix_rule(pattern = ["cat", ".env.example"], decision = "allow")\n' } },
    // A search that prints whether, how often or where a key matched, never the line.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(grep -q API_KEY .env)", "Bash(grep -c KEY .env)", "Bash(rg --count KEY .env)"] } }',
      },
    },
    // A command that prints a credential, given an argument that is not one.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(aws configure get region)"] } }' } },
    // A glob over a folder whose every secret file the same settings deny.
    { files: { [S]: '{ "permissions": { "allow": ["Read(~/.config/gh/**)"], "deny": ["Read(~/.config/gh/hosts.yml)"] } }' } },
    // A wildcard over a printer's group whose printer the same settings deny or ask for.
    {
      files: {
        [S]: '{ "permissions": { "allow": ["Bash(gh auth:*)", "Bash(op item *)"], "deny": ["Bash(gh auth token:*)"], "ask": ["Bash(op item get *)"] } }',
      },
    },
    // A wildcard over a group that names nothing secret, or a group's command fixed whole, reads no credential.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(kubectl get:*)", "Bash(gh auth status)", "Bash(gh auth)", "Bash(gh:*)"] } }' } },
    // A folder of one project, absolute, and the system's temporary files hold no one's keys.
    { files: { [S]: '{ "permissions": { "allow": ["Read(//home/me/src/app/**)", "Read(//tmp/**)", "Read(src/**)"] } }' } },
    // A reader over the files of a folder that holds no secret.
    { files: { [S]: '{ "permissions": { "allow": ["Bash(cat src/*)", "Bash(cat docs/:*)", "Bash(cp templates/ out/)"] } }' } },
  ],
  invalid: [
    // A reader over the files of a folder of keys: the glob or the free arguments reach them.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"Bash(cat ~/.ssh/*)",\n"Bash(cat ~/.aws/*)",\n"Bash(head ~/.config/gh/:*)"\n] } }' },
      errors: [2, 3, 4].map((line) => ({ line, message: /lets the agent read ~\// })),
    },
    {
      files: { [C]: 'model = "o3"\n' },
      policy: 'rules:\n  secret-access: { require-env-filter: true }\n',
      errors: [{ line: 1, column: 1, message: /requires an environment filter/ }],
    },
    {
      files: { [C]: '[shell_environment_policy]\nset = { A = "1" }\n' },
      policy: 'extends: strict\n',
      errors: [{ line: 1, message: /requires an environment filter/ }],
    },
    // Codex's settings written in a Nix module say the same of the environment as its config.toml.
    {
      files: { 'home/codex.nix': '{ programs.codex.settings = { approval_policy = "on-request"; }; }\n' },
      policy: 'rules:\n  secret-access: { require-env-filter: true }\n',
      errors: [{ line: 1, message: /requires an environment filter/ }],
    },
    { files: { [C]: '[permissions.p.filesystem]\n"~/.aws/credentials" = "read"\n' }, errors: [{ line: 2 }] },
    // Commands that print a credential, allowed alone or with free arguments.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(gh auth token:*)",\n"Bash(gcloud auth print-access-token)",\n"Bash(aws configure get:*)"\n] } }',
      },
      errors: [2, 3, 4].map((line) => ({ line, message: /lets the agent read the credential `[^`]+` prints without asking/ })),
    },
    // A command that prints a variable named for a secret shows its value to the agent; other variables are no secret.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(echo $OPENAI_API_KEY)",\n"Bash(printf \'%s\' \\"${GH_TOKEN}\\")",\n"Bash(Write-Output $env:API_KEY)",\n"Bash(echo $PATH)",\n"Bash(echo $TOKEN_COUNT)",\n"Bash(echo:*)",\n"Bash(echo \'$GH_TOKEN\')",\n"Bash(echo \\\\$GH_TOKEN)",\n"Bash(echo \\"it\'s $GH_TOKEN\\")",\n"Bash(echo \\\\\\\\$GH_TOKEN)"\n] } }',
      },
      errors: [
        { line: 2, message: /read the variable OPENAI_API_KEY without asking/ },
        { line: 3, message: /read the variable GH_TOKEN without asking/ },
        { line: 4, message: /read the variable API_KEY without asking/ },
        { line: 10, message: /read the variable GH_TOKEN without asking/ },
        { line: 11, message: /read the variable GH_TOKEN without asking/ },
      ],
    },
    // rbw (a Bitwarden client) prints a stored password; `railway variables`, a service's variables, its secrets among them.
    {
      files: {
        [R]: 'prefix_rule(pattern = ["rbw", "get"], decision = "allow")\nprefix_rule(pattern = ["railway", "variables"], decision = "allow")\n',
      },
      errors: [
        { line: 1, message: /`rbw get` prints/ },
        { line: 2, message: /`railway variables` prints/ },
      ],
    },
    // A deny of another file of the folder leaves its secret readable.
    {
      files: { [S]: '{ "permissions": { "allow": ["Read(~/.config/gh/**)"], "deny": ["Read(~/.config/gh/config.yml)"] } }' },
      errors: [{ line: 1, message: /~\/\.config\/gh\/\*\*/ }],
    },
    // A wildcard over the group of such a command runs it too.
    {
      files: { [S]: '{ "permissions": { "allow": [\n"Bash(gh auth:*)",\n"Bash(gh auth *)",\n"Bash(kubectl get secret *)"\n] } }' },
      errors: [
        { line: 2, message: /`gh auth token` prints/ },
        { line: 3, message: /`gh auth token` prints/ },
        { line: 4, message: /`kubectl get secret` prints/ },
      ],
    },
    // Any command as root, as an OpenCode glob; listing what may run as root runs nothing.
    {
      files: {
        'opencode.json': '{ "permission": { "bash": {\n"*": "deny",\n"sudo *": "allow",\n"sudo -l *": "allow"\n} } }',
        '.cursor/permissions.json': '{ "terminalAllowlist": ["sudo -nl"] }',
      },
      errors: [{ line: 3, message: /any command as root without asking/ }],
    },
    // An option's value is no option: `sudo -p -l` prompts with "-l" and runs what follows as root; so does a start of
    // the option's name that getopt_long takes for it (`--prom`).
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(sudo -p -l:*)",\n"Bash(run0 --description --help:*)",\n"Bash(sudo --prom -l:*)",\n"Bash(run0 --desc --help:*)",\n"Bash(run0 --shell-prompt-prefix --help:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /any command as root without asking/ })),
    },
    // A program that reads the files it is given, allowed as root with free arguments; not without root.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(sudo cat:*)",\n"Bash(sudo -u root grep -r:*)",\n"Bash(cat:*)",\n"Bash(sudo systemctl status:*)"\n] } }',
      },
      errors: [
        { line: 2, message: /`sudo cat` as root on any file without asking/ },
        { line: 3, message: /`sudo grep` as root on any file without asking/ },
      ],
    },
    // A quiet search joined to another command, a flag that is a pattern, or a later rg mode that prints lines.
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Bash(grep -q x README.md && cat .env)",\n"Bash(grep -c KEY .env || cat .env)",\n"Bash(grep -ve -q .env)",\n"Bash(rg --count --json API_KEY .env)",\n"Bash(grep --lab -q KEY .env)",\n"Bash(POSIXLY_CORRECT=1 grep KEY .env -q)",\n"Bash(grep * -q .env)",\n"Bash(rg -c KEY .env:*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6, 7, 8, 9].map((line) => ({ line, message: /lets the agent read \.env without asking/ })),
    },
    // Reads over every user's home folder, by the absolute paths of macOS, Linux and Windows (C:\\Users).
    {
      files: {
        [S]: '{ "permissions": { "allow": [\n"Read(//Users/**)",\n"Read(//home/**)",\n"Read(//c/Users/**)",\n"Read(//Users/*/.aws/**)",\n"Read(//home/*/.*)"\n] } }',
      },
      errors: [2, 3, 4, 5, 6].map((line) => ({ line, message: /which holds secrets/ })),
    },
    {
      files: { [R]: 'prefix_rule(pattern = ["cat", "config/prod.key"])\n' },
      policy: 'rules:\n  secret-access: { paths: ["config/*.key"] }\n',
      errors: [{ line: 1 }],
    },
    {
      files: { [C]: '[[hooks.SessionStart]]\ncommand = "source .env && echo ok"\n' },
      errors: [{ line: 2, message: /reads \.env without a prompt/ }],
    },
  ],
});

describe('rule contract', () => {
  const input: RuleInput = { postures: [], statements: [], files: [], hints: () => ({}) };
  const site = {
    file: 'AGENTS.md',
    agent: 'agents',
    keyPath: ['x'],
    anchor: { kind: 'span', span: { start: { line: 1, column: 1 } } },
    evidence: 'x = 1',
  } as const;
  const messages = { ok: '{evidence} is set (limit {limit}).', named: 'Line {line} is {what}.' } as const;
  const probe = (report: (context: RuleContext<{ limit: number }, typeof messages>) => void): Rule =>
    defineRule({
      meta: { id: 'probe', title: 'Probe.', description: 'Probe.', defaultLevel: 'error', fix: 'Probe.' },
      options: strictObject({ limit: _default(number(), 3) }),
      messages,
      check: report,
    });

  it('fills a message from data and the place it points at, with the rule options parsed by its own schema', () => {
    const rule = probe(({ options, report }) => report({ messageId: 'ok', data: { limit: options.limit }, at: site, related: [site] }));
    expect(rule.run(input, {})).toEqual([{ ruleId: 'probe', ...site, message: 'x = 1 is set (limit 3).', related: [site] }]);
  });

  it('throws at once on a message id the rule does not declare, or a placeholder without data', () => {
    // @ts-expect-error an undeclared id is a type error too
    expect(() => probe(({ report }) => report({ messageId: 'nope', at: site })).run(input, {})).toThrow('no message "nope"');
    // @ts-expect-error a missing placeholder is a type error too
    expect(() => probe(({ report }) => report({ messageId: 'named', data: { line: 1 }, at: site })).run(input, {})).toThrow('needs "what"');
  });

  it('carries related places to the finding without changing any output', async () => {
    const result = await lintFiles({ [C]: 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n' });
    const finding = result.findings.find((f) => f.ruleId === 'sandbox-mode')!;
    expect(finding.related).toEqual([
      {
        file: C,
        keyPath: ['approval_policy'],
        evidence: 'approval_policy = "never"',
        location: { start: { line: 2, column: 19 }, end: { line: 2, column: 26 } },
      },
    ]);
  });
});

describe('well-known MCP servers', () => {
  it('are recognised by the package that launches them (any version) before the name they are configured under', async () => {
    const { knownServer, isBrowsingTool } = await import('../src/rules/shared/mcp-servers.js');
    expect(knownServer('web', ['npx', '-y', '@playwright/mcp@0.0.41'])?.entry.names).toContain('playwright');
    expect(knownServer('x', ['docker', 'run', '-i', 'ghcr.io/github/github-mcp-server:v1'])?.grants.has('publish')).toBe(true);
    expect(knownServer('x', ['https://api.githubcopilot.com/mcp/'])?.grants.has('publish')).toBe(true);
    expect(knownServer('x', ['uvx', 'mcp-server-fetch==2025.1.1'])?.grants.has('network')).toBe(true);
    expect(knownServer('GitHub')?.grants.has('publish')).toBe(true);
    // A name the catalogue does not know stays unknown: the rules fall back to the tool names.
    expect(knownServer('deploy-tools', ['node', 'server.js'])).toBeUndefined();
    // Serena runs shell commands unless its context leaves the shell to the client.
    expect(knownServer('serena', ['serena', 'start-mcp-server'])?.grants.has('shell')).toBe(true);
    expect(knownServer('serena', ['serena', 'start-mcp-server', '--context', 'ide-assistant'])?.grants.has('shell')).toBe(false);
    expect(knownServer('serena', ['serena', 'start-mcp-server', '--context=codex'])?.grants.has('shell')).toBe(false);
    // The last --context wins.
    expect(
      knownServer('serena', ['serena', 'start-mcp-server', '--context', 'codex', '--context', 'desktop-app'])?.grants.has('shell'),
    ).toBe(true);
    for (const tool of ['fetch', 'browser_navigate', 'read_url_content_as_markdown', 'navigate_page', 'browser_run_code_unsafe'])
      expect(isBrowsingTool(tool), tool).toBe(true);
    for (const tool of [
      'get_issue',
      'resolve-library-id',
      'browser_click',
      'fetch_issues',
      'urlencode',
      'browser_navigate_back',
      'navigate_forward',
    ])
      expect(isBrowsingTool(tool), tool).toBe(false);
  });

  it('report approved lookups of a documentation service under network-access, not publish-deploy, unless its site is approved', async () => {
    const files = {
      '.claude/settings.json': '{ "permissions": { "allow": ["mcp__context7__query-docs", "mcp__deepwiki", "mcp__context7__other"] } }\n',
      '.gemini/settings.json':
        '{ "mcpServers": {\n"docs": { "command": "npx", "args": ["-y", "@upstash/context7-mcp@latest"], "trust": true }\n} }\n',
    };
    const found = (r: Awaited<ReturnType<typeof lintFiles>>) =>
      r.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`);
    expect(found(await lintFiles(files))).toEqual([
      '.claude/settings.json:1:30:network-access',
      '.claude/settings.json:1:59:network-access',
      '.gemini/settings.json:2:86:network-access',
    ]);
    const message = (await lintFiles(files)).findings[0]!.message;
    expect(message).toContain('send the questions the agent writes to context7.com');
    const approved = await lintFiles(files, 'version: 1\nrules:\n  network-access:\n    allowed-domains: ["context7.com"]\n');
    expect(found(approved)).toEqual(['.claude/settings.json:1:59:network-access']);
  });

  it('are lookups only by their own package, site and tools: a name, a second package or a URL trick is judged as itself', async () => {
    const found = async (files: Record<string, string>, policy?: string) =>
      (await lintFiles(files, policy)).findings.map(
        (f) => `${f.ruleId}:${/approves the tool "[^"]+"|trusts the server|questions/.exec(f.message)?.[0] ?? ''}`,
      );
    // Other tools of a server named so are judged by their names.
    expect(
      await found({ '.claude/settings.json': '{"permissions":{"allow":["mcp__context7__browser_navigate","mcp__deepwiki__web_search"]}}' }),
    ).toEqual(['network-access:approves the tool "browser_navigate"', 'network-access:approves the tool "web_search"']);
    const approved = 'version: 1\nrules:\n  network-access:\n    allowed-domains: ["context7.com", "deepwiki.com"]\n';
    const trusted = (server: string) => ({ '.gemini/settings.json': `{"mcpServers":{"context7":${server}}}` });
    // Named context7 but started as another program, at another host, or beside a server that runs commands.
    for (const server of [
      '{"command":"npx","args":["-y","@acme/release-bot-mcp"],"trust":true}',
      '{"httpUrl":"https://deploy.acme.example/mcp","trust":true}',
      '{"httpUrl":"https://mcp.context7.com:@deploy.acme.example/mcp","trust":true}',
      '{"command":"npx","args":["-y","-p","@upstash/context7-mcp","-p","@wonderwhy-er/desktop-commander","desktop-commander"],"trust":true}',
    ])
      expect(await found(trusted(server), approved), server).toEqual(['publish-deploy:trusts the server']);
  });
});
