import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepository, loadRepositoryAt } from '../src/io/repository.js';
import { fetchCommand, fetchCommit } from '../src/sources/fetch.js';
import { findRepository } from '../src/sources/git.js';
import { makeRepo } from './helpers/repo.js';

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
  });

const FULL = 'sandbox_mode = "danger-full-access"\n';

/** A script that records that it ran, and the configuration that would run it from a repository's config. */
function hostile(): { marker: string; config: string; hooks: string } {
  const dir = makeRepo({}, { git: false });
  const marker = join(dir, 'ran');
  const script = join(dir, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 1\n`);
  chmodSync(script, 0o755);
  const hooks = join(dir, 'hooks');
  mkdirSync(hooks);
  for (const hook of ['reference-transaction', 'post-checkout', 'post-merge', 'pre-auto-gc', 'post-index-change', 'fsmonitor-watchman']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\n'${script}' ${hook}\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  const config = [
    '[core]',
    `\tfsmonitor = ${script}`,
    `\tpager = ${script}`,
    `\thooksPath = ${hooks}`,
    `\tsshCommand = ${script}`,
    `\taskPass = ${script}`,
    `\teditor = ${script}`,
    '[diff]',
    `\texternal = ${script}`,
    '[diff "x"]',
    `\ttextconv = ${script}`,
    '[filter "x"]',
    `\tclean = ${script}`,
    `\tsmudge = ${script}`,
    `\tprocess = ${script}`,
    '[credential]',
    `\thelper = !${script}`,
    '[uploadpack]',
    `\tpackObjectsHook = ${script}`,
    '[remote "origin"]',
    `\tuploadpack = ${script}`,
    `\turl = ${dir}`,
    '',
  ].join('\n');
  return { marker, config, hooks };
}

const ran = (marker: string): string => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

describe('git runs nothing configured in the checked repository', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it("a repository's own .git/config (fsmonitor, pager, diff and filter drivers, hooks) never runs", async () => {
    const { marker, config } = hostile();
    const dir = makeRepo({ '.codex/config.toml': FULL, '.gitattributes': '* filter=x diff=x\n', 'AGENTS.md': 'Be brief.\n' });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(dir, 'AGENTS.md'), 'Be briefer.\n');
    git(dir, 'commit', '-q', '-am', 'change');
    writeFileSync(join(dir, 'CLAUDE.md'), 'untracked\n');
    writeFileSync(join(dir, '.git/config'), `${readFileSync(join(dir, '.git/config'), 'utf8')}${config}`);
    // git itself runs them (the script fails, so git complains): the configuration is live.
    expect(() => execFileSync('git', ['ls-files'], { cwd: dir, stdio: 'ignore' })).not.toThrow();
    expect(ran(marker)).not.toBe('');
    execFileSync('rm', ['-f', marker]);

    const repo = await loadRepository(dir);
    expect(repo.files.map((f) => f.path).sort()).toEqual(['.codex/config.toml', 'AGENTS.md']);
    expect(repo.coverage.untracked).toEqual(['CLAUDE.md']);
    const at = loadRepositoryAt(dir, base);
    expect(at.ok && at.files.read(at.files.paths).files.map((f) => f.text)).toEqual([FULL, 'Be brief.\n']);
    repo.committedFiles();
    expect(ran(marker)).toBe('');
  });

  it('a bare repository committed in the checked folder is never taken for the repository, whatever its config', async () => {
    const { marker, config } = hostile();
    // Its config claims a work tree whose index lists nothing, to hide every agent file, and runs commands.
    const dir = makeRepo({
      'sub/.codex/config.toml': FULL,
      'sub/HEAD': 'ref: refs/heads/main\n',
      'sub/config': `${config}[core]\n\tbare = false\n\tworktree = .\n\trepositoryformatversion = 0\n`,
      'sub/objects/info/keep': '',
      'sub/refs/heads/keep': '',
    });
    const sub = join(dir, 'sub');
    expect(findRepository(sub)).toEqual({ gitDir: join(dir, '.git'), workTree: dir });
    const repo = await loadRepository(sub);
    expect(repo.listing).toBe('git');
    expect(repo.files.map((f) => f.path)).toEqual(['sub/.codex/config.toml']);
    const at = loadRepositoryAt(sub, 'HEAD');
    expect(at.ok && at.files.paths).toEqual(['sub/.codex/config.toml']);
    expect(ran(marker)).toBe('');
  });

  it('GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE and GIT_CONFIG_* in the environment are ignored', async () => {
    const { marker, config } = hostile();
    const other = makeRepo({ 'README.md': 'x\n' });
    writeFileSync(join(other, '.git/config'), `${readFileSync(join(other, '.git/config'), 'utf8')}${config}`);
    const dir = makeRepo({ '.claude/settings.json': '{}\n' });
    Object.assign(process.env, {
      GIT_DIR: join(other, '.git'),
      GIT_WORK_TREE: other,
      GIT_INDEX_FILE: join(other, '.git/index'),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: join(dirname(marker), 'evil.sh'),
      GIT_CONFIG_PARAMETERS: `'core.pager'='${join(dirname(marker), 'evil.sh')}'`,
    });
    const repo = await loadRepository(dir);
    expect(repo.listing).toBe('git');
    expect(repo.files.map((f) => f.path)).toEqual(['.claude/settings.json']);
    const at = loadRepositoryAt(dir, 'HEAD');
    expect(at.ok && at.files.paths).toEqual(['.claude/settings.json']);
    expect(ran(marker)).toBe('');
  });
});

describe('fetchCommit', () => {
  /** A repository, and a bare repository served by file:// holding one more commit. */
  function upstream(): { dir: string; url: string; sha: string; bare: string } {
    const dir = makeRepo({ 'AGENTS.md': 'Be brief.\n' });
    const bare = join(makeRepo({}, { git: false }), 'up.git');
    git(dir, 'clone', '-q', '--bare', dir, bare);
    const work = makeRepo({}, { git: false });
    git(work, 'clone', '-q', bare, 'w');
    writeFileSync(join(work, 'w/.codex.toml'), 'x');
    mkdirSync(join(work, 'w/.codex'));
    writeFileSync(join(work, 'w/.codex/config.toml'), FULL);
    git(join(work, 'w'), 'add', '-A');
    git(join(work, 'w'), 'commit', '-q', '-m', 'base');
    git(join(work, 'w'), 'push', '-q', 'origin', 'HEAD:refs/heads/base');
    return { dir, url: `file://${bare}`, sha: git(join(work, 'w'), 'rev-parse', 'HEAD').trim(), bare };
  }

  it('fetches one commit from the given URL into the repository, running nothing configured there', () => {
    const { marker, config } = hostile();
    const { dir, url, sha } = upstream();
    writeFileSync(join(dir, '.git/config'), `${readFileSync(join(dir, '.git/config'), 'utf8')}${config}`);
    expect(loadRepositoryAt(dir, sha).ok).toBe(false);
    expect(fetchCommit(dir, { url, sha, token: 'ghs_secret', allowFileProtocol: true })).toEqual({ ok: true });
    const at = loadRepositoryAt(dir, sha);
    expect(at.ok && at.files.read(at.files.paths).files.map((f) => f.path)).toEqual(['.codex/config.toml', 'AGENTS.md']);
    expect(ran(marker)).toBe('');
    expect(readFileSync(join(dir, '.git/config'), 'utf8')).not.toContain('ghs_secret');
  });

  it('from a folder holding a committed bare repository, fetches into the enclosing repository', () => {
    const { url, sha, dir: source } = upstream();
    const dir = makeRepo({
      'sub/HEAD': 'ref: refs/heads/main\n',
      'sub/objects/info/keep': '',
      'sub/refs/heads/keep': '',
      'sub/config': '[core]\n\tbare = true\n',
    });
    git(dir, 'fetch', '-q', source, 'HEAD');
    expect(fetchCommit(join(dir, 'sub'), { url, sha, allowFileProtocol: true })).toEqual({ ok: true });
    expect(git(dir, 'cat-file', '-t', sha).trim()).toBe('commit');
  });

  it('allows https only (file:// only when a test asks), and a full commit id', () => {
    const { dir, url, sha } = upstream();
    expect(fetchCommit(dir, { url, sha })).toEqual({ ok: false, reason: 'the repository URL must be https' });
    expect(fetchCommit(dir, { url: `ext::sh -c touch% /tmp/x`, sha, allowFileProtocol: true }).ok).toBe(false);
    expect(fetchCommit(dir, { url, sha: '--upload-pack=evil', allowFileProtocol: true })).toEqual({
      ok: false,
      reason: 'the commit must be a full hexadecimal id',
    });
    // A URL that git would rewrite to another transport is refused by git itself.
    writeFileSync(
      join(dir, '.git/config'),
      `${readFileSync(join(dir, '.git/config'), 'utf8')}[url "${url}"]\n\tinsteadOf = https://example.invalid/r\n`,
    );
    expect(fetchCommit(dir, { url: 'https://example.invalid/r', sha, timeoutMs: 20_000 }).ok).toBe(false);
    expect(loadRepositoryAt(dir, sha).ok).toBe(false);
  });

  it('passes the token in the environment, never in argv, and drops other extra headers for the URL', () => {
    const dir = makeRepo({ 'README.md': 'x\n' });
    const command = fetchCommand(dir, { url: 'https://github.example/o/r', sha: 'a'.repeat(40), token: 'ghs_secret' });
    if ('error' in command) throw new Error(command.error);
    expect(command.args.join(' ')).not.toContain('ghs_secret');
    expect(command.args).toEqual(
      expect.arrayContaining(['protocol.allow=never', 'protocol.https.allow=always', 'credential.helper=', '--depth=1', '--no-tags']),
    );
    expect(command.args).not.toContain('protocol.file.allow=always');
    expect(command.env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.example/o/r.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.example/o/r.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_secret').toString('base64')}`,
    });
  });
});
