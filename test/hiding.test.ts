import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, agentFolderOf, matchedByAdapter, matchesAnAdapter } from '../src/adapters/index.js';
import { lint } from '../src/engine/lint.js';
import { GUIDANCE_FILES, GUIDANCE_PATHS, guidanceAgent, isGuidanceFile } from '../src/guidance/files.js';
import { resolvePolicy } from '../src/policy/load.js';
import { AGENT_FILE_PATHSPECS, isAgentFile, loadRepository, loadRepositoryAt } from '../src/io/repository.js';
import { agentPath, byFileName } from '../src/sources/agent-paths.js';
import { LFS_POINTER, LINKED_FOLDER, MAX_SCAN_BYTES, MISSING, namesAgent, SUBMODULE } from '../src/sources/discover.js';
import { startAgentListing } from '../src/sources/candidates.js';
import { cli, makeRepo, TODAY } from './helpers/repo.js';

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
  });
const commitAll = (dir: string): void => {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'change', '--allow-empty');
};

const FULL = 'sandbox_mode = "danger-full-access"\n';
const BYPASS = '{ "permissions": { "defaultMode": "bypassPermissions" } }\n';

/** The work tree's findings as `path ruleId`, and what could not be read, through the whole check. */
async function checkWorkTree(dir: string): Promise<{ located: string[]; unreadable: Record<string, string> }> {
  const repo = await loadRepository(dir);
  const policy = await resolvePolicy(undefined, () => Promise.resolve(undefined));
  const result = lint({ ...repo, policy, today: TODAY });
  return {
    located: result.findings.map((f) => `${f.file} ${f.ruleId}`).sort(),
    unreadable: Object.fromEntries(repo.unreadable.map((u) => [u.path, u.reason])),
  };
}

/** The same at a base revision, read from git objects. */
async function checkAt(dir: string, rev: string): Promise<{ located: string[]; unreadable: Record<string, string> }> {
  const at = loadRepositoryAt(dir, rev);
  if (!at.ok) throw new Error(at.reason);
  const read = at.files.read(at.files.paths);
  const policy = await resolvePolicy(undefined, () => Promise.resolve(undefined));
  const result = lint({ ...read, committedFiles: at.files.committedFiles, policy, today: TODAY });
  return {
    located: result.findings.map((f) => `${f.file} ${f.ruleId}`).sort(),
    unreadable: Object.fromEntries(read.unreadable.map((u) => [u.path, u.reason])),
  };
}

/** Folders agents read by name, each with a file an adapter or the guidance checker reads in it. */
const AGENT_FOLDERS: [string, string, string][] = [
  ['.codex', 'config.toml', FULL],
  ['.claude', 'settings.json', BYPASS],
  ['.cursor', 'mcp.json', '{}\n'],
  ['.vscode', 'settings.json', '{}\n'],
  ['.gemini', 'settings.json', '{}\n'],
  ['.github/instructions', 'a.instructions.md', 'Deploy to production on every merge.\n'],
  ['pkg/.cursor/rules', 'x.mdc', 'Be brief.\n'],
  ['.clinerules', 'x.md', 'Be brief.\n'],
  ['pkg/.codex', 'config.toml', FULL],
];

describe('agent paths', () => {
  it('match in any folder and any letter case; a folder holds them by its own name only', () => {
    const codex = agentPath('.codex/config.toml');
    // `codex/config.toml` is a dotfiles repository's user config (test/dotfiles.test.ts).
    for (const p of ['.codex/config.toml', 'a/.Codex/CONFIG.toml', 'codex/config.toml']) expect(codex.test(p), p).toBe(true);
    for (const p of ['x.codex/config.toml', '.codex/config.toml.bak', 'src/codex/config.ts']) expect(codex.test(p), p).toBe(false);
    expect(codex.isFolderOf('.codex') && codex.isFolderOf('a/b/.CODEX')).toBe(true);
    expect(codex.isFolderOf('src') || codex.isFolderOf('.codex/rules') || codex.isFolderOf('.codex/config.toml')).toBe(false);
    const deep = agentPath('.github/instructions/**/*.instructions.md');
    expect(deep.test('.github/instructions/a/b/x.instructions.md') && deep.test('.GitHub/Instructions/x.INSTRUCTIONS.md')).toBe(true);
    for (const p of ['.github', '.github/instructions', '.github/instructions/a/b']) expect(deep.isFolderOf(p), p).toBe(true);
    expect(deep.isFolderOf('.github/workflows') || deep.isFolderOf('docs')).toBe(false);
    const either = agentPath('opencode.{json,jsonc}');
    expect(either.test('OpenCode.JSONC') && !either.test('opencode.yaml')).toBe(true);
  });

  it('the file-name prefilter names every group whose names fit, past 31 groups, once each and in order', () => {
    // Forty groups: the last ones are as reachable as the first, a name and an ending of one group count once.
    const groups = Array.from({ length: 40 }, (_, i) => [agentPath(`.tool${i}/settings.json`)]);
    groups[35]!.push(agentPath('.tool35/*.md'), agentPath('.tool35/**/*.md'));
    groups[3]!.push(agentPath('.tool3/AGENTS.md'));
    const maybe = byFileName(groups);
    expect(maybe('.tool39/settings.json')).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(maybe('x/NOTES.md')).toEqual([35]);
    expect(maybe('AGENTS.md')).toEqual([3, 35]);
    expect(maybe('README.txt')).toEqual([]);
    // A dotfiles name is tested as the name it installs as, too.
    expect(maybe('dot_tool3/AGENTS.md')).toEqual([3, 35]);
  });

  it('every folder of every adapter and guidance pattern is one git lists, so a link or a submodule there is seen', () => {
    const ICASE = /^:\(icase\)/;
    // git's default pathspec matching: `*` crosses folders; `:(icase)` in any letter case.
    const specs = AGENT_FILE_PATHSPECS.map(
      (spec) =>
        new RegExp(
          `^${spec
            .replace(ICASE, '')
            .replace(/[.+^$()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')}$`,
          spec.startsWith(':(icase)') ? 'i' : '',
        ),
    );
    // A pattern whose folder is no agent's (a `bin` folder's executables) says so.
    const globs = [
      ...ADAPTERS.flatMap((a) => a.patterns.filter((p) => p.firstFolder !== undefined || !p.glob.includes('/')).map((p) => p.glob)),
      ...['AGENTS.md', '.github/instructions/**/*.instructions.md', '.cursor/rules/**/*.mdc', '.clinerules/*.md', '.claude/rules/*.md'],
    ];
    for (const glob of globs) {
      const segments = glob.replace(/\{([^,}]*)[^}]*\}/g, '$1').split('/');
      for (let n = 1; n < segments.length; n++) {
        for (const prefix of ['', 'pkg/A b/']) {
          const folder = `${prefix}${segments
            .slice(0, n)
            .map((s) => (s === '**' ? 'sub' : s.replace(/\*/g, 'x')))
            .join('/')}`;
          const variant = folder.toUpperCase();
          expect(agentFolderOf(folder), folder).toBeDefined();
          expect(agentFolderOf(variant), variant).toBeDefined();
          expect(
            specs.some((re) => re.test(variant)),
            `${variant} is listed`,
          ).toBe(true);
        }
      }
    }
    for (const p of ['src', 'docs', '.github/scripts', 'pkg', 'bin', 'a/.local/bin']) expect(agentFolderOf(p), p).toBeUndefined();
  });
});

describe('agent files found through their names', () => {
  const FOLDERS = [
    'a',
    'Src',
    'x.y',
    'dot_codex',
    'private_dot_claude',
    'dot-gemini',
    'codex',
    'claude',
    '.chezmoitemplates',
    '.codex',
    'rules',
    'ü',
  ];
  const GLOBS = [...ADAPTERS.flatMap((a) => a.patterns.map((p) => p.glob)), ...GUIDANCE_PATHS.map((p) => p.glob)];

  /** A path made from a glob (its wildcards filled, folders before it), often changed into a near miss. */
  function pathFrom(g: fc.GeneratorValue): string {
    const pick = <T>(items: readonly T[]): T => g(fc.constantFrom, ...items);
    const folders = (): string[] => g(fc.array, fc.constantFrom(...FOLDERS), { maxLength: 2 });
    const segments = pick(GLOBS)
      .split('/')
      .flatMap((segment) =>
        segment === '**'
          ? folders()
          : [
              segment
                .replace(/\{([^}]*)\}/g, (_, choices: string) => pick(choices.split(',')))
                .replace(/\*/g, () => pick(['', 'x', 'Team', '.md', 'a.b']))
                .replace(/\?/g, 'q'),
            ],
      );
    const path = [...folders(), ...segments].filter((s) => s !== '').join('/');
    switch (g(fc.nat, 9)) {
      case 0:
        return path.toUpperCase();
      case 1:
        return path + pick(['.bak', '.tmpl', 'x', '.Md']);
      case 2:
        return path.replace(/\.[^./]*$/, pick(['.json', '.md', '.txt', '.yml', '.TOML']));
      case 3:
        return path.replace(/(^|\/)\./, (_, start: string) => start + pick(['dot_', 'dot-', 'private_dot_', 'exact_dot_']));
      case 4:
        return path.replace(/[^/]*$/, (name) => pick(['private_', 'executable_', 'literal_', 'modify_', '']) + name + pick(['', '.tmpl']));
      case 5:
        return path.replace(/[^/]*\//, '');
      case 6:
        return path.replace(/[^/]*$/, pick(['notes.md', 'config.json', 'x.yaml', 'Makefile.in', 'settings.jsonx']));
      default:
        return path;
    }
  }

  it('as one glob after another finds them: every adapter and guidance glob, 20,000 generated paths and near misses', () => {
    const seen = { adapter: 0, guidance: 0, neither: 0 };
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const path = pathFrom(g);
        const adapters = ADAPTERS.filter((a) => a.matches(path)).map((a) => a.id);
        const found = matchedByAdapter([{ path, text: '' }]).flatMap((list, i) => (list.length > 0 ? [ADAPTERS[i]!.id] : []));
        expect(found, path).toEqual(adapters);
        expect(matchesAnAdapter(path), path).toBe(adapters.length > 0);
        const agent = GUIDANCE_FILES.find(([p]) => p.test(path))?.[1];
        expect(guidanceAgent(path), path).toBe(agent);
        if (adapters.length > 0) seen.adapter++;
        if (agent !== undefined) seen.guidance++;
        if (adapters.length === 0 && agent === undefined) seen.neither++;
      }),
      { numRuns: 20_000, seed: 7 },
    );
    // Found and missed often enough for the comparison to mean something.
    expect(seen.adapter).toBeGreaterThan(5_000);
    expect(seen.guidance).toBeGreaterThan(2_000);
    expect(seen.neither).toBeGreaterThan(5_000);
  });
});

describe('the files each adapter matches', () => {
  it('are worked out once a list, and again when files were added to the list since', () => {
    const files = [{ path: '.codex/config.toml', text: '' }];
    const codex = ADAPTERS.findIndex((a) => a.id === 'codex');
    expect(matchedByAdapter(files)[codex]!.map((f) => f.path)).toEqual(['.codex/config.toml']);
    files.push({ path: 'pkg/.codex/config.toml', text: '' });
    expect(matchedByAdapter(files)[codex]!.map((f) => f.path)).toEqual(['.codex/config.toml', 'pkg/.codex/config.toml']);
  });
});

describe("git's listing, tested here", () => {
  it("keeps exactly what git's pathspecs of the same patterns keep: 3,000 generated index entries and near misses", async () => {
    const fill = (g: fc.GeneratorValue, pattern: string): string => {
      const pick = <T>(items: readonly T[]): T => g(fc.constantFrom, ...items);
      let path = pattern
        .replace(/\*/g, () => pick(['', 'a/', 'x.', 'Dot', 'b/c.', '.md', 'rules/', '-']))
        .replace(/\?/g, () => pick(['_', '-', '/', 'x', 'é']));
      if (g(fc.boolean)) path = path.replace(/[a-z]/g, (c) => (g(fc.boolean) ? c.toUpperCase() : c));
      switch (g(fc.nat, 5)) {
        case 0:
          return `${path}${pick(['x', '.bak', '/'])}`;
        case 1:
          return path.slice(1);
        case 2:
          return path.slice(0, -1);
        default:
          return path;
      }
    };
    const patterns = AGENT_FILE_PATHSPECS.map((spec) => spec.replace(':(icase)', ''));
    const generated = fc.sample(
      fc.gen().map((g) => fill(g, g(fc.constantFrom, ...patterns))),
      { numRuns: 3_000, seed: 5 },
    );
    // One folder of its own per entry: no entry is both a file and a folder of another.
    const paths = generated.map((p, i) => `n${i}/${p.replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/') || 'x'}`);
    const dir = makeRepo({}, { git: true });
    git(dir, 'init', '-q');
    execFileSync('git', ['update-index', '--index-info'], {
      cwd: dir,
      input: paths.map((p) => `100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\t${p}\n`).join(''),
    });
    const byGit = new Set(
      git(dir, 'ls-files', '-z', '--', ...AGENT_FILE_PATHSPECS)
        .split('\0')
        .filter(Boolean),
    );
    const listing = await startAgentListing(dir);
    const listed = new Set(listing!.files);
    // Git's `?` is one byte, and a character of several bytes is never one here either.
    for (const path of paths) expect(listed.has(path), path).toBe(byGit.has(path));
    expect(byGit.size).toBeGreaterThan(1_000);
    expect(paths.length - byGit.size).toBeGreaterThan(500);
  });
});

describe('a link where agents read a folder is reported, never skipped', () => {
  it('in the work tree and at a base revision, for every agent folder', async () => {
    const files: Record<string, string> = {};
    for (const [folder, name, text] of AGENT_FOLDERS) files[`cfg/${folder.replace(/\//g, '_')}/${name}`] = text;
    const dir = makeRepo({ ...files, 'AGENTS.md': 'Be brief.\n' });
    for (const [folder] of AGENT_FOLDERS) {
      mkdirSync(dirname(join(dir, folder)), { recursive: true });
      const depth = folder.split('/').length - 1;
      symlinkSync(`${'../'.repeat(depth)}cfg/${folder.replace(/\//g, '_')}`, join(dir, folder));
    }
    commitAll(dir);
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      for (const [folder] of AGENT_FOLDERS) {
        expect(check.unreadable[folder], folder).toBe(LINKED_FOLDER);
        expect(check.located, folder).toContain(`${folder} config-unparseable`);
      }
    }
  });

  it('a whole .github folder, or an agent folder in another letter case, as a link', async () => {
    const dir = makeRepo({ 'cfg/gh/copilot-instructions.md': 'Deploy on merge.\n', 'cfg/claude/settings.json': BYPASS });
    symlinkSync('cfg/gh', join(dir, '.GitHub'));
    symlinkSync('cfg/claude', join(dir, '.CLAUDE'));
    commitAll(dir);
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      expect(check.unreadable).toEqual({ '.CLAUDE': LINKED_FOLDER, '.GitHub': LINKED_FOLDER });
    }
  });

  it('a link to a file inside the repository is read as today', async () => {
    const dir = makeRepo({ 'cfg/codex.toml': FULL });
    mkdirSync(join(dir, '.codex'));
    symlinkSync('../cfg/codex.toml', join(dir, '.codex/config.toml'));
    commitAll(dir);
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      expect(check.unreadable).toEqual({});
      expect(check.located).toEqual(['.codex/config.toml sandbox-mode']);
    }
  });

  it('outside git, a linked agent folder is reported too', async () => {
    const dir = makeRepo({ 'cfg/codex/config.toml': FULL }, { git: false });
    symlinkSync('cfg/codex', join(dir, '.codex'));
    expect((await checkWorkTree(dir)).unreadable).toEqual({ '.codex': LINKED_FOLDER });
  });
});

describe('a submodule where agents read files is reported, never skipped', () => {
  it('at an agent folder or an agent file, checked out or not, in the work tree and at a base revision', async () => {
    const dir = makeRepo({ 'README.md': 'x\n' });
    const sha = git(dir, 'rev-parse', 'HEAD').trim();
    for (const path of ['.claude', '.codex', 'pkg/.github/instructions', 'AGENTS.md'])
      git(dir, 'update-index', '--add', '--cacheinfo', `160000,${sha},${path}`);
    // A submodule checked out: a folder holding the agent files git does not track here.
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude/settings.json'), BYPASS);
    git(dir, 'commit', '-q', '-m', 'submodules');
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      expect(check.unreadable).toEqual({
        '.claude': SUBMODULE,
        '.codex': SUBMODULE,
        'pkg/.github/instructions': SUBMODULE,
        'AGENTS.md': SUBMODULE,
      });
      expect(check.located).toContain('.claude config-unparseable');
    }
  });
});

/** Flips the case of every other letter: `.cOdEx/cOnFiG.ToMl`. */
const mixedCase = (path: string): string => Array.from(path, (c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

/** One path of every kind of config and guidance file. */
const KINDS = [
  '.codex/config.toml',
  '.codex/rules/a.rules',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.mcp.json',
  'CLAUDE.local.md',
  '.gemini/settings.json',
  '.qwen/settings.json',
  '.cursor/cli.json',
  '.cursor/permissions.json',
  '.cursor/sandbox.json',
  '.cursor/mcp.json',
  '.cursor/cli-config.json',
  '.vscode/settings.json',
  '.vscode/mcp.json',
  'opencode.json',
  'opencode.jsonc',
  '.aider.conf.yml',
  '.aider.conf.yaml',
  'AGENTS.md',
  'AGENTS.override.md',
  'CLAUDE.md',
  '.claude/rules/x.md',
  'GEMINI.md',
  '.github/copilot-instructions.md',
  '.github/instructions/a/b.instructions.md',
  '.cursorrules',
  '.cursor/rules/x.mdc',
  '.cursor/rules/y.md',
  '.windsurfrules',
  '.clinerules/a.md',
  'y/.clinerules',
];

describe('agent paths in any letter case', () => {
  it('are agent files of the same agent', () => {
    for (const path of KINDS) {
      for (const variant of [mixedCase(path), path.toUpperCase(), path.toLowerCase()]) {
        expect(isAgentFile(variant), variant).toBe(true);
        expect(ADAPTERS.find((a) => a.matches(variant))?.id ?? isGuidanceFile(variant), variant).toBe(
          ADAPTERS.find((a) => a.matches(path))?.id ?? isGuidanceFile(path),
        );
      }
    }
  });

  it('are listed by git and checked, in the work tree and at a base revision', async () => {
    const variants = KINDS.map((p) => `v/${mixedCase(p)}`);
    const dir = makeRepo({
      ...Object.fromEntries(variants.map((p) => [p, '{}\n'])),
      '.Codex/config.toml': FULL,
      'Agents.md': 'Run `npm publish` after every merge.\n',
      '.CLAUDE/settings.json': BYPASS,
      'claude.md': 'x\n',
    });
    const repo = await loadRepository(dir);
    expect(repo.files.map((f) => f.path).sort()).toEqual(
      [...variants, '.CLAUDE/settings.json', '.Codex/config.toml', 'Agents.md', 'claude.md'].sort(),
    );
    const at = loadRepositoryAt(dir, 'HEAD');
    expect(at.ok && [...at.files.paths].sort()).toEqual(repo.files.map((f) => f.path).sort());
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      expect(check.located).toEqual(
        expect.arrayContaining(['.CLAUDE/settings.json sandbox-mode', '.Codex/config.toml sandbox-mode', 'Agents.md publish-deploy']),
      );
    }
  });
});

describe('an agent file committed as a Git LFS pointer', () => {
  it('is reported in the work tree and at a base revision', async () => {
    const pointer =
      'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
    const dir = makeRepo({ '.claude/settings.json': pointer, 'AGENTS.md': pointer });
    for (const check of [await checkWorkTree(dir), await checkAt(dir, 'HEAD')]) {
      expect(check.unreadable).toEqual({ '.claude/settings.json': LFS_POINTER, 'AGENTS.md': LFS_POINTER });
      expect(check.located).toEqual(['.claude/settings.json config-unparseable', 'AGENTS.md config-unparseable']);
    }
  });
});

describe('coverage: what a check did not read', () => {
  it('lists agent files git does not track (and does not ignore), at the root and in agent folders', async () => {
    const dir = makeRepo(
      { 'README.md': 'x\n', '.gitignore': '.claude/settings.local.json\n' },
      {
        untracked: {
          '.claude/settings.json': BYPASS,
          '.claude/settings.local.json': '{}\n',
          'Agents.md': 'x\n',
          '.github/instructions/a/b.instructions.md': 'x\n',
          'src/index.ts': '',
        },
      },
    );
    const repo = await loadRepository(dir);
    expect(repo.files).toEqual([]);
    expect(repo.coverage.untracked).toEqual(['.claude/settings.json', '.github/instructions/a/b.instructions.md', 'Agents.md']);
    // Outside git nothing is tracked, so nothing is untracked: the walk reads every file.
    rmSync(join(dir, '.git'), { recursive: true });
    const walked = await loadRepository(dir);
    expect(walked.coverage.untracked).toEqual([]);
    expect(walked.files.map((f) => f.path)).toContain('.claude/settings.json');
  });

  it('every output says what was not covered: text, json, sarif and github', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'x\n', '.codex/config.toml': FULL }, { untracked: { '.claude/settings.json': BYPASS } });
    rmSync(join(dir, '.codex'), { recursive: true });
    const [text, json, sarif, github] = await Promise.all(
      ['text', 'json', 'sarif', 'github'].map((format) => cli(['check', dir, '--format', format])),
    );
    expect(text!.stdout).toContain('1 tracked agent file was not checked: 1 ');
    expect(text!.stdout).toContain('1 agent file is in the work tree but not tracked by git, so not checked: .claude/settings.json.');
    expect(text!.stdout).toContain('✓ No problems (1 agent file checked).');
    expect(JSON.parse(json!.stdout).coverage).toEqual({
      skipped: [{ path: '.codex/config.toml', reason: MISSING }],
      untracked: ['.claude/settings.json'],
      scope: null,
      gitignored: [],
      ignored: [],
      nestedPolicies: [],
    });
    expect(
      JSON.parse(sarif!.stdout).runs[0].invocations[0].toolExecutionNotifications.filter((n: { level: string }) => n.level === 'warning'),
    ).toHaveLength(2);
    expect(github!.stdout).toContain('::warning title=agent-policy coverage::1 agent file is in the work tree but not tracked by git');
  });

  it('lists tracked agent files missing from the work tree, with why', async () => {
    const dir = makeRepo({ 'AGENTS.md': 'x\n', '.codex/config.toml': FULL });
    rmSync(join(dir, '.codex'), { recursive: true });
    const repo = await loadRepository(dir);
    expect(repo.files.map((f) => f.path)).toEqual(['AGENTS.md']);
    expect(repo.coverage).toEqual({ skipped: [{ path: '.codex/config.toml', reason: MISSING }], untracked: [] });
  });
});

describe('a file read only when it names an agent, past the size limit', () => {
  const mentions = (text: string): boolean => text.includes('claude');
  it('is read on in reads of at most 1 MiB, decoded across them, and stops at the first stretch that names one', () => {
    // One byte first, so that a two-byte character is cut by the first read's end.
    const bytes = Buffer.from(`a${'é'.repeat(700_000)}claude${'x'.repeat(3_000_000)}`);
    const reads: number[] = [];
    const readAt = (buffer: Buffer, at: number): number => {
      reads.push(at);
      return bytes.copy(buffer, 0, at, Math.min(at + buffer.length, bytes.length));
    };
    expect(namesAgent(bytes.length, readAt, mentions)).toBe(true);
    expect(reads).toEqual([0, 1024 * 1024]);
    expect(namesAgent(bytes.length, readAt, (text) => text.includes('\uFFFD') || text.includes('nobody'))).toBe(false);
  });

  it('fails the same in the work tree and at a base revision, and is no agent file when it names none', async () => {
    const pad = '# padding\n'.repeat(110_000);
    const dir = makeRepo({
      'run.sh': `${pad}claude --dangerously-skip-permissions\n`,
      'bundle.sh': `${pad}echo done\n`,
      'latin.sh': Buffer.concat([Buffer.from('echo caf'), Buffer.from([0xe9]), Buffer.from('\ngemini --yolo\n')]),
      'other.sh': Buffer.concat([Buffer.from('echo caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      // A generated Nix package set that only names agents' packages writes no settings: no agent file.
      'node-packages.nix': `{ packages = [ ${'"left-pad" '.repeat(120_000)}"@anthropic-ai/claude-code" "amp" ]; }\n`,
      'claude.nix': `${pad}{ permissions.allow = [ "Bash(git push:*)" ]; }\n`,
      // A `bin` executable is read on when its `#!` line names a shell; a binary there, whatever it holds, is not.
      'bin/claude-dev': `#!/bin/bash\n${pad}claude --dangerously-skip-permissions\n`,
      'bin/claude': Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0xff]),
        Buffer.from(`${pad}claude --dangerously-skip-permissions\n`),
      ]),
      'tools/bin/small': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0xff]), Buffer.from('claude --yolo\n')]),
    });
    const expected = [
      'bin/claude-dev config-unparseable',
      'claude.nix config-unparseable',
      'latin.sh config-unparseable',
      'run.sh config-unparseable',
    ];
    expect((await checkWorkTree(dir)).located).toEqual(expected);
    expect((await checkAt(dir, 'HEAD')).located).toEqual(expected);
  });

  it("is not read on past a first stretch that fails the reader's test of how the file starts", () => {
    const bytes = Buffer.from(`\x7fELF${'x'.repeat(3_000_000)}claude`);
    const reads: number[] = [];
    const readAt = (buffer: Buffer, at: number): number => {
      reads.push(at);
      return bytes.copy(buffer, 0, at, Math.min(at + buffer.length, bytes.length));
    };
    const shebang = Object.assign((text: string) => mentions(text), { start: (text: string) => text.startsWith('#!') });
    expect(namesAgent(bytes.length, readAt, shebang)).toBe(false);
    expect(reads).toEqual([0]);
  });

  it('past what GitHub holds, is taken to name one without being read', () => {
    let read = 0;
    expect(namesAgent(MAX_SCAN_BYTES + 1, () => ++read, mentions)).toBe(true);
    expect(read).toBe(0);
  });
});
