import type { Anchor, KeyPath } from '../../core/types.js';
import { positionAt } from '../../sources/lines.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers } from '../shared/mcp.js';
import type { MapContext } from '../shared/structured.js';
import { own } from '../walk.js';
import { addPermissionMode, mapPermissionEntry } from './permissions.js';

/**
 * Tool entries of a front matter list: a YAML list, or one string of entries separated by commas or spaces
 * (`Read, Grep, Bash(git diff *)`); spaces and commas inside parentheses belong to the entry.
 */
export function toolEntries(value: unknown): { entry: string; index: number | undefined; offset: number }[] {
  if (Array.isArray(value))
    return value.flatMap((v, index) => (typeof v === 'string' && v.trim() !== '' ? [{ entry: v.trim(), index, offset: 0 }] : []));
  if (typeof value !== 'string') return [];
  const out: { entry: string; index: undefined; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (i === value.length || (depth === 0 && (c === ',' || /\s/.test(c!)))) {
      const entry = value.slice(start, i);
      if (entry.trim() !== '')
        out.push({ entry: entry.trim(), index: undefined, offset: start + (entry.length - entry.trimStart().length) });
      start = i + 1;
    }
  }
  return out;
}

/** Where characters of a one-line string value start in the file, when the value is written there as it reads. */
export function entryAnchor(ctx: MapContext, path: KeyPath, value: string, offset: number): Anchor | undefined {
  if (!ctx.site) return undefined;
  const start = ctx.site.locator.locate(path, 'value').start;
  const { text } = ctx.site.text;
  const lineStart = ctx.site.text.starts()[start.line - 1];
  if (lineStart === undefined) return undefined;
  const from = lineStart + start.column - 1;
  const quoted = text[from] === '"' || text[from] === "'" ? 1 : 0;
  if (text.slice(from + quoted, from + quoted + value.length) !== value) return undefined;
  return { kind: 'span', span: { start: positionAt(ctx.site.text.starts(), from + quoted + offset) } };
}

/** A tool list's entries as permission entries with `decision`, each placed at its characters where it can be. */
function mapToolList(ctx: MapContext, key: string, decision: 'allow' | 'deny'): void {
  const value = own(ctx.root, key);
  for (const { entry, index, offset } of toolEntries(value)) {
    const path = index === undefined ? [key] : [key, index];
    const anchor = typeof value === 'string' ? entryAnchor(ctx, path, value, offset) : undefined;
    const placed: MapContext = anchor ? { ...ctx, add: (fact) => ctx.add({ ...fact, anchor }) } : ctx;
    mapPermissionEntry(placed, entry, decision, path);
  }
}

/**
 * The `.claude` folder a command or skill belongs to: its pre-approvals join that folder's settings, whose deny
 * and ask entries still win over them.
 */
const settingsGroup = (file: string): string => {
  const m = /(?:^|\/)\.claude\//i.exec(file);
  return m ? file.slice(0, m.index + m[0].length - 1) : file;
};

/** A command's or skill's front matter: `allowed-tools` run without a prompt while it is active; its `hooks` run with it. */
export function mapPreapproved(ctx: MapContext): void {
  mapToolList({ ...ctx, group: settingsGroup(ctx.file) }, 'allowed-tools', 'allow');
  addHooks(ctx, 'Claude Code', ['hooks'], { otherTypes: true });
}

/**
 * A subagent's front matter: `permissionMode`, `hooks` and `mcpServers` as in settings. `tools` chooses which tools the subagent has (each
 * still asks as the settings say) and `disallowedTools` removes some, so neither grants anything.
 */
export function mapSubagent(ctx: MapContext): void {
  addPermissionMode(ctx, own(ctx.root, 'permissionMode'), ['permissionMode']);
  // Hooks scoped to the subagent run while it works; servers defined in place start with it (a name alone refers to
  // a server declared elsewhere).
  addHooks(ctx, 'Claude Code', ['hooks'], { otherTypes: true });
  addMcpServers(ctx, 'mcpServers');
}
