import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { lint, type LintResult } from '../../src/engine/lint.js';
import { resolvePolicy } from '../../src/policy/load.js';
import type { SourceFile } from '../../src/core/types.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** An empty throw-away folder, removed after the file's tests like the repositories below. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A throw-away repository with the given files; committed to git unless `git: false`. */
export function makeRepo(
  files: Record<string, string | Uint8Array>,
  options: { git?: boolean; untracked?: Record<string, string> } = {},
): string {
  const dir = tempDir('agent-policy-test-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  if (options.git !== false) {
    const git = (...args: string[]): void => {
      execFileSync('git', args, {
        cwd: dir,
        stdio: 'ignore',
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
      });
    };
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture', '--allow-empty');
  }
  for (const [path, content] of Object.entries(options.untracked ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The date the tests run on: exceptions and the clock are fixed. */
export const TODAY = '2026-11-22';

/** Runs the CLI in-process with captured output, a fixed clock and no GitHub environment unless given. */
export async function cli(
  args: string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = {},
  now = new Date(`${TODAY}T12:00:00Z`),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false, env, now: () => now });
  return { code, stdout, stderr };
}

/** Lints in-memory files under a policy given as YAML text (or the embedded default), on TODAY. */
export async function lintFiles(
  files: Record<string, string>,
  policyYaml?: string,
  committedFiles: readonly string[] = Object.keys(files),
  repository?: string,
): Promise<LintResult> {
  const sources: SourceFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const policy = await resolvePolicy(
    policyYaml === undefined ? undefined : { location: { kind: 'repo', path: '.github/agent-policy.yml' }, text: policyYaml },
    () => Promise.resolve(undefined),
  );
  return lint({ files: sources, unreadable: [], policy, committedFiles, today: TODAY, ...(repository ? { repository } : {}) });
}

/** `line:rule` pairs of a result, for compact assertions. */
export const located = (result: LintResult, file?: string): string[] =>
  result.findings.filter((f) => file === undefined || f.file === file).map((f) => `${f.location.start.line}:${f.ruleId}`);
