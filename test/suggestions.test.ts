import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { toCheckResult } from '../src/engine/outcome.js';
import type { CheckResult } from '../src/engine/result.js';
import { createGitHubClient } from '../src/github/client.js';
import { PermissionError } from '../src/github/errors.js';
import { publishSuggestions, readChangedLines } from '../src/github/suggestions.js';
import { renderFixSection, SUGGESTION_MARKER, toAddedLines, toSuggestions } from '../src/report/suggestions.js';
import { lintFiles } from './helpers/repo.js';

const API = 'https://api.github.test';
const client = () => createGitHubClient({ token: 't', baseUrl: API, retries: 0, paceWrites: false });
const PR = { owner: 'acme', repo: 'app', pullNumber: 7 };

const CONFIG =
  '# team\nmodel = "gpt-5-codex"\nsandbox_mode = "danger-full-access" # one-off\n\n[sandbox_workspace_write]\nwritable_roots = [\n  "/opt/cache",\n  "src",\n]\n';

async function resultOf(files: Record<string, string>): Promise<CheckResult> {
  return toCheckResult(await lintFiles(files), { failOn: 'error' });
}

afterEach(() => {
  nock.cleanAll();
});

describe('suggested changes: what is suggested', () => {
  it("a patch's added lines, by the head's numbering", () => {
    const patch =
      '@@ -1,3 +1,4 @@\n # team\n-model = "x"\n+model = "gpt-5-codex"\n+sandbox_mode = "danger-full-access"\n \n@@ -10,2 +11,3 @@\n a\n+b\n c';
    expect([...toAddedLines(patch)]).toEqual([2, 3, 12]);
  });

  it('only fixes of new findings whose whole lines the pull request added, as suggested-change blocks', async () => {
    const result = await resultOf({ '.codex/config.toml': CONFIG });
    const all = new Map([['.codex/config.toml', new Set([1, 2, 3, 4, 5, 6, 7, 8, 9])]]);
    const suggestions = toSuggestions(result, all);
    expect(suggestions.map((s) => [s.path, s.startLine, s.line])).toEqual([
      ['.codex/config.toml', undefined, 3],
      ['.codex/config.toml', undefined, 7],
    ]);
    expect(suggestions[0]!.body).toContain('```suggestion\nsandbox_mode = "workspace-write" # one-off\n```');
    expect(suggestions[0]!.body.startsWith(SUGGESTION_MARKER)).toBe(true);
    // Removing a whole line: an empty suggestion deletes it.
    expect(suggestions[1]!.body).toMatch(/```suggestion\n```$/);
    // Lines the pull request did not touch get nothing.
    expect(toSuggestions(result, new Map([['.codex/config.toml', new Set([7])]])).map((s) => s.line)).toEqual([7]);
    expect(toSuggestions(result, new Map())).toEqual([]);
  });

  it('the job summary section shows each fix as a diff, and no suggestion quotes a secret', async () => {
    const secret = 'xoxb-4812093318-7781203398412-Zq8LmN3vT6wR2yK9pB1cX5dF';
    const result = await resultOf({
      '.codex/config.toml': CONFIG,
      '.mcp.json': `{ "mcpServers": { "s": { "command": "x", "env": { "SLACK_BOT_TOKEN": "${secret}" } } } }\n`,
    });
    const section = renderFixSection(result);
    expect(section).toContain('### Suggested fixes');
    expect(section).toContain('```diff\n-sandbox_mode = "danger-full-access" # one-off\n+sandbox_mode = "workspace-write" # one-off\n```');
    expect(section).not.toContain(secret);
    const everywhere = new Map([['.mcp.json', new Set([1])]]);
    expect(toSuggestions(result, everywhere)).toEqual([]);
  });

  it('no suggestion shows a credential beside the fixed setting, a replaced credential, or a line too long to read', async () => {
    const password = 'Ppassw0rdW4x';
    const settings = `{ "permissions": { "defaultMode": "bypassPermissions" }, "env": { "PGURL": "postgres://admin:${password}@dbhost/db" } }\n`;
    const hook = 'https:\\/\\/hooks.slack.com\\/services\\/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';
    const vscode = `{ "chat.tools.autoApprove": true, "x": "${hook}" }\n`;
    const long = `{ "permissions": { "allow": ["Bash(npm publish:*)", ${'"Read(a)", '.repeat(300)}"Read(b)"] } }\n`;
    const result = await resultOf({
      '.claude/settings.json': settings,
      '.vscode/settings.json': vscode,
      'web/.claude/settings.json': long,
    });
    const section = renderFixSection(result);
    expect(section).not.toContain(password.slice(0, 5));
    expect(section).not.toContain('Zq8LmN3vT6');
    expect(section).not.toContain('Read(a)');
    const lines = new Map(['.claude/settings.json', '.vscode/settings.json', 'web/.claude/settings.json'].map((f) => [f, new Set([1])]));
    expect(toSuggestions(result, lines)).toEqual([]);
  });

  it('repository text in a fix description is markdown-escaped: no mention, link or image', async () => {
    const entry = 'Bash(npm publish ![x](https://evil.example/p.png) [click](https://evil.example) @acme/security <img src=x>)';
    const result = await resultOf({ '.claude/settings.json': JSON.stringify({ permissions: { allow: [entry] } }, null, 2) + '\n' });
    const section = renderFixSection(result);
    const [suggestion] = toSuggestions(result, new Map([['.claude/settings.json', new Set([1, 2, 3, 4, 5, 6, 7])]]));
    // Code blocks show the file as it is; the prose line around them is escaped.
    const prose = [
      section.split('\n').find((l) => l.includes('publish-deploy:')),
      suggestion!.body.split('\n').find((l) => l.includes('**agent-policy')),
    ];
    for (const text of prose) {
      expect(text).toContain('move');
      expect(text).not.toContain('![x](');
      expect(text).not.toContain('[click](');
      expect(text).not.toContain(' @acme/security');
      expect(text).not.toContain('<img');
    }
  });
});

describe('suggested changes: the pull request review (REST: pulls/{n}/files, pulls/{n}/comments, pulls/{n}/reviews)', () => {
  const suggestion = (fingerprint: string, line: number) => ({
    fingerprint,
    path: '.codex/config.toml',
    line,
    body: `${SUGGESTION_MARKER}\n<!-- agent-policy:fix ${fingerprint} -->\nbody ${line}`,
  });

  it('reads the added lines of each changed file', async () => {
    const scope = nock(API)
      .get('/repos/acme/app/pulls/7/files')
      .query({ per_page: 100 })
      .reply(200, [
        { filename: '.codex/config.toml', status: 'modified', patch: '@@ -1,1 +1,2 @@\n a\n+b' },
        { filename: 'logo.png', status: 'added' },
      ]);
    const changed = await readChangedLines(client(), PR);
    expect([...changed]).toEqual([['.codex/config.toml', new Set([2])]]);
    expect(scope.isDone()).toBe(true);
  });

  it('a first run posts one review of COMMENT with a comment per suggestion, on the head commit', async () => {
    const bodies: unknown[] = [];
    const scope = nock(API)
      .get('/repos/acme/app/pulls/7/comments')
      .query({ per_page: 100 })
      .reply(200, [])
      .post('/repos/acme/app/pulls/7/reviews', (b: unknown) => (bodies.push(b), true))
      .reply(200, { id: 1 });
    const done = await publishSuggestions(client(), {
      ...PR,
      commitId: 'abc123',
      login: 'github-actions[bot]',
      suggestions: [suggestion('aa11', 3), { ...suggestion('bb22', 9), startLine: 7 }],
    });
    expect(done).toEqual({ posted: 2, updated: 0, resolved: 0 });
    expect(scope.isDone()).toBe(true);
    expect(bodies).toEqual([
      {
        commit_id: 'abc123',
        event: 'COMMENT',
        body: 'agent-policy suggests 2 fixes for findings this pull request introduces.',
        comments: [
          { path: '.codex/config.toml', line: 3, side: 'RIGHT', body: suggestion('aa11', 3).body },
          { path: '.codex/config.toml', line: 9, side: 'RIGHT', start_line: 7, start_side: 'RIGHT', body: suggestion('bb22', 9).body },
        ],
      },
    ]);
  });

  it("a re-run updates its own changed suggestion, marks the gone one resolved, leaves others' comments, and posts nothing twice", async () => {
    const ours = (id: number, body: string) => ({ id, body, user: { login: 'github-actions[bot]' } });
    const patched: { id: number; body: string }[] = [];
    const scope = nock(API)
      .get('/repos/acme/app/pulls/7/comments')
      .query({ per_page: 100 })
      .reply(200, [
        ours(1, suggestion('aa11', 3).body),
        ours(2, suggestion('bb22', 5).body.replace('body 5', 'old text')),
        ours(3, suggestion('cc33', 8).body),
        { id: 4, body: suggestion('aa11', 3).body, user: { login: 'someone-else' } },
      ])
      .patch('/repos/acme/app/pulls/comments/2', (b: { body: string }) => (patched.push({ id: 2, body: b.body }), true))
      .reply(200, { id: 2 })
      .patch('/repos/acme/app/pulls/comments/3', (b: { body: string }) => (patched.push({ id: 3, body: b.body }), true))
      .reply(200, { id: 3 });
    const done = await publishSuggestions(client(), {
      ...PR,
      commitId: 'def456',
      login: 'github-actions[bot]',
      suggestions: [suggestion('aa11', 3), suggestion('bb22', 5)],
    });
    expect(done).toEqual({ posted: 0, updated: 1, resolved: 1 });
    expect(scope.isDone()).toBe(true);
    expect(patched.map((p) => p.body)).toEqual([
      suggestion('bb22', 5).body,
      expect.stringContaining('resolved — this finding is no longer reported'),
    ]);
  });

  it('without pull-requests: write the failure names the permission to add', async () => {
    nock(API)
      .get('/repos/acme/app/pulls/7/comments')
      .query(true)
      .reply(200, [])
      .post('/repos/acme/app/pulls/7/reviews')
      .reply(403, { message: 'Resource not accessible by integration' });
    const error = await publishSuggestions(client(), { ...PR, commitId: 'abc', login: 'x', suggestions: [suggestion('aa11', 3)] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('pull-requests: write');
  });
});
