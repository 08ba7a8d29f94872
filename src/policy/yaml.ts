import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Position } from '../core/types.js';
import { bracketDepth, MAX_DEPTH } from '../sources/depth.js';
import { lineStarts, positionAt } from '../sources/lines.js';

export interface PolicyError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class PolicyLoadError extends Error {
  constructor(readonly errors: PolicyError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  }
}

export interface ParsedYaml {
  file: string;
  data: unknown;
  /** The 1-based position of the node at `path`, or of its nearest existing ancestor; `key` points at the key. */
  position(path: readonly (string | number)[], key?: string): Position;
}

/** Parses YAML with positions, refusing hostile nesting and alias bombs before they cost anything. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const at = (offset: number, message: string): PolicyError => ({ file, ...positionAt(lineStarts(text), offset), message });
  const nesting = bracketDepth(text, MAX_DEPTH);
  if (nesting.depth > MAX_DEPTH) throw new PolicyLoadError([at(nesting.offset, `nesting deeper than ${MAX_DEPTH} levels`)]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, schema: 'core' });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new PolicyLoadError(
      problems.map((e) => {
        const pos = e.linePos?.[0];
        const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return { file, line: pos?.line ?? 1, column: pos?.col ?? 1, message };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new PolicyLoadError([{ file, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) }]);
  }
  return { file, data: data ?? {}, position: (path, key) => nodePosition(doc, lineCounter, path, key) };
}

function nodePosition(doc: Document, lc: LineCounter, path: readonly (string | number)[], key?: string): Position {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
    if (!node || !node.range) continue;
    if (n === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return toPosition(lc, keyNode.range[0]);
    }
    if (n < path.length && isMap(node)) {
      // Point at the key of the missing or non-node child when there is one.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n]));
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return toPosition(lc, keyNode.range[0]);
    }
    return toPosition(lc, node.range[0]);
  }
  return { line: 1, column: 1 };
}

const toPosition = (lc: LineCounter, offset: number): Position => {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
};
