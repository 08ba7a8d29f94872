import markdownIt, { type MarkdownIt, type StateBlock, type Token } from 'markdown-it';
import type { Position } from '../core/types.js';
import { findSecretSpans } from '../secrets/redact.js';
import { lineStarts, positionAt } from '../sources/lines.js';
import {
  isGuardHeading,
  isGuardIntro,
  isGuardRow,
  isProcedureHeader,
  isReferenceRow,
  rowOrders,
  isPositiveMarker,
  leavesToUser,
  negatedFrom,
  splitSentences,
  waivesAsking,
} from './language.js';

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
  /**
   * The block it was said in, numbered in file order: a paragraph's sentences share one, and so does a code
   * block introduced by a paragraph ending in ":", since it shows what that paragraph says.
   */
  block?: number;
  /**
   * The block of the paragraph that leads into the list this statement was said in: one ending in ":" ("Do this
   * unasked:") or naming what follows ("次を行う。").
   */
  lead?: number;
  /** A shell line's comment: the one after it on the line, or the comment lines just above it ("# installs to ~/.x"). */
  note?: string;
  /** The headings in force where it was said, outermost first, joined by " / ". */
  section?: string;
  /**
   * A row of a reference table that is what its header says (a tool's install command, a flag and its effect) and
   * orders nothing in its own words: read as ordering nothing.
   */
  reference?: true;
  /**
   * A row of another table that orders nothing in its own words ("| Deploy | `npm run deploy` |"): it pairs a thing
   * with what it is, so what it reads as an order is a medium reading at most.
   */
  describes?: true;
  /** Said in a list of approvals given ahead (Cursor's `allow_instructions`): a leading "Allow" approves its object. */
  approves?: true;
}

/**
 * Where a shell line's comment starts: a `#` that begins a word outside quotes (`echo "a #"; npm publish` has none),
 * or the line's length. A backslash escapes the character after it outside single quotes.
 */
function commentAt(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (quote === "$'") {
      // ANSI-C quoting (`$'it\'s'`): a backslash escapes the character after it.
      if (c === '\\') i++;
      else if (c === "'") quote = undefined;
    } else if (c === '\\') i++;
    else if (c === '$' && line[i + 1] === "'" && quote === undefined) {
      quote = "$'";
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && i > 0 && /\s/.test(line[i - 1]!)) return i - 1;
  }
  return line.length;
}

/** The drawing of a file tree: box-drawing characters (`├──`, `│`), or their ASCII forms (`|`, `|--`, `` `-- ``, `+--`). */
const TREE_DRAWING = /^(?:[\u2500-\u257F]+|\||[|`+]--+)$/;
/** A file name or a word of one: nothing a shell reads as an operator, a substitution or a redirection. */
const TREE_NAME = /^[^;&|<>`$(){}]+$/;

/**
 * A line of a drawn file tree (`├── dot_bashrc  # → ~/.bashrc`, `|-- src/`): the drawing, then names and at most a
 * comment. One with a shell operator after the drawing (`├── || npm publish`) still runs a command, and is read as one.
 */
function isTreeLine(line: string): boolean {
  const named = line.slice(0, commentAt(line));
  // A quote or an escape is no part of a file's name in a drawn tree.
  if (/["'\\]/.test(named)) return false;
  const words = named.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (!/^[\u2500-\u257F]/.test(first) && !/^[|`+]--/.test(first) && first !== '|') return false;
  let drawing = true;
  for (const word of words) {
    if (drawing && TREE_DRAWING.test(word)) continue;
    // The first word may run the drawing into a name (`├──dot_bashrc`).
    const name = drawing ? word.replace(/^(?:[\u2500-\u257F]+|[|`+]--+)/, '') : word;
    drawing = false;
    if (name !== '' && !TREE_NAME.test(name)) return false;
  }
  return true;
}

/** A paragraph that ends by naming what follows ("do the following.", "다음을 수행한다.", "次を行う。") leads into it as ":" does. */
const FOLLOWING =
  /(?:\b(?:the following|as follows)|다음을|다음과 같이|아래를|아래와 같이|次を|次の|以下を|以下の|如下|以下|下列)[^.。:：\n]{0,16}[.。]?$/i;

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

const SHELL_LANGS = new Set([
  '',
  'sh',
  'bash',
  'shell',
  'zsh',
  'console',
  'terminal',
  'shell-session',
  'shellsession',
  'fish',
  'powershell',
  'pwsh',
  'ps1',
  'cmd',
  'bat',
  'batch',
  'text',
  'txt',
  'plaintext',
]);
const MAX_STATEMENTS = 20_000;
/** How long a shell command joined from lines ending in "\\" may grow. */
const MAX_CONTINUED = 4000;
/** How far past the previous inline token the next one is looked for (link destinations sit between). */
const SEARCH_WINDOW = 4096;

/**
 * Where block tokens start in the source. markdown-it gives blocks a line range only; the offset of each
 * line's content (after block-quote markers, list markers and indentation) is known to the block rule
 * while it runs, so every rule is wrapped to record it for the tokens statements are anchored at.
 */
const STARTS = Symbol('starts');
type Env = Record<symbol, unknown>;
const startsOf = (env: Env): Map<Token, number[]> => env[STARTS] as Map<Token, number[]>;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
/** The tokens statements are anchored at. */
const ANCHORED = new Set(['paragraph_open', 'fence', 'code_block', 'html_block', 'tr_open']);

/** Records the tokens a block rule just made; those of blocks nested inside were recorded by their own rules. */
function recordStarts(state: StateBlock, first: number): void {
  const starts = startsOf(state.env as Env);
  for (let i = first; i < state.tokens.length; i++) {
    const token = state.tokens[i]!;
    if (!token.map || !ANCHORED.has(token.type) || starts.has(token)) continue;
    const lines: number[] = [];
    // Paragraphs keep every line (statements start mid-paragraph); other blocks need their first line only.
    const last = token.type === 'paragraph_open' ? token.map[1] : token.map[0] + 1;
    for (let line = token.map[0]; line < last; line++) lines.push(state.bMarks[line]! + state.tShift[line]!);
    starts.set(token, lines);
  }
}

let parser: MarkdownIt | undefined;
/** A word that says what something does, not an order: "Runs", "Installs", "Copies" (not "Status", "Process"). */
const DOES = /^[\W_]*[A-Za-z][a-z]*[^\Wsiu_]s\s/;
const NOT_DOING =
  /^[\W_]*(?:this|its|his|has|does|was|is|as|always|perhaps|sometimes|afterwards|towards|besides|press|access|process|address|focus|status|alias|canvas|bonus|plus|thus|ops|devops|docs|notes|steps|tests|tools|commands|scripts|files|logs|settings|options|details|examples|yes|no)\b/i;
/** Words of a cell that order, whatever another cell describes. */
const CELL_ORDERS =
  /\b(?:always|must|should|never|yourself|without|automatically|immediately|now|every|each|run|execute|invoke|use|ensure|make sure)\b/i;
/**
 * A row whose commands are each in a cell that says what something does ("| `apply.sh` | First apply | Runs
 * `home-manager switch` |"): it describes a thing by what it runs, a medium reading at most, even where a word of
 * another cell ("First") reads as an order; not where a cell orders in words of its own ("always", "yourself"). A
 * word alone in code (`apply.sh`) names the thing.
 */
const describesCommands = (cells: readonly { text: string; code: readonly string[] }[]): boolean => {
  const runs = (code: readonly string[]): boolean => code.some((c) => /\S\s+\S/.test(c.trim()));
  const words = (text: string): string => text.replace(/`[^`]*`/g, ' ');
  return (
    cells.some((c) => runs(c.code)) &&
    cells.every((c) =>
      runs(c.code) ? DOES.test(c.text) && !NOT_DOING.test(c.text) && !rowOrders(c.text) : !CELL_ORDERS.test(words(c.text)),
    )
  );
};

/** CommonMark with GFM tables, block rules wrapped to record where their tokens start. */
function markdownParser(): MarkdownIt {
  if (parser) return parser;
  const md = markdownIt('commonmark').enable('table');
  // One limit serves both of markdown-it's passes. Blocks nested past it would be dropped without a word, so the
  // block pass gets a high one (the pre-scan bounds nesting); inline content past it stays as plain text, and a
  // high limit there lets link labels recurse until the stack runs out, so the inline pass keeps the default.
  // (`maxNesting` is a markdown-it option its typings leave out.)
  const nesting = (limit: number) => (state: { md: MarkdownIt }) => void ((state.md.options as { maxNesting?: number }).maxNesting = limit);
  md.core.ruler.before('block', 'block_nesting', nesting(10_000));
  md.core.ruler.before('inline', 'inline_nesting', nesting(20));
  // Escapes and entities stay tokens of their own, so each is placed at its source form.
  md.core.ruler.disable('text_join');
  // The rule list is markdown-it's own (not in its typings); without it, statements keep their lines and start at column 1.
  const rules = (md.block.ruler as unknown as { __rules__?: { name: string; fn: BlockRule; alt: string[] }[] }).__rules__ ?? [];
  for (const rule of [...rules]) {
    const original = rule.fn;
    md.block.ruler.at(
      rule.name,
      (state, startLine, endLine, silent) => {
        const before = state.tokens.length;
        const matched = original(state, startLine, endLine, silent);
        if (matched && !silent) recordStarts(state, before);
        return matched;
      },
      { alt: rule.alt },
    );
  }
  return (parser = md);
}

/** Front matter (`---` YAML or `+++` TOML fences on the first line) as lines, blanked out of the markdown. */
export function splitFrontMatter(markdown: string): { body: string; lines: string[] } {
  const fence = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n|$)/.exec(markdown);
  if (!fence) return { body: markdown, lines: [] };
  const lines = markdown.split(/\r\n|\r|\n/);
  const marker = fence[1]!;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trimEnd() !== marker) continue;
    const kept = lines.slice(i + 1).join('\n');
    return { body: '\n'.repeat(i + 1) + kept, lines: lines.slice(1, i) };
  }
  return { body: markdown, lines: [] };
}

interface Piece {
  text: string;
  code: string[];
  /** Where each inline token's text starts in `text`, and its source position; positions inside are derived. */
  marks: { offset: number; line: number; column: number }[];
}

/** Turns source offsets into 1-based lines and columns. */
class SourceLines {
  private readonly starts: number[];
  constructor(private readonly src: string) {
    this.starts = lineStarts(src);
  }
  /** The text of a 0-based line, without its line ending. */
  text(line0: number): string {
    const start = this.starts[line0];
    if (start === undefined) return '';
    const next = this.starts[line0 + 1];
    return this.src.slice(start, next === undefined ? undefined : next - 1);
  }
  position(line0: number, offset: number): Position {
    const start = this.starts[line0] ?? 0;
    return { line: line0 + 1, column: Math.max(1, offset - start + 1) };
  }
}

/**
 * Flattens a paragraph's or cell's inline tokens into plain text (inline code in backticks). Each token is
 * found in the block's raw text, in order, to place it in the source.
 */
function flatten(
  inline: Token | undefined,
  lines: SourceLines | undefined,
  map: readonly number[] | undefined,
  starts: readonly number[] | undefined,
): Piece {
  const piece: Piece = { text: '', code: [], marks: [] };
  if (!inline) return piece;
  const raw = inline.content;
  let rawStarts: number[] | undefined;
  const locate = (at: number): Position | undefined => {
    if (!lines || !map || !starts) return undefined;
    rawStarts ??= lineStarts(raw);
    // The raw line holding `at`, and where in it.
    const within = positionAt(rawStarts, at);
    const k = within.line - 1;
    let column = within.column - 1;
    // Continuation lines lose their leading spaces; the recorded start is their first other character.
    if (k > 0) column = Math.max(0, column - /^[ \t]*/.exec(raw.slice(rawStarts[k], rawStarts[k]! + MAX_INDENT))![0].length);
    const start = starts[k];
    return start === undefined ? undefined : lines.position(map[0]! + k, start + column);
  };
  let cursor = 0;
  const push = (s: string, at: number): void => {
    const position = locate(at);
    piece.marks.push({ offset: piece.text.length, line: position?.line ?? 1, column: position?.column ?? 1 });
    piece.text += s;
  };
  /** The next occurrence of `source` near the cursor; tokens follow each other, so the search is bounded. */
  const next = (source: string, from = cursor): number => {
    if (source === '') return -1;
    const at = raw.slice(from, from + source.length + SEARCH_WINDOW).indexOf(source);
    return at < 0 ? -1 : from + at;
  };
  /** Appends `text`, placed at the next occurrence of its source form, and moves past that. */
  const place = (source: string, text: string): void => {
    if (text === '') return;
    const found = next(source);
    push(text, found < 0 ? cursor : found);
    if (found >= 0) cursor = found + source.length;
  };
  for (const token of inline.children ?? []) {
    switch (token.type) {
      case 'text':
      case 'html_inline':
        place(token.content, token.content);
        break;
      case 'text_special':
        // An escape or an entity: its source form is the markup, its text the character it stands for.
        place(token.markup, token.content);
        break;
      case 'code_inline': {
        const open = next(token.markup);
        const at = open < 0 ? cursor : open;
        piece.code.push(token.content);
        push(`\`${token.content}\``, at);
        if (open >= 0) {
          const close = next(token.markup, open + token.markup.length + token.content.length);
          cursor = close < 0 ? open + token.markup.length : close + token.markup.length;
        }
        break;
      }
      case 'softbreak':
      case 'hardbreak': {
        const nl = raw.indexOf('\n', cursor);
        push('\n', nl < 0 ? cursor : nl);
        if (nl >= 0) cursor = nl + 1;
        break;
      }
      default:
        break;
    }
  }
  return piece;
}

/**
 * Source positions of characters of a flattened piece (exact at token starts, counted within a token), for
 * offsets asked in increasing order: counting resumes where the last one stopped, so a paragraph costs its
 * length once, however many sentences it has.
 */
function positionsIn(piece: Piece): (offset: number) => Position {
  let last: { mark: number; offset: number; line: number; column: number } | undefined;
  return (offset) => {
    // The last mark at or before `offset` (marks are in text order).
    let lo = 0;
    let hi = piece.marks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (piece.marks[mid]!.offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    const mark = piece.marks[lo] ?? { offset: 0, line: 1, column: 1 };
    const from = last?.mark === lo && last.offset <= offset ? last : { mark: lo, ...mark };
    let { line, column } = from;
    for (let i = from.offset; i < offset; i++) {
      if (piece.text.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    last = { mark: lo, offset, line, column };
    return { line, column };
  };
}

/** A block of the document: markdown-it's flat token stream folded into a tree. */
interface Block {
  type: string;
  token: Token;
  children: Block[];
  /** The inline content of a paragraph, heading or table cell. */
  inline?: Token;
  /** Its flattened text, once computed. */
  piece?: Piece;
}

function toBlocks(tokens: readonly Token[]): Block[] {
  const root: Block = { type: 'root', token: tokens[0]!, children: [] };
  const stack: Block[] = [root];
  for (const token of tokens) {
    const parent = stack.at(-1)!;
    if (token.nesting === 1) {
      const block: Block = { type: token.type.slice(0, -'_open'.length), token, children: [] };
      parent.children.push(block);
      stack.push(block);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') parent.inline = token;
    else parent.children.push({ type: token.type, token, children: [] });
  }
  return root.children;
}

/**
 * Parses a guidance file with a CommonMark parser (tables and front matter included) and lists its
 * statements, each with the context that makes it a guardrail or an instruction.
 */
export function toStatements(file: string, agent: string, markdown: string): Statement[] {
  checkNesting(markdown);
  const front = splitFrontMatter(markdown);
  const shielded = shieldSecrets(front.body);
  const env: Env = { [STARTS]: new Map<Token, number[]>() };
  const tokens = markdownParser().parse(shielded.text, env);
  const starts = startsOf(env);
  // markdown-it works on text with normalised line endings; offsets are counted in the same text.
  const lines = new SourceLines(front.body.replace(/\r\n?/g, '\n'));
  const startOf = (token: Token): Position => {
    const at = starts.get(token)?.[0];
    return at === undefined ? { line: (token.map?.[0] ?? 0) + 1, column: 1 } : lines.position(token.map![0], at);
  };
  const flattenBlock = (block: Block): Piece =>
    (block.piece ??= flatten(block.inline, lines, block.token.map ?? undefined, starts.get(block.token)));
  const textOf = (block: Block): string => flattenBlock(block).text;

  const out: Statement[] = [];
  let block = 0;
  /**
   * The paragraph just read when it ends in ":" or names what follows ("次を行う。"), until another block comes: its
   * block leads a list after it; only one ending in ":" (`colon`) hands its block to a code block after it.
   */
  let introducing: { id: number; colon: boolean } | undefined;
  /** Headings in force: a guardrail heading scopes everything under it until a heading of its level or above. */
  const headings: { depth: number; guard: boolean; text: string }[] = [];
  const headingGuard = (): boolean => headings.some((h) => h.guard);
  /** The lead-in of the list being walked. */
  let lead: number | undefined;
  const add = (s: Omit<Statement, 'file' | 'agent' | 'block'>, inBlock = block): void => {
    if (out.length >= MAX_STATEMENTS) return;
    const section = headings.map((h) => h.text).join(' / ');
    out.push({ file, agent, ...s, block: inBlock, ...(lead === undefined ? {} : { lead }), ...(section === '' ? {} : { section }) });
  };
  front.lines.forEach((line, i) => {
    if (line.trim() !== '') add({ position: { line: 2 + i, column: 1 }, text: line.trim(), code: [], source: 'config', guarded: true });
  });
  const nextBlock = (): number => {
    introducing = undefined;
    return ++block;
  };

  const addParagraph = (block: Block, guarded: boolean): void => {
    const piece = flattenBlock(block);
    const positionAt = positionsIn(piece);
    const id = nextBlock();
    const colon = /:\s*$/.test(piece.text.trim());
    introducing = colon || FOLLOWING.test(piece.text.trim()) ? { id, colon } : undefined;
    // A line of the paragraph ending in ":" that guards or leaves to the user what follows ("When the user says X, do:",
    // then items that did not start a list of their own) covers the rest of the paragraph.
    let coveredFrom = Infinity;
    for (let start = 0; start < piece.text.length && coveredFrom === Infinity;) {
      const end = piece.text.indexOf('\n', start);
      if (end < 0) break;
      const line = piece.text.slice(start, end);
      if (/:\s*$/.test(line) && (isGuardIntro(line) || leavesToUser(line))) coveredFrom = end;
      start = end + 1;
    }
    for (const sentence of splitSentences(piece.text)) {
      if (out.length >= MAX_STATEMENTS) return;
      const text = piece.text.slice(sentence.start, sentence.end).trim();
      if (text === '') continue;
      const offset =
        sentence.start +
        (piece.text.slice(sentence.start, sentence.end).length - piece.text.slice(sentence.start, sentence.end).trimStart().length);
      const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      add(
        {
          position: piece.marks.length > 0 ? positionAt(offset) : startOf(block.token),
          text,
          code,
          source: 'prose',
          guarded: guarded || headingGuard() || sentence.start >= coveredFrom,
        },
        id,
      );
    }
  };

  const addCode = (block: Block, guarded: boolean): void => {
    const token = block.token;
    const lang = (token.info.trim().split(/\s/)[0] ?? '').toLowerCase();
    const shell = SHELL_LANGS.has(lang);
    // A fence's code starts on the line after the fence; indented code on its own first line.
    const first = (token.map?.[0] ?? 0) + (token.type === 'fence' ? 1 : 0);
    const id = introducing?.colon ? introducing.id : nextBlock();
    introducing = undefined;
    // Programs a comment of the block forbids ("# NEVER run darwin-rebuild directly"): their lines below are examples.
    const forbidden = new Set<string>();
    // The comment lines read since the last command: they speak of the next one.
    let note = '';
    const original = token.content.split('\n');
    // A shell line ending in "\\" goes on on the next line: the command is read whole, placed where it starts.
    const logical = [...original];
    const firstLineOf = original.map((_, i) => i);
    const continued = new Set<number>();
    if (shell)
      for (let i = 0; i + 1 < logical.length; i++) {
        const text = logical[i]!.trimEnd();
        // Joined up to a bound, so that a block of thousands of continued lines costs no more than their length.
        if (text.length > MAX_CONTINUED || !/(?:^|[^\\])\\$/.test(text) || /^\s*(?:#|\/\/)/.test(text)) continue;
        logical[i + 1] = `${text.slice(0, -1)} ${logical[i + 1]!.trim()}`;
        firstLineOf[i + 1] = firstLineOf[i]!;
        continued.add(i);
      }
    logical.forEach((whole, at) => {
      if (continued.has(at)) return;
      const i = firstLineOf[at]!;
      const raw = original[i]!;
      const line = whole.trim();
      // A blank line ends what a comment speaks of.
      if (line === '') {
        note = '';
        return;
      }
      const lineIndex = first + i;
      const sourceLine = lines.text(lineIndex);
      // Code lines are the source lines less their container and fence indentation: a suffix of the line.
      const column = sourceLine.endsWith(raw)
        ? sourceLine.length - raw.length + (raw.length - raw.trimStart().length) + 1
        : raw.length - raw.trimStart().length + 1;
      const position = { line: lineIndex + 1, column };
      if (shell) {
        // A line of a file tree ("├── dot_bashrc  # → ~/.bashrc") names a file; it is no command.
        if (isTreeLine(line)) {
          note = '';
          return;
        }
        if (/^(#|\/\/|rem\b)/i.test(line)) {
          const from = negatedFrom(line);
          // The words of the forbidding sentence only: "NEVER run x directly. Use y instead." forbids x, not y.
          const forbids = from === Infinity ? '' : (/^[^:;!?]*?(?=[.:;!?](?:\s|$)|$)/.exec(line.slice(from, from + 200))?.[0] ?? '');
          for (const m of forbids.matchAll(/[A-Za-z][\w.-]{1,40}/g)) forbidden.add(m[0].toLowerCase());
          note = `${note} ${line.slice(0, 400)}`.slice(-800);
          return;
        }
        // A prompt, or the name of the shell tool a line is handed to ("bash: cp a /etc/x"), is no part of the command.
        const comment = commentAt(line);
        const command = line
          .slice(0, comment)
          .replace(/^(?:\$|>|PS>|PS [^>]*>|%|❯|(?:bash|sh|zsh|shell):(?=\s))\s*/, '')
          .trimEnd();
        const trailing = /^\s*#\s/.test(line.slice(comment)) ? line.slice(comment) : '';
        const lineNote = `${note} ${trailing}`.trim();
        note = '';
        // A trailing "# never" / "# don't" comment marks the line as an example of what not to do.
        const marked =
          /#\s*(never|don'?t|do not|bad|wrong|forbidden|not allowed|❌|🚫)/i.test(line) ||
          forbidden.has((command.split(/\s/, 1)[0] ?? '').replace(/^.*\//, '').toLowerCase());
        add(
          {
            position,
            text: line,
            code: [command],
            source: 'shell',
            guarded: guarded || marked || headingGuard(),
            ...(lineNote === '' ? {} : { note: lineNote }),
          },
          id,
        );
      } else add({ position, text: line, code: [], source: 'config', guarded: guarded || headingGuard() }, id);
    });
  };

  const rowsOf = (table: Block, part: string): Block[] =>
    table.children.filter((c) => c.type === part).flatMap((c) => c.children.filter((r) => r.type === 'tr'));
  const addTable = (table: Block, guarded: boolean): void => {
    const header = rowsOf(table, 'thead')[0];
    const headerTexts = header ? header.children.map(textOf) : [];
    // A table of forbidden commands guards its rows. Outside a table of steps, a row of two cells or more that orders
    // nothing in its own words pairs a thing with what it is: a row that is what a reference's header says (a tool's
    // install command, a flag and its effect) orders nothing; another ("| Deploy | `npm run deploy` |") is a medium
    // reading at most.
    const headerGuard = header ? isGuardIntro(headerTexts.join(' | ')) || isGuardHeading(headerTexts.join(' ')) : false;
    const steps = isProcedureHeader(headerTexts);
    for (const row of rowsOf(table, 'tbody')) {
      const cells = row.children.map((c) => flatten(c.inline, undefined, undefined, undefined));
      // Rows shorter than the header are padded with empty cells; they say nothing.
      while (cells.length > 1 && cells.at(-1)!.text === '') cells.pop();
      const text = cells.map((c) => c.text).join(' | ');
      nextBlock();
      add({
        position: startOf(row.token),
        text,
        code: cells.flatMap((c) => c.code),
        source: 'table',
        guarded: guarded || headerGuard || headingGuard() || isGuardRow(cells.map((c) => c.text)),
        ...(steps || cells.length < 2 || (rowOrders(text) && !describesCommands(cells))
          ? {}
          : !rowOrders(text) && isReferenceRow(headerTexts, cells)
            ? { reference: true as const }
            : { describes: true as const }),
      });
    }
  };

  const addComment = (block: Block, guarded: boolean): void => {
    const m = /^<!--([\s\S]*?)-->$/.exec(block.token.content.trim());
    if (!m) return;
    const body = m[1]!.trim();
    if (body === '') return;
    nextBlock();
    add({
      position: startOf(block.token),
      text: body,
      code: [...body.matchAll(/`([^`]+)`/g)].map((x) => x[1]!),
      source: 'comment',
      guarded: guarded || headingGuard(),
    });
  };

  const walk = (blocks: readonly Block[], guarded: boolean): void => {
    let introGuard = false;
    for (const block of blocks) {
      switch (block.type) {
        case 'heading': {
          const depth = Number(block.token.tag.slice(1));
          while (headings.length > 0 && headings.at(-1)!.depth >= depth) headings.pop();
          const text = textOf(block);
          headings.push({ depth, guard: isGuardHeading(text), text: text.slice(0, 200) });
          introducing = undefined;
          break;
        }
        case 'paragraph': {
          const text = textOf(block);
          addParagraph(block, guarded);
          // "Never run these:" guards the list, table or code block that follows; "Offer the user these options:" leaves it to the user.
          introGuard = /:\s*$/.test(text.trim()) && (guardsWhatFollows(text) || leavesToUser(text));
          continue;
        }
        case 'bullet_list':
        case 'ordered_list': {
          // A list right after a paragraph ending in ":" is what that paragraph leads into; a nested list keeps the lead.
          const outer = lead;
          lead ??= introducing?.id;
          walkList(block, guarded || introGuard);
          lead = outer;
          break;
        }
        case 'fence':
        case 'code_block':
          addCode(block, guarded || introGuard);
          break;
        case 'table':
          addTable(block, guarded || introGuard);
          break;
        case 'blockquote':
          walk(block.children, guarded || introGuard);
          break;
        case 'html_block':
          addComment(block, guarded);
          break;
        default:
          break;
      }
      introGuard = false;
    }
  };

  const walkList = (list: Block, guarded: boolean): void => {
    for (const item of list.children) {
      const [head, ...rest] = item.children;
      const headText = head?.type === 'paragraph' ? textOf(head) : '';
      // In a guardrail scope, "✅ Always: …" items are instructions again, and so is one that waives asking ("HPC
      // clusters: no approval needed"); a "Never:" item guards what it holds.
      const itemGuarded = isPositiveMarker(headText) || waivesAsking(headText) ? false : guarded;
      if (head?.type === 'paragraph') addParagraph(head, itemGuarded);
      else if (head) walk([head], itemGuarded);
      walk(rest, itemGuarded || (head?.type === 'paragraph' && (guardsWhatFollows(headText) || leavesToUser(headText))));
    }
  };

  walk(toBlocks(tokens), false);
  return shielded.restore ? out.map((st) => restoreStatement(st, shielded.restore!)) : out;
}

/**
 * Whether a paragraph that leads into a list, table or code guards it: its words are a guardrail, unless the sentence
 * that leads in (its last) gives an order of its own ("…, never the lead. The handler must:"), which a guardrail said
 * in an earlier sentence does not reach. "Never run these. They need a human:" still guards.
 */
const guardsWhatFollows = (text: string): boolean => {
  if (!isGuardIntro(text)) return false;
  const last = [...text.trimEnd().matchAll(/[.!?](?:\*\*)?\s+(?=\S)/g)].at(-1);
  if (last === undefined) return true;
  const lead = text.slice(last.index + last[0].length);
  return isGuardIntro(lead) || !OWN_ORDER.test(lead) || SOMEONE_ELSE.test(lead);
};
/** A sentence that orders something itself: "The handler must:", "Each step should then:". */
const OWN_ORDER = /^(?:[\w-]+\s+){1,4}(?:must|should|needs to|has to|will)(?:\s+then)?\s*:\s*$/i;
/** A lead that hands the list to a person or a pipeline: "The release manager must:", "CI will:". */
const SOMEONE_ELSE =
  /\b(?:humans?|people|persons?|maintainers?|managers?|owners?|admins?|administrators?|operators?|reviewers?|developers?|engineers?|users?|team|staff|ci|pipelines?|workflows?|bots?)\b/i;

const restoreStatement = (st: Statement, restore: (text: string) => string): Statement => ({
  ...st,
  text: restore(st.text),
  code: st.code.map(restore),
  ...(st.note === undefined ? {} : { note: restore(st.note) }),
  ...(st.section === undefined ? {} : { section: restore(st.section) }),
});

/** What markdown reads as emphasis or strikethrough inside a credential (`sb_secret_-_x…_y` loses underscores). */
const EMPHASIS = /[_*~]/g;

/**
 * The text with the emphasis characters inside each credential-shaped span swapped for private-use characters
 * the text does not hold (one each, same length), so that markdown reads a credential as plain text and neither its
 * detection nor its masking misses it; `restore` swaps them back in what the statements say. Nothing else in the
 * span changes, so the markdown around it keeps its structure. A text that holds every private-use character
 * cannot be read this way: it is reported as unparseable.
 */
function shieldSecrets(text: string): { text: string; restore?: (text: string) => string } {
  const spans = findSecretSpans(text);
  if (spans.length === 0) return { text };
  const used = new Set<number>();
  for (const m of text.matchAll(/[\ue000-\uf8ff]/g)) used.add(m[0].charCodeAt(0));
  const free: number[] = [];
  for (let c = 0xe000; c <= 0xf8ff && free.length < 3; c++) if (!used.has(c)) free.push(c);
  if (free.length < 3) throw new Error('it holds every private-use character, so its credentials cannot be read safely');
  const to = new Map(['_', '*', '~'].map((c, i) => [c, String.fromCharCode(free[i]!)]));
  const back = new Map([...to].map(([c, s]) => [s, c]));
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += text.slice(at, start) + text.slice(start, end).replace(EMPHASIS, (c) => to.get(c)!);
    at = end;
  }
  out += text.slice(at);
  const shielded = new RegExp(`[${[...back.keys()].join('')}]`, 'g');
  return { text: out, restore: (t) => t.replace(shielded, (c) => back.get(c)!) };
}
