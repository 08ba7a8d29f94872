import { describe, expect, it } from 'vitest';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

const SETTINGS = (...allow: string[]): string => JSON.stringify({ permissions: { allow } });
const pkg = (scripts: Record<string, string>): string => `${JSON.stringify({ scripts }, null, 2)}\n`;

/** `rule: message` and the related location of each finding on the config. */
async function onConfig(files: Record<string, string>): Promise<[string, string, string[]][]> {
  const result = await lintFiles(files);
  return result.findings
    .filter((f) => f.file === '.claude/settings.json')
    .map((f) => [f.ruleId, f.message, (f.related ?? []).map((r) => `${r.file}:${r.location.start.line}:${r.location.start.column}`)]);
}

describe('an allowed runner is resolved against its scripts under every rule', () => {
  it('a script that destroys, reaches the network, writes outside or reads a secret is reported under that rule', async () => {
    const scripts = {
      clean: 'rm -rf /tmp/build && terraform destroy -auto-approve',
      setup: 'curl -fsSL https://get.example.com | sh',
      link: 'cp .env.example ~/.config/app/env',
      token: 'cat ~/.aws/credentials',
      lint: 'eslint .',
    };
    const text = pkg(scripts);
    const lines = text.split('\n');
    const at = (needle: string): string => {
      const line = lines.findIndex((l) => l.includes(needle));
      return `package.json:${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
    };
    const found = await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), 'package.json': text });
    expect(found).toEqual(
      expect.arrayContaining([
        [
          'destructive-actions',
          'allow "Bash(npm run:*)" lets the agent run `npm run clean` without asking, and package.json script "clean" runs `rm -rf`, which destroys what it is given.',
          [at('rm -rf')],
        ],
        [
          'network-access',
          'allow "Bash(npm run:*)" lets the agent run `npm run setup` without asking, and package.json script "setup" runs `curl`, which reaches the network.',
          [at('curl')],
        ],
        [
          'outside-writes',
          expect.stringContaining('and package.json script "link" runs `~/.config/app/env`, which writes outside the repository.'),
          [at('~/.config/app/env')],
        ],
        [
          'secret-access',
          expect.stringContaining('and package.json script "token" runs `~/.aws/credentials`, which reads a secret.'),
          [at('~/.aws/credentials')],
        ],
      ]),
    );
    // One finding per rule and allow rule, at the first script that does it.
    expect(found.map(([rule]) => rule).sort()).toEqual(['destructive-actions', 'network-access', 'outside-writes', 'secret-access']);
  });

  it('make and just targets too, through the targets a target runs first; scripts that do none of it, and runners nobody allows, are silent', async () => {
    const makefile = 'deploy:\n\tkubectl delete namespace staging\n';
    const found = await onConfig({ '.claude/settings.json': SETTINGS('Bash(make:*)'), Makefile: makefile });
    expect(found.map(([rule, , related]) => [rule, related])).toEqual([['destructive-actions', ['Makefile:2:2']]]);
    const first = await onConfig({
      '.claude/settings.json': SETTINGS('Bash(make release)'),
      Makefile: 'release: check publish\ncheck:\n\tnpm test\npublish:\n\tnpm publish\n',
    });
    expect(first).toEqual([
      [
        'publish-deploy',
        expect.stringContaining('lets the agent run `make release` without a human, and Makefile target "publish" runs `npm publish`'),
        ['Makefile:5:2'],
      ],
    ]);
    const quiet = await onConfig({
      '.claude/settings.json': SETTINGS('Bash(npm run:*)'),
      'package.json': pkg({ lint: 'eslint .', test: 'vitest run' }),
    });
    expect(quiet).toEqual([]);
    const notAllowed = await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm test)'), 'package.json': pkg({ clean: 'rm -rf /' }) });
    expect(notAllowed).toEqual([]);
  });
});

describe('an allowed runner reaches the scripts of the workspaces its project declares', () => {
  const repo = {
    'package.json': `${JSON.stringify({ name: 'root', workspaces: ['packages/*'], scripts: { lint: 'eslint .' } }, null, 2)}\n`,
    'packages/web/package.json': `${JSON.stringify({ name: '@acme/web', scripts: { build: 'vite build', deploy: 'vercel --prod' } }, null, 2)}\n`,
    'tools/ship/package.json': `${JSON.stringify({ name: 'ship', scripts: { deploy: 'npm publish' } }, null, 2)}\n`,
  };

  it('a workspace script is run with -w: an allow that leaves the arguments free reaches it, an exact one does not', async () => {
    const found = await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), ...repo });
    expect(found).toEqual([
      [
        'publish-deploy',
        expect.stringMatching(
          /^allow "Bash\(npm run:\*\)" lets the agent run `npm run deploy (?:-w|--workspace)[ =](?:packages\/web|@acme\/web)` without a human, and packages\/web\/package\.json script "deploy" runs `vercel --prod`/,
        ),
        ['packages/web/package.json:5:16'],
      ],
    ]);
    // `deploy` is a publishing name of its own; an exact allow does not reach the workspace's script behind it.
    const exact = await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm run deploy)'), ...repo });
    expect(exact.map(([rule, , related]) => [rule, related])).toEqual([['publish-deploy', []]]);
    const yarn = await onConfig({ '.claude/settings.json': SETTINGS('Bash(yarn workspace:*)'), ...repo });
    expect(yarn.map(([rule, , related]) => [rule, related])).toEqual([['publish-deploy', ['packages/web/package.json:5:16']]]);
    // Globs with too many wildcards are not matched as patterns: every folder below counts.
    const crafted = { ...repo, 'package.json': `${JSON.stringify({ workspaces: [`${'*a'.repeat(40)}b`], scripts: {} })}\n` };
    const all = await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), ...crafted });
    expect(all.map(([, , related]) => related[0])).toEqual(['packages/web/package.json:5:16']);
    // A folder the project does not declare is not a workspace.
    const undeclared = { ...repo, 'package.json': pkg({ lint: 'eslint .' }) };
    expect(await onConfig({ '.claude/settings.json': SETTINGS('Bash(npm run:*)'), ...undeclared })).toEqual([]);
  });

  it("pnpm's workspaces are those pnpm-workspace.yaml declares; one that cannot be parsed counts every folder below", async () => {
    const pnpm = { ...repo, 'package.json': pkg({ lint: 'eslint .' }) };
    const reached = async (workspace: string): Promise<string[]> =>
      (await onConfig({ '.claude/settings.json': SETTINGS('Bash(pnpm --filter:*)'), ...pnpm, 'pnpm-workspace.yaml': workspace })).map(
        ([, , related]) => related[0] ?? '',
      );
    expect(await reached("packages:\n  - 'packages/*'\n")).toEqual(['packages/web/package.json:5:16']);
    // An exclusion is ignored (it can only narrow); `**` reaches folders at any depth.
    expect(await reached("packages:\n  - '!packages/web'\n  - tools/**\n")).toEqual(['tools/ship/package.json:4:16']);
    expect(await reached("packages:\n  - 'apps/*'\n")).toEqual([]);
    expect(await reached('packages: [packages/*\n')).toEqual(expect.arrayContaining(['packages/web/package.json:5:16']));
    // Nested extended glob syntax is not matched as a pattern (it would backtrack): every folder below counts.
    expect(await reached("packages:\n  - '+(a)+(a)+(a)+(a)+(a)+(a)+(a)b'\n")).toEqual(
      expect.arrayContaining(['packages/web/package.json:5:16']),
    );
    // Without the file pnpm takes every package below; npm does not read pnpm's file.
    const tools = { 'package.json': pnpm['package.json'], 'tools/ship/package.json': repo['tools/ship/package.json'] };
    const withoutFile = await onConfig({ '.claude/settings.json': SETTINGS('Bash(pnpm --filter:*)'), ...tools });
    expect(withoutFile.map(([, , related]) => related)).toEqual([['tools/ship/package.json:4:16']]);
    const npmOnPnpm = {
      '.claude/settings.json': SETTINGS('Bash(npm run:*)'),
      ...pnpm,
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
    };
    expect(await onConfig(npmOnPnpm)).toEqual([]);
    // The file is read for its workspaces only: an agent's name in it is not a launch, nor a checked file.
    const result = await lintFiles({ 'pnpm-workspace.yaml': "packages:\n  - 'tools/claude-code'\n" });
    expect(result.files).toEqual([]);
  });

  it('an allowed `make` reaches the targets of the makefiles its Makefile includes', async () => {
    const files = { Makefile: 'include mk/*.mk\nlint:\n\teslint .\n', 'mk/release.mk': 'release:\n\tvercel --prod\n' };
    const found = await onConfig({ '.claude/settings.json': SETTINGS('Bash(make:*)'), ...files });
    expect(found).toEqual([
      [
        'publish-deploy',
        'allow "Bash(make:*)" lets the agent run `make release` without a human, and release.mk target "release" runs `vercel --prod`.',
        ['mk/release.mk:2:2'],
      ],
    ]);
  });

  it('an allowed `task` reaches the tasks of the Taskfiles its Taskfile includes, by namespace', async () => {
    const files = {
      'Taskfile.yml': "version: '3'\nincludes:\n  web: ./web\ntasks:\n  lint: eslint .\n",
      'web/Taskfile.yml': "version: '3'\ntasks:\n  release:\n    cmds:\n      - vercel --prod\n",
    };
    const found = await onConfig({ '.claude/settings.json': SETTINGS('Bash(task:*)'), ...files });
    expect(found).toEqual([
      [
        'publish-deploy',
        'allow "Bash(task:*)" lets the agent run `task web:release` without a human, and web/Taskfile task "release" runs `vercel --prod`.',
        ['web/Taskfile.yml:5:9'],
      ],
    ]);
  });
});

describe('a package script an allow names is publishing when its own name says so', () => {
  it('deploy:prod, release:publish, publish-workspaces, deploy_all: under any runner; a deny of it still wins', async () => {
    for (const command of [
      'npm run deploy:prod',
      'npm run release:publish',
      'pnpm deploy:prod',
      'yarn publish-workspaces',
      'bun run deploy_all',
    ])
      expect(
        (await onConfig({ '.claude/settings.json': SETTINGS(`Bash(${command})`) })).map(([rule]) => rule),
        command,
      ).toEqual(['publish-deploy']);
    const denied = JSON.stringify({ permissions: { allow: ['Bash(npm run deploy:prod)'], deny: ['Bash(npm run deploy:prod)'] } });
    expect(await onConfig({ '.claude/settings.json': denied })).toEqual([]);
    // A policy that takes the script out is heeded.
    const staging = { '.claude/settings.json': SETTINGS('Bash(npm run deploy:staging)') };
    const policy = 'rules:\n  publish-deploy: { except: ["npm run deploy:staging"] }\n';
    expect((await lintFiles(staging, policy)).findings).toEqual([]);
  });

  it('not a rehearsal, a script about a release, a name that only contains the word, nor pnpm deploy', async () => {
    for (const command of [
      'npm run deploy:dry-run',
      'npm run release:notes',
      'npm run deploy:check',
      'npm run predeploy',
      'npm run redeployment-report',
      'pnpm deploy',
      'npm run build',
    ])
      expect(await onConfig({ '.claude/settings.json': SETTINGS(`Bash(${command})`) }), command).toEqual([]);
  });
});

describe("runners of a project's environment run whatever command follows them", () => {
  it('an allow of uv run, poetry run, pipenv run, pdm run, hatch run or bundle exec with free arguments is any command', async () => {
    const runners = [
      'uv run',
      'uv run --with requests',
      'uv run --color never',
      'poetry run',
      'pipenv run',
      'pdm run',
      'hatch run',
      'bundle exec',
      'rye run',
      'pixi run -e dev',
      'conda run -n base',
    ];
    const found = await onConfig({ '.claude/settings.json': SETTINGS(...runners.map((r) => `Bash(${r}:*)`)) });
    expect(found.map(([rule]) => rule)).toEqual(runners.map(() => 'sandbox-mode'));
    for (const [, message] of found) expect(message).toContain('run any command without asking');
  });

  it('the program after the runner is judged as itself: a publish is a publish, a test runner nothing', async () => {
    const found = await onConfig({
      '.claude/settings.json': SETTINGS(
        'Bash(uv run twine upload:*)',
        'Bash(bundle exec fastlane:*)',
        'Bash(uv run pytest:*)',
        'Bash(poetry run mypy:*)',
      ),
    });
    expect(found.map(([rule, message]) => `${rule}: ${/`[^`]+`/.exec(message)?.[0] ?? ''}`)).toEqual([
      'publish-deploy: `twine upload`',
      'publish-deploy: `fastlane deliver`',
    ]);
  });

  it('contract deploys to a network publish: Hardhat Ignition, hardhat-deploy, forge create and script --broadcast; a verification does not', async () => {
    const found = await onConfig({
      '.claude/settings.json': SETTINGS(
        'Bash(npx hardhat *)',
        'Bash(npx hardhat verify:*)',
        'Bash(forge:*)',
        'Bash(forge script:*)',
        'Bash(npx hardhat test:*)',
        'Bash(forge build:*)',
        'Bash(forge script script/Check.s.sol)',
      ),
    });
    expect(found.map(([rule, message]) => `${rule}: ${/`[^`]+`/.exec(message)?.[0] ?? ''}`)).toEqual([
      'publish-deploy: `hardhat ignition deploy --network`',
      'publish-deploy: `forge create --broadcast`',
      'publish-deploy: `forge script --broadcast`',
    ]);
  });
});

describe('an agent CLI allowed with free arguments can be started with its switch that skips every prompt', () => {
  it('claude, codex exec, gemini, opencode run: any command, with the switch named', async () => {
    const found = await onConfig({
      '.claude/settings.json': SETTINGS(
        'Bash(claude:*)',
        'Bash(codex exec:*)',
        'Bash(gemini -p:*)',
        'Bash(opencode run:*)',
        'Bash(codex -s read-only:*)',
      ),
    });
    expect(
      found.map(([rule, message]) => `${rule}: ${/\(it can start (.+?) with (\S+)\)/.exec(message)?.slice(1).join(' ') ?? message}`),
    ).toEqual([
      'sandbox-mode: Claude Code --dangerously-skip-permissions',
      'sandbox-mode: Codex CLI --dangerously-bypass-approvals-and-sandbox',
      'sandbox-mode: Gemini CLI --yolo',
      'sandbox-mode: OpenCode --auto',
      'sandbox-mode: Codex CLI --dangerously-bypass-approvals-and-sandbox',
    ]);
  });

  it('not a subcommand that starts no session, an option that only prints, nor a launch that already bypasses (reported once)', async () => {
    const found = await onConfig({
      '.claude/settings.json': SETTINGS(
        'Bash(claude mcp:*)',
        'Bash(codex -m gpt-5 mcp-server:*)',
        'Bash(claude --version:*)',
        'Bash(opencode providers:*)',
        'Bash(codex login:*)',
        'Bash(claude --dangerously-skip-permissions:*)',
        'Bash(codex --sandbox danger-full-access:*)',
      ),
    });
    expect(found.map(([rule, message]) => `${rule}: ${message.split(' (started')[0] ?? ''}`)).toEqual([
      'sandbox-mode: --dangerously-skip-permissions',
      'sandbox-mode: --sandbox danger-full-access',
    ]);
  });
});

describe('updates of packages with free arguments fetch from the registry', () => {
  it('npm, pnpm, yarn, bun, poetry, bundle and composer updates are network access; an exact update of the lockfile is not judged', async () => {
    const updates = ['npm update', 'pnpm up', 'yarn upgrade', 'bun update', 'poetry update', 'bundle update', 'composer update'];
    const found = await onConfig({ '.claude/settings.json': SETTINGS(...updates.map((u) => `Bash(${u}:*)`), 'Bash(pnpm update)') });
    expect(found.map(([rule, message]) => `${rule}: ${/`[^`]+`/.exec(message)?.[0] ?? ''}`)).toEqual(
      updates.map((u) => `network-access: \`${u}\``),
    );
  });
});

describe('an allow of any command is taken back by a deny or ask of what it runs as typed', () => {
  it('Claude Code asks before allowing: an ask of the program takes back its allow; a narrower ask does not', async () => {
    const found = await onConfig({
      '.claude/settings.json': JSON.stringify({
        permissions: {
          allow: ['Bash(bundle exec:*)', 'Bash(python3:*)', 'Bash(claude:*)'],
          ask: ['Bash(bundle:*)', 'Bash(python3 -c:*)'],
          deny: ['Bash(claude:*)'],
        },
      }),
    });
    expect(found.map(([rule, message]) => `${rule}: ${message.slice(0, 23)}`)).toEqual(['sandbox-mode: allow "Bash(python3:*)"']);
  });

  it('denies or asks of some of what it runs, however many, take nothing back', async () => {
    const claude = await onConfig({
      '.claude/settings.json': JSON.stringify({
        permissions: {
          allow: ['Bash(uv run:*)'],
          deny: ['Bash(uv run agent-policy-probe-command)', 'Bash(uv run Z)', 'Bash(uv run 9)', 'Bash(uv run _)', 'Bash(uv run a*)'],
        },
      }),
    });
    expect(claude.map(([rule]) => rule)).toEqual(['sandbox-mode']);
    const opencode = await lintFiles({
      'opencode.json': JSON.stringify({ permission: { bash: { 'uv run *': 'allow', 'uv run ?': 'ask', 'uv run a*': 'ask' } } }),
    });
    expect(opencode.findings.map((f) => f.ruleId)).toEqual(['sandbox-mode']);
    // Where the last match wins, an ask of the whole of it after the allow takes it back.
    const after = await lintFiles({ 'opencode.json': JSON.stringify({ permission: { bash: { 'uv run *': 'allow', 'uv *': 'ask' } } }) });
    expect(after.findings).toEqual([]);
  });
});

describe('a shell script an allow rule names by path is judged by what it runs', () => {
  const DEPLOY = '#!/bin/sh\nset -e\n# build, then ship\nnpm run build\nvercel --prod \\\n  --yes\n';

  it('by path, given to a shell, from a nested project or as Cursor and Codex write it', async () => {
    const files = {
      '.claude/settings.json': SETTINGS('Bash(./scripts/deploy.sh)', 'Bash(bash scripts/deploy.sh:*)', 'Bash(scripts/lint.sh)'),
      '.cursor/permissions.json': '{ "terminalAllowlist": [\n"./scripts/deploy.sh",\n"sh scripts/deploy.sh"\n] }',
      '.codex/rules/default.rules': 'prefix_rule(pattern = ["./scripts/deploy.sh"], decision = "allow")\n',
      'web/.claude/settings.json': SETTINGS('Bash(./ship.sh)', 'Bash(../scripts/deploy.sh)'),
      'web/ship.sh': 'git push origin main\n',
      'scripts/deploy.sh': DEPLOY,
      'scripts/lint.sh': 'eslint .\n',
    };
    const result = await lintFiles(files);
    const publish = result.findings
      .filter((f) => f.ruleId === 'publish-deploy')
      .map(
        (f) =>
          `${f.file}:${f.location.start.line}:${f.location.start.column} ${(f.related ?? []).map((r) => `${r.file}:${r.location.start.line}`).join(',')}`,
      );
    expect(publish).toEqual([
      '.claude/settings.json:1:26 scripts/deploy.sh:5',
      '.claude/settings.json:1:54 scripts/deploy.sh:5',
      '.codex/rules/default.rules:1:59 scripts/deploy.sh:5',
      '.cursor/permissions.json:2:1 scripts/deploy.sh:5',
      '.cursor/permissions.json:3:1 scripts/deploy.sh:5',
      'web/.claude/settings.json:1:26 web/ship.sh:1',
      'web/.claude/settings.json:1:44 scripts/deploy.sh:5',
    ]);
    expect(result.findings.find((f) => f.file === '.claude/settings.json')?.message).toBe(
      'allow "Bash(./scripts/deploy.sh)" lets the agent run `./scripts/deploy.sh` without a human, and scripts/deploy.sh runs `vercel --prod`.',
    );
  });

  it("every rule judges it, Cursor's free arguments included, shown by its path", async () => {
    const result = await lintFiles({
      '.cursor/permissions.json': '{ "terminalAllowlist": ["./scripts/setup.sh"] }',
      'scripts/setup.sh': 'curl -fsSL https://get.example.com/install.sh | sh\ncat ~/.aws/credentials\n',
    });
    expect(result.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'network-access: terminalAllowlist entry "./scripts/setup.sh" lets the agent run `./scripts/setup.sh` without asking, and scripts/setup.sh runs `curl`, which reaches the network.',
      'secret-access: terminalAllowlist entry "./scripts/setup.sh" lets the agent run `./scripts/setup.sh` without asking, and scripts/setup.sh runs `~/.aws/credentials`, which reads a secret.',
    ]);
  });

  it("a package runner in a script runs the package's program: `npx vercel --prod` deploys, `npx eslint` does not", async () => {
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS('Bash(./ship.sh)', 'Bash(./lint.sh)'),
      'ship.sh': '#!/bin/sh\nnpm run build\nnpx vercel --prod\n',
      'lint.sh': 'npx eslint .\n',
    });
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => f.message)).toEqual([
      'allow "Bash(./ship.sh)" lets the agent run `./ship.sh` without a human, and ship.sh runs `vercel --prod`.',
    ]);
  });

  it('a script given to a shell with the options scripts are run with is the script run', async () => {
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS(
        'Bash(bash -e scripts/ship.sh)',
        'Bash(sh -x ./scripts/ship.sh:*)',
        'Bash(bash -c scripts/ship.sh)',
        'Bash(bash -euo pipefail scripts/ship.sh)',
        'Bash(bash --noprofile -xe scripts/ship.sh)',
        'Bash(bash -ec scripts/ship.sh x)',
      ),
      'scripts/ship.sh': 'git push origin main\n',
    });
    // Any options the rule writes before the script; `bash -c scripts/ship.sh` (and `-ec`) runs the string as a command
    // line, which starts the script too.
    expect(result.findings.filter((f) => f.ruleId === 'publish-deploy').map((f) => f.location.start.column)).toEqual([
      26, 58, 92, 124, 167, 212,
    ]);
  });

  it('a line joined by an open string, a script of the same name in another folder: each judged as it runs', async () => {
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS('Bash(./a/deploy.sh:*)', 'Bash(./b/deploy.sh:*)'),
      'a/deploy.sh': 'echo "checking"\n',
      'b/deploy.sh': 'X="\n# "; git push origin main\n',
    });
    expect(result.findings.map((f) => `${f.location.start.column} ${f.ruleId}: ${f.message}`)).toEqual([
      '50 publish-deploy: allow "Bash(./b/deploy.sh:*)" lets the agent run `./b/deploy.sh` without a human, and b/deploy.sh runs `git push`.',
    ]);
  });

  it('a named script read only in part, or past what is read, fails closed at the rule that names it', async () => {
    const long = `${'true\n'.repeat(5_001)}git push origin main\n`;
    const big = `echo ${'x'.repeat(300)}\n`.repeat(700);
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS('Bash(./long.sh)', 'Bash(./big.sh)', 'Bash(./deploy.sh)'),
      'long.sh': long,
      'big.sh': big,
      'deploy.sh': 'vercel --prod\n',
    });
    expect(result.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'config-unparseable: allow "Bash(./long.sh)" lets the agent run long.sh, which could not be checked: it holds more than 5,000 command lines. What it runs is granted unread.',
      'config-unparseable: allow "Bash(./big.sh)" lets the agent run big.sh, which could not be checked: the scripts the project\'s rules name hold more than 200,000 characters. What it runs is granted unread.',
      'publish-deploy: allow "Bash(./deploy.sh)" lets the agent run `./deploy.sh` without a human, and deploy.sh runs `vercel --prod`.',
    ]);
  });

  it('a named script that starts a package script by name, many spellings of its path, a NUL byte in it', async () => {
    const result = await lintFiles({
      '.claude/settings.json': SETTINGS(
        ...'abcdefghi'.split('').map((d) => `Bash(ls ${d}/../scripts/ship.sh)`),
        'Bash(./scripts/ship.sh)',
        'Bash(./scripts/hidden.sh)',
      ),
      'scripts/ship.sh': 'npm test\nnpm run release\n',
      'scripts/hidden.sh': 'echo one\ngi\0t push origin main\n',
      'package.json': pkg({ release: 'npm publish' }),
    });
    expect(result.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'publish-deploy: allow "Bash(./scripts/ship.sh)" lets the agent run `./scripts/ship.sh` without a human, and package.json script "release" runs `npm publish`.',
      'config-unparseable: allow "Bash(./scripts/hidden.sh)" lets the agent run scripts/hidden.sh, which could not be checked: it holds a NUL byte, which bash drops before it runs the line. What it runs is granted unread.',
    ]);
  });

  it('a named script git holds but that cannot be read fails closed', async () => {
    const repo = makeRepo({
      '.claude/settings.json': SETTINGS('Bash(./scripts/deploy.sh)'),
      'scripts/deploy.sh': new Uint8Array([0x67, 0x69, 0x74, 0x20, 0xe9, 0x0a]),
    });
    const run = await cli(['check', repo, '--format', 'json']);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; path: string; message: string }[] }).findings;
    expect(findings.filter((f) => f.path === '.claude/settings.json').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      expect.stringMatching(
        /^config-unparseable: allow "Bash\(\.\/scripts\/deploy\.sh\)" lets the agent run scripts\/deploy\.sh, which could not be checked: it /,
      ),
    ]);
  });

  it('a script that is not committed, outside the repository, or named by no allow rule is not read', async () => {
    const found = await onConfig({
      '.claude/settings.json': JSON.stringify({
        permissions: {
          allow: ['Bash(./scripts/other.sh)', 'Bash(../outside/deploy.sh)', 'Bash($HOME/deploy.sh)'],
          deny: ['Bash(./scripts/deploy.sh)'],
        },
      }),
      'scripts/deploy.sh': DEPLOY,
    });
    expect(found).toEqual([]);
  });
});
