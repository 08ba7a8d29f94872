import * as crypto from 'node:crypto';
import type { Finding, SourceFile, UnreadableFile } from '../core/types.js';
import { STATUS_RULE } from '../exceptions/evaluate.js';
import type { ResolvedPolicy } from '../policy/load.js';
import { lint } from './lint.js';
import { ADAPTERS, namedPrompts } from '../adapters/index.js';
import { isSkillFile } from '../guidance/files.js';
import { hookScriptsByFile, namedHookScripts } from '../adapters/scripts/hook-scripts.js';
import type { Baseline, BaselineState, LintResult } from './result.js';

const identity = (f: Finding): string => `${f.level}\0${f.evidence}\0${f.message}`;

/** What a comparison needs of the check at the base revision; the rest of that check can be dropped. */
export interface BaseSnapshot {
  /** Fingerprint → what the finding said, for findings and suppressed findings alike. */
  findings: Map<string, string>;
}

export function snapshotOf(base: LintResult): BaseSnapshot {
  const findings = new Map<string, string>();
  for (const f of [...base.findings, ...base.suppressed.map((s) => s.finding)]) findings.set(f.fingerprint, identity(f));
  return { findings };
}

/**
 * Classifies every finding against the same check at the base revision: `new` when its fingerprint (rule, file,
 * key path) did not exist there, `updated` when it did but says something else now, `unchanged` otherwise.
 * Without a base (the revision is not in the clone), everything is new.
 */
export function compareWithBase(current: LintResult, base: BaseSnapshot | undefined, rev: string): Baseline {
  const states = new Map<string, BaselineState>();
  for (const f of [...current.findings, ...current.suppressed.map((s) => s.finding)]) {
    const was = base?.findings.get(f.fingerprint);
    states.set(f.fingerprint, was === undefined ? 'new' : was === identity(f) ? 'unchanged' : 'updated');
  }
  return { rev, available: base !== undefined, states, exceptionChanges: [] };
}

/** The agent files of a base revision, read on demand. */
export interface AgentFilesAt {
  /** Every agent file's path, sorted. */
  paths: readonly string[];
  /** A regular file's git blob id; undefined for a link. */
  blobId: (path: string) => string | undefined;
  read: (paths: readonly string[]) => { files: SourceFile[]; unreadable: UnreadableFile[] };
  /** Every committed path of the revision, listed on first use. */
  committedFiles: () => readonly string[];
}

/** The head's check, to take findings from for folders that did not change. */
export interface HeadCheck {
  files: readonly SourceFile[];
  unreadable: readonly UnreadableFile[];
  result: LintResult;
}

const EXCEPTION_STATUS_RULES = new Set(Object.values(STATUS_RULE));

/** A check's findings before exceptions: active and suppressed ones, without the policy file's exception-status findings. */
export function findingsBeforeExceptions(result: LintResult): Finding[] {
  return [...result.findings.filter((f) => !EXCEPTION_STATUS_RULES.has(f.ruleId)), ...result.suppressed.map((s) => s.finding)];
}

/** Whether an adapter reads scripts and targets from the file at `path` (a package.json, a Makefile). */
const isRunnerFile = (path: string): boolean => ADAPTERS.some((a) => a.runnerScripts !== undefined && a.matches(path));

/** The folder of a repo-relative path; `` for the root. */
const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Folders whose agent files are the same on both sides: the same paths, each with the same blob id. A file
 * without an id (a link, an unreadable file) counts as changed. A folder is the unit because that is as far
 * as one file's findings reach: command and read rules are weighed within their folder, nothing further.
 */
export function unchangedFolders(
  base: ReadonlyMap<string, string | undefined>,
  head: ReadonlyMap<string, string | undefined>,
): Set<string> {
  const changed = new Set<string>();
  const folders = new Set<string>();
  for (const [path, id] of base) {
    folders.add(folderOf(path));
    if (id === undefined || head.get(path) !== id) changed.add(folderOf(path));
  }
  for (const path of head.keys()) if (!base.has(path)) changed.add(folderOf(path));
  return new Set([...folders].filter((folder) => !changed.has(folder)));
}

/** Git's id of a blob holding `text` as UTF-8: SHA-1, or SHA-256 when the repository's ids are 64 digits long. */
export function gitBlobId(text: string, idLength: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return crypto
    .createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/** The folders whose agent files the head has exactly as the base has them, by blob id. */
export function foldersUnchangedSince(base: AgentFilesAt, head: Pick<HeadCheck, 'files' | 'unreadable'>): Set<string> {
  const baseIds = new Map(base.paths.map((path) => [path, base.blobId(path)] as const));
  const idLength = [...baseIds.values()].find((id) => id !== undefined)?.length ?? 40;
  const headIds = new Map<string, string | undefined>(head.files.map((f) => [f.path, gitBlobId(f.text, idLength)]));
  for (const f of head.unreadable) headIds.set(f.path, undefined);
  return unchangedFolders(baseIds, headIds);
}

/** Whether two policies judge files alike: the same levels and options for every rule, and the same minimum confidence. */
export const sameRules = (a: ResolvedPolicy, b: ResolvedPolicy): boolean =>
  JSON.stringify(a.rules) === JSON.stringify(b.rules) && a.settings['guidance-min-confidence'] === b.settings['guidance-min-confidence'];

/**
 * The check at a base revision, reduced to a snapshot. Given the head's check under the same rules, only the
 * folders whose agent files differ are read and judged; the others' findings are the head's, which are the
 * same findings, so a pull request that changes a few files costs a few files.
 */
export function checkBase(base: AgentFilesAt, policy: ResolvedPolicy, today: string, head?: HeadCheck, repository?: string): BaseSnapshot {
  const named = repository ? { repository } : {};
  if (!head || !sameRules(head.result.policy, policy))
    return snapshotOf(lint({ ...base.read(base.paths), committedFiles: base.committedFiles, policy, today, ...named }));
  const same = foldersUnchangedSince(base, head);
  const before = findingsBeforeExceptions(head.result);
  // A finding with a related place in another folder (an allowed runner and the script it starts) depends on both.
  for (const f of before) if (f.related?.some((r) => !same.has(folderOf(r.file)))) same.delete(folderOf(f.file));
  // A skill's resources are read as guidance only as its SKILL.md names them: nothing below a changed skill's folder
  // is carried, and a changed resource is read with its skill.
  const within = (path: string, folder: string): boolean => folder === '' || path.startsWith(`${folder}/`);
  const skills = [...base.paths, ...head.files.map((f) => f.path), ...head.unreadable.map((f) => f.path)].filter(isSkillFile);
  for (const skill of new Set(skills.map(folderOf))) {
    if (!same.has(skill)) for (const folder of same) if (within(folder, skill)) same.delete(folder);
  }
  // A hook runs the scripts its file names: the file's findings depend on the scripts' folders too. A script is looked
  // for on both sides (one the head removed or linked away was run at the base).
  const bothPaths = [...new Set([...base.paths, ...head.files.map((f) => f.path), ...head.unreadable.map((f) => f.path)])];
  for (const [file, scripts] of hookScriptsByFile(head.files, () => bothPaths))
    if (scripts.some((script) => !same.has(folderOf(script)))) same.delete(folderOf(file));
  const unchanged = (path: string): boolean => same.has(folderOf(path));
  const carried = { findings: before.filter((f) => unchanged(f.file)), paths: base.paths.filter(unchanged) };
  const changed = base.paths.filter((path) => !unchanged(path));
  const namingSkills = base.paths.filter((path) => isSkillFile(path) && unchanged(path) && changed.some((c) => within(c, folderOf(path))));
  // Scripts an allowed runner starts come from the nearest folder at or above the config's: read them with it.
  const folders = new Set(changed.map(folderOf));
  const above = (folder: string): boolean => [...folders].some((f) => f === folder || within(f, folder));
  const runners = base.paths.filter((path) => unchanged(path) && isRunnerFile(path) && above(folderOf(path)));
  // A prompt a launcher hands an agent is guidance only as a launcher hands it over: a changed prompt is read with the
  // unchanged launchers that name it. (One that starts or stops naming it changes the prompt's listing, so its folder.)
  const launchers = namedPrompts(head.files, () => bothPaths)
    .files.filter((p) => unchanged(p.launcher) && !unchanged(p.path))
    .map((p) => p.launcher);
  const read = base.read([...new Set([...changed, ...runners, ...namingSkills, ...launchers])]);
  // A changed hook file is read with the scripts it names, as they are at the base.
  const taken = new Set(read.files.map((f) => f.path));
  const scripts = namedHookScripts(read.files, () => base.paths).filter((path) => !taken.has(path));
  const more = scripts.length === 0 ? undefined : base.read(scripts);
  return snapshotOf(
    lint({
      files: more ? [...read.files, ...more.files] : read.files,
      unreadable: more ? [...read.unreadable, ...more.unreadable] : read.unreadable,
      committedFiles: base.committedFiles,
      policy,
      today,
      carried,
      ...named,
    }),
  );
}
