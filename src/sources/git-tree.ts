import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import type { SourceFile, UnreadableFile } from '../core/types.js';
import { decodeUtf8, MAX_FILE_BYTES } from './decode.js';
import { OUTSIDE_LINK, DANGLING_LINK, SAFE_GIT_ARGS, tooLarge } from './discover.js';

export type TreeRead =
  | { ok: true; sha: string; committedFiles: string[]; read: (path: string) => ReadOutcome }
  | { ok: false; reason: string };

export type ReadOutcome = { ok: true; file: SourceFile } | { ok: false; file: UnreadableFile } | { ok: 'skip' };

interface Entry {
  mode: string;
  type: string;
  oid: string;
  size: number;
}

const git = (cwd: string, args: string[], input?: string): Buffer =>
  execFileSync('git', [...SAFE_GIT_ARGS, ...args], { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });

/**
 * The repository as it was at `rev`, read from git objects (no checkout, no network, no filters run):
 * the paths below `root`, and each file's text under the same rules as the work tree.
 */
export function readTreeAt(root: string, rev: string): TreeRead {
  let sha: string;
  try {
    sha = git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
  } catch {
    return { ok: false, reason: `base revision "${rev}" is not in this clone (a shallow checkout? fetch it, e.g. with fetch-depth: 0)` };
  }
  const entries = new Map<string, Entry>();
  const listing = git(root, ['ls-tree', '-r', '-l', '-z', sha]).toString('utf8');
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/\s+/);
    entries.set(record.slice(tab + 1), { mode: mode!, type: type!, oid: oid!, size: Number(size) || 0 });
  }
  const blob = (oid: string): Buffer => git(root, ['cat-file', 'blob', oid]);
  const read = (path: string): ReadOutcome => {
    let entry = entries.get(path);
    if (!entry || entry.type !== 'blob') return { ok: 'skip' };
    if (entry.mode === '120000') {
      const target = blob(entry.oid).toString('utf8');
      const resolved = posix.normalize(posix.join(posix.dirname(path), target));
      if (posix.isAbsolute(target) || resolved.startsWith('../') || resolved === '..') return { ok: false, file: { path, reason: OUTSIDE_LINK } };
      entry = entries.get(resolved);
      if (!entry || entry.type !== 'blob' || entry.mode === '120000') return { ok: false, file: { path, reason: DANGLING_LINK } };
    }
    if (entry.size > MAX_FILE_BYTES) return { ok: false, file: { path, reason: tooLarge(entry.size) } };
    const decoded = decodeUtf8(blob(entry.oid));
    if (!decoded.ok) return { ok: false, file: { path, reason: `${decoded.reason}; it could not be verified`, position: decoded.position } };
    return { ok: true, file: { path, text: decoded.text } };
  };
  return { ok: true, sha, committedFiles: [...entries.keys()].sort(), read };
}
