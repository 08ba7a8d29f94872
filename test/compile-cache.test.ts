import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { privateCompileCacheDir } from '../src/compile-cache.js';

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
const named = (tmp: string) => join(tmp, `agent-policy-compile-cache-${String(uid)}`);

describe.skipIf(process.platform === 'win32')("the folder Node's compile cache is kept in", () => {
  it('is made for this user alone (mode 700) and used again on the next run', () => {
    const tmp = fresh();
    expect(privateCompileCacheDir(tmp, uid)).toBe(named(tmp));
    expect(statSync(named(tmp)).mode & 0o777).toBe(0o700);
    expect(privateCompileCacheDir(tmp, uid)).toBe(named(tmp));
  });

  it('is not used when someone else made it first, when others may write to it, or when it is a link or a file', () => {
    const others = fresh();
    mkdirSync(named(others), { mode: 0o700 });
    expect(privateCompileCacheDir(others, uid + 1)).toBeUndefined();
    const open = fresh();
    mkdirSync(named(open));
    chmodSync(named(open), 0o777);
    expect(privateCompileCacheDir(open, uid)).toBeUndefined();
    chmodSync(named(open), 0o750);
    expect(privateCompileCacheDir(open, uid)).toBeUndefined();
    const linked = fresh();
    mkdirSync(join(linked, 'planted'), { mode: 0o700 });
    symlinkSync(join(linked, 'planted'), named(linked));
    expect(privateCompileCacheDir(linked, uid)).toBeUndefined();
    const file = fresh();
    writeFileSync(named(file), '');
    expect(privateCompileCacheDir(file, uid)).toBeUndefined();
    expect(privateCompileCacheDir(join(file, 'missing', 'deeper'), uid)).toBeUndefined();
  });

  it('dist/cli.js keeps compiled code there, never in the machine-wide <tmp>/node-compile-cache, and runs without it when the folder is not safe', () => {
    const env: NodeJS.ProcessEnv & { TMPDIR: string } = { ...process.env, TMPDIR: fresh() };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--version'], { encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(env.TMPDIR, 'node-compile-cache'))).toBe(false);
    expect(readdirSync(named(env.TMPDIR)).length).toBeGreaterThan(0);

    const open = { ...env, TMPDIR: fresh() };
    mkdirSync(named(open.TMPDIR));
    chmodSync(named(open.TMPDIR), 0o777);
    const unsafe = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--version'], { encoding: 'utf8', env: open });
    expect(unsafe.status, unsafe.stderr).toBe(0);
    expect(unsafe.stdout).toBe(run.stdout);
    expect(readdirSync(named(open.TMPDIR))).toEqual([]);
    expect(existsSync(join(open.TMPDIR, 'node-compile-cache'))).toBe(false);
  });
});
