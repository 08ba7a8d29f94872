import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../src/engine/lint.js';
import { toCodeSpan, toMarkdownText, toMentions, toTerminalText } from '../src/report/escape.js';
import { toCheckResult } from '../src/engine/outcome.js';
import { renderGithub } from '../src/report/github.js';
import { renderMarkdownOutputs, renderTextOutputs } from './helpers/outputs.js';
import { cli, lintFiles, makeRepo } from './helpers/repo.js';

/** A result as a pull request's check sees it: compared with `rev`, its exceptions added there (as the engine words it). */
function withChanges(result: LintResult, rev: string): LintResult {
  const exceptions = result.policy.exceptions;
  return {
    ...result,
    baseline: {
      rev,
      available: true,
      states: new Map(),
      exceptionChanges: exceptions.map((exception) => ({ change: 'added' as const, exception, applied: false })),
    },
    policyChanges: {
      rev,
      headInvalid: false,
      changes: exceptions.map((e) => ({
        kind: 'exception' as const,
        weakens: false,
        level: 'notice' as const,
        file: e.file,
        position: e.position,
        message: `Exception "${e.id}" (${e.rule}) is added since ${rev}: it applies once merged.`,
        exception: { id: e.id, change: 'added' as const, applied: false, covers: [] },
      })),
    },
  };
}

/** Markdown as GitHub renders it, close enough: raw HTML allowed, GFM tables. */
const markdown = new MarkdownIt({ html: true, linkify: false });

const HOSTILE = {
  image: '![pwned](https://evil.example/x.png)',
  link: '[Approved by security](https://evil.example/approve)',
  mention: '@acme/everyone',
  html: '<img src=x onerror=alert(1)><details open><summary>hi</summary>',
  pipes: 'a | b | c',
  ticks: '`` ` code ` ``',
  newline: 'line one\n## Heading\n- item',
};
const hostileText = Object.values(HOSTILE).join(' ');

/** What the rendered HTML must not hold: elements the repository chose, mentions, broken tables. */
function injected(html: string, allowedLinks: RegExp): string[] {
  const problems: string[] = [];
  if (/<img\b/i.test(html)) problems.push('image');
  if (/<details\b|<summary\b/i.test(html)) problems.push('html');
  for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) if (!allowedLinks.test(href!)) problems.push(`link ${href ?? ''}`);
  if (/(^|[^\w&;])@acme\/everyone/.test(html.replace(/<[^>]+>/g, ''))) problems.push('mention');
  if (/<h2>Heading|<li>item/.test(html)) problems.push('block');
  for (const table of html.split('<table>').slice(1)) {
    const head = table.split('</thead>')[0]!;
    const columns = (head.match(/<th\b/g) ?? []).length;
    for (const row of table.split('</table>')[0]!.split('<tr>').slice(2)) {
      const cells = (row.match(/<td\b/g) ?? []).length;
      if (cells !== columns) problems.push(`table row with ${cells} cells for ${columns} columns`);
    }
  }
  return problems;
}

describe('Markdown outputs: repository text cannot inject', () => {
  async function hostileResult(): Promise<LintResult> {
    const q = (s: string): string => JSON.stringify(s);
    const policy = [
      'exceptions:',
      '  - id: net',
      '    rule: network-access',
      '    paths: ["**"]',
      `    reason: ${q(hostileText)}`,
      `    owner: ${q(`@acme/docs ${HOSTILE.link} ${HOSTILE.html}`)}`,
      '    expires: 2026-11-30',
      // Ids are validated ([a-z0-9-]); the rest is free text.
      '  - id: gone',
      `    rule: ${q(`nope ${HOSTILE.mention} ${HOSTILE.html}`)}`,
      '    paths: ["gone/**"]',
      `    reason: ${q(hostileText)}`,
      '    owner: "@octocat"',
      '    expires: 2026-11-30',
    ].join('\n');
    const folder = 'a|b `c` <img src=x>@acme';
    const result = await lintFiles(
      {
        [`${folder}/AGENTS.md`]: `# Release\n\nRun \`npm publish\` then ${HOSTILE.image} ${HOSTILE.link} ${HOSTILE.mention} ${HOSTILE.html} ${HOSTILE.pipes}.\n`,
        [`${folder}/.claude/settings.json`]: JSON.stringify({
          permissions: { allow: [`Bash(npm publish ${HOSTILE.link} ${HOSTILE.pipes} ${HOSTILE.ticks})`, 'WebFetch'] },
        }),
        '.codex/config.toml': '[sandbox_workspace_write]\nnetwork_access = true\n',
      },
      policy,
    );
    // A pull request that adds both exceptions: the PR comment and the summary list them.
    return withChanges(result, 'main`<img src=x>');
  }

  it('no image, link, mention, HTML element, block or broken table row in the summary, PR comment or review issue', async () => {
    const result = await hostileResult();
    expect(result.findings.length).toBeGreaterThan(3);
    for (const [name, text] of Object.entries(renderMarkdownOutputs(result))) {
      // The review issue links each exception to its line in the policy file; nothing else may link.
      expect(injected(markdown.render(text), /^\.github\/agent-policy\.yml#L\d+$/), name).toEqual([]);
    }
  });

  it('the review issue mentions owners that are GitHub handles, and only them', async () => {
    const issue = markdown.render(renderMarkdownOutputs(await hostileResult())['review-issue']!);
    expect(issue).toMatch(/[^;]@acme\/docs\b/);
    expect(issue).toMatch(/[^;]@octocat\b/);
    expect(issue).not.toMatch(/[^;]@acme\/everyone/);
    expect(toMentions('@octocat, @acme/docs-team')).toBe('@octocat @acme/docs-team');
    expect(toMentions('@-bad @a--b @toolongtoolongtoolongtoolongtoolongtoolong1 @x/y/z')).not.toMatch(/@[^&]/);
  });

  it('a code span holds any backtick run and, in a table, any pipe', () => {
    for (const text of ['a`b', '``', '`start', 'end`', 'a ``` b', '|', 'a\\|b', ' padded ']) {
      const html = markdown.render(`| x |\n|---|\n| ${toCodeSpan(text, { inTable: true })} |`);
      expect(html, text).toMatch(/<td><code>[^<]*<\/code><\/td>/);
      expect(markdown.renderInline(toCodeSpan(text)), text).toBe(`<code>${markdown.utils.escapeHtml(text)}</code>`);
    }
  });

  it('Markdown text reads as it was written', () => {
    const text = '<b>x</b> & [a](b) `c` *d* _e_ | @f #1 ~g~ $h$ \\ i';
    expect(markdown.renderInline(toMarkdownText(text)).replace(/\u200b/g, '')).toBe(markdown.utils.escapeHtml(text));
    expect(toMarkdownText('- list')).toBe('\\- list');
    expect(toMarkdownText('1. first')).toBe('1\\. first');
  });
});

const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminal outputs: repository text cannot act on the terminal', () => {
  const ESCAPES = ['\u001b]52;c;cHduZWQ=\u0007', '\u001b[2J\u001b[H', '\u001b[1A', '\u0007', '\u202e', '\u009b31m'];
  const evil = ESCAPES.join('x');

  it('policy changes of check --base, suppressed findings, review text and paths show escapes, not act on them', async () => {
    const q = (s: string): string => JSON.stringify(s);
    const policy = [
      'exceptions:',
      '  - id: net',
      '    rule: network-access',
      '    paths: ["**"]',
      `    reason: ${q(evil)}`,
      `    owner: ${q(evil)}`,
      '    expires: 2026-11-30',
    ].join('\n');
    const folder = `d${evil}`;
    const result = await lintFiles(
      {
        [`${folder}/.codex/config.toml`]: '[sandbox_workspace_write]\nnetwork_access = true\nsandbox_mode = "danger-full-access"\n',
        [`${folder}/AGENTS.md`]: `Run \`npm publish\` ${evil} now.\n`,
      },
      policy,
    );
    const withBase = withChanges(result, `HEAD${evil}`);
    const outputs = renderTextOutputs(withBase);
    expect(outputs.text).toContain('Policy changes since HEAD\\x1b]52;c;');
    expect(outputs.text).toContain('\\x1b]52;c;');
    for (const [name, text] of Object.entries(outputs)) {
      // Colour codes are the renderer's own: take them out, then nothing may act.
      const own = text.replace(/\u001b\[[0-9;]*m/g, '');
      expect(ACTING.test(own), name).toBe(false);
    }
    expect(toTerminalText('a\u202eb\u2066c\u{e0041}d')).toBe('a\\u202eb\\u2066c\\u{e0041}d');
  });

  it('policy errors print repository text (a path the policy extends) with escapes', async () => {
    const dir = makeRepo({ '.github/agent-policy.yml': `version: 1\nextends: ${JSON.stringify(`./x${evil}.yml`)}\n` });
    const run = await cli(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('x\\x1b]52;c;');
    expect(ACTING.test(run.stderr)).toBe(false);
  });
});

describe('github format: workflow commands cannot be forged', () => {
  it('data escapes %, CR and LF; properties also : and ,', async () => {
    const folder = 'a,b:c%d\ne';
    const result = await lintFiles({
      [`${folder}/.codex/config.toml`]: 'sandbox_mode = "danger-full-access"\n',
      [`${folder}/AGENTS.md`]: 'Run `npm publish` 100% now.\n',
    });
    const out = renderGithub(toCheckResult(result, { failOn: 'error' }));
    const commands = out.split('\n').filter((l) => l.startsWith('::'));
    expect(commands.length).toBe(result.findings.length);
    for (const line of commands) expect(line).toContain('file=a%2Cb%3Ac%25d%0Ae/');
    expect(out).toContain('100%25 now');
    expect(out.split('\n').filter((l) => l !== '' && !l.startsWith('::'))).toHaveLength(1);
  });

  it('@actions/core escapes annotation messages and properties the same way', async () => {
    const core = await import('@actions/core');
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => (written.push(chunk), true);
    try {
      core.error('one\r\n::warning::forged 100%', { file: 'a,b:c%d\ne', title: 'x:y,z' });
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).toBe('::error title=x%3Ay%2Cz,file=a%2Cb%3Ac%25d%0Ae::one%0D%0A::warning::forged 100%25\n');
  });
});
