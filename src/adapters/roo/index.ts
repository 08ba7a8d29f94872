import type { KeyDoc } from '../types.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter } from '../shared/structured.js';

const M = '.roo/mcp.json';
const KEYS: readonly KeyDoc[] = [...mcpServerKeys(M, 'mcpServers.*', 'alwaysAllow')];

export const rooAdapter = structuredAdapter({
  id: 'roo-code',
  name: 'Roo Code',
  keys: KEYS,
  kinds: [{ path: M, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers', { approveKey: 'alwaysAllow' }) }],
});
