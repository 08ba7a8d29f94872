import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksActor, eventsRequired, isModelCredential, isModelVariable, secretsIn } from '../src/adapters/ci/expressions.js';
import { ciAdapter } from '../src/adapters/ci/index.js';
import { fileText, textPlace } from '../src/adapters/shared/text-place.js';
import { spanInText } from '../src/core/posture.js';
import { toPostureMatrix } from '../src/report/posture-matrix.js';
import { parseYamlText } from '../src/sources/yaml.js';
import { expectedFindings } from './helpers/labels.js';
import { renderMarkdownOutputs } from './helpers/outputs.js';
import { lintFiles, located } from './helpers/repo.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Labelled workflows and composite actions: every label and nothing else. */
const LABELLED: [string, string][] = [
  ['ci/review.yml', '.github/workflows/review.yml'],
  ['ci/nightly.yml', '.github/workflows/nightly.yaml'],
  ['ci/gated.yml', '.github/workflows/claude.yml'],
  ['ci/default-token.yml', '.github/workflows/docs.yml'],
  ['ci/shells.yml', '.github/workflows/shells.yml'],
  ['ci/fork-target.yml', '.github/workflows/triage.yml'],
  ['ci/release.yml', '.github/workflows/release.yml'],
  ['ci/action/action.yml', '.github/actions/fix/action.yml'],
  ['ci/action/node-action.yml', 'action.yml'],
  ['ci/plain.yml', '.github/workflows/ci.yml'],
  ['ci/actions/copilot-setup-steps.yml', '.github/workflows/copilot-setup-steps.yml'],
];

describe('workflows that start agents: labelled fixtures', () => {
  for (const [name, path] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      const result = await lintFiles({ [path]: text });
      expect(located(result).sort()).toEqual(expectedFindings(text));
    });
  }
});

/** Real workflows (sources and reasons in fixtures/ci/real-runs/README.md), with the findings read in each. */
const REAL: [string, string[]][] = [
  ['erk-pr-address.yml', ['33:publish-deploy', '38:secret-access', '76:secret-access', '83:sandbox-mode']],
  ['codex-github-app.yml', ['188:sandbox-mode', '41:secret-access', '47:secret-access']],
  ['ralph-codex.yml', []],
  ['ralph-codex-review.yml', []],
  ['miden-claude.yml', []],
  ['erk-code-reviews.yml', []],
];

describe('real workflows', () => {
  for (const [name, expected] of REAL) {
    it(name, async () => {
      const path = `.github/workflows/${name}`;
      const result = await lintFiles({ [path]: fixture(`ci/real-runs/${name}`) });
      expect(located(result).sort()).toEqual([...expected].sort());
    });
  }
});

describe('which workflows count', () => {
  it('a workflow that starts no agent is neither parsed nor counted, even when it is not valid YAML', async () => {
    const result = await lintFiles({
      '.github/workflows/ci.yml': fixture('ci/plain.yml'),
      '.github/workflows/broken.yml': 'jobs: [unclosed\n',
    });
    expect(result.files).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(ciAdapter.admits!({ path: '.github/workflows/broken.yml', text: 'jobs: [unclosed\n' })).toBe(false);
  });

  it('one that names an agent but starts none is parsed and not counted', async () => {
    const result = await lintFiles({ '.github/workflows/shells.yml': fixture('ci/shells.yml') });
    expect(result.files).toEqual([]);
    expect(result.postures).toEqual([]);
  });

  it('one that names an agent and cannot be parsed is reported', async () => {
    const result = await lintFiles({ '.github/workflows/agent.yml': 'jobs:\n  a: [claude -p "x"\n' });
    expect(result.files.map((f) => f.agent)).toEqual(['ci']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['config-unparseable']);
  });

  it("a dev container's runCmd is read as the step's script, and only that action's", async () => {
    const step = (uses: string) =>
      `on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          imageName: ghcr.io/o/dev\n          runCmd: |\n            claude --print \\\n              --dangerously-skip-permissions \\\n              "Fix the tests"\n`;
    const found = await lintFiles({ '.github/workflows/agent.yml': step('devcontainers/ci@v0.3') });
    expect(
      found.findings.filter((f) => f.ruleId === 'sandbox-mode').map((f) => `${f.location.start.line}:${f.location.start.column}`),
    ).toEqual(['11:15']);
    // The input in any case, as the runner passes it; a project script it runs by name, as from a `run:`.
    const cased = await lintFiles({ '.github/workflows/agent.yml': step('devcontainers/ci@v0.3').replace('runCmd', 'RUNCMD') });
    expect(cased.findings.filter((f) => f.ruleId === 'sandbox-mode')).toHaveLength(1);
    const script = await lintFiles({
      'package.json': '{ "scripts": { "agent": "claude -p fix --dangerously-skip-permissions" } }\n',
      '.github/workflows/agent.yml':
        'on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: devcontainers/ci@v0.3\n        with:\n          runCmd: npm run agent\n',
    });
    expect(script.findings.filter((f) => f.ruleId === 'sandbox-mode').map((f) => f.file)).toEqual(['package.json']);
    const other = await lintFiles({ '.github/workflows/agent.yml': step('someone/else@v1') });
    expect(other.findings.filter((f) => f.ruleId === 'sandbox-mode')).toEqual([]);
  });

  it("a step's script is read with its own variables expanded, each flag placed where its value is written", async () => {
    const script = (lines: string) =>
      `name: x\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: |\n${lines
        .split('\n')
        .map((l) => `        ${l}`)
        .join('\n')}\n`;
    const at = async (lines: string) =>
      (await lintFiles({ 'action.yml': script(lines) })).findings
        .filter((f) => f.ruleId === 'sandbox-mode')
        .map((f) => `${f.location.start.line}:${f.location.start.column}`);
    expect(await at('ARGS=(exec --color never)\nARGS+=(--yolo)\ncodex "${ARGS[@]}" "$PROMPT"')).toEqual(['8:16']);
    expect(await at('FLAGS="--dangerously-skip-permissions"\nclaude -p $FLAGS "fix"')).toEqual(['7:16']);
    expect(await at('FLAGS="--model x"\nclaude -p $FLAGS "fix"')).toEqual([]);
    // A command line kept in a variable and run by `eval`, as in a script file.
    expect(await at('LAUNCH="claude -p --dangerously-skip-permissions x"\neval "$LAUNCH"')).toEqual(['7:27']);
  });

  it('a double-quoted step script is read past its escapes, a lone carriage return a character of its line', async () => {
    const result = await lintFiles({
      '.github/workflows/a.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "printf \'a\\rb\'\\nF=--dangerously-skip-permissions\\nclaude -p $F x"\n',
    });
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.start.line}:${f.location.start.column}`)).toEqual(['sandbox-mode 6:32']);
  });

  it("a reusable workflow's expansions are read in full whoever calls it first", async () => {
    const lines = [
      ...Array.from({ length: 16 }, (_, i) => `A=${String(i).padStart(4, '0')}${'a'.repeat(996)}`),
      ...Array.from({ length: 16 }, (_, i) => `B=b${i}`),
      ...Array.from({ length: 9 }, () => `echo${' $A'.repeat(16)}`),
      ...[3000, 1000, 300, 100, 30, 10].map((n) => `echo $B ${'c'.repeat(n)}`),
    ];
    const called = [
      'on:\n  workflow_call:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |',
      ...lines.map((l) => `          ${l}`),
      '      - run: |\n          F=--dangerously-skip-permissions\n          claude -p $F x\n',
    ].join('\n');
    const caller = '# uses claude\non: push\njobs:\n  a:\n    uses: ./.github/workflows/b.yml\n';
    const flags = async (files: Record<string, string>) =>
      (await lintFiles(files)).findings.filter((f) => f.ruleId === 'sandbox-mode').map((f) => `${f.file}:${f.location.start.line}`);
    expect(await flags({ '.github/workflows/b.yml': called })).toEqual(['.github/workflows/b.yml:56']);
    expect(await flags({ '.github/workflows/a.yml': caller, '.github/workflows/b.yml': called })).toEqual(['.github/workflows/b.yml:56']);
  });

  it('only workflows under .github/workflows and action.yml files are read', () => {
    for (const path of ['.github/workflows/a.yml', '.github/workflows/b.yaml', 'action.yml', 'tools/x/action.yaml'])
      expect(ciAdapter.matches(path), path).toBe(true);
    for (const path of ['.github/dependabot.yml', 'workflows/a.yml', '.github/workflows/a.json', 'actions.yml'])
      expect(ciAdapter.matches(path), path).toBe(false);
  });
});

describe('expressions', () => {
  it('conditions that check who caused the event, and those that do not', () => {
    for (const gate of [
      'contains(fromJSON(\'["OWNER","MEMBER"]\'), github.event.comment.author_association)',
      "github.actor == 'octocat'",
      "'octocat' == github.triggering_actor",
      'contains(fromJSON(\'["a","b"]\'), github.actor)',
      'github.event.pull_request.head.repo.full_name == github.repository',
      "github.event.comment.user.login == 'maintainer'",
    ])
      expect(checksActor(gate), gate).toBe(true);
    for (const open of [
      "github.actor != 'dependabot[bot]'",
      "contains(github.event.comment.body, '@claude')",
      "github.event_name == 'issue_comment' && startsWith(github.event.comment.body, '/codex')",
      'always()',
      // A label is no check of who: an issue template adds it to anyone's issue, and on other events it is empty.
      "github.event.action == 'labeled' && github.event.label.name == 'ai-fix'",
      "contains('ai-triage', github.event.label.name)",
    ])
      expect(checksActor(open), open).toBe(false);
  });

  it('the events a condition requires by name, joined to the rest by && alone', () => {
    const events = (condition: unknown): string[] | undefined => {
      const found = eventsRequired(condition);
      return found === undefined ? undefined : [...found];
    };
    expect(events("github.event_name == 'pull_request' && github.event.action == 'labeled'")).toEqual(['pull_request']);
    expect(events("${{ 'issues' == github.event_name && (github.event.action == 'opened') }}")).toEqual(['issues']);
    expect(events("github.event_name == 'issues' && github.event_name == 'pull_request'")).toEqual([]);
    // Strings compare without case.
    expect(events("github.event_name == 'Issues'")).toEqual(['issues']);
    for (const open of [
      "github.event_name == 'pull_request' || github.event.action == 'opened'",
      "!(github.event_name == 'pull_request')",
      "github.event_name != 'issues'",
      "(github.event_name == 'pull_request' || true)",
      "github.event_name == 'pull_request' && contains(github.event.comment.body, 'a || b",
      "github.event_name == 'pull_request' && ${{ true }}",
      "${{ github.event_name == 'pull_request' }} && ${{ true }}",
      "${{ github.event_name == 'pull_request' }}\n",
      " ${{ github.event_name == 'pull_request' }}",
      "contains(github.event.comment.body, '@claude')",
      42,
    ])
      expect(events(open), String(open)).toBeUndefined();
  });

  it('a job whose condition requires an event by name is not started by the others', async () => {
    const workflow = (condition: string): string =>
      [
        'on:',
        '  issues:',
        '  pull_request:',
        'permissions:',
        '  contents: write',
        'jobs:',
        '  review:',
        `    if: ${condition}`,
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: claude -p "review" --allowedTools Read',
        '        env:',
        '          GH_TOKEN: ${{ secrets.RELEASE_TOKEN }}',
      ].join('\n');
    const triggers = async (condition: string): Promise<string[]> =>
      (await lintFiles({ '.github/workflows/review.yml': workflow(condition) })).findings
        .filter((f) => f.message.includes(' starts job'))
        .map((f) => f.message.replace(/ starts job.*/, ''));
    expect(await triggers("github.event_name == 'pull_request' && github.event.action == 'labeled'")).toEqual([]);
    expect(await triggers("github.event_name == 'issues' || github.event.action == 'labeled'")).not.toEqual([]);
    expect(await triggers("github.event_name == 'ISSUES' && github.event.action == 'opened'")).not.toEqual([]);
  });

  it('secrets an expression reads', () => {
    expect(secretsIn('${{ secrets.NPM_TOKEN }}')).toEqual(['NPM_TOKEN']);
    expect(secretsIn("Bearer ${{ secrets['API-KEY'] }} ${{ github.token }}")).toEqual(['API-KEY', 'GITHUB_TOKEN']);
    expect(secretsIn('secrets.NOT_AN_EXPRESSION')).toEqual([]);
    expect(secretsIn('${{ inputs.token }}')).toEqual([]);
  });
  it("the model's own key and endpoint are what the run needs; other secrets are not", () => {
    for (const name of [
      'ANTHROPIC_API_KEY',
      'CLAUDE_CODE_OAUTH_TOKEN',
      'OPENAI_BASE_URL',
      'ANTHROPIC_BASE_URL',
      'AZURE_OPENAI_ENDPOINT',
      'GOOGLE_GEMINI_BASE_URL',
    ])
      expect(isModelCredential(name), name).toBe(true);
    for (const name of ['NPM_TOKEN', 'DATABASE_URL', 'GITHUB_TOKEN', 'VERCEL_TOKEN', 'OPENAI_ORG_SECRET'])
      expect(isModelCredential(name), name).toBe(false);
    // An endpoint variable that holds another secret hands the agent that secret.
    expect(isModelVariable('OPENAI_BASE_URL', ['OPENAI_BASE_URL'])).toBe(true);
    expect(isModelVariable('OPENAI_BASE_URL', ['NPM_TOKEN'])).toBe(false);
    expect(isModelVariable('ANTHROPIC_API_KEY', ['CLAUDE_KEY'])).toBe(true);
    // The whole secrets context, read by a function or an index built at run time, is every secret.
    expect(secretsIn('${{ toJSON(secrets) }}')).toEqual(['*']);
    expect(secretsIn("${{ secrets[format('NPM_{0}', 'TOKEN')] }}")).toEqual(['*']);
    expect(secretsIn("${{ secrets['NPM_TOKEN'] }} ${{ 'the secrets' }}")).toEqual(['NPM_TOKEN']);
    // Read as the runner reads them: in any letter case, to the `}}` outside a string; another value named secrets is not
    // the context.
    expect(secretsIn("${{ contains('}}', 'x') && secrets.AWS_KEY }}")).toEqual(['AWS_KEY']);
    expect(secretsIn('${{ SECRETS.NPM_TOKEN }} ${{ GITHUB.token }}')).toEqual(['NPM_TOKEN', 'GITHUB_TOKEN']);
    expect(secretsIn('${{ inputs.secrets }} ${{ steps.x.outputs.secrets }} ${{ matrix.secrets-file }}')).toEqual([]);
    // A model's variable holds its key; the whole context or two secrets under that name are more than a key.
    expect(isModelVariable('ANTHROPIC_API_KEY', ['*'])).toBe(false);
    expect(isModelVariable('OPENAI_API_KEY', ['ANTHROPIC_API_KEY', 'DEPLOY_KEY'])).toBe(false);
    // The model a run uses, kept among the secrets, is not a key; a key kept under a model's name still is.
    for (const name of ['ANTHROPIC_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'CLAUDE_CODE_SUBAGENT_MODEL', 'GEMINI_MODEL'])
      expect(isModelVariable(name, [name]), name).toBe(true);
    expect(isModelVariable('ANTHROPIC_MODEL', ['ANTHROPIC_API_KEY'])).toBe(false);
    expect(isModelVariable('DEPLOY_MODEL', ['DEPLOY_MODEL'])).toBe(false);
  });
});

describe('postures and the matrix', () => {
  it('one posture per step that starts an agent, with its agent and place; job facts once per job', async () => {
    const result = await lintFiles({ '.github/workflows/nightly.yml': fixture('ci/nightly.yml') });
    expect(result.postures.map((p) => [p.agent, p.unit])).toEqual([
      ['codex', 'workflow "Nightly fixes" job "fix" step "2"'],
      ['codex', 'workflow "Nightly fixes" job "fix" step "Try everything"'],
    ]);
    expect(result.postures.map((p) => p.facts.filter((f) => f.kind === 'ci-token').length)).toEqual([1, 0]);
    const rows = toPostureMatrix(result);
    expect(rows.map((r) => [r.unit, r.sandbox, r.publishDeploy])).toEqual([
      ['workflow "Nightly fixes" job "fix" step "2"', 'workspace-write', '1 auto-allowed'],
      ['workflow "Nightly fixes" job "fix" step "Try everything"', 'bypassed', '—'],
    ]);
  });

  it('a mode in which a model approves changes who approves, not the sandbox', async () => {
    const text =
      'on: push\npermissions: {}\njobs:\n  j:\n    steps:\n      - run: claude -p x --permission-mode auto\n      - run: claude -p x --permission-mode bypassPermissions\n';
    const rows = toPostureMatrix(await lintFiles({ '.github/workflows/w.yml': text }));
    expect(rows.map((r) => [r.sandbox, r.approval])).toEqual([
      ['default', 'model reviews'],
      ['bypassed', 'bypassed'],
    ]);
  });

  it('the job summary shows a row per agent step, the workflow name escaped', async () => {
    const text = 'name: "a | *b*"\non: push\npermissions: {}\njobs:\n  j:\n    steps:\n      - run: codex exec --yolo x\n';
    const { summary } = renderMarkdownOutputs(await lintFiles({ '.github/workflows/w.yml': text }));
    const row = summary!.split('\n').find((l) => l.startsWith('| `.github/workflows/w.yml`'));
    expect(row).toBe(
      '| `.github/workflows/w.yml` workflow "a \\| \\*b\\*" job "j" step "1" | codex | bypassed | bypassed | — | — | — | — |',
    );
  });

  it('a workflow-level key shared by two jobs is reported once', async () => {
    const text = [
      'on: issue_comment',
      'permissions: write-all',
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: claude -p "a"',
      '  b:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: claude -p "b"',
      '',
    ].join('\n');
    const result = await lintFiles({ '.github/workflows/two.yml': text });
    // The token once (at `permissions`), the untrusted event once per job.
    expect(located(result)).toEqual(['1:publish-deploy', '1:publish-deploy', '2:publish-deploy']);
  });
});

/** The 1-based line and column where `needle` starts in `text`. */
function where(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('places inside YAML scalars', () => {
  const SCRIPTS: [string, string][] = [
    ['literal block', 'run: |\n  npm ci\n  claude -p "x" \\\n    --dangerously-skip-permissions\n'],
    ['literal block, keep', 'run: |+\n  claude -p "x" --dangerously-skip-permissions\n\n'],
    ['folded block', 'run: >-\n  claude -p "x"\n  --dangerously-skip-permissions\n'],
    ['folded block with a blank line', 'run: >\n  echo hi\n\n  claude -p "x"\n    --dangerously-skip-permissions\n'],
    ['plain', 'run: claude -p x --dangerously-skip-permissions # a comment\n'],
    ['plain over lines', 'run: claude -p x\n  --dangerously-skip-permissions\n'],
    ['double-quoted', 'run: "claude -p x --dangerously-skip-permissions"\n'],
    ['flow mapping', 'steps: [{ run: claude -p x --dangerously-skip-permissions, shell: bash }]\n'],
  ];
  for (const [name, text] of SCRIPTS) {
    it(name, () => {
      const parsed = parseYamlText(text);
      if (!parsed.ok) throw new Error('fixture does not parse');
      const path = name === 'flow mapping' ? ['steps', 0, 'run'] : ['run'];
      let value: unknown = parsed.value;
      for (const key of path) value = (value as Record<string | number, unknown>)[key];
      const run = value as string;
      const place = textPlace(fileText(text, true), parsed.locator.locate(path, 'value'), run);
      expect(place, name).toBeDefined();
      const flag = run.indexOf('--dangerously');
      const span = spanInText(place!, flag, flag + '--dangerously-skip-permissions'.length);
      expect(`${span.start.line}:${span.start.column}`).toBe(where(text, '--dangerously'));
      const claude = run.indexOf('claude');
      const start = spanInText(place!, claude, claude + 6).start;
      expect(`${start.line}:${start.column}`).toBe(where(text, 'claude'));
    });
  }

  it('a value the text does not spell is not placed (the key is the place)', () => {
    const text = 'run: |2\n    claude -p x\n';
    const parsed = parseYamlText(text);
    if (!parsed.ok) throw new Error('fixture does not parse');
    expect(textPlace(fileText(text, true), parsed.locator.locate(['run'], 'value'), 'something else')).toBeUndefined();
    expect(textPlace(fileText(text, true), parsed.locator.locate(['run'], 'value'), '  claude -p x\n')).toBeUndefined();
    // Without the YAML reading, plain and block scalars are not placed (JSON and TOML files).
    const plain = 'run: claude -p x\n';
    const p = parseYamlText(plain);
    if (!p.ok) throw new Error('fixture does not parse');
    expect(textPlace(fileText(plain), p.locator.locate(['run'], 'value'), 'claude -p x')).toBeUndefined();
  });

  it('a finding in a workflow points inside the script', async () => {
    const text = fixture('ci/review.yml');
    const result = await lintFiles({ '.github/workflows/review.yml': text });
    const bypass = result.findings.find((f) => f.ruleId === 'sandbox-mode')!;
    expect(`${bypass.location.start.line}:${bypass.location.start.column}`).toBe(where(text, '--dangerously-skip-permissions'));
  });
});

describe("an agent step's prompt is guidance the agent follows unattended", () => {
  const job = (uses: string, prompt: string[]): string =>
    [
      'on: issue_comment',
      'permissions: {}',
      'jobs:',
      '  fix:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: ${uses}`,
      '        with:',
      ...prompt,
    ].join('\n') + '\n';

  it("read at its lines, for the step's agent, in each vendor's input", async () => {
    const block = ['          prompt: |', '            Fix the issue.', '            When done, run `git push origin main`.'];
    for (const [uses, agent] of [
      ['anthropics/claude-code-action@v1', 'claude-code'],
      ['google-github-actions/run-gemini-cli@v0', 'gemini-cli'],
      ['openai/codex-action@v1', 'codex'],
    ] as const) {
      const result = await lintFiles({ '.github/workflows/fix.yml': job(uses, block) });
      const push = result.findings.filter((f) => f.keyPath[0] === 'guidance');
      expect(
        push.map((f) => [f.ruleId, f.location.start.line, f.agent]),
        uses,
      ).toEqual([['publish-deploy', 11, agent]]);
    }
  });

  it("claude-code-action's earlier inputs too; a prompt that hands the push to a human is not a finding", async () => {
    const direct = job('anthropics/claude-code-action@beta', ['          direct_prompt: "Deploy with `vercel --prod` when tests pass."']);
    const found = (await lintFiles({ '.github/workflows/fix.yml': direct })).findings.filter((f) => f.keyPath[0] === 'guidance');
    expect(found.map((f) => [f.ruleId, f.location.start.line])).toEqual([['publish-deploy', 9]]);
    const handOff = job('anthropics/claude-code-action@v1', ['          prompt: Review the diff. Never push; a maintainer merges.']);
    expect((await lintFiles({ '.github/workflows/fix.yml': handOff })).findings.filter((f) => f.keyPath[0] === 'guidance')).toEqual([]);
  });

  it('a prompt an alias repeats in many steps is read once, and never more text than the file holds', async () => {
    const steps = ['      - uses: anthropics/claude-code-action@v1', '        with:'];
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      ...steps,
      '          prompt: &p "Release with `npm publish` when done."',
      ...Array.from({ length: 40 }, () => [...steps, '          prompt: *p']).flat(),
    ].join('\n');
    const result = await lintFiles({ '.github/workflows/a.yml': `${text}\n` });
    const push = result.findings.filter((f) => f.keyPath[0] === 'guidance');
    expect(push.map((f) => [f.ruleId, f.location.start.line])).toEqual([['publish-deploy', 8]]);
  });

  it('read once, however many callers read the step', async () => {
    const called = [
      'on:',
      '  workflow_call:',
      'jobs:',
      '  fix:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      '          prompt: Commit and run `git push` when done.',
    ].join('\n');
    const caller = (name: string): string => `on: push\njobs:\n  ${name}:\n    uses: ./.github/workflows/agent.yml\n`;
    const result = await lintFiles({
      '.github/workflows/agent.yml': `${called}\n`,
      '.github/workflows/a.yml': caller('a'),
      '.github/workflows/b.yml': caller('b'),
    });
    const push = result.findings.filter((f) => f.keyPath[0] === 'guidance');
    expect(push.map((f) => [f.file, f.location.start.line])).toEqual([['.github/workflows/agent.yml', 9]]);
  });
});

describe('hostile workflows', () => {
  it('thousands of agent steps and expressions in scripts stay linear and exact', async () => {
    const steps = Array.from(
      { length: 1000 },
      (_, i) =>
        `      - run: |\n          claude -p "\${{ github.event.comment.body }} ${i}" \\\n            --dangerously-skip-permissions\n`,
    ).join('');
    const text = `on: issue_comment\npermissions: write-all\njobs:\n  a:\n    steps:\n${steps}`;
    const started = performance.now();
    const result = await lintFiles({ '.github/workflows/many.yml': text });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.postures).toHaveLength(1000);
    const bypass = result.findings.filter((f) => f.ruleId === 'sandbox-mode');
    expect(bypass).toHaveLength(1000);
    expect(bypass[999]!.location.start).toEqual({ line: 5 + 999 * 3 + 3, column: 13 });
  });
});

describe("a workflow is read when it names a vendor's agent action", () => {
  it('run-gemini-cli, whose agent name sits inside a word, as much as the others', () => {
    for (const uses of ['google-github-actions/run-gemini-cli@v0', 'anthropics/claude-code-action@v1', 'openai/codex-action@v1'])
      expect(ciAdapter.admits!({ path: '.github/workflows/a.yml', text: `jobs:\n  a:\n    steps:\n      - uses: ${uses}\n` }), uses).toBe(
        true,
      );
    expect(
      ciAdapter.admits!({ path: '.github/workflows/a.yml', text: 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n' }),
    ).toBe(false);
  });
});

describe('a workflow that hands the agent the whole secrets context', () => {
  it('is every secret in its environment, named as such', async () => {
    const workflow = (value: string) =>
      `on: workflow_dispatch\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: claude -p "Fix the tests."\n        env:\n          ALL: ${value}\n`;
    for (const value of ['${{ toJSON(secrets) }}', "${{ secrets[format('NPM_{0}', 'TOKEN')] }}"]) {
      const result = await lintFiles({ '.github/workflows/a.yml': workflow(value) });
      const found = result.findings.filter((f) => f.ruleId === 'secret-access');
      expect(
        found.map((f) => [f.level, f.location.start.line]),
        value,
      ).toEqual([['error', 9]]);
      expect(found[0]!.message).toContain("puts every secret (the whole `secrets` context) in the environment of the agent's commands");
    }
  });

  it("under the name of a model key in the agent's environment, is still every secret", async () => {
    const step = `on: workflow_dispatch\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: claude -p "Fix the tests."\n        env:\n          ANTHROPIC_API_KEY: \${{ toJSON(secrets) }}\n`;
    const result = await lintFiles({ '.github/workflows/a.yml': step });
    expect(result.findings.filter((f) => f.ruleId === 'secret-access').map((f) => f.location.start.line)).toEqual([9]);
  });
});
