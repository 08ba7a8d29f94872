import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/**
 * Where a policy comes from:
 * - `repo`: a file of the checked repository, by its repository-relative path; read from the work tree, or
 *   from git objects when the rules come from a base revision;
 * - `external`: a file outside the repository that the person running the CLI named (`--policy`), trusted
 *   because they chose it; never reachable from a policy inside the repository;
 * - `remote`: `owner/repo/path@ref`, read through the GitHub API.
 */
export type PolicyLocation =
  | { kind: 'repo'; path: string }
  | { kind: 'external'; path: string }
  | { kind: 'remote'; owner: string; repo: string; path: string; ref: string };

export type RemoteLocation = Extract<PolicyLocation, { kind: 'remote' }>;

// GitHub owners: letters, digits and single hyphens, at most 39; repositories: letters, digits, `.`, `_`, `-`.
const REMOTE = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/([^@\s]+)@([^@\s]+)$/;

/**
 * `owner/repo/path/to/policy.yml@ref` as a location, or undefined. A value of this form is always remote:
 * no file in the repository (which a pull request controls) can stand in for it.
 */
export function parseRemoteLocation(text: string): RemoteLocation | undefined {
  const m = REMOTE.exec(text);
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  const path = posix.normalize(m[3]!);
  if (path.startsWith('../') || path === '..' || path.startsWith('/')) return undefined;
  return { kind: 'remote', owner: m[1]!, repo: m[2]!, path, ref: m[4]! };
}

/** Whether a value is written like a remote policy but lacks a part (`owner/repo/path` without `@ref`). */
export const looksRemoteWithoutRef = (text: string): boolean =>
  !text.includes('@') && /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]+\/[^\s]+\.ya?ml$/.test(text) && !text.startsWith('.');

export const locationName = (l: PolicyLocation): string => (l.kind === 'remote' ? `${l.owner}/${l.repo}/${l.path}@${l.ref}` : l.path);

/** A repository-relative path with forward slashes, or undefined when it leaves the repository or is absolute. */
export function repoPath(path: string): string | undefined {
  if (path.includes('\0') || posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\')) return undefined;
  const normal = posix.normalize(path);
  if (normal === '..' || normal.startsWith('../') || normal === '.' || normal === '') return undefined;
  return normal;
}

/**
 * The location a policy argument (the CLI's `--policy`, the action's `policy` input) names: the remote form is
 * always remote; otherwise a path relative to `cwd`, which is a repository file when it lies inside `root`
 * (read at the revision whose rules apply) and, outside it, an external file when `allowExternal` (the CLI),
 * else an error message.
 */
export function toPolicyLocation(arg: string, root: string, cwd: string, allowExternal: boolean): PolicyLocation | string {
  const remote = parseRemoteLocation(arg);
  if (remote) return remote;
  if (arg.includes('\0')) return 'the policy path is not a valid path';
  const full = resolve(cwd, arg);
  const rel = relative(root, full);
  const inside = rel !== '' && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
  if (inside) return { kind: 'repo', path: rel.split(sep).join('/') };
  if (allowExternal) return { kind: 'external', path: full };
  return 'the policy must be a file inside the repository or owner/repo/path@ref';
}
