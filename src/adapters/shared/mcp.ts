import { remoteHost } from '../codex/config.js';
import { entries, isTable, own } from '../walk.js';
import { at, setting, type MapContext } from './structured.js';
import { launchWords } from './launch.js';

/**
 * MCP server tables, the same in `.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, Gemini and OpenCode:
 * remote URLs, and servers trusted to run every tool without confirmation. Literal credentials in `env`,
 * `headers` and args are found by the literal scan every adapter runs.
 */
export function addMcpServers(
  ctx: MapContext,
  key: string,
  options: { urlKeys?: readonly string[]; trustKey?: string; scope?: (name: string) => string } = {},
): void {
  const servers = own(ctx.root, key);
  if (!isTable(servers)) return;
  for (const [name, server] of entries(servers)) {
    if (!isTable(server) || own(server, 'disabled') === true || own(server, 'enabled') === false) continue;
    const scope = options.scope?.(name) ?? `MCP server "${name}"`;
    for (const urlKey of options.urlKeys ?? ['url', 'httpUrl', 'serverUrl']) {
      const url = own(server, urlKey);
      const host = typeof url === 'string' ? remoteHost(url) : undefined;
      const path = [key, name, urlKey];
      if (host) ctx.add({ kind: 'network', what: 'remote-server', host, ...at(path, setting(path, url), 'value', scope) });
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
