import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addMcpServers } from '../shared/mcp.js';
import { at, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';
import { remoteHost } from '../codex/config.js';
import { addCommandGlob } from '../shared/permissions.js';

const ACTIONS: Record<string, Decision> = { allow: 'allow', ask: 'ask', deny: 'deny' };

/**
 * One `permission` block (top level or an agent's). OpenCode's own rule: inside an object, the last matching
 * pattern wins; a tool the block does not name falls back to `"*"`.
 */
function mapPermission(ctx: MapContext, permission: unknown, base: KeyPath, scope: string | undefined): void {
  if (typeof permission === 'string') {
    if (permission === 'allow')
      ctx.add({ kind: 'bypass', grants: 'allow-all-tools', ...at(base, setting(base, permission), 'value', scope) });
    return;
  }
  if (!isTable(permission)) return;
  const fallback = own(permission, '*');
  const effective = (tool: string): [unknown, KeyPath] =>
    Object.hasOwn(permission, tool) ? [own(permission, tool), [...base, tool]] : [fallback, [...base, '*']];

  const [bash, bashPath] = effective('bash');
  const group = `${ctx.group}:${base.join('.')}`;
  const addRule = (glob: string, action: Decision, path: KeyPath, order: number, evidence: string): void =>
    addCommandGlob(ctx, glob, action, path, evidence, {
      group,
      precedence: 'last-match',
      order,
      part: path.length > base.length + 1 ? 'key' : 'value',
      ...(scope === undefined ? {} : { scope }),
    });
  if (typeof bash === 'string' && ACTIONS[bash]) addRule('*', ACTIONS[bash], bashPath, 0, setting(bashPath, bash));
  else if (isTable(bash)) {
    entries(bash).forEach(([glob, action], i) => {
      if (typeof action === 'string' && ACTIONS[action])
        addRule(glob, ACTIONS[action], [...bashPath, glob], i, `bash "${glob}": "${action}"`);
    });
  }
  for (const [tool, what] of [
    ['webfetch', 'fetch'],
    ['websearch', 'web-search'],
    ['codesearch', 'web-search'],
  ] as const) {
    const [value, path] = effective(tool);
    if (value === 'allow' && Object.hasOwn(permission, path.at(-1) as string))
      ctx.add({ kind: 'network', what, ...at(path, setting(path, value), 'value', scope) });
  }
  const [external, externalPath] = effective('external_directory');
  if (external === 'allow' && Object.hasOwn(permission, externalPath.at(-1) as string)) {
    ctx.add({ kind: 'writable-root', path: '~', ...at(externalPath, setting(externalPath, external), 'value', scope) });
  } else if (isTable(external)) {
    for (const [dir, action] of entries(external)) {
      if (action === 'allow')
        ctx.add({ kind: 'writable-root', path: dir, ...at([...externalPath, dir], `external_directory "${dir}": "allow"`, 'key', scope) });
    }
  }
  const read = own(permission, 'read');
  if (isTable(read)) {
    for (const [file, action] of entries(read)) {
      if (typeof action === 'string' && ACTIONS[action]) {
        ctx.add({
          kind: 'path-access',
          path: file,
          access: 'read',
          decision: ACTIONS[action],
          group,
          ...at([...base, 'read', file], `read "${file}": "${action}"`, 'key', scope),
        });
      }
    }
  }
}

function mapConfig(ctx: MapContext): void {
  const root: Table = ctx.root;
  // No permission block leaves OpenCode's own defaults: an absent setting, which is not a finding (the tool's
  // default is not the team's choice).
  if (Object.hasOwn(root, 'permission')) mapPermission(ctx, own(root, 'permission'), ['permission'], undefined);
  const agents = own(root, 'agent');
  for (const [name, agent] of isTable(agents) ? entries(agents) : []) {
    if (isTable(agent) && Object.hasOwn(agent, 'permission'))
      mapPermission(ctx, own(agent, 'permission'), ['agent', name, 'permission'], `agent "${name}"`);
  }
  addMcpServers(ctx, 'mcp', { launch: { argv: 'command-array', envKey: 'environment' } });
  // Remote instructions are fetched each time OpenCode starts: guidance from outside the repository, unchecked.
  for (const [entry, path] of stringsAt(root, ['instructions'])) {
    const host = /^https?:\/\//i.test(entry.trim()) ? remoteHost(entry.trim()) : undefined;
    if (host)
      ctx.reject?.(
        path,
        `OpenCode fetches these instructions from ${host} each time it starts: guidance from outside the repository, which this check cannot read (commit the file and name its path instead)`,
        true,
      );
  }
  if (own(root, 'share') === 'auto') ctx.add({ kind: 'session-sharing', sessions: 'all', ...at(['share'], 'share: "auto"') });
}

/**
 * An agent written as markdown (`.opencode/agent/<name>.md`, `agents/`, `mode/`): its front matter is an agent
 * block of opencode.json, so its `permission` is read the same way; its body is the agent's prompt (guidance).
 */
function mapAgentFile(ctx: MapContext): void {
  if (!Object.hasOwn(ctx.root, 'permission')) return;
  const name = ctx.file.slice(ctx.file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  mapPermission(ctx, own(ctx.root, 'permission'), ['permission'], `agent "${name}"`);
}

const F = 'opencode.json[c]';
const A = '.opencode/{agent,agents}/**/*.md';
const KEYS: readonly KeyDoc[] = [
  { file: F, key: 'permission: "allow"', rule: 'sandbox-mode', note: 'everything allowed' },
  {
    file: F,
    key: 'permission.bash (string, or patterns where the last match wins; "*" as fallback)',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'publish/deploy, network or secret-reading commands allowed',
  },
  { file: F, key: 'permission.webfetch / websearch / codesearch', rule: 'network-access', note: '"allow"' },
  { file: F, key: 'permission.external_directory', rule: 'outside-writes', note: '"allow", or allowed directories' },
  { file: F, key: 'permission.read', rule: 'secret-access', note: 'secret files allowed (the default denies *.env)' },
  { file: F, key: 'agent.*.permission', rule: 'all of the above', note: 'per-agent blocks, same rules' },
  {
    file: F,
    key: 'mcp.*.url; environment, headers and any string value',
    rule: 'network-access, secret-access',
    note: 'remote servers (check-mcp-hosts); literal credentials',
  },
  {
    file: F,
    key: 'mcp.*.command (array) + environment',
    rule: 'outside-writes, network-access, secret-access',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings',
  },
  { file: F, key: 'share ("auto")', rule: 'secret-access', note: 'sessions shared automatically' },
  {
    file: F,
    key: 'instructions: https:// URLs',
    rule: 'config-unparseable',
    note: 'a notice: guidance fetched from a host at every start, which the check cannot read',
  },
  {
    file: A,
    key: 'permission (front matter): bash, webfetch, websearch, codesearch, external_directory, read, or "allow"',
    rule: 'all of the above',
    note: 'the agent block of a markdown agent, read as agent.*.permission; its body is guidance (also .opencode/mode/*.md)',
  },
  {
    file: F,
    key: 'permission.edit / task / skill (top level and per agent); plugin',
    rule: 'not reported',
    note: "edits outside the project are external_directory; subagents and skills run under their own permission blocks; plugins are the declared extensions, like an MCP server's own package",
  },
];

export const opencodeAdapter = structuredAdapter({
  id: 'opencode',
  name: 'OpenCode',
  keys: KEYS,
  kinds: [
    { path: 'opencode.{json,jsonc}', format: 'jsonc', map: mapConfig },
    { path: A, format: 'markdown', map: mapAgentFile },
    { path: '.opencode/{mode,modes}/*.md', format: 'markdown', map: mapAgentFile },
  ],
});
