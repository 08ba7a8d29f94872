import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedFindings } from './helpers/labels.js';
import { nixAgentSettings } from '../src/adapters/scripts/nix.js';
import { cli, lintFiles, located, makeRepo, TODAY } from './helpers/repo.js';
import { loadRepository, loadRepositoryAt } from '../src/io/repository.js';
import { checkBase, compareWithBase } from '../src/engine/baseline.js';
import { lint } from '../src/engine/lint.js';
import { resolveBuiltin } from '../src/policy/load.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'scripts', name), 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** Labelled fixtures (`# NOT OK rule`, `// NOT OK rule`): every label and nothing else. */
const LABELLED: [string, string][] = [
  ['labelled.Makefile', 'Makefile'],
  ['beclaw.Makefile', 'tools/Makefile'],
  ['labelled.justfile', 'justfile'],
  ['labelled.Taskfile.yml', 'Taskfile.yml'],
  ['labelled.devcontainer.json', '.devcontainer/devcontainer.json'],
  ['labelled.devcontainer.json', '.devcontainer/agent/devcontainer.json'],
  ['plain.devcontainer.json', '.devcontainer/devcontainer.json'],
  ['claude-code.devcontainer.json', '.devcontainer/devcontainer.json'],
  ['labelled.compose.yaml', 'compose.yaml'],
  ['ccc.compose.yaml', 'docker-compose.yml'],
];

describe('scripts, tasks and containers that start an agent', () => {
  for (const [name, path] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      expect(located(await lintFiles({ [path]: text })).sort()).toEqual(expectedFindings(text));
    });
  }

  it('package.json scripts: each agent CLI judged at its flag, ordinary scripts and echoes silent', async () => {
    const text = fixture('agents.package.json');
    const result = await lintFiles({ 'package.json': text });
    expect(located(result).sort()).toEqual([`${lineOf(text, '"review"')}:sandbox-mode`, `${lineOf(text, '"docs"')}:sandbox-mode`].sort());
    const review = result.findings.find((f) => f.location.start.line === lineOf(text, '"review"'))!;
    const line = text.split('\n')[review.location.start.line - 1]!;
    expect(review.location.start.column).toBe(line.indexOf('--dangerously-skip-permissions') + 1);
    expect(review.message).toContain('package.json script "review"');
    expect(result.postures.map((p) => p.agent).sort()).toEqual(['claude-code', 'claude-code', 'codex', 'gemini-cli']);
  });

  it('a Makefile recipe is placed at its flag, after its prefixes and across continuation lines', async () => {
    const text = fixture('labelled.Makefile');
    const result = await lintFiles({ Makefile: text });
    const starts = result.findings.map((f) => [f.location.start.line, f.location.start.column]);
    const at = (needle: string): [number, number] => {
      const line = lineOf(text, needle);
      return [line, text.split('\n')[line - 1]!.indexOf(needle) + 1];
    };
    expect(starts).toContainEqual(at('--dangerously-bypass-approvals-and-sandbox'));
    expect(starts).toContainEqual(at('--yolo -p'));
  });

  it('a file that names no agent is neither parsed nor counted; one that names one but starts none is not counted', async () => {
    const broken = await lintFiles({ 'package.json': '{ "scripts": { "build": "tsc" ', Makefile: 'all:\n\tmake build\n' });
    expect(broken.findings).toEqual([]);
    expect(broken.files).toEqual([]);
    const mentions = await lintFiles({
      'package.json': '{ "description": "helpers for claude", "scripts": { "build": "tsc" } }',
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    command: echo codex\n    privileged: true\n',
    });
    expect(mentions.findings).toEqual([]);
    expect(mentions.files).toEqual([]);
    expect(mentions.postures).toEqual([]);
  });

  it('scripts that name an agent without starting a session are silent', async () => {
    const scripts = {
      'claude:generate': 'node scripts/generate-claude.js --out .claude',
      docs: 'cp CLAUDE.md AGENTS.md && prettier --write AGENTS.md',
      mcp: 'claude mcp add docs -- node server.js',
      version: 'codex --version && gemini --help',
      grep: 'grep -r "codex --yolo" docs || true',
    };
    const result = await lintFiles({
      'package.json': JSON.stringify({ scripts, devDependencies: { '@anthropic-ai/claude-code': '^2.0.0', '@openai/codex': '^0.40.0' } }),
    });
    expect(result.findings).toEqual([]);
    expect(result.postures).toEqual([]);
  });

  it('a package.json that names an agent and does not parse is reported', async () => {
    const result = await lintFiles({ 'package.json': '{ "scripts": { "review": "claude -p x" ' });
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([['config-unparseable', 'package.json']]);
  });

  it('an untracked package.json is not an agent file left out of the check', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'Be brief.\n' }, { untracked: { 'package.json': '{ "scripts": { "x": "claude -p hi" } }' } });
    expect((await loadRepository(dir)).coverage.untracked).toEqual([]);
  });
});

/** Commits every file of a test repository. */
const gitAdd = (dir: string): void => {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-qm', 'more'], { cwd: dir, env });
};

const SETTINGS = (...allow: string[]): string => JSON.stringify({ permissions: { allow } });

describe('an allowed runner is resolved against the scripts it starts', () => {
  const pkg = (scripts: Record<string, string>): string => `${JSON.stringify({ scripts }, null, 2)}\n`;

  it('Bash(npm run:*) and a deploy script that runs vercel --prod: reported at the rule, with the script as related location', async () => {
    const packageJson = pkg({ build: 'tsc', deploy: 'npm run build && vercel --prod' });
    const result = await lintFiles({ '.claude/settings.json': SETTINGS('Bash(npm run:*)', 'Bash(npm test)'), 'package.json': packageJson });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.message])).toEqual([
      [
        '.claude/settings.json',
        'publish-deploy',
        'allow "Bash(npm run:*)" lets the agent run `npm run deploy` without a human, and package.json script "deploy" runs `vercel --prod`.',
      ],
    ]);
    const line = lineOf(packageJson, '"deploy"');
    const column = packageJson.split('\n')[line - 1]!.indexOf('vercel --prod') + 1;
    expect(result.findings[0]!.related).toEqual([
      {
        file: 'package.json',
        keyPath: ['scripts', 'deploy'],
        evidence: 'package.json script "deploy" "vercel --prod"',
        location: { start: { line, column }, end: { line, column: column + 'vercel --prod'.length } },
      },
    ]);
    // Without the package.json there is nothing to resolve: the rule names no publish command.
    expect((await lintFiles({ '.claude/settings.json': SETTINGS('Bash(npm run:*)') })).findings).toEqual([]);
  });

  it("the nearest package.json at or above the config's folder: the project's own, else the repository root's", async () => {
    const files = {
      'package.json': pkg({ deploy: 'echo nothing to deploy' }),
      'packages/web/package.json': pkg({ deploy: 'npm publish --access public' }),
      'packages/web/.claude/settings.json': SETTINGS('Bash(npm run:*)'),
      'packages/api/.claude/settings.json': SETTINGS('Bash(npm run:*)'),
      '.claude/settings.json': SETTINGS('Bash(pnpm run:*)'),
    };
    const result = await lintFiles(files);
    expect(result.findings.map((f) => [f.file, f.related?.[0]?.file])).toEqual([
      ['packages/web/.claude/settings.json', 'packages/web/package.json'],
    ]);
    const root = await lintFiles({ ...files, 'package.json': pkg({ release: 'semantic-release' }) });
    expect(root.findings.map((f) => [f.file, f.related?.[0]?.file])).toEqual([
      ['.claude/settings.json', 'package.json'],
      ['packages/api/.claude/settings.json', 'package.json'],
      ['packages/web/.claude/settings.json', 'packages/web/package.json'],
    ]);
  });

  it('make, just and task runners allowed by Codex prefix rules and Claude Code permissions', async () => {
    const makefile = 'build:\n\tgo build ./...\n\nrelease: build\n\t@goreleaser release --clean\n';
    const result = await lintFiles({
      '.codex/rules/team.rules': 'prefix_rule(pattern = ["make"], decision = "allow")\n',
      Makefile: makefile,
      '.claude/settings.json': SETTINGS('Bash(just:*)', 'Bash(task:*)'),
      justfile: 'default:\n    just --list\n\nship:\n    git push origin main\n',
      'Taskfile.yml': "version: '3'\ntasks:\n  publish:\n    cmds:\n      - docker push example/app\n",
    });
    expect(result.findings.map((f) => [f.file, f.message, f.related?.[0]?.file, f.related?.[0]?.location.start])).toEqual([
      [
        '.claude/settings.json',
        'allow "Bash(just:*)" lets the agent run `just ship` without a human, and justfile recipe "ship" runs `git push`.',
        'justfile',
        { line: 5, column: 5 },
      ],
      [
        '.claude/settings.json',
        'allow "Bash(task:*)" lets the agent run `task publish` without a human, and Taskfile task "publish" runs `docker push`.',
        'Taskfile.yml',
        { line: 5, column: 9 },
      ],
      [
        '.codex/rules/team.rules',
        expect.stringContaining(
          'lets the agent run `make release` without a human, and Makefile target "release" runs `goreleaser release`.',
        ),
        'Makefile',
        { line: 5, column: 3 },
      ],
    ]);
  });

  it('yarn, an exact script, a script started by another, and npm pre-hooks', async () => {
    const scripts = pkg({
      ship: 'npm run build && npm run release:prod',
      'release:prod': 'npm publish',
      predeploy: 'git push --tags',
      deploy: 'echo done',
    });
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS('Bash(yarn:*)', 'Bash(npm run ship)', 'Bash(npm run deploy)'),
      'package.json': scripts,
    });
    expect(result.findings.map((f) => f.message)).toEqual([
      'allow "Bash(yarn:*)" lets the agent run `yarn add` with any package without asking, which downloads code from the network.',
      'allow "Bash(yarn:*)" lets the agent run `yarn run release:prod` without a human, and package.json script "release:prod" runs `npm publish`.',
      'allow "Bash(npm run ship)" lets the agent run `npm run ship` without a human, and package.json script "release:prod" runs `npm publish`.',
      'allow "Bash(npm run deploy)" lets the agent run `npm run deploy` without a human, and package.json script "predeploy" runs `git push`.',
    ]);
  });

  it('a deny or ask for the script wins over the allowed runner; a script that publishes nothing is not reported', async () => {
    const scripts = pkg({ deploy: 'vercel --prod', lint: 'eslint .' });
    // `Bash(npm run deploy)` alone would not do: it leaves `npm run deploy -- --force` to the allowed runner.
    const denied = JSON.stringify({ permissions: { allow: ['Bash(npm run:*)'], ask: ['Bash(npm run deploy:*)'] } });
    expect((await lintFiles({ '.claude/settings.json': denied, 'package.json': scripts })).findings).toEqual([]);
    const quiet = await lintFiles({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), 'package.json': pkg({ lint: 'eslint .' }) });
    expect(quiet.findings).toEqual([]);
  });

  it('SARIF carries the script as a related location', async () => {
    const dir = makeRepo({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), 'package.json': pkg({ deploy: 'vercel --prod' }) });
    const log = JSON.parse((await cli(['check', dir, '--format', 'sarif'])).stdout) as {
      runs: [
        { results: { relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] },
      ];
    };
    const related = log.runs[0].results.flatMap((r) => r.relatedLocations ?? []);
    expect(related.map((r) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine])).toEqual([
      ['package.json', 3],
    ]);
  });
});

describe('shell scripts that scripts and targets run by path', () => {
  const LAUNCHER =
    '#!/usr/bin/env bash\nset -euo pipefail\n# claude --dangerously-skip-permissions (a comment)\nexec claude -p "$1" \\\n  --dangerously-skip-permissions\n';

  it('a launcher run from a package.json script, a Makefile target or a dev container is judged at its flag', async () => {
    const flag = { line: 5, column: 3 };
    for (const [namer, text] of [
      ['package.json', '{ "scripts": { "agent": "./scripts/agent.sh \\"fix it\\"" } }'],
      ['Makefile', 'agent:\n\t@bash scripts/agent.sh "fix it"\n'],
      ['.devcontainer/devcontainer.json', '{ "postStartCommand": "scripts/agent.sh triage" }'],
    ] as const) {
      const result = await lintFiles({ [namer]: text, 'scripts/agent.sh': LAUNCHER });
      expect(
        result.findings.map((f) => [f.file, f.ruleId, f.location.start]),
        namer,
      ).toEqual([['scripts/agent.sh', 'sandbox-mode', flag]]);
    }
  });

  it('a real launcher (brianluft/terminalforms scripts/claude.sh) run from a package.json script', async () => {
    const text = fixture('terminalforms.claude.sh');
    const result = await lintFiles({ 'package.json': '{ "scripts": { "claude": "scripts/claude.sh" } }', 'scripts/claude.sh': text });
    expect(located(result, 'scripts/claude.sh').sort()).toEqual(expectedFindings(text));
    expect(result.findings.map((f) => f.file)).toEqual(['scripts/claude.sh']);
  });

  it('a path outside the repository or built from variables is not followed: a script there is read on its own', async () => {
    const result = await lintFiles({
      'package.json': '{ "scripts": { "a": "../agent.sh", "b": "$DIR/agent.sh", "c": "/opt/agent.sh" } }',
      'scripts/agent.sh': LAUNCHER,
    });
    expect(result.findings.map((f) => [f.file, f.ruleId, /\(([^)]*)\)/.exec(f.message)?.[1]])).toEqual([
      ['scripts/agent.sh', 'sandbox-mode', 'script scripts/agent.sh'],
    ]);
    expect(result.files).toEqual([{ path: 'scripts/agent.sh', agent: 'scripts' }]);
  });

  it('the check reads the launcher a committed script names, inside the repository only', async () => {
    const dir = makeRepo({
      'package.json': '{ "scripts": { "agent": "sh ./tools/agent.sh" } }',
      'tools/agent.sh': LAUNCHER,
      // Read on its own: it starts an agent too.
      'tools/other.sh': LAUNCHER.replace('exec claude -p', 'exec codex exec').replaceAll(
        '--dangerously-skip-permissions',
        '--dangerously-bypass-approvals-and-sandbox',
      ),
      // Shell scripts that start no agent are read, but neither parsed nor counted.
      'tools/build.sh': '#!/bin/sh\nmake all\n',
      // Task files git lists by their own names.
      'app/GNUmakefile': 'review:\n\tclaude -p x --dangerously-skip-permissions\n',
      'app/.justfile': 'review:\n    claude -p x --dangerously-skip-permissions\n',
    });
    expect((await loadRepository(dir)).files.map((f) => f.path).sort()).toEqual([
      'app/.justfile',
      'app/GNUmakefile',
      'package.json',
      'tools/agent.sh',
      'tools/build.sh',
      'tools/other.sh',
    ]);
    const out = await cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(out.stdout) as { findings: { path: string; ruleId: string; line: number }[]; files: { path: string }[] };
    expect(json.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ['app/.justfile', 'sandbox-mode', 2],
      ['app/GNUmakefile', 'sandbox-mode', 2],
      ['tools/agent.sh', 'sandbox-mode', 5],
      ['tools/other.sh', 'sandbox-mode', 5],
    ]);
    expect(json.files.map((f) => f.path)).not.toContain('tools/build.sh');
  });
});

describe('shell scripts that start an agent, read on their own', () => {
  it('.sh, .bash and .zsh scripts in any folder are judged at their flags; one that starts no agent is not counted', async () => {
    const result = await lintFiles({
      'bin/yolo.sh': '#!/bin/sh\nexec claude --dangerously-skip-permissions "$@"\n',
      'lib/run.bash': 'run() {\n  CLAUDECODE= claude -p "$1" \\\n    --allowedTools "Bash,Read" --output-format text\n}\n',
      'tools/codex.zsh': 'codex exec --sandbox danger-full-access "$@"\n',
      'tools/build.sh': '#!/bin/sh\n# claude builds nothing here\nmake all\necho "run claude --dangerously-skip-permissions yourself"\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual([
      'bin/yolo.sh:2:13:sandbox-mode',
      'lib/run.bash:3:21:sandbox-mode',
      'tools/codex.zsh:1:12:sandbox-mode',
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['bin/yolo.sh', 'lib/run.bash', 'tools/codex.zsh']);
  });

  it("Kilo Code's CLI: `kilo run --auto` approves every tool; the program without it grants nothing", async () => {
    const result = await lintFiles({
      'ci/fix.sh': '#!/bin/sh\nkilo run --auto "run the tests and fix what fails"\nnpx kilocode run --model x/y "review"\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual([
      'ci/fix.sh:2:10:sandbox-mode',
    ]);
  });

  it('a variable the script sets to a literal is read as its value where a command uses it, and placed where it is written', async () => {
    const result = await lintFiles({
      'a.sh': '#!/bin/bash\nAPPROVAL_MODE="${GEMINI_APPROVAL_MODE:-yolo}"\ngemini -p "x" --approval-mode "$APPROVAL_MODE"\n',
      'b.sh': 'ARGS=(--dangerously-skip-permissions --fork-session)\nclaude "${ARGS[@]}"\n',
      'c.sh': 'export FLAGS="--dangerously-skip-permissions"\nclaude $FLAGS -p hi\n',
      'd.sh': 'BIN=codex\n"$BIN" exec --sandbox danger-full-access "$@"\n',
      // Each value a variable is given is read: the last one set before the command, then the others.
      'e.sh':
        'MODE=default\nif [ -n "$Y" ]; then\n  MODE=bypassPermissions\nfi\nclaude --permission-mode "$MODE" --allowedTools "Bash(git push:*)"\n',
      // Not expanded: in single quotes, a value with blanks inside double quotes (one word), a value set by a command.
      'f.sh':
        "A=--dangerously-skip-permissions\nclaude -p '$A'\nB='-p --dangerously-skip-permissions'\nclaude \"$B\"\nC=$(cat flags)\nclaude $C\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      'a.sh:2:40:sandbox-mode',
      'b.sh:1:7:sandbox-mode',
      'c.sh:1:15:sandbox-mode',
      'd.sh:2:13:sandbox-mode',
      'e.sh:3:8:sandbox-mode',
      'e.sh:5:34:publish-deploy',
    ]);
  });

  it('a command line kept in a quoted variable, and one tmux starts or types, is read where it is written', async () => {
    const result = await lintFiles({
      'a.sh':
        '#!/bin/bash\nLAUNCH="cd /x && claude --dangerously-skip-permissions -p hi"  # typed below\nrun_tmux send-keys -t s "$LAUNCH" Enter\n',
      // Used by a command, with a `;` after it; a message that is only printed, and values that start no agent, are not.
      'b.sh':
        'export RUN=\'codex --yolo exec x\';\neval "$RUN"\nWARNING=\'codex --yolo is never allowed here\'\necho "$WARNING"\nMSG="remember to run claude carefully"\nNOTE=\'--yolo\'\nrun $MSG $NOTE\n',
      'c.sh':
        'tmux new-session -d -s w -c "$WT" \\\n  "claude --permission-mode bypassPermissions"\ntmux -S /tmp/s send-keys -t w:1 "codex --dangerously-bypass-approvals-and-sandbox" C-m\n',
      'd.sh':
        'tmux new-window -n x claude --dangerously-skip-permissions\ntmux send-keys -t x "echo claude" Enter\ntmux kill-session -t "claude --yolo"\n',
      // Option letters in a cluster and per command, a chain after `\;`, a start of a command's name, run-shell.
      'e.sh':
        "tmux new -ds work 'codex --yolo'\ntmux send-keys -t w -l 'codex --yolo'\ntmux split-window -f 'codex --yolo'\ntmux -l new -d 'codex --yolo'\ntmux new -d -s w \\; send-keys -t w 'codex --yolo' Enter\ntmux split -d 'codex --yolo'\ntmux run-shell 'codex --yolo'\ntmux send-prefix -t 'codex --yolo'\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      'a.sh:2:25:sandbox-mode',
      'b.sh:1:19:sandbox-mode',
      'c.sh:2:11:sandbox-mode',
      'c.sh:3:40:sandbox-mode',
      'd.sh:1:29:sandbox-mode',
      'e.sh:1:26:sandbox-mode',
      'e.sh:2:31:sandbox-mode',
      'e.sh:3:29:sandbox-mode',
      'e.sh:4:23:sandbox-mode',
      'e.sh:5:43:sandbox-mode',
      'e.sh:6:22:sandbox-mode',
      'e.sh:7:23:sandbox-mode',
    ]);
  });

  it("a program named only as a variable's default is read, and `env` passes over a word that sets a variable or nothing", async () => {
    const result = await lintFiles({
      // The file names the agent only in the default; the command runs it through the variable.
      'a.sh': '#!/bin/bash\nCLAUDE_BIN="${CLAUDE_BIN:-claude}"\n"$CLAUDE_BIN" -p --dangerously-skip-permissions "x"\n',
      'b.sh': 'BIN=${BIN:=codex}\n$BIN exec --yolo\n',
      'e.sh': 'BIN="${BIN-gemini}"\n"$BIN" --yolo\n',
      'f.sh': 'BIN="${1:-claude}"\n"$BIN" --dangerously-skip-permissions\n',
      // `${OPUS:+MODEL=$OPUS}` sets MODEL or is no word at all: the program comes after it.
      'c.sh':
        '#!/bin/bash\nenv -i \\\n\tPATH="$PATH" \\\n\t${OPUS:+ANTHROPIC_DEFAULT_OPUS_MODEL="$OPUS"} \\\n\tclaude -p \\\n\t\t--dangerously-skip-permissions "x"\n',
      // Part of another name is not the agent's.
      'd.sh': 'TOOL=my-claude\n"$TOOL" --dangerously-skip-permissions\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      'a.sh:3:18:sandbox-mode',
      'b.sh:2:11:sandbox-mode',
      'c.sh:6:3:sandbox-mode',
      'e.sh:2:8:sandbox-mode',
      'f.sh:2:8:sandbox-mode',
    ]);
  });

  it("a `bin` folder's executable without an ending is read as the shell or Python script its `#!` line names", async () => {
    const files = {
      'bin/claude-dev': '#!/usr/bin/env bash\nexec claude --dangerously-skip-permissions "$@"\n',
      '.config/git/bin/git-ai-commit-msg': '#!/bin/sh\nclaude --model sonnet --print --dangerously-skip-permissions < "$F"\n',
      'home/dot_local/bin/executable_yolo': '#!/usr/bin/env -S bash -e\ngemini --yolo "$@"\n',
      'tools/bin/review': '#!/usr/bin/env python3\nimport subprocess\nsubprocess.run(["codex", "exec", "--yolo", "x"])\n',
      // `env`'s options and assignments passed over, `-S` glued to its program, nix-shell's interpreter on the next line.
      'bin/a': '#!/usr/bin/env -S LANG=C bash -e\nclaude --dangerously-skip-permissions\n',
      'bin/b': '#!/usr/bin/env -Sbash\nclaude --dangerously-skip-permissions\n',
      'bin/c': '#!/usr/bin/env nix-shell\n#! nix-shell -i bash -p jq\nclaude --dangerously-skip-permissions\n',
      'bin/d': '#!/usr/bin/env -S uv run --script\nimport subprocess\nsubprocess.run(["claude", "--dangerously-skip-permissions"])\n',
      // Not read: no `#!` line, another interpreter, a file outside a `bin` folder, a `bin` folder of a longer name.
      'bin/notes': 'claude --dangerously-skip-permissions\n',
      'bin/run-node': '#!/usr/bin/env node\nspawn("claude", ["--dangerously-skip-permissions"]);\n',
      'scripts/claude-dev': '#!/bin/bash\nclaude --dangerously-skip-permissions\n',
      'cabin/claude-dev': '#!/bin/bash\nclaude --dangerously-skip-permissions\n',
    };
    const expected = [
      '.config/git/bin/git-ai-commit-msg:2:31:sandbox-mode',
      'bin/a:2:8:sandbox-mode',
      'bin/b:2:8:sandbox-mode',
      'bin/c:3:8:sandbox-mode',
      'bin/claude-dev:2:13:sandbox-mode',
      'bin/d:3:28:sandbox-mode',
      'home/dot_local/bin/executable_yolo:2:8:sandbox-mode',
      'tools/bin/review:3:35:sandbox-mode',
    ];
    const result = await lintFiles(files);
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual(
      expected,
    );
    // Found the same by git's listing and by a walk of the folder; a link or submodule named `bin` hides no agent files.
    for (const git of [true, false]) {
      const out = await cli(['check', makeRepo(files, { git }), '--format', 'json', '--fail-on', 'never']);
      const found = (JSON.parse(out.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings;
      expect(found.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort(), String(git)).toEqual(
        expected.map((e) => e.replace(/:\d+:(?=[a-z-]+$)/, ':')),
      );
    }
  });

  it('an expansion never hides what the line says, keeps the last values and a program name, and says what a bound left unread', async () => {
    const many = (name: string, last: string): string =>
      [...Array.from({ length: 20 }, (_, k) => `${name}=v${k}`), `${name}=${last}`].join('\n');
    const result = await lintFiles({
      // `#` from a variable is a word to the shell, not a comment; a quoted `)` stays inside an array.
      'a.sh': 'H=#\n: $H; claude --dangerously-skip-permissions -p x\n',
      'b.sh': 'ARGS=(")" --dangerously-skip-permissions)\nclaude "${ARGS[@]}" -p hi\n',
      // The last of many values is read, and the command is said not to be read whole.
      'c.sh': `${many('MODE', 'bypassPermissions')}\nclaude --permission-mode "$MODE" -p hi\n`,
      // A program's name given before many other values is kept.
      'd.sh': `BIN=codex\n${many('BIN', 'x')}\n"$BIN" --yolo\n`,
      // A value set after the command is placed where it is written.
      'e.sh': 'claude --permission-mode=$LATER -p hi\n\nLATER=bypassPermissions\n',
      // A program's name past the references read: the command is read with it, and said not to be read whole.
      'f.sh': `P=claude\nB=x\n: ${'$B'.repeat(70)}; $P --dangerously-skip-permissions\n`,
      // A value too long to read: the command is said not to be read whole.
      'g.sh': `ARGS=(--dangerously-skip-permissions ${'x'.repeat(2_100)})\nclaude "\${ARGS[@]}" -p hi\n`,
      // A value inside a quoted string a shell runs.
      'i.sh': 'FLAGS="--model x --dangerously-skip-permissions"\nbash -c "claude $FLAGS -p hi"\n',
      // Assignments after `then` and `;`, beside another, appended, and a default in the reference itself.
      'j.sh': 'if true; then MODE=bypassPermissions; fi\nX=1 FLAGS=--yolo\ngemini $FLAGS\nclaude --permission-mode "$MODE"\n',
      'k.sh': 'ARGS=(-p hi)\nARGS+=(--dangerously-skip-permissions)\nclaude "${ARGS[@]}"\n',
      'l.sh': '# not an assignment: A=--yolo\nclaude --permission-mode "${MODE:-bypassPermissions}" $A -p hi\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      'a.sh:2:14:sandbox-mode',
      'b.sh:1:11:sandbox-mode',
      'c.sh:21:6:sandbox-mode',
      'c.sh:22:39:config-unparseable',
      'd.sh:23:14:config-unparseable',
      'd.sh:23:8:sandbox-mode',
      'e.sh:3:7:sandbox-mode',
      'f.sh:3:148:sandbox-mode',
      'f.sh:3:178:config-unparseable',
      'g.sh:2:26:config-unparseable',
      'i.sh:1:18:sandbox-mode',
      'j.sh:1:20:sandbox-mode',
      'j.sh:2:11:sandbox-mode',
      'k.sh:2:8:sandbox-mode',
      'l.sh:2:8:sandbox-mode',
    ]);
    expect(result.findings.find((f) => f.file === 'e.sh')!.location.end).toEqual({ line: 3, column: 24 });
    // Many long values used many times: each reading and the file's readings together are bounded.
    const values = Array.from({ length: 8 }, (_, k) => `A="claude${String.fromCharCode(97 + k).repeat(1990)}"`);
    const uses = Array.from({ length: 600 }, () => `claude ${'$A'.repeat(64)}`);
    const heavy = await lintFiles({ 'h.sh': `${[...values, ...uses].join('\n')}\n` });
    expect(new Set(heavy.findings.map((f) => f.ruleId))).toEqual(new Set(['config-unparseable']));
  });

  it("VS Code tasks: arguments as a shell task passes them, the task's shell, the file's own command and shell, variables, workspace files", async () => {
    const tasks = (body: object): string => `${JSON.stringify(body, null, 2)}\n`;
    const result = await lintFiles({
      'a/.vscode/tasks.json': tasks({
        version: '2.0.0',
        tasks: [
          { label: 'semicolon', type: 'shell', command: 'claude', args: ['-p', 'go', '--dangerously-skip-permissions;true'] },
          { label: 'bad arg', type: 'shell', command: 'claude', args: [3, null, { quoting: 'escape' }, '--dangerously-skip-permissions'] },
          {
            label: 'shell',
            type: 'shell',
            command: 'review the diff',
            options: { shell: { executable: 'claude', args: ['--dangerously-skip-permissions', '-p'] } },
          },
          { label: 'variables', type: 'shell', command: 'cl${env:UNSET}aude', args: ['--dangerously-skip-permission${input:none}s'] },
          { label: 'plain', type: 'shell', command: 'npm', args: ['test'] },
        ],
      }),
      'b/.vscode/tasks.json': tasks({ version: '2.0.0', command: 'codex', args: ['--dangerously-bypass-approvals-and-sandbox'] }),
      'c/.vscode/tasks.json': tasks({
        version: '2.0.0',
        windows: { options: { shell: { executable: 'gemini', args: ['--yolo', '-p'] } } },
        tasks: [{ label: 'build', type: 'shell', command: 'make' }],
      }),
      'team.code-workspace': tasks({
        folders: [{ path: '.' }],
        tasks: {
          version: '2.0.0',
          tasks: [{ label: 'open', command: 'claude', args: ['--dangerously-skip-permissions'], runOptions: { runOn: 'folderOpen' } }],
        },
      }),
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort()).toEqual([
      'a/.vscode/tasks.json:11:sandbox-mode',
      'a/.vscode/tasks.json:24:sandbox-mode',
      'a/.vscode/tasks.json:33:sandbox-mode',
      'a/.vscode/tasks.json:44:sandbox-mode',
      'b/.vscode/tasks.json:5:sandbox-mode',
      'c/.vscode/tasks.json:6:sandbox-mode',
      'team.code-workspace:14:sandbox-mode',
    ]);
  });

  it("git's hooks in any folder and direnv's .envrc run by themselves: read as shell scripts; other files of a hooks folder are not", async () => {
    const result = await lintFiles({
      '.husky/pre-commit': 'npx lint-staged\nclaude -p "review the staged diff" --dangerously-skip-permissions\n',
      '.githooks/pre-push': '#!/bin/sh\ncodex exec --sandbox danger-full-access "check before push"\n',
      'tools/hooks/Commit-Msg.sh': 'gemini --yolo -p "improve $(cat "$1")"\n',
      'app/.envrc': 'use flake\nalias cc="claude --dangerously-skip-permissions"\n',
      '.husky/notes': 'claude --dangerously-skip-permissions\n',
      '.husky/post-merge': 'npm ci # claude is not started here\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      '.githooks/pre-push:2:12:sandbox-mode',
      '.husky/pre-commit:2:36:sandbox-mode',
      'app/.envrc:2:18:sandbox-mode',
      'tools/hooks/Commit-Msg.sh:1:8:sandbox-mode',
    ]);
    expect(result.files.map((f) => f.path).sort()).toEqual([
      '.githooks/pre-push',
      '.husky/pre-commit',
      'app/.envrc',
      'tools/hooks/Commit-Msg.sh',
    ]);
  });

  it('VS Code tasks: the command with its arguments, per platform, placed at the flag; a task that starts no agent is not counted', async () => {
    const text = [
      '{',
      '  // Runs when the folder opens.',
      '  "version": "2.0.0",',
      '  "tasks": [',
      '    { "label": "lint", "type": "shell", "command": "npm run lint" },',
      '    {',
      '      "label": "review",',
      '      "type": "shell",',
      '      "command": "claude",',
      '      "args": ["-p", "review the diff", "--dangerously-skip-permissions"],',
      '      "runOptions": { "runOn": "folderOpen" },',
      '    },',
      '    { "label": "yolo", "type": "process", "command": "codex", "args": ["--sandbox", "danger-full-access"] },',
      '    { "label": "line", "type": "shell", "command": "gemini --yolo -p fix" },',
      '    {',
      '      "label": "platform",',
      '      "command": "echo codex",',
      '      "windows": { "command": "copilot", "args": [{ "value": "--allow-all-tools", "quoting": "escape" }] },',
      '    },',
      '    { "label": "echo", "type": "shell", "command": "echo", "args": ["claude --dangerously-skip-permissions"] },',
      '  ],',
      '}',
      '',
    ].join('\n');
    const result = await lintFiles({ '.vscode/tasks.json': text, 'other/tasks.json': text });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual([
      '.vscode/tasks.json:10:42:sandbox-mode',
      '.vscode/tasks.json:13:73:sandbox-mode',
      '.vscode/tasks.json:14:60:sandbox-mode',
      '.vscode/tasks.json:18:63:sandbox-mode',
    ]);
    expect(result.findings[0]!.message).toContain('VS Code task "review"');
  });

  it("a shell's start-up files and fish scripts: an alias or abbreviation that starts an agent is read at its value", async () => {
    const result = await lintFiles({
      '.zshrc': "export EDITOR=nvim\nalias cc='claude --dangerously-skip-permissions' ll='ls -l'\n",
      'home/dot_bashrc': 'alias yolo="codex --dangerously-bypass-approvals-and-sandbox"\n',
      'home/dot_config/fish/config.fish': "alias cac 'claude --continue --dangerously-skip-permissions'\nabbr -a gy gemini --yolo\n",
      'zsh/zshrc': 'alias -g G="| grep"\nalias ccc="claude -p \\"x\\" --dangerously-skip-permissions"\n',
      'shell/aliases.sh': "alias ll='ls -la'\nalias claude-help='echo claude'\n",
      // Any quoting the shell takes apart, every definition of a line, abbreviations with options.
      'shell/more.zsh': [
        "alias a=$'claude --dangerously-skip-permissions'",
        'alias b=\'claude \'"--dangerously-skip-permissions"',
        'alias c=claude\\ --dangerously-skip-permissions',
        'alias "d=claude --dangerously-skip-permissions"',
        `alias ${Array.from({ length: 20 }, (_, i) => `a${i}=ls`).join(' ')} e='claude --dangerously-skip-permissions'`,
        '',
      ].join('\n'),
      'shell/more.fish': 'abbr -a cc --position anywhere -- claude --dangerously-skip-permissions\n',
      // chezmoi's attributes and templates, login files, a local override; not a file merely named `profile`.
      'home/private_dot_zshrc': "alias p='claude --dangerously-skip-permissions'\n",
      'home/dot_bashrc.tmpl': "alias t='claude --dangerously-skip-permissions'\n",
      '.zlogin': "alias z='claude --dangerously-skip-permissions'\n",
      '.zshrc.local': "alias l='claude --dangerously-skip-permissions'\n",
      'docs/profile': "alias n='claude --dangerously-skip-permissions'\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      '.zlogin:1:17:sandbox-mode',
      '.zshrc.local:1:17:sandbox-mode',
      '.zshrc:2:18:sandbox-mode',
      'home/dot_bashrc.tmpl:1:17:sandbox-mode',
      'home/dot_bashrc:1:19:sandbox-mode',
      'home/dot_config/fish/config.fish:1:30:sandbox-mode',
      'home/dot_config/fish/config.fish:2:19:sandbox-mode',
      'home/private_dot_zshrc:1:17:sandbox-mode',
      'shell/more.fish:1:42:sandbox-mode',
      'shell/more.zsh:1:18:sandbox-mode',
      'shell/more.zsh:2:19:sandbox-mode',
      'shell/more.zsh:3:17:sandbox-mode',
      'shell/more.zsh:4:17:sandbox-mode',
      'shell/more.zsh:5:147:sandbox-mode',
      'zsh/zshrc:2:28:sandbox-mode',
    ]);
  });

  it("alias options and operands as each shell reads them, and chezmoi's create_ files", async () => {
    const result = await lintFiles({
      'a.zsh': "alias ls cc='claude --dangerously-skip-permissions'\nalias +g cd='claude --dangerously-skip-permissions'\n",
      'b.fish': [
        "alias --save ce 'claude --dangerously-skip-permissions'",
        "abbr -a cf 'claude --permission-mode' bypassPermissions",
        "abbr -a cg 'claude --dangerously-skip-permissions' ''",
        '',
      ].join('\n'),
      create_dot_zshrc: "alias ch='claude --dangerously-skip-permissions'\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}`).sort()).toEqual([
      'a.zsh:1:21',
      'a.zsh:2:21',
      'b.fish:1:25',
      'b.fish:2:20',
      'b.fish:3:20',
      'create_dot_zshrc:1:18',
    ]);
  });

  it('a command inside a function or a group on one line, and a PowerShell profile', async () => {
    const result = await lintFiles({
      'fns.sh': [
        'function f { claude --dangerously-skip-permissions; }',
        'g() { codex --dangerously-bypass-approvals-and-sandbox; }',
        '{ gemini --yolo; } | tee log',
        'echo "{ claude --dangerously-skip-permissions }"',
        '',
      ].join('\n'),
      'ps/Microsoft.PowerShell_profile.ps1': [
        'Set-Alias ll Get-ChildItem',
        'function cy { copilot --yolo @args }',
        '& gemini --yolo --allowed-tools delegate_coding_task',
        'Write-Host "run claude --dangerously-skip-permissions yourself"',
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}`).sort()).toEqual([
      'fns.sh:1:21',
      'fns.sh:2:13',
      'fns.sh:3:10',
      'ps/Microsoft.PowerShell_profile.ps1:2:23',
      'ps/Microsoft.PowerShell_profile.ps1:3:10',
    ]);
  });

  it('a long alias line is read once, as the shell splits it (a scan from every position of it took minutes)', async () => {
    const text = `alias claude ${'a'.repeat(400_000)}\nalias cc='claude --dangerously-skip-permissions'\n`;
    expect(located(await lintFiles({ 'long.sh': text }))).toEqual(['2:sandbox-mode']);
  });

  it('the body of every here-document is read line by line; a `<<` that is no here-document hides nothing', async () => {
    const text = [
      '#!/bin/sh',
      '{',
      'cat <<EOF',
      '  claude -p v --dangerously-skip-permissions',
      'EOF',
      '} | bash',
      "cat > run.sh <<'EOF'",
      'claude -p w --dangerously-skip-permissions',
      'EOF',
      'MAX=$((1 << 20))',
      'claude -p x --dangerously-skip-permissions',
      '',
    ].join('\n');
    expect(located(await lintFiles({ 'agent.sh': text }))).toEqual(['4:sandbox-mode', '8:sandbox-mode', '11:sandbox-mode']);
  });

  it('a line continued inside a string, a word split by a continuation, and a backslash before a carriage return, as bash reads them', async () => {
    for (const [text, expected] of [
      ['X="abc \\\n"; claude -p x --dangerously-skip-permissions\n', ['2:sandbox-mode']],
      ["X='abc \\\n'; claude -p x --dangerously-skip-permissions\n", ['2:sandbox-mode']],
      ['cla\\\nude -p x --dangerously-skip-perm\\\nissions\n', ['2:sandbox-mode']],
      ['echo hi \\\r\nclaude -p x --dangerously-skip-permissions\r\n', ['2:sandbox-mode']],
    ] as const)
      expect(located(await lintFiles({ 'agent.sh': text })), JSON.stringify(text)).toEqual(expected);
  });

  it('a prompt over several lines joins the flags after it; a comment continues nothing; no line limit', async () => {
    const prompt = 'claude -p "Review the diff.\nBe brief." \\\n  --dangerously-skip-permissions\n';
    const comment = 'echo hi # a note \\\nclaude --dangerously-skip-permissions\n';
    const long = `${':\n'.repeat(6_000)}claude --dangerously-skip-permissions\n`;
    for (const [text, line] of [
      [prompt, 3],
      [comment, 2],
      [long, 6_001],
    ] as const)
      expect(located(await lintFiles({ 'agent.sh': text })), text.slice(0, 40)).toEqual([`${line}:sandbox-mode`]);
  });

  it('a command substitution over several lines joins the flags after it; a string past 1,000 lines is an error where it stops', async () => {
    const substitution = 'claude -p hi $(\n  echo\n) --dangerously-skip-permissions\n';
    const backticks = 'claude -p hi `\n  echo\n` --dangerously-skip-permissions\n';
    const closed = 'x=$(date)\nclaude -p "$x" --dangerously-skip-permissions\n';
    const nested = 'claude -p "$(git log -1 \\\n  --format="%s (%h)")" --dangerously-skip-permissions\n';
    const nestedLines = 'claude -p "$(\n  git log -1 --format="%s (%h)"\n)" --dangerously-skip-permissions\n';
    const process = 'claude -p hi <(\n  echo\n) --dangerously-skip-permissions\n';
    const heredoc = "claude -p \"$(cat <<'EOF'\nDon't stop; (really\nEOF\n)\" --dangerously-skip-permissions\n";
    const subshell = 'claude -p "$( (cd docs && cat intro.md)\n  echo done\n)" --dangerously-skip-permissions\n';
    for (const [text, line] of [
      [substitution, 3],
      [backticks, 3],
      [closed, 2],
      [nested, 2],
      [nestedLines, 3],
      [process, 3],
      [heredoc, 4],
      [subshell, 3],
    ] as const)
      expect(located(await lintFiles({ 'agent.sh': text })), text.slice(0, 40)).toEqual([`${line}:sandbox-mode`]);
    const long = `claude -p "\n${'line\n'.repeat(1_001)}" --dangerously-skip-permissions\n`;
    const split = `cl\\\naude -p "\n${'line\n'.repeat(1_001)}" --dangerously-skip-permissions\n`;
    const result = await lintFiles({
      'long.sh': long,
      'short.sh': `claude -p "\n${'line\n'.repeat(990)}" --dangerously-skip-permissions\n`,
      'split.sh': split,
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([
      'long.sh:1001:config-unparseable',
      'short.sh:992:sandbox-mode',
      'split.sh:1001:config-unparseable',
    ]);
    expect(result.findings[0]!.message).toMatch(/runs over more than 1,000 lines, and the rest of the command after it was not read/);
    // A string the file never closes is a command the shell does not run; a line that only names an agent starts none.
    expect(located(await lintFiles({ 'open.sh': 'claude -p "never closed\n--dangerously-skip-permissions\n' }))).toEqual([]);
    expect(located(await lintFiles({ 'note.sh': `cat <<EOF\nDon't forget claude\n${'line\n'.repeat(1_001)}EOF\n` }))).toEqual([]);
  });

  it('an array of a command line written over several lines, comments among its words, is read as one command', async () => {
    // The launcher shape of SecBear/neuron scripts/ralph.sh: the command kept in an array, one word a line.
    const runner = 'runner=(\n  "claude"\n  "-p"\n  "--permission-mode"\n  "bypassPermissions"\n)\n"${runner[@]}" "$PROMPT"\n';
    const commented = 'ARGS=(\n  claude -p # headless\n  # every prompt skipped:\n  --dangerously-skip-permissions\n)\n';
    const appended = 'ARGS+=(\n  claude -p\n  --dangerously-skip-permissions\n)\n';
    // An array before a command is an assignment for it: the command is what follows.
    const before = 'ENV_LIST=(x y) claude -p hi --dangerously-skip-permissions\n';
    for (const [text, line] of [
      [runner, 4],
      [commented, 4],
      [appended, 3],
      [before, 1],
    ] as const)
      expect(located(await lintFiles({ 'loop.sh': text })), text.slice(0, 40)).toEqual([`${line}:sandbox-mode`]);
    // The words after the array's `)` are another command; a subshell is not an array.
    const after = 'ARGS=(\n  claude -p\n)\necho --dangerously-skip-permissions\n';
    const subshell = '(\n  claude -p\n)\necho --dangerously-skip-permissions\n';
    for (const text of [after, subshell]) expect(located(await lintFiles({ 'loop.sh': text })), text).toEqual([]);
  });

  it('Python scripts: argument lists and process calls that start an agent, and the Agent SDK permission mode', async () => {
    const text = [
      'import subprocess',
      'from claude_agent_sdk import ClaudeAgentOptions',
      '',
      'def run(prompt: str, model: str) -> None:',
      '    """Runs claude --dangerously-skip-permissions in the loop."""',
      '    # subprocess.run(["claude", "--dangerously-skip-permissions"])',
      '    cmd = [',
      '        "claude",',
      '        "--model", model,',
      "        '--dangerously-skip-permissions',",
      '        prompt,',
      '    ]',
      '    subprocess.run(f\'echo "{prompt}" | claude -p --dangerously-skip-permissions\', shell=True)',
      '    subprocess.run(("npx", "-y", "@openai/codex", "exec", "--sandbox", r"danger-full-access"))',
      '    options = ClaudeAgentOptions(permission_mode="bypassPermissions", max_turns=3)',
      '    settings = {"permission_mode": "bypassPermissions"}',
      '    safe = ClaudeAgentOptions(permission_mode="acceptEdits")',
      '    print("run claude --dangerously-skip-permissions yourself")',
      '    HELP = "claude --dangerously-skip-permissions is not used here"',
      '    AGENTS = ["claude", "codex", "gemini"]',
      '    subprocess.run("echo claude --dangerously-skip-permissions", shell=True)',
      '',
    ].join('\n');
    const result = await lintFiles({ 'tools/loop.py': text, 'tools/plain.py': 'import os\nprint("hello")\n' });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual([
      '10:10:sandbox-mode',
      '13:50:sandbox-mode',
      '14:60:sandbox-mode',
      '15:51:sandbox-mode',
      '16:37:sandbox-mode',
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['tools/loop.py']);
    // Brackets nested past the depth read as lists do not stop the reading of what follows them.
    const deep = `x = ${'['.repeat(100)}${']'.repeat(100)}\nsubprocess.run(["claude", "--dangerously-skip-permissions"])\n`;
    expect(located(await lintFiles({ 'deep.py': deep }))).toEqual(['2:sandbox-mode']);
  });

  it('JavaScript and TypeScript programs named after an agent: argument lists, calls and process calls that start one', async () => {
    const text = [
      "import { execSync, spawn } from 'node:child_process';",
      '// spawn("claude", ["--dangerously-skip-permissions"]) was the old way',
      "const note = 'claude [--dangerously-skip-permissions]';",
      'const cmd = [',
      "  'claude',",
      "  '--model', model,",
      "  '--dangerously-skip-permissions',",
      '];',
      "spawn('codex', ['exec', '--sandbox', `danger-full-access`]);",
      'execSync(`echo "${prompt}" | gemini -p - --yolo`);',
      "execSync('echo claude --dangerously-skip-permissions');",
      "const AGENTS = ['claude', 'codex'];",
      "const escaped = ['claude', '\\x2d-dangerously-skip-permi\\ssions'];",
      "const sorted = rows.sort(['-id', 'name']);",
      'const field = `${spawn("claude", ["-p", "x", "--dangerously-skip-permissions"])}`;',
      "spawnSync('npx', ['-y', '@anthropic-ai/claude-code', '--dangerously-skip-permissions']);",
      "spawnSync('ffmpeg', ['-y', '-i', input, output]);",
      'await $`claude -p ${prompt} --dangerously-skip-permissions`;',
      '',
    ].join('\n');
    const result = await lintFiles({
      'scripts/claude-loop.ts': text,
      'src/run.ts': "spawn('claude', ['--dangerously-skip-permissions']);\n",
      'test/claude.test.ts': "expect(argv(['claude', '--dangerously-skip-permissions'])).toEqual([]);\n",
    });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}:${f.confidence}`)).toEqual([
      '7:4:sandbox-mode:high',
      '9:26:sandbox-mode:high',
      '10:42:sandbox-mode:high',
      '13:29:sandbox-mode:high',
      '15:47:sandbox-mode:high',
      '16:55:sandbox-mode:high',
      '18:29:sandbox-mode:high',
    ]);
    // Only programs named after an agent, a skill's scripts and a `bin` folder's programs are read, not their tests.
    expect(result.files.map((f) => f.path)).toEqual(['scripts/claude-loop.ts']);
  });

  it('what a second reading found: octal escapes, deep calls, a runner handed a list, a skill named test', async () => {
    const octal = "spawn('claude', ['\\55-dangerously-skip-permissions', '\\u{000000002d}-x']);\n";
    const deep = `${'f('.repeat(70)}spawn('claude', ['--dangerously-skip-permissions'])${')'.repeat(70)};\n`;
    const runner = "spawn('node', [cli, '-p', prompt, '--dangerously-skip-permissions']);\nconst c = 'claude';\n";
    // A list named for what it lets run unguarded is run; one of refused flags is not.
    const unguarded = "const c = 'claude';\nconst unguardedArgs = ['--dangerously-skip-permissions'];\nconst deniedFlags = ['--yolo'];\n";
    const result = await lintFiles({
      'bin/octal.js': octal,
      'bin/deep.js': deep,
      'bin/runner.js': runner,
      'bin/unguarded.js': unguarded,
      '.claude/skills/test/run.js': "spawn('claude', ['--dangerously-skip-permissions']);\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.confidence}`)).toEqual([
      '.claude/skills/test/run.js:1:high',
      'bin/deep.js:1:high',
      'bin/octal.js:1:high',
      'bin/runner.js:1:medium',
      'bin/unguarded.js:2:medium',
    ]);
  });

  it('an HTML-like comment is read as a script reads it and as a module does', async () => {
    // A script ends the line at `<!--`; js-tokens alone would read the backtick after it as a template's start.
    const hidden = "<!-- `\nspawn('claude', ['-p', 'x', '--dangerously-skip-permissions']);\n<!-- `\n";
    // A module reads on after `<!--` (`0 <!--x` is `0 < !--x`): the rest of the line is code.
    const module = "0 <!--x; spawn('claude', ['--dangerously-skip-permissions']);\n";
    // The script's reading starts again at no line: `/` after a comment still divides, a template still closes.
    const division =
      'let b = 4, a = b <!-- comment\n/ 2; spawn("claude", ["-p", "hi", "--dangerously-skip-permissions"]); let z = 1 / 1;\n';
    const template = 'const s = `${ 0 <!-- comment\n}text`; spawn("claude", ["-p", "hi", "--dangerously-skip-permissions"]); // `\n';
    const afterBlock = '0 /*\n*/ --> `\nspawn("claude", ["--dangerously-skip-permissions"]);\n// `\n';
    for (const [text, line] of [
      [hidden, 2],
      [module, 1],
      [division, 2],
      [template, 2],
      [afterBlock, 3],
    ] as const)
      expect(located(await lintFiles({ 'bin/run.js': text })), text).toEqual([`${line}:sandbox-mode`]);
  });

  it('a list of options in a program that starts an agent through a variable is read as its options, at medium confidence', async () => {
    // The shapes of Philo-Li/claudebot claude-runner.js and stSoftwareAU/VibeCoder codex_executor.ts.
    const runner =
      "let claudePath = 'claude';\nconst args = [\n  '-p', prompt,\n  '--dangerously-skip-permissions',\n];\nspawn(claudePath, args);\n";
    const harness =
      'const argv: string[] = [\n  "exec",\n  "--sandbox",\n  "danger-full-access",\n];\nspawn(await resolveCodex(), argv);\n';
    const result = await lintFiles({
      'claude-runner.js': runner,
      'harness/codex_executor.ts': harness,
      '.agents/skills/review/scripts/run.mjs': "const args = ['--dangerously-skip-permissions'];\nspawn(bin, args);\n",
      'harness/cursor.ts': "const argv = ['--force'];\n",
      // A command line kept in a string, and a list named for what it refuses.
      'bin/codex-loop.js': "const cmd = 'codex exec --yolo';\nconst FORBIDDEN_FLAGS = ['--yolo'];\nexecSync(cmd);\n",
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}:${f.confidence}`)).toEqual([
      'bin/codex-loop.js:1:sandbox-mode:medium',
      'claude-runner.js:4:sandbox-mode:medium',
      'harness/codex_executor.ts:3:sandbox-mode:medium',
    ]);
    // A medium reading is a notice under the default policy: the program may hand the list to another program.
    expect(result.findings.every((f) => f.level === 'notice')).toBe(true);
  });

  it('a JavaScript program is read in time linear in its size, whatever its brackets, strings and templates', async () => {
    const deep = `x = ${'['.repeat(100)}${']'.repeat(100)};\nspawn('claude', ['--dangerously-skip-permissions']);\n`;
    expect(located(await lintFiles({ 'bin/deep.js': deep }))).toEqual(['2:sandbox-mode']);
    const unclosed = `const t = \`${'${'.repeat(5_000)}\nspawn('claude', ['--dangerously-skip-permissions']);\n`;
    const many = `${"['-x', 'y'],\n".repeat(20_000)}spawn('claude', ['--dangerously-skip-permissions']);\n`;
    const started = performance.now();
    const result = await lintFiles({ 'bin/unclosed.js': unclosed, 'bin/many.js': many });
    expect(performance.now() - started).toBeLessThan(20_000);
    // Code in a template's fields is read, even in one left open (which no runtime would run).
    expect(located(result)).toEqual(['20001:sandbox-mode', '2:sandbox-mode']);
  });

  it('Nix modules that write Claude Code settings: Home Manager settings, a let-bound set turned to JSON, an imported permissions file', async () => {
    const module = [
      '{ config, lib, pkgs, ... }:',
      'let',
      '  git = "${pkgs.git}/bin/git";',
      '  settings = {',
      '    permissions = {',
      '      allow = [',
      '        "Bash(git status:*)" # read only',
      '        "Bash(git push:*)"',
      "        ''Bash(npm publish:*)''",
      '        "WebSearch"',
      '      ];',
      '      deny = [ "Bash(rm:*)" ];',
      '    };',
      '  };',
      'in',
      '{',
      '  home.file.".claude/settings.json".text = builtins.toJSON settings;',
      '  programs.claude-code = {',
      '    enable = true;',
      '    settings.permissions = { defaultMode = "bypassPermissions"; additionalDirectories = [ "/tmp" "${config.home.homeDirectory}/src" ]; };',
      '  };',
      '  /* programs.claude-code.settings.permissions.allow = [ "Bash(curl:*)" ]; */',
      '}',
      '',
    ].join('\n');
    const imported =
      '{\n  allow = [\n    "Read(*)"\n    "Bash(gh pr:*)"\n    "Bash(git push:*)"\n  ];\n  deny = [ "Bash(gh pr merge:*)" ];\n}\n';
    const unrelated = '{ networking.firewall = { allowedTCPPorts = [ 22 ]; allow = [ "ssh" ]; }; }\n';
    const result = await lintFiles({ 'home/claude.nix': module, 'home/claude/permissions.nix': imported, 'hosts/fw.nix': unrelated });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.location.start.column}:${f.ruleId}`).sort()).toEqual([
      'home/claude.nix:10:9:network-access',
      'home/claude.nix:20:44:sandbox-mode',
      // Home Manager's home folder reads as `~`: the folder is under it, outside any repository.
      'home/claude.nix:20:98:outside-writes',
      'home/claude.nix:8:9:publish-deploy',
      'home/claude.nix:9:9:publish-deploy',
      'home/claude/permissions.nix:5:5:publish-deploy',
    ]);
    // Nix's ways of building a value: a function on it, joined lists and sets, a merge, `with`, interpolations.
    const idioms = [
      '{ lib, ... }: with lib; {',
      '  a = "${"}"}";',
      '  programs.claude-code.settings = lib.mkMerge [',
      '    { permissions.allow = lib.mkForce [ "Bash(ls:*)" ] ++ [ "Bash(npm publish${""}:*)" ]; }',
      '    ({ permissions.defaultMode = "default"; } // { permissions.defaultMode = "bypassPermissions"; })',
      '  ];',
      '  options.x = lib.mkOption { example = { permissions.allow = [ "Bash(git push:*)" ]; }; };',
      '}',
      '',
    ].join('\n');
    expect(located(await lintFiles({ 'm/claude.nix': idioms })).sort()).toEqual(['4:publish-deploy', '5:sandbox-mode']);
    const nested = `${'let x = '.repeat(3_000)}1${' ; in x'.repeat(3_000)}\n# claude "Bash(git push:*)"\n`;
    expect((await lintFiles({ 'n/claude.nix': nested })).findings).toEqual([]);
    // Unbalanced, deep and stray syntax is read as far as it goes, without a crash.
    const hostile = `${'{ a = [ ('.repeat(3_000)} "Bash(git push:*)" ; } ] ) in let = ; ''x ''' "\\" /* ${'}'.repeat(10)}`;
    const read = await lintFiles({
      'a/claude.nix': hostile,
      'b/claude.nix': `let s = { permissions.allow = [ "Bash(git push:*)" ]; }; in s ${'}'.repeat(50)}`,
    });
    expect(read.findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual(['b/claude.nix:publish-deploy']);
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      ';',
      '=',
      '.',
      ':',
      ',',
      'let',
      'in',
      'inherit',
      'a',
      'permissions',
      'allow',
      '"Bash(x:*)"',
      "''",
      '"${',
      '#',
      '/*',
      '\n',
      ' ',
    ];
    for (const text of fc
      .sample(fc.array(fc.constantFrom(...pieces), { maxLength: 200 }), { numRuns: 300, seed: 43 })
      .map((p) => p.join(' ')))
      expect(() => nixAgentSettings(text), text).not.toThrow();
  });

  it("Nix modules that write Codex's or OpenCode's settings, read whole as their own files are", async () => {
    const codex = [
      '{ config, lib, ... }:',
      'let',
      '  codexSettings = {',
      '    approval_policy = "never";',
      '    sandbox_mode = "workspace-write";',
      '    sandbox_workspace_write = {',
      '      writable_roots = [ "${config.home.homeDirectory}/Development" "${config.xdg.cacheHome}/nix" "${other}/x" ];',
      '      network_access = true;',
      '    };',
      '    profiles.yolo.sandbox_mode = "danger-full-access";',
      '  }',
      '  // lib.optionalAttrs (config.x != { }) { web_search = "live"; };',
      'in',
      '{ programs.codex.settings = codexSettings; }',
      '',
    ].join('\n');
    const opencode = [
      '_: {',
      '  opencode.permission = { "*" = "deny"; bash = "allow"; edit = "allow"; external_directory = { "~/notes/**" = "allow"; }; };',
      '  opencode.agent.review = {',
      '    mode = "subagent";',
      '    permission = { read = "allow"; webfetch = "allow"; bash = { "git push*" = "allow"; "*" = "ask"; }; };',
      '  };',
      '}',
      '',
    ].join('\n');
    // Words of the settings in a set of another program are not the agent's settings.
    const other = '{ services.x.permission = { users = "allow"; }; networking.sandbox_mode = 1; }\n';
    const result = await lintFiles({ 'home/codex.nix': codex, 'home/opencode.nix': opencode, 'hosts/x.nix': other });
    const found = result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort();
    expect(found).toEqual([
      'home/codex.nix:10:sandbox-mode',
      'home/codex.nix:12:network-access',
      'home/codex.nix:7:outside-writes',
      'home/codex.nix:7:outside-writes',
      'home/codex.nix:7:outside-writes',
      'home/codex.nix:8:network-access',
      'home/opencode.nix:2:outside-writes',
      'home/opencode.nix:2:sandbox-mode',
      'home/opencode.nix:5:network-access',
      'home/opencode.nix:5:publish-deploy',
    ]);
    // Home Manager's folders read as the home paths they are; any other interpolation reads as empty (`/x`). The
    // agent's patterns are in Nix's order, by name, as the JSON written from them is: `"*"` first, the push last.
    const roots = result.findings.filter((f) => f.ruleId === 'outside-writes' && f.file === 'home/codex.nix').map((f) => f.message);
    expect(roots.join('\n')).toContain('~/Development');
    expect(roots.join('\n')).toContain('~/.cache/nix');
    expect(result.files.map((f) => f.path).sort()).toEqual(['home/codex.nix', 'home/opencode.nix']);
  });

  it("one action for all of OpenCode's tools, in a set an OpenCode option names; not another program's", async () => {
    const result = await lintFiles({
      'modules/opencode/permission.nix': '_: {\n  programs.opencode.settings.permission = "allow";\n}\n',
      'modules/ask.nix': '_: { programs.opencode.settings.permission = "ask"; }\n',
      'hosts/x.nix': '{ services.x.permission = "allow"; }\n',
      // A plugin's settings written beside OpenCode's.
      'modules/dcp.nix': '{ xdg.configFile."opencode/dcp.jsonc".text = builtins.toJSON { compress = { permission = "allow"; }; }; }\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([
      'modules/opencode/permission.nix:2:sandbox-mode',
    ]);
  });

  it("a home folder's option in a name or after Claude Code's absolute slash reads as the home path", async () => {
    const codex = [
      '{ config, ... }:',
      '{',
      '  programs.codex.settings = {',
      '    approval_policy = "on-request";',
      '    default_permissions = "dev";',
      '    permissions.dev.filesystem = {',
      '      "/tmp" = "write";',
      '      "${config.home.homeDirectory}/.npm" = "write";',
      '      "${config.xdg.cacheHome}" = "write";',
      '      "${other}/x" = "write";',
      '    };',
      '  };',
      '}',
      '',
    ].join('\n');
    const claude = [
      '{ config, ... }:',
      '{',
      '  programs.claude-code.settings = {',
      '    permissions.allow = [ "Read" "Edit(/${config.home.homeDirectory}/**)" "Write(//${config.xdg.configHome}/app/**)" ];',
      '    sandbox.filesystem.allowWrite = [ "/${config.home.homeDirectory}/.npm" "/${config.xdg.configHome}/x" "src" ];',
      '  };',
      '}',
      '',
    ].join('\n');
    const result = await lintFiles({ 'home/codex.nix': codex, 'home/claude.nix': claude });
    const writes = result.findings
      .filter((f) => f.ruleId === 'outside-writes')
      .map((f) => `${f.file}:${f.location.start.line}:${f.message.slice(0, f.message.indexOf(', outside'))}`)
      .sort();
    expect(writes).toEqual([
      'home/claude.nix:4:allow "Edit(~/**)" lets the agent write to ~/**',
      'home/claude.nix:4:allow "Write(~/.config/app/**)" lets the agent write to ~/.config/app/**',
      'home/claude.nix:5:sandbox.filesystem.allowWrite entry "~/.config/x" lets the agent write to ~/.config/x',
      'home/claude.nix:5:sandbox.filesystem.allowWrite entry "~/.npm" lets the agent write to ~/.npm',
      'home/codex.nix:8:"~/.npm" = "write" (permission profile "dev") lets the agent write to ~/.npm',
      'home/codex.nix:9:"~/.cache" = "write" (permission profile "dev") lets the agent write to ~/.cache',
    ]);
  });

  it('commands a Nix module writes in its strings (a shell alias, a wrapper script) are read where they stand', async () => {
    const module = [
      '{ config, lib, pkgs, ... }:',
      '{',
      '  programs.zsh.shellAliases = {',
      '    c = "codex --yolo";',
      '    ccr = "claude --resume";',
      '  };',
      '  home.packages = [',
      '    (pkgs.writeShellApplication {',
      '      name = "claude-work";',
      "      text = ''",
      '        export CLAUDE_CONFIG_DIR="$HOME/.claude-work"',
      '        exec ${lib.getExe config.programs.claude-code.finalPackage} --dangerously-skip-permissions "$@"',
      "      '';",
      '    })',
      '  ];',
      '  programs.fish.functions.g = "${pkgs.gemini-cli}/bin/gemini --approval-mode yolo $argv";',
      '  # claude --dangerously-skip-permissions',
      '  meta.description = "Never run claude with --dangerously-skip-permissions here";',
      '}',
      '',
    ].join('\n');
    const result = await lintFiles({ 'home/shell.nix': module });
    expect(located(result).sort()).toEqual(['12:sandbox-mode', '16:sandbox-mode', '4:sandbox-mode']);
  });

  it('Nix strings: each a command of its own outside a list, escapes as the shell gets them; hostile shapes in bounded time', async () => {
    const module = [
      '{ ... }: {',
      '  home.shellAliases = { ll = "ls -l"; "yolo" = "claude --dangerously-skip-permissions"; };',
      '  home.packages = [ (pkgs.writeShellScriptBin "g" "exec ${pkgs.gemini-cli}/bin/gemini --yolo") ];',
      '  launchd.agents.x.config.ProgramArguments = [ "codex" "--dangerously-bypass-approvals-and-sandbox" ];',
      '  programs.fish.shellAliases.c = "claude \\"--dangerously-skip-permissions\\"";',
      '}',
      '',
    ].join('\n');
    expect(located(await lintFiles({ 'home/aliases.nix': module })).sort()).toEqual([
      '2:sandbox-mode',
      '3:sandbox-mode',
      '4:sandbox-mode',
      '5:sandbox-mode',
    ]);
    // A deep attribute path, long lines of names and interpolations: read as far as the bounds, without a crash.
    const hostile = {
      'a/codex.nix': `{ programs.codex.settings = { sandbox_mode = "danger-full-access"; a${'.a'.repeat(20_000)} = 1; }; }\n`,
      'b/exe.nix': `{ x = "${'getExe '.repeat(8_000)}"; }\n`,
      'c/holes.nix': `# claude -p\n{ x = "${'$'.repeat(50_000)}${'${'.repeat(20_000)}}"; }\n`,
    };
    const read = await lintFiles(hostile);
    expect(read.findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual(['a/codex.nix:sandbox-mode']);
  });

  it('Windows batch files and Nushell scripts that start an agent: cmd /c and /k, call, start, a terminal, def', async () => {
    const result = await lintFiles({
      'claude-opus.bat': '@echo off\r\nstart /b "" wezterm start -- cmd /k claude --dangerously-skip-permissions --model opus\r\nexit\r\n',
      'setup.cmd': [
        '@echo off',
        'REM claude --dangerously-skip-permissions',
        'echo   gemini -p "Run: git status" --yolo',
        'call gemini -p "Run: echo ok" --yolo',
        'cmd /c "codex exec --dangerously-bypass-approvals-and-sandbox fix"',
        '',
      ].join('\r\n'),
      'config.nu': 'def ccc [] { claude --dangerously-skip-permissions }\ndef safe [] { claude --permission-mode plan }\n',
      // cmd's `@`, Windows' program suffixes, Nushell's exported and flagged commands.
      'yolo.bat':
        '@claude --dangerously-skip-permissions\r\nclaude.exe --dangerously-skip-permissions\r\ncall claude.cmd --dangerously-skip-permissions\r\n',
      'mod.nu': 'export def yolo [] { claude --dangerously-skip-permissions }\ndef --env y [] { codex --yolo }\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort()).toEqual([
      'claude-opus.bat:2:sandbox-mode',
      'config.nu:1:sandbox-mode',
      'mod.nu:1:sandbox-mode',
      'mod.nu:2:sandbox-mode',
      'setup.cmd:4:sandbox-mode',
      'setup.cmd:5:sandbox-mode',
      'yolo.bat:1:sandbox-mode',
      'yolo.bat:2:sandbox-mode',
      'yolo.bat:3:sandbox-mode',
    ]);
  });

  it('an agent started through a tool version manager or a secret manager (`mise exec -- codex`, `op run -- claude`)', async () => {
    const result = await lintFiles({
      'run.sh':
        'exec mise exec -- codex --dangerously-bypass-approvals-and-sandbox "$@"\nop run --env-file=.env -- claude -p x --dangerously-skip-permissions\n',
    });
    expect(located(result)).toEqual(['1:sandbox-mode', '2:sandbox-mode']);
  });

  it('a script that a workflow or a package.json script runs is read once, with the file that runs it', async () => {
    const launcher = '#!/bin/sh\nexec claude -p "$1" --dangerously-skip-permissions\n';
    const workflow =
      'on: push\npermissions:\n  contents: read\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/agent.sh go\n';
    for (const [namer, text, by] of [
      ['.github/workflows/agent.yml', workflow, 'run by workflow'],
      ['package.json', '{ "scripts": { "agent": "./scripts/agent.sh go" } }', 'script scripts/agent.sh'],
    ] as const) {
      const result = await lintFiles({ [namer]: text, 'scripts/agent.sh': launcher });
      const mine = result.findings.filter((f) => f.file === 'scripts/agent.sh');
      expect(
        mine.map((f) => f.ruleId),
        namer,
      ).toEqual(['sandbox-mode']);
      expect(mine[0]!.message, namer).toContain(by);
      expect(
        result.files.filter((f) => f.path === 'scripts/agent.sh'),
        namer,
      ).toHaveLength(1);
    }
  });
});

describe('the base check of a pull request and scripts in another folder', () => {
  const gitIn = (dir: string, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    });
  /** Each finding of the head's check as new, updated or unchanged against the base commit. */
  async function states(base: Record<string, string>, head: Record<string, string>): Promise<string[]> {
    const dir = makeRepo(base);
    for (const [path, text] of Object.entries(head)) writeFileSync(join(dir, path), text);
    gitIn(dir, 'commit', '-qam', 'head');
    const policy = resolveBuiltin('default');
    const at = loadRepositoryAt(dir, 'HEAD~1');
    if (!at.ok) throw new Error(at.reason);
    const repo = await loadRepository(dir);
    const result = lint({ ...repo, policy, today: TODAY });
    const baseline = compareWithBase(result, checkBase(at.files, policy, TODAY, { ...repo, result }), 'HEAD~1');
    return result.findings.map((f) => `${f.file}:${baseline.states.get(f.fingerprint)!}`);
  }
  const settings = SETTINGS('Bash(npm run:*)');

  it('a push added to the script an unchanged hook runs is new, and a changed hook file whose script did not change keeps it', async () => {
    const hooks = (extra = ''): string =>
      `{ "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "bash scripts/push.sh; \\"$CLAUDE_PROJECT_DIR\\"/.claude/hooks/x.sh" }] }] }${extra} }\n`;
    const scripts = { 'scripts/push.sh': 'echo done\n', '.claude/hooks/x.sh': 'echo done\n' };
    expect(await states({ '.claude/settings.json': hooks(), ...scripts }, { 'scripts/push.sh': 'git push\n' })).toEqual([
      '.claude/settings.json:new',
    ]);
    // Named by the project's variable, quoted apart as Claude Code's hooks reference writes it.
    expect(await states({ '.claude/settings.json': hooks(), ...scripts }, { '.claude/hooks/x.sh': 'git push\n' })).toEqual([
      '.claude/settings.json:new',
    ]);
    const base = { '.claude/settings.json': hooks(), 'scripts/push.sh': 'git push\n' };
    expect(await states(base, { '.claude/settings.json': hooks(', "model": "x"') })).toEqual(['.claude/settings.json:unchanged']);
  });

  it('a script that starts publishing under an unchanged allowed runner is new', async () => {
    const base = { '.claude/settings.json': settings, 'package.json': '{ "scripts": { "deploy": "echo later" } }\n' };
    expect(await states(base, { 'package.json': '{ "scripts": { "deploy": "vercel --prod" } }\n' })).toEqual(['.claude/settings.json:new']);
  });

  it("a changed config whose runner's scripts did not change keeps its finding unchanged", async () => {
    const base = { '.claude/settings.json': settings, 'package.json': '{ "scripts": { "deploy": "vercel --prod" } }\n' };
    const head = { '.claude/settings.json': SETTINGS('Bash(npm run:*)', 'Bash(npm test)') };
    expect(await states(base, head)).toEqual(['.claude/settings.json:unchanged']);
  });
});

describe('an agent name split by quotes or a backslash, or written by its codes', () => {
  it('is read as the shell joins it, in a script and in a workflow step; an apostrophe in prose is not a name', async () => {
    const workflow = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: cl""aude --dangerously-skip-permissions -p hi\n`;
    const result = await lintFiles({
      'a.sh': 'cl""aude --dangerously-skip-permissions\n',
      'b.sh': 'c\\laude --dangerously-skip-permissions\n',
      'c.sh': "cla'ud'e --dangerously-skip-permissions\n",
      // bash's $'…' writes a character by its code: hexadecimal, octal.
      'e.sh': "$'\\x63laude' --dangerously-skip-permissions\n",
      'f.sh': "$'\\143laude' --dangerously-skip-permissions\n",
      'd.sh': "echo it's done\n",
      '.github/workflows/w.yml': workflow,
    });
    expect([...new Set(result.findings.filter((f) => f.ruleId === 'sandbox-mode').map((f) => f.file))].sort()).toEqual([
      '.github/workflows/w.yml',
      'a.sh',
      'b.sh',
      'c.sh',
      'e.sh',
      'f.sh',
    ]);
    expect(result.findings.filter((f) => f.file === 'd.sh')).toEqual([]);
  });
});

describe('a command line that a reading limit cuts', () => {
  const runs = (n: number): string => Array.from({ length: n }, () => 'claude -p hi').join('; ');
  const padding = `echo ${'a '.repeat(40_000)}`;
  const BYPASS = 'claude --dangerously-skip-permissions';
  const cut = (line: string, at: string): string => `1:${line.indexOf(at) + 1}:config-unparseable`;
  const shown = (result: Awaited<ReturnType<typeof lintFiles>>, file: string): string[] =>
    result.findings.filter((f) => f.file === file).map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`);

  it('fails where the reading stopped when the rest starts an agent: past 16 runs, past 64 KiB, in an alias', async () => {
    const many = `${runs(16)}; ${BYPASS}\n`;
    const long = `${padding}; ${BYPASS}\n`;
    const aliases = `alias ${Array.from({ length: 16 }, (_, i) => `a${i}=claude`).join(' ')} cc='${BYPASS}'\n`;
    const result = await lintFiles({ 'many.sh': many, 'long.sh': long, 'aliases.sh': aliases });
    expect(shown(result, 'many.sh')).toEqual([cut(many, BYPASS)]);
    expect(shown(result, 'long.sh')).toEqual(['1:65537:config-unparseable']);
    expect(shown(result, 'aliases.sh')).toEqual([cut(aliases, BYPASS)]);
    expect(result.findings.find((f) => f.file === 'many.sh')!.message).toBe(
      'The line starts more than 16 agent runs and those after the 16th were not read, so what they grant could not be verified; split it into shorter lines.',
    );
  });

  it('fails where shells nest past the depth read, when what is not read starts an agent', async () => {
    // Each level quotes the next: five shells deep, the fifth `sh -c` is not read.
    let nested = BYPASS;
    for (let i = 0; i < 5; i++) nested = `sh -c ${JSON.stringify(nested)}`;
    let shallow = BYPASS;
    for (let i = 0; i < 2; i++) shallow = `sh -c ${JSON.stringify(shallow)}`;
    const result = await lintFiles({ 'deep.sh': `${nested}\n`, 'shallow.sh': `${shallow}\n` });
    expect(result.findings.filter((f) => f.file === 'deep.sh').map((f) => f.ruleId)).toEqual(['config-unparseable']);
    expect(result.findings.find((f) => f.file === 'deep.sh')!.message).toMatch(/nests shells, aliases or containers more than 4 deep/);
    expect(result.findings.filter((f) => f.file === 'shallow.sh').map((f) => f.ruleId)).toEqual(['sandbox-mode']);
  });

  it('in a hook, a workflow step and an action input', async () => {
    const hook = { hooks: { Stop: [{ hooks: [{ type: 'command', command: `${runs(16)}; ${BYPASS}` }] }] } };
    const step = (key: string, value: string): string =>
      `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - ${key}: ${JSON.stringify(value)}\n`;
    const args = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: "${'--model x '.repeat(8000)}--dangerously-skip-permissions"\n`;
    const result = await lintFiles({
      '.claude/settings.json': JSON.stringify(hook),
      '.github/workflows/run.yml': step('run', `${padding}; ${BYPASS}`),
      '.github/workflows/args.yml': args,
    });
    for (const file of ['.claude/settings.json', '.github/workflows/run.yml', '.github/workflows/args.yml'])
      expect(
        result.findings.filter((f) => f.file === file && f.ruleId === 'config-unparseable'),
        file,
      ).toHaveLength(1);
  });

  it('passes a long line that names no agent past its limit, and a line of exactly 16 runs', async () => {
    const result = await lintFiles({ 'long.sh': `${padding}\nclaude -p hi\n`, 'many.sh': `${runs(16)}\n` });
    expect(result.findings).toEqual([]);
  });
});

describe('an unreadable file that may or may not start an agent', () => {
  it('a package.json linked out of the repository is listed as not checked, not reported as a broken agent file', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'Be brief.\n' });
    symlinkSync('/etc/hostname', join(dir, 'package.json'));
    gitAdd(dir);
    const json = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as {
      findings: unknown[];
      coverage: { skipped: { path: string; reason: string }[] };
    };
    expect(json.findings).toEqual([]);
    expect(json.coverage.skipped.map((s) => s.path)).toEqual(['package.json']);
  });

  it('a shell script is listed as not checked when unreadable; one that a committed file runs is a broken agent file', async () => {
    const workflow =
      'on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/agent.sh\n      - run: claude -p x\n';
    for (const [namer, text] of [
      ['.github/workflows/agent.yml', workflow],
      ['package.json', '{ "scripts": { "agent": "./scripts/agent.sh", "other": "claude -p x" } }'],
    ] as const) {
      const dir = makeRepo({ [namer]: text, 'AGENTS.md': 'Be brief.\n' });
      mkdirSync(join(dir, 'scripts'), { recursive: true });
      symlinkSync('/etc/hostname', join(dir, 'scripts', 'agent.sh'));
      symlinkSync('/etc/hostname', join(dir, 'other.sh'));
      gitAdd(dir);
      const out = await cli(['check', dir, '--format', 'json']);
      const json = JSON.parse(out.stdout) as {
        findings: { path: string; ruleId: string }[];
        coverage: { skipped: { path: string; reason: string }[] };
      };
      expect(
        json.findings.map((f) => [f.path, f.ruleId]),
        namer,
      ).toEqual([['scripts/agent.sh', 'config-unparseable']]);
      expect(
        json.coverage.skipped.map((s) => s.path),
        namer,
      ).toEqual(['other.sh']);
      expect(out.code, namer).toBe(1);
    }
  });

  it('a workflows folder linked out of the repository is listed as not checked, not reported as a broken agent file', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'Be brief.\n' });
    mkdirSync(join(dir, '.github'), { recursive: true });
    symlinkSync('/etc', join(dir, '.github', 'workflows'));
    gitAdd(dir);
    const json = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as {
      findings: unknown[];
      coverage: { skipped: { path: string; reason: string }[] };
    };
    expect(json.findings).toEqual([]);
    expect(json.coverage.skipped.map((s) => s.path)).toEqual(['.github/workflows']);
  });
});
