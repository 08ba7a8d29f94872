import type { KeyDoc } from '../types.js';

const C = '.codex/config.toml';
const R = '.codex/rules/*.rules';

/** What the Codex adapter reads and the rule each key feeds; the adapter docs page is generated from this. */
export const CODEX_KEYS: readonly KeyDoc[] = [
  {
    file: C,
    key: 'sandbox_mode (top level, [profiles.*] and [agents.*])',
    rule: 'sandbox-mode',
    note: '"danger-full-access" turns the sandbox off',
  },
  { file: C, key: 'default_permissions', rule: 'sandbox-mode', note: '":danger-full-access" turns the sandbox off' },
  { file: C, key: 'approval_policy', rule: 'sandbox-mode', note: '"never": the agent is never stopped to ask' },
  { file: C, key: 'approvals_reviewer', rule: 'publish-deploy', note: 'anything but "user": a model, not a human, approves' },
  {
    file: C,
    key: 'web_search (top level, [profiles.*], [agents.*]), tools.web_search, features.web_search_request',
    rule: 'network-access',
    note: '"live" or "indexed" / true fetch from the web',
  },
  { file: C, key: '[sandbox_workspace_write] network_access', rule: 'network-access', note: 'true opens the network to every command' },
  { file: C, key: '[sandbox_workspace_write] writable_roots', rule: 'outside-writes', note: 'each root outside the repository' },
  {
    file: C,
    key: '[permissions.*.filesystem]',
    rule: 'outside-writes, secret-access',
    note: '"write" outside the repository; "read" on secret paths',
  },
  { file: C, key: '[permissions.*.workspace_roots]', rule: 'outside-writes', note: 'each extra root' },
  {
    file: C,
    key: '[permissions.*.network] enabled, mode, domains, proxy switches',
    rule: 'network-access',
    note: 'full mode, unenforced domain rules (no features.network_proxy), allowed domains',
  },
  {
    file: C,
    key: '[shell_environment_policy] inherit, ignore_default_excludes, exclude, include_only, filters',
    rule: 'secret-access',
    note: 'secret-named variables passed to commands',
  },
  {
    file: C,
    key: '[mcp_servers.*] url',
    rule: 'network-access',
    note: 'remote server outside allowed-domains, when check-mcp-hosts is on (strict)',
  },
  { file: C, key: '[mcp_servers.*] env, http_headers, args, bearer_token', rule: 'secret-access', note: 'literal credentials' },
  {
    file: C,
    key: '[mcp_servers.*] default_tools_approval_mode, [mcp_servers.*.tools.*] approval_mode',
    rule: 'publish-deploy, network-access',
    note: '"approve" on publish/deploy-like tools or servers (GitHub), on browsing tools or browser/fetch servers',
  },
  {
    file: C,
    key: 'notify, [hooks] commands',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'commands that run without a prompt, read with the shell analysis: writes outside the repository, persistence, trace removal, downloads run, listeners, unpinned package runs, environment injection, secret reads, publishing',
  },
  {
    file: C,
    key: '[mcp_servers.*] command + args + env',
    rule: 'outside-writes, network-access, secret-access',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings',
  },
  { file: C, key: '[model_providers.*] experimental_bearer_token', rule: 'secret-access', note: 'literal credential' },
  { file: C, key: 'any string value', rule: 'secret-access', note: 'known credential shapes anywhere' },
  {
    file: R,
    key: 'prefix_rule(pattern, decision)',
    rule: 'publish-deploy, network-access, outside-writes, secret-access',
    note: '"allow" (the default) on publish/deploy, network or secret-reading commands, tee, or sudo (outside writes and secrets as root), unless a stricter rule covers them',
  },
];
