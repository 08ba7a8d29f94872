import type { SourceFile } from '../../core/types.js';
import { plainGlobMatcher } from '../../sources/globs.js';
import { parseJson } from '../../sources/json.js';
import { parseYamlText } from '../../sources/yaml.js';
import { isTable, own } from '../walk.js';
import { repositoryFolder } from './repository-paths.js';

/** Which workspaces a runner option selects: the values of `-w`/`--filter`, or `all` (`--workspaces`, `-r`). */
export type WorkspaceSelection = readonly string[] | 'all';

/** Whose workspaces an option selects: pnpm's (pnpm-workspace.yaml) or npm's, Yarn's and Bun's (package.json). */
export type WorkspaceManager = 'npm' | 'pnpm';

/** The folders a workspace option selects, and why some were left out (more than the bound). */
export interface Workspaces {
  folders: string[];
  cut?: string;
}

/** The most workspace folders one runner command is followed into. */
const MAX_WORKSPACES = 200;
/** A selector is matched as a pattern up to this length and number of `*` (each `*` multiplies the backtracking). */
const MAX_SELECTOR = 200;
const MAX_WILDCARDS = 4;
/** The most folder globs of a workspace declaration matched as globs. */
const MAX_WORKSPACE_GLOBS = 100;

/** A pnpm or Yarn name selector with `*` as a wildcard (`@scope/*`), as a test. */
const namePattern = (selector: string): RegExp =>
  new RegExp(
    `^${selector
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^]*')}$`,
  );

const EVERY_FOLDER = (): boolean => true;
const NO_FOLDER = (): boolean => false;

/** The folder globs a declaration lists, exclusions (`!…`) left out: they can only narrow. */
const globsIn = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string' && g !== '' && !g.startsWith('!')) : [];

/** Globs as a test of a folder relative to the project's; every folder when they cannot be matched safely. */
const folderTest = (globs: readonly string[]): ((folder: string) => boolean) =>
  globs.length === 0
    ? NO_FOLDER
    : ((globs.length <= MAX_WORKSPACE_GLOBS
        ? plainGlobMatcher(globs.map((glob) => glob.replace(/^\.\//, '').replace(/\/$/, '')))
        : undefined) ?? EVERY_FOLDER);

/** A package.json that cannot be parsed, for `workspaceTest`. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/**
 * Which folders below a project's folder a package manager takes as its workspaces, as a test of the folder relative
 * to the project's. npm's, Yarn's and Bun's: those the project's package.json lists in `workspaces` (a list, or
 * Yarn's `{ packages }`; https://docs.npmjs.com/cli/using-npm/workspaces), none when it lists none. pnpm's: those its
 * pnpm-workspace.yaml lists in `packages` (https://pnpm.io/pnpm-workspace_yaml); without that file, every package
 * below, as pnpm's recursive commands run outside a workspace (https://pnpm.io/cli/recursive). `manifest` is the
 * parsed package.json, `unreadable` when it cannot be parsed. A declaration that cannot be parsed, a glob that is not
 * plain and more than 100 globs count as every folder (fail closed).
 */
export function workspaceTest(
  manifest: unknown,
  pnpmWorkspace: SourceFile | undefined,
  manager: WorkspaceManager,
): (folder: string) => boolean {
  if (manager === 'npm') {
    if (manifest === UNREADABLE) return EVERY_FOLDER;
    const field = isTable(manifest) ? own(manifest, 'workspaces') : undefined;
    return folderTest(globsIn(isTable(field) ? own(field, 'packages') : field));
  }
  if (pnpmWorkspace === undefined) return EVERY_FOLDER;
  const parsed = parseYamlText(pnpmWorkspace.text);
  if (!parsed.ok) return EVERY_FOLDER;
  return folderTest(globsIn(isTable(parsed.value) ? own(parsed.value, 'packages') : undefined));
}

/**
 * The workspaces a runner command from `folder` selects, among the folders below it that its package manager takes as
 * workspaces (`workspaceTest`; every folder below when `folder` holds no package.json): by path (`-w packages/web`; a
 * parent folder selects those inside it, https://docs.npmjs.com/cli/using-npm/workspaces; a `./` glob those inside
 * the folder before its first `*`), by package name (`-w @acme/web`, `--filter web`, `@acme/*`), or all. pnpm's `...`
 * and `^` graph marks are dropped and a `!` exclusion selects nothing; a selector of changed packages
 * (`[origin/main]`), and one too long or with too many wildcards to match safely, select all.
 */
export function workspaceFolders(
  files: readonly SourceFile[],
): (folder: string, selection: WorkspaceSelection, manager: WorkspaceManager) => Workspaces {
  const packages = files.filter((f) => f.path.endsWith('/package.json'));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const parsedJson = new Map<string, unknown>();
  const valueOf = (file: SourceFile): unknown => {
    if (!parsedJson.has(file.path)) {
      const parsed = parseJson(file.text, true);
      parsedJson.set(file.path, parsed.ok ? parsed.value : UNREADABLE);
    }
    return parsedJson.get(file.path);
  };
  const nameIn = (file: SourceFile): string | undefined => {
    const value = valueOf(file);
    const name = isTable(value) ? own(value, 'name') : undefined;
    return typeof name === 'string' ? name : undefined;
  };
  // A folder's workspaces for a package manager, found once however many commands select among them.
  const workspacesOf = new Map<string, { file: SourceFile; at: string }[]>();
  const workspacesBelow = (folder: string, manager: WorkspaceManager): { file: SourceFile; at: string }[] => {
    const key = `${manager}\0${folder}`;
    let found = workspacesOf.get(key);
    if (found) return found;
    const prefix = folder === '' ? '' : `${folder}/`;
    const project = byPath.get(`${prefix}package.json`);
    const isWorkspace =
      project === undefined ? EVERY_FOLDER : workspaceTest(valueOf(project), byPath.get(`${prefix}pnpm-workspace.yaml`), manager);
    found = packages
      .filter((f) => f.path.startsWith(prefix) && f !== project)
      .map((f) => ({ file: f, at: f.path.slice(0, f.path.lastIndexOf('/')) }))
      .filter((p) => isWorkspace(p.at.slice(prefix.length)));
    workspacesOf.set(key, found);
    return found;
  };
  return (folder, selection, manager) => {
    const below = workspacesBelow(folder, manager);
    let chosen: typeof below;
    const unbounded = (s: string): boolean =>
      /^\[|\]$/.test(s.replace(/^\.{3}|\.{3}$/g, '')) || s.length > MAX_SELECTOR || s.split('*').length > MAX_WILDCARDS + 1;
    if (selection === 'all' || selection.some(unbounded)) chosen = below;
    else {
      const tests = selection.flatMap((raw): ((p: (typeof below)[number]) => boolean)[] => {
        const s = raw.replace(/^\.{3}\^?|\^?\.{3}$/g, '');
        if (s === '' || s.startsWith('!')) return [];
        const path = /^\{.*\}$/.test(s) ? s.slice(1, -1) : s;
        // A path glob (`./packages/**`) selects what is inside the folder before its first wildcard.
        const star = path.indexOf('*');
        const inFolder =
          star < 0 ? repositoryFolder(folder, path) : path.startsWith('./') ? repositoryFolder(folder, path.slice(0, star)) : undefined;
        const byName = namePattern(s);
        return [
          (p) =>
            (inFolder !== undefined && (p.at === inFolder || p.at.startsWith(`${inFolder}/`))) ||
            (p.file.text.includes(s.split('*')[0]!) && byName.test(nameIn(p.file) ?? '')),
        ];
      });
      chosen = below.filter((p) => tests.some((t) => t(p)));
    }
    const folders = chosen.map((p) => p.at).sort();
    return folders.length > MAX_WORKSPACES
      ? { folders: folders.slice(0, MAX_WORKSPACES), cut: `it selects more than ${MAX_WORKSPACES} workspaces` }
      : { folders };
  };
}
