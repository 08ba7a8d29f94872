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

/**
 * Whether an absolute or home path runs through a folder named as the checked repository: its own checkout on
 * the author's machine (`/Users/me/src/<repo>`, `C:/dev/<repo>/.tools/*`), which exists on no other machine.
 */
export function isOwnCheckout(path: string, repository: string | undefined): boolean {
  if (repository === undefined || repository === '' || !isOutsideRepository(path)) return false;
  const parts = path.trim().replace(/\\/g, '/').split('/');
  const at = parts.findIndex((part, i) => i > 0 && part.toLowerCase() === repository.toLowerCase());
  return at > 0 && !parts.slice(at).includes('..');
}
