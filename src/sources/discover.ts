import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { SourceFile, UnreadableFile } from '../core/types.js';
import { decodeUtf8, MAX_FILE_BYTES } from './decode.js';

/** Git options that keep a `git` call from running anything configured in the checked repository. */
export const SAFE_GIT_ARGS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

export interface FileListing {
  files: string[];
  /** `git` when the list came from the index; `walk` outside a git work tree. */
  source: 'git' | 'walk';
}

/** Repo-relative paths of committed files (git index), or of every file outside a git work tree. */
export function listRepositoryFiles(root: string): FileListing {
  const fromGit = gitLsFiles(root);
  if (fromGit) return { files: fromGit, source: 'git' };
  return { files: walk(root), source: 'walk' };
}

function gitLsFiles(root: string): string[] | undefined {
  try {
    const inside = execFileSync('git', [...SAFE_GIT_ARGS, 'rev-parse', '--is-inside-work-tree'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    if (inside.trim() !== 'true') return undefined;
    const out = execFileSync('git', [...SAFE_GIT_ARGS, 'ls-files', '-z', '--cached'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    return out.split('\0').filter((p) => p !== '');
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

/**
 * Reads one committed file safely: never through a link that leaves the repository, never more than
 * 1 MiB, always strict UTF-8. Files missing from the work tree (deleted, not yet committed) are skipped.
 */
export function readRepositoryFile(root: string, path: string, realRoot = realpathSync(root), realDirs = new Map<string, string>()): ReadResult {
  const full = join(root, path);
  let stats;
  try {
    stats = lstatSync(full);
  } catch {
    return { ok: 'skip' };
  }
  let real: string;
  try {
    // Folders are resolved once each (a link anywhere on the way counts); the file itself only when it is a link.
    const dir = dirname(full);
    let realDir = realDirs.get(dir);
    if (realDir === undefined) realDirs.set(dir, (realDir = realpathSync(dir)));
    real = stats.isSymbolicLink() ? realpathSync(full) : join(realDir, basename(full));
  } catch {
    return { ok: false, file: { path, reason: DANGLING_LINK } };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    return {
      ok: false,
      file: { path, reason: OUTSIDE_LINK },
    };
  }
  const target = stats.isSymbolicLink() ? statSync(real) : stats;
  if (!target.isFile()) return { ok: 'skip' };
  if (target.size > MAX_FILE_BYTES) {
    return { ok: false, file: { path, reason: tooLarge(target.size) } };
  }
  const decoded = decodeUtf8(readFileSync(real));
  if (!decoded.ok) return { ok: false, file: { path, reason: `${decoded.reason}; it could not be verified`, position: decoded.position } };
  return { ok: true, file: { path, text: decoded.text } };
}
