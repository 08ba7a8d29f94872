/**
 * A repository path for a script a command runs, relative to the folder the command runs in; undefined for a
 * path that leaves the repository, is absolute, or is built from variables (it is not followed).
 */
export function repositoryPath(folder: string, written: string): string | undefined {
  const path = repositoryFolder(folder, written);
  return path === '' ? undefined : path;
}

/** A repository folder a command moves to (`cd tools`, `make -C tools`), `''` for the root; undefined as for `repositoryPath`. */
export function repositoryFolder(folder: string, written: string): string | undefined {
  return /[$`~*?{}\\]/.test(written) ? undefined : resolvedPath(folder, written);
}

/**
 * `written` taken as it is, relative to `folder`: `.`, `..` and empty parts resolved, `''` for the root; undefined for
 * an absolute path or one that leaves the repository.
 */
export function resolvedPath(folder: string, written: string): string | undefined {
  if (written.startsWith('/')) return undefined;
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of written.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
