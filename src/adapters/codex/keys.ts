import type { KeyDoc } from '../types.js';

const C = '.codex/config.toml';
const R = '.codex/rules/*.rules';
const A = '.codex/agents/**/*.toml';
const H = '.codex/hooks.json';

/** What the Codex adapter reads and the rule each key feeds; the adapter docs page is generated from this. */
export const CODEX_KEYS: readonly KeyDoc[] = [
  {
    file: C,
    key: 'sandbox_mode (top level and [profiles.*])',
    rule: 'sandbox-mode',
    note: '"danger-full-access" turns the sandbox off',
  },
  {
    file: C,
    key: 'default_permissions, [permissions.*] extends',
    rule: 'sandbox-mode',
    note: '":danger-full-access" turns the sandbox off; notice.hide_full_access_warning = true is said in the finding',
  },
  { file: C, key: 'approval_policy', rule: 'sandbox-mode', note: '"never": the agent is never stopped to ask' },
  { file: C, key: 'approvals_reviewer', rule: 'publish-deploy', note: 'anything but "user": a model, not a human, approves' },
  {
    file: C,
    key: 'web_search (top level and [profiles.*]), tools.web_search, features.web_search_request, features.web_search',
    rule: 'network-access',
    note: '"live" or "indexed" / true fetch from the web',
  },
  {
    file: C,
    key: 'features.browser_use, features.browser_use_external',
    rule: 'network-access',
    note: 'true: the agent drives a browser, which reaches any site (a notice)',
  },
  {
    file: C,
    key: '[otel] log_user_prompt, exporter',
    rule: 'secret-access',
    note: 'prompt text exported by a log exporter whose endpoint is off this machine',
  },
  {
    file: C,
    key: 'features.computer_use',
    rule: 'outside-writes',
    note: 'true: the agent operates desktop apps, whose state lies outside the repository (a notice)',
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
    key: '[permissions.*.network] and [features.network_proxy]: enabled, mode, domains, proxy switches',
    rule: 'network-access',
    note: 'full mode, unenforced domain rules (no features.network_proxy = true or enabled = true), allowed domains',
  },
  {
    file: C,
    key: '[permissions.*.network.unix_sockets], [features.network_proxy.unix_sockets]',
    rule: 'outside-writes, secret-access',
    note: '"allow": the sandbox connects to a socket outside the repository (a container engine runs anything as root); secret paths (an SSH agent under ~/.ssh)',
  },
  {
    file: C,
    key: '[permissions.*.network.mitm.actions.*] inject_request_headers[].secret_file',
    rule: 'secret-access',
    note: "a secret file the proxy adds to the agent's requests",
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
    key: '[mcp_servers.*], [plugins.*.mcp_servers.*], [apps.*]: default_tools_approval_mode, tools.*.approval_mode, enabled_tools, disabled_tools, enabled',
    rule: 'publish-deploy, network-access',
    note: '"approve" on publish/deploy-like tools or servers (GitHub), on browsing tools or browser/fetch servers; enabled_tools narrows a server-wide approval to the tools listed, disabled_tools and enabled = false remove them',
  },
  {
    file: C,
    key: '[mcp_servers.*], [apps.*]: tools.*.approval_mode, default_tools_approval_mode; [apps.*], [apps._default] destructive_enabled',
    rule: 'destructive-actions',
    note: '"approve" on a tool whose name says it deletes or drops, or on a catalogued destructive tool; a whole app approved while destructive_enabled = true (its own or _default\'s) exposes its tools annotated destructive',
  },
  {
    file: C,
    key: '[apps.*], [apps._default] open_world_enabled',
    rule: 'publish-deploy',
    note: "a whole app approved while open_world_enabled = true (its own or _default's) exposes its tools annotated open-world, which send, post or change things outside; tools whose names say they send or post, approved one by one",
  },
  {
    file: C,
    key: '[apps.*] approvals_reviewer',
    rule: 'publish-deploy',
    note: 'anything but "user": a model reviews the app\'s approval prompts',
  },
  {
    file: C,
    key: 'project_doc_fallback_filenames',
    rule: 'publish-deploy, network-access, outside-writes, secret-access, sandbox-mode',
    note: 'the files it names are read as guidance, in the project folder and below, where no AGENTS.md is',
  },
  {
    file: C,
    key: 'notify, [hooks] commands',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'commands that run without a prompt, read with the shell analysis: writes outside the repository, persistence, trace removal, downloads run, listeners, unpinned package runs, environment injection, secret reads, publishing',
  },
  {
    file: H,
    key: 'hooks.<event>[].hooks[].command',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'the same hooks as [hooks] in config.toml, read with the same shell analysis',
  },
  {
    file: H,
    key: 'hooks (and [hooks] of config.toml): shapes Codex refuses ([[hooks]] with event + command, an object where a list belongs, a handler without type = "command") or ignores (an unknown event)',
    rule: 'config-unparseable',
    note: 'names the expected shape and what Codex does; the command is still judged',
  },
  {
    file: C,
    key: '[mcp_servers.*] command + args + env',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings, publish commands',
  },
  { file: C, key: '[model_providers.*] experimental_bearer_token', rule: 'secret-access', note: 'literal credential' },
  { file: C, key: 'any string value', rule: 'secret-access', note: 'known credential shapes anywhere' },
  {
    file: `${A}, ${C}`,
    key: 'developer_instructions, instructions',
    rule: 'guidance: every rule',
    note: 'instructions the model is given, read as guidance (as AGENTS.md is) at their lines and columns inside the TOML string',
  },
  {
    file: A,
    key: 'every key of .codex/config.toml above',
    rule: 'as above',
    note: "a custom agent's role file is a config layer of its own (name, description and nickname_candidates aside)",
  },
  {
    file: C,
    key: '[agents.<role>] sandbox_mode, web_search, developer_instructions, … (inline)',
    rule: '—',
    note: 'not read: Codex takes only description, config_file and nickname_candidates there',
  },
  {
    file: R,
    key: 'prefix_rule(pattern, decision)',
    rule: 'publish-deploy, network-access, outside-writes, secret-access',
    note: '"allow" (the default) on publish/deploy, network or secret-reading commands, tee, or sudo (outside writes and secrets as root), unless a stricter rule covers them',
  },
];
