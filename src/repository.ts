import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ADAPTERS } from './adapters/index.js';
import { isGuidanceFile } from './guidance/files.js';
import type { SourceFile, UnreadableFile } from './core/types.js';
import { createGitHubClient, type GitHubClient } from './github/client.js';
import { fetchPolicyFile } from './github/policy-source.js';
import { parseRemoteLocation, PolicyLoadError, resolvePolicy, type PolicyLocation, type PolicyReader, type ResolvedPolicy } from './policy/load.js';
import { decodeUtf8, MAX_FILE_BYTES } from './sources/decode.js';
import { AGENT_FILE_PATHSPECS, isCandidate, startAgentListing } from './sources/candidates.js';
import { listRepositoryFiles, RepositoryReader, type PendingListing, type ReadResult } from './sources/discover.js';
import { readTreeAt } from './sources/git-tree.js';
import type { AgentFilesAt } from './engine/baseline.js';

/** The file-system edge of a check: which agent files are committed, and their text. */
export interface RepositoryFiles {
  files: SourceFile[];
  unreadable: UnreadableFile[];
  /** Every committed path, agent file or not; listed on first use. */
  committedFiles: () => readonly string[];
  listing: 'git' | 'walk';
}

export { AGENT_FILE_PATHSPECS } from './sources/candidates.js';

/** Whether an adapter or the guidance reader takes the file at `path`. */
export const isAgentFile = (path: string): boolean => isCandidate(path) && (ADAPTERS.some((a) => a.matches(path)) || isGuidanceFile(path));

function collectAgentFiles(outcomes: Iterable<ReadResult>): { files: SourceFile[]; unreadable: UnreadableFile[] } {
  const files: SourceFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok === true) files.push(outcome.file);
    else if (outcome.ok === false) unreadable.push(outcome.file);
  }
  return { files, unreadable };
}

/** The committed agent files of the work tree at `root`; `pending` is a listing started earlier (`startAgentListing`). */
export async function loadRepository(root: string, pending: PendingListing = startAgentListing(root)): Promise<RepositoryFiles> {
  const listing = await listRepositoryFiles(root, pending);
  const reader = new RepositoryReader(root);
  return { ...collectAgentFiles(listing.files.filter(isAgentFile).map((path) => reader.read(path))), committedFiles: listing.all, listing: listing.source };
}

/** The repository and its policy text as they were at `rev`, from git objects; agent files are read on demand. */
export type RepositoryAt = { ok: true; sha: string; files: AgentFilesAt; readText: (path: string) => string | undefined } | { ok: false; reason: string };

export function loadRepositoryAt(root: string, rev: string): RepositoryAt {
  const tree = readTreeAt(root, rev, isAgentFile, AGENT_FILE_PATHSPECS);
  if (!tree.ok) return tree;
  const readText = (path: string): string | undefined => {
    const outcome = tree.readMany([path]).get(path)!;
    if (outcome.ok === true) return outcome.file.text;
    if (outcome.ok === false) throw new PolicyLoadError([{ file: `${path}@${rev}`, line: outcome.file.position?.line ?? 1, column: outcome.file.position?.column ?? 1, message: `the policy file ${outcome.file.reason}` }]);
    return undefined;
  };
  const files: AgentFilesAt = {
    paths: tree.paths,
    blobId: tree.blobId,
    committedFiles: tree.committedFiles,
    read: (paths) => {
      const outcomes = tree.readMany(paths);
      return collectAgentFiles(paths.map((path) => outcomes.get(path)!));
    },
  };
  return { ok: true, sha: tree.sha, files, readText };
}

export const POLICY_LOCATIONS = ['.github/agent-policy.yml', '.github/agent-policy.yaml', '.agent-policy.yml', '.agent-policy.yaml'];

/** Reads a policy file as strict UTF-8 text of at most 1 MiB, or fails with a policy error. */
function readPolicyText(fullPath: string, shownPath: string): string | undefined {
  if (!existsSync(fullPath)) return undefined;
  const size = statSync(fullPath).size;
  if (size > MAX_FILE_BYTES) throw new PolicyLoadError([{ file: shownPath, line: 1, column: 1, message: `the policy file is ${size} bytes, over the 1 MiB limit` }]);
  const decoded = decodeUtf8(readFileSync(fullPath));
  if (!decoded.ok) throw new PolicyLoadError([{ file: shownPath, ...decoded.position, message: `the policy file ${decoded.reason}` }]);
  return decoded.text;
}

export interface PolicyEnvironment {
  cwd: string;
  /** `GITHUB_TOKEN` for central policies; unauthenticated when empty. */
  token?: string | undefined;
  /** `GITHUB_API_URL`; defaults to https://api.github.com. */
  apiUrl?: string | undefined;
  log?: (message: string) => void;
}

/** Reads local policies from disk (relative to `base`) and remote ones through the GitHub API, client built on first use. */
export function policyReader(base: string, env: PolicyEnvironment): PolicyReader {
  let client: GitHubClient | undefined;
  return async (location) => {
    if (location.kind === 'local') return readPolicyText(isAbsolute(location.path) ? location.path : resolve(base, location.path), location.path);
    client ??= createGitHubClient({ token: env.token, baseUrl: env.apiUrl || 'https://api.github.com', log: env.log });
    const text = await fetchPolicyFile(client, location);
    if (text !== undefined && Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error('the policy file is over the 1 MiB limit');
    return text;
  };
}

/**
 * Finds and resolves the policy: `--policy FILE` (relative to the working directory, or owner/repo/path@ref),
 * else the repository's `.github/agent-policy.yml` or `.agent-policy.yml`, else the embedded default.
 */
export async function loadPolicy(root: string, policyArg: string | undefined, env: PolicyEnvironment): Promise<ResolvedPolicy> {
  if (policyArg !== undefined) {
    const local = resolve(env.cwd, policyArg);
    const remote = existsSync(local) ? undefined : parseRemoteLocation(policyArg);
    const read = policyReader(env.cwd, env);
    const location: PolicyLocation = remote ?? { kind: 'local', path: policyArg };
    let text: string | undefined;
    try {
      text = await read(location);
    } catch (error) {
      if (error instanceof PolicyLoadError) throw error;
      throw new PolicyLoadError([{ file: policyArg, line: 1, column: 1, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }]);
    }
    if (text === undefined) throw new PolicyLoadError([{ file: policyArg, line: 1, column: 1, message: 'no such policy file' }]);
    return resolvePolicy({ location, text }, read);
  }
  const read = policyReader(root, env);
  for (const candidate of POLICY_LOCATIONS) {
    const text = readPolicyText(join(root, candidate), candidate);
    if (text !== undefined) return resolvePolicy({ location: { kind: 'local', path: candidate }, text }, read);
  }
  return resolvePolicy(undefined, read);
}

/**
 * The policy as it was at a base revision: the same search as `loadPolicy`, reading the repository's files
 * from `readText` (git objects). A `--policy` file outside the repository is read as it is now.
 */
export async function loadPolicyAt(root: string, policyArg: string | undefined, env: PolicyEnvironment, readText: (path: string) => string | undefined): Promise<ResolvedPolicy> {
  const current = policyReader(root, env);
  const inRepo = (path: string): string | undefined => {
    const rel = relative(root, resolve(root, path)).split(sep).join('/');
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
  };
  const read: PolicyReader = async (location) => {
    if (location.kind === 'local') {
      const rel = inRepo(location.path);
      if (rel !== undefined) return readText(rel);
    }
    return current(location);
  };
  if (policyArg !== undefined) {
    const rel = inRepo(resolve(env.cwd, policyArg));
    if (rel === undefined || readText(rel) === undefined) return loadPolicy(root, policyArg, env);
    return resolvePolicy({ location: { kind: 'local', path: rel }, text: readText(rel)! }, read);
  }
  for (const candidate of POLICY_LOCATIONS) {
    const text = readText(candidate);
    if (text !== undefined) return resolvePolicy({ location: { kind: 'local', path: candidate }, text }, read);
  }
  return resolvePolicy(undefined, read);
}
