import type { KeyDoc } from '../types.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { structuredAdapter } from '../shared/structured.js';
import { mapAgentFile, mapOpenCodeConfig } from '../opencode/index.js';
import { mapModes } from '../roo/index.js';

/**
 * Kilo Code. Since its 1.0 CLI and the VS Code extension built on it, Kilo is a fork of OpenCode and reads the same
 * config under its own names: `kilo.json[c]` at the project's root or in `.kilo/`, markdown agents in `.kilo/agents/`
 * whose front matter is an agent block, and slash commands in `.kilo/commands/`
 * (https://kilo.ai/docs/customize/custom-subagents, /docs/customize/agent-permissions, /docs/customize/workflows). Its
 * permission blocks mean what OpenCode's do: the last matching rule wins. The older extension, a fork of Roo Code,
 * read MCP servers from `.kilocode/mcp.json` (with `alwaysAllow`) and custom modes from `.kilocodemodes`; the current
 * one still loads the first (https://kilo.ai/docs/automate/mcp/using-in-kilo-code).
 */
const CONFIG = 'kilo.{json,jsonc}';
const AGENTS = '.kilo/{agent,agents}/**/*.md';
/** Kilo's user folder, `~/.config/kilo`, kept in a dotfiles repository. */
const USER_AGENTS = 'kilo/{agent,agents}/**/*.md';
const MCP = '.kilocode/mcp.json';
const MODES = '.kilocodemodes';

const KEYS: readonly KeyDoc[] = [
  {
    file: 'kilo.json[c], .kilo/kilo.json[c]',
    key: 'permission (and agent.*.permission): bash, webfetch, websearch, codesearch, external_directory, read, or "allow"; mcp; share',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: "read as opencode.json is: OpenCode's keys, the last matching pattern winning",
  },
  {
    file: `${AGENTS}, ${USER_AGENTS}`,
    key: 'permission (front matter)',
    rule: 'all of the above',
    note: 'a markdown agent, read as agent.*.permission; its body is guidance',
  },
  {
    file: '.kilo/{command,commands}/**/*.md, .kilocode/workflows/*.md',
    key: 'the command (markdown after the front matter)',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: "a slash command's prompt, read as guidance",
  },
  ...mcpServerKeys(MCP, 'mcpServers.*', 'alwaysAllow'),
  {
    file: MODES,
    key: 'customModes[].roleDefinition, customInstructions',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: "a custom mode's system prompt, read as guidance at its lines in the file (as Roo Code's .roomodes)",
  },
];

export const kiloAdapter = structuredAdapter({
  id: 'kilo-code',
  name: 'Kilo Code',
  keys: KEYS,
  kinds: [
    { path: CONFIG, format: 'jsonc', map: mapOpenCodeConfig },
    { path: AGENTS, format: 'markdown', map: mapAgentFile },
    { path: USER_AGENTS, format: 'markdown', map: mapAgentFile },
    { path: '.kilo/{command,commands}/**/*.md', format: 'markdown', map: () => undefined },
    { path: '.kilocode/workflows/*.md', format: 'markdown', map: () => undefined },
    { path: MCP, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers', { approveKey: 'alwaysAllow' }) },
    { path: MODES, format: 'yaml', map: mapModes },
  ],
});
