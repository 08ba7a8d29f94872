import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { decodeUtf8, MAX_FILE_BYTES } from './decode.js';
import { OUTSIDE_LINK, DANGLING_LINK, SAFE_GIT_ARGS, gitEnv, tooLarge, type ReadResult } from './discover.js';

export type TreeRead =
  | {
      ok: true;
      sha: string;
      /** The paths `wanted` admitted, sorted. */
      paths: string[];
      /** Every path of the tree below `root`, sorted; listed on first use. */
      committedFiles: () => string[];
      /** Reads many files with one git process. */
      readMany: (paths: readonly string[]) => Map<string, ReadResult>;
    }
  | { ok: false; reason: string };

interface Entry {
  mode: string;
  type: string;
  oid: string;
  size: number;
}

const git = (cwd: string, args: string[], input?: string): Buffer =>
  execFileSync('git', [...SAFE_GIT_ARGS, ...args], { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'], env: gitEnv() });

/** `git ls-tree -r -l -z` records: `<mode> <type> <oid> <size>\t<path>`. */
function parseRecord(record: string): [string, Entry] | undefined {
  const tab = record.indexOf('\t');
  if (tab < 0) return undefined;
  const [mode, type, oid, size] = record.slice(0, tab).split(/\s+/);
  return [record.slice(tab + 1), { mode: mode!, type: type!, oid: oid!, size: Number(size) || 0 }];
}

/** Blob contents by object id, from one `git cat-file --batch` (`<oid> <type> <size>\n<bytes>\n` each). */
function readBlobs(root: string, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return blobs;
  const out = git(root, ['cat-file', '--batch'], `${unique.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const [oid, type, size] = out.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    blobs.set(oid!, out.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}

/**
 * The repository as it was at `rev`, read from git objects (no checkout, no network, no filters run):
 * the paths below `root` that `wanted` admits, and each file's text under the same rules as the work tree.
 * Every path `wanted` admits ends with one of `suffixes`, a test made on the listing's bytes.
 */
export function readTreeAt(root: string, rev: string, wanted: (path: string) => boolean, suffixes: readonly string[]): TreeRead {
  let sha: string;
  try {
    sha = git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
  } catch {
    return { ok: false, reason: `base revision "${rev}" is not in this clone (a shallow checkout? fetch it, e.g. with fetch-depth: 0)` };
  }
  // The listing stays bytes: a path becomes a string only when it ends like a wanted one.
  const listing = git(root, ['ls-tree', '-r', '-l', '-z', sha]);
  const ends = suffixes.map((suffix) => Buffer.from(suffix, 'utf8'));
  const endsLikeWanted = (end: number): boolean =>
    ends.some((suffix) => {
      if (end < suffix.length) return false;
      for (let i = 1; i <= suffix.length; i++) if (listing[end - i] !== suffix[suffix.length - i]) return false;
      return true;
    });
  const eachRecord = (visit: (record: string, tab: number) => void, filter: (end: number) => boolean): void => {
    for (let at = 0; at < listing.length; ) {
      let end = listing.indexOf(0, at);
      if (end < 0) end = listing.length;
      if (filter(end)) {
        const record = listing.toString('utf8', at, end);
        const tab = record.indexOf('\t');
        if (tab >= 0) visit(record, tab);
      }
      at = end + 1;
    }
  };
  const kept = new Map<string, Entry>();
  eachRecord((record, tab) => {
    if (wanted(record.slice(tab + 1))) kept.set(...parseRecord(record)!);
  }, endsLikeWanted);
  // Every entry, for link targets and files outside `wanted` (a policy's own parent): built on first use.
  let all: Map<string, Entry> | undefined;
  const entries = (): Map<string, Entry> => {
    if (all) return all;
    const map = new Map<string, Entry>();
    eachRecord((record) => map.set(...parseRecord(record)!), () => true);
    return (all = map);
  };
  const entry = (path: string): Entry | undefined => kept.get(path) ?? entries().get(path);

  const readMany = (paths: readonly string[]): Map<string, ReadResult> => {
    const outcomes = new Map<string, ReadResult>();
    const targets = new Map<string, Entry>();
    const links: [string, Entry][] = [];
    for (const path of paths) {
      const found = entry(path);
      if (!found || found.type !== 'blob') outcomes.set(path, { ok: 'skip' });
      else if (found.mode === '120000') links.push([path, found]);
      else targets.set(path, found);
    }
    // A committed link is read when it points at a file of the same tree; its target is what the link holds.
    const linkTexts = readBlobs(root, links.map(([, e]) => e.oid));
    for (const [path, link] of links) {
      const target = linkTexts.get(link.oid)?.toString('utf8') ?? '';
      const resolved = posix.normalize(posix.join(posix.dirname(path), target));
      if (posix.isAbsolute(target) || resolved.startsWith('../') || resolved === '..') {
        outcomes.set(path, { ok: false, file: { path, reason: OUTSIDE_LINK } });
        continue;
      }
      const found = entry(resolved);
      if (!found || found.type !== 'blob' || found.mode === '120000') outcomes.set(path, { ok: false, file: { path, reason: DANGLING_LINK } });
      else targets.set(path, found);
    }
    const small = [...targets].filter(([path, e]) => {
      if (e.size <= MAX_FILE_BYTES) return true;
      outcomes.set(path, { ok: false, file: { path, reason: tooLarge(e.size) } });
      return false;
    });
    const blobs = readBlobs(root, small.map(([, e]) => e.oid));
    for (const [path, e] of small) {
      const bytes = blobs.get(e.oid);
      if (bytes === undefined) {
        outcomes.set(path, { ok: 'skip' });
        continue;
      }
      const decoded = decodeUtf8(bytes);
      outcomes.set(path, decoded.ok ? { ok: true, file: { path, text: decoded.text } } : { ok: false, file: { path, reason: `${decoded.reason}; it could not be verified`, position: decoded.position } });
    }
    return outcomes;
  };
  return { ok: true, sha, paths: [...kept.keys()].sort(), committedFiles: () => [...entries().keys()].sort(), readMany };
}
