import { execFile, execFileSync } from 'node:child_process';
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, realpathSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { SourceFile, UnreadableFile } from '../core/types.js';
import { decodeUtf8, MAX_FILE_BYTES } from './decode.js';

/** Git options that keep a `git` call from running anything configured in the checked repository. */
export const SAFE_GIT_ARGS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

export interface FileListing {
  /** Paths that may be agent files: the git listing narrowed by the pathspecs, or every file of a walk. */
  files: string[];
  /** Every committed path, listed on first use only (an exception whose paths match no agent file). */
  all: () => string[];
  /** `git` when the list came from the index; `walk` outside a git work tree. */
  source: 'git' | 'walk';
}

/**
 * The environment for git: no optional locks, and no pathspec mode from the caller's environment (a
 * literal or glob setting would change what the pathspecs below match).
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
  for (const name of ['GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS']) delete env[name];
  return env;
}

/** The most a git call may print: 1 GiB. */
const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;

/** Runs git below `cwd` with the safe options and environment above; its error output is dropped. */
export const runGit = (cwd: string, args: readonly string[], input?: string, env: NodeJS.ProcessEnv = gitEnv()): Buffer =>
  execFileSync('git', [...SAFE_GIT_ARGS, ...args], { cwd, input, maxBuffer: MAX_GIT_OUTPUT, stdio: ['pipe', 'pipe', 'ignore'], env });

/** A `git ls-files` under way: the paths it lists, or undefined outside a work tree (or without git). */
export type PendingListing = Promise<string[] | undefined>;

const lsFilesArgs = (pathspecs: readonly string[]): string[] => ['ls-files', '-z', '--cached', '--', ...pathspecs];
const nulSeparated = (out: Buffer): string[] => out.toString('utf8').split('\0').filter((p) => p !== '');

/** Starts `git ls-files` for `pathspecs` below `root` without waiting for it; never rejects. */
export function startGitListing(root: string, pathspecs: readonly string[]): PendingListing {
  return new Promise((done) => {
    try {
      execFile('git', [...SAFE_GIT_ARGS, ...lsFilesArgs(pathspecs)], { cwd: root, encoding: 'buffer', maxBuffer: MAX_GIT_OUTPUT, env: gitEnv() }, (error, stdout) =>
        done(error ? undefined : nulSeparated(stdout)),
      );
    } catch {
      // Some failures to start (a `root` that is not a folder) are thrown rather than reported.
      done(undefined);
    }
  });
}

/**
 * Repo-relative paths of committed files (git index) that `pending` lists (git's default pathspec matching,
 * where `*` crosses `/`), or of every file outside a git work tree.
 */
export async function listRepositoryFiles(root: string, pending: PendingListing): Promise<FileListing> {
  const fromGit = await pending;
  if (fromGit) {
    let all: string[] | undefined;
    return { files: fromGit, source: 'git', all: () => (all ??= gitLsFiles(root) ?? []) };
  }
  const files = walk(root);
  return { files, source: 'walk', all: () => files };
}

/** Every committed path below `root`, or undefined outside a work tree. */
function gitLsFiles(root: string): string[] | undefined {
  try {
    return nulSeparated(runGit(root, lsFilesArgs([])));
  } catch {
    return undefined;
  }
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Directory walk with an explicit stack; never follows symbolic links to directories. */
function walk(root: string): string[] {
  const files: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(childRel);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(childRel);
      }
    }
  }
  return files.sort();
}

export const OUTSIDE_LINK = 'is a symbolic link that points outside the repository; it was not followed, so it could not be verified';
export const DANGLING_LINK = 'is a symbolic link whose target does not exist; it could not be verified';
export const tooLarge = (size: number): string => `is ${size} bytes, over the 1 MiB limit; it was not parsed, so it could not be verified`;

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; file: UnreadableFile } | { ok: 'skip' };

/** Reads the files of one repository; folders are resolved once each, whatever number of files they hold. */
export class RepositoryReader {
  private readonly base: string;
  private readonly realRoot: string;
  private readonly realDirs = new Map<string, string>();

  constructor(root: string) {
    this.base = resolve(root);
    this.realRoot = realpathSync(this.base);
    this.realDirs.set(this.base, this.realRoot);
  }

  /** The real path of a folder below the root: one lstat per folder not seen before, a full resolve only for links. */
  private realFolder(dir: string): string {
    const pending: string[] = [];
    let at = dir;
    let real = this.realDirs.get(at);
    while (real === undefined) {
      pending.push(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
      real = this.realDirs.get(at);
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const folder = pending[i]!;
      real = real !== undefined && !lstatSync(folder).isSymbolicLink() ? join(real, basename(folder)) : realpathSync(folder);
      this.realDirs.set(folder, real);
    }
    return real!;
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot + sep);
  }

  /**
   * Reads one committed file safely: never through a link that leaves the repository, never more than
   * 1 MiB, always strict UTF-8. Files missing from the work tree (deleted, not yet committed) are skipped.
   */
  read(path: string): ReadResult {
    const full = join(this.base, path);
    let realDir: string;
    try {
      realDir = this.realFolder(dirname(full));
    } catch {
      return { ok: 'skip' };
    }
    if (!this.inside(realDir)) return { ok: false, file: { path, reason: OUTSIDE_LINK } };
    if (NO_FOLLOW !== undefined) {
      // Opened without following a final link (and without blocking on a FIFO); a link takes the slow path.
      let fd: number;
      try {
        fd = openSync(full, fsConstants.O_RDONLY | NO_FOLLOW | fsConstants.O_NONBLOCK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ELOOP' && code !== 'EMLINK') return { ok: 'skip' };
        return this.readLink(path, full);
      }
      try {
        return fileResult(path, fstatSync(fd), () => readFileSync(fd));
      } finally {
        closeSync(fd);
      }
    }
    let stats;
    try {
      stats = lstatSync(full);
    } catch {
      return { ok: 'skip' };
    }
    if (stats.isSymbolicLink()) return this.readLink(path, full);
    return fileResult(path, stats, () => readFileSync(full));
  }

  /** A committed symbolic link: read only when its target is a file inside the repository. */
  private readLink(path: string, full: string): ReadResult {
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return { ok: false, file: { path, reason: DANGLING_LINK } };
    }
    if (!this.inside(real)) return { ok: false, file: { path, reason: OUTSIDE_LINK } };
    return fileResult(path, statSync(real), () => readFileSync(real));
  }
}

/** `O_NOFOLLOW` where the platform has it (not on Windows). */
const NO_FOLLOW: number | undefined = fsConstants.O_NOFOLLOW;

/** A regular file of at most 1 MiB, read and decoded; anything else is skipped or reported. */
function fileResult(path: string, stats: { isFile(): boolean; size: number }, read: () => Buffer): ReadResult {
  if (!stats.isFile()) return { ok: 'skip' };
  if (stats.size > MAX_FILE_BYTES) return { ok: false, file: { path, reason: tooLarge(stats.size) } };
  return decodedFile(path, read());
}

/** A file's bytes as strict UTF-8 text, or where they stop being that. */
export function decodedFile(path: string, bytes: Uint8Array): ReadResult {
  const text = decodeUtf8(bytes);
  if (!text.ok) return { ok: false, file: { path, reason: `${text.reason}; it could not be verified`, position: text.position } };
  return { ok: true, file: { path, text: text.text } };
}
