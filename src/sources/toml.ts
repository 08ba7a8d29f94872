import { parse as parseSmolToml, TomlError } from 'smol-toml';
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { KeyPath, Span } from '../core/types.js';
import { MAX_DEPTH, measureDepth } from './depth.js';
import type { Locator } from '../core/locator.js';
import { parseFailure, type Parsed } from './parsed.js';

/** Values from smol-toml (null-prototype objects, depth-limited); positions from an AST built only when a finding needs one. */
export function parseToml(text: string): Parsed<Record<string, unknown>> {
  let value: Record<string, unknown>;
  try {
    value = parseSmolToml(text, { integersAsBigInt: 'asNeeded', maxDepth: MAX_DEPTH });
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0] ?? 'invalid TOML';
      return parseFailure(first.replace(/^Invalid TOML document:\s*/, ''), { line: error.line, column: error.column });
    }
    return parseFailure(error instanceof Error ? error.message : String(error), { line: 1, column: 1 });
  }
  // Dotted keys and table headers can nest without limit; smol-toml's maxDepth counts only inline values.
  const depth = measureDepth(value, MAX_DEPTH);
  if (depth > MAX_DEPTH) return parseFailure(`keys are nested more than ${MAX_DEPTH} levels deep`, { line: 1, column: 1 });
  return { ok: true, value, locator: tomlLocator(text), warnings: [] };
}

interface Hit {
  key: Span;
  value: Span;
}

const toSpan = (l: AST.SourceLocation): Span => ({
  start: { line: l.start.line, column: l.start.column + 1 },
  end: { line: l.end.line, column: l.end.column + 1 },
});
const keyName = (k: AST.TOMLBare | AST.TOMLQuoted): string => (k.type === 'TOMLBare' ? k.name : k.value);
const FILE_START: Span = { start: { line: 1, column: 1 } };

/**
 * A locator over toml-eslint-parser's AST, built on first use only (most files have no finding).
 * Only the AST is used: its value builder is unsafe with `__proto__` keys.
 */
function tomlLocator(text: string): Locator {
  let index: Map<string, Hit> | undefined;
  const build = (): Map<string, Hit> => {
    const map = new Map<string, Hit>();
    try {
      indexToml(parseTOML(text, { tomlVersion: '1.1' }), map);
    } catch {
      // The AST parser gives up only on pathological files that smol-toml accepted; anchor at the file start.
    }
    return map;
  };
  return {
    locate(path: KeyPath, part: 'key' | 'value'): Span {
      index ??= build();
      for (let n = path.length; n > 0; n--) {
        const hit = index.get(JSON.stringify(path.slice(0, n)));
        if (hit) return n === path.length ? hit[part] : hit.key;
      }
      return FILE_START;
    },
  };
}

function indexToml(ast: AST.TOMLProgram, map: Map<string, Hit>): void {
  const put = (p: KeyPath, key: AST.SourceLocation, value: AST.SourceLocation): void => {
    const id = JSON.stringify(p);
    if (!map.has(id)) map.set(id, { key: toSpan(key), value: toSpan(value) });
  };
  type Item = [AST.TOMLKeyValue | AST.TOMLContentNode, KeyPath];
  const work: Item[] = [];
  const [top] = ast.body;
  for (const node of top.body) {
    if (node.type === 'TOMLKeyValue') work.push([node, []]);
    else {
      // `[[hooks.Stop]]` alone also places `hooks` and `hooks.Stop`, which no header names.
      for (let n = 1; n <= node.resolvedKey.length; n++) put(node.resolvedKey.slice(0, n), node.key.loc, node.key.loc);
      for (const kv of node.body) work.push([kv, node.resolvedKey]);
    }
    while (work.length > 0) {
      const [item, base] = work.pop()!;
      if (item.type === 'TOMLKeyValue') {
        const parts = item.key.keys;
        for (let i = 1; i < parts.length; i++) {
          put([...base, ...parts.slice(0, i).map(keyName)], parts[i - 1]!.loc, item.loc);
        }
        const p = [...base, ...parts.map(keyName)];
        put(p, item.key.loc, item.value.loc);
        work.push([item.value, p]);
      } else if (item.type === 'TOMLInlineTable') {
        for (const kv of item.body) work.push([kv, base]);
      } else if (item.type === 'TOMLArray') {
        item.elements.forEach((el, i) => {
          put([...base, i], el.loc, el.loc);
          work.push([el, [...base, i]]);
        });
      }
    }
  }
}
