import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { entries, isTable } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { hookEvidence } from '../shared/hooks.js';
import { launchWords } from '../shared/launch.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { addCommandRule, addDomainGrant } from '../shared/permissions.js';
import { at, structuredAdapter, type MapContext } from '../shared/structured.js';

/**
 * Crush (charmbracelet/crush). A project's `crush.json` or `.crush.json` (https://next-docs.charm.land/crush, the
 * configuration's order: `.crush.json`, then `crush.json`, then the user's) holds `permissions.allowed_tools`, the
 * tools that run without a prompt, `options.disabled_tools`, the tools hidden from the agent, MCP servers under
 * `mcp`, and `hooks` (https://github.com/charmbracelet/crush/blob/main/docs/hooks/README.md: only `PreToolUse`, each
 * entry `{ matcher, command }`, run before every tool call of the main agent).
 */
const CONFIG = '{crush,.crush}.json';

/** Crush's tools that fetch what a URL names, and the one that queries sourcegraph.com. */
const FETCH_TOOLS = new Set(['fetch', 'agentic_fetch', 'download']);
/** Crush's own tools, the ones `options.disabled_tools` can hide (MCP tools are added apart from them). */
const BUILT_IN = new Set(['bash', 'sourcegraph', ...FETCH_TOOLS]);

/** A key as Go's JSON decoding matches it: in any case, `ſ` as `s` and the Kelvin sign as `k`. */
const foldKey = (key: string): string =>
  key
    .replace(/ſ/g, 's')
    .replace(/\u212a/g, 'k')
    .toLowerCase();

/**
 * The value of a key as Crush reads it: its config is decoded by Go, which matches keys in any case, and the last of
 * keys that match wins. Returns the key as written, for the finding's place.
 */
function ciOwn(table: unknown, key: string): [unknown, string] | undefined {
  if (!isTable(table)) return undefined;
  let found: [unknown, string] | undefined;
  for (const [k, v] of entries(table)) if (foldKey(k) === key) found = [v, k];
  return found;
}

/** The strings of a list under a path of keys read as Crush reads them, each with its key path. */
function ciStrings(root: unknown, keys: readonly string[]): [string, KeyPath][] {
  let value: unknown = root;
  const path: (string | number)[] = [];
  for (const key of keys) {
    const found = ciOwn(value, key);
    if (!found) return [];
    [value] = found;
    path.push(found[1]);
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => (typeof v === 'string' ? [[v, [...path, i]] as [string, KeyPath]] : []));
}

/**
 * The servers and tools an entry `mcp_<server>_<tool>` may name: Crush matches the whole name, so every server
 * declared in the file that the name starts with is one (a server named `dc_start` does not hide `dc`'s
 * `start_process`), and, when none is, the part up to the next underscore.
 */
function mcpTools(name: string, servers: ReadonlyMap<string, unknown>): { server: string; tool: string }[] {
  if (!name.startsWith('mcp_')) return [];
  const rest = name.slice('mcp_'.length);
  const out: { server: string; tool: string }[] = [];
  // A server's name is short: the places past the first 256 characters are not tried (a name of many underscores
  // would be tried at each).
  for (let i = rest.indexOf('_'); i > 0 && i < 256; i = rest.indexOf('_', i + 1)) {
    const server = rest.slice(0, i);
    if (servers.has(server)) out.push({ server, tool: rest.slice(i + 1) || '*' });
  }
  if (out.length > 0) return out;
  const cut = rest.indexOf('_');
  const server = cut < 0 ? rest : rest.slice(0, cut);
  return server === '' ? [] : [{ server, tool: cut < 0 ? '*' : rest.slice(cut + 1) || '*' }];
}

function mapCrush(ctx: MapContext): void {
  const mcpKey = ciOwn(ctx.root, 'mcp');
  const servers = mcpKey && isTable(mcpKey[0]) ? entries(mcpKey[0]).flatMap(([name, s]) => (isTable(s) ? [[name, s] as const] : [])) : [];
  const byName = new Map(servers);
  // A built-in tool hidden from the agent is not run, whatever allows it; Crush compares the names exactly.
  const disabled = new Set(ciStrings(ctx.root, ['options', 'disabled_tools']).map(([t]) => t));
  const seen = new Set<string>();
  for (const [entry, path] of ciStrings(ctx.root, ['permissions', 'allowed_tools'])) {
    // An entry is a tool's name, or a name and the action it is allowed (`bash:execute`): either allows the tool.
    const name = entry.trim().split(':')[0]!;
    if ((BUILT_IN.has(name) && disabled.has(name)) || seen.has(name)) continue;
    seen.add(name);
    const evidence = `allowed_tools entry "${entry}"`;
    if (name === 'bash') addCommandRule(ctx, [], 'allow', path, evidence);
    else if (FETCH_TOOLS.has(name)) addDomainGrant(ctx, '*', path, evidence);
    else if (name === 'sourcegraph') addDomainGrant(ctx, 'sourcegraph.com', path, evidence);
    else
      for (const tool of mcpTools(name, byName)) {
        const declared = byName.get(tool.server);
        ctx.add({ kind: 'tool-approval', ...tool, ...(declared ? { launch: launchWords(declared) } : {}), ...at(path, evidence) });
      }
  }
  if (mcpKey) addMcpServers(ctx, mcpKey[1]);
  const hooks = ciOwn(ctx.root, 'hooks');
  if (!hooks || !isTable(hooks[0])) return;
  for (const [event, list] of entries(hooks[0])) {
    // Crush drops every underscore of an event's name and reads it in any case (`pre_tool_use`, `PRE_TOOL_USE`).
    if (event.replace(/_/g, '').toLowerCase() !== 'pretooluse' || !Array.isArray(list)) continue;
    list.forEach((hook, i) => {
      const found = ciOwn(hook, 'command');
      if (!found || typeof found[0] !== 'string') return;
      const path: KeyPath = [hooks[1], event, i, found[1]];
      addShellCommand(ctx.add, ctx.site, found[0], path, `${event} hook`, hookEvidence(event, found[0]));
    });
  }
}

const KEYS: readonly KeyDoc[] = [
  {
    file: CONFIG,
    key: '`permissions.allowed_tools` (less `options.disabled_tools`)',
    rule: 'sandbox-mode, network-access, publish-deploy',
    note: '`bash` runs any command without asking; `fetch`, `agentic_fetch` and `download` fetch any URL; `sourcegraph` reaches sourcegraph.com; `mcp_<server>_<tool>` pre-approves an MCP tool',
  },
  {
    file: CONFIG,
    key: '`hooks.PreToolUse[].command`',
    rule: 'every rule',
    note: 'commands run before every tool call, without a prompt',
  },
  ...mcpServerKeys(CONFIG, 'mcp.*'),
];

export const crushAdapter = structuredAdapter({
  id: 'crush',
  name: 'Crush',
  keys: KEYS,
  kinds: [{ path: CONFIG, format: 'jsonc', map: mapCrush }],
});
