import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from './errors.js';
import { findRepository } from '../sources/git.js';

/** What `check PATH...` checks: one repository, and the part of it the report is about. */
export interface CheckTarget {
  root: string;
  /** Whether a repository-relative path is one the PATHs name; undefined when they name the whole repository. */
  includes?: (path: string) => boolean;
  /** The one folder of the repository the only PATH names: checked as that part of it (docs/policy.md, monorepos). */
  folder?: string;
}

const toRepoPath = (root: string, path: string): string | undefined => {
  const rel = relative(root, path);
  if (rel === '') return '';
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return rel.split(sep).join('/');
};

/**
 * The repository and the narrowing the PATHs of `check` name: the repository is the git work tree that holds the
 * first PATH (outside git, the first PATH when it is a folder, else `cwd`); each PATH — a folder, a file or a glob
 * relative to `cwd` — must lie inside it. A PATH that is the repository itself names all of it.
 */
export function toCheckTarget(paths: readonly string[], cwd: string): CheckTarget {
  const given = paths.length === 0 ? ['.'] : paths;
  const parts = given.map((p) => {
    const scan = picomatch.scan(p);
    const full = resolve(cwd, scan.isGlob ? scan.base || '.' : p);
    const stats = statSync(full, { throwIfNoEntry: false });
    if (!stats) throw new UsageError(`no such file or directory: ${p}`);
    return { text: p, glob: scan.isGlob ? scan.glob : undefined, full, folder: stats.isDirectory() };
  });
  const first = parts[0]!;
  const start = first.folder ? first.full : dirname(first.full);
  const root = findRepository(start)?.workTree ?? (first.folder ? first.full : resolve(cwd));
  const tests: ((path: string) => boolean)[] = [];
  let whole = false;
  for (const part of parts) {
    const at = toRepoPath(root, part.full);
    if (at === undefined) throw new UsageError(`${part.text} is outside the checked repository ${root}; check one repository at a time`);
    if (part.glob !== undefined) {
      const matches = picomatch(at === '' ? part.glob : `${at}/${part.glob}`, { dot: true });
      tests.push((path) => matches(path));
    } else if (at === '') whole = true;
    else if (part.folder) tests.push((path) => path.startsWith(`${at}/`));
    else tests.push((path) => path === at);
  }
  if (whole) return { root };
  const includes = (path: string): boolean => tests.some((test) => test(path));
  return parts.length === 1 && first.folder && first.glob === undefined ? { root, includes, folder: first.full } : { root, includes };
}
