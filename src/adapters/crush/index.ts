import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { entries, isTable, own } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { hookEvidence } from '../shared/hooks.js';
import { launchWords } from '../shared/launch.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { addCommandRule, addDomainGrant } from '../shared/permissions.js';
import { at, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';

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

/** The event names Crush runs hooks for, as it matches them (any case, snake_case too). */
const PRE_TOOL_USE = /^pre_?tool_?use$/i;

/**
 * An MCP tool named as Crush names it, `mcp_<server>_<tool>`: the server is the longest one declared in the file that
 * the name starts with, else the name's part up to the next underscore (server names may hold underscores).
 */
function mcpTool(name: string, servers: readonly string[]): { server: string; tool: string } | undefined {
  if (!name.startsWith('mcp_')) return undefined;
  const rest = name.slice('mcp_'.length);
  let server = '';
  for (const s of servers) if (s.length > server.length && rest.startsWith(`${s}_`)) server = s;
  if (server === '') server = rest.includes('_') ? rest.slice(0, rest.indexOf('_')) : rest;
  const tool = rest.slice(server.length + 1);
  return server === '' ? undefined : { server, tool: tool === '' ? '*' : tool };
}

function mapCrush(ctx: MapContext): void {
  const mcp = own(ctx.root, 'mcp');
  const servers = isTable(mcp) ? entries(mcp).flatMap(([name, s]) => (isTable(s) ? [[name, s] as const] : [])) : [];
  const names = servers.map(([name]) => name);
  // A tool hidden from the agent is not run, whatever allows it.
  const disabled = new Set(stringsAt(ctx.root, ['options', 'disabled_tools']).map(([t]) => t.trim()));
  for (const [entry, path] of stringsAt(ctx.root, ['permissions', 'allowed_tools'])) {
    // An entry is a tool's name, or a name and the action it is allowed (`bash:execute`): either allows the tool.
    const name = entry.trim().split(':')[0]!;
    if (disabled.has(name)) continue;
    const evidence = `allowed_tools entry "${entry}"`;
    if (name === 'bash') addCommandRule(ctx, [], 'allow', path, evidence);
    else if (FETCH_TOOLS.has(name)) addDomainGrant(ctx, '*', path, evidence);
    else if (name === 'sourcegraph') addDomainGrant(ctx, 'sourcegraph.com', path, evidence);
    else {
      const tool = mcpTool(name, names);
      if (!tool) continue;
      const declared = servers.find(([n]) => n === tool.server)?.[1];
      ctx.add({ kind: 'tool-approval', ...tool, ...(declared ? { launch: launchWords(declared) } : {}), ...at(path, evidence) });
    }
  }
  addMcpServers(ctx, 'mcp');
  const hooks = own(ctx.root, 'hooks');
  if (!isTable(hooks)) return;
  for (const [event, list] of entries(hooks)) {
    if (!PRE_TOOL_USE.test(event) || !Array.isArray(list)) continue;
    list.forEach((hook, i) => {
      const command = isTable(hook) ? own(hook, 'command') : undefined;
      if (typeof command !== 'string') return;
      const path: KeyPath = ['hooks', event, i, 'command'];
      addShellCommand(ctx.add, ctx.site, command, path, `${event} hook`, hookEvidence(event, command));
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
