import { repositoryFolder } from '../scripts/launchers.js';

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
  npm: ['-w', '--workspace', '--loglevel'],
  pnpm: ['-F', '--filter', '--loglevel'],
  yarn: [],
  bun: [],
  make: ['-f', '--file', '--makefile', '-I', '--include-dir', '-j', '--jobs', '-o', '-W'],
  gmake: ['-f', '--file', '--makefile', '-I', '--include-dir', '-j', '--jobs', '-o', '-W'],
  just: ['-f', '--justfile', '--set', '--shell'],
  task: ['-t', '--taskfile', '--output', '-o'],
};
/** npm's other names for its commands (`npm rum x`, `npm t`). */
const NPM_ALIASES: Record<string, string> = { rum: 'run', urn: 'run', 'run-script': 'run', t: 'test', tst: 'test' };
/** The scripts `npm ci` and `npm install` run in the project they install. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** A runner's command as the invocations of its scripts read (options dropped), with the folder it works in. */
export interface RunnerCall {
  words: string[];
  /** The repository folder it runs in; undefined when it leaves the repository or cannot be read. */
  folder: string | undefined;
}

/**
 * What a started command runs through a runner, from `folder`: `corepack` dropped, options before and after the
 * script's name dropped, a folder option (`npm --prefix dir`, `make -C dir`, `pnpm -C dir`) applied, npm's aliases
 * named as `run`, `test`, and `npm ci` / `npm install` as the lifecycle scripts they run. Other commands as given.
 */
export function runnerCalls(started: readonly string[], folder: string): RunnerCall[] {
  const words = started[0] === 'corepack' ? started.slice(1) : started;
  const runner = words[0];
  if (runner === undefined || !(runner in FOLDER_OPTIONS)) return [{ words: [...words], folder }];
  let at: string | undefined = folder;
  const kept = [runner];
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
    const takes = moves || VALUE_OPTIONS[runner]!.includes(name);
    const value = inline ?? (takes ? words[++i] : undefined);
    if (moves) at = value === undefined || at === undefined ? undefined : repositoryFolder(at, value);
  }
  if (runner === 'npm' && kept[1] !== undefined) kept[1] = NPM_ALIASES[kept[1]] ?? kept[1];
  if ((runner === 'npm' || runner === 'pnpm') && (kept[1] === 'ci' || kept[1] === 'install' || kept[1] === 'i') && kept.length === 2)
    return INSTALL_SCRIPTS.map((name) => ({ words: ['npm', 'run', name], folder: at }));
  if (runner === 'npm' && kept[1] === 'restart' && kept.length === 2)
    return ['restart', 'stop', 'start'].map((name) => ({ words: ['npm', 'run', name], folder: at }));
  return [{ words: kept, folder: at }];
}

/** The folder a `cd` command moves to from `folder`; undefined when it leaves the repository or cannot be read. */
export function cdTo(words: readonly string[], folder: string | undefined): string | undefined {
  const target = words.slice(1).filter((w) => w !== '--');
  if (folder === undefined || target.length !== 1 || target[0]!.startsWith('-')) return undefined;
  return repositoryFolder(folder, target[0]!);
}
