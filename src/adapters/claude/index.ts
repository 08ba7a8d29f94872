import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { isTable, own } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers } from '../shared/mcp.js';
import { addCommandRule, addDomainGrant, commandWords, isExactCommand, parseToolEntry } from '../shared/permissions.js';
import { at, atFileStart, setting, stringsAt, structuredAdapter, valueAt, type MapContext } from '../shared/structured.js';
import { CLAUDE_KEYS } from './keys.js';

const LISTS: [string, Decision][] = [
  ['allow', 'allow'],
  ['ask', 'ask'],
  ['deny', 'deny'],
];
const SHELL_TOOLS = new Set(['Bash', 'PowerShell']);
const WRITE_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
const HELPERS = ['apiKeyHelper', 'awsCredentialExport', 'awsAuthRefresh', 'gcpAuthRefresh', 'otelHeadersHelper'];

/** Claude Code paths: `//abs` is absolute, `~/` home, `/x` relative to the settings file, `./x` or `x` relative. */
export function claudePath(p: string): string {
  if (p.startsWith('//')) return p.slice(1);
  if (p.startsWith('/')) return `.${p}`;
  return p;
}

function mapPermissionEntry(ctx: MapContext, entry: string, decision: Decision, path: KeyPath): void {
  const { tool, arg } = parseToolEntry(entry);
  const evidence = `${decision} "${entry}"`;
  if (SHELL_TOOLS.has(tool))
    addCommandRule(ctx, commandWords(arg), decision, path, evidence, 'most-restrictive', undefined, isExactCommand(arg));
  else if (tool === 'Read' && arg !== undefined)
    ctx.add({ kind: 'path-access', path: claudePath(arg), access: 'read', decision, group: ctx.group, ...at(path, evidence) });
  else if (WRITE_TOOLS.has(tool) && arg !== undefined && decision === 'allow')
    ctx.add({ kind: 'writable-root', path: claudePath(arg), ...at(path, evidence) });
  else if (tool === 'WebFetch' && decision === 'allow') {
    addDomainGrant(ctx, arg?.startsWith('domain:') ? arg.slice('domain:'.length) : '*', path, evidence);
  } else if (tool === 'WebSearch' && decision === 'allow') ctx.add({ kind: 'network', what: 'web-search', ...at(path, evidence) });
  else if (tool.startsWith('mcp__') && decision === 'allow') {
    const [, server = '*', ...rest] = tool.split('__');
    const name = rest.join('__');
    ctx.add({ kind: 'tool-approval', server, tool: name === '' || name === '*' ? '*' : name, ...at(path, evidence) });
  }
}

function mapSettings(ctx: MapContext): void {
  const { root } = ctx;
  const permissions = own(root, 'permissions');
  if (isTable(permissions)) {
    const mode = own(permissions, 'defaultMode');
    const modePath = ['permissions', 'defaultMode'];
    if (mode === 'bypassPermissions') ctx.add({ kind: 'bypass', grants: 'skip-all-prompts', ...at(modePath, setting(modePath, mode)) });
    else if (mode === 'auto') ctx.add({ kind: 'model-reviewer', ...at(modePath, setting(modePath, mode)) });
    for (const [list, decision] of LISTS) {
      for (const [entry, path] of stringsAt(root, ['permissions', list])) mapPermissionEntry(ctx, entry, decision, path);
    }
    for (const [dir, path] of stringsAt(root, ['permissions', 'additionalDirectories'])) {
      ctx.add({ kind: 'writable-root', path: claudePath(dir), ...at(path, `additionalDirectories entry "${dir}"`) });
    }
  }
  for (const [domain, path] of stringsAt(root, ['sandbox', 'network', 'allowedDomains'])) {
    addDomainGrant(ctx, domain, path, `sandbox.network.allowedDomains entry "${domain}"`);
  }
  // allowLocalBinding only lets a server bind a loopback port: no host outside the machine is reached.
  const sockets = ['sandbox', 'network', 'allowAllUnixSockets'];
  if (valueAt(root, sockets) === true) ctx.add({ kind: 'network', what: 'proxy', ...at(sockets, setting(sockets, true)) });
  for (const [dir, path] of stringsAt(root, ['sandbox', 'filesystem', 'allowWrite'])) {
    ctx.add({ kind: 'writable-root', path: claudePath(dir), ...at(path, `sandbox.filesystem.allowWrite entry "${dir}"`) });
  }
  for (const [file, path] of stringsAt(root, ['sandbox', 'filesystem', 'allowRead'])) {
    ctx.add({
      kind: 'path-access',
      path: claudePath(file),
      access: 'read',
      decision: 'allow',
      group: ctx.group,
      ...at(path, `sandbox.filesystem.allowRead entry "${file}"`),
    });
  }
  for (const [file, path] of stringsAt(root, ['sandbox', 'filesystem', 'denyRead'])) {
    ctx.add({
      kind: 'path-access',
      path: claudePath(file),
      access: 'read',
      decision: 'deny',
      group: ctx.group,
      ...at(path, `sandbox.filesystem.denyRead entry "${file}"`),
    });
  }
  // enableAllProjectMcpServers starts servers (it approves none of their tools) and skipDangerousModePermissionPrompt
  // only hides a warning: neither grants publishing or leaves the sandbox by itself, so neither is a fact here.
  addHooks(ctx, 'Claude Code');
  const status = own(root, 'statusLine');
  const statusCommand = isTable(status) ? own(status, 'command') : undefined;
  if (typeof statusCommand === 'string' && (own(status as Record<string, unknown>, 'type') ?? 'command') === 'command') {
    const path = ['statusLine', 'command'];
    addShellCommand(ctx.add, ctx.site, statusCommand, path, 'status line', setting(path, statusCommand));
  }
  for (const helper of HELPERS) {
    const command = own(root, helper);
    if (typeof command === 'string') addShellCommand(ctx.add, ctx.site, command, [helper], helper, setting([helper], command));
  }
  addMcpServers(ctx, 'mcpServers');
}

/** Claude Code writes its personal files with a .gitignore entry; one developer's overrides and tokens land there. */
const PERSONAL = { holds: "one developer's overrides and tokens", ignoredBy: 'Claude Code' } as const;

export const claudeAdapter = structuredAdapter({
  id: 'claude-code',
  name: 'Claude Code',
  keys: CLAUDE_KEYS,
  kinds: [
    { path: '.claude/settings.json', format: 'json', map: mapSettings },
    {
      path: '.claude/settings.local.json',
      format: 'json',
      map: (ctx) => {
        ctx.add({ kind: 'personal-file', ...PERSONAL, ...atFileStart('.claude/settings.local.json') });
        mapSettings(ctx);
      },
    },
    {
      path: 'CLAUDE.local.md',
      format: 'none',
      map: (ctx) => ctx.add({ kind: 'personal-file', ...PERSONAL, ...atFileStart('CLAUDE.local.md') }),
    },
    { path: '.mcp.json', format: 'json', map: (ctx) => addMcpServers(ctx, 'mcpServers') },
  ],
});
