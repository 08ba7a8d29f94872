import { execFileSync } from 'node:child_process';
import { findRepository, gitArgs, gitEnv } from './git.js';

export interface FetchCommitOptions {
  /** The repository's https URL, built by the caller (e.g. `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}`), never a remote's name. */
  url: string;
  /** The commit to fetch: 40 or 64 hex digits. */
  sha: string;
  /** Sent as an HTTP header through the environment: never in argv (`ps`) nor in the repository's config. */
  token?: string | undefined;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Tests only: a `file://` URL (a local bare repository) is allowed too. */
  allowFileProtocol?: boolean;
}

export type FetchOutcome = { ok: true } | { ok: false; reason: string };

/** The command `fetchCommit` runs: arguments and environment (exported for tests). */
export function fetchCommand(root: string, options: FetchCommitOptions): { args: string[]; env: NodeJS.ProcessEnv } | { error: string } {
  const repo = findRepository(root);
  if (!repo) return { error: `${root} is not in a git repository` };
  const scheme = /^([a-z]+):\/\//i.exec(options.url)?.[1]?.toLowerCase();
  if (scheme !== 'https' && !(scheme === 'file' && options.allowFileProtocol === true))
    return { error: 'the repository URL must be https' };
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(options.sha)) return { error: 'the commit must be a full hexadecimal id' };
  const args = gitArgs(repo, [
    // Only the transport asked for; no helper, proxy command or redirect may take the request (or the token) elsewhere.
    '-c',
    'protocol.allow=never',
    '-c',
    'protocol.https.allow=always',
    ...(options.allowFileProtocol === true ? ['-c', 'protocol.file.allow=always'] : []),
    '-c',
    'credential.helper=',
    '-c',
    'http.followRedirects=false',
    '-c',
    'fetch.recurseSubmodules=false',
    '-c',
    'fetch.writeCommitGraph=false',
    'fetch',
    '--no-tags',
    '--quiet',
    '--depth=1',
    '--no-write-fetch-head',
    '--no-recurse-submodules',
    '--no-auto-gc',
    '--no-auto-maintenance',
    options.url,
    options.sha,
  ]);
  // An empty value first drops extra headers set in other config files (actions/checkout leaves one for the server).
  const header = options.token ? [`AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`] : [];
  const key = `http.${options.url}.extraheader`;
  const entries = ['', ...header].map((value) => [key, value] as const);
  const env = gitEnv(repo);
  env.GIT_CONFIG_COUNT = String(entries.length);
  entries.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return { args, env };
}

/**
 * Fetches one commit (shallow, no tags, no submodules) from `url` into the repository of `root`, so that a
 * pull request's base can be read from git objects. Nothing configured in the repository runs; the token
 * travels in the environment of the git process only. Its error output is dropped (it may echo the URL).
 */
export function fetchCommit(root: string, options: FetchCommitOptions): FetchOutcome {
  const command = fetchCommand(root, options);
  if ('error' in command) return { ok: false, reason: command.error };
  try {
    execFileSync('git', command.args, { cwd: root, stdio: 'ignore', env: command.env, timeout: options.timeoutMs ?? 60_000 });
    return { ok: true };
  } catch (error) {
    const timedOut = (error as { signal?: string }).signal === 'SIGTERM';
    return { ok: false, reason: timedOut ? `fetching ${options.sha} timed out` : `could not fetch ${options.sha}` };
  }
}
