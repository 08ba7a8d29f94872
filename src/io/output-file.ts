import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A report that cannot be written where it was asked for; the message says why, without the report. */
export class OutputError extends Error {}

/** Whether `path` is `root` or lies below it (`..foo` is below, `../foo` is not). */
export const isWithin = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
};

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

/** lstat that answers undefined for a path that cannot exist (`ENOENT`, or a file on the way: `ENOTDIR`). */
const entryAt = (path: string): ReturnType<typeof lstatSync> | undefined => {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if (codeOf(error) === 'ENOTDIR') return undefined;
    throw error;
  }
};

/**
 * The link a report at `path` would be written through: the final name anywhere, or a folder on the way inside
 * the checked repository `root`, whose files a pull request controls.
 */
function linkOnTheWay(path: string, root: string | undefined): string | undefined {
  if (root !== undefined && isWithin(resolve(root), path)) {
    const top = resolve(root);
    for (let at = dirname(path); isWithin(top, at) && at !== top; at = dirname(at))
      if (entryAt(at)?.isSymbolicLink()) return `${relative(top, at)} is a symbolic link inside the checked repository`;
  }
  return entryAt(path)?.isSymbolicLink() ? 'it is a symbolic link' : undefined;
}

/**
 * Why a report could not be written to `target`, found before the run so that it fails at once: a folder, a
 * file on the way where a folder must be, a folder nobody may write to, or a place under a virtual file system
 * (`/proc`, `/sys`) where no folder can be made. Undefined when it looks writable; `writeReportFile` still checks.
 */
export function reportPathProblem(target: string, root?: string): string | undefined {
  const path = resolve(target);
  if (root !== undefined && path === resolve(root)) return "it is the checked repository's folder";
  const link = linkOnTheWay(path, root);
  if (link !== undefined) return `refusing to write through a link: ${link}`;
  const existing = entryAt(path);
  if (existing?.isDirectory()) return 'it is a folder; name a file';
  if (existing?.isCharacterDevice()) return undefined;
  let at = dirname(path);
  while (!entryAt(at)) {
    if (dirname(at) === at) return 'no folder on the way exists';
    at = dirname(at);
  }
  const stats = statSync(at, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return `${at} is not a folder`;
  if (at !== dirname(path) && /^\/(proc|sys)(\/|$)/.test(at)) return `${dirname(path)} does not exist and cannot be created under ${at}`;
  try {
    accessSync(at, fsConstants.W_OK);
  } catch {
    return `the folder ${at} is not writable`;
  }
  return undefined;
}

/** Creates the missing folders above `path` one at a time (no recursive mkdir that can spin on special file systems). */
function makeFolders(folder: string, shown: string): void {
  const missing: string[] = [];
  let at = folder;
  for (;;) {
    const stats = entryAt(at);
    if (stats) {
      if (!stats.isDirectory() && !stats.isSymbolicLink()) throw new OutputError(`cannot write ${shown}: ${at} is not a folder`);
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw new OutputError(`cannot write ${shown}: cannot create the folder ${dir} (${codeOf(error)})`);
    }
  }
}

/**
 * Writes a report so that no link can redirect it: the final name is never followed (a link there is refused),
 * and inside the checked repository `root` — whose files a pull request controls — no folder on the way may be
 * a link either. The text goes to a new file created exclusively next to the target and is then renamed over
 * it, so a file swapped in meanwhile is replaced, never written through.
 */
export function writeReportFile(target: string, text: string, root?: string): void {
  const path = resolve(target);
  const shown = target;
  if (root !== undefined && path === resolve(root)) throw new OutputError(`cannot write ${shown}: it is the checked repository's folder`);
  const link = linkOnTheWay(path, root);
  if (link !== undefined) throw new OutputError(`refusing to write ${shown}: ${link}`);
  const existing = entryAt(path);
  // A character device outside the checked repository (`/dev/null`, a terminal) is written as it is.
  if (existing?.isCharacterDevice() && (root === undefined || !isWithin(resolve(root), path))) {
    writeFileSync(path, text);
    return;
  }
  if (existing && !existing.isFile())
    throw new OutputError(`cannot write ${shown}: it is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}`);
  makeFolders(dirname(path), shown);
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.agent-policy.tmp`);
  let fd: number;
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed number, but undefined on Windows
    fd = openSync(temporary, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0), 0o644);
  } catch (error) {
    throw new OutputError(
      `cannot write ${shown}: ${codeOf(error) === 'EACCES' || codeOf(error) === 'EROFS' ? 'the folder is not writable' : `the file cannot be created (${codeOf(error)})`}`,
    );
  }
  try {
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new OutputError(`cannot write ${shown} (${codeOf(error)})`);
  }
}
