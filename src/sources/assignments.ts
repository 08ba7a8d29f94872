import type { Position, Span } from '../core/types.js';
import type { ParseProblem, Parsed } from './parsed.js';

/**
 * A file of shell variable assignments read as data, never run (`.ralphrc`): one `NAME=value` per line, optionally
 * after `export`, the value bare or in single or double quotes, a comment after it; blank lines, comments and any
 * other line are skipped, and the last assignment of a name wins. A value holding `$`, a backtick, a backslash or a
 * control character would be expanded or run by a shell and is skipped, as is a bare value holding a shell operator
 * or a quote. Blanks are the ASCII ones a shell splits on (not a no-break space), and a NUL byte, which a shell's
 * `read` drops, is dropped too. This is the grammar ralph-claude-code reads the file with (`lib/ralphrc.sh`); no
 * dotenv library keeps the place of each value, which a finding needs, so it is written here.
 */
const ASSIGNMENT = /^(export[\t\v\f\r ]+)?([A-Za-z_][A-Za-z0-9_]{0,199})=(.*)$/;
const DOUBLE_QUOTED = /^"([^"]*)"(?:[\t\v\f\r ]+#.*)?$/;
const SINGLE_QUOTED = /^'([^']*)'(?:[\t\v\f\r ]+#.*)?$/;
const BARE = /^([^\t\n\v\f\r #]*)(?:[\t\v\f\r ]+#.*)?$/;
const BARE_UNSAFE = /[$`\\;|&<>()"']/;
const UNSAFE = /[$`\\\u0000-\u001f\u007f-\u009f]/;

const BLANK = new Set(['\t', '\v', '\f', '\r', ' ']);
/** Blanks outside ASCII, which a shell takes as blanks in some locales and as text in others. */
const UNICODE_BLANK = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const UNICODE_BLANKS = new RegExp(UNICODE_BLANK.source, 'g');
const LOOKS_ASSIGNED = /^[\t\v\f\r ]*(?:export[\t\v\f\r ]+)?[A-Za-z_][A-Za-z0-9_]{0,199}=/;

/** Where a name and its value were last assigned. */
interface Place {
  key: Position;
  value: Position;
}

/** A line as a shell reads it: its carriage return, NUL bytes and byte order mark dropped. */
function asRead(raw: string): string {
  const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).replaceAll('\0', '');
  return line.startsWith('\ufeff') ? line.slice(1) : line;
}

/** A line's assignment, its ASCII blanks at both ends trimmed, with how many blanks came before it. */
function assignmentIn(line: string): { m: RegExpExecArray; lead: number } | undefined {
  let lead = 0;
  let end = line.length;
  while (lead < end && BLANK.has(line[lead]!)) lead++;
  while (end > lead && BLANK.has(line[end - 1]!)) end--;
  const m = ASSIGNMENT.exec(line.slice(lead, end));
  return m === null ? undefined : { m, lead };
}

/** Every name a line assigns, whether its value is read or not. */
export const assignedNames = (text: string): string[] =>
  text.split('\n').flatMap((raw) => {
    const found = assignmentIn(asRead(raw));
    return found === undefined ? [] : [found.m[2]!];
  });

/** Whether a line assigns with a Unicode blank in it, which a shell reads one way in one locale and another way in the next. */
const localeBlank = (line: string): boolean => UNICODE_BLANK.test(line) && LOOKS_ASSIGNED.test(line.replace(UNICODE_BLANKS, ' '));

/** A line's assignment: its name and where it starts, with its literal value unless the value is skipped. */
function readAssignment(line: string): { name: string; keyColumn: number; literal?: string } | undefined {
  const found = assignmentIn(line);
  if (found === undefined) return undefined;
  const { m, lead } = found;
  const name = m[2]!;
  const keyColumn = lead + (m[1]?.length ?? 0) + 1;
  const written = m[3]!;
  const quoted = DOUBLE_QUOTED.exec(written) ?? SINGLE_QUOTED.exec(written);
  let literal: string;
  if (quoted) literal = quoted[1]!;
  else {
    const bare = BARE.exec(written);
    if (bare === null || BARE_UNSAFE.test(bare[1]!)) return { name, keyColumn };
    literal = bare[1]!;
  }
  return UNSAFE.test(literal) ? { name, keyColumn } : { name, keyColumn, literal };
}

/**
 * Where a name was last assigned a value that is skipped (`ALLOWED_TOOLS="\` going on over the next lines, a value
 * holding `$(…)`), when no assignment of it is read: the name is then unset, though the file meant to set it.
 */
export function skippedAssignment(text: string, name: string): Position | undefined {
  let skipped: Position | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = asRead(raw);
    const read = readAssignment(line);
    if (read?.name !== name) continue;
    if (read.literal !== undefined && !localeBlank(line)) return undefined;
    skipped = { line: i + 1, column: read.keyColumn };
  }
  return skipped;
}

/** The names assigned and their literal values, with where each last assignment sits. */
export function parseAssignments(text: string): Parsed<Record<string, string>> {
  const value: Record<string, string> = Object.create(null) as Record<string, string>;
  const places = new Map<string, Place>();
  const warnings: ParseProblem[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = asRead(raw);
    // Read one way in one locale and another way in the next: the line is reported and not read.
    if (localeBlank(line)) {
      warnings.push({
        message:
          'this assignment holds a Unicode blank, which a shell reads as a blank in some locales and as text in others: it is not read',
        position: { line: i + 1, column: 1 },
      });
      continue;
    }
    const read = readAssignment(line);
    if (read?.literal === undefined) continue;
    const { name, keyColumn, literal } = read;
    value[name] = literal;
    places.set(name, { key: { line: i + 1, column: keyColumn }, value: { line: i + 1, column: keyColumn + name.length + 1 } });
  }
  return {
    ok: true,
    value,
    warnings,
    locator: {
      locate: (path, part): Span => {
        const place = typeof path[0] === 'string' ? places.get(path[0]) : undefined;
        return { start: place === undefined ? { line: 1, column: 1 } : part === 'key' ? place.key : place.value };
      },
    },
  };
}
