import type { Fact } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { entries, isTable, own, showSetting, tableAt, type Table } from '../walk.js';
import { launchWords } from '../shared/launch.js';
import { addLaunch, type CommandSite } from '../shared/commands.js';
import { remoteHost } from './hosts.js';

export type At = (path: KeyPath, part?: 'key' | 'value') => { kind: 'key'; path: KeyPath; part: 'key' | 'value' };

const stringList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;

/**
 * Which tools of one MCP server or app run without asking: `default_tools_approval_mode = "approve"` approves
 * every exposed tool, `tools.<t>.approval_mode = "approve"` one tool. `enabled_tools` narrows what the server
 * exposes (the approval then covers those tools only), `disabled_tools` and `tools.<t>.enabled = false` remove tools.
 */
function addToolApprovals(
  table: Table,
  base: KeyPath,
  server: string,
  launch: string[] | undefined,
  scope: string,
  facts: Fact[],
  at: At,
  annotations: { destructive?: boolean; openWorld?: boolean } = {},
): void {
  const enabled = stringList(own(table, 'enabled_tools'));
  const disabled = new Set(stringList(own(table, 'disabled_tools')) ?? []);
  const tools = tableAt(table, 'tools');
  const exposed = (tool: string): boolean =>
    !disabled.has(tool) && (enabled === undefined || enabled.includes(tool)) && own(tableAt(tools, tool) ?? {}, 'enabled') !== false;
  const approve = (tool: string, path: KeyPath, evidence: string): void => {
    facts.push({
      kind: 'tool-approval',
      server,
      tool,
      ...(launch ? { launch } : {}),
      ...annotations,
      keyPath: path,
      anchor: at(path),
      evidence,
      scope,
    });
  };
  if (own(table, 'default_tools_approval_mode') === 'approve') {
    const path = [...base, 'default_tools_approval_mode'];
    const list = own(table, 'enabled_tools');
    if (enabled === undefined) approve('*', path, 'default_tools_approval_mode = "approve"');
    else if (Array.isArray(list))
      list.forEach((tool, i) => {
        if (typeof tool === 'string' && exposed(tool))
          approve(
            tool,
            [...base, 'enabled_tools', i],
            `default_tools_approval_mode = "approve" on enabled_tools entry ${JSON.stringify(tool)}`,
          );
      });
  }
  for (const [tool, config] of tools ? entries(tools) : []) {
    if (!isTable(config) || own(config, 'approval_mode') !== 'approve' || !exposed(tool)) continue;
    approve(tool, [...base, 'tools', tool, 'approval_mode'], `tools.${tool}.approval_mode = "approve"`);
  }
}

/** `[mcp_servers.<id>]`: remote URLs, launches, inline bearer tokens and tool approvals. */
export function addMcpServers(doc: Table, facts: Fact[], at: At, site: CommandSite | undefined): void {
  const servers = tableAt(doc, 'mcp_servers');
  for (const [id, server] of servers ? entries(servers) : []) {
    if (!isTable(server) || own(server, 'enabled') === false) continue;
    const base = ['mcp_servers', id];
    const scope = `MCP server "${id}"`;
    const url = own(server, 'url');
    const host = typeof url === 'string' ? remoteHost(url) : undefined;
    if (host) {
      const path = [...base, 'url'];
      facts.push({
        kind: 'network',
        what: 'remote-server',
        host,
        keyPath: path,
        anchor: at(path),
        evidence: showSetting(path, url),
        scope,
      });
    }
    const started = { command: own(server, 'command'), args: own(server, 'args'), env: own(server, 'env') };
    addLaunch((f) => facts.push(f), site, started, base, {}, 'MCP server launch', scope);
    const token = own(server, 'bearer_token');
    if (typeof token === 'string') {
      const path = [...base, 'bearer_token'];
      facts.push({ kind: 'inline-credential', value: token, keyPath: path, anchor: at(path), evidence: 'bearer_token = "…"', scope });
    }
    addToolApprovals(server, base, id, launchWords(server), scope, facts, at);
  }
}

/**
 * `[plugins.<plugin>.mcp_servers.<id>]`: the approval policy of a server a plugin brings (the plugin's manifest
 * launches it, so only its name identifies it). A disabled plugin or server grants nothing.
 */
export function addPluginServers(doc: Table, facts: Fact[], at: At): void {
  const plugins = tableAt(doc, 'plugins');
  for (const [plugin, config] of plugins ? entries(plugins) : []) {
    if (!isTable(config) || own(config, 'enabled') === false) continue;
    const servers = tableAt(config, 'mcp_servers');
    for (const [id, server] of servers ? entries(servers) : []) {
      if (!isTable(server) || own(server, 'enabled') === false) continue;
      addToolApprovals(
        server,
        ['plugins', plugin, 'mcp_servers', id],
        id,
        undefined,
        `MCP server "${id}" of plugin "${plugin}"`,
        facts,
        at,
      );
    }
  }
}

/**
 * `[apps.<id>]`: connectors (GitHub, Drive, …) whose tools run with the same approval modes as MCP servers, and
 * the reviewer of their approval prompts. `[apps._default] enabled = false` turns off every app not enabled
 * by name; `destructive_enabled` and `open_world_enabled` only expose tools, which still ask unless approved.
 */
export function addApps(doc: Table, facts: Fact[], at: At, approvalNever: boolean): void {
  const apps = tableAt(doc, 'apps');
  if (!apps) return;
  const defaults = tableAt(apps, '_default') ?? {};
  const defaultEnabled = own(defaults, 'enabled') !== false;
  for (const [id, app] of entries(apps)) {
    if (id === '_default' || !isTable(app)) continue;
    const enabled = own(app, 'enabled');
    if (enabled === false || (enabled !== true && !defaultEnabled)) continue;
    const scope = `app "${id}"`;
    // An app's own setting, else `[apps._default]`'s, says whether tools annotated destructive (or open-world) are exposed.
    const annotations: { destructive?: boolean; openWorld?: boolean } = {};
    const destructive = own(app, 'destructive_enabled') ?? own(defaults, 'destructive_enabled');
    const openWorld = own(app, 'open_world_enabled') ?? own(defaults, 'open_world_enabled');
    if (typeof destructive === 'boolean') annotations.destructive = destructive;
    if (typeof openWorld === 'boolean') annotations.openWorld = openWorld;
    addToolApprovals(app, ['apps', id], id, undefined, scope, facts, at, annotations);
    const reviewer = own(app, 'approvals_reviewer');
    // Under approval_policy = "never" nothing is escalated, so a reviewer never decides anything.
    if (typeof reviewer === 'string' && reviewer !== 'user' && !approvalNever) {
      const path = ['apps', id, 'approvals_reviewer'];
      facts.push({ kind: 'model-reviewer', keyPath: path, anchor: at(path), evidence: showSetting(path, reviewer), scope });
    }
  }
}
