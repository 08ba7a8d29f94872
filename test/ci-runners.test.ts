import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers/repo.js';

const pkg = (scripts: Record<string, string>): string => `${JSON.stringify({ scripts }, null, 2)}\n`;
const AGENT = 'claude -p "review" --dangerously-skip-permissions';
/** A workflow anyone can start by a comment, with a write token, whose step runs `run` (and `extra` job keys). */
const JOB = (run: string, extra = ''): string =>
  `name: Agent\non:\n  issue_comment:\npermissions:\n  contents: write\njobs:\n  agent:\n    runs-on: ubuntu-latest\n${extra}    steps:\n      - uses: actions/checkout@v4\n      - name: Run\n        run: ${run}\n`;
const IN_WEB = '    defaults:\n      run:\n        working-directory: web\n';

/** `file:line:rule` of each finding, with its related locations as `file:line`. */
async function found(files: Record<string, string>): Promise<[string, string[]][]> {
  const result = await lintFiles(files);
  return result.findings.map((f) => [
    `${f.file}:${f.location.start.line}:${f.ruleId}`,
    (f.related ?? []).map((r) => `${r.file}:${r.location.start.line}`),
  ]);
}

/** `file:line:rule` of the findings on scripts that a workflow step starting `run` links to. */
async function linked(run: string, files: Record<string, string>): Promise<string[]> {
  const lines = await found({ '.github/workflows/agent.yml': JOB(run), ...files });
  return lines.filter(([, related]) => related[0]?.startsWith('.github/')).map(([f]) => f);
}

describe('project scripts a workflow step runs by name', () => {
  it("the agent a script starts is judged at the script's line, the job around the step on the workflow, each naming the other", async () => {
    const files = {
      '.github/workflows/agent.yml': JOB('npm run review', IN_WEB),
      'web/package.json': pkg({ review: AGENT, build: 'tsc' }),
    };
    expect(await found(files)).toEqual([
      ['.github/workflows/agent.yml:3:publish-deploy', ['web/package.json:3']],
      ['.github/workflows/agent.yml:5:publish-deploy', ['web/package.json:3']],
      ['web/package.json:3:sandbox-mode', ['.github/workflows/agent.yml:15']],
    ]);
    const result = await lintFiles(files);
    expect(result.findings.find((f) => f.file === 'web/package.json')!.message).toContain(
      '(package.json script "review", run by workflow "Agent" job "agent" step "Run")',
    );
  });

  it('every runner: npm, pnpm, yarn and bun scripts, make and gmake targets, just recipes, Taskfile tasks', async () => {
    const cases: [string, string, string][] = [
      ['npm run-script review', 'package.json', pkg({ review: AGENT })],
      ['pnpm review', 'package.json', pkg({ review: AGENT })],
      ['pnpm run review', 'package.json', pkg({ review: AGENT })],
      ['yarn review', 'package.json', pkg({ review: AGENT })],
      ['yarn run review -- --fast', 'package.json', pkg({ review: AGENT })],
      ['bun run review', 'package.json', pkg({ review: AGENT })],
      ['bun review', 'package.json', pkg({ review: AGENT })],
      ['make review', 'Makefile', `review:\n\t${AGENT}\n`],
      ['just review', 'justfile', `review:\n    ${AGENT}\n`],
      ['task review', 'Taskfile.yml', `version: '3'\ntasks:\n  review:\n    cmds:\n      - ${AGENT}\n`],
    ];
    for (const [run, file, text] of cases) {
      const lines = await found({ '.github/workflows/agent.yml': JOB(run), [file]: text });
      const line = text.split('\n').findIndex((l) => l.includes('claude')) + 1;
      expect(lines, run).toContainEqual([`${file}:${line}:sandbox-mode`, ['.github/workflows/agent.yml:12']]);
      expect(lines.filter(([f]) => f.startsWith('.github/')).length, run).toBe(2);
    }
  });

  it('a script that starts the agent through another is followed three levels deep, not four', async () => {
    const scripts = pkg({ a: 'npm run b', b: 'npm run c', c: AGENT, d: 'npm run a' });
    const run = async (script: string): Promise<string[]> =>
      (await found({ '.github/workflows/agent.yml': JOB(`npm run ${script}`), 'package.json': scripts })).map(([f]) => f);
    expect(await run('a')).toEqual([
      '.github/workflows/agent.yml:3:publish-deploy',
      '.github/workflows/agent.yml:5:publish-deploy',
      'package.json:5:sandbox-mode',
    ]);
    // `d` starts the agent four levels down: the step is reported as not fully checked.
    expect(await run('d')).toEqual(['.github/workflows/agent.yml:12:config-unparseable', 'package.json:5:sandbox-mode']);
  });

  it('a workflow whose scripts and targets start no agent gives nothing and is not counted', async () => {
    const files = {
      '.github/workflows/ci.yml': JOB('npm run build && make test && npm test'),
      'package.json': pkg({ build: 'tsc', test: 'vitest run' }),
      Makefile: 'test:\n\tgo test ./...\n',
    };
    const result = await lintFiles(files);
    expect(result.findings).toEqual([]);
    expect(result.files).toEqual([]);
    // An agent script the workflow does not run is the scripts' own finding, with no workflow around it.
    const other = await found({ ...files, 'package.json': pkg({ build: 'tsc', test: 'vitest run', review: AGENT }) });
    expect(other).toEqual([['package.json:5:sandbox-mode', []]]);
  });

  it('at most 200 agent commands of scripts are followed from one workflow, and the step past them is not passed', async () => {
    const names = Array.from({ length: 205 }, (_, i) => `s${i}`);
    const scripts = pkg(Object.fromEntries(names.map((n) => [n, AGENT])));
    const result = await lintFiles({
      '.github/workflows/agent.yml': JOB(names.map((n) => `npm run ${n}`).join(' && ')),
      'package.json': scripts,
    });
    const onScripts = result.findings.filter((f) => f.file === 'package.json');
    expect(onScripts).toHaveLength(205);
    expect(onScripts.filter((f) => f.related?.length === 1)).toHaveLength(200);
    const unchecked = result.findings.filter((f) => f.ruleId === 'config-unparseable');
    expect(unchecked.map((f) => `${f.file}:${f.location.start.line}:${f.level}`)).toEqual(['.github/workflows/agent.yml:12:error']);
    expect(unchecked[0]!.message).toContain('not fully checked');
  });

  it("a decoy workflow's 200 links leave another workflow's links whole", async () => {
    const names = Array.from({ length: 200 }, (_, i) => `s${i}`);
    const lines = await found({
      '.github/workflows/a.yml': JOB(names.map((n) => `npm run ${n}`).join(' && ')),
      '.github/workflows/z.yml': JOB('npm run review'),
      'package.json': pkg({ ...Object.fromEntries(names.map((n) => [n, AGENT])), review: 'claude -p r --dangerously-skip-permissions' }),
    });
    expect(lines).toContainEqual(['package.json:203:sandbox-mode', ['.github/workflows/z.yml:12']]);
    expect(lines.filter(([f]) => f.startsWith('.github/workflows/z.yml')).length).toBe(2);
  });

  it('a script past the scripts read (2,000 fillers before it) is reported on the step, not passed', async () => {
    const fillers = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`f${i}`, 'true']));
    const lines = await found({ '.github/workflows/agent.yml': JOB('npm run review'), 'package.json': pkg({ ...fillers, review: AGENT }) });
    expect(lines.map(([f]) => f)).toContain('.github/workflows/agent.yml:12:config-unparseable');
  });

  it('scripts of thousands of commands are read within bounds', { timeout: 15_000 }, async () => {
    const agents = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`a${i}`, `claude -p x${i}`]));
    const long = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${i}`, Array(10_000).fill('x').join(';')]));
    const started = Date.now();
    const lines = await found({
      '.github/workflows/agent.yml': JOB('npm run review'),
      'package.json': pkg({ ...agents, ...long, review: AGENT }),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines.map(([f]) => f)).toContain('.github/workflows/agent.yml:12:config-unparseable');
  });

  it("each runner's own file is read when names compete: package.json exactly, GNU make's and Task's order", async () => {
    const make = (agent: string): string => `review:\n\t${agent}\n`;
    const task = (agent: string): string => `version: '3'\ntasks:\n  review:\n    cmds:\n      - ${agent}\n`;
    const cases: [string, Record<string, string>, string][] = [
      ['npm run review', { 'PACKAGE.JSON': pkg({ review: 'true' }), 'package.json': pkg({ review: AGENT }) }, 'package.json:3'],
      ['make review', { Makefile: make('true'), makefile: make(AGENT) }, 'makefile:2'],
      ['make review', { GNUmakefile: make(AGENT), makefile: make('true') }, 'GNUmakefile:2'],
      ['task review', { 'Taskfile.dist.yml': task('true'), 'Taskfile.yml': task(AGENT) }, 'Taskfile.yml:5'],
      ['task review', { 'Taskfile.dist.yml': task(AGENT), 'taskfile.yaml': task('true') }, ''],
      ['just review', { '.justfile': `review:\n    true\n`, Justfile: `review:\n    ${AGENT}\n` }, 'Justfile:2'],
    ];
    for (const [run, files, site] of cases) {
      expect(await linked(run, files), `${run} ${Object.keys(files).join(' ')}`).toEqual(site === '' ? [] : [`${site}:sandbox-mode`]);
    }
  });

  it('runner options, npm aliases and installs, corepack, a cd, folder options and default targets are followed', async () => {
    const task = `version: '3'\ntasks:\n  default:\n    cmds:\n      - ${AGENT}\n`;
    const cases: [string, Record<string, string>, string][] = [
      ['npm run -s review', { 'package.json': pkg({ review: AGENT }) }, 'package.json:3'],
      ['npm -s run review --if-present', { 'package.json': pkg({ review: AGENT }) }, 'package.json:3'],
      ['npm rum review', { 'package.json': pkg({ review: AGENT }) }, 'package.json:3'],
      ['npm t', { 'package.json': pkg({ test: AGENT }) }, 'package.json:3'],
      ['npm restart', { 'package.json': pkg({ start: AGENT }) }, 'package.json:3'],
      ['npm ci', { 'package.json': pkg({ postinstall: AGENT }) }, 'package.json:3'],
      ['npm install', { 'package.json': pkg({ prepare: AGENT }) }, 'package.json:3'],
      ['corepack pnpm review', { 'package.json': pkg({ review: AGENT }) }, 'package.json:3'],
      ['cd tools && npm run review', { 'tools/package.json': pkg({ review: AGENT }) }, 'tools/package.json:3'],
      ['npm --prefix tools run review', { 'tools/package.json': pkg({ review: AGENT }) }, 'tools/package.json:3'],
      ['pnpm -C tools review', { 'tools/package.json': pkg({ review: AGENT }) }, 'tools/package.json:3'],
      ['make -C tools review', { 'tools/Makefile': `review:\n\t${AGENT}\n` }, 'tools/Makefile:2'],
      ['make', { Makefile: `review:\n\t${AGENT}\nother:\n\ttrue\n` }, 'Makefile:2'],
      ['just', { justfile: `review:\n    ${AGENT}\n` }, 'justfile:2'],
      ['just', { justfile: `set shell := ["bash", "-c"]\nreview:\n    ${AGENT}\ndefault:\n    true\n` }, 'justfile:3'],
      ['task', { 'Taskfile.yml': task }, 'Taskfile.yml:5'],
      ['cd .. && npm run review', { 'package.json': pkg({ review: AGENT }) }, ''],
      ['npm --prefix ../x run review', { 'package.json': pkg({ review: AGENT }) }, ''],
    ];
    for (const [run, files, site] of cases) {
      expect(await linked(run, files), run).toEqual(site === '' ? [] : [`${site}:sandbox-mode`]);
    }
    const root = await found({
      '.github/workflows/agent.yml': JOB('npm run review', IN_WEB.replace('web', 'tools/..')),
      'package.json': pkg({ review: AGENT }),
    });
    expect(root).toContainEqual(['package.json:3:sandbox-mode', ['.github/workflows/agent.yml:15']]);
  });

  it('targets a target runs first are followed: make prerequisites, just dependencies, Task deps and task commands', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['make deploy', { Makefile: `deploy: build review\n\techo done\nbuild:\n\ttrue\nreview:\n\t${AGENT}\n` }, 'Makefile:6'],
      ['make deploy', { Makefile: `deploy: | review\nreview:\n\t${AGENT}\n` }, 'Makefile:3'],
      ['make deploy', { Makefile: `deploy:: review # then ship\n\ttrue\nreview:\n\t${AGENT}\n` }, 'Makefile:4'],
      // make's default is the first target, recipe or none.
      ['make', { Makefile: `all: review\nother:\n\ttrue\nreview:\n\t${AGENT}\n` }, 'Makefile:5'],
      ['just ship', { justfile: `ship: build (review "x")\n    true\nbuild:\n    true\nreview arg:\n    ${AGENT}\n` }, 'justfile:6'],
      ['just ship', { justfile: `ship: && review\n    true\nreview:\n    ${AGENT}\n` }, 'justfile:4'],
      [
        'task ship',
        {
          'Taskfile.yml': `version: '3'\ntasks:\n  ship:\n    deps: [build, {task: review}]\n  build: true\n  review:\n    cmds:\n      - ${AGENT}\n`,
        },
        'Taskfile.yml:8',
      ],
      [
        'task ship',
        { 'Taskfile.yml': `version: '3'\ntasks:\n  ship:\n    cmds:\n      - task: review\n  review:\n    cmds:\n      - ${AGENT}\n` },
        'Taskfile.yml:8',
      ],
      // A prerequisite that is a file, a variable or another file's target leads nowhere.
      ['make deploy', { Makefile: `deploy: review.txt $(REVIEW) ../review\n\ttrue\nreview:\n\t${AGENT}\n` }, ''],
      ['make build', { Makefile: `deploy: review\nbuild:\n\ttrue\nreview:\n\t${AGENT}\n` }, ''],
    ];
    for (const [run, files, site] of cases) {
      expect(await linked(run, files), `${run}: ${Object.values(files).join('')}`).toEqual(site === '' ? [] : [`${site}:sandbox-mode`]);
    }
  });

  it('tasks of included Taskfiles are run by namespace, alias, flattened or nested; an include not read leaves the step unchecked', async () => {
    const review = `version: '3'\ntasks:\n  ship:\n    deps: [review]\n  review:\n    cmds:\n      - ${AGENT}\n`;
    const root = (includes: string): string => `version: '3'\nincludes:\n${includes}tasks:\n  build: true\n`;
    const wild = `version: '3'\ntasks:\n  'start:*':\n    cmds:\n      - echo starting\n      - ${AGENT}\n`;
    const aliased = `version: '3'\ntasks:\n  review:\n    aliases: [r, rv]\n    cmds:\n      - ${AGENT}\n`;
    const cases: [string, Record<string, string>, string][] = [
      ['task docs:review', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': review }, 'docs/Taskfile.yml:7'],
      [
        'task docs:review',
        { 'Taskfile.yml': root('  docs:\n    taskfile: ./docs/Taskfile.yml\n'), 'docs/Taskfile.yml': review },
        'docs/Taskfile.yml:7',
      ],
      [
        'task d:review',
        { 'Taskfile.yml': root('  docs:\n    taskfile: docs\n    aliases: [d]\n'), 'docs/Taskfile.yml': review },
        'docs/Taskfile.yml:7',
      ],
      [
        'task review',
        { 'Taskfile.yml': root('  docs:\n    taskfile: ./docs\n    flatten: true\n'), 'docs/Taskfile.yml': review },
        'docs/Taskfile.yml:7',
      ],
      // A task's deps inside an included Taskfile name its own tasks.
      ['task docs:ship', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': review }, 'docs/Taskfile.yml:7'],
      // `task <namespace>` runs the included Taskfile's default task.
      [
        'task docs',
        {
          'Taskfile.yml': root('  docs: ./docs\n'),
          'docs/Taskfile.yml': `version: '3'\ntasks:\n  default:\n    cmds:\n      - ${AGENT}\n`,
        },
        'docs/Taskfile.yml:5',
      ],
      [
        'task docs:tools:review',
        {
          'Taskfile.yml': root('  docs: ./docs\n'),
          'docs/Taskfile.yml': `version: '3'\nincludes:\n  tools: ../tools\n`,
          // A loop of includes ends.
          'tools/Taskfile.yml': review.replace("'3'\n", "'3'\nincludes:\n  up: ../docs\n"),
        },
        'tools/Taskfile.yml:9',
      ],
      // A task's own aliases, in the root and in an included Taskfile; ":" names a task from the root.
      ['task r', { 'Taskfile.yml': aliased }, 'Taskfile.yml:6'],
      ['task :r', { 'Taskfile.yml': aliased }, 'Taskfile.yml:6'],
      ['task docs:r', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': aliased }, 'docs/Taskfile.yml:6'],
      ['task :docs:review', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': review }, 'docs/Taskfile.yml:7'],
      // An included Taskfile's task that runs a root task by ":" and its name.
      [
        'task docs:ship',
        {
          'Taskfile.yml': `version: '3'\nincludes:\n  docs: ./docs\ntasks:\n  review:\n    cmds:\n      - ${AGENT}\n`,
          'docs/Taskfile.yml': `version: '3'\ntasks:\n  ship:\n    cmds:\n      - task: :review\n  review: true\n`,
        },
        'Taskfile.yml:7',
      ],
      [
        'task docs:ship',
        {
          'Taskfile.yml': `version: '3'\nincludes:\n  docs: ./docs\ntasks:\n  review:\n    cmds:\n      - ${AGENT}\n`,
          'docs/Taskfile.yml': `version: '3'\ntasks:\n  ship:\n    cmds:\n      - task: review\n  review: true\n`,
        },
        '',
      ],
      // Wildcard task names: a name defined outright comes first; through an include too.
      ['task start:api', { 'Taskfile.yml': wild }, 'Taskfile.yml:6'],
      ['task start:api', { 'Taskfile.yml': wild.replace('tasks:\n', 'tasks:\n  start:api: true\n') }, ''],
      ['task stop:api', { 'Taskfile.yml': wild }, ''],
      ['task docs:start:web', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': wild }, 'docs/Taskfile.yml:6'],
      // The included tasks are not the root's: without the namespace nothing runs them.
      ['task review', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': review }, ''],
      ['task s', { 'Taskfile.yml': aliased }, ''],
      ['task build', { 'Taskfile.yml': root('  docs: ./docs\n'), 'docs/Taskfile.yml': review }, ''],
    ];
    for (const [run, files, site] of cases) {
      expect(await linked(run, files), `${run}: ${JSON.stringify(files)}`).toEqual(site === '' ? [] : [`${site}:sandbox-mode`]);
    }
    // A Taskfile it includes that is not read (outside the repository, from a variable or a URL): a task no read
    // Taskfile defines is reported as not fully checked, a known one is not.
    for (const include of ['../shared', '"{{.DIR}}/tasks"', 'https://example.com/Taskfile.yml', 'https:/example.com/Taskfile.yml']) {
      // A committed file named like the URL is not what Task fetches; the agent may be in the file not read only.
      const files = {
        'Taskfile.yml': root(`  ext: ${include}\n`),
        'https:/example.com/Taskfile.yml': "version: '3'\ntasks:\n  deploy: true\n",
      };
      const unknown = await lintFiles({ '.github/workflows/agent.yml': JOB('task ext:deploy'), ...files });
      expect(unknown.findings.map((f) => f.message).join('\n'), include).toContain(
        'Taskfile.yml: it includes "ext" from a file that is not read',
      );
      const known = await lintFiles({ '.github/workflows/agent.yml': JOB('task build'), ...files });
      expect(known.findings.map((f) => f.message).join('\n'), include).not.toContain('not fully checked');
    }
  });

  it(
    "targets of the makefiles a Makefile includes are make's own: by path, glob, nested, as prerequisites; an include not read leaves the step unchecked",
    { timeout: 15_000 },
    async () => {
      const agentMk = `review:\n\t${AGENT}\n`;
      const cases: [string, Record<string, string>, string][] = [
        ['make review', { Makefile: 'include mk/agent.mk\nall:\n\ttrue\n', 'mk/agent.mk': agentMk }, 'mk/agent.mk:2'],
        ['make review', { Makefile: '-include mk/other.mk mk/agent.mk # parts\n', 'mk/agent.mk': agentMk }, 'mk/agent.mk:2'],
        ['make review', { Makefile: 'sinclude ./mk/agent.mk\n', 'mk/agent.mk': agentMk }, 'mk/agent.mk:2'],
        ['make review', { Makefile: 'include mk/*.mk\n', 'mk/agent.mk': agentMk, 'mk/base.mk': 'x:\n\ttrue\n' }, 'mk/agent.mk:2'],
        // A nested include is looked for from the folder make runs in; a loop of includes ends.
        [
          'make review',
          { Makefile: 'include mk/base.mk\n', 'mk/base.mk': 'include mk/agent.make\n', 'mk/agent.make': `include mk/base.mk\n${agentMk}` },
          'mk/agent.make:3',
        ],
        ['make deploy', { Makefile: 'include mk/agent.mk\ndeploy: review\n\ttrue\n', 'mk/agent.mk': agentMk }, 'mk/agent.mk:2'],
        // An assignment to a variable named include is not an include.
        ['make review', { Makefile: 'include = mk/agent.mk\nall:\n\ttrue\n', 'mk/agent.mk': agentMk }, ''],
        // Outside a rule a tab starts no recipe: make reads the include (and `!` in a glob is a plain character to it).
        ['make review', { Makefile: 'X = 1\n\tinclude mk/agent.mk\n', 'mk/agent.mk': agentMk }, 'mk/agent.mk:2'],
        ['make review', { Makefile: 'include !*.mk\n', '!agent.mk': agentMk }, '!agent.mk:2'],
      ];
      for (const [run, files, site] of cases) {
        expect(await linked(run, files), `${run}: ${JSON.stringify(files)}`).toEqual(site === '' ? [] : [`${site}:sandbox-mode`]);
      }
      // An include that is not read (a variable, a file not committed or of another name, outside the repository):
      // a target no read makefile defines is reported as not fully checked, a known one is not.
      for (const include of ['$(DEPS)', '.env', 'Makefile.common', '../common.mk', 'mk/*.d']) {
        // The agent may be in the file not read only: the workflow is read all the same.
        const files = { Makefile: `-include ${include}\nall:\n\ttrue\n` };
        const unknown = await lintFiles({ '.github/workflows/agent.yml': JOB('make deploy'), ...files });
        expect(unknown.findings.map((f) => f.message).join('\n'), include).toContain(
          `Makefile: it includes "${include}", which is not read`,
        );
        const known = await lintFiles({ '.github/workflows/agent.yml': JOB('make all'), ...files });
        expect(known.findings.map((f) => f.message).join('\n'), include).not.toContain('not fully checked');
      }
      // An include a rule remakes is not what is committed.
      const remade = {
        Makefile: 'include mk/agent.mk\nmk/agent.mk: FORCE\n\tcp tools/agent.txt $@\nFORCE:\nall:\n\ttrue\n',
        'mk/agent.mk': 'lint:\n\ttrue\n',
      };
      const remadeResult = await lintFiles({ '.github/workflows/agent.yml': JOB('make review'), ...remade });
      expect(remadeResult.findings.map((f) => f.message).join('\n')).toContain('which a rule remakes before make reads it');
      // A glob of nested extended syntax is not matched (it would backtrack on a long name): the include is not read.
      const crafted = { Makefile: 'include +(a)+(a)+(a)+(a)+(a)+(a)+(a)+(a)b*.mk\nall:\n\ttrue\n', [`${'a'.repeat(100)}.mk`]: agentMk };
      const extglob = await lintFiles({ '.github/workflows/agent.yml': JOB('make review'), ...crafted });
      expect(extglob.findings.map((f) => f.message).join('\n')).toContain('Makefile: it includes "+(a)+(a)');
      // An included makefile of more than 5,000 targets is read in part: a step that runs one past the bounds is not passed.
      const targets = `${Array.from({ length: 126_000 }, (_, i) => `t${i}`).join(' ')}:\n\ttrue\n${agentMk}`;
      const cut = await lintFiles({ '.github/workflows/agent.yml': JOB('make review'), Makefile: 'include a.mk\n', 'a.mk': targets });
      expect(cut.findings.map((f) => f.message).join('\n')).toContain('not fully checked (a.mk target "review"');
      const many = `include ${Array.from({ length: 300_000 }, (_, i) => `p${i}.mk`).join(' ')}\nall:\n\ttrue\n`;
      const bounded = await lintFiles({ '.github/workflows/agent.yml': JOB('make deploy'), Makefile: many, 'mk/agent.mk': agentMk });
      expect(bounded.findings.map((f) => f.message).join('\n')).toContain('Makefile: it includes more than 100 files');
    },
  );

  it(
    'Taskfile includes are followed within bounds: many aliases at each of many levels, and more than five levels',
    { timeout: 15_000 },
    async () => {
      const aliases = `[${Array.from({ length: 1_000 }, (_, i) => `a${i}`).join(', ')}]`;
      const level = (next: string): string => `version: '3'\nincludes:\n  n:\n    taskfile: ${next}\n    aliases: ${aliases}\n`;
      const files: Record<string, string> = { 'Taskfile.yml': level('./l1') };
      for (let i = 1; i <= 7; i++) files[`l${i}/Taskfile.yml`] = level(`../l${i + 1}`);
      files['l8/Taskfile.yml'] = `version: '3'\ntasks:\n  review:\n    cmds:\n      - ${AGENT}\n`;
      const result = await lintFiles({ '.github/workflows/agent.yml': JOB('task n:n:n:n:n:n:n:n:review'), ...files });
      expect(result.findings.map((f) => f.message).join('\n')).toContain('its includes go deeper than 5 Taskfiles');
      // One Taskfile of 10,000 tasks included ten times under 19 aliases each: the names made are bounded.
      const big = `version: '3'\ntasks:\n${Array.from({ length: 10_000 }, (_, i) => `  t${i}: true\n`).join('')}  review:\n    cmds:\n      - ${AGENT}\n`;
      const includes = Array.from(
        { length: 10 },
        (_, i) => `  n${i}:\n    taskfile: ./big\n    aliases: [${Array.from({ length: 19 }, (_, k) => `a${i}x${k}`).join(', ')}]\n`,
      ).join('');
      const wide = await lintFiles({
        '.github/workflows/agent.yml': JOB('task n9:review'),
        'Taskfile.yml': `version: '3'\nincludes:\n${includes}`,
        'big/Taskfile.yml': big,
      });
      expect(wide.findings.map((f) => f.message).join('\n')).toContain('not fully checked');
    },
  );

  it('workspace options are followed into the workspaces they select, by path, by name or all, and not the root', async () => {
    const named = (name: string, scripts: Record<string, string>): string => `${JSON.stringify({ name, scripts }, null, 2)}\n`;
    const root = (workspaces: unknown): string => `${JSON.stringify({ workspaces, scripts: { review: 'echo root' } }, null, 2)}\n`;
    const declared = {
      'packages/web/package.json': named('@acme/web', { review: AGENT }),
      'packages/docs/package.json': named('@acme/docs', { review: 'echo docs' }),
      'tools/bot/package.json': named('bot', { triage: AGENT }),
    };
    const repo = { 'package.json': root(['packages/*', 'tools/bot']), ...declared };
    const cases: [string, string[]][] = [
      ['npm run review -w packages/web', ['packages/web/package.json:4']],
      ['npm run review --workspace=@acme/web', ['packages/web/package.json:4']],
      ['npm -w packages run review', ['packages/web/package.json:4']],
      ['npm run review --workspaces', ['packages/web/package.json:4']],
      ['npm run review -ws --include-workspace-root', ['packages/web/package.json:4']],
      ['npm run review -w @acme/docs', []],
      ['pnpm --filter @acme/web review', ['packages/web/package.json:4']],
      ['pnpm --filter "@acme/*" run review', ['packages/web/package.json:4']],
      ['pnpm --filter ./packages/web... review', ['packages/web/package.json:4']],
      ['pnpm -r review', ['packages/web/package.json:4']],
      ['pnpm -r --filter @acme/docs review', []],
      ['pnpm --filter "!@acme/web" review', []],
      ['yarn workspace @acme/web review', ['packages/web/package.json:4']],
      ['yarn workspace bot triage', ['tools/bot/package.json:4']],
      ['yarn workspaces foreach -A --include bot run triage', ['tools/bot/package.json:4']],
      ['bun run --filter bot triage', ['tools/bot/package.json:4']],
      ['bun --filter "./packages/**" review', ['packages/web/package.json:4']],
      ['npm run review', []],
    ];
    for (const [run, sites] of cases) {
      expect(await linked(run, repo), run).toEqual(sites.map((site) => `${site}:sandbox-mode`));
    }
  });

  it('the workspaces are those the project declares: package.json for npm, Yarn and Bun, pnpm-workspace.yaml for pnpm', async () => {
    const named = (name: string, scripts: Record<string, string>): string => `${JSON.stringify({ name, scripts }, null, 2)}\n`;
    const root = (workspaces: unknown): string => `${JSON.stringify({ workspaces, scripts: {} }, null, 2)}\n`;
    const below = {
      'packages/web/package.json': named('@acme/web', { review: AGENT }),
      'examples/demo/package.json': named('demo', { review: AGENT }),
    };
    const web = ['packages/web/package.json:4:sandbox-mode'];
    const both = ['examples/demo/package.json:4:sandbox-mode', ...web];
    const repo = { 'package.json': root(['packages/*']), ...below };
    // A folder with a package.json that the project does not list is not one of its workspaces.
    expect(await linked('npm run review --workspaces', repo)).toEqual(web);
    expect(await linked('npm run review -w examples/demo', repo)).toEqual([]);
    expect(await linked('yarn workspace demo review', repo)).toEqual([]);
    expect(await linked('bun run --filter "*" review', repo)).toEqual(web);
    expect(await linked('npm run review --workspaces', { ...repo, 'package.json': root({ packages: ['examples/*'] }) })).toEqual([
      'examples/demo/package.json:4:sandbox-mode',
    ]);
    // A project that lists none has none for npm; pnpm, which reads only pnpm-workspace.yaml, takes every package below
    // without one.
    const undeclared = { ...repo, 'package.json': `${JSON.stringify({ scripts: {} })}\n` };
    expect(await linked('npm run review --workspaces', undeclared)).toEqual([]);
    expect(await linked('pnpm -r review', undeclared)).toEqual(both);
    expect(await linked('pnpm -r review', repo)).toEqual(both);
    expect(await linked('pnpm -r review', { ...repo, 'pnpm-workspace.yaml': 'packages:\n  - examples/**\n' })).toEqual([
      'examples/demo/package.json:4:sandbox-mode',
    ]);
    // A declaration that cannot be read, or a glob that cannot be matched safely, counts every folder below (fail closed).
    expect(await linked('npm run review --workspaces', { ...repo, 'package.json': '{"workspaces": [' })).toEqual(both);
    expect(await linked('pnpm -r review', { ...repo, 'pnpm-workspace.yaml': 'packages: [examples\n' })).toEqual(both);
    expect(await linked('npm run review --workspaces', { ...repo, 'package.json': root(['+(a)+(a)+(a)b']) })).toEqual(both);
    // A folder without a package.json runs no project of its own: every folder below counts.
    expect(await linked('npm run review --workspaces', below)).toEqual(both);
  });

  it("the root's own scripts only with --include-workspace-root; a root script's -w is followed; past 200 workspaces the step is not passed", async () => {
    const repo = { 'package.json': pkg({ review: AGENT }), 'packages/docs/package.json': pkg({ review: 'echo docs' }) };
    expect(await linked('npm run review -w packages/docs', repo)).toEqual([]);
    expect(await linked('npm run review -ws --include-workspace-root', repo)).toEqual(['package.json:3:sandbox-mode']);
    expect(await linked('yarn workspaces foreach -A run review', repo)).toEqual(['package.json:3:sandbox-mode']);
    // A root script that runs a declared workspace's script with -w is followed into it.
    const chained = {
      'package.json': `${JSON.stringify({ workspaces: ['packages/*'], scripts: { ship: 'npm run review -w packages/web' } }, null, 2)}\n`,
      'packages/web/package.json': pkg({ review: AGENT }),
    };
    expect(await linked('npm run ship', chained)).toEqual(['packages/web/package.json:3:sandbox-mode']);
    const many = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`packages/p${String(i).padStart(3, '0')}/package.json`, pkg({ review: AGENT })]),
    );
    const result = await lintFiles({ '.github/workflows/agent.yml': JOB('npm run review --workspaces'), ...many });
    const cut = result.findings.filter((f) => f.file === '.github/workflows/agent.yml' && f.ruleId === 'config-unparseable');
    expect(cut.map((f) => f.message).join('\n')).toContain('more than 200 workspaces');
  });

  it('a long dependency line and a selector of many wildcards are read without backtracking', { timeout: 15_000 }, async () => {
    const justfile = `ship: review ${'a '.repeat(300_000)}\n    true\nreview:\n    ${AGENT}\n`;
    expect(await linked('just ship', { justfile })).toEqual(['justfile:4:sandbox-mode']);
    // Past 2,000 prerequisites a target is read only in part, and a step that runs it is not passed.
    const many = `other: review ${Array.from({ length: 2_000 }, (_, i) => `t${i}`).join(' ')}\n    true\nreview:\n    ${AGENT}\n`;
    const cut = await lintFiles({ '.github/workflows/agent.yml': JOB('just other'), justfile: many });
    expect(cut.findings.map((f) => f.message).join('\n')).toContain('it runs more than 2,000 targets first');
    const named = `${JSON.stringify({ name: 'a'.repeat(20_000), scripts: { review: AGENT } }, null, 2)}\n`;
    const selector = `${'a*'.repeat(30)}b`;
    // Too many wildcards to match safely: every workspace below is taken (fail closed).
    expect(await linked(`pnpm --filter "${selector}" review`, { 'packages/x/package.json': named })).toEqual([
      'packages/x/package.json:4:sandbox-mode',
    ]);
  });

  it('a working directory outside the repository, absolute or built from expressions, and a PowerShell step, are not followed', async () => {
    for (const extra of [
      '    defaults:\n      run:\n        working-directory: ..\n',
      '    defaults:\n      run:\n        working-directory: /opt/app\n',
      '    defaults:\n      run:\n        working-directory: ${{ matrix.dir }}\n',
      '    defaults:\n      run:\n        shell: pwsh\n',
    ]) {
      const lines = await found({ '.github/workflows/agent.yml': JOB('npm run review', extra), 'package.json': pkg({ review: AGENT }) });
      expect(lines, extra).toEqual([['package.json:3:sandbox-mode', []]]);
    }
  });
});

describe('wildcard task names', () => {
  it('a `*` stands for any characters; many wildcard tasks and long words in a step are matched within bounds', async () => {
    const { wildcardMatch } = await import('../src/shell/runner-scripts.js');
    expect(wildcardMatch('start:*', 'start:api')).toBe(true);
    expect(wildcardMatch('start:*', 'start:')).toBe(true);
    expect(wildcardMatch('*:*:deploy', 'a:b:c:deploy')).toBe(true);
    expect(wildcardMatch('start:*', 'stop:api')).toBe(false);
    expect(wildcardMatch('*a*a*a*a', `${'a'.repeat(200)}b`)).toBe(false);
    // 150 wildcard tasks (100 are matched against), one that starts an agent, and steps of long names.
    const tasks = Array.from({ length: 150 }, (_, i) => `  'x${i}*a*a*a*a*a*a*a*a*b':\n    cmds:\n      - true\n`).join('');
    const report = await lintFiles({
      '.github/workflows/agent.yml': JOB(`task x1${'a'.repeat(990)} && task x2${'a'.repeat(5_000)} && task x3ab`),
      'Taskfile.yml': `version: '3'\ntasks:\n${tasks}  'x3*':\n    cmds:\n      - ${AGENT}\n`,
    });
    // Only the step's last task starts the agent; x3ab matches no other wildcard, those past the 100th are not compared.
    expect(report.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`)).toEqual([`Taskfile.yml:455:sandbox-mode`]);
  });

  it('names looked up many times against many wildcard names are matched once each, within a budget', async () => {
    // 50 wildcard tasks, and 40 tasks sharing (by a YAML alias) 100 long dependency names that pass the cheap checks.
    const wild = Array.from({ length: 50 }, (_, i) => `  '*${'a'.repeat(150)}b${i}':\n    cmds:\n      - true\n`).join('');
    const deps = `[${Array.from({ length: 100 }, (_, i) => `'${'a'.repeat(140)}${i}${'a'.repeat(10)}b${i % 50}'`).join(', ')}]`;
    const users = Array.from({ length: 40 }, (_, t) => `  c${t}:\n    deps: ${t === 0 ? `&d ${deps}` : '*d'}\n`).join('');
    const start = performance.now();
    const report = await lintFiles({
      '.github/workflows/agent.yml': JOB('task review'),
      'Taskfile.yml': `version: '3'\ntasks:\n  review:\n    cmds:\n      - ${AGENT}\n${wild}${users}`,
    });
    expect(report.findings.filter((f) => f.file === 'Taskfile.yml').map((f) => `${f.location.start.line}:${f.ruleId}`)).toEqual([
      '5:sandbox-mode',
    ]);
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it("a task's aliases have a bound of their own: many of them do not cut the file's tasks short", async () => {
    const tasks = Array.from(
      { length: 250 },
      (_, t) => `  t${t}:\n    aliases: [${Array.from({ length: 20 }, (_, a) => `t${t}a${a}`).join(', ')}]\n    cmds:\n      - true\n`,
    ).join('');
    const report = await lintFiles({
      '.github/workflows/agent.yml': JOB('task review'),
      'Taskfile.yml': `version: '3'\ntasks:\n${tasks}  review:\n    aliases: [r]\n    cmds:\n      - ${AGENT}\n`,
    });
    // The step is linked to the agent, and the file is not reported as read in part.
    expect(report.findings.filter((f) => f.file === 'Taskfile.yml').map((f) => `${f.location.start.line}:${f.ruleId}`)).toEqual([
      '1006:sandbox-mode',
    ]);
    expect(report.findings.map((f) => f.message).join('\n')).not.toMatch(/more than 5,000 tasks|not fully checked/);
  });
});
