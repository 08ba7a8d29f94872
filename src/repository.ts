import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS } from './adapters/index.js';
import { isGuidanceFile } from './guidance/files.js';
import type { SourceFile, UnreadableFile } from './core/types.js';
import { createGitHubClient, type GitHubClient } from './github/client.js';
import { fetchPolicyFile } from './github/policy-source.js';
import { PolicyReadError } from './policy/load.js';
import type { RemoteLocation } from './policy/location.js';
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
    if (outcome.ok === false) throw new PolicyReadError(`the file ${outcome.file.reason}`, outcome.file.position);
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

/** Why a policy file at `path` cannot be read from the work tree, or its text; undefined when there is none. */
function readWorkTreePolicy(reader: RepositoryReader, root: string, path: string): string | undefined {
  if (lstatSync(join(root, path), { throwIfNoEntry: false }) === undefined) return undefined;
  const outcome = reader.read(path);
  if (outcome.ok === true) return outcome.file.text;
  if (outcome.ok === false) throw new PolicyReadError(`the file ${outcome.file.reason}`, outcome.file.position);
  throw new PolicyReadError('it is not a regular file');
}

/**
 * Reads policy files of the work tree at `root`: regular files inside the repository only, never through a
 * link that leaves it, never more than 1 MiB (checked on the open file before reading), strict UTF-8.
 */
export function workTreePolicyReader(root: string): (path: string) => string | undefined {
  let reader: RepositoryReader | undefined;
  return (path) => readWorkTreePolicy((reader ??= new RepositoryReader(root)), root, path);
}

/**
 * Reads a policy file outside the repository that the person running the CLI named: a regular file (a link
 * they made is theirs to follow), size checked on the open file before reading, strict UTF-8.
 */
export function readExternalPolicy(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PolicyReadError(`it cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new PolicyReadError('it is not a regular file');
    if (stats.size > MAX_FILE_BYTES) throw new PolicyReadError(`it is ${stats.size} bytes, over the 1 MiB limit`);
    const bytes = Buffer.alloc(stats.size);
    const length = readSync(fd, bytes, 0, stats.size, 0);
    const decoded = decodeUtf8(bytes.subarray(0, length));
    if (!decoded.ok) throw new PolicyReadError(`it ${decoded.reason}`, decoded.position);
    return decoded.text;
  } finally {
    closeSync(fd);
  }
}

export interface PolicyEnvironment {
  /** `GITHUB_TOKEN` for central policies; unauthenticated when empty. */
  token?: string | undefined;
  /** `GITHUB_API_URL`; defaults to https://api.github.com. */
  apiUrl?: string | undefined;
  log?: (message: string) => void;
}

/** Reads remote policies through the GitHub API, the client built on first use. */
export function remotePolicyReader(env: PolicyEnvironment): (location: RemoteLocation) => Promise<string | undefined> {
  let client: GitHubClient | undefined;
  return async (location) => {
    client ??= createGitHubClient({ token: env.token, baseUrl: env.apiUrl || 'https://api.github.com', log: env.log });
    return fetchPolicyFile(client, location, MAX_FILE_BYTES);
  };
}
