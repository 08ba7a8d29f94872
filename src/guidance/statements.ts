import type { Code, Heading, Html, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Position } from '../core/types.js';
import { isGuardHeading, isGuardIntro, isGuardRow, isPositiveMarker, splitSentences } from './language.js';

/** One thing a guidance file says: a sentence, a shell line, a table row, a comment. */
export interface Statement {
  file: string;
  agent: string;
  position: Position;
  /** Plain text, inline code kept in backticks. */
  text: string;
  /** Inline code spans in the statement, or the command of a shell line. */
  code: string[];
  source: 'prose' | 'shell' | 'config' | 'table' | 'comment';
  /** Said inside a guardrail: under a "Never"/"Boundaries" heading, a "do not" list, a table of forbidden commands, a bad example. */
  guarded: boolean;
}

/** Markdown the parser would follow too deep: block quotes or list indentation nested past reason. */
export class MarkdownNestingError extends Error {
  constructor(readonly position: Position) {
    super('block quotes or lists are nested too deeply to parse');
  }
}
const MAX_QUOTES = 32;
const MAX_INDENT = 256;

/** Linear pre-scan of each line's container prefix (spaces, tabs, `>`), before the recursive parser runs. */
function checkNesting(markdown: string): void {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= markdown.length; i++) {
    if (i < markdown.length && markdown.charCodeAt(i) !== 10) continue;
    let quotes = 0;
    let j = start;
    for (; j < i; j++) {
      const c = markdown[j];
      if (c === '>') quotes++;
      else if (c !== ' ' && c !== '\t' && c !== '-' && c !== '*' && c !== '+') break;
    }
    if (quotes > MAX_QUOTES || j - start > MAX_INDENT) throw new MarkdownNestingError({ line, column: 1 });
    line++;
    start = i + 1;
  }
}

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'console', 'terminal', 'shell-session', 'shellsession', 'fish', 'powershell', 'pwsh', 'ps1', 'cmd', 'bat', 'batch', 'text', 'txt', 'plaintext']);
const MAX_STATEMENTS = 20_000;

interface Piece {
  text: string;
  code: string[];
  /** Where each inline node's text starts in `text`, and its source position; positions inside are derived. */
  marks: { offset: number; line: number; column: number }[];
}

/** Flattens inline content into plain text (inline code in backticks), remembering where each node starts. */
function flatten(nodes: readonly PhrasingContent[]): Piece {
  const piece: Piece = { text: '', code: [], marks: [] };
  const push = (s: string, start: Position | undefined): void => {
    piece.marks.push({ offset: piece.text.length, line: start?.line ?? 1, column: start?.column ?? 1 });
    piece.text += s;
  };
  const stack: PhrasingContent[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') push(node.value, node.position?.start);
    else if (node.type === 'inlineCode') {
      piece.code.push(node.value);
      push(`\`${node.value}\``, node.position?.start);
    } else if (node.type === 'break') push('\n', node.position?.start);
    else if (node.type === 'html') push(node.value, node.position?.start);
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as PhrasingContent);
  }
  return piece;
}

/** The source position of a character of a flattened piece (exact at node starts, counted within a node). */
function positionIn(piece: Piece, offset: number): Position {
  let mark = piece.marks[0] ?? { offset: 0, line: 1, column: 1 };
  for (const m of piece.marks) {
    if (m.offset > offset) break;
    mark = m;
  }
  let { line, column } = mark;
  for (let i = mark.offset; i < offset; i++) {
    if (piece.text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/** Parser extensions, built once: tables and front matter. */
let options: Parameters<typeof fromMarkdown>[1] | undefined;
const markdownOptions = (): Parameters<typeof fromMarkdown>[1] =>
  (options ??= { extensions: [gfmTable(), frontmatter(['yaml', 'toml'])], mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])] });

const textOf = (nodes: readonly PhrasingContent[]): string => flatten(nodes).text;

/**
 * Parses a guidance file with a CommonMark parser (tables and front matter included) and lists its
 * statements, each with the context that makes it a guardrail or an instruction.
 */
export function toStatements(file: string, agent: string, markdown: string): Statement[] {
  checkNesting(markdown);
  const root: Root = fromMarkdown(markdown, markdownOptions());
  const out: Statement[] = [];
  const add = (s: Omit<Statement, 'file' | 'agent'>): void => {
    if (out.length < MAX_STATEMENTS) out.push({ file, agent, ...s });
  };
  /** Headings in force: a guardrail heading scopes everything under it until a heading of its level or above. */
  const headings: { depth: number; guard: boolean }[] = [];
  const headingGuard = (): boolean => headings.some((h) => h.guard);

  const addParagraph = (p: Paragraph, guarded: boolean): void => {
    const piece = flatten(p.children);
    for (const sentence of splitSentences(piece.text)) {
      const text = piece.text.slice(sentence.start, sentence.end).trim();
      if (text === '') continue;
      const offset = sentence.start + (piece.text.slice(sentence.start, sentence.end).length - piece.text.slice(sentence.start, sentence.end).trimStart().length);
      const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      add({ position: piece.marks.length > 0 ? positionIn(piece, offset) : p.position!.start, text, code, source: 'prose', guarded: guarded || headingGuard() });
    }
  };

  const addCode = (node: Code, guarded: boolean): void => {
    const lang = (node.lang ?? '').toLowerCase();
    const shell = SHELL_LANGS.has(lang);
    const first = (node.position?.start.line ?? 0) + 1;
    node.value.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      const position = { line: first + i, column: raw.length - raw.trimStart().length + 1 };
      if (shell) {
        if (/^(#|\/\/|rem\b)/i.test(line)) return;
        // A trailing "# never" / "# don't" comment marks the line as an example of what not to do.
        const marked = /#\s*(never|don'?t|do not|bad|wrong|forbidden|not allowed|❌|🚫)/i.test(line);
        const command = line.replace(/^(?:\$|>|PS>|PS [^>]*>|%|❯)\s*/, '').replace(/\s+#.*$/, '');
        add({ position, text: line, code: [command], source: 'shell', guarded: guarded || marked || headingGuard() });
      } else add({ position, text: line, code: [], source: 'config', guarded: guarded || headingGuard() });
    });
  };

  const addTable = (table: Table, guarded: boolean): void => {
    const [header, ...rows] = table.children;
    const headerGuard = header ? isGuardIntro(header.children.map((c) => textOf(c.children)).join(' | ')) || isGuardHeading(header.children.map((c) => textOf(c.children)).join(' ')) : false;
    for (const row of rows) {
      const cells = row.children.map((c) => flatten(c.children));
      const text = cells.map((c) => c.text).join(' | ');
      add({ position: row.position!.start, text, code: cells.flatMap((c) => c.code), source: 'table', guarded: guarded || headerGuard || headingGuard() || isGuardRow(cells.map((c) => c.text)) });
    }
  };

  const walk = (nodes: readonly (RootContent | ListItem)[], guarded: boolean): void => {
    let introGuard = false;
    for (const node of nodes) {
      switch (node.type) {
        case 'heading': {
          const h = node as Heading;
          while (headings.length > 0 && headings.at(-1)!.depth >= h.depth) headings.pop();
          headings.push({ depth: h.depth, guard: isGuardHeading(textOf(h.children)) });
          introGuard = false;
          break;
        }
        case 'paragraph': {
          const text = textOf(node.children);
          addParagraph(node, guarded);
          // "Never run these:" guards the list, table or code block that follows.
          introGuard = /:\s*$/.test(text.trim()) && isGuardIntro(text);
          continue;
        }
        case 'list':
          walkList(node, guarded || introGuard);
          break;
        case 'code':
          addCode(node, guarded || introGuard);
          break;
        case 'table':
          addTable(node, guarded || introGuard);
          break;
        case 'blockquote':
          walk(node.children, guarded || introGuard);
          break;
        case 'html':
          addComment(node, guarded);
          break;
        case 'yaml':
        case 'toml' as never: {
          const value = (node as { value: string }).value;
          value.split(/\r?\n/).forEach((line, i) => {
            if (line.trim() !== '') add({ position: { line: (node.position?.start.line ?? 1) + 1 + i, column: 1 }, text: line.trim(), code: [], source: 'config', guarded: true });
          });
          break;
        }
        default:
          break;
      }
      introGuard = false;
    }
  };

  const walkList = (list: List, guarded: boolean): void => {
    for (const item of list.children) {
      const [head, ...rest] = item.children;
      const headText = head?.type === 'paragraph' ? textOf(head.children) : '';
      // In a guardrail scope, "✅ Always: …" items are instructions again; a "Never:" item guards what it holds.
      const itemGuarded = isPositiveMarker(headText) ? false : guarded;
      if (head?.type === 'paragraph') addParagraph(head, itemGuarded);
      else if (head) walk([head], itemGuarded);
      walk(rest, itemGuarded || (head?.type === 'paragraph' && isGuardIntro(headText)));
    }
  };

  const addComment = (node: Html, guarded: boolean): void => {
    const m = /^<!--([\s\S]*?)-->$/.exec(node.value.trim());
    if (!m) return;
    const body = m[1]!.trim();
    if (body === '') return;
    add({ position: node.position!.start, text: body, code: [...body.matchAll(/`([^`]+)`/g)].map((x) => x[1]!), source: 'comment', guarded: guarded || headingGuard() });
  };

  walk(root.children as Nodes[] as RootContent[], false);
  return out;
}
