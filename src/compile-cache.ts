import { lstatSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, win32 } from 'node:path';

/**
 * The user's own cache folder: `$XDG_CACHE_HOME` (when absolute) or `~/.cache`, `%LOCALAPPDATA%` on Windows. Node's
 * default for its compile cache, `<tmp>/node-compile-cache`, is one folder for every user of the machine: whoever
 * creates it first can leave compiled code there that a later check by someone else would run.
 */
export function userCacheHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA !== undefined && win32.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  return home !== '' && isAbsolute(home) ? join(home, '.cache') : undefined;
}

/**
 * The folder to keep Node's compiled code in between runs: `agent-policy/compile-cache` in the user's cache folder,
 * made for the user alone (mode 700) and checked to be a folder, not a link, owned by the user and closed to others.
 * Undefined when no such folder can be had (then nothing is cached). `uid` is undefined on Windows, where the cache
 * folder is the user's own.
 */
export function privateCompileCacheDir(cacheHome: string, uid: number | undefined): string | undefined {
  const dir = join(cacheHome, 'agent-policy', 'compile-cache');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // lstat: a link planted under the name is not followed; the folder must be ours and closed to others.
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
