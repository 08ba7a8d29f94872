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
