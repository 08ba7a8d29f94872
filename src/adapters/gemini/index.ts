import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { addMcpServers } from '../shared/mcp.js';
import { isTable, own } from '../walk.js';
import { isLocalEndpoint } from '../codex/hosts.js';
import { addHooks } from '../shared/hooks.js';
import { addPermissionLists } from '../claude/index.js';
import type { PermissionDialect } from '../claude/permissions.js';
import { addCommandPattern, addCommandRule, commandWords, parseToolEntry } from '../shared/permissions.js';
import { at, setting, stringsAt, structuredAdapter, valueAt, type MapContext } from '../shared/structured.js';

/**
 * The shell, fetch and search tools by a key of their name that every spelling Gemini CLI and Qwen Code accept shares
 * (`run_shell_command`, `ShellTool`, `Shell`, `_run_shell_command`; `web_fetch`, `WebFetch`; `google_web_search`,
 * Qwen's `web_search`): lower case, letters only, without a `tool` ending.
 */
export const toolKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/tool$/, '');
const SHELL = new Set(['runshellcommand', 'shell']);
const FETCH = new Set(['webfetch']);
const SEARCH = new Set(['googlewebsearch', 'websearch']);
/** Whether a tool key (see `toolKey`) names the shell, fetch or search tool. */
export const isGeminiToolKey = (key: string): boolean => SHELL.has(key) || FETCH.has(key) || SEARCH.has(key);

/**
 * Qwen Code's names for the tools its Claude-style permission rules name (permissions docs, "Tool name aliases"):
 * `Read` also covers grep, glob and list; `Edit` covers edit and write_file.
 */
export const QWEN_TOOLS: Record<string, string> = {
  run_shell_command: 'Bash',
  Shell: 'Bash',
  ShellTool: 'Bash',
  read_file: 'Read',
  ReadFile: 'Read',
  edit: 'Edit',
  EditFile: 'Edit',
  write_file: 'Write',
  WriteFile: 'Write',
  web_fetch: 'WebFetch',
  web_search: 'WebSearch',
};
/** Claude Code's permission lists as Qwen Code reads them: its own tool names, and its matching. */
export const QWEN_DIALECT: PermissionDialect = { aliases: QWEN_TOOLS, matching: 'qwen' };

/** How Gemini CLI writes an MCP server: a remote one's address and the tools it keeps or drops (settings, subagents, extensions). */
export const GEMINI_SERVERS = {
  urlKeys: ['url', 'httpUrl'],
  toolLists: { include: 'includeTools', exclude: 'excludeTools' },
} as const;

/** A tool entry in tools.allowed / confirmationRequired / exclude: `run_shell_command(git status)`, `web_fetch`, … */
export function mapToolEntry(ctx: MapContext, entry: string, decision: Decision, path: KeyPath, list: string): void {
  const { tool, arg } = parseToolEntry(entry);
  const evidence = `${list} entry "${entry}"`;
  const key = toolKey(tool);
  if (SHELL.has(key)) addCommandRule(ctx, commandWords(arg), decision, path, evidence);
  else if (decision === 'allow' && FETCH.has(key)) ctx.add({ kind: 'network', what: 'fetch', ...at(path, evidence) });
  else if (decision === 'allow' && SEARCH.has(key)) ctx.add({ kind: 'network', what: 'web-search', ...at(path, evidence) });
}

/** The current nested layout first, then the legacy flat key (removed from migration in 2026-01, still seen). */
function first(ctx: MapContext, ...paths: KeyPath[]): [KeyPath, unknown] | undefined {
  for (const path of paths) {
    const value = valueAt(ctx.root, path);
    if (value !== undefined) return [path, value];
  }
  return undefined;
}

/**
 * A Gemini CLI or Qwen Code settings file; `yolo`: the agent runs with `--yolo` (a CI action), so every tool of every
 * MCP server it starts runs without confirmation, for the reason this evidence gives.
 */
/**
 * `telemetry.enabled = true` exports logs with the prompts' text (`logPrompts` is true by default) to Google Cloud
 * (`target: "gcp"`) or to `otlpEndpoint` (a collector on this machine by default): shared outside the machine.
 */
function addPromptLogging(ctx: MapContext): void {
  const telemetry = own(ctx.root, 'telemetry');
  if (!isTable(telemetry) || own(telemetry, 'enabled') !== true || own(telemetry, 'logPrompts') === false) return;
  const endpoint = own(telemetry, 'otlpEndpoint');
  const remote = own(telemetry, 'target') === 'gcp' || (typeof endpoint === 'string' && !isLocalEndpoint(endpoint));
  if (!remote) return;
  const path = own(telemetry, 'logPrompts') === true ? ['telemetry', 'logPrompts'] : ['telemetry', 'enabled'];
  ctx.add({ kind: 'session-sharing', sessions: 'telemetry', ...at(path, setting(path, true)) });
}

export function mapGeminiSettings(ctx: MapContext, flavour: 'gemini' | 'qwen', yolo?: string): void {
  for (const path of [['general', 'defaultApprovalMode'], ['tools', 'approvalMode'], ['approvalMode']] as KeyPath[]) {
    const mode = valueAt(ctx.root, path);
    if (typeof mode === 'string' && mode.toLowerCase() === 'yolo') {
      const note =
        flavour === 'gemini' ? 'Gemini CLI accepts yolo only on the command line; older versions and forks read it here' : undefined;
      ctx.add({ kind: 'bypass', grants: 'approve-all-tool-calls', ...(note ? { note } : {}), ...at(path, setting(path, mode)) });
    } else if (flavour === 'qwen' && mode === 'auto')
      ctx.add({ kind: 'bypass', grants: 'model-approves', ...at(path, setting(path, mode)) });
  }
  const network = first(ctx, ['tools', 'sandboxNetworkAccess'], ['sandboxNetworkAccess']);
  if (network?.[1] === true) ctx.add({ kind: 'network', what: 'sandbox-network', ...at(network[0], setting(network[0], true)) });
  for (const list of [['tools', 'sandboxAllowedPaths'], ['context', 'includeDirectories'], ['includeDirectories']] as KeyPath[]) {
    for (const [dir, path] of stringsAt(ctx.root, list))
      ctx.add({ kind: 'writable-root', path: dir, ...at(path, `${String(list.at(-1))} entry "${dir}"`) });
  }
  const lists: [KeyPath, Decision][] = [
    [['tools', 'allowed'], 'allow'],
    [['allowedTools'], 'allow'],
    [['tools', 'confirmationRequired'], 'ask'],
    [['tools', 'exclude'], 'deny'],
    [['excludeTools'], 'deny'],
  ];
  for (const [list, decision] of lists) {
    for (const [entry, path] of stringsAt(ctx.root, list)) mapToolEntry(ctx, entry, decision, path, list.join('.'));
  }
  // tools.autoAccept approves only the tools Gemini CLI itself deems read-only, and security.enablePermanentToolApproval /
  // autoAddToPolicyByDefault only offer (or preselect) "Allow for all future sessions" in a dialog a human answers:
  // none of them grants anything the rules judge.
  // Servers outside a non-empty mcp.allowed, or in mcp.excluded, are never started.
  const allowed = stringsAt(ctx.root, ['mcp', 'allowed']).map(([name]) => name);
  const excluded = new Set(stringsAt(ctx.root, ['mcp', 'excluded']).map(([name]) => name));
  addMcpServers(ctx, 'mcpServers', {
    ...GEMINI_SERVERS,
    trustKey: 'trust',
    loads: (name) => (allowed.length === 0 || allowed.includes(name)) && !excluded.has(name),
    ...(yolo === undefined ? {} : { trustedBy: yolo }),
  });
  // Before hooksConfig, `hooks` also held the switches enabled, disabled (hook names) and notifications.
  const disabled = new Set(
    [...stringsAt(ctx.root, ['hooksConfig', 'disabled']), ...stringsAt(ctx.root, ['hooks', 'disabled'])].map(([n]) => n),
  );
  addHooks(ctx, flavour === 'gemini' ? 'Gemini CLI' : 'Qwen Code', ['hooks'], {
    settings: ['enabled', 'disabled', 'notifications'],
    disabled,
  });
  if (flavour === 'qwen') addPermissionLists(ctx, QWEN_DIALECT);
  addPromptLogging(ctx);
  const redaction = first(ctx, ['security', 'environmentVariableRedaction', 'enabled']);
  ctx.envFilter = redaction?.[1] === true ? 'filtered' : 'absent';
}

const G = '.gemini/settings.json';
const Q = '.qwen/settings.json';
const KEYS: readonly KeyDoc[] = [
  { file: G, key: 'general.defaultApprovalMode ("yolo")', rule: 'sandbox-mode', note: 'every tool call approved' },
  { file: Q, key: 'tools.approvalMode ("yolo")', rule: 'sandbox-mode', note: 'Qwen Code accepts yolo in the committed file' },
  {
    file: Q,
    key: 'tools.approvalMode ("auto")',
    rule: 'sandbox-mode',
    note: 'a classifier model, not a human, decides what runs without asking (https://qwenlm.github.io/qwen-code-docs/ko/users/features/approval-mode/)',
  },
  {
    file: Q,
    key: 'permissions.allow / ask / deny: Bash(…) or run_shell_command(…), Read(…), Edit(…), Write(…), WebFetch(…), mcp__…',
    rule: 'publish-deploy, network-access, outside-writes, secret-access, destructive-actions',
    note: "Claude-style rules read as Claude Code's (deny and ask beat allow), with Qwen Code's tool names",
  },
  {
    file: Q,
    key: 'permissions.allow: `*`, `mcp*`, `mcp__*`, with or without a specifier',
    rule: 'sandbox-mode',
    note: 'Qwen Code matches a rule ending in * as a prefix of MCP tool names (permissions/rule-parser.ts): every tool of every server; `mcp__*__read` names no tool and approves nothing',
  },
  {
    file: G,
    key: 'telemetry.enabled, target, otlpEndpoint, logPrompts',
    rule: 'secret-access',
    note: 'prompts exported to Google Cloud or a collector off this machine (logPrompts is true unless set false)',
  },
  { file: G, key: 'tools.sandboxNetworkAccess (legacy sandboxNetworkAccess)', rule: 'network-access', note: 'network inside the sandbox' },
  {
    file: G,
    key: 'tools.sandboxAllowedPaths, context.includeDirectories (legacy includeDirectories)',
    rule: 'outside-writes',
    note: 'directories outside the repository',
  },
  {
    file: G,
    key: 'tools.allowed (legacy allowedTools): run_shell_command(…), web_fetch, google_web_search',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'auto-approved commands and fetches; confirmationRequired and exclude take precedence',
  },
  {
    file: G,
    key: 'hooks.*[].hooks[].command',
    rule: 'outside-writes, network-access, secret-access, publish-deploy, destructive-actions',
    note: 'commands that run without a prompt, read with the shell analysis: writes outside the repository, persistence, trace removal, downloads run, listeners, unpinned package runs, environment injection, secret reads, publishing',
  },
  {
    file: G,
    key: 'hooks in another shape (a command string under the event, { matcher, hook })',
    rule: 'config-unparseable',
    note: 'a shape Gemini CLI rejects; the command is still judged',
  },
  {
    file: G,
    key: 'mcpServers.*.command + args + env',
    rule: 'outside-writes, network-access, secret-access',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings',
  },
  {
    file: G,
    key: 'mcpServers.*.trust',
    rule: 'publish-deploy, network-access',
    note: 'every tool of the server runs without confirmation (not publishing for a known server with no publishing or shell tool; network for browser and fetch servers)',
  },
  {
    file: G,
    key: 'mcpServers.*.includeTools, excludeTools; mcp.allowed, mcp.excluded',
    rule: 'publish-deploy, network-access',
    note: 'a trust covers the included tools only, less the excluded (each judged by its name); a server outside mcp.allowed or in mcp.excluded never starts',
  },
  {
    file: G,
    key: 'hooksConfig.disabled (legacy hooks.disabled)',
    rule: 'outside-writes, network-access, secret-access, publish-deploy',
    note: 'hooks turned off by name or command are not judged; hooks.enabled, hooks.disabled and hooks.notifications are settings, not events',
  },
  {
    file: G,
    key: 'mcpServers.*.url / httpUrl',
    rule: 'network-access',
    note: 'remote server outside allowed-domains, when check-mcp-hosts is on',
  },
  { file: G, key: 'mcpServers.*.env, headers and any string value', rule: 'secret-access', note: 'literal credentials' },
  {
    file: G,
    key: 'security.environmentVariableRedaction.enabled',
    rule: 'secret-access',
    note: 'the environment filter require-env-filter asks for',
  },
  {
    file: '.gemini/policies/*.toml',
    key: '[[rule]] toolName, commandPrefix, commandRegex, mcpName, decision, priority, modes',
    rule: 'sandbox-mode, publish-deploy, network-access, secret-access, destructive-actions',
    note: 'the workspace tier of the policy engine: the highest priority that matches decides; toolName "*" allowed is every tool call approved; rules kept to yolo or plan mode decide nothing more',
  },
  {
    file: '.gemini/commands/**/*.toml',
    key: 'prompt',
    rule: 'every rule',
    note: "a custom command's prompt, read as guidance where it stands in the string",
  },
  {
    file: '.gemini/agents/*.md',
    key: 'the markdown, `mcpServers`',
    rule: 'every rule',
    note: "a subagent's system prompt, read as guidance; the MCP servers it defines, read as in settings",
  },
  { file: '.gemini/skills/*/SKILL.md', key: 'the markdown', rule: 'every rule', note: "a skill's instructions, read as guidance" },
  {
    file: '.qwen/commands/**/*.md, .qwen/commands/**/*.toml',
    key: "the markdown; a TOML command's `prompt`",
    rule: 'every rule',
    note: "a Qwen Code command's instructions, read as guidance",
  },
];

/**
 * A custom command (https://github.com/google-gemini/gemini-cli/blob/main/docs/cli/custom-commands.md): its `prompt`
 * is what the model is told to do when the command runs, read as guidance inside the TOML string. Its `!{...}`
 * shell injections run only after the user confirms each.
 */
export function mapGeminiCommand(ctx: MapContext): void {
  const prompt = own(ctx.root, 'prompt');
  if (typeof prompt === 'string') ctx.addGuidance?.(['prompt'], prompt);
}

/**
 * A subagent (https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md): its markdown is its
 * system prompt (guidance); the MCP servers its front matter defines start with it. Its `tools` narrows what it may
 * use and approves nothing.
 */
export function mapGeminiSubagent(ctx: MapContext): void {
  addMcpServers(ctx, 'mcpServers', GEMINI_SERVERS);
}

/** Policy decisions as the rules read them (https://geminicli.com/docs/reference/policy-engine/, "Decisions"). */
const POLICY_DECISIONS: Record<string, Decision> = { allow: 'allow', deny: 'deny', ask_user: 'ask' };
/** Approval modes in which a rule still decides something: in `yolo` every tool is approved anyway, `plan` only reads. */
const DECIDING_MODES = new Set(['default', 'autoEdit']);

/**
 * A rule Gemini CLI's loader rejects (packages/core/src/policy/toml-loader.ts in google-gemini/gemini-cli): a decision
 * other than allow, deny or ask_user, a priority that is not a whole number from 0 to 999, modes that are not a list
 * of names, a tool name that is neither a name nor a list of them.
 */
function invalidRule(rule: Record<string, unknown>): boolean {
  const priority = own(rule, 'priority');
  const modes = own(rule, 'modes');
  const tool = own(rule, 'toolName');
  return (
    POLICY_DECISIONS[String(own(rule, 'decision'))] === undefined ||
    (priority !== undefined && !(Number.isInteger(priority) && (priority as number) >= 0 && (priority as number) <= 999)) ||
    (modes !== undefined && !(Array.isArray(modes) && modes.every((m) => typeof m === 'string'))) ||
    (tool !== undefined && typeof tool !== 'string' && !(Array.isArray(tool) && tool.every((t) => typeof t === 'string')))
  );
}

/** A group with a repetition in it, itself repeated: `(a+)+`, `(\w*x)*`. */
const NESTED_REPEAT = /\([^()]*[+*}][^()]*\)[+*{]/;

/** A string or an array of strings, each with its path. */
function stringsOf(rule: Record<string, unknown>, key: string, path: KeyPath): [string, KeyPath][] {
  const value = own(rule, key);
  if (typeof value === 'string') return [[value, [...path, key]]];
  return Array.isArray(value) ? value.flatMap((v, i) => (typeof v === 'string' ? [[v, [...path, key, i]] as [string, KeyPath]] : [])) : [];
}

/**
 * A policy file of the workspace tier (`.gemini/policies/*.toml`, https://geminicli.com/docs/reference/policy-engine/,
 * "Policy locations"): its `[[rule]]`s decide tool calls by priority, the highest that matches winning. They are
 * read in that order as rules where the last match wins (an allow before a deny of the same priority): a
 * `commandPrefix` as a prefix rule of the shell, a `commandRegex` as an expression over the command from its start;
 * `toolName = "*"` allowed for every call is the yolo approval; web fetch and search allowed reach the network; an MCP
 * server's tools allowed are pre-approved. Rules kept to `yolo` or `plan` mode decide nothing more.
 */
export function mapGeminiPolicy(ctx: MapContext): void {
  const rules = own(ctx.root, 'rule');
  if (!Array.isArray(rules)) return;
  // Gemini CLI loads a policy file whole or not at all: one rule it rejects drops them all, its denies with them.
  const broken = rules.findIndex((rule) => !isTable(rule) || invalidRule(rule));
  if (broken >= 0) {
    ctx.reject?.(['rule', broken], 'Gemini CLI rejects this rule, and with it the whole policy file: none of its rules applies', true);
    return;
  }
  const read = (rules as Record<string, unknown>[]).flatMap((rule, i) => {
    const decision = POLICY_DECISIONS[String(own(rule, 'decision'))]!;
    const priority = typeof own(rule, 'priority') === 'number' ? (own(rule, 'priority') as number) : 0;
    const modes = stringsOf(rule, 'modes', []).map(([m]) => m);
    const active = modes.length === 0 || modes.some((m) => DECIDING_MODES.has(m));
    // A deny or ask kept to a subagent, an environment, annotations or a mode other than the default holds back
    // nothing in the default session; an allow so kept still grants where it holds.
    const narrowed =
      ['subagent', 'interactive', 'toolAnnotations'].some((k) => own(rule, k) !== undefined) ||
      (modes.length > 0 && !modes.includes('default'));
    if (!active || (decision !== 'allow' && narrowed)) return [];
    return [{ rule, path: ['rule', i] as KeyPath, decision, priority }];
  });
  // Lower priorities first, an allow after a deny or ask of the same priority: the last match decides.
  read.sort((a, b) => a.priority - b.priority || Number(a.decision === 'allow') - Number(b.decision === 'allow'));
  for (const { rule, path, decision } of read) {
    const evidence = (key: string, value: string): string => `[[rule]] ${key} "${value}" (decision ${String(own(rule, 'decision'))})`;
    const prefixes = stringsOf(rule, 'commandPrefix', path);
    const regex = own(rule, 'commandRegex');
    const tools = stringsOf(rule, 'toolName', path);
    const mcp = own(rule, 'mcpName');
    const args = own(rule, 'argsPattern');
    for (const [prefix, at0] of prefixes)
      addCommandRule(ctx, commandWords(prefix), decision, at0, evidence('commandPrefix', prefix), 'last-match');
    // A deny or ask of an expression with a repetition inside a repeated group Gemini CLI drops as unsafe (its policy
    // engine checks expressions before it runs them): it holds back nothing.
    if (typeof regex === 'string' && decision !== 'allow' && NESTED_REPEAT.test(regex)) continue;
    if (typeof regex === 'string' && prefixes.length === 0)
      addCommandPattern(ctx, `^(?:${regex})`, '', decision, [...path, 'commandRegex'], evidence('commandRegex', regex), 'last-match');
    if (prefixes.length > 0 || typeof regex === 'string') continue;
    // `mcpName` alone: every tool of that server.
    if (tools.length === 0 && typeof mcp === 'string' && decision === 'allow')
      ctx.add({ kind: 'tool-approval', server: mcp, tool: '*', ...at([...path, 'mcpName'], evidence('mcpName', mcp)) });
    for (const [tool, at0] of tools) {
      const note = evidence('toolName', tool);
      if (typeof mcp === 'string') {
        if (decision === 'allow') ctx.add({ kind: 'tool-approval', server: mcp, tool: tool === '*' ? '*' : tool, ...at(at0, note) });
      } else if (tool === '*' && args === undefined) {
        if (decision === 'allow') ctx.add({ kind: 'bypass', grants: 'approve-all-tool-calls', ...at(at0, note) });
      } else if (tool.startsWith('mcp_')) {
        // `mcp_server_tool`, `mcp_server_*`, `mcp_*`: split on the first underscore after the server's name.
        const [server = '*', name = '*'] = tool.slice(4).split(/_(.*)/s);
        if (decision === 'allow') ctx.add({ kind: 'tool-approval', server, tool: name || '*', ...at(at0, note) });
      } else if (SHELL.has(toolKey(tool)) && args === undefined) addCommandRule(ctx, [], decision, at0, note, 'last-match');
      else if (!SHELL.has(toolKey(tool))) mapToolEntry(ctx, tool, decision, at0, 'policy rule');
    }
  }
}

export const geminiAdapter = structuredAdapter({
  id: 'gemini-cli',
  name: 'Gemini CLI and Qwen Code',
  keys: KEYS,
  hints: { envFilter: 'turn on security.environmentVariableRedaction' },
  kinds: [
    { path: '.gemini/settings.json', format: 'jsonc', map: (ctx) => mapGeminiSettings(ctx, 'gemini') },
    { path: '.qwen/settings.json', format: 'jsonc', map: (ctx) => mapGeminiSettings(ctx, 'qwen') },
    { path: '.gemini/commands/**/*.toml', format: 'toml', map: mapGeminiCommand },
    { path: '.gemini/policies/*.toml', format: 'toml', map: mapGeminiPolicy },
    { path: '.gemini/agents/*.md', format: 'markdown', map: mapGeminiSubagent },
    // Workspace skills (https://github.com/google-gemini/gemini-cli/blob/main/docs/cli/skills.md): instructions only.
    { path: '.gemini/skills/*/SKILL.md', format: 'markdown', map: () => undefined },
    // Qwen Code's commands: markdown with front matter, and Gemini CLI's TOML before
    // (https://qwenlm.github.io/qwen-code-docs/1.x/en/users/custom-commands/); the tools they ask for follow the
    // session's permission rules, so only their instructions are read.
    { path: '.qwen/commands/**/*.md', format: 'markdown', map: () => undefined },
    { path: '.qwen/commands/**/*.toml', format: 'toml', map: mapGeminiCommand },
  ],
});
