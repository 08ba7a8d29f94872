import type { KeyDoc } from '../types.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';

/** A block or a config lists servers under `mcpServers` (a list with names; a JSON file copied from another agent keys them by name). */
const servers = (ctx: MapContext): void => addMcpServers(ctx, 'mcpServers');

const B = '.continue/mcpServers/*.{yaml,yml,json}';
const C = '.continue/config.yaml';
const A = '.continue/{agents,assistants,configs}/*.{yaml,yml}';
const KEYS: readonly KeyDoc[] = [
  ...mcpServerKeys(B, 'mcpServers[]'),
  {
    file: B,
    key: 'mcpServers.* (JSON copied from another agent)',
    rule: 'outside-writes, network-access, secret-access',
    note: 'read as a table of servers by name',
  },
  ...mcpServerKeys(C, 'mcpServers[]'),
  ...mcpServerKeys(A, 'mcpServers[]'),
];

export const continueAdapter = structuredAdapter({
  id: 'continue',
  name: 'Continue',
  keys: KEYS,
  kinds: [
    { path: '.continue/mcpServers/*.{yaml,yml}', format: 'yaml', map: servers },
    { path: '.continue/mcpServers/*.json', format: 'jsonc', map: servers },
    { path: C, format: 'yaml', map: servers },
    { path: A, format: 'yaml', map: servers },
  ],
});
