import { parseTOML, type AST } from 'toml-eslint-parser';
import type { Finding, KeyPath } from '../core/types.js';
import { listItemRange } from './edits.js';
import type { Edit, FixPlan } from './types.js';

type Node = AST.TOMLContentNode;
interface Entry {
  node: Node;
  /** The array holding the node, for list entries. */
  list?: AST.TOMLArray;
}

const keyName = (k: AST.TOMLBare | AST.TOMLQuoted): string => (k.type === 'TOMLBare' ? k.name : k.value);
const idOf = (path: KeyPath): string => JSON.stringify(path);

/** Every value of a TOML document by its key path (the first definition wins, as the locator's). */
function indexValues(text: string): Map<string, Entry> | undefined {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text, { tomlVersion: '1.1' });
  } catch {
    return undefined;
  }
  const map = new Map<string, Entry>();
  const work: [AST.TOMLKeyValue | Node, KeyPath][] = [];
  for (const node of ast.body[0].body) {
    if (node.type === 'TOMLKeyValue') work.push([node, []]);
    else for (const kv of node.body) work.push([kv, node.resolvedKey]);
    while (work.length > 0) {
      const [item, base] = work.pop()!;
      if (item.type === 'TOMLKeyValue') {
        const path = [...base, ...item.key.keys.map(keyName)];
        if (!map.has(idOf(path))) map.set(idOf(path), { node: item.value });
        work.push([item.value, path]);
      } else if (item.type === 'TOMLInlineTable') {
        for (const kv of item.body) work.push([kv, base]);
      } else if (item.type === 'TOMLArray') {
        item.elements.forEach((el, i) => {
          const path = [...base, i];
          if (!map.has(idOf(path))) map.set(idOf(path), { node: el, list: item });
          work.push([el, path]);
        });
      }
    }
  }
  return map;
}

const isString = (node: Node | undefined, value: string): boolean =>
  node?.type === 'TOMLValue' && node.kind === 'string' && node.value === value;
const isTrue = (node: Node | undefined): boolean => node?.type === 'TOMLValue' && node.kind === 'boolean' && node.value;
const replace = (node: Node, text: string): Edit => ({ offset: node.range[0], length: node.range[1] - node.range[0], text });

/** Fixes of Codex `config.toml` findings: the offending value replaced or the offending entry removed. */
export function toTomlFix(finding: Finding, text: string): FixPlan | undefined {
  const { ruleId, keyPath } = finding;
  const last = keyPath.at(-1);
  const parent = keyPath.slice(0, -1);
  const wanted =
    (ruleId === 'sandbox-mode' && last === 'sandbox_mode') ||
    (ruleId === 'network-access' && last === 'network_access' && parent.at(-1) === 'sandbox_workspace_write') ||
    (ruleId === 'outside-writes' && typeof last === 'number' && parent.at(-1) === 'writable_roots');
  if (!wanted) return undefined;
  const values = indexValues(text);
  const entry = values?.get(idOf(keyPath));
  if (!values || !entry) return undefined;
  if (last === 'sandbox_mode') {
    if (!isString(entry.node, 'danger-full-access')) return undefined;
    const edits = [replace(entry.node, '"workspace-write"')];
    // Inside the sandbox "never" fails closed; "on-request" lets the agent ask to leave it. With a reviewer
    // configured anywhere, asking would route requests to it, which the rules judge apart: left as it is.
    const approval = values.get(idOf([...parent, 'approval_policy']));
    const reviewer = [...values.keys()].some((id) => (JSON.parse(id) as KeyPath).at(-1) === 'approvals_reviewer');
    if (approval && isString(approval.node, 'never') && !reviewer) edits.push(replace(approval.node, '"on-request"'));
    return {
      edits,
      description:
        edits.length > 1
          ? 'set sandbox_mode to "workspace-write" and approval_policy to "on-request"'
          : 'set sandbox_mode to "workspace-write"',
    };
  }
  if (last === 'network_access') {
    if (!isTrue(entry.node)) return undefined;
    return { edits: [replace(entry.node, 'false')], description: 'set network_access to false' };
  }
  const list = entry.list;
  if (!list || typeof last !== 'number') return undefined;
  const [start, end] = entry.node.range;
  const previous = list.elements[last - 1];
  const next = list.elements[last + 1];
  const range = listItemRange(
    text,
    { start, end },
    previous ? { end: previous.range[1] } : undefined,
    next ? { start: next.range[0] } : undefined,
    '#',
  );
  return { edits: [{ ...range, text: '' }], description: 'remove the writable root outside the repository' };
}
