/**
 * A kind of file an agent reads, as a path glob that matches in any folder and in any letter case (agents on
 * macOS and Windows open `.Codex/Config.toml` for `.codex/config.toml`). Segments are separated by `/`; in a
 * segment `*` is any run of characters, `?` one character and `{a,b}` either text; a `**` segment is any
 * number of folders.
 */
export interface AgentPath {
  readonly glob: string;
  /** Whether the repo-relative `path` is such a file, as committed or as a dotfiles repository installs it. */
  test(path: string): boolean;
  /** How `path` is such a file only through a dotfiles layout (`dot_codex/config.toml`); undefined otherwise. */
  installedAs(path: string): Installed | undefined;
  /**
   * Whether a folder at `path` holds such files because of its own name: `.codex` and `a/.codex` for
   * `.codex/config.toml`, `.github/instructions/ts` for `.github/instructions/**\/*.instructions.md`, not `src`;
   * under a dotfiles name too (`dot_codex`, `dot-codex`).
   */
  isFolderOf(path: string): boolean;
  /** The first folder's name as a regular expression source (`\\.codex`), when the glob has a folder. */
  readonly firstFolder: string | undefined;
  /** The file name's forms, `{…}` expanded, in lower case: `opencode.{json,jsonc}` gives `opencode.json`, `opencode.jsonc`. */
  readonly names: readonly string[];
}

import { installedAs, type Installed } from './dotfiles.js';

const escape = (text: string): string => text.replace(/[.+^$()|[\]\\]/g, '\\$&');

/** One segment's text as a regular expression source, without anchors. */
function segmentSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = segment.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in ${segment}`);
      out += `(?:${segment
        .slice(i + 1, end)
        .split(',')
        .map(escape)
        .join('|')})`;
      i = end;
    } else out += escape(c);
  }
  return out;
}

/** A segment's forms with each `{a,b}` expanded (the globs here are few and short). */
function expandBraces(segment: string): string[] {
  const open = segment.indexOf('{');
  if (open < 0) return [segment];
  const close = segment.indexOf('}', open);
  if (close < 0) throw new Error(`unclosed { in ${segment}`);
  const rest = expandBraces(segment.slice(close + 1));
  return segment
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => rest.map((r) => `${segment.slice(0, open)}${choice}${r}`));
}

export function agentPath(glob: string): AgentPath {
  const segments = glob.split('/');
  if (segments[0] === '**' || segments.at(-1) === '**') throw new Error(`${glob}: ** stands between folders only`);
  const whole = new RegExp(
    `(?:^|/)${segments
      .map((s) => (s === '**' ? '(?:[^/]+/)*' : `${segmentSource(s)}/`))
      .join('')
      .slice(0, -1)}$`,
    'i',
  );
  const folders = segments.slice(0, -1).map((s) => (s === '**' ? s : new RegExp(`^${segmentSource(s)}$`, 'i')));
  // Whether `names[i..]` are the first folders of the glob from `folders[j]` on (the file's name still to come).
  const fits = (names: readonly string[], i: number, j: number): boolean => {
    if (i === names.length) return true;
    const folder = folders[j];
    if (folder === undefined) return false;
    if (folder === '**') return fits(names, i, j + 1) || fits(names, i + 1, j);
    return folder.test(names[i]!) && fits(names, i + 1, j + 1);
  };
  const isFolder = (path: string): boolean => {
    const names = path.split('/');
    for (let start = 0; start < names.length; start++) if (fits(names, start, 0)) return true;
    return false;
  };
  const viaDotfiles = (path: string): Installed | undefined => {
    const installed = installedAs(path);
    return installed !== undefined && whole.test(installed.path) ? installed : undefined;
  };
  return {
    glob,
    firstFolder: segments.length > 1 ? segmentSource(segments[0]!) : undefined,
    names: expandBraces(segments.at(-1)!).map((name) => name.toLowerCase()),
    test: (path) => whole.test(path) || viaDotfiles(path) !== undefined,
    installedAs: (path) => (whole.test(path) ? undefined : viaDotfiles(path)),
    isFolderOf: (path) => {
      if (isFolder(path)) return true;
      // Only a dotfiles name says a folder is the agent's: a link or submodule named `codex` may be anything.
      const installed = installedAs(path, true);
      return installed !== undefined && installed.by !== 'folder' && isFolder(installed.path);
    },
  };
}

/**
 * A cheap first test for `isFolderOf` over many globs: one regular expression for whether any folder of
 * `path` is named like the first folder of one of them (a folder of agent files always holds that one), as
 * committed or under a dotfiles name (`dot_codex`, `private_dot_claude`, `dot-codex`).
 */
export function folderPrefilter(paths: readonly AgentPath[]): (path: string) => boolean {
  const firsts = [...new Set(paths.flatMap((p) => (p.firstFolder === undefined ? [] : [p.firstFolder])))].map((first) =>
    first.startsWith('\\.') ? `(?:\\.|(?:[a-z]+_)*dot_|dot-)${first.slice(2)}` : first,
  );
  const re = new RegExp(`(?:^|/)(?:${firsts.join('|')})(?:/|$)`, 'i');
  return (path) => re.test(path);
}

const NO_GROUPS: readonly number[] = [];
/** Two ascending lists of group indexes as one, each index once. */
const union = (a: readonly number[], b: readonly number[]): readonly number[] =>
  b.length === 0 ? a : a.length === 0 ? b : [...new Set([...a, ...b])].sort((x, y) => x - y);

/**
 * A cheap first test over groups of globs: the indexes of the groups that have a glob a path's file name could
 * match, ascending. A file name matches a glob's name in letter case only (ASCII, the `i` flag's folding, so lower
 * case is enough to compare), and a name with `*` or `?` by how it ends; a dotfiles path is also tested by the
 * name it installs as. An index says only "maybe": the group's own test decides. The lists are shared: read only.
 */
export function byFileName(groups: readonly (readonly AgentPath[])[]): (path: string) => readonly number[] {
  const exact = new Map<string, number[]>();
  const endings: { ending: string; group: number }[] = [];
  groups.forEach((paths, i) => {
    for (const name of paths.flatMap((p) => p.names)) {
      const wild = Math.max(name.lastIndexOf('*'), name.lastIndexOf('?'));
      const known = exact.get(name);
      if (wild >= 0) endings.push({ ending: name.slice(wild + 1), group: i });
      else if (known === undefined) exact.set(name, [i]);
      else if (known.at(-1) !== i) known.push(i);
    }
  });
  const groupsOf = (path: string): readonly number[] => {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const named = exact.get(name) ?? NO_GROUPS;
    let more: number[] | undefined;
    for (const { ending, group } of endings) {
      if (name.endsWith(ending) && !named.includes(group) && !more?.includes(group)) (more ??= []).push(group);
    }
    return more === undefined ? named : union(named, more);
  };
  return (path) => {
    const installed = installedAs(path);
    return installed === undefined ? groupsOf(path) : union(groupsOf(path), groupsOf(installed.path));
  };
}
