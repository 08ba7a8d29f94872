import type { KeyDoc } from '../types.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter } from '../shared/structured.js';

const M = '.junie/mcp/mcp.json';
const KEYS: readonly KeyDoc[] = [...mcpServerKeys(M, 'mcpServers.*')];

export const junieAdapter = structuredAdapter({
  id: 'junie',
  name: 'Junie',
  keys: KEYS,
  kinds: [{ path: M, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers') }],
});
