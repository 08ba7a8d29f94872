import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where git finds the repository of a checked folder. Git never searches for it: a folder of the checked
 * repository that looks like a bare repository (its own `config` with `core.fsmonitor`, `core.pager`, ...)
 * would otherwise be taken for the repository and run its commands.
 */
export interface GitRepository {
  /** The `.git` folder or file (a linked work tree's), or a bare repository. */
  gitDir: string;
  /** Undefined for a bare repository. */
  workTree?: string;
}

const isDir = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/** A bare repository's own files: what `git init --bare` writes. */
const looksBare = (dir: string): boolean => isFile(join(dir, 'HEAD')) && isDir(join(dir, 'objects')) && isDir(join(dir, 'refs'));

const found = new Map<string, GitRepository>();

/**
 * The repository of `dir`: the nearest folder at or above it with a `.git` (which git never lets a commit
 * contain), else `dir` itself when it is a bare repository and no work tree encloses it; looked up once.
 */
export function findRepository(dir: string): GitRepository | undefined {
  const start = resolve(dir);
  const known = found.get(start);
  if (known) return known;
  let repo: GitRepository | undefined;
  for (let at = start; ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    if (isDir(dotGit) || (isFile(dotGit) && readFileSync(dotGit, 'utf8').startsWith('gitdir: '))) {
      repo = { gitDir: dotGit, workTree: at };
      break;
    }
    if (dirname(at) === at) break;
  }
  if (!repo && looksBare(start)) repo = { gitDir: start };
  // Only a repository found is kept: a folder may become one later in the same process (tests, `init`).
  if (repo) found.set(start, repo);
  return repo;
}

/** A checked folder: the top of its repository's work tree, and the folder's path from there. */
export interface Checkout {
  /** The work tree's top folder; the folder itself outside a work tree (or for a bare repository). */
  root: string;
  /** The checked folder relative to `root` with `/` separators; empty when it is `root`. */
  scope: string;
}

/**
 * Where the repository of `dir` starts, found as `findRepository` does (no git runs, nothing of the repository
 * is executed): a folder inside a work tree is checked as part of it, so paths stay repository-relative.
 */
export function locateCheckout(dir: string): Checkout {
  const at = resolve(dir);
  const top = findRepository(at)?.workTree;
  if (top !== undefined) {
    const rel = relative(top, at);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return { root: top, scope: rel.split(sep).join('/') };
  }
  return { root: at, scope: '' };
}

/**
 * Configuration that would run a command, neutralised for every call: the repository's own `config` (and
 * the files it includes) is read by git, and any of these set there would otherwise run. Later `-c` values win.
 * Diff drivers (`diff.external`, textconv) are off in the plumbing used here; filters run only on checkout.
 */
export const SAFE_GIT_ARGS: readonly string[] = [
  '-c',
  'safe.bareRepository=explicit',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.pager=cat',
  '-c',
  'core.editor=false',
  '-c',
  'core.askPass=',
  '-c',
  'core.sshCommand=false',
  '-c',
  'gpg.program=false',
  '-c',
  'sequence.editor=false',
  '-c',
  'gc.auto=0',
  '-c',
  'maintenance.auto=false',
  '-c',
  'submodule.recurse=false',
];

/** Variables that redirect git or run something of the caller's choice; cleared, whatever else the caller sets. */
const isRedirecting = (name: string): boolean =>
  name.startsWith('GIT_') || name === 'SSH_ASKPASS' || name === 'PAGER' || name === 'EDITOR' || name === 'VISUAL';

/**
 * The environment for git: the caller's, without any `GIT_*` variable (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
 * GIT_CONFIG*, GIT_EXEC_PATH, GIT_SSH*, GIT_ASKPASS, pathspec modes, ...), with replacement refs ignored
 * (`refs/replace` would change what a commit holds), no prompts and no optional locks.
 */
export function gitEnv(repo?: GitRepository, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!isRedirecting(name)) env[name] = value;
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_NO_REPLACE_OBJECTS = '1';
  env.GIT_TERMINAL_PROMPT = '0';
  if (repo) env.GIT_CEILING_DIRECTORIES = dirname(repo.workTree ?? repo.gitDir);
  return env;
}

/** `git` arguments for `repo`: the repository named explicitly, no pager, the safe configuration, then `args`. */
export function gitArgs(repo: GitRepository, args: readonly string[]): string[] {
  return [
    '--no-pager',
    `--git-dir=${repo.gitDir}`,
    ...(repo.workTree === undefined ? [] : [`--work-tree=${repo.workTree}`]),
    ...SAFE_GIT_ARGS,
    ...args,
  ];
}

/** The most a git call may print: 1 GiB. */
const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;

export class NoRepositoryError extends Error {
  constructor(dir: string) {
    super(`${dir} is not in a git repository`);
  }
}

/**
 * Runs git on the repository of `cwd` (paths relative to `cwd`) with the safe options and environment above;
 * its error output is dropped. `env` adds variables (e.g. a pathspec mode) after the cleaning.
 */
export function runGit(cwd: string, args: readonly string[], input?: string, env: NodeJS.ProcessEnv = {}): Buffer {
  const repo = findRepository(cwd);
  if (!repo) throw new NoRepositoryError(cwd);
  return execFileSync('git', gitArgs(repo, args), {
    cwd,
    input,
    maxBuffer: MAX_GIT_OUTPUT,
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...gitEnv(repo), ...env },
  });
}

/**
 * `runGit` without waiting, for output of NUL-terminated records (`-z`): whole records go to `records` as git prints
 * them, a run at a time (NUL-separated, without the last NUL), and no more than one pipe read of the output is held
 * at once, however much git prints (up to the bound). Resolves whether git succeeded (false without a repository);
 * never rejects.
 */
export function streamGitRecords(cwd: string, args: readonly string[], records: (text: string) => void): Promise<boolean> {
  return new Promise((done) => {
    let child: ChildProcess;
    try {
      const repo = findRepository(cwd);
      if (!repo) {
        done(false);
        return;
      }
      child = spawn('git', gitArgs(repo, args), { cwd, env: gitEnv(repo), stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      // Some failures to start (a `cwd` that is not a folder) are thrown rather than reported.
      done(false);
      return;
    }
    let rest: Buffer | undefined;
    let printed = 0;
    let failed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.length;
      if (failed || printed > MAX_GIT_OUTPUT) {
        failed = true;
        child.kill();
        return;
      }
      const end = chunk.lastIndexOf(0);
      if (end < 0) {
        rest = rest ? Buffer.concat([rest, chunk]) : chunk;
        return;
      }
      // A NUL byte is never part of a UTF-8 character, so the text up to the last one decodes whole.
      const head = rest ? Buffer.concat([rest, chunk.subarray(0, end)]) : chunk.subarray(0, end);
      rest = end + 1 < chunk.length ? chunk.subarray(end + 1) : undefined;
      if (head.length > 0) records(head.toString('utf8'));
    });
    child.on('error', () => {
      failed = true;
      done(false);
    });
    child.on('close', (code) => {
      if (!failed && code === 0 && rest !== undefined) records(rest.toString('utf8'));
      done(!failed && code === 0);
    });
  });
}
