/** Whether a path written in a committed config leaves the repository. */
export function isOutsideRepository(path: string): boolean {
  const p = path.trim().replace(/\\/g, '/');
  if (p === ':root' || p === '/' || p === '~') return true;
  if (p.startsWith(':')) return false; // special roots such as :tmpdir or :project_roots stay inside the sandbox
  if (/^(?:\/|~|\$HOME\b|\$\{HOME\}|%USERPROFILE%|[A-Za-z]:\/)/.test(p)) return true;
  let depth = 0;
  for (const part of p.split('/')) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** Folders that hold users' homes (`/Users/<name>`, `/home/<name>`, `C:/Users/<name>`) and other disks (`/Volumes/<disk>`). */
export const USER_HOMES = ['Users', 'home'] as const;
export const DISKS = ['Volumes', 'mnt', 'media'] as const;
const HOMES = new Set([...USER_HOMES, ...DISKS].map((name) => name.toLowerCase()));
/** Folders of a home that programs keep their own files in: not where a checkout lives. */
const PROGRAM_FOLDERS = new Set(['library', 'appdata']);

/**
 * Whether an absolute or home path runs through a folder named as the checked repository: its own checkout on
 * the author's machine (`/Users/me/src/<repo>`, `C:/dev/<repo>/.tools/*`), which exists on no other machine. The
 * folder is looked for below the last home's folder and name on the path (`/mnt/c/Users/<name>/`: a repository named
 * `home` or as its user is no home), and not below a hidden folder or a home's program folders (`~/.ssh/<repo>/`,
 * `~/Library/Application Support/<repo>` are no checkout).
 */
export function isOwnCheckout(path: string, repository: string | undefined): boolean {
  if (repository === undefined || repository === '' || !isOutsideRepository(path)) return false;
  const parts = path.trim().replace(/\\/g, '/').split('/');
  // Past the root (`''`, `~`, `$HOME`, `C:`), and past the last home's folder and its name.
  let from = 1;
  parts.forEach((part, i) => {
    if (i > 0 && HOMES.has(part.toLowerCase())) from = Math.max(from, i + 2);
  });
  const at = parts.findIndex((part, i) => i >= from && part.toLowerCase() === repository.toLowerCase());
  const inside = (part: string): boolean => (part.startsWith('.') && part !== '.') || PROGRAM_FOLDERS.has(part.toLowerCase());
  return at > 0 && !parts.slice(1, at).some(inside) && !parts.slice(at).includes('..');
}
