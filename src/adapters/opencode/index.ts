import type { Decision } from '../../core/posture.js';
import type { KeyPath, SourceFile } from '../../core/types.js';
import type { Adapter, KeyDoc } from '../types.js';
import { addBelow, bundleAdapter, componentReader, sortedWithEnding } from '../shared/bundle.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addMcpServers } from '../shared/mcp.js';
import { at, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';
import { remoteHost } from '../codex/config.js';
import { addCommandGlob } from '../shared/permissions.js';

const ACTIONS: Record<string, Decision> = { allow: 'allow', ask: 'ask', deny: 'deny' };

/**
 * One `permission` block (top level or an agent's). OpenCode's own rule: inside an object, the last matching
 * pattern wins; a tool the block does not name falls back to `"*"`. A tool that `tools` turns off (`webfetch: false`)
 * is not there to run, whatever its permission (https://opencode.ai/docs/tools).
 */
function mapPermission(
  ctx: MapContext,
  permission: unknown,
  base: KeyPath,
  scope: string | undefined,
  off: ReadonlySet<string> = new Set(),
): void {
  if (typeof permission === 'string') {
    if (permission === 'allow')
      ctx.add({ kind: 'bypass', grants: 'allow-all-tools', ...at(base, setting(base, permission), 'value', scope) });
    return;
  }
  if (!isTable(permission)) return;
  const fallback = own(permission, '*');
  // A tool takes the last of its own key and `"*"` in the block: OpenCode's last matching rule wins.
  const keys = Object.keys(permission);
  const named = (tool: string): boolean =>
    Object.hasOwn(permission, tool) && !(Object.hasOwn(permission, '*') && keys.indexOf('*') > keys.indexOf(tool));
  const resolved = (tool: string): [unknown, KeyPath] =>
    named(tool) ? [own(permission, tool), [...base, tool]] : [fallback, [...base, '*']];
  // `"*": "allow"` where commands and edits are allowed too allows every tool: one grant, reported once, and the tools
  // it stands for are not reported again through it.
  const allowAll = fallback === 'allow' && resolved('bash')[0] === 'allow' && resolved('edit')[0] === 'allow';
  if (allowAll) {
    const path = [...base, '*'];
    ctx.add({ kind: 'bypass', grants: 'allow-all-tools', ...at(path, setting(path, fallback), 'value', scope) });
  }
  const effective = (tool: string): [unknown, KeyPath] => {
    const [value, path] = resolved(tool);
    return allowAll && path.at(-1) === '*' ? [undefined, path] : [value, path];
  };

  const [bash, bashPath] = off.has('bash') ? [undefined, [...base, 'bash']] : effective('bash');
  const group = `${ctx.group}:${base.join('.')}`;
  const addRule = (glob: string, action: Decision, path: KeyPath, order: number, evidence: string): void =>
    addCommandGlob(ctx, glob, action, path, evidence, {
      group,
      precedence: 'last-match',
      order,
      // A trailing ` *` is optional: `ls *` matches `ls` (packages/opencode/src/util/wildcard.ts in anomalyco/opencode).
      optionalTail: true,
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
    if (value === 'allow' && !off.has(tool) && Object.hasOwn(permission, path.at(-1) as string))
      ctx.add({ kind: 'network', what, ...at(path, setting(path, value), 'value', scope) });
  }
  const [external, externalPath] = effective('external_directory');
  // Outside the project a file is written by the edit tools, or by a command bash is allowed to run (its paths ask
  // external_directory too): where both ask or are denied, reaching a directory there writes nothing without asking.
  const [edit] = resolved('edit');
  const [commands] = resolved('bash');
  const runs = commands === 'allow' || (isTable(commands) && Object.values(commands).includes('allow'));
  const writes = runs || (edit !== 'ask' && edit !== 'deny');
  if (writes && external === 'allow' && Object.hasOwn(permission, externalPath.at(-1) as string)) {
    ctx.add({ kind: 'writable-root', path: '~', ...at(externalPath, setting(externalPath, external), 'value', scope) });
  } else if (writes && isTable(external)) {
    // Every directory this block names is outside the project; a pattern of wildcards alone (`"*"`) is any of them,
    // and the last one wins: a directory allowed before a later `"*": "ask"` asks.
    const patterns = entries(external);
    const any = (dir: string): boolean => /^[/*]+$/.test(dir.trim());
    const lastAny = patterns.findLastIndex(([dir]) => any(dir));
    for (const [i, [dir, action]] of patterns.entries()) {
      if (i < lastAny && patterns[lastAny]![1] !== 'allow') continue;
      const path = any(dir) ? '/' : dir;
      if (action === 'allow')
        ctx.add({ kind: 'writable-root', path, ...at([...externalPath, dir], `external_directory "${dir}": "allow"`, 'key', scope) });
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

/** One `opencode.json` (or a set written for it): its permission blocks, agents, MCP servers and sharing. */
export function mapOpenCodeConfig(ctx: MapContext): void {
  const root: Table = ctx.root;
  // No permission block leaves OpenCode's own defaults: an absent setting, which is not a finding (the tool's
  // default is not the team's choice).
  const off = toolsOff(root);
  if (Object.hasOwn(root, 'permission')) mapPermission(ctx, own(root, 'permission'), ['permission'], undefined, off);
  const agents = own(root, 'agent');
  for (const [name, agent] of isTable(agents) ? entries(agents) : []) {
    if (isTable(agent) && Object.hasOwn(agent, 'permission'))
      mapPermission(ctx, own(agent, 'permission'), ['agent', name, 'permission'], `agent "${name}"`, new Set([...off, ...toolsOff(agent)]));
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
export function mapAgentFile(ctx: MapContext): void {
  if (!Object.hasOwn(ctx.root, 'permission')) return;
  const name = ctx.file.slice(ctx.file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  // Each agent's rules are its own: agents side by side in one folder do not override each other's patterns.
  mapPermission({ ...ctx, group: ctx.file }, own(ctx.root, 'permission'), ['permission'], `agent "${name}"`, toolsOff(ctx.root));
}

/** The tools a config or an agent turns off: `tools: { webfetch: false }`. */
function toolsOff(block: Table): Set<string> {
  const tools = own(block, 'tools');
  return new Set(isTable(tools) ? entries(tools).flatMap(([name, on]) => (on === false ? [name] : [])) : []);
}

const F = 'opencode.json[c]';
const A = '.opencode/{agent,agents}/**/*.md';
const USER_AGENTS = 'opencode/{agent,agents}/**/*.md (a folder named opencode: ~/.config/opencode kept in a dotfiles repository)';
const KEYS: readonly KeyDoc[] = [
  { file: F, key: 'permission: "allow"', rule: 'sandbox-mode', note: 'everything allowed' },
  {
    file: F,
    key: 'permission.bash (string, or patterns where the last match wins; "*" as fallback; a trailing " *" also matches nothing)',
    rule: 'sandbox-mode, publish-deploy, network-access, secret-access, destructive-actions',
    note: 'any command (`sudo *`, `bash -c *`, `npx *`), publish/deploy, network or secret-reading commands allowed',
  },
  { file: F, key: 'permission.webfetch / websearch / codesearch', rule: 'network-access', note: '"allow"' },
  {
    file: F,
    key: 'permission.external_directory',
    rule: 'outside-writes',
    note: '"allow", or allowed directories (the last matching pattern wins), where edits or an allowed command can write there',
  },
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
    file: USER_AGENTS,
    key: 'permission (front matter)',
    rule: 'all of the above',
    note: "the user's own agents, read as .opencode/agent/*.md",
  },
  {
    file: "{agent,agents,mode,modes}/**/*.md beside opencode.json (or a config.json naming OpenCode's schema) at the repository's root (a repository that is ~/.config/opencode)",
    key: 'permission (front matter)',
    rule: 'all of the above',
    note: "the user's own agents, read as .opencode/agent/*.md when their front matter sets a permission",
  },
  {
    file: '.opencode/{command,commands}/**/*.md, opencode/{command,commands}/**/*.md',
    key: 'the command (markdown after the front matter)',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: "a slash command's prompt, read as guidance",
  },
  {
    file: F,
    key: 'permission.edit / task / skill (top level and per agent); plugin',
    rule: 'not reported',
    note: "edits outside the project are external_directory; subagents and skills run under their own permission blocks; plugins are the declared extensions, like an MCP server's own package",
  },
];

/** OpenCode's user folder's config under its earlier name, read only at a repository's root (see `isLegacyConfig`). */
const LEGACY_ROOT = 'config.json';

const files = structuredAdapter({
  id: 'opencode',
  name: 'OpenCode',
  keys: KEYS,
  kinds: [
    { path: 'opencode.{json,jsonc}', format: 'jsonc', map: mapOpenCodeConfig },
    // Only at the root, naming OpenCode's schema (see `isLegacyConfig`).
    { path: LEGACY_ROOT, format: 'jsonc', map: mapOpenCodeConfig },
    { path: A, format: 'markdown', map: mapAgentFile },
    { path: '.opencode/{mode,modes}/*.md', format: 'markdown', map: mapAgentFile },
    // OpenCode's user folder, `~/.config/opencode`, kept in a dotfiles repository (https://opencode.ai/docs/agents).
    { path: 'opencode/{agent,agents}/**/*.md', format: 'markdown', map: mapAgentFile },
    // Slash commands: a prompt the agent follows when the user (or an agent) runs `/name`
    // (https://opencode.ai/docs/commands), project and user folder alike.
    { path: '.opencode/{command,commands}/**/*.md', format: 'markdown', map: () => undefined },
    { path: 'opencode/{command,commands}/**/*.md', format: 'markdown', map: () => undefined },
  ],
});

/**
 * The root config of a repository that is OpenCode's user folder, `~/.config/opencode`, kept in git: `opencode.json`,
 * or `config.json`, the global config's name in OpenCode's earlier docs ("Globally under
 * `~/.config/opencode/config.json`", packages/web/src/content/docs/config.mdx), when it names OpenCode's schema.
 */
const ROOT_CONFIG = /^(?:opencode\.jsonc?|config\.json)$/i;
/** `"$schema": "https://opencode.ai/config.json"` near the start: what says a root `config.json` is OpenCode's. */
const OPENCODE_SCHEMA = /"\$schema"\s*:\s*"https:\/\/opencode\.ai\/config\.json"/;
const isLegacyConfig = (file: SourceFile): boolean => file.path === LEGACY_ROOT && OPENCODE_SCHEMA.test(file.text.slice(0, 4_000));
/** Its agents' folders, beside the root config (https://opencode.ai/docs/agents, "Markdown"). */
const ROOT_AGENTS = ['agent/', 'agents/', 'mode/', 'modes/'];
/** A front matter key `permission`, quoted or not. */
const PERMISSION_KEY = /^["']?permission["']?[ \t]*:/;

/**
 * Whether a markdown file's front matter sets a permission: a file of those folders that is an agent of OpenCode's.
 * Read line by line up to the closing `---`, in the first 8,000 characters.
 */
function setsPermission(text: string): boolean {
  const lines = text
    .slice(0, 8_000)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return false;
  for (const line of lines.slice(1)) {
    if (line.trim() === '---') return false;
    if (PERMISSION_KEY.test(line)) return true;
  }
  return false;
}

/** The agents beside a root `opencode.json`: none when the repository has no such file. */
function rootAgents(own: readonly SourceFile[], paths: readonly string[]): Map<string, 'agent'> {
  const out = new Map<string, 'agent'>();
  if (!own.some((f) => ROOT_CONFIG.test(f.path))) return out;
  const markdown = sortedWithEnding(paths, ['.md']);
  for (const folder of ROOT_AGENTS) addBelow(out, markdown, folder, 'agent');
  return out;
}

const bundle = bundleAdapter({
  manifests: files,
  components: { agent: componentReader('opencode', 'OpenCode')('*.md', 'markdown', mapAgentFile) },
  componentsOf: rootAgents,
});

/**
 * OpenCode's configs and markdown agents, and the agents of a repository that is its user folder: `agent/*.md` beside
 * a root `opencode.json`, read when their front matter sets a permission (another folder of that name is the
 * project's own).
 */
export const opencodeAdapter: Adapter = {
  ...bundle,
  matches: (path) =>
    path.toLowerCase().endsWith('config.json') && !/opencode\.json$/i.test(path) ? path === LEGACY_ROOT : bundle.matches(path),
  admits: (file) => (file.path === LEGACY_ROOT ? isLegacyConfig(file) : files.matches(file.path) || setsPermission(file.text)),
};
