import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import { isTable, own } from '../walk.js';
import { repositoryFolder } from './repository-paths.js';

/** Which workspaces a runner option selects: the values of `-w`/`--filter`, or `all` (`--workspaces`, `-r`). */
export type WorkspaceSelection = readonly string[] | 'all';

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

/** A pnpm or Yarn name selector with `*` as a wildcard (`@scope/*`), as a test. */
const namePattern = (selector: string): RegExp =>
  new RegExp(
    `^${selector
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^]*')}$`,
  );

/**
 * The workspaces a runner command from `folder` selects, among the folders below it that hold a `package.json`
 * (every such folder counts, declared in `workspaces` or not): by path (`-w packages/web`; a parent folder selects
 * those inside it, https://docs.npmjs.com/cli/using-npm/workspaces; a `./` glob those inside the folder before
 * its first `*`), by package name (`-w @acme/web`, `--filter web`, `@acme/*`), or all. pnpm's `...` and `^`
 * graph marks are dropped and a `!` exclusion selects nothing; a selector of changed packages (`[origin/main]`),
 * and one too long or with too many wildcards to match safely, select all.
 */
export function workspaceFolders(files: readonly SourceFile[]): (folder: string, selection: WorkspaceSelection) => Workspaces {
  const packages = files.filter((f) => f.path.endsWith('/package.json'));
  const names = new Map<string, string | undefined>();
  const nameIn = (file: SourceFile): string | undefined => {
    if (!names.has(file.path)) {
      const parsed = parseJson(file.text, true);
      const name = parsed.ok && isTable(parsed.value) ? own(parsed.value, 'name') : undefined;
      names.set(file.path, typeof name === 'string' ? name : undefined);
    }
    return names.get(file.path);
  };
  return (folder, selection) => {
    const below = packages
      .filter((f) => folder === '' || f.path.startsWith(`${folder}/`))
      .map((f) => ({ file: f, at: f.path.slice(0, f.path.lastIndexOf('/')) }));
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
        const byPath =
          star < 0 ? repositoryFolder(folder, path) : path.startsWith('./') ? repositoryFolder(folder, path.slice(0, star)) : undefined;
        const byName = namePattern(s);
        return [
          (p) =>
            (byPath !== undefined && (p.at === byPath || p.at.startsWith(`${byPath}/`))) ||
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
