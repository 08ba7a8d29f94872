import { toPrintable } from '../core/printable.js';
import { redactSecrets } from '../secrets/redact.js';

/*
 * The one place repository-derived text is made safe for an output. Everything a checked repository
 * controls (paths, messages, evidence, exception ids, owners, reasons, policy paths) goes through one of
 * these before a renderer writes it; each masks credentials first, so policy-derived text is covered too.
 */

const LINE_BREAKS = /\r\n|[\r\n]/g;

/** Repository text for a terminal, on one line: credentials masked, control, escape and bidi characters visible. */
export const toTerminalText = (text: string): string => toPrintable(redactSecrets(text.replace(LINE_BREAKS, ' ')));

/** A path for a terminal: every character that acts, line breaks included, shown as an escape. */
export const toTerminalPath = (path: string): string => toPrintable(path);

/** Markdown inline syntax that CommonMark lets a backslash escape, HTML, and `$` (GitHub math); `@` is handled apart. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#!|~<>&$@]/g;
const MARKDOWN_REPLACEMENT: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '@': '@&#8203;' };
/** What starts a block when it opens a line or a list item: `- `, `+ `, `= `, `1. `, `1) `. */
const BLOCK_START = /^(?:[-+=]|\d{1,9}(?=[.)]))/;

/**
 * Repository text for Markdown (job summary, PR comment, check run, review issue), safe in a table cell or
 * a list item: one line without leading spaces (no indented code), credentials masked, Markdown and HTML metacharacters escaped (no link, image,
 * emphasis, code span, tag, math, table pipe or block can start), `@` followed by a zero-width space so no
 * one is mentioned.
 */
export function toMarkdownText(text: string): string {
  const escaped = toPrintable(redactSecrets(text.replace(LINE_BREAKS, ' ')).trimStart()).replace(
    MARKDOWN_SPECIAL,
    (c, at: number, all: string) =>
      // `@` after a letter or digit (`org.yml@main`, `a@b.com`) mentions no one; elsewhere it could.
      c === '@' && /[A-Za-z0-9]/.test(all[at - 1] ?? '') ? c : (MARKDOWN_REPLACEMENT[c] ?? `\\${c}`),
  );
  return escaped.replace(BLOCK_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/**
 * Repository text as an inline code span that cannot be closed early: the fence is one backtick longer
 * than the longest run inside, padded when the text starts or ends with a backtick. In a table cell
 * (`inTable`) a `|` is escaped as GFM tables require, with any backslashes before it doubled so the
 * escape cannot be undone.
 */
export function toCodeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let body = toPrintable(redactSecrets(text.replace(LINE_BREAKS, ' ')));
  if (options.inTable) body = body.replace(/(\\*)\|/g, (_m, slashes: string) => `${slashes}${slashes}\\|`);
  if (body === '') return '` `';
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A link destination from a repository path: every segment percent-encoded, parentheses included. */
export const toLinkPath = (path: string): string =>
  path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

/** A GitHub user (`@octocat`) or team (`@acme/docs`) handle, by GitHub's character rules. */
const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_-]{0,99})?$/;

/**
 * Exception owners where a mention is wanted (the review issue): each handle that is a valid GitHub user or
 * team stays a live mention; anything else is escaped text that mentions no one.
 */
export function toMentions(owner: string): string {
  return owner
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map((part) => (HANDLE.test(part) ? part : toMarkdownText(part)))
    .join(' ');
}
