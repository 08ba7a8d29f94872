import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import type { Adapter, KeyDoc } from '../types.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers } from '../shared/mcp.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';
import {
  addBelow,
  bundleAdapter,
  componentReader,
  insidePath,
  ONE_MARKDOWN,
  SKILL_FILE,
  sortedWithEnding,
  stringsOf,
} from '../shared/bundle.js';
import { isTable, own } from '../walk.js';
import { GEMINI_SERVERS, mapGeminiCommand, mapGeminiSubagent } from '../gemini/index.js';

/** An extension's manifest (https://github.com/google-gemini/gemini-cli/blob/main/docs/extensions/reference.md). */
const MANIFEST = 'gemini-extension.json';

const KEYS: readonly KeyDoc[] = [
  {
    file: MANIFEST,
    key: '`mcpServers`',
    rule: 'every rule',
    note: "the extension's MCP servers, read as in `.gemini/settings.json` (an extension cannot set `trust`)",
  },
  {
    file: MANIFEST,
    key: '`contextFileName` (a file name or a list of them; GEMINI.md by default)',
    rule: 'every rule',
    note: 'the context files the extension loads into every session, read as guidance',
  },
  {
    file: MANIFEST,
    key: 'beside it: `commands/**/*.toml`, `agents/*.md`, `skills/*/SKILL.md`, `hooks/hooks.json`',
    rule: 'every rule',
    note: "the extension's commands, subagents, skills and hooks, read as Gemini CLI reads `.gemini/commands`, `.gemini/agents`, `.gemini/skills` and the `hooks` of its settings",
  },
];

/** What a component file is to Gemini CLI, which decides how it is read. */
type ComponentKind = 'command' | 'agent' | 'skill' | 'hooks';

/** The folder that holds a manifest, with a trailing `/` (empty at the repository's root). */
const extensionRoot = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * The component files of each extension whose manifest is among `manifests`: its folder's `commands/**\/*.toml`,
 * `agents/*.md`, `skills/*\/SKILL.md` and `hooks/hooks.json` (the places Gemini CLI reads; the manifest names none).
 */
function extensionComponents(manifests: readonly SourceFile[], paths: readonly string[]): Map<string, ComponentKind> {
  const out = new Map<string, ComponentKind>();
  const sorted = sortedWithEnding(paths, ['.toml', '.md', '.json']);
  for (const file of manifests) {
    const root = extensionRoot(file.path);
    addBelow(out, sorted, `${root}commands/`, 'command', (rest) => rest.toLowerCase().endsWith('.toml'));
    addBelow(out, sorted, `${root}agents/`, 'agent', ONE_MARKDOWN);
    addBelow(out, sorted, `${root}skills/`, 'skill', SKILL_FILE);
    addBelow(out, sorted, `${root}hooks/`, 'hooks', (rest) => rest === 'hooks.json');
  }
  return out;
}

/** The context files an extension's manifest names other than GEMINI.md (a guidance file wherever it is). */
function contextFiles(manifests: readonly SourceFile[], paths: () => readonly string[]): string[] {
  const wanted = new Set<string>();
  for (const file of manifests) {
    const parsed = parseJson(file.text, true);
    const names = parsed.ok && isTable(parsed.value) ? stringsOf(own(parsed.value, 'contextFileName')) : [];
    for (const name of names) {
      const path = insidePath(extensionRoot(file.path), name);
      if (path !== undefined && !/(?:^|\/)gemini\.md$/i.test(path)) wanted.add(path);
    }
  }
  if (wanted.size === 0) return [];
  return paths().filter((p) => wanted.has(p));
}

const ID = 'gemini-extension';
const NAME = 'Gemini CLI extensions';
/** The manifest's MCP servers: as in settings, without `trust`, which Gemini CLI ignores in an extension. */
const mapManifest = (ctx: MapContext): void => addMcpServers(ctx, 'mcpServers', GEMINI_SERVERS);
const manifests = structuredAdapter({ id: ID, name: NAME, keys: KEYS, kinds: [{ path: MANIFEST, format: 'json', map: mapManifest }] });
const component = componentReader(ID, NAME);
const components: Record<ComponentKind, Adapter> = {
  command: component('*.toml', 'toml', mapGeminiCommand),
  agent: component('*.md', 'markdown', mapGeminiSubagent),
  skill: component('*.md', 'markdown', () => undefined),
  // `{ "hooks": { "<event>": [...] } }`, as the `hooks` of Gemini CLI's settings.
  hooks: component('*.json', 'json', (ctx) => addHooks(ctx, 'Gemini CLI', ['hooks'])),
};

/**
 * Gemini CLI extensions committed in a repository: the MCP servers of their manifests, the context files they load,
 * and the commands, subagents, skills and hooks their folders hold.
 */
export const geminiExtensionAdapter: Adapter = bundleAdapter({
  manifests,
  components,
  componentsOf: extensionComponents,
  namedGuidance: contextFiles,
});
