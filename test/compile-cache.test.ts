import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { privateCompileCacheDir, userCacheHome } from '../src/compile-cache.js';

const root = join(import.meta.dirname, '..');
const uid = process.getuid?.() ?? 1000;
const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ap-cc-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const named = (home: string) => join(home, 'agent-policy', 'compile-cache');

describe("the folder Node's compile cache is kept in", () => {
  it("is the user's own cache folder: XDG_CACHE_HOME when absolute, else ~/.cache; LOCALAPPDATA on Windows", () => {
    expect(userCacheHome({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/a')).toBe('/x/cache');
    expect(userCacheHome({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/a')).toBe(join('/home/a', '.cache'));
    expect(userCacheHome({}, 'darwin', '/Users/a')).toBe(join('/Users/a', '.cache'));
    expect(userCacheHome({}, 'linux', '')).toBeUndefined();
    expect(userCacheHome({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Local');
    expect(userCacheHome({}, 'win32', 'C:\\Users\\a')).toBeUndefined();
  });
});

describe.skipIf(process.platform === 'win32')("the compile cache's folder on POSIX", () => {
  it('is made for this user alone (mode 700) and used again on the next run', () => {
    const home = fresh();
    expect(privateCompileCacheDir(home, uid)).toBe(named(home));
    expect(statSync(named(home)).mode & 0o777).toBe(0o700);
    expect(privateCompileCacheDir(home, uid)).toBe(named(home));
  });

  it('is not used when someone else made it, when others may write to it, or when it is a link or a file', () => {
    const others = fresh();
    mkdirSync(named(others), { recursive: true, mode: 0o700 });
    expect(privateCompileCacheDir(others, uid + 1)).toBeUndefined();
    const open = fresh();
    mkdirSync(named(open), { recursive: true });
    chmodSync(named(open), 0o777);
    expect(privateCompileCacheDir(open, uid)).toBeUndefined();
    chmodSync(named(open), 0o750);
    expect(privateCompileCacheDir(open, uid)).toBeUndefined();
    const linked = fresh();
    mkdirSync(join(linked, 'planted'), { mode: 0o700 });
    mkdirSync(join(linked, 'agent-policy'));
    symlinkSync(join(linked, 'planted'), named(linked));
    expect(privateCompileCacheDir(linked, uid)).toBeUndefined();
    const file = fresh();
    mkdirSync(join(file, 'agent-policy'));
    writeFileSync(named(file), '');
    expect(privateCompileCacheDir(file, uid)).toBeUndefined();
    expect(privateCompileCacheDir(join(file, 'agent-policy', 'compile-cache', 'deeper'), uid)).toBeUndefined();
  });

  it('dist/cli.js keeps compiled code there, never in the machine-wide <tmp>/node-compile-cache, and runs without it when the folder is not safe', () => {
    const env: NodeJS.ProcessEnv & { TMPDIR: string; XDG_CACHE_HOME: string } = {
      ...process.env,
      TMPDIR: fresh(),
      XDG_CACHE_HOME: fresh(),
    };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--version'], { encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(env.TMPDIR, 'node-compile-cache'))).toBe(false);
    expect(readdirSync(named(env.XDG_CACHE_HOME)).length).toBeGreaterThan(0);

    const open = { ...env, XDG_CACHE_HOME: fresh() };
    mkdirSync(named(open.XDG_CACHE_HOME), { recursive: true });
    chmodSync(named(open.XDG_CACHE_HOME), 0o777);
    const unsafe = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--version'], { encoding: 'utf8', env: open });
    expect(unsafe.status, unsafe.stderr).toBe(0);
    expect(unsafe.stdout).toBe(run.stdout);
    expect(readdirSync(named(open.XDG_CACHE_HOME))).toEqual([]);
    expect(existsSync(join(open.TMPDIR, 'node-compile-cache'))).toBe(false);
  });
});
