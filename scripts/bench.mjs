#!/usr/bin/env node
// Benchmark: `node dist/cli.js check` on synthetic repositories against the floor (a Node process that lists
// the tracked files with git and reads every agent file), as whole processes, alternating, medians of N runs.
//   npm run bench -- [--files 100000] [--agents 2000] [--workflows 300] [--packages 2000] [--runs 5]
// Workflows and package.json files are part of the files: most start no agent and must cost reading, not parsing.
// The action on a pull request adding 10,000 agent files, against a loopback stand-in for the GitHub API:
//   npm run bench -- --action-only     (the action case alone; it also runs after the CLI cases)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 100_000);
const AGENTS = arg('agents', 2_000);
const WORKFLOWS = arg('workflows', 300);
const PACKAGES = arg('packages', 2_000);
const RUNS = Math.max(5, arg('runs', 5));
const cli = join(root, 'dist', 'cli.js');

const CODEX_OK =
  'sandbox_mode = "workspace-write"\napproval_policy = "on-request"\n[sandbox_workspace_write]\nnetwork_access = false\n[shell_environment_policy]\ninherit = "core"\n';
const CODEX_BAD =
  '[profiles.fast]\nsandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = true\nwritable_roots = ["/opt/cache"]\n[mcp_servers.gh]\nenv = { GITHUB_TOKEN = "ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ" }\n';
const RULES = 'prefix_rule(pattern = ["git", "push"], decision = "prompt")\nprefix_rule(pattern = ["npm", "publish"])\n';
const CLAUDE = '{ "permissions": { "defaultMode": "default", "allow": ["Bash(npm test)"], "deny": ["Read(./.env)"] } }\n';
const AGENTS_MD = '# Agents\n\n- Run `npm test` before committing.\n- Never run `npm publish`; a maintainer releases.\n';
const WORKFLOW = (n) =>
  `name: ci-${n}\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: npm ci\n      - run: npm test -- --shard=${n}\n`;
const AGENT_WORKFLOW = (n) =>
  `name: agent-${n}\non:\n  schedule:\n    - cron: '0 3 * * *'\npermissions:\n  contents: write\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm install -g @openai/codex @anthropic-ai/claude-code\n      - run: codex exec --full-auto "triage the open issues"\n        env:\n          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}\n      - run: claude -p "summarise yesterday's changes" --dangerously-skip-permissions\n`;
const PACKAGE = (n) =>
  `${JSON.stringify({ name: `pkg-${n}`, version: '1.0.0', private: true, scripts: { build: 'tsc -p .', test: 'vitest run', lint: 'eslint .' }, devDependencies: { typescript: '^5.6.0', vitest: '^4.0.0' } }, null, 2)}\n`;
const AGENT_PACKAGE = (n) =>
  `${JSON.stringify({ name: `pkg-${n}`, private: true, scripts: { build: 'tsc -p .', review: "claude -p 'review the diff' --dangerously-skip-permissions", fix: 'codex exec --full-auto "fix the lint errors"' } }, null, 2)}\n`;

/**
 * Writes a repository of `files` tracked files: `agents` agent configs and guidance of several agents, `workflows`
 * workflows (one in 50 starts an agent) and `packages` package.json files (one in 200 with agent scripts).
 */
function makeRepo(dir, files, agents, workflows = 0, packages = 0) {
  if (existsSync(join(dir, '.git', 'bench-pr'))) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const kinds = [
    ['.codex/config.toml', CODEX_OK],
    ['.codex/config.toml', CODEX_BAD],
    ['.codex/rules/team.rules', RULES],
    ['.claude/settings.json', CLAUDE],
    ['AGENTS.md', AGENTS_MD],
  ];
  let written = 0;
  for (let a = 0; a < agents; a++) {
    const [name, text] = kinds[a % kinds.length];
    const path = join(dir, `pkg-${String(a).padStart(5, '0')}`, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written++;
  }
  if (workflows > 0) mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  for (let w = 0; w < workflows; w++, written++)
    writeFileSync(join(dir, '.github', 'workflows', `ci-${w}.yml`), w % 50 === 49 ? AGENT_WORKFLOW(w) : WORKFLOW(w));
  for (let p = 0; p < packages; p++, written++) {
    const path = join(dir, `app-${String(p).padStart(5, '0')}`, 'package.json');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, p % 200 === 199 ? AGENT_PACKAGE(p) : PACKAGE(p));
  }
  for (let i = 0; written < files; i++, written++) {
    const path = join(dir, `src-${Math.floor(i / 500)}`, `mod-${Math.floor(i / 50) % 10}`, `file-${i}.ts`);
    if (i % 50 === 0) mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `export const v${i} = ${i};\n`);
  }
  const git = (...a) =>
    execFileSync('git', a, {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench', '--allow-empty');
  // A pull request on top: 10 agent files edited, for the `--base HEAD~1` row.
  for (let a = 0; a < Math.min(agents, 10); a++) {
    const [name, text] = kinds[a % kinds.length];
    writeFileSync(
      join(dir, `pkg-${String(a).padStart(5, '0')}`, name),
      `${text}${name.endsWith('.md') ? '\n- Ask before pushing.\n' : name.endsWith('.json') ? ' ' : '\n'}`,
    );
  }
  git('commit', '-q', '-a', '-m', 'pr', '--allow-empty');
  writeFileSync(join(dir, '.git', 'bench-pr'), '');
}

const FLOOR = `
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: process.argv[1], encoding: 'utf8', maxBuffer: 1 << 30 }).split('\\0');
const agent = /(?:^|\\/)(?:\\.codex\\/config\\.toml|\\.codex\\/rules\\/[^/]+\\.rules|\\.claude\\/settings(?:\\.local)?\\.json|AGENTS\\.md)$/;
let bytes = 0;
for (const f of files) if (agent.test(f)) bytes += readFileSync(process.argv[1] + '/' + f).length;
`;
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\n@maxrss="+process.resourceUsage().maxRSS+"\\n"))';

function time(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${String(run.status)}: ${run.stderr}`);
  const rss = Number(/@maxrss=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  return { ms, rss };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians of check and floor runs, alternating; `extra` adds arguments to the check (e.g. --base). */
function compare(label, dir, extra = []) {
  const check = [];
  const floor = [];
  time([cli, 'check', dir, '--format', 'json', ...extra]); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    floor.push(time(['-e', FLOOR, dir]));
    check.push(time([cli, 'check', dir, '--format', 'json', ...extra]));
  }
  const c = median(check.map((r) => r.ms));
  const f = median(floor.map((r) => r.ms));
  const rss = Math.max(...check.map((r) => r.rss));
  console.log(`| ${label} | ${c.toFixed(0)} ms | ${f.toFixed(0)} ms | ${(c / f).toFixed(2)} | ${rss.toFixed(0)} MB |`);
  return { check: c, floor: f, rss };
}

/** A repository whose last commit, the pull request, adds `agents` agent files, most of them with findings. */
function makePrRepo(dir, agents) {
  if (existsSync(join(dir, '.git', 'bench-pr'))) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (...a) =>
    execFileSync('git', a, {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
    });
  writeFileSync(join(dir, 'README.md'), 'bench\n');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const kinds = [
    ['.codex/config.toml', CODEX_BAD],
    ['.codex/rules/team.rules', RULES],
    ['.claude/settings.json', CLAUDE],
    ['AGENTS.md', AGENTS_MD],
  ];
  for (let a = 0; a < agents; a++) {
    const [name, text] = kinds[a % kinds.length];
    const path = join(dir, `pkg-${String(a).padStart(5, '0')}`, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'pr');
  writeFileSync(join(dir, '.git', 'bench-pr'), '');
}

/**
 * Runs dist/index.js as the runner does (INPUT_* variables, an event payload, output files) on a pull request,
 * with a loopback HTTP server standing in for the GitHub API that answers at once. Prints the action's time and
 * the requests it made. The server closes when the action exits; after five minutes the action is stopped and the
 * server closed whatever happens.
 */
async function benchAction(dir) {
  const requests = new Map();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = new URL(req.url, 'http://x').pathname;
      const key = `${req.method ?? ''} ${path.replace(/\/\d+(?=\/|$)/g, '/{n}')}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const json = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const run = { id: 1, html_url: 'http://127.0.0.1/acme/app/runs/1', app: { slug: 'github-actions' } };
      if (req.method === 'POST' && path === '/repos/acme/app/check-runs') json(201, run);
      else if (req.method === 'PATCH' && path === '/repos/acme/app/check-runs/1') json(200, run);
      else if (req.method === 'POST' && path === '/graphql') json(200, { data: { viewer: { login: 'github-actions[bot]' } } });
      else if (req.method === 'GET' && path === '/repos/acme/app/issues/7/comments') json(200, []);
      else if (req.method === 'POST' && path === '/repos/acme/app/issues/7/comments') json(201, { id: 2 });
      else json(404, { message: 'Not Found' });
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  let child;
  const guard = setTimeout(() => {
    child?.kill();
    server.closeAllConnections();
    server.close();
  }, 300_000);
  const tmp = mkdtempSync(join(tmpdir(), 'agent-policy-bench-action-'));
  const git = (...a) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' }).trim();
  const [baseSha, headSha] = [git('rev-parse', 'HEAD~1'), git('rev-parse', 'HEAD')];
  writeFileSync(
    join(tmp, 'event.json'),
    JSON.stringify({
      number: 7,
      pull_request: {
        number: 7,
        head: { sha: headSha, repo: { full_name: 'acme/app' } },
        base: { sha: baseSha, repo: { full_name: 'acme/app' } },
      },
    }),
  );
  for (const f of ['summary.md', 'output.txt']) writeFileSync(join(tmp, f), '');
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && !/_proxy$/i.test(k)),
  );
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(tmp, 'event.json'),
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: headSha,
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'),
    GITHUB_OUTPUT: join(tmp, 'output.txt'),
    GITHUB_API_URL: `http://127.0.0.1:${server.address().port}`,
    GITHUB_SERVER_URL: 'http://127.0.0.1',
    GITHUB_RUN_ID: '1',
    INPUT_TOKEN: 'bench-token',
    INPUT_COMMENT: 'true',
    'INPUT_SARIF-FILE': join(tmp, 'out.sarif'),
    no_proxy: '127.0.0.1',
  });
  const start = process.hrtime.bigint();
  child = spawn(process.execPath, [join(root, 'dist', 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((done) => child.on('close', done));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearTimeout(guard);
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  const findings = /findings<<[\w-]+\n(\d+)/.exec(readFileSync(join(tmp, 'output.txt'), 'utf8'))?.[1] ?? '?';
  const commands = stdout.split('\n').filter((l) => /^::(error|warning|notice) title=/.test(l)).length;
  rmSync(tmp, { recursive: true, force: true });
  const total = [...requests.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\nThe action (dist/index.js) on a pull request adding ${count(agentsInPr)} agent files: ${(ms / 1000).toFixed(1)} s, exit code ${code}, ${findings} findings, ${total} API requests, ${commands} workflow-command annotations.`,
  );
  console.log('| request | count |');
  console.log('|---|---|');
  for (const [key, n] of [...requests].sort()) console.log(`| ${key} | ${n} |`);
  for (const line of stdout.split('\n').filter((l) => /^(::warning|agent-policy: \d)/.test(l))) console.log(`  ${line.slice(0, 300)}`);
  console.log(`- action on ${count(agentsInPr)} agent files ≤ 30 s: ${(ms / 1000).toFixed(1)} s, ${ms <= 30_000 ? 'met' : 'NOT met'}`);
}
const agentsInPr = 10_000;

const base = join(tmpdir(), 'agent-policy-bench');
const repo = (files, agents, workflows = 0, packages = 0) => {
  const dir = join(
    base,
    files === 0 ? 'repo-empty' : `repo-${files}-${agents}${workflows + packages > 0 ? `-${workflows}w-${packages}p` : ''}`,
  );
  makeRepo(dir, files, agents, workflows, packages);
  return dir;
};
if (process.argv.includes('--make-only')) {
  // Writes the main repository and prints its folder, for timing other builds against it (farm-bench).
  console.log(repo(FILES, AGENTS, WORKFLOWS, PACKAGES));
  process.exit(0);
}
const count = (n) => n.toLocaleString('en');
const prRepo = join(base, `pr-${agentsInPr}`);
makePrRepo(prRepo, agentsInPr);
if (process.argv.includes('--action-only')) {
  execFileSync('sync');
  await benchAction(prRepo);
  process.exit(0);
}
console.log(`Node ${process.version}; ${RUNS} runs each, alternating; medians.`);
const big = repo(FILES, AGENTS, WORKFLOWS, PACKAGES);
const small = repo(1000, 5);
const empty = repo(0, 0);
const fewerAgents = repo(FILES, AGENTS / 4, WORKFLOWS, PACKAGES);
const fewerFiles = repo(FILES / 4, AGENTS, WORKFLOWS, PACKAGES);
// Newly written repositories are still being flushed to disk for a while, which slows every run down: wait.
execFileSync('sync');
console.log('| repository | check | floor | ratio | check peak RSS |');
console.log('|---|---|---|---|---|');
const main = compare(
  `${count(FILES)} files, ${count(AGENTS)} agent files, ${count(WORKFLOWS)} workflows, ${count(PACKAGES)} package.json`,
  big,
);
const smallRun = compare('1,000 files, 5 agent files', small);
compare('empty', empty);
const version = [];
for (let i = 0; i < RUNS; i++) version.push(time([cli, '--version']).ms);
console.log(`\n\`node dist/cli.js --version\`: ${median(version).toFixed(0)} ms median`);

// How cost grows: with agent files (other files fixed), and with other files (agent files fixed).
console.log('\nScaling (check only):');
console.log('| repository | check | floor | ratio | check peak RSS |');
console.log('|---|---|---|---|---|');
const quarterAgents = compare(`${count(FILES)} files, ${count(AGENTS / 4)} agent files`, fewerAgents);
const quarterFiles = compare(`${count(FILES / 4)} files, ${count(AGENTS)} agent files`, fewerFiles);
// A pull request's check also reads the base revision from git objects: here the last commit edits 10 agent files.
compare(`${count(FILES)} files, ${count(AGENTS)} agent files, \`--base HEAD~1\` (10 changed)`, big, ['--base', 'HEAD~1']);
const perAgent = (main.check - quarterAgents.check) / (AGENTS - AGENTS / 4);
const perOther = (main.check - quarterFiles.check) / (FILES - FILES / 4);
console.log(`\nMarginal cost: ${(perAgent * 1000).toFixed(0)} µs per agent file, ${(perOther * 1000).toFixed(2)} µs per other file.`);

const goal = (ok) => (ok ? 'met' : 'NOT met');
console.log('\nGoals:');
console.log(
  `- ratio ≤ 1.5 at ${count(FILES)}/${count(AGENTS)}: ${(main.check / main.floor).toFixed(2)}, ${goal(main.check / main.floor <= 1.5)}`,
);
console.log(`- small repository ≤ 150 ms: ${smallRun.check.toFixed(0)} ms, ${goal(smallRun.check <= 150)}`);
console.log(`- peak RSS ≤ 150 MB: ${main.rss.toFixed(0)} MB, ${goal(main.rss <= 150)}`);

await benchAction(prRepo);
