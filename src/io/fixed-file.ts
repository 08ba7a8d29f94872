import { chmodSync, closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeUtf8, MAX_FILE_BYTES } from '../sources/decode.js';
import { isWithin, OutputError, writeReportFile } from './output-file.js';

const BOM = '\uFEFF';

/**
 * Writes the fixed text of the agent file `path` (repository-relative) of `root`: only a regular file whose real
 * path is inside the repository, never through a link, and only while it still holds `before` (the text the fixes
 * were made from). The byte order mark and the file mode stay. Throws `OutputError` saying why not.
 */
export function writeFixedFile(root: string, path: string, before: string, after: string): void {
  const top = resolve(root);
  const target = resolve(top, path);
  if (!isWithin(top, target) || target === top) throw new OutputError(`${path} is not inside the repository`);
  const stats = lstatSync(target, { throwIfNoEntry: false });
  if (!stats?.isFile()) throw new OutputError(`${path} is ${stats?.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}`);
  if (!isWithin(realpathSync(top), realpathSync(target))) throw new OutputError(`${path} resolves outside the repository`);
  let bytes: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed number, but undefined on Windows
  const fd = openSync(target, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.size > MAX_FILE_BYTES) throw new OutputError(`${path} is not a regular file of at most 1 MiB`);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok || decoded.text !== before) throw new OutputError(`${path} changed since it was read; run fix again`);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  writeReportFile(target, hasBom ? BOM + after : after, top);
  chmodSync(target, stats.mode & 0o7777);
}
