import { describe, expect, it } from 'vitest';
import { namedPrompts } from '../src/adapters/index.js';
import { MAX_PROMPT_FILES } from '../src/adapters/scripts/prompt-files.js';
import { loadRepository, loadRepositoryAt } from '../src/io/repository.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

const ORDER = '# Task\n\nWhen the tests pass, push the branch yourself with `git push origin main`.\n';

/** `prompt <- launcher:line agent` for every prompt file the launchers among `files` hand over. */
const prompts = (files: Record<string, string>): string[] =>
  namedPrompts(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    () => Object.keys(files),
  ).files.map((p) => `${p.path} <- ${p.launcher}:${p.line} ${p.agent}`);

const workflow = (steps: string): string => `on: issues\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe('prompt files: what launchers hand an agent as its prompt is its guidance', () => {
  it('a file piped, redirected or substituted into a command line that starts an agent', () => {
    expect(prompts({ 'loop.sh': 'while :; do cat PROMPT.md | claude -p --max-turns 50; done\n', 'PROMPT.md': ORDER })).toEqual([
      'PROMPT.md <- loop.sh:1 claude-code',
    ]);
    expect(prompts({ 'ralph.sh': 'OUT=$(codex exec --full-auto - < "$SCRIPT_DIR/CODEX.md" 2>&1)\n', 'CODEX.md': ORDER })).toEqual([
      'CODEX.md <- ralph.sh:1 codex',
    ]);
    // Beside the script first when a variable stands before the name, else from the top; a variable quoted apart.
    expect(
      prompts({
        'scripts/ralph/ralph.sh': '#!/bin/bash\ncodex exec --yolo \\\n  "$(cat "$RALPH_DIR"/prompt.md)" \\\n  2>&1\n',
        'scripts/ralph/prompt.md': ORDER,
        'prompt.md': ORDER,
      }),
    ).toEqual(['scripts/ralph/prompt.md <- scripts/ralph/ralph.sh:2 codex']);
    expect(
      prompts({
        'agents/big/loop.sh': 'codex exec --sandbox danger-full-access "$(cat "$ROOT/agents/big/system.md")"\n',
        'agents/big/system.md': ORDER,
      }),
    ).toEqual(['agents/big/system.md <- agents/big/loop.sh:1 codex']);
    expect(
      prompts({
        '.github/workflows/docs.yml': workflow(
          '      - run: |\n          claude -p "$(cat .github/prompts/update-docs.md)" --allowedTools Edit\n',
        ),
        '.github/prompts/update-docs.md': ORDER,
      }),
    ).toEqual(['.github/prompts/update-docs.md <- .github/workflows/docs.yml:7 claude-code']);
  });

  it('a file a flag or an agent action input takes, and one a variable carries to the agent', () => {
    expect(prompts({ 'run.sh': 'claude -p "go" --append-system-prompt-file ./prompts/system.md\n', 'prompts/system.md': ORDER })).toEqual([
      'prompts/system.md <- run.sh:1 claude-code',
    ]);
    expect(
      prompts({
        '.github/workflows/review.yml': workflow(
          '      - uses: openai/codex-action@v1\n        with:\n          prompt-file: .github/codex/prompts/review.md\n',
        ),
        '.github/codex/prompts/review.md': ORDER,
      }),
    ).toEqual(['.github/codex/prompts/review.md <- .github/workflows/review.yml:8 codex']);
    expect(
      prompts({
        'menlo.sh': 'while :; do\n  prompt=$(cat PROMPT_BUILD.md)\n  prompt=${prompt//x/y}\n  copilot --yolo -p "$prompt"\ndone\n',
        'PROMPT_BUILD.md': ORDER,
      }),
    ).toEqual(['PROMPT_BUILD.md <- menlo.sh:2 copilot']);
    // A `sed` expression with the shell's operators in it, into a step's output that the agent action takes as its prompt.
    const fromStep = workflow(
      [
        '      - id: prompt',
        '        run: |',
        '          prompt=$(sed "s|{{N}}|$N|g; s|{{R}}|$R|g" .github/prompts/issue.md)',
        '          echo "content<<EOF" >> "$GITHUB_OUTPUT"',
        '          echo "$prompt" >> "$GITHUB_OUTPUT"',
        '          echo "EOF" >> "$GITHUB_OUTPUT"',
        '      - uses: anthropics/claude-code-action@v1',
        '        with:',
        '          prompt: ${{ steps.prompt.outputs.content }}',
        '',
      ].join('\n'),
    );
    expect(prompts({ '.github/workflows/issue.yml': fromStep, '.github/prompts/issue.md': ORDER })).toEqual([
      '.github/prompts/issue.md <- .github/workflows/issue.yml:8 claude-code',
    ]);
    // The same step when the action's prompt is its own text: the output goes elsewhere.
    expect(
      prompts({
        '.github/workflows/issue.yml': fromStep.replace('${{ steps.prompt.outputs.content }}', 'Fix the issue.'),
        '.github/prompts/issue.md': ORDER,
      }),
    ).toEqual([]);
    expect(
      prompts({
        '.github/workflows/fix.yml': workflow(
          '      - run: |\n          PROMPT=$(envsubst < ${{ github.workspace }}/.github/ci/fix.md)\n          timeout 60m codex exec \\\n            --json "$PROMPT"\n',
        ),
        '.github/ci/fix.md': ORDER,
      }),
    ).toEqual(['.github/ci/fix.md <- .github/workflows/fix.yml:7 codex']);
  });

  it('the shapes launchers write them in: make recipes, package scripts, output groups, lines that go on, long lines', () => {
    expect(prompts({ Makefile: 'review:\n\tclaude -p "$$(cat PROMPT.md)"\n', 'PROMPT.md': ORDER })).toEqual([
      'PROMPT.md <- Makefile:2 claude-code',
    ]);
    // npm runs the decoded string: JSON escapes hide nothing.
    for (const script of ['cat prompts\\/P.md | claude -p', 'cat prompts/P\\u002emd | claude -p'])
      expect(prompts({ 'package.json': `{"scripts":{"review":"${script}"}}`, 'prompts/P.md': ORDER }), script).toEqual([
        'prompts/P.md <- package.json:1 claude-code',
      ]);
    expect(prompts({ 'run.sh': 'cat -- PROMPT.md |\n  claude -p\n', 'PROMPT.md': ORDER })).toEqual(['PROMPT.md <- run.sh:1 claude-code']);
    expect(prompts({ 'run.sh': 'cat HEAD.md PROMPT.md | claude -p\n', 'HEAD.md': '# Head\n', 'PROMPT.md': ORDER })).toEqual([
      'HEAD.md <- run.sh:1 claude-code',
      'PROMPT.md <- run.sh:1 claude-code',
    ]);
    expect(prompts({ 'run.sh': `cat PROMPT.md | claude -p  # ${'a'.repeat(100_000)}\n`, 'PROMPT.md': ORDER })).toEqual([
      'PROMPT.md <- run.sh:1 claude-code',
    ]);
    const action =
      '      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: |\n            Repository: ${{ github.repository }}\n            ${{ steps.p.outputs.prompt }}\n';
    for (const run of [
      '          P=$(cat .github/prompts/review.md)\n          {\n            echo "prompt<<EOF"\n            echo "$P"\n            echo "EOF"\n          } >> "$GITHUB_OUTPUT"\n',
      '          echo "prompt<<EOF" >> "$GITHUB_OUTPUT"\n          cat .github/prompts/review.md >> "$GITHUB_OUTPUT"\n          echo "EOF" >> "$GITHUB_OUTPUT"\n',
    ])
      expect(
        prompts({
          '.github/workflows/r.yml': workflow(`      - id: p\n        run: |\n${run}${action}`),
          '.github/prompts/review.md': ORDER,
        }),
        run,
      ).toHaveLength(1);
  });

  it('the pipeline around the read is the one that must start the agent; what its own command says decides stdin', () => {
    const one = (launcher: string, name = 'PROMPT.md'): string[] => prompts({ 'run.sh': `${launcher}\n`, [name]: ORDER });
    for (const launcher of [
      'command -v claude >/dev/null && cat PROMPT.md | claude -p',
      'claude --version && cat PROMPT.md | claude -p',
      'cat PROMPT.md |& claude -p',
      'cat PROMPT.md | claude -p --allowedTools "Read Edit Write"',
      'cat PROMPT.md | codex exec --config "model = o3 mini" -',
      'cat PROMPT.md | claude -p 2> "claude errors.log"',
      'cat PROMPT.md | claude -p | tee "run output.log"',
      'cat PROMPT.md | claude -p # "a note on the run"',
      // A file named as a prompt is the instructions whatever task the command gives.
      'cat PROMPT.md | claude -p "Follow these instructions exactly"',
      // No task in words: a redirection, an empty string, a variable that may be empty, a dot.
      'cat PROMPT.md | claude -p 2>&1',
      'cat PROMPT.md | claude -p 2>/dev/null ""',
      'cat PROMPT.md | claude -p "$EXTRA" .',
      // Separators inside substitutions, groups and escapes belong to them.
      '(cat PROMPT.md; echo) | claude -p',
      '{ echo Task; cat PROMPT.md; } | claude -p',
      'claude -p "$(true; cat PROMPT.md)"',
      'cat PROMPT.md | tr -d \\; | claude -p',
      // An agent's name in a message starts nothing.
      "echo 'Context for Claude:' | cat - PROMPT.md | claude -p",
    ])
      expect(one(launcher), launcher).toEqual([
        'PROMPT.md <- run.sh:1 claude-code'.replace('claude-code', launcher.includes('codex') ? 'codex' : 'claude-code'),
      ]);
    // Data for a task the command gives in words, after its switches too; a file merely named like a system's is data.
    for (const [launcher, name] of [
      ['cat CHANGELOG.md | claude -p "Summarise:"', 'CHANGELOG.md'],
      ['codex exec --full-auto "Review the release notes" < CHANGELOG.md', 'CHANGELOG.md'],
      ['claude -p --verbose "Summarise the design" < docs/deployment-system.md', 'docs/deployment-system.md'],
      ['gemini -p "Summarise the notes" < notes.md', 'notes.md'],
    ] as const)
      expect(one(launcher, name), launcher).toEqual([]);
    // Options that take a value are not the task: the model, a profile.
    expect(one('cat CHANGELOG.md | gemini -m gemini-2.5-pro', 'CHANGELOG.md')).toEqual(['CHANGELOG.md <- run.sh:1 gemini-cli']);
    expect(one('codex exec -p fast - < CHANGELOG.md', 'CHANGELOG.md')).toEqual(['CHANGELOG.md <- run.sh:1 codex']);
    // A brace that is an argument is no group; a comment's backslash continues nothing; a substitution says no task; an
    // option the agent's vocabulary does not know may take the word after it.
    for (const launcher of [
      'echo { ; cat docs/review.md | claude -p',
      '# step (1 \\\ncat docs/review.md | claude -p',
      'cat docs/review.md | claude -p "$(true)"',
      'cat docs/review.md | claude -p --betas "interleaved thinking"',
      `cat docs/review.md | claude -p "\${${'${'.repeat(100_000)}"`,
    ])
      expect(one(launcher, 'docs/review.md'), launcher.slice(0, 60)).toEqual([
        'docs/review.md <- run.sh:' + (launcher.startsWith('#') ? '2' : '1') + ' claude-code',
      ]);
    // A variable the launcher sets to words is a task in words.
    expect(one('TASK="Summarise the release notes"\ncat CHANGELOG.md | claude -p "$TASK"', 'CHANGELOG.md')).toEqual([]);
    // Many reads on one line are read once each.
    expect(one(`claude -p $X ${'<a.md '.repeat(50_000)}< PROMPT.md`)).toEqual(['PROMPT.md <- run.sh:1 claude-code']);
  });

  it("a workflow's output reaches the agent only under the name its prompt reads", () => {
    const steps = (write: string): string =>
      workflow(
        `      - id: p\n        run: |\n${write}      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: \${{ steps.p.outputs.prompt }}\n`,
      );
    const files = { '.github/prompts/review.md': ORDER, 'CHANGELOG.md': ORDER };
    expect(
      prompts({
        ...files,
        '.github/workflows/r.yml': steps(
          '          N=$(cat CHANGELOG.md)\n          echo "notes<<EOF" >> "$GITHUB_OUTPUT"\n          echo "$N" >> "$GITHUB_OUTPUT"\n          echo "EOF" >> "$GITHUB_OUTPUT"\n          cat CHANGELOG.md > release.txt\n',
        ),
      }),
    ).toEqual([]);
    expect(
      prompts({
        ...files,
        '.github/workflows/r.yml': steps('          P=$(cat .github/prompts/review.md)\n          echo "prompt=$P" >> "$GITHUB_ENV"\n'),
      }),
    ).toEqual(['.github/prompts/review.md <- .github/workflows/r.yml:8 claude-code']);
    // GitHub's random delimiter, a name in another case.
    expect(
      prompts({
        ...files,
        '.github/workflows/r.yml': steps(
          '          EOF=$(openssl rand -hex 8)\n          echo "PROMPT<<$EOF" >> "$GITHUB_OUTPUT"\n          cat .github/prompts/review.md >> "$GITHUB_OUTPUT"\n          echo "$EOF" >> "$GITHUB_OUTPUT"\n',
        ),
      }),
    ).toEqual(['.github/prompts/review.md <- .github/workflows/r.yml:10 claude-code']);
    // An expression with a default is the whole value.
    expect(
      prompts({
        ...files,
        '.github/workflows/r.yml': steps(
          '          P=$(cat .github/prompts/review.md)\n          echo "prompt=$P" >> "$GITHUB_ENV"\n',
        ).replace('${{ steps.p.outputs.prompt }}', "${{ steps.p.outputs.prompt || '' }}"),
      }),
    ).toEqual(['.github/prompts/review.md <- .github/workflows/r.yml:8 claude-code']);
    // A value quoted inside a longer prompt is context.
    expect(
      prompts({
        ...files,
        '.github/workflows/r.yml': steps(
          '          echo "prompt<<EOF" >> "$GITHUB_OUTPUT"\n          cat CHANGELOG.md >> "$GITHUB_OUTPUT"\n          echo "EOF" >> "$GITHUB_OUTPUT"\n',
        ).replace('prompt: ${{ steps.p.outputs.prompt }}', 'prompt: "Review the changes listed here: ${{ steps.p.outputs.prompt }}"'),
      }),
    ).toEqual([]);
  });

  it('not a file read into a longer text, one no agent is handed, or one outside the committed files', () => {
    const none = (files: Record<string, string>): void => expect(prompts(files), JSON.stringify(files)).toEqual([]);
    none({ 'run.sh': 'claude -p "Summarize the docs: $(cat docs/api.md)"\n', 'docs/api.md': ORDER });
    none({ 'run.sh': 'cat CHANGELOG.md\nclaude -p "Write the release notes."\n', 'CHANGELOG.md': ORDER });
    none({ 'run.sh': 'BODY=$(cat body.md)\ngh pr create --body "$BODY"\nclaude -p "Review."\n', 'body.md': ORDER });
    none({ 'run.sh': 'cat PROMPT.md | claude -p\n' });
    none({ 'run.sh': 'cat /etc/PROMPT.md | claude -p\ncat ../../PROMPT.md | claude -p\n', 'PROMPT.md': ORDER });
    none({ 'run.sh': 'cat "${PHASE_DIR}"/*-PLAN.md | claude -p\ncat agent${n}.md | claude -p\n', 'agent1.md': ORDER });
    none({ '.github/workflows/a.yml': workflow('      - run: cat "$RUNNER_TEMP/p.md" | claude -p\n'), 'p.md': ORDER });
    // A file that is no launcher: a README showing the loop.
    none({ 'README.md': 'cat PROMPT.md | claude -p\n', 'PROMPT.md': ORDER });
    // Data for an agent given its task in words; files other commands of the line read or write.
    none({ 'notes.sh': 'cat CHANGELOG.md | claude -p "Summarise these release notes in three bullets"\n', 'CHANGELOG.md': ORDER });
    none({ 'ja.sh': 'claude -p "Translate the following README into Japanese" < README.md > README.ja.md\n', 'README.md': ORDER });
    none({ 'v.sh': 'sed -i "s/UNRELEASED/$V/" CHANGELOG.md && claude -p "Write a tweet about $V"\n', 'CHANGELOG.md': ORDER });
    none({ 'n.sh': 'claude -p "Write release notes" > NOTES.md; cat NOTES.md\n', 'NOTES.md': ORDER });
    none({
      'pr.sh': 'BODY=$(cat .github/pull_request_template.md)\nclaude -p "Fix the failing test" && gh pr create --body "$BODY"\n',
      '.github/pull_request_template.md': ORDER,
    });
  });

  it('every launcher that hands a file over is said, within a bound', () => {
    expect(prompts({ 'a.sh': 'cat P.md | claude -p\n', 'b.sh': 'codex exec - < P.md\n', 'P.md': ORDER })).toEqual([
      'P.md <- a.sh:1 claude-code',
      'P.md <- b.sh:1 codex',
    ]);
    const many: Record<string, string> = {};
    for (let i = 0; i < MAX_PROMPT_FILES + 20; i++) {
      many[`l${i}.sh`] = `cat p${i}.md | claude -p\n`;
      many[`p${i}.md`] = ORDER;
    }
    expect(prompts(many)).toHaveLength(MAX_PROMPT_FILES);
  });

  it('launchers that hand over more than are read fail closed, through the command line too', async () => {
    const files: Record<string, string> = {
      'a.sh': Array.from({ length: MAX_PROMPT_FILES }, (_, i) => `claude -p "$(cat prompts/p${i}.md)"`).join('\n'),
      'z.sh': 'cat PROMPT.md | claude -p\n',
      'PROMPT.md': ORDER,
    };
    for (let i = 0; i < MAX_PROMPT_FILES; i++) files[`prompts/p${i}.md`] = '# Summarise the code.\n';
    const run = await cli(['check', makeRepo(files), '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as { findings: { path: string; line: number; ruleId: string }[] };
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['z.sh:1 config-unparseable']);
  });

  it('launchers that hand over more than are read fail closed at the line where counting stopped', async () => {
    // Launchers are read in path order: a.sh hands over as many files as are read, and z.sh's is one too many.
    const files: Record<string, string> = {
      'a.sh': Array.from({ length: MAX_PROMPT_FILES }, (_, i) => `claude -p "$(cat prompts/p${i}.md)"`).join('\n'),
      'z.sh': 'cat PROMPT.md | claude -p\n',
      'PROMPT.md': ORDER,
    };
    for (let i = 0; i < MAX_PROMPT_FILES; i++) files[`prompts/p${i}.md`] = '# Summarise the code.\n';
    const result = await lintFiles(files);
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line} ${f.ruleId}`)).toEqual(['z.sh:1 config-unparseable']);
  });

  it('is read as guidance to the agent it is handed to, from the work tree and at a revision', async () => {
    const result = await lintFiles({ 'loop.sh': 'cat PROMPT.md | claude -p\n', 'PROMPT.md': ORDER });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line} ${f.ruleId} ${f.agent}`)).toEqual([
      'PROMPT.md:3 publish-deploy claude-code',
    ]);
    const dir = makeRepo({ 'scripts/loop.sh': 'cat scripts/PROMPT.md | claude -p\n', 'scripts/PROMPT.md': ORDER, 'README.md': '# x\n' });
    expect((await loadRepository(dir)).files.map((f) => f.path).sort()).toEqual(['scripts/PROMPT.md', 'scripts/loop.sh']);
    const at = loadRepositoryAt(dir, 'HEAD');
    expect(at.ok && at.files.paths).toEqual(['scripts/PROMPT.md', 'scripts/loop.sh']);
    const run = await cli(['check', dir, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; agent: string }[];
      findings: { path: string; line: number; ruleId: string }[];
    };
    expect(report.files).toContainEqual({ path: 'scripts/PROMPT.md', agent: 'claude-code' });
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['scripts/PROMPT.md:3 publish-deploy']);
  });
});
