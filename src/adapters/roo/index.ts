import type { KeyDoc } from '../types.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter } from '../shared/structured.js';

const M = '.roo/mcp.json';
const KEYS: readonly KeyDoc[] = [
  {
    file: M,
    key: 'mcpServers.*.alwaysAllow',
    rule: 'publish-deploy, network-access',
    note: 'tools that run without confirmation; "*" approves the whole server (judged by what it grants); disabled servers are skipped',
  },
  ...mcpServerKeys(M, 'mcpServers.*'),
];

export const rooAdapter = structuredAdapter({
  id: 'roo-code',
  name: 'Roo Code',
  keys: KEYS,
  kinds: [{ path: M, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers', { approveKey: 'alwaysAllow' }) }],
});
