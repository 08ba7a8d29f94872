import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS, admitsText, agentFolderOf, matchesAnAdapter, namedFiles } from '../adapters/index.js';
import { isGuidanceFile, isSkillFile } from '../guidance/files.js';
import { HOOK_CONFIG } from '../adapters/scripts/hook-scripts.js';
import { inScope, type Coverage, type SourceFile, type UnreadableFile } from '../core/types.js';
export type { Coverage } from '../core/types.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { fetchPolicyFile } from '../github/policy-source.js';
import { POLICY_LOCATIONS } from '../policy/find.js';
import { PolicyReadError } from '../policy/load.js';
import type { RemoteLocation } from '../policy/location.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../sources/decode.js';
import { AGENT_FILE_PATHSPECS, isCandidate, isListed, startAgentListing } from '../sources/candidates.js';
import {
  LINKED_FOLDER,
  listRepositoryFiles,
  listUntracked,
  NOT_A_FILE,
  RepositoryReader,
  SUBMODULE,
  type PendingListing,
  type ReadResult,
} from '../sources/discover.js';
import { readTreeAt } from '../sources/git-tree.js';
import { locateCheckout } from '../sources/git.js';
import type { AgentFilesAt } from '../engine/baseline.js';

/** The file-system edge of a check: which agent files are committed, and their text. */
export interface RepositoryFiles {
  files: SourceFile[];
  unreadable: UnreadableFile[];
  /** Every committed path, agent file or not; listed on first use. */
  committedFiles: () => readonly string[];
  listing: 'git' | 'walk';
  coverage: Coverage;
}

export { AGENT_FILE_PATHSPECS } from '../sources/candidates.js';

/** Whether an adapter or the guidance reader takes the file at `path`. */
export const isAgentFile = (path: string): boolean => isCandidate(path) && (matchesAnAdapter(path) || isGuidanceFile(path));

/**
 * Whether a path is an agent file by its name alone: not one that counts only when its text names an agent
 * (a package.json), so that an untracked one is not reported.
 */
const isAgentFileByName = (path: string): boolean =>
  isCandidate(path) && (ADAPTERS.some((a) => a.admits === undefined && a.matches(path)) || isGuidanceFile(path));

function collectAgentFiles(
  outcomes: Iterable<ReadResult & { path?: string }>,
  skipped?: Coverage['skipped'],
): { files: SourceFile[]; unreadable: UnreadableFile[] } {
  const files: SourceFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok === true) files.push(outcome.file);
    else if (outcome.ok === false) unreadable.push(outcome.file);
    else if (outcome.reason !== undefined && outcome.path !== undefined) skipped?.push({ path: outcome.path, reason: outcome.reason });
  }
  return { files, unreadable };
}

/** A link where agents read a folder, or a submodule where they read a folder or a file: what they read is not committed here. */
function hiddenByEntry(path: string, kind: 'link' | 'submodule'): ReadResult {
  if (
    kind === 'submodule' ? isAgentFile(path) || agentFolderOf(path) !== undefined : !isAgentFile(path) && agentFolderOf(path) !== undefined
  ) {
    return { ok: false, file: { path, reason: kind === 'link' ? LINKED_FOLDER : SUBMODULE } };
  }
  return { ok: 'skip' };
}

/** A policy file in a folder below the top: never read (a repository has one policy, at its top). */
const isNestedPolicy = (path: string): boolean => POLICY_LOCATIONS.some((name) => path.endsWith(`/${name}`));

const UNREADABLE_NAME = 'has a name that is not valid UTF-8, so it could not be opened and verified; rename it';

export { locateCheckout, type Checkout } from '../sources/git.js';

/**
 * The committed agent files of the folder `dir`, with paths relative to the top of its work tree (a folder of a
 * repository is checked as part of it); `pending` is a listing of `dir` started earlier (`startAgentListing`).
 * Outside git, `gitignore: false` reads what a `.gitignore` excludes too (the action, a gate, does).
 */
export async function loadRepository(
  dir: string,
  pending: PendingListing = startAgentListing(dir),
  options: { gitignore?: boolean } = {},
): Promise<RepositoryFiles> {
  const { root, scope } = locateCheckout(dir);
  const listing = await listRepositoryFiles(root, pending, options.gitignore ?? true);
  let tracked: Set<string> | undefined;
  const reader = new RepositoryReader(
    root,
    listing.source === 'git' ? (path) => (tracked ??= new Set(listing.all())).has(path) : undefined,
    admitsText,
  );
  const links = new Set(listing.special.filter((e) => e.kind === 'link').map((e) => e.path));
  const outcomes: (ReadResult & { path: string })[] = [];
  for (const path of listing.files) {
    if (isAgentFile(path)) {
      // A name git holds in bytes that are not UTF-8 cannot be opened by the name it decodes to: fail closed.
      if (path.includes('\uFFFD')) {
        outcomes.push({ ok: false, file: { path, reason: UNREADABLE_NAME }, path });
        continue;
      }
      const outcome = reader.read(path);
      // A link where agents read a file or a folder (`.clinerules`) that points at a folder.
      const linkedFolder = outcome.ok === 'skip' && outcome.reason === NOT_A_FILE && links.has(path) && agentFolderOf(path) !== undefined;
      outcomes.push(linkedFolder ? { ok: false, file: { path, reason: LINKED_FOLDER }, path } : { ...outcome, path });
    } else if (links.has(path)) outcomes.push({ ...hiddenByEntry(path, 'link'), path });
  }
  for (const e of listing.special) if (e.kind === 'submodule') outcomes.push({ ...hiddenByEntry(e.path, 'submodule'), path: e.path });
  const skipped: Coverage['skipped'] = [];
  const collected = collectAgentFiles(outcomes, skipped);
  // Files a config names as guidance (Codex's project_doc_fallback_filenames) and scripts run by path are read too.
  // A link listed only as one (no agent reads its path) was not read: a config that names it is read through it.
  const read = new Set(outcomes.filter((o) => o.ok !== 'skip' || o.reason !== undefined).map((o) => o.path));
  const named = namedFiles(collected.files, listing.all).filter((path) => !read.has(path) && !path.includes('\uFFFD'));
  const more = collectAgentFiles(
    named.map((path) => ({ ...reader.read(path), path })),
    skipped,
  );
  collected.files.push(...more.files);
  collected.unreadable.push(...more.unreadable);
  const untracked =
    listing.source === 'git'
      ? listUntracked(root, new Set(listing.files), isAgentFileByName, (path) => agentFolderOf(path) !== undefined).filter((path) =>
          inScope(scope, path),
        )
      : [];
  const coverage: Coverage = { skipped, untracked, ...(scope === '' ? {} : { scope }) };
  const nested = listing.files.filter(isNestedPolicy);
  if (nested.length > 0) coverage.nestedPolicies = nested;
  if (listing.gitignored && listing.gitignored.length > 0) coverage.gitignored = listing.gitignored;
  return { ...collected, committedFiles: listing.all, listing: listing.source, coverage };
}

/** The repository and its policy text as they were at `rev`, from git objects; agent files are read on demand. */
export type RepositoryAt =
  { ok: true; sha: string; files: AgentFilesAt; readText: (path: string) => string | undefined } | { ok: false; reason: string };

export function loadRepositoryAt(dir: string, rev: string): RepositoryAt {
  const { root, scope } = locateCheckout(dir);
  const tree = readTreeAt(
    root,
    rev,
    (path, special) => {
      const folder = special && agentFolderOf(path) !== undefined;
      return isAgentFile(path) ? (folder ? 'file-or-folder' : 'file') : folder ? 'folder' : undefined;
    },
    AGENT_FILE_PATHSPECS,
    isListed,
    admitsText,
  );
  if (!tree.ok) return tree;
  // Files a config or a skill names as guidance, and scripts hooks run, count as agent files at this revision too.
  const naming = tree.paths.filter(
    (path) =>
      isSkillFile(path) ||
      HOOK_CONFIG.test(path) ||
      ADAPTERS.some((a) => (a.namedGuidance ?? a.launchers ?? a.namedConfigs) !== undefined && a.matches(path)),
  );
  const read = naming.length === 0 ? undefined : tree.readMany(naming);
  const configs = read ? collectAgentFiles(naming.map((path) => read.get(path)!)).files : [];
  const listed = new Set(tree.paths);
  const named = namedFiles(configs, tree.committedFiles).filter((path) => !listed.has(path));
  const listedPaths = named.length === 0 ? tree.paths : [...tree.paths, ...named].sort();
  const paths = scope === '' ? listedPaths : listedPaths.filter((path) => inScope(scope, path));
  const readText = (path: string): string | undefined => {
    const outcome = tree.readMany([path]).get(path)!;
    if (outcome.ok === true) return outcome.file.text;
    if (outcome.ok === false) throw new PolicyReadError(`the file ${outcome.file.reason}`, outcome.file.position);
    return undefined;
  };
  const files: AgentFilesAt = {
    paths,
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
