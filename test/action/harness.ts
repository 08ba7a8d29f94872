import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { run } from '../../src/action/main.js';
import { makeRepo, TODAY } from '../helpers/repo.js';

export const API = 'https://api.github.test';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: gitEnv }).trim();

/** A repository with a base commit and a pull request commit on top of it. */
export function prRepo(base: Record<string, string>, head: Record<string, string>): { dir: string; baseSha: string; headSha: string } {
  const dir = makeRepo(base);
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  for (const [path, text] of Object.entries(head)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'pr', '--allow-empty');
  return { dir, baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

export interface RunOutcome {
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
  exitCode: number | undefined;
  warnings: string[];
}

/** Parses the GITHUB_OUTPUT file (heredoc form written by @actions/core). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

/** Runs the action in-process as the runner would: INPUT_* variables, event payload file, output files. */
/** The exit code the action set; read through a call, since the action changes it behind the type checker's back. */
const exitCodeNow = (): number | undefined => (process.exitCode === undefined ? undefined : Number(process.exitCode));

export async function runAction(options: {
  workspace: string;
  event: string;
  payload: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<RunOutcome> {
  const tmp = mkdtempSync(join(tmpdir(), 'agent-policy-action-'));
  const eventPath = join(tmp, 'event.json');
  const summaryPath = join(tmp, 'summary.md');
  const outputPath = join(tmp, 'output.txt');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_API_URL: API,
    GITHUB_SERVER_URL: 'https://127.0.0.1:9', // a base commit fetch is refused at once, on loopback
    GITHUB_RUN_ID: '42',
    INPUT_TOKEN: 'test-token',
    'INPUT_SARIF-FILE': join(tmp, 'out.sarif'),
    ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...options.env,
  };
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key];
  Object.assign(process.env, env);
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const previousExit = process.exitCode;
  process.exitCode = undefined;
  try {
    await run({
      env: process.env,
      now: () => new Date(`${TODAY}T12:00:00Z`),
      createClient: (token, baseUrl) => createGitHubClient({ token, baseUrl, retries: 2, retryAfterBaseValue: 1 }),
    });
  } finally {
    spy.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const exitCode = exitCodeNow();
  process.exitCode = previousExit;
  const outcome = {
    stdout,
    summary: readFileSync(summaryPath, 'utf8'),
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    exitCode,
    warnings: stdout.split('\n').filter((l) => l.startsWith('::warning')),
  };
  rmSync(tmp, { recursive: true, force: true });
  return outcome;
}

export function prPayload(baseSha: string, headSha: string, fork = false): unknown {
  return {
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: headSha, repo: { full_name: fork ? 'mallory/app' : 'acme/app' } },
      base: { sha: baseSha, repo: { full_name: 'acme/app' } },
    },
  };
}
