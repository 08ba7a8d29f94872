import { spanInText, type Fact, type TextPlace } from '../../core/posture.js';
import type { Anchor, KeyPath, Position, Span } from '../../core/types.js';
import type { Locator } from '../../core/locator.js';
import { lineStarts } from '../../sources/lines.js';
import { parseJson } from '../../sources/json.js';
import { fileText, textPlace, yamlScalarPlace } from '../shared/text-place.js';
import { isTable, type Table } from '../walk.js';
import type { MapContext } from '../shared/structured.js';

/** Where the characters of the string at `path` of a workflow sit in its file, when they can be placed. */
export function placeOf(ctx: MapContext, path: KeyPath, value: string): TextPlace | undefined {
  if (!ctx.site) return undefined;
  const span = ctx.site.locator.locate(path, 'value');
  return textPlace(ctx.site.text, span, value) ?? yamlScalarPlace(ctx.site.text, span, value);
}

/** Maps positions inside a document held in a string value (a settings JSON in an input) to positions in the file. */
interface Rehome {
  /** The file span of a span of the inner document. */
  span(span: Span): Span;
  position(position: Position): Position;
}

function rehomeIn(inner: string, outer: TextPlace): Rehome {
  const starts = lineStarts(inner);
  const offset = (p: Position): number => (starts[p.line - 1] ?? inner.length) + p.column - 1;
  const position = (p: Position): Position => spanInText(outer, offset(p), offset(p) + 1).start;
  return {
    position,
    span: (span) => {
      const start = offset(span.start);
      const end = span.end ? offset(span.end) : start;
      return spanInText(outer, start, end);
    },
  };
}

/** A text place over the inner document, moved to the file (a string of the inner document sits on one line of it). */
const movePlace = (place: TextPlace, rehome: Rehome): TextPlace => ({
  length: place.length,
  runs: place.runs.map(([offset, line, column]) => {
    const p = rehome.position({ line, column });
    return [offset, p.line, p.column] as const;
  }),
});

/**
 * The facts a mapping finds in a document held in the string at `inputPath` (JSON settings passed inline to an
 * action), each with its key path under the input and its location in the file: at its characters when the string
 * can be placed, else at the input.
 */
export function rehomeFacts(ctx: MapContext, inputPath: KeyPath, text: string, locator: Locator, scope: string): (fact: Fact) => void {
  const outer = placeOf(ctx, inputPath, text);
  const rehome = outer ? rehomeIn(text, outer) : undefined;
  const anchorOf = (anchor: Anchor): Anchor => {
    if (!rehome) return { kind: 'key', path: inputPath, part: 'value' };
    const span = anchor.kind === 'span' ? anchor.span : locator.locate(anchor.path, anchor.part);
    return { kind: 'span', span: rehome.span(span) };
  };
  return (fact) => {
    const moved = {
      ...fact,
      keyPath: [...inputPath, ...fact.keyPath],
      anchor: anchorOf(fact.anchor),
      scope: fact.scope === undefined ? scope : `${scope}, ${fact.scope}`,
    } as Fact;
    if (moved.kind === 'auto-command') {
      if (moved.place) moved.place = rehome ? movePlace(moved.place, rehome) : undefined;
      if (moved.place === undefined) delete moved.place;
      if (moved.launch)
        moved.launch = {
          argv: moved.launch.argv,
          paths: moved.launch.paths.map((p) => [...inputPath, ...p]),
          places: moved.launch.places.map((p) => (p && rehome ? movePlace(p, rehome) : undefined)),
        };
    }
    ctx.add(moved);
  };
}

/** The text with each `${{ … }}` as a `0` and spaces, line breaks kept, so positions stay; one pass. */
export function blankExpressions(text: string): string {
  let out = '';
  let from = 0;
  for (let start = text.indexOf('${{'); start >= 0; start = text.indexOf('${{', from)) {
    const end = text.indexOf('}}', start + 3);
    if (end < 0) break;
    out += `${text.slice(from, start)}0${text.slice(start + 1, end + 2).replace(/[^\r\n]/g, ' ')}`;
    from = end + 2;
  }
  return out + text.slice(from);
}

/**
 * Runs a settings mapping over the JSON document in the string at `inputPath`: the facts it finds are the step's,
 * located inside the string. `strict`: the tool reads it with JSON.parse (anything else is not settings to it).
 * Returns false when the string is not JSON.
 */
export function mapInlineJson(
  ctx: MapContext,
  inputPath: KeyPath,
  text: string,
  scope: string,
  map: (inner: MapContext) => void,
): Table | undefined {
  let parsed = parseJson(text, false);
  // GitHub replaces each `${{ }}` before the action sees the text: one there stands for a value of its own.
  if (!parsed.ok && text.includes('${{')) parsed = parseJson(blankExpressions(text), false);
  if (!parsed.ok || !isTable(parsed.value)) return undefined;
  const root = parsed.value;
  const add = rehomeFacts(ctx, inputPath, text, parsed.locator, scope);
  const inner: MapContext = {
    file: ctx.file,
    root,
    group: ctx.group,
    facts: ctx.facts,
    envFilter: 'n/a',
    add,
    site: { text: fileText(text), locator: parsed.locator },
    reject: (_path, message, notice) => ctx.reject?.(inputPath, message, notice),
  };
  map(inner);
  return root;
}
