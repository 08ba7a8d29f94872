import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ADAPTERS } from './adapters/index.js';
import type { SourceFile, UnreadableFile } from './core/types.js';
import { PolicyLoadError, resolvePolicy, type ResolvedPolicy } from './policy/load.js';
import { decodeUtf8, MAX_FILE_BYTES } from './sources/decode.js';
import { listRepositoryFiles, readRepositoryFile } from './sources/discover.js';

/** The file-system edge of a check: which agent files are committed, and their text. */
export interface RepositoryFiles {
  files: SourceFile[];
  unreadable: UnreadableFile[];
  listing: 'git' | 'walk';
}

export function loadRepository(root: string): RepositoryFiles {
  const listing = listRepositoryFiles(root);
  const realRoot = realpathSync(root);
  const files: SourceFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const path of listing.files) {
    if (!ADAPTERS.some((a) => a.matches(path))) continue;
    const read = readRepositoryFile(root, path, realRoot);
    if (read.ok === true) files.push(read.file);
    else if (read.ok === false) unreadable.push(read.file);
  }
  return { files, unreadable, listing: listing.source };
}

export const POLICY_LOCATIONS = ['.github/agent-policy.yml', '.github/agent-policy.yaml', '.agent-policy.yml', '.agent-policy.yaml'];

/** Reads a policy file as strict UTF-8 text of at most 1 MiB, or fails with a policy error. */
function readPolicyText(fullPath: string, shownPath: string): string | undefined {
  if (!existsSync(fullPath)) return undefined;
  const size = statSync(fullPath).size;
  if (size > MAX_FILE_BYTES) throw new PolicyLoadError([{ file: shownPath, line: 1, column: 1, message: `the policy file is ${size} bytes, over the 1 MiB limit` }]);
  const decoded = decodeUtf8(readFileSync(fullPath));
  if (!decoded.ok) throw new PolicyLoadError([{ file: shownPath, ...decoded.position, message: `the policy file ${decoded.reason}` }]);
  return decoded.text;
}

/**
 * Finds and resolves the policy: `--policy FILE` (relative to the working directory), else the repository's
 * `.github/agent-policy.yml` or `.agent-policy.yml`, else the embedded default.
 */
export function loadPolicy(root: string, policyArg: string | undefined, cwd = process.cwd()): ResolvedPolicy {
  if (policyArg !== undefined) {
    const text = readPolicyText(resolve(cwd, policyArg), policyArg);
    if (text === undefined) throw new PolicyLoadError([{ file: policyArg, line: 1, column: 1, message: 'no such policy file' }]);
    return resolvePolicy({ path: policyArg, text }, (p) => readPolicyText(isAbsolute(p) ? p : resolve(cwd, p), p));
  }
  for (const candidate of POLICY_LOCATIONS) {
    const text = readPolicyText(join(root, candidate), candidate);
    if (text !== undefined) return resolvePolicy({ path: candidate, text }, (p) => readPolicyText(isAbsolute(p) ? p : join(root, p), p));
  }
  return resolvePolicy(undefined, () => undefined);
}
