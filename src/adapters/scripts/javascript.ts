/**
 * JavaScript and TypeScript programs that start an agent: an argument list whose words name one (`["claude", "-p",
 * prompt, "--dangerously-skip-permissions"]`), a call that names one and hands it a list (`spawn("codex", ["exec",
 * "--yolo"])`), a command line a process call runs (`execSync("claude -p … --yolo")`), and, with less certainty, the
 * lists of options in a program that starts an agent through a variable (`const args = ["--permission-mode",
 * "bypassPermissions"]` … `spawn(claudePath, args)`), read as the options of the agents it names. Tokens come from
 * js-tokens; only literals and brackets matter, not the program.
 */
import jsTokens from 'js-tokens';
import type { TextPlace } from '../../core/posture.js';
import { AGENT_CLIS, agentNamedIn } from '../../shell/agent-clis.js';
import { base } from '../../shell/programs.js';
import { lineStarts } from '../../sources/lines.js';
import { argvCommand, placeOf, type Literal } from './literals.js';

/** One element of a bracket: a string literal, a list of elements (`[…]`), or anything else. */
type Element = { literal: Literal } | { list: Element[] } | { other: true };

interface Frame {
  /** `(`, `[`, `{`, or a backtick for the fields of a template. */
  open: string;
  /** A template's text, its fields as any text. */
  template?: Literal;
  /** A list given to a name that says it holds what is refused. */
  refused?: true;
  /** The name called, for `(` after a name (`spawn`, `child_process.execSync`). */
  callee?: string;
  elements: Element[];
  current: Element | undefined;
}

/** A command line or an agent's arguments read from the program, with where its characters sit. */
export interface ScriptCommand {
  command: string;
  place: TextPlace;
  /** The program of the agent whose arguments these are (`codex`), for a list of options read without one. */
  argumentsOf?: string;
}

/** Calls that run a command line (`execSync("claude -p …")`, `exec`, `execa`'s `$`, Bun's and Deno's spawns). */
const PROCESS_CALL = /^(?:exec|execSync|execa|execaSync|execaCommand|execaCommandSync|spawn|spawnSync|\$|Command)$/;
/**
 * The deepest nesting of brackets read as lists and calls; deeper ones count as other values. Far deeper than code
 * nests: V8 stops parsing a program long before (it runs out of stack), so no program that runs hides a call there.
 */
const MAX_DEPTH = 10_000;
/** The most lists of options read for the agents a program names, and the most agents they are read for. */
const MAX_OPTION_LISTS = 256;
const MAX_AGENTS = 3;

/** Every agent program as a name of its own (`claude`, `/usr/local/bin/codex`): what a literal names as the program to run. */
const PROGRAMS = new Map(AGENT_CLIS.flatMap((c) => c.programs.map((p) => [p, p] as const)));
const programOf = (value: string): string | undefined => PROGRAMS.get(base(value).toLowerCase());

/**
 * Agents a file's name names (`claude-runner.js`, `gemini_executor.ts`), for a program that starts one through a
 * variable. Cursor's `cursor-agent` counts as a name of its own or a folder
 * named `cursor` (a `cursor.ts` is more often a database's); names that are ordinary words elsewhere (`amp`, `droid`)
 * do not count.
 */
const word = (name: string): RegExp => new RegExp(`(?:^|[^a-z])${name}(?![a-z])`, 'i');
const PATH_AGENTS: readonly [RegExp, string][] = [
  [word('claude'), 'claude'],
  [word('codex'), 'codex'],
  [word('gemini'), 'gemini'],
  [word('qwen'), 'qwen'],
  [/(?:^|\/)cursor(?:\/|[-_]agent(?![a-z]))/i, 'cursor-agent'],
  [word('opencode'), 'opencode'],
  [word('aider'), 'aider'],
  [word('copilot'), 'copilot'],
];

/** The agents a path names, as programs. */
export const agentsOfPath = (path: string): string[] => PATH_AGENTS.filter(([re]) => re.test(path)).map(([, program]) => program);

/** JavaScript's one-character escapes; any other character after a backslash stands for itself. */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
/** The most characters read inside `\u{…}`: a code point's six digits after any number of zeros, bounded. */
const MAX_CODE_DIGITS = 64;
/** A line break, as JavaScript ends a line (a backslash before one continues a string). */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/y;

/** The character hex digits stand for (`\x41`, `\u0041`, `\u{1F600}`), if they are hex digits of a code point. */
function hex(digits: string): string | undefined {
  const code = parseInt(digits, 16);
  return /^[0-9a-fA-F]+$/.test(digits) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * Appends a literal's text (the token's, from `from` to `to` characters before its end) to `into`, escapes decoded as
 * JavaScript decodes them, each character at the offset it is written at (an escape's at its backslash).
 */
function appendText(into: Literal, token: string, offset: number, from: number, to: number): void {
  const end = token.length - to;
  for (let i = from; i < end;) {
    const c = token[i]!;
    if (c !== '\\' || i + 1 >= end) {
      into.value += c;
      into.map.push(offset + i);
      i++;
      continue;
    }
    const next = token[i + 1]!;
    LINE_BREAK.lastIndex = i + 1;
    const brk = LINE_BREAK.exec(token);
    let decoded: string;
    let length: number;
    const byte = next === 'x' && i + 4 <= end ? hex(token.slice(i + 2, i + 4)) : undefined;
    const unit = next === 'u' && i + 6 <= end ? hex(token.slice(i + 2, i + 6)) : undefined;
    if (brk?.index === i + 1) [decoded, length] = ['', 1 + brk[0].length];
    else if (byte !== undefined) [decoded, length] = [byte, 4];
    else if (next === 'u' && token[i + 2] === '{') {
      // Leading zeros are allowed: the brace is looked for as far as a code point's digits can run with them.
      const close = token.slice(i + 3, Math.min(end, i + 3 + MAX_CODE_DIGITS)).indexOf('}');
      const value = close > 0 ? hex(token.slice(i + 3, i + 3 + close)) : undefined;
      [decoded, length] = value === undefined ? [next, 2] : [value, close + 4];
    } else if (unit !== undefined) [decoded, length] = [unit, 6];
    else if (/[0-7]/.test(next)) {
      // A legacy octal escape, which a script outside strict mode takes: up to three digits, at most `\377`.
      const digits = /^[0-7]{1,3}/.exec(token.slice(i + 1, Math.min(end, i + 4)))![0];
      const kept = parseInt(digits, 8) > 0o377 ? digits.slice(0, 2) : digits;
      [decoded, length] = [String.fromCharCode(parseInt(kept, 8)), 1 + kept.length];
    } else [decoded, length] = [ESCAPES[next] ?? next, 2];
    into.value += decoded;
    into.map.push(...new Array<number>(decoded.length).fill(offset + i));
    i += length;
  }
}

/** A placeholder for a value the program computes (a template's `${…}`, a variable in a list): any text. */
const ANY = '"$JS"';

function appendAny(into: Literal, offset: number): void {
  into.value += ANY;
  into.map.push(...new Array<number>(ANY.length).fill(offset));
}

/**
 * The tokens of a program with their offsets, and where each HTML-like comment starts (`<!--` anywhere, `-->` first on
 * a line or after a comment that holds a line break), which a script outside a module reads as a line comment and
 * js-tokens, reading a module, does not know.
 */
function* tokensOf(text: string, comments: number[]): Generator<{ type: string; value: string; closed?: boolean; at: number }> {
  let offset = 0;
  let lineStart = true;
  for (const token of jsTokens(text)) {
    const at = offset;
    offset += token.value.length;
    if (token.type === 'Punctuator' && token.value === '--') {
      if (text.startsWith('<!', at - 2)) comments.push(at - 2);
      else if (lineStart && text[at + 2] === '>') comments.push(at);
    }
    if (token.type === 'LineTerminatorSequence' || (token.type === 'MultiLineComment' && LINE_BREAK_ANYWHERE.test(token.value)))
      lineStart = true;
    else if (token.type !== 'WhiteSpace' && !token.type.endsWith('Comment')) lineStart = false;
    yield { ...token, at };
  }
}
const LINE_BREAK_ANYWHERE = /[\n\r\u2028\u2029]/;

/** The program with each HTML-like comment blanked to its line's end, offsets kept: what a script reads. */
function withoutHtmlComments(text: string, comments: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const start of comments) {
    if (start < from) continue;
    LINE_END.lastIndex = start;
    const end = LINE_END.exec(text)?.index ?? text.length;
    out += text.slice(from, start) + ' '.repeat(end - start);
    from = end;
  }
  return out + text.slice(from);
}

const LINE_END = /[\n\r\u2028\u2029]/g;

/** Words of a name that say a list holds what is refused, not what is run (`FORBIDDEN_FLAGS`, `denyList`, `blockedArgs`). */
const REFUSED = new Set(
  'forbid forbidden deny denied denylist block blocked blocklist disallow disallowed ban banned reject rejected refuse refused'.split(' '),
);
/** Whether a name's words (`camelCase`, `snake_case`, `kebab-case`) say what it holds is refused. */
const refuses = (name: string): boolean =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .some((word) => REFUSED.has(word.toLowerCase()));
/** Programs that run another program their arguments name: a list they are handed may start an agent unnamed. */
const RUNNERS = new Set(['node', 'npx', 'bun', 'bunx', 'deno', 'env', 'sudo', 'sh', 'bash', 'zsh', 'pnpm', 'yarn', 'npm', 'uv', 'uvx']);

/**
 * The command lines and agent arguments of a JavaScript or TypeScript program: every list whose first element is a
 * string and some element names an agent; every call whose first argument is a string and whose second is a list,
 * read as that program with those arguments when either names an agent (`spawn("npx", ["-y",
 * "@anthropic-ai/claude-code", …])`); every string a process call is given that names an agent (`execSync(…)`, zx's
 * and Bun's `$` templates); and, marked as less certain, every other string that starts with an agent's program
 * (`const cmd = "claude -p …"`), and, with the agent they are read for, the other lists of literals with an option
 * among them (`argumentsOf`), for each agent the program names as a string of its own, or else its file's name. A list
 * named for what it refuses (`FORBIDDEN_FLAGS = […]`) is not read as options. Linear in the program: it is read
 * once, twice when it holds an HTML-like comment.
 */
export function javascriptCommands(text: string, path: string): { direct: ScriptCommand[]; options: ScriptCommand[] } {
  const starts = lineStarts(text);
  const comments: number[] = [];
  const module = readProgram(text, path, starts, comments);
  if (comments.length === 0) return module;
  // A script reads an HTML-like comment as a comment, a module as code: both readings count, each whole.
  const script = readProgram(withoutHtmlComments(text, comments), path, starts, []);
  const key = (c: ScriptCommand): string => `${c.argumentsOf ?? ''}\0${c.command}\0${JSON.stringify(c.place.runs[0] ?? null)}`;
  const merged = (a: ScriptCommand[], b: ScriptCommand[]): ScriptCommand[] => {
    const seen = new Set(a.map(key));
    return [...a, ...b.filter((c) => !seen.has(key(c)))];
  };
  return { direct: merged(module.direct, script.direct), options: merged(module.options, script.options) };
}

function readProgram(
  text: string,
  path: string,
  starts: readonly number[],
  comments: number[],
): { direct: ScriptCommand[]; options: ScriptCommand[] } {
  const direct: ScriptCommand[] = [];
  const lists: Element[][] = [];
  const loose: Literal[] = [];
  const used = new Set<Element[] | Literal>();
  const named = new Set<string>();
  const stack: Frame[] = [{ open: '', elements: [], current: undefined }];
  const top = (): Frame => stack[stack.length - 1]!;
  const set = (element: Element): void => {
    const frame = top();
    frame.current = frame.current === undefined ? element : { other: true };
  };
  const endElement = (frame: Frame): void => {
    // The program's own statements are no list: nothing of them is kept.
    if (frame.current !== undefined && frame !== stack[0]) frame.elements.push(frame.current);
    frame.current = undefined;
  };
  // The significant tokens before this one: a callee (`spawn(`, `$\``), a name a list is given (`BLOCKED = [`).
  let previous: { type: string; value: string } | undefined;
  let before: { type: string; value: string } | undefined;
  // Brackets opened past `MAX_DEPTH`, not read as lists or calls.
  let ignored = 0;
  const open = (frame: Frame): void => {
    if (stack.length >= MAX_DEPTH) {
      ignored++;
      set({ other: true });
    } else stack.push(frame);
  };
  for (const token of tokensOf(text, comments)) {
    const { type, value, at } = token;
    if (type === 'WhiteSpace' || type === 'LineTerminatorSequence' || type.endsWith('Comment')) continue;
    if (type === 'StringLiteral' || type === 'NoSubstitutionTemplate') {
      const literal = token.closed === true ? { value: '', map: [] } : undefined;
      if (literal) appendText(literal, value, at, 1, 1);
      if (literal && programOf(literal.value)) named.add(programOf(literal.value)!);
      if (literal && type === 'NoSubstitutionTemplate' && previous?.type === 'IdentifierName' && PROCESS_CALL.test(previous.value))
        ranBy(literal);
      else if (literal) keepLoose(literal);
      set(literal ? { literal } : { other: true });
    } else if (type === 'TemplateHead') {
      // A template with fields: its text with each field as any text; what the fields hold is read as code.
      const template: Literal = { value: '', map: [] };
      appendText(template, value, at, 1, 2);
      appendAny(template, at + value.length - 2);
      const callee = previous?.type === 'IdentifierName' && PROCESS_CALL.test(previous.value) ? previous.value : undefined;
      open({ open: '`', template, ...(callee === undefined ? {} : { callee }), elements: [], current: undefined });
    } else if (type === 'TemplateMiddle' || type === 'TemplateTail') {
      if (ignored > 0) {
        if (type === 'TemplateTail') ignored--;
      } else {
        // A field left open by a bracket it never closed ends with the template.
        while (stack.length > 1 && top().open !== '`') {
          const frame = stack.pop()!;
          endElement(frame);
          close(frame);
        }
        const frame = top();
        if (frame.open === '`' && frame.template) {
          frame.current = undefined;
          appendText(frame.template, value, at, 1, type === 'TemplateTail' ? 1 : 2);
          if (type === 'TemplateMiddle') appendAny(frame.template, at + value.length - 2);
        }
        if (type === 'TemplateTail' && frame.open === '`') {
          stack.pop();
          const template = frame.template!;
          if (frame.callee !== undefined) ranBy(template);
          else keepLoose(template);
          set({ literal: template });
        }
      }
    } else if (type === 'Punctuator' && (value === '(' || value === '[' || value === '{')) {
      const callee = value === '(' && previous?.type === 'IdentifierName' ? previous.value : undefined;
      const name = value === '[' && (previous?.value === '=' || previous?.value === ':') ? before?.value : undefined;
      open({
        open: value,
        ...(callee === undefined ? {} : { callee }),
        ...(name !== undefined && refuses(name) ? { refused: true } : {}),
        elements: [],
        current: undefined,
      });
    } else if (type === 'Punctuator' && (value === ')' || value === ']' || value === '}')) {
      if (ignored > 0) ignored--;
      else if (stack.length > 1 && top().open !== '`') {
        const frame = stack.pop()!;
        endElement(frame);
        close(frame);
        set(frame.open === '[' ? { list: frame.elements } : { other: true });
      }
    } else if (type === 'Punctuator' && (value === ',' || value === ';')) endElement(top());
    else set({ other: true });
    before = previous;
    previous = token;
  }

  /** A command line a process call runs: read as written. */
  function ranBy(line: Literal): void {
    used.add(line);
    if (agentNamedIn(line.value)) direct.push({ command: line.value, place: placeOf(line.map, starts) });
  }

  /** A string that starts with an agent's program, kept to be read as a command line unless a call reads it. */
  function keepLoose(literal: Literal): void {
    const first = /^\s*(\S+)/.exec(literal.value)?.[1];
    if (first !== undefined && programOf(first) && /\s-/.test(literal.value) && loose.length < MAX_OPTION_LISTS) loose.push(literal);
  }

  function close(frame: Frame): void {
    const { elements } = frame;
    const first = elements[0];
    const literal = (e: Element | undefined): Literal | undefined => (e !== undefined && 'literal' in e ? e.literal : undefined);
    // The words of a list read as a command line are not read again on their own.
    const readWhole = (words: readonly Element[]): void => {
      direct.push(argvCommand(words, starts, ANY));
      for (const e of words) if ('literal' in e) used.add(e.literal);
    };
    if (frame.open === '[') {
      if (literal(first) !== undefined && elements.some((e) => agentNamedIn(literal(e)?.value ?? ''))) {
        readWhole(elements);
        used.add(elements);
      } else if (!frame.refused && elements.some((e) => literal(e)?.value.startsWith('-')) && lists.length < MAX_OPTION_LISTS)
        lists.push(elements);
      return;
    }
    if (frame.open !== '(') return;
    const program = literal(first);
    const second = elements[1];
    // A program named and handed a list (`spawn("ffmpeg", ["-y", …])`): the list is its arguments, whatever it is.
    if (program && second !== undefined && 'list' in second) {
      // A runner's list may start an agent through a variable (`spawn("node", [cli, "--yolo"])`): it stays a list of
      // options too.
      if (!RUNNERS.has(base(program.value))) used.add(second.list);
      const words = [first!, ...second.list];
      if (words.some((e) => agentNamedIn(literal(e)?.value ?? ''))) {
        readWhole(words);
        used.add(second.list);
      }
    }
    if (frame.callee !== undefined && PROCESS_CALL.test(frame.callee))
      for (const e of elements) {
        const line = literal(e);
        if (line) ranBy(line);
      }
  }

  const agents = (named.size > 0 ? [...named] : agentsOfPath(base(path))).slice(0, MAX_AGENTS);
  const options = [
    ...loose.filter((l) => !used.has(l)).map((l) => ({ command: l.value, place: placeOf(l.map, starts) })),
    ...lists
      .filter((list) => !used.has(list))
      .flatMap((list) => agents.map((program) => ({ ...argvCommand(list, starts, ANY), argumentsOf: program }))),
  ];
  return { direct, options };
}
