import { RALPH_KEYS, RALPH_KINDS } from './ralph.js';
import type { Decision } from '../../core/posture.js';
import { isTable, own } from '../walk.js';
import { remoteHost } from '../codex/config.js';
import { addShellCommand } from '../shared/commands.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers, addMisplacedMcpServers } from '../shared/mcp.js';
import { addDomainGrant } from '../shared/permissions.js';
import {
  at,
  atFileStart,
  personalSettings,
  setting,
  stringsAt,
  structuredAdapter,
  valueAt,
  type MapContext,
} from '../shared/structured.js';
import { mapPreapproved, mapSubagent } from './front-matter.js';
import { addPermissionMode, CLAUDE_DIALECT, claudePath, mapPermissionEntry, type PermissionDialect } from './permissions.js';
import { CLAUDE_KEYS } from './keys.js';

const LISTS: [string, Decision][] = [
  ['allow', 'allow'],
  ['ask', 'ask'],
  ['deny', 'deny'],
];
const HELPERS = ['apiKeyHelper', 'awsCredentialExport', 'awsAuthRefresh', 'gcpAuthRefresh', 'otelHeadersHelper'];

/** Sockets of Docker, Podman and containerd (Colima and Docker Desktop name theirs docker.sock too). */
const CONTAINER_SOCKET = /(?:^|\/)(?:docker|podman|containerd)\.sock$/i;

/** Switches of Claude Code's OpenTelemetry export that put session contents in the exported events (monitoring docs). */
const CONTENT_LOGGING = ['OTEL_LOG_USER_PROMPTS', 'OTEL_LOG_TOOL_DETAILS', 'OTEL_LOG_TOOL_CONTENT', 'OTEL_LOG_RAW_API_BODIES'];
const ENDPOINTS = ['OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'];

/**
 * `env` switches that send prompts, tool input and output to the telemetry collector: shared outside the machine
 * unless the same `env` exports only to the console or to a collector on this machine.
 */
function addTelemetryLogging(ctx: MapContext): void {
  const env = own(ctx.root, 'env');
  if (!isTable(env)) return;
  const exporters = [own(env, 'OTEL_LOGS_EXPORTER'), own(env, 'OTEL_TRACES_EXPORTER')];
  if (exporters.every((e) => typeof e === 'string' && /^\s*(?:(?:none|console)\s*)?$/i.test(e))) return;
  const endpoint = ENDPOINTS.map((k) => own(env, k)).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (endpoint !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint.trim()) && remoteHost(endpoint.trim()) === undefined) return;
  for (const key of CONTENT_LOGGING) {
    const value = own(env, key);
    // `file:<dir>` (raw API bodies) keeps them on this machine, and is not matched here.
    const on = value === true || value === 1 || (typeof value === 'string' && /^\s*(?:1|true|yes|on)\s*$/i.test(value));
    if (!on) continue;
    const path = ['env', key];
    ctx.add({ kind: 'session-sharing', sessions: 'telemetry', ...at(path, setting(path, value)) });
  }
}

/**
 * `permissions.allow / ask / deny` entries, `Tool(argument)`, in an agent's dialect (Qwen Code reads the same lists
 * with its own names as well, and matches them its own way).
 */
export function addPermissionLists(ctx: MapContext, dialect: PermissionDialect = CLAUDE_DIALECT): void {
  for (const [list, decision] of LISTS) {
    for (const [entry, path] of stringsAt(ctx.root, ['permissions', list])) mapPermissionEntry(ctx, entry, decision, path, dialect);
  }
}

/** `.claude/settings.json` (and the same settings given to `claude --settings` as JSON, or inline to the Claude Code action) onto facts. */
export function mapClaudeSettings(ctx: MapContext): void {
  const { root } = ctx;
  const permissions = own(root, 'permissions');
  if (isTable(permissions)) {
    addPermissionMode(ctx, own(permissions, 'defaultMode'), ['permissions', 'defaultMode']);
    addPermissionLists(ctx);
    // Working directories, written as paths ("/Users/me/other", "../docs"), not in the prefix syntax of permission
    // rules, where a single leading "/" is relative to the settings file.
    for (const [dir, path] of stringsAt(root, ['permissions', 'additionalDirectories'])) {
      ctx.add({ kind: 'writable-root', path: dir, ...at(path, `additionalDirectories entry "${dir}"`) });
    }
  }
  for (const [domain, path] of stringsAt(root, ['sandbox', 'network', 'allowedDomains'])) {
    addDomainGrant(ctx, domain, path, `sandbox.network.allowedDomains entry "${domain}"`);
  }
  // allowLocalBinding only lets a server bind a loopback port: no host outside the machine is reached.
  const sockets = ['sandbox', 'network', 'allowAllUnixSockets'];
  if (valueAt(root, sockets) === true) ctx.add({ kind: 'network', what: 'proxy', ...at(sockets, setting(sockets, true)) });
  // A container runtime's socket starts containers outside the sandbox, with any host folder mounted (sandboxing
  // docs, security limitations); an ssh-agent or gpg-agent socket only lets commands use keys they cannot read.
  for (const [socket, path] of stringsAt(root, ['sandbox', 'network', 'allowUnixSockets'])) {
    if (CONTAINER_SOCKET.test(socket.trim()))
      ctx.add({
        kind: 'bypass',
        grants: 'unsandboxed-commands',
        note: 'a container runtime socket: a sandboxed command can start a container with the host mounted',
        ...at(path, `sandbox.network.allowUnixSockets entry "${socket}"`),
      });
  }
  // On macOS the trust service enableWeakerNetworkIsolation opens is a way past the proxy ("potential data exfiltration").
  const weaker = ['sandbox', 'enableWeakerNetworkIsolation'];
  if (valueAt(root, weaker) === true) ctx.add({ kind: 'network', what: 'proxy', ...at(weaker, setting(weaker, true)) });
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
  addHooks(ctx, 'Claude Code', ['hooks'], { otherTypes: true });
  addTelemetryLogging(ctx);
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
export const PERSONAL = { holds: "one developer's overrides and tokens", ignoredBy: 'Claude Code' } as const;

export const claudeAdapter = structuredAdapter({
  id: 'claude-code',
  name: 'Claude Code',
  keys: [...CLAUDE_KEYS, ...RALPH_KEYS],
  kinds: [
    { path: '.claude/settings.json', format: 'json', map: mapClaudeSettings },
    personalSettings('.claude/settings.local.json', 'json', PERSONAL, mapClaudeSettings),
    {
      path: 'CLAUDE.local.md',
      format: 'none',
      map: (ctx) => ctx.add({ kind: 'personal-file', ...PERSONAL, ...atFileStart('CLAUDE.local.md') }),
    },
    {
      path: '.mcp.json',
      format: 'json',
      map: (ctx) => {
        addMcpServers(ctx, 'mcpServers');
        addMisplacedMcpServers(ctx, 'servers', 'mcpServers', 'Claude Code');
      },
    },
    { path: '.claude/commands/**/*.md', format: 'markdown', map: mapPreapproved },
    { path: '.claude/skills/*/SKILL.md', format: 'markdown', map: mapPreapproved },
    { path: '.claude/agents/**/*.md', format: 'markdown', map: mapSubagent },
    ...RALPH_KINDS,
  ],
});
