import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBase, foldersUnchangedSince, gitBlobId, unchangedFolders, type BaseSnapshot } from '../src/engine/baseline.js';
import { lint } from '../src/engine/lint.js';
import { findPolicy } from '../src/policy/find.js';
import { loadRepository, loadRepositoryAt, readExternalPolicy, workTreePolicyReader } from '../src/io/repository.js';
import { makeRepo, TODAY } from './helpers/repo.js';

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
  });

describe('unchangedFolders', () => {
  const ids = (entries: Record<string, string | undefined>): Map<string, string | undefined> => new Map(Object.entries(entries));

  it('keeps a folder only when it has the same paths with the same ids on both sides', () => {
    const base = ids({ 'a/x': '1', 'a/y': '2', 'b/x': '1', 'c/x': '1', 'd/x': undefined, 'e/x': '1', x: '1' });
    const head = ids({ 'a/x': '1', 'a/y': '2', 'b/x': '9', 'c/x': '1', 'c/new': '3', 'd/x': undefined, 'e/x': undefined, x: '1' });
    // b changed a file, c gained one, d and e hold a file that cannot be compared (a link, unreadable bytes).
    expect([...unchangedFolders(base, head)].sort()).toEqual(['', 'a']);
    // A folder that lost a file changed too.
    expect([...unchangedFolders(ids({ 'a/x': '1', 'a/y': '2' }), ids({ 'a/x': '1' }))]).toEqual([]);
  });
});

describe('gitBlobId', () => {
  it("is git's own id for the same bytes, with SHA-1 and SHA-256 ids", () => {
    const dir = makeRepo({}, { git: false });
    for (const text of ['', 'plain\n', 'héllo ✓\r\n\u0000end']) {
      writeFileSync(join(dir, 'f'), text);
      expect(gitBlobId(text, 40)).toBe(git(dir, 'hash-object', '--no-filters', 'f').trim());
      // git hash-object cannot use SHA-256 outside such a repository; the id is the same construction.
      expect(gitBlobId(text, 64)).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

/**
 * Agent files whose findings depend on their neighbours in the same folder, a skill above, a script a hook runs or a
 * launcher that hands them over, and a few that cannot be read.
 */
const FILES: Record<string, string[]> = {
  '.claude/settings.json': [
    '{ "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "bash scripts/push.sh" }] }] } }',
    '{ "permissions": { "allow": ["Read(./.env)", "Bash(npm publish)"] } }',
    '{ "permissions": { "defaultMode": "bypassPermissions" } }',
    '{}',
  ],
  '.claude/settings.local.json': [
    '{ "permissions": { "deny": ["Read(./.env)"], "ask": ["Bash(npm publish)"] } }',
    '{ "permissions": { "allow": ["Bash(curl:*)"] } }',
  ],
  '.codex/config.toml': [
    '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n',
    '[sandbox_workspace_write]\nnetwork_access = true\n',
    'sandbox_mode = "workspace-write"\n',
    'this is = = not toml',
  ],
  '.codex/rules/a.rules': [
    'prefix_rule(pattern = ["git", "push"], decision = "allow")\n',
    'prefix_rule(pattern = ["npm", "publish"], decision = "allow")\n',
  ],
  '.codex/rules/b.rules': ['prefix_rule(pattern = ["git", "push"], decision = "forbidden")\n', 'prefix_rule(pattern = ["ls"])\n'],
  'AGENTS.md': [
    '# Agents\n\nWhen tests pass, publish the package yourself with `npm publish`.\n',
    '# Agents\n\nNever run `npm publish`.\n',
    '\xff\xfe not UTF-8',
  ],
  // A script a hook runs, in another folder: what it runs is the hook's.
  'scripts/push.sh': ['git push origin main\n', 'echo done\n'],
  // A skill and a resource in a folder below it: the resource is guidance only while the skill names it.
  'skills/s/SKILL.md': [
    '---\nname: s\ndescription: Ships the build.\n---\nRead `refs/go.md` for the steps.\n',
    '---\nname: s\ndescription: Ships the build.\n---\nNo steps.\n',
  ],
  'skills/s/refs/go.md': [
    '# Steps\n\nWhen the tests pass, publish the package yourself with `npm publish`.\n',
    '# Steps\n\nRun the tests.\n',
  ],
  // A launcher and the prompt it pipes to an agent, from the top or beside it: the prompt is guidance only while it is handed over.
  'loop/run.sh': ['cat prompts/PROMPT.md | claude -p\n', 'cat "$DIR/../prompts/PROMPT.md" | claude -p\n', 'claude -p "Run the tests."\n'],
  'prompts/PROMPT.md': ['When the tests pass, publish the package yourself with `npm publish`.\n', 'Run the tests.\n'],
};
const NAMES = Object.keys(FILES);
const FOLDERS = ['', 'a', 'a/b', 'c'];
const POLICY = [
  'version: 1',
  'exceptions:',
  '  - { id: net-a, rule: network-access, paths: ["a/.codex/config.toml"], reason: Docs fetch the live API., owner: "@acme/docs", expires: 2027-01-31 }',
  '  - { id: publish-c, rule: publish-deploy, paths: ["c/**"], reason: Release folder., owner: "@acme/release", expires: 2027-01-31 }',
  '  - { id: secrets-root, rule: secret-access, paths: [".claude/settings.json"], reason: Reads its own env file., owner: "@acme/dev", expires: 2027-01-31 }',
  '',
].join('\n');

type Content = { kind: 'text'; pick: number } | { kind: 'link' } | { kind: 'gone' };
const contentArb: fc.Arbitrary<Content> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(9).map((pick): Content => ({ kind: 'text', pick })) },
  { weight: 1, arbitrary: fc.constant<Content>({ kind: 'link' }) },
  { weight: 2, arbitrary: fc.constant<Content>({ kind: 'gone' }) },
);
/** Each (folder, file name) slot: what the base has, and what the head has. */
const slotsArb = fc.array(fc.tuple(contentArb, fc.option(contentArb, { nil: undefined })), {
  minLength: FOLDERS.length * NAMES.length,
  maxLength: FOLDERS.length * NAMES.length,
});

function write(dir: string, [folder, name]: readonly [string, string], content: Content): void {
  const full = join(dir, folder, name);
  rmSync(full, { force: true });
  if (content.kind === 'gone') return;
  mkdirSync(dirname(full), { recursive: true });
  if (content.kind === 'link')
    symlinkSync(join(...Array(name.split('/').length + (folder === '' ? 0 : folder.split('/').length) - 1).fill('..'), 'README.md'), full);
  else writeFileSync(full, Buffer.from(FILES[name]![content.pick % FILES[name]!.length]!, 'latin1'));
}

const sorted = (snapshot: BaseSnapshot): string[] => [...snapshot.findings].map(([k, v]) => `${k}=${v}`).sort();
const loadPolicy = (dir: string) =>
  findPolicy(undefined, {
    repo: workTreePolicyReader(dir),
    external: readExternalPolicy,
    remote: () => Promise.resolve(undefined),
    trustedRemotes: 'all',
  });

describe('the base check of a pull request', () => {
  it("takes the head's findings for the folders that did not change, and gives the same snapshot as checking the whole base", async () => {
    let reusedFolders = 0;
    let rereadFolders = 0;
    await fc.assert(
      fc.asyncProperty(slotsArb, async (slots) => {
        const dir = makeRepo({ '.github/agent-policy.yml': POLICY, 'README.md': 'docs\n' });
        const slotPaths = FOLDERS.flatMap((folder) => NAMES.map((name) => [folder, name] as const));
        slotPaths.forEach((slot, i) => write(dir, slot, slots[i]![0]));
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', 'base', '--allow-empty');
        const baseSha = git(dir, 'rev-parse', 'HEAD').trim();
        slotPaths.forEach((slot, i) => {
          const next = slots[i]![1];
          if (next !== undefined) write(dir, slot, next);
        });
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', 'head', '--allow-empty');

        const policy = await loadPolicy(dir);
        const at = loadRepositoryAt(dir, baseSha);
        if (!at.ok) throw new Error(at.reason);
        const repo = await loadRepository(dir);
        const result = lint({ ...repo, policy, today: TODAY });
        const whole = checkBase(at.files, policy, TODAY);
        const taken = checkBase(at.files, policy, TODAY, { ...repo, result });
        expect(sorted(taken)).toEqual(sorted(whole));

        const same = foldersUnchangedSince(at.files, repo);
        reusedFolders += same.size;
        rereadFolders += new Set(at.files.paths.map((p) => p.slice(0, Math.max(0, p.lastIndexOf('/'))))).size - same.size;
      }),
      { numRuns: 40, seed: 20261122 },
    );
    // Both ways were taken many times, so the comparison above weighed real reuse.
    expect(reusedFolders).toBeGreaterThan(20);
    expect(rereadFolders).toBeGreaterThan(20);
  }, 120_000);

  /** A repository committed with `base`, then with `head` written over it: the head's check and both base checks. */
  async function pullRequest(base: Record<string, string>, head: Record<string, string>) {
    const dir = makeRepo(base);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base', '--allow-empty');
    const baseSha = git(dir, 'rev-parse', 'HEAD').trim();
    for (const [path, text] of Object.entries(head)) writeFileSync(join(dir, path), text);
    git(dir, 'commit', '-q', '-am', 'head');
    const policy = await loadPolicy(dir);
    const at = loadRepositoryAt(dir, baseSha);
    if (!at.ok) throw new Error(at.reason);
    const repo = await loadRepository(dir);
    const result = lint({ ...repo, policy, today: TODAY });
    return {
      result,
      taken: sorted(checkBase(at.files, policy, TODAY, { ...repo, result })),
      whole: sorted(checkBase(at.files, policy, TODAY)),
    };
  }

  it("a prompt file's findings depend on the launcher that hands it over, in another folder", async () => {
    const prompt = 'When the tests pass, publish the package yourself with `npm publish`.\n';
    const [pipes, , none] = FILES['loop/run.sh']! as [string, string, string];
    const publish = (findings: readonly string[]): boolean => findings.some((f) => f.includes('npm publish'));
    for (const [before, after] of [
      [none, pipes],
      [pipes, none],
    ] as const) {
      const { result, taken, whole } = await pullRequest({ 'loop/run.sh': before, 'prompts/PROMPT.md': prompt }, { 'loop/run.sh': after });
      expect(taken).toEqual(whole);
      // The prompt is read as guidance on the side whose launcher pipes it to the agent, and only there.
      expect(publish(taken), before).toBe(before.startsWith('cat'));
      expect(publish(result.findings.map((f) => f.message)), after).toBe(after.startsWith('cat'));
    }
    // Handed to a second agent by a launcher that changed, while an unchanged one hands it over on both sides.
    const { taken, whole } = await pullRequest(
      { 'a/run.sh': 'claude -p "Run the tests."\n', 'b/run.sh': 'cat prompts/PROMPT.md | codex exec -\n', 'prompts/PROMPT.md': prompt },
      { 'a/run.sh': 'cat prompts/PROMPT.md | claude -p\n' },
    );
    expect(taken).toEqual(whole);
    expect(publish(taken)).toBe(true);
  });

  it('under different rules the whole base is checked', async () => {
    const dir = makeRepo({ '.codex/config.toml': '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n' });
    const at = loadRepositoryAt(dir, 'HEAD');
    if (!at.ok) throw new Error(at.reason);
    const repo = await loadRepository(dir);
    const strict = await loadPolicy(dir);
    const loose = {
      ...strict,
      rules: { ...strict.rules, 'sandbox-mode': { ...strict.rules['sandbox-mode']!, level: 'warning' as const } },
    };
    const result = lint({ ...repo, policy: strict, today: TODAY });
    // The head's finding is an error; the base's, under its own rules, a warning: taking the head's would be wrong.
    const snapshot = checkBase(at.files, loose, TODAY, { ...repo, result });
    expect([...snapshot.findings.values()].every((identity) => identity.startsWith('warning\0'))).toBe(true);
    expect(snapshot.findings.size).toBe(1);
  });
});
