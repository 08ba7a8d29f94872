import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { entries, isTable, own, tableAt } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { addCommandGlob, addCommandPattern, addDomainGrant, hostOfUrlPattern } from '../shared/permissions.js';
import { launchWords } from '../shared/launch.js';
import { at, stringsAt, structuredAdapter, valueAt, type MapContext } from '../shared/structured.js';

/** Kiro's built-in tools under their current and earlier names. */
const SHELL = new Set(['shell', 'execute_bash', 'execute_cmd']);
const WRITE = ['write', 'fs_write'];
const READ = ['read', 'fs_read'];

/**
 * A Kiro command pattern: a regular expression Kiro anchors at both ends. Anchored here at the start only, so the
 * rules can test it against the commands they know (`git push`), which are prefixes of what a pattern names.
 */
const addKiroPattern = (ctx: MapContext, pattern: string, decision: Decision, path: KeyPath, evidence: string): void =>
  addCommandPattern(ctx, `^(?:${pattern})`, '', decision, path, evidence);

/** The first of the tool's names that `toolsSettings` configures. */
function settingsOf(ctx: MapContext, names: readonly string[]): [string, KeyPath] | undefined {
  for (const name of names) if (tableAt(tableAt(ctx.root, 'toolsSettings'), name)) return [name, ['toolsSettings', name]];
  return undefined;
}

/** `allowedTools`: tools that run without a prompt. `@server` and `@server/*` approve every tool of an MCP server. */
function mapAllowedTools(ctx: MapContext): void {
  const servers = tableAt(ctx.root, 'mcpServers');
  for (const [entry, path] of stringsAt(ctx.root, ['allowedTools'])) {
    const evidence = `allowedTools entry "${entry}"`;
    const tool = entry.trim();
    if (tool === '*' || tool === '@builtin')
      ctx.add({
        kind: 'bypass',
        grants: 'allow-all-tools',
        ...(tool === '@builtin' ? { note: 'every built-in tool, the shell included' } : {}),
        ...at(path, evidence),
      });
    // The shell tool allowed outright runs any command; only denied patterns still stop one.
    else if (SHELL.has(tool)) addKiroPattern(ctx, '.*', 'allow', path, evidence);
    else if (tool === 'web_fetch') ctx.add({ kind: 'network', what: 'fetch', ...at(path, evidence) });
    else if (tool === 'web_search') ctx.add({ kind: 'network', what: 'web-search', ...at(path, evidence) });
    else if (tool.startsWith('@')) {
      const [server = '', name = '*'] = tool.slice(1).split('/');
      if (server === '' || server === 'builtin') continue;
      const declared = servers ? own(servers, server) : undefined;
      ctx.add({
        kind: 'tool-approval',
        server,
        tool: name === '' ? '*' : name,
        ...(isTable(declared) ? { launch: launchWords(declared) } : {}),
        ...at(path, evidence),
      });
    }
  }
}

/** `toolsSettings`: what the shell, write, read and web_fetch tools do without asking. */
function mapToolsSettings(ctx: MapContext): void {
  const shell = settingsOf(ctx, [...SHELL]);
  if (shell) {
    for (const [list, decision] of [
      ['allowedCommands', 'allow'],
      ['deniedCommands', 'deny'],
    ] as [string, Decision][]) {
      for (const [pattern, path] of stringsAt(ctx.root, [...shell[1], list]))
        addKiroPattern(ctx, pattern, decision, path, `${shell[0]}.${list} entry "${pattern}"`);
    }
  }
  const write = settingsOf(ctx, WRITE);
  for (const [dir, path] of write ? stringsAt(ctx.root, [...write[1], 'allowedPaths']) : [])
    ctx.add({ kind: 'writable-root', path: dir, ...at(path, `${write![0]}.allowedPaths entry "${dir}"`) });
  const read = settingsOf(ctx, READ);
  for (const [file, path] of read ? stringsAt(ctx.root, [...read[1], 'allowedPaths']) : [])
    ctx.add({
      kind: 'path-access',
      path: file,
      access: 'read',
      decision: 'allow',
      group: ctx.group,
      ...at(path, `${read![0]}.allowedPaths entry "${file}"`),
    });
  for (const [file, path] of read ? stringsAt(ctx.root, [...read[1], 'deniedPaths']) : [])
    ctx.add({
      kind: 'path-access',
      path: file,
      access: 'read',
      decision: 'deny',
      group: ctx.group,
      ...at(path, `${read![0]}.deniedPaths entry "${file}"`),
    });
  for (const [pattern, path] of stringsAt(ctx.root, ['toolsSettings', 'web_fetch', 'trusted']))
    addDomainGrant(ctx, hostOfUrlPattern(pattern), path, `web_fetch.trusted entry "${pattern}"`);
}

/** Agent hooks: `hooks: { <trigger>: [{ matcher?, command }] }`, run without a prompt when the trigger fires. */
function mapAgentHooks(ctx: MapContext): void {
  const hooks = tableAt(ctx.root, 'hooks');
  for (const [trigger, list] of hooks ? entries(hooks) : []) {
    if (!Array.isArray(list)) continue;
    list.forEach((hook, i) => {
      const command = isTable(hook) ? own(hook, 'command') : undefined;
      if (typeof command !== 'string') return;
      const path = ['hooks', trigger, i, 'command'];
      addShellCommand(ctx.add, ctx.site, command, path, `${trigger} hook`, `${trigger} hook command ${JSON.stringify(command)}`);
    });
  }
}

const EFFECTS: Record<string, Decision> = { allow: 'allow', ask: 'ask', deny: 'deny' };

/**
 * Capability rules (`permissions: [{ capability, effect, match, exclude }]`), deny over ask over allow; a rule
 * without `match` covers everything of its capability. An `exclude` keeps those commands out of an allow rule,
 * read as an ask for them (the prompt they fall back to).
 */
function mapCapabilityRules(ctx: MapContext): void {
  const rules = own(ctx.root, 'permissions');
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => {
    if (!isTable(rule)) return;
    const capability = own(rule, 'capability');
    const decision = EFFECTS[String(own(rule, 'effect'))];
    if (typeof capability !== 'string' || decision === undefined) return;
    const base: KeyPath = ['permissions', i];
    const matched = stringsAt(rule, ['match']).map(([glob, path]) => [glob, [...base, ...path]] as [string, KeyPath]);
    const whole: [string, KeyPath][] = matched.length > 0 ? matched : [['*', [...base, 'capability']]];
    const evidence = (what: string): string => `${capability} ${decision} ${JSON.stringify(what)}`;
    if (capability === 'shell') {
      for (const [glob, path] of whole) addCommandGlob(ctx, glob, decision, path, evidence(glob));
      if (decision === 'allow')
        for (const [glob, path] of stringsAt(rule, ['exclude']))
          addCommandGlob(ctx, glob, 'ask', [...base, ...path], `shell exclude "${glob}"`);
    } else if (capability === 'fs_write' && decision === 'allow') {
      for (const [dir, path] of whole) ctx.add({ kind: 'writable-root', path: dir === '*' ? '/' : dir, ...at(path, evidence(dir)) });
    } else if (capability === 'fs_read') {
      for (const [file, path] of matched)
        ctx.add({ kind: 'path-access', path: file, access: 'read', decision, group: ctx.group, ...at(path, evidence(file)) });
    } else if (capability === 'mcp' && decision === 'allow') {
      for (const [tool, path] of whole) {
        const [server = '*', name = '*'] = tool.split('/');
        ctx.add({ kind: 'tool-approval', server, tool: name === '' ? '*' : name, ...at(path, evidence(tool)) });
      }
    } else if ((capability === 'all' || capability === 'builtin') && decision === 'allow' && matched.length === 0)
      ctx.add({
        kind: 'bypass',
        grants: 'allow-all-tools',
        ...(capability === 'builtin' ? { note: 'every built-in tool, the shell included' } : {}),
        ...at([...base, 'capability'], evidence(capability)),
      });
  });
}

function mapAgent(ctx: MapContext): void {
  mapCapabilityRules(ctx);
  mapAllowedTools(ctx);
  mapToolsSettings(ctx);
  mapAgentHooks(ctx);
  addMcpServers(ctx, 'mcpServers', { approveKey: 'autoApprove' });
}

/**
 * An IDE hook file: `{ enabled, when: { type }, then: { type: "runCommand", command } }`, or `then: { type: "askAgent",
 * prompt }`, whose prompt the agent is handed as its task (kiro.dev/docs/hooks/types): read as guidance.
 */
function mapHookFile(ctx: MapContext): void {
  if (own(ctx.root, 'enabled') === false) return;
  const then = tableAt(ctx.root, 'then');
  const prompt = then ? own(then, 'prompt') : undefined;
  if (then !== undefined && own(then, 'type') === 'askAgent' && typeof prompt === 'string') ctx.addGuidance?.(['then', 'prompt'], prompt);
  const command = then ? own(then, 'command') : undefined;
  if (typeof command !== 'string' || (own(then!, 'type') !== undefined && own(then!, 'type') !== 'runCommand')) return;
  const event = valueAt(ctx.root, ['when', 'type']);
  const trigger = `${typeof event === 'string' ? event : 'Kiro'} hook`;
  addShellCommand(ctx.add, ctx.site, command, ['then', 'command'], trigger, `${trigger} command ${JSON.stringify(command)}`);
}

const M = '.kiro/settings/mcp.json';
const A = '.kiro/agents/*.json';
const H = '.kiro/hooks/*.kiro.hook';
const MD = '.kiro/agents/**/*.md';
const KEYS: readonly KeyDoc[] = [
  ...mcpServerKeys(M, 'mcpServers.*', 'autoApprove'),
  { file: A, key: 'allowedTools: "*", "@builtin"', rule: 'sandbox-mode', note: 'every tool runs without a prompt' },
  {
    file: A,
    key: 'allowedTools: shell / execute_bash',
    rule: 'sandbox-mode',
    note: 'any command without a prompt (deniedCommands still apply)',
  },
  { file: A, key: 'allowedTools: web_fetch, web_search', rule: 'network-access', note: 'fetches and searches without a prompt' },
  {
    file: A,
    key: 'allowedTools: @server, @server/tool',
    rule: 'publish-deploy, network-access, destructive-actions',
    note: 'pre-approved MCP servers and tools',
  },
  {
    file: A,
    key: 'toolsSettings.shell.allowedCommands / deniedCommands (also under execute_bash)',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'command patterns (regular expressions) that run without a prompt; denied patterns win',
  },
  {
    file: A,
    key: 'toolsSettings.write.allowedPaths (fs_write)',
    rule: 'outside-writes',
    note: 'writes outside the repository without a prompt',
  },
  { file: A, key: 'toolsSettings.read.allowedPaths / deniedPaths (fs_read)', rule: 'secret-access', note: 'reads of secret files' },
  {
    file: A,
    key: 'toolsSettings.web_fetch.trusted',
    rule: 'network-access',
    note: 'URL patterns fetched without a prompt, outside allowed-domains',
  },
  {
    file: A,
    key: 'hooks.<trigger>[].command',
    rule: 'outside-writes, network-access, secret-access, publish-deploy, destructive-actions',
    note: 'commands that run without a prompt, read with the shell analysis',
  },
  ...mcpServerKeys(A, 'mcpServers.*'),
  {
    file: A,
    key: 'permissions[]: capability shell / fs_write / fs_read / mcp / all / builtin, effect, match, exclude',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access, destructive-actions',
    note: 'capability rules of the agent (deny > ask > allow): allowed commands (globs), writes, secret reads, MCP tools, everything',
  },
  {
    file: MD,
    key: 'front matter: the keys of an agent .json (permissions, allowedTools, toolsSettings, hooks, mcpServers)',
    rule: 'all of the above',
    note: 'a markdown agent (Kiro IDE 1.x, CLI 3): front matter read as its .json, the body (system prompt) as guidance',
  },
  {
    file: H,
    key: 'then.command (then.type "runCommand"; skipped when enabled is false)',
    rule: 'outside-writes, network-access, secret-access, publish-deploy, destructive-actions',
    note: 'the command the hook runs on its trigger, read with the shell analysis',
  },
  {
    file: H,
    key: 'then.prompt (then.type "askAgent")',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: 'the task the agent is handed on the trigger, read as guidance',
  },
];

export const kiroAdapter = structuredAdapter({
  id: 'kiro',
  name: 'Kiro',
  keys: KEYS,
  kinds: [
    { path: M, format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers', { approveKey: 'autoApprove' }) },
    { path: A, format: 'jsonc', map: mapAgent },
    { path: MD, format: 'markdown', map: mapAgent },
    { path: H, format: 'jsonc', map: mapHookFile },
  ],
});
