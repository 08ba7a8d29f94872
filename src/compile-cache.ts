import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder to keep Node's compiled code in between runs: one of the temporary directory that only this user
 * owns and can write. Node's default, `<tmp>/node-compile-cache`, is one folder for every user of the machine:
 * whoever creates it first can leave compiled code there that a later check by someone else would run.
 * Undefined when no such folder can be had (then nothing is cached). `uid` is undefined on Windows, where the
 * temporary directory is already the user's own.
 */
export function privateCompileCacheDir(tmp: string, uid: number | undefined): string | undefined {
  const dir = join(tmp, uid === undefined ? 'agent-policy-compile-cache' : `agent-policy-compile-cache-${String(uid)}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    // lstat: a link planted under the name is not followed; the folder must be ours and closed to others.
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
