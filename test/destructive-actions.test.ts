import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesPattern, spellingsOf } from '../src/shell/patterns.js';
import { buildDestructiveCatalog, findInCommandLine } from '../src/shell/catalog.js';
import { expectedFindings } from './helpers/labels.js';
import { lintFiles, located } from './helpers/repo.js';
import { ruleTester } from './helpers/rule-tester.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'destructive', name), 'utf8');
const RULE = 'destructive-actions';

describe('destructive commands: the catalogue', () => {
  const { patterns } = buildDestructiveCatalog();
  const named = (line: string): string | undefined => findInCommandLine(line, patterns);

  it('matches options in any order, bundled or long, after wrappers', () => {
    expect(named('rm -rf build')).toBe('rm -rf');
    expect(named('rm -fr build')).toBe('rm -rf');
    expect(named('sudo rm -R -f /var/x')).toBe('rm -rf');
    expect(named('rm --recursive --force x')).toBe('rm -rf');
    expect(named('git push origin main --force-with-lease=main:abc')).toBe('git push --force');
    expect(named('git push -f')).toBe('git push --force');
    expect(named('git clean -fdx')).toBe('git clean -f');
    expect(named(`psql "$URL" -c 'DROP DATABASE app'`)).toBe('psql -c "DROP …"');
    expect(named('bash -c "terraform destroy -auto-approve"')).toBe('terraform destroy');
  });

  it('leaves alone what only looks, rehearses or removes one file', () => {
    expect(named('rm -f one.txt')).toBeUndefined();
    expect(named('rm -r dist')).toBeUndefined();
    expect(named('git clean -fdn')).toBeUndefined();
    expect(named('git push --force --dry-run')).toBeUndefined();
    expect(named('kubectl delete pod x --dry-run=client')).toBeUndefined();
    expect(named('psql -c "SELECT * FROM drop_log"')).toBeUndefined();
    expect(named('git reset --soft HEAD~1')).toBeUndefined();
    expect(named('echo rm -rf /')).toBeUndefined();
    expect(named('docker system prune')).toBeUndefined();
  });

  it('spells a pattern every common way for permission rules', () => {
    const rm = patterns.find((p) => p.name === 'rm -rf')!;
    const spelled = spellingsOf(rm).map((w) => w.join(' '));
    expect(spelled).toEqual(expect.arrayContaining(['rm -r -f', 'rm -f -r', 'rm -rf', 'rm -fr', 'rm -Rf', 'rm --recursive --force']));
    for (const words of spellingsOf(rm)) expect(matchesPattern(words, rm)).toBe(true);
  });

  it('a policy adds commands and takes built-in ones out by word prefix', () => {
    const { patterns: custom } = buildDestructiveCatalog(['make nuke'], ['git push', 'rm']);
    expect(findInCommandLine('make nuke ENV=dev', custom)).toBe('make nuke');
    expect(findInCommandLine('git push --force', custom)).toBeUndefined();
    expect(findInCommandLine('rm -rf x', custom)).toBeUndefined();
    expect(findInCommandLine('git reset --hard', custom)).toBe('git reset --hard');
  });
});

describe('destructive-actions: labelled fixtures', () => {
  const LABELLED: [string, string][] = [
    ['team.rules', '.codex/rules/team.rules'],
    ['vscode.settings.json', '.vscode/settings.json'],
    ['tools.toml', '.codex/config.toml'],
    ['hooks.toml', '.codex/config.toml'],
  ];
  for (const [name, path] of LABELLED) {
    it(`${name} as ${path}`, async () => {
      const text = fixture(name);
      expect(located(await lintFiles({ [path]: text })).sort()).toEqual(expectedFindings(text));
    });
  }
});

const claude = (permissions: object): string => JSON.stringify({ permissions }, null, 2);

ruleTester(RULE, {
  valid: [
    // Every command allowed is sandbox-mode's finding, once.
    { files: { '.claude/settings.json': claude({ allow: ['Bash', 'Bash(*)'] }) } },
    // A rule that names only the push is publish-deploy's.
    { files: { '.claude/settings.json': claude({ allow: ['Bash(git push:*)'] }) } },
    { files: { '.claude/settings.json': claude({ allow: ['Bash(rm -f .eslintcache)', 'Bash(rm -r -i:*)'] }) } },
    {
      files: {
        '.claude/settings.json': claude({ allow: ['Bash(git status:*)', 'mcp__db__list_tables'], ask: ['Bash(git reset --hard:*)'] }),
      },
    },
    {
      files: { '.claude/settings.json': claude({ allow: ['Bash(rm:*)'] }) },
      policy: 'rules:\n  destructive-actions: { except: ["rm"] }\n',
    },
    { files: { '.claude/settings.json': claude({ allow: ['Bash(rm:*)'] }) }, policy: 'rules:\n  destructive-actions: { level: off }\n' },
    // The GitHub server approved whole is publish-deploy's finding, which says it pushes and merges.
    { files: { '.claude/settings.json': claude({ allow: ['mcp__github'] }) } },
    { files: { 'AGENTS.md': 'Never force-push.\n\nAsk before running `git reset --hard` or dropping a database.\n' } },
    { files: { 'AGENTS.md': '**Confirm before:** PRs, publishing, force push, destructive ops.\n' } },
    { files: { 'AGENTS.md': 'Do not run `rm -rf` on anything outside `build/`.\n' } },
    { files: { 'AGENTS.md': 'If the user explicitly asks, you may force-push the branch.\n' } },
    { files: { 'AGENTS.md': 'Run `git clean -n` to preview what would be removed.\n' } },
    { files: { 'CLAUDE.md': 'Maintainers reset staging with:\n\n```bash\nterraform destroy -auto-approve\n```\n' } },
  ],
  invalid: [
    {
      files: { '.claude/settings.json': claude({ allow: ['Bash(rm:*)', 'Bash(git push --force-with-lease:*)', 'Bash(psql:*)'] }) },
      errors: [
        { line: 4, message: /Bash\(rm:\*\)" lets the agent run `rm -rf` without asking, which destroys whole folder trees/ },
        { line: 5, message: /`git push --force`/ },
        { line: 6, message: /`psql -c "DROP …"`/ },
      ],
    },
    {
      files: {
        '.claude/settings.json': claude({ allow: ['Bash(git:*)', 'Bash(kubectl:*)', 'mcp__db__drop_table', 'mcp__github__delete_file'] }),
      },
      errors: [
        { line: 4, message: /`git reset --hard`/ },
        { line: 5, message: /`kubectl delete`/ },
        { line: 6, message: /"drop_table", whose name says it deletes, drops or wipes \(judged by its name\)/ },
        { line: 7, message: /"delete_file" of "github".*\(judged by the catalogue of well-known servers\)/ },
      ],
    },
    {
      files: { '.claude/settings.json': claude({ allow: ['Bash(make nuke:*)'] }) },
      policy: 'rules:\n  destructive-actions: { commands: ["make nuke"] }\n',
      errors: [{ line: 4, message: /`make nuke`/ }],
    },
    {
      files: {
        '.kiro/settings/mcp.json': JSON.stringify(
          { mcpServers: { db: { command: 'db-mcp', autoApprove: ['purge_cache', 'get_row'] } } },
          null,
          2,
        ),
        '.roo/mcp.json': JSON.stringify({ mcpServers: { k8s: { command: 'k8s-mcp', alwaysAllow: ['delete_namespace'] } } }, null, 2),
      },
      errors: [
        { line: 6, message: /"purge_cache"/ },
        { line: 6, message: /"delete_namespace"/ },
      ],
    },
    {
      files: {
        '.claude/settings.json': JSON.stringify(
          { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'git add -A && git stash && git stash clear' }] }] } },
          null,
          2,
        ),
      },
      errors: [{ line: 8, message: /runs `git stash clear` without a prompt/ }],
    },
    {
      files: { 'AGENTS.md': 'If the branch has diverged, run `git reset --hard origin/main` to clean up.\n' },
      errors: [{ line: 1, message: /\(git reset --hard\): "If the branch/ }],
    },
    {
      files: {
        'AGENTS.md': [
          'Force-push the feature branch after every rebase.',
          '',
          'Drop and recreate the database when migrations fail.',
          '',
          'Clean up: clear stashes and prune remote branches.',
          '',
        ].join('\n'),
      },
      errors: [
        { line: 1, message: /said in prose/ },
        { line: 3, message: /said in prose/ },
        { line: 5, message: /said in prose/ },
      ],
    },
    {
      files: { 'CLAUDE.md': 'Reclaim space:\n\n```bash\nrm -rf ~/.cache/app\n```\n' },
      errors: [{ line: 4, message: /\(rm -rf\)/ }],
    },
  ],
});

describe('destructive-actions: levels', () => {
  const files = { '.claude/settings.json': claude({ allow: ['Bash(rm:*)'] }) };
  it('is a warning under the default policy and an error under strict', async () => {
    const byDefault = (await lintFiles(files)).findings.filter((f) => f.ruleId === RULE);
    expect(byDefault.map((f) => f.level)).toEqual(['warning']);
    const strict = (await lintFiles(files, 'extends: strict\n')).findings.filter((f) => f.ruleId === RULE);
    expect(strict.map((f) => f.level)).toEqual(['error']);
  });
});
