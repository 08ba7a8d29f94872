/**
 * A linear, offset-keeping reading of a POSIX/bash command line: simple commands with their words,
 * redirections, here-documents and the scripts nested in `$(…)`, backticks and `<(…)`. It never runs
 * anything and never fails: malformed input gives a best-effort reading. Every loop step consumes at
 * least one character, so the work is bounded by the input length (counted in `steps`).
 */

export interface Word {
  /** The value after quote removal; `$VAR`, `${…}` and substitutions are kept as written. */
  text: string;
  start: number;
  end: number;
  /** Source offset of each character of `text`. */
  map: number[];
  /** Scripts run by `$(…)`, backticks and process substitutions inside the word. */
  subs: Script[];
  /** The whole word is a process substitution `<(…)` or `>(…)`. */
  process?: '<' | '>';
}

export interface Redirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<>`, `<<`, `<<-`, `<<<`, `>&`, `<&`. */
  op: string;
  fd?: string;
  target?: Word;
  /** The body of a here-document. */
  body?: Word;
  start: number;
  end: number;
}

export type Connector = '|' | '&&' | '||' | ';' | '&';

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  /** What joins this command to the next one in the same list. */
  next: Connector;
  /** Run in the background: the and-or list it belongs to ends with `&`. */
  background: boolean;
}

export interface Script {
  commands: SimpleCommand[];
}

export interface ParsedLine {
  script: Script;
  /** Loop iterations spent; each consumed at least one character. */
  steps: number;
  /** Nesting went past the depth bound; deeper syntax was read as plain text. */
  limited: boolean;
}

const BLANK = new Set([' ', '\t']);
const STOP = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);

export function parseCommandLine(src: string, maxDepth = 16): ParsedLine {
  const p = new Reader(src, maxDepth);
  const commands = p.list(undefined, 0);
  return { script: { commands }, steps: p.steps, limited: p.limited };
}

class Reader {
  i = 0;
  steps = 0;
  limited = false;
  private pending: { redirect: Redirect; delimiter: string; strip: boolean }[] = [];

  constructor(
    readonly src: string,
    readonly maxDepth: number,
  ) {}

  /** A list of commands up to `close` (`)` or a backtick) or the end of input; nested groups are flattened. */
  list(close: string | undefined, depth: number): SimpleCommand[] {
    const out: SimpleCommand[] = [];
    const src = this.src;
    let cur: SimpleCommand | undefined;
    let andOrStart = 0;
    const finish = (next: Connector, end: number): void => {
      arrayWords = undefined;
      if (cur) {
        cur.next = next;
        cur.end = Math.max(cur.end, end);
        out.push(cur);
        cur = undefined;
      } else if (out.length > 0 && next !== ';') out[out.length - 1]!.next = next;
      if (next === '&') for (let k = andOrStart; k < out.length; k++) out[k]!.background = true;
      if (next === ';' || next === '&') andOrStart = out.length;
    };
    const command = (): SimpleCommand => (cur ??= { words: [], redirects: [], start: this.i, end: this.i, next: ';', background: false });
    // Inside the parentheses of an array assignment (`ARGS=(`), whose words may go on over lines and hold comments;
    // where its words start in the command, and where they ended once it closed.
    let array = false;
    let arrayFrom = -1;
    let arrayWords: [number, number] | undefined;
    while (this.i < src.length) {
      this.steps++;
      const before = this.i;
      const c = src[this.i]!;
      const d = src[this.i + 1];
      if (BLANK.has(c) || c === '\r' || (array && c === '\n')) this.i++;
      else if (c === '\\' && d === '\n') this.i += 2;
      else if (array && c === ')') {
        this.i++;
        array = false;
        arrayWords = cur ? [arrayFrom, cur.words.length] : undefined;
      } else if (close !== undefined && c === close) {
        this.i++;
        break;
      } else if (c === '#' && (cur === undefined || BLANK.has(src[this.i - 1] ?? ' ') || (array && src[this.i - 1] === '\n'))) {
        while (this.i < src.length && src[this.i] !== '\n') this.i++;
      } else if (c === '\n') {
        this.i++;
        finish(';', before);
        this.readHeredocBodies();
      } else if (c === ';') {
        this.i += d === ';' || d === '&' ? 2 : 1;
        finish(';', before);
      } else if (c === '&' && d === '&') {
        this.i += 2;
        finish('&&', before);
      } else if (c === '|' && d === '|') {
        this.i += 2;
        finish('||', before);
      } else if (c === '|') {
        this.i += d === '&' ? 2 : 1;
        finish('|', before);
      } else if (c === '&' && d !== '>') {
        this.i++;
        finish('&', before);
      } else if (c === '(' && cur?.words.at(-1)?.end === this.i && src[this.i - 1] === '=') {
        // `NAME=(` or `NAME+=(`: the words up to its `)` are the array's, read as words of this command.
        this.i++;
        array = true;
        arrayFrom = cur.words.length;
      } else if (c === '(' && !(cur && cur.words.length > 0)) {
        // A subshell or group: its commands join this list.
        this.i++;
        if (depth >= this.maxDepth) this.limited = true;
        else {
          finish(';', before);
          for (const inner of this.list(')', depth + 1)) out.push(inner);
        }
      } else if (c === ')') {
        this.i++;
      } else if (this.atRedirect()) {
        const cmd = command();
        const r = this.redirect(close, depth);
        if (r) {
          cmd.redirects.push(r);
          cmd.end = r.end;
        }
      } else {
        const cmd = command();
        const w = this.word(close, depth);
        if (w) {
          // A word after an array that closed makes the array an assignment for the command it starts
          // (`ARGS=(x) claude …`): its words are no words of that command.
          if (arrayWords && !array) {
            cmd.words.splice(arrayWords[0], arrayWords[1] - arrayWords[0]);
            arrayWords = undefined;
          }
          cmd.words.push(w);
          cmd.end = w.end;
        }
      }
      if (this.i === before) this.i++;
    }
    finish(';', this.i);
    return out;
  }

  /** Whether a redirection (with an optional fd number or `&`) or a process substitution starts here. */
  private atRedirect(): boolean {
    const src = this.src;
    let k = this.i;
    while (k < src.length && k - this.i < 4 && src[k]! >= '0' && src[k]! <= '9') k++;
    const c = src[k];
    if (c === '&' && src[k + 1] === '>' && k === this.i) return true;
    if (c !== '<' && c !== '>') return false;
    // `<(` and `>(` start a process substitution: a word, not a redirection.
    return !(k === this.i && src[k + 1] === '(');
  }

  private redirect(close: string | undefined, depth: number): Redirect | undefined {
    const src = this.src;
    const start = this.i;
    let fd = '';
    while (src[this.i]! >= '0' && src[this.i]! <= '9') fd += src.charAt(this.i++);
    const m = /^(?:&>>|&>|<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)/.exec(src.slice(this.i, this.i + 3));
    const op = m ? m[0] : src[this.i]!;
    this.i += op.length;
    while (BLANK.has(src[this.i] ?? '')) this.i++;
    const target = this.atWordStart(close) ? this.word(close, depth) : undefined;
    const r: Redirect = { op, start, end: target?.end ?? this.i, ...(fd ? { fd } : {}), ...(target ? { target } : {}) };
    if ((op === '<<' || op === '<<-') && target) {
      const quoted = target.map.length !== target.end - target.start;
      this.pending.push({ redirect: r, delimiter: quoted ? target.text : src.slice(target.start, target.end), strip: op === '<<-' });
    }
    return r;
  }

  private atWordStart(close: string | undefined): boolean {
    const c = this.src[this.i];
    return c !== undefined && c !== close && (!STOP.has(c) || ((c === '<' || c === '>') && this.src[this.i + 1] === '('));
  }

  /** Reads the bodies of the here-documents opened on the line that just ended. */
  private readHeredocBodies(): void {
    const src = this.src;
    for (const h of this.pending.splice(0)) {
      const bodyStart = this.i;
      let bodyEnd = src.length;
      while (this.i < src.length) {
        this.steps++;
        let eol = src.indexOf('\n', this.i);
        if (eol < 0) eol = src.length;
        let line = src.slice(this.i, eol);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line.replace(/\r$/, '') === h.delimiter) {
          bodyEnd = this.i;
          this.i = Math.min(eol + 1, src.length);
          break;
        }
        this.i = eol + 1;
      }
      if (this.i > src.length) this.i = src.length;
      const text = src.slice(bodyStart, bodyEnd);
      h.redirect.body = {
        text,
        start: bodyStart,
        end: bodyEnd,
        map: Array.from({ length: text.length }, (_, k) => bodyStart + k),
        subs: [],
      };
    }
  }

  private word(close: string | undefined, depth: number): Word | undefined {
    const src = this.src;
    const start = this.i;
    const w: Word = { text: '', start, end: start, map: [], subs: [] };
    const add = (s: string, at: number): void => {
      for (let k = 0; k < s.length; k++) {
        w.text += s.charAt(k);
        w.map.push(at + k);
      }
    };
    const addRaw = (from: number, to: number): void => {
      add(src.slice(from, to), from);
    };
    // `<(…)` / `>(…)`
    if ((src[this.i] === '<' || src[this.i] === '>') && src[this.i + 1] === '(') {
      w.process = src[this.i] as '<' | '>';
      this.i += 2;
      if (depth >= this.maxDepth) this.limited = true;
      else w.subs.push({ commands: this.list(')', depth + 1) });
      // The nested script lives in `subs`; the text keeps only a marker, so nothing is copied twice.
      add(src.slice(start, start + 2), start);
      add(')', this.i - 1);
      w.end = this.i;
      return w;
    }
    let inDouble = false;
    while (this.i < src.length) {
      this.steps++;
      const before = this.i;
      const c = src[this.i]!;
      const d = src[this.i + 1];
      if (!inDouble && (STOP.has(c) || c === close)) break;
      if (inDouble && c === '"') {
        this.i++;
        inDouble = false;
      } else if (inDouble && c === close && close === '`') {
        // A backtick ends its substitution even inside double quotes; `)` inside them is text (`"$(date "+(%H)")"`).
        break;
      } else if (c === '\\') {
        if (d === '\n') this.i += 2;
        else if (d === undefined) this.i++;
        else if (inDouble && !'$`"\\'.includes(d)) {
          addRaw(this.i, this.i + 2);
          this.i += 2;
        } else {
          add(d, this.i + 1);
          this.i += 2;
        }
      } else if (!inDouble && c === "'") {
        const end = src.indexOf("'", this.i + 1);
        const stop = end < 0 ? src.length : end;
        addRaw(this.i + 1, stop);
        this.i = Math.min(stop + 1, src.length);
      } else if (!inDouble && c === '$' && d === "'") {
        this.i += 2;
        while (this.i < src.length && src[this.i] !== "'") {
          this.steps++;
          if (src[this.i] === '\\' && this.i + 1 < src.length) {
            const { text, length } = ansiEscape(src, this.i + 1);
            add(text, this.i + 1);
            this.i += 1 + length;
          } else {
            addRaw(this.i, this.i + 1);
            this.i++;
          }
        }
        this.i = Math.min(this.i + 1, src.length);
      } else if (!inDouble && c === '"') {
        this.i++;
        inDouble = true;
      } else if (c === '$' && d === '(') {
        this.i += 2;
        if (depth >= this.maxDepth) {
          this.limited = true;
          addRaw(before, this.i);
        } else {
          w.subs.push({ commands: this.list(')', depth + 1) });
          add('$()', before);
          w.map[w.map.length - 1] = this.i - 1;
        }
      } else if (c === '`') {
        this.i++;
        if (depth >= this.maxDepth) {
          this.limited = true;
          addRaw(before, this.i);
        } else {
          w.subs.push({ commands: this.list('`', depth + 1) });
          add('``', before);
          w.map[w.map.length - 1] = this.i - 1;
        }
      } else if (c === '$' && d === '{') {
        // `${…}`: read to the matching brace without recursion.
        let level = 0;
        let k = this.i + 1;
        for (; k < src.length; k++) {
          this.steps++;
          if (src[k] === '{') level++;
          else if (src[k] === '}' && --level === 0) break;
        }
        addRaw(this.i, Math.min(k + 1, src.length));
        this.i = Math.min(k + 1, src.length);
      } else {
        addRaw(this.i, this.i + 1);
        this.i++;
      }
      if (this.i === before) this.i++;
    }
    w.end = this.i;
    return w.end > start ? w : undefined;
  }
}

const ANSI_CONTROLS: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
};

/**
 * The character a backslash escape inside `$'…'` stands for, read from `at` (just after the backslash), and how many
 * characters the escape takes: bash's `\xHH`, `\NNN` (octal), `\uHHHH`, `\UHHHHHHHH` and control letters; any other
 * character stands for itself (bash(1), QUOTING).
 */
export function ansiEscape(src: string, at: number): { text: string; length: number } {
  const e = src[at]!;
  const digits = (pattern: RegExp, max: number, from: number): string => {
    let end = from;
    while (end < src.length && end - from < max && pattern.test(src[end]!)) end++;
    return src.slice(from, end);
  };
  const code = (text: string, radix: number, length: number): { text: string; length: number } => {
    const value = Number.parseInt(text, radix);
    return { text: value <= 0x10ffff ? String.fromCodePoint(value) : '', length };
  };
  if (e === 'x') {
    const hex = digits(/[0-9A-Fa-f]/, 2, at + 1);
    if (hex) return code(hex, 16, 1 + hex.length);
  } else if (e === 'u' || e === 'U') {
    const hex = digits(/[0-9A-Fa-f]/, e === 'u' ? 4 : 8, at + 1);
    if (hex) return code(hex, 16, 1 + hex.length);
  } else if (/[0-7]/.test(e)) {
    const octal = digits(/[0-7]/, 3, at);
    return code(octal, 8, octal.length);
  }
  return { text: ANSI_CONTROLS[e] ?? e, length: 1 };
}
