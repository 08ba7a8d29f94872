import type { KeyDoc } from '../types.js';
import { isTable, own } from '../walk.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';

/** Keys of a custom mode that Roo Code puts in the system prompt of that mode. */
const PROMPT_KEYS = ['roleDefinition', 'customInstructions'];

/**
 * `.roomodes` (YAML, or JSON): `customModes[]`, each mode's role definition and instructions are guidance. Its
 * `groups` (`read`, `edit` with a `fileRegex`, `command`, `mcp`) choose which tools the mode has; each call still
 * asks as the user's auto-approve settings say, so they grant nothing.
 */
export function mapModes(ctx: MapContext): void {
  const modes = own(ctx.root, 'customModes');
  if (!Array.isArray(modes)) return;
  modes.forEach((mode, i) => {
    if (!isTable(mode)) return;
    for (const key of PROMPT_KEYS) {
      const value = own(mode, key);
      if (typeof value === 'string') ctx.addGuidance?.(['customModes', i, key], value);
    }
  });
}

const M = '.roo/mcp.json';
const R = '.roomodes';
const KEYS: readonly KeyDoc[] = [
  ...mcpServerKeys(M, 'mcpServers.*', 'alwaysAllow'),
  {
    file: R,
    key: 'customModes[].roleDefinition, customInstructions',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: "a custom mode's system prompt, read as guidance at its lines in the file",
  },
  {
    file: R,
    key: 'customModes[].groups (read, edit + fileRegex, command, mcp)',
    rule: 'not reported',
    note: "the tools a mode has; each call still asks as the user's auto-approve settings say",
  },
];

export const rooAdapter = structuredAdapter({
  id: 'roo-code',
  name: 'Roo Code',
  keys: KEYS,
  kinds: [
    { path: M, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers', { approveKey: 'alwaysAllow' }) },
    { path: R, format: 'yaml', map: mapModes },
  ],
});
