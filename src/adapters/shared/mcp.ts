import { remoteHost } from '../codex/config.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addLaunch } from './commands.js';
import { at, setting, type MapContext } from './structured.js';
import { launchWords } from './launch.js';

interface McpOptions {
  urlKeys?: readonly string[];
  trustKey?: string;
  scope?: (name: string) => string;
  /** Where the launch is written: `command` + `args` (default), or one `command` array (OpenCode); the env key. */
  launch?: { argv?: 'command-array'; envKey?: string };
}

/**
 * MCP server tables, the same in `.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, Gemini and OpenCode:
 * remote URLs, and servers trusted to run every tool without confirmation. Literal credentials in `env`,
 * `headers` and args are found by the literal scan every adapter runs.
 */
export function addMcpServers(ctx: MapContext, key: string, options: McpOptions = {}): void {
  const servers = own(ctx.root, key);
  if (!isTable(servers)) return;
  addServers(ctx, key, servers, options);
}

/**
 * MCP servers written under the key another agent uses (`mcpServers` in `.vscode/mcp.json`, `servers` in
 * `.mcp.json`): the agent reads none of them, which is a notice naming the key it expects; the servers are still
 * judged, since the file is often copied to where that other agent reads it.
 */
export function addMisplacedMcpServers(ctx: MapContext, key: string, expected: string, agent: string): void {
  const servers = own(ctx.root, key);
  if (!isTable(servers) || Object.hasOwn(ctx.root, expected)) return;
  ctx.reject?.(
    [key],
    `${agent} reads MCP servers in this file from "${expected}", not "${key}": it starts none of the servers listed here`,
    true,
  );
  addServers(ctx, key, servers, {});
}

function addServers(ctx: MapContext, key: string, servers: Table, options: McpOptions): void {
  for (const [name, server] of entries(servers)) {
    if (!isTable(server) || own(server, 'disabled') === true || own(server, 'enabled') === false) continue;
    const scope = options.scope?.(name) ?? `MCP server "${name}"`;
    for (const urlKey of options.urlKeys ?? ['url', 'httpUrl', 'serverUrl']) {
      const url = own(server, urlKey);
      const host = typeof url === 'string' ? remoteHost(url) : undefined;
      const path = [key, name, urlKey];
      if (host) ctx.add({ kind: 'network', what: 'remote-server', host, ...at(path, setting(path, url), 'value', scope) });
    }
    const envKey = options.launch?.envKey ?? 'env';
    const command = own(server, 'command');
    if (options.launch?.argv === 'command-array') {
      if (Array.isArray(command) && command.length > 0) {
        addLaunch(
          ctx.add,
          ctx.site,
          { command: command[0], args: command.slice(1), env: own(server, envKey) },
          [key, name],
          {
            command: 'command',
            args: 'command',
            env: envKey,
            argsFrom: 1,
          },
          'MCP server launch',
          scope,
        );
      }
    } else {
      const launch = { command, args: own(server, 'args'), env: own(server, envKey) };
      addLaunch(ctx.add, ctx.site, launch, [key, name], { env: envKey }, 'MCP server launch', scope);
    }
    if (options.trustKey && own(server, options.trustKey) === true) {
      const path = [key, name, options.trustKey];
      ctx.add({
        kind: 'auto-approve',
        grants: 'trusted-server',
        server: name,
        launch: launchWords(server),
        ...at(path, setting(path, true), 'value', scope),
      });
    }
  }
}
