import { repositoryFolder } from '../scripts/repository-paths.js';
import type { WorkspaceManager, WorkspaceSelection } from '../scripts/workspaces.js';

/** Options of the runners that take a value as the next word, and which of them name the folder the runner works in. */
const FOLDER_OPTIONS: Record<string, readonly string[]> = {
  npm: ['--prefix', '-C'],
  pnpm: ['-C', '--dir'],
  yarn: ['--cwd'],
  bun: ['--cwd'],
  make: ['-C', '--directory'],
  gmake: ['-C', '--directory'],
  just: ['-d', '--working-directory'],
  task: ['-d', '--dir'],
};
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  npm: ['--loglevel'],
  pnpm: ['--loglevel'],
  yarn: ['--include', '--exclude', '--from', '-j', '--jobs'],
  bun: [],
  make: ['-f', '--file', '--makefile', '-I', '--include-dir', '-j', '--jobs', '-o', '-W'],
  gmake: ['-f', '--file', '--makefile', '-I', '--include-dir', '-j', '--jobs', '-o', '-W'],
  just: ['-f', '--justfile', '--set', '--shell'],
  task: ['-t', '--taskfile', '--output', '-o'],
};
/**
 * Options that select workspaces by name or path, and flags that select them all: npm's `-w`/`--workspace` and
 * `-ws`/`--workspaces` (https://docs.npmjs.com/cli/using-npm/config#workspace), pnpm's `--filter` and
 * `--recursive` (https://pnpm.io/filtering), Bun's `--filter` (https://bun.com/docs/pm/filter).
 */
const WORKSPACE_OPTIONS: Record<string, readonly string[]> = {
  npm: ['-w', '--workspace'],
  pnpm: ['-F', '--filter'],
  bun: ['-F', '--filter'],
};
const ALL_WORKSPACES: Record<string, readonly string[]> = { npm: ['-ws', '--workspaces'], pnpm: ['-r', '--recursive'] };

/** npm's other names for its commands (`npm rum x`, `npm t`). */
const NPM_ALIASES: Record<string, string> = { rum: 'run', urn: 'run', 'run-script': 'run', t: 'test', tst: 'test' };
/** The scripts `npm ci` and `npm install` run in the project they install. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** A runner's command as the invocations of its scripts read (options dropped), with the folder it works in. */
export interface RunnerCall {
  words: string[];
  /** The repository folder it runs in; undefined when it leaves the repository or cannot be read. */
  folder: string | undefined;
  /**
   * The workspaces below that folder it runs in instead (`npm run x -w web`), whether the folder's own too, and the
   * package manager that declares them.
   */
  workspaces?: { selection: WorkspaceSelection; andRoot: boolean; manager: WorkspaceManager };
}

/**
 * What a started command runs through a runner, from `folder`: `corepack` dropped, options before and after the
 * script's name dropped, a folder option (`npm --prefix dir`, `make -C dir`, `pnpm -C dir`) applied, workspace
 * options named (`-w web`, `--filter web`, `yarn workspace web`), npm's aliases named as `run`, `test`, and `npm ci`
 * / `npm install` as the lifecycle scripts they run. Other commands as given.
 */
export function runnerCalls(started: readonly string[], folder: string): RunnerCall[] {
  const words = started[0] === 'corepack' ? started.slice(1) : started;
  const runner = words[0];
  if (runner === undefined || !(runner in FOLDER_OPTIONS)) return [{ words: [...words], folder }];
  let at: string | undefined = folder;
  const kept = [runner];
  const selected: string[] = [];
  let all = false;
  let andRoot = false;
  for (let i = 1; i < words.length && i < 64; i++) {
    const word = words[i]!;
    if (word === '--') {
      kept.push(...words.slice(i));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      kept.push(word);
      continue;
    }
    const [name, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const moves = FOLDER_OPTIONS[runner]!.includes(name);
    const selects = WORKSPACE_OPTIONS[runner]?.includes(name) === true;
    const takes = moves || selects || VALUE_OPTIONS[runner]!.includes(name);
    const value = inline ?? (takes ? words[++i] : undefined);
    if (moves) at = value === undefined || at === undefined ? undefined : repositoryFolder(at, value);
    if (selects && value !== undefined) selected.push(value);
    if (ALL_WORKSPACES[runner]?.includes(name) === true && inline !== 'false') all = true;
    if (runner === 'npm' && name === '--include-workspace-root' && inline !== 'false') andRoot = true;
  }
  // Yarn: `yarn workspace <name> <command>`; `yarn workspaces foreach … run <script>` and Yarn 1's `yarn workspaces
  // run <script>` run in every workspace (https://yarnpkg.com/cli/workspaces/foreach).
  if (runner === 'yarn' && kept[1] === 'workspace' && kept.length >= 4) {
    selected.push(kept[2]!);
    kept.splice(1, 2);
  } else if (runner === 'yarn' && kept[1] === 'workspaces' && (kept[2] === 'foreach' || kept[2] === 'run')) {
    // `foreach` runs in the current workspace and those below it.
    all = true;
    andRoot = kept[2] === 'foreach';
    kept.splice(1, kept[2] === 'foreach' ? 2 : 1);
  }
  const workspaces =
    all || selected.length > 0
      ? {
          workspaces: {
            selection: selected.length > 0 ? selected : ('all' as const),
            andRoot,
            manager: runner === 'pnpm' ? ('pnpm' as const) : ('npm' as const),
          },
        }
      : {};
  if (runner === 'npm' && kept[1] !== undefined) kept[1] = NPM_ALIASES[kept[1]] ?? kept[1];
  if ((runner === 'npm' || runner === 'pnpm') && (kept[1] === 'ci' || kept[1] === 'install' || kept[1] === 'i') && kept.length === 2)
    return INSTALL_SCRIPTS.map((name) => ({ words: ['npm', 'run', name], folder: at, ...workspaces }));
  if (runner === 'npm' && kept[1] === 'restart' && kept.length === 2)
    return ['restart', 'stop', 'start'].map((name) => ({ words: ['npm', 'run', name], folder: at, ...workspaces }));
  return [{ words: kept, folder: at, ...workspaces }];
}

/** The folder a `cd` command moves to from `folder`; undefined when it leaves the repository or cannot be read. */
export function cdTo(words: readonly string[], folder: string | undefined): string | undefined {
  const target = words.slice(1).filter((w) => w !== '--');
  if (folder === undefined || target.length !== 1 || target[0]!.startsWith('-')) return undefined;
  return repositoryFolder(folder, target[0]!);
}
