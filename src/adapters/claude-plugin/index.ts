import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import type { Adapter, KeyDoc } from '../types.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers } from '../shared/mcp.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';
import { isTable, own } from '../walk.js';
import {
  addBelow,
  below,
  bundleAdapter,
  componentReader,
  insidePath,
  MAX_LISTED,
  SKILL_FILE,
  sortedWithEnding,
  stringsOf,
} from '../shared/bundle.js';
import { mapPreapproved, mapSubagent } from '../claude/front-matter.js';

/** A plugin's manifest, and a marketplace's list of plugins (https://code.claude.com/docs/en/plugins-reference). */
const MANIFEST = '.claude-plugin/plugin.json';
const MARKETPLACE = '.claude-plugin/marketplace.json';

const KEYS: readonly KeyDoc[] = [
  {
    file: MANIFEST,
    key: '`commands`, `agents` (paths of files or folders, beside the default ones)',
    rule: 'every rule',
    note: "the plugin's commands (`commands/**/*.md`), agents (`agents/**/*.md`) and skills (`skills/*/SKILL.md`), and those the manifest adds, read as Claude Code reads `.claude/commands`, `.claude/agents` and `.claude/skills`",
  },
  {
    file: MANIFEST,
    key: '`hooks` (a path, or the hooks themselves), `mcpServers`',
    rule: 'every rule',
    note: "the plugin's hooks (`hooks/hooks.json` and the file `hooks` names) and MCP servers, read as in Claude Code's settings and `.mcp.json`",
  },
  {
    file: MARKETPLACE,
    key: '`plugins[].source` (a folder of the repository)',
    rule: 'every rule',
    note: "each listed plugin's commands, agents and skills, read the same way",
  },
];

/** What a component file is to Claude Code, which decides how it is read. */
type ComponentKind = 'command' | 'agent' | 'skill' | 'hooks';

/**
 * The markdown files a plugin's folder holds as its commands, agents and skills: the default folders, and the files
 * and folders its manifest's `commands` and `agents` add (they supplement the defaults). Paths that leave the
 * repository are not followed.
 */
function componentFiles(
  root: string,
  manifest: unknown,
  markdown: readonly string[],
  json: ReadonlySet<string>,
  out: Map<string, ComponentKind>,
): void {
  const add = (path: string, kind: ComponentKind): void => {
    if (!out.has(path)) out.set(path, kind);
  };
  const folders: [string, ComponentKind][] = [
    [`${root}commands/`, 'command'],
    [`${root}agents/`, 'agent'],
  ];
  if (isTable(manifest))
    for (const [key, kind] of [
      ['commands', 'command'],
      ['agents', 'agent'],
    ] as const)
      for (const written of stringsOf(own(manifest, key))) {
        const path = insidePath(root, written);
        if (path === undefined) continue;
        // A markdown file named as such when it is listed; anything else names a folder.
        if (!path.toLowerCase().endsWith('.md')) folders.push([`${path}/`, kind]);
        else if (below(markdown, path)[0] === path) add(path, kind);
      }
  for (const [prefix, kind] of folders) addBelow(out, markdown, prefix, kind);
  // A skill is a folder of `skills/` with its SKILL.md.
  addBelow(out, markdown, `${root}skills/`, 'skill', SKILL_FILE);
  // Hooks: `hooks/hooks.json`, and the files the manifest's `hooks` names (an inline object is the manifest's own).
  const hookFiles = [`${root}hooks/hooks.json`];
  if (isTable(manifest))
    for (const written of stringsOf(own(manifest, 'hooks'))) {
      const path = insidePath(root, written);
      if (path?.toLowerCase().endsWith('.json') === true) hookFiles.push(path);
    }
  for (const path of hookFiles) if (json.has(path)) add(path, 'hooks');
}

/** The folder that holds a `.claude-plugin` folder, with a trailing `/` (empty at the repository's root). */
const pluginRoot = (path: string): string => path.slice(0, path.toLowerCase().lastIndexOf('.claude-plugin/'));

const isManifest = (path: string): boolean => /(?:^|\/)\.claude-plugin\/plugin\.json$/i.test(path);

/**
 * The commands, agents and skills of each plugin the repository holds, and of those a marketplace lists in its own
 * folders, among `paths`.
 */
function pluginComponents(manifests: readonly SourceFile[], paths: readonly string[]): Map<string, ComponentKind> {
  const out = new Map<string, ComponentKind>();
  const markdown = sortedWithEnding(paths, ['.md']);
  const json = new Set(paths.filter((p) => p.toLowerCase().endsWith('.json')));
  for (const file of manifests) {
    const parsed = parseJson(file.text, true);
    const value = parsed.ok ? parsed.value : undefined;
    const root = pluginRoot(file.path);
    if (isManifest(file.path)) {
      componentFiles(root, value, markdown, json, out);
      continue;
    }
    const plugins = isTable(value) ? own(value, 'plugins') : undefined;
    for (const plugin of (Array.isArray(plugins) ? plugins : []).slice(0, MAX_LISTED)) {
      const source = isTable(plugin) ? own(plugin, 'source') : undefined;
      const folder = typeof source === 'string' ? insidePath(root, source) : undefined;
      // A marketplace may declare a plugin's components itself (`strict: false`): its own keys add paths too.
      if (folder !== undefined) componentFiles(`${folder}/`, plugin, markdown, json, out);
    }
  }
  return out;
}

const ID = 'claude-plugin';
const NAME = 'Claude Code plugins';
/** A manifest's inline hooks and MCP servers, read as Claude Code reads them in settings and `.mcp.json`. */
const mapManifest = (ctx: MapContext): void => {
  if (isTable(own(ctx.root, 'hooks'))) addHooks(ctx, 'Claude Code', ['hooks'], { otherTypes: true });
  if (isTable(own(ctx.root, 'mcpServers'))) addMcpServers(ctx, 'mcpServers');
};
const manifests = structuredAdapter({
  id: ID,
  name: NAME,
  keys: KEYS,
  kinds: [
    { path: MANIFEST, format: 'json', map: mapManifest },
    { path: MARKETPLACE, format: 'json', map: () => undefined },
  ],
});
/** Components are read as Claude Code reads `.claude/commands`, `.claude/skills` and `.claude/agents`. */
const component = componentReader(ID, NAME);
const components: Record<ComponentKind, Adapter> = {
  command: component('*.md', 'markdown', mapPreapproved),
  skill: component('*.md', 'markdown', mapPreapproved),
  agent: component('*.md', 'markdown', mapSubagent),
  // A hooks file holds `{ "hooks": { "<event>": [...] } }`, as the `hooks` of Claude Code's settings.
  hooks: component('*.json', 'json', (ctx) => addHooks(ctx, 'Claude Code', ['hooks'], { otherTypes: true })),
};

/**
 * Claude Code plugins committed in a repository: their manifests name the commands, agents and skills, whose
 * markdown is guidance and whose front matter is read as Claude Code reads it (pre-approved tools, permission modes).
 */
export const claudePluginAdapter: Adapter = bundleAdapter({ manifests, components, componentsOf: pluginComponents });
