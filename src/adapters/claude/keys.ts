import type { KeyDoc } from '../types.js';

const S = '.claude/settings.json';
const L = '.claude/settings.local.json';
const M = '.mcp.json';

export const CLAUDE_KEYS: readonly KeyDoc[] = [
  {
    file: S,
    key: 'permissions.defaultMode',
    rule: 'sandbox-mode, publish-deploy',
    note: '"bypassPermissions" skips every prompt (sandbox-mode); "auto" lets a classifier approve (publish-deploy)',
  },
  {
    file: S,
    key: 'permissions.allow / ask / deny: Bash(…), PowerShell(…)',
    rule: 'publish-deploy, network-access, outside-writes, secret-access',
    note: 'allowed publish/deploy, network or secret-reading commands, tee on any path, sudo (outside writes and secrets as root); deny and ask beat allow',
  },
  {
    file: S,
    key: 'permissions.allow / deny: Read(path)',
    rule: 'secret-access',
    note: 'allowed reads of secret files not covered by a deny',
  },
  { file: S, key: 'permissions.allow: Edit(…), Write(…)', rule: 'outside-writes', note: 'absolute (//), home (~) or parent paths' },
  {
    file: S,
    key: 'permissions.allow: WebFetch, WebFetch(domain:…), WebSearch',
    rule: 'network-access',
    note: 'any fetch, domains outside allowed-domains, web search',
  },
  {
    file: S,
    key: 'permissions.allow: mcp__server, mcp__server__tool',
    rule: 'publish-deploy, network-access',
    note: 'pre-approved publish/deploy-like tools or servers (GitHub); browsing tools, browser and fetch servers',
  },
  { file: S, key: 'permissions.additionalDirectories', rule: 'outside-writes', note: 'each directory outside the repository' },
  {
    file: S,
    key: 'sandbox.network.allowedDomains, allowAllUnixSockets',
    rule: 'network-access',
    note: 'domains outside allowed-domains, "*", every Unix socket (allowLocalBinding binds loopback only: not reported)',
  },
  {
    file: S,
    key: 'sandbox.filesystem.allowWrite / allowRead / denyRead',
    rule: 'outside-writes, secret-access',
    note: 'writes outside the repository; reads of secret files',
  },
  {
    file: S,
    key: 'hooks.*[].hooks[].command, statusLine.command, apiKeyHelper and other helpers',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'commands that run without a prompt, read with the shell analysis: writes outside the repository, persistence, trace removal, downloads run, listeners, unpinned package runs, environment injection, secret reads, publishing',
  },
  {
    file: S,
    key: 'hooks in another shape (a command string under the event, { matcher, hook })',
    rule: 'config-unparseable',
    note: 'a shape Claude Code rejects; the command is still judged',
  },
  { file: S, key: 'env and any string value', rule: 'secret-access', note: 'literal credentials' },
  { file: L, key: '(the file itself) and every key above', rule: 'secret-access', note: 'a personal file committed' },
  { file: 'CLAUDE.local.md', key: '(the file itself)', rule: 'secret-access', note: 'a personal file committed' },
  { file: M, key: 'mcpServers.*.url', rule: 'network-access', note: 'remote server outside allowed-domains, when check-mcp-hosts is on' },
  { file: M, key: 'mcpServers.*.env, headers, args', rule: 'secret-access', note: 'literal credentials (not ${VAR})' },
  {
    file: `${M}, ${S}`,
    key: 'mcpServers.*.command + args + env',
    rule: 'outside-writes, network-access, secret-access',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings',
  },
];
