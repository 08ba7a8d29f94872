import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import type { Adapter, KeyDoc } from '../types.js';
import { structuredAdapter } from '../shared/structured.js';
import { isTable, own } from '../walk.js';

/** A plugin's manifest, and a marketplace's list of plugins (https://code.claude.com/docs/en/plugins-reference). */
const MANIFEST = '.claude-plugin/plugin.json';
const MARKETPLACE = '.claude-plugin/marketplace.json';

const KEYS: readonly KeyDoc[] = [
  {
    file: MANIFEST,
    key: '`commands`, `agents` (paths of files or folders, beside the default ones)',
    rule: 'every rule',
    note: "the plugin's commands (`commands/**/*.md`) and agents (`agents/**/*.md`), and those the manifest adds, read as guidance",
  },
  {
    file: MARKETPLACE,
    key: '`plugins[].source` (a folder of the repository)',
    rule: 'every rule',
    note: "each listed plugin's commands and agents, read as guidance",
  },
];

/** The most component paths a manifest adds that are followed, and the most plugins a marketplace lists that are. */
const MAX_LISTED = 100;

/** A path a manifest gives relative to its plugin's folder, inside the repository; undefined when it leaves it. */
function insidePath(root: string, written: string): string | undefined {
  // An absolute path has an empty first part.
  const parts = written.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  if (written.includes('\\') || parts.some((p) => p === '..' || p === '' || p === '.')) return undefined;
  return `${root}${parts.join('/')}`;
}

/** The strings of a manifest value that is a string or a list of them, at most `MAX_LISTED`. */
const stringsOf = (value: unknown): string[] =>
  (typeof value === 'string' ? [value] : Array.isArray(value) ? value : [])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, MAX_LISTED);

/**
 * The markdown files a plugin's folder holds as its commands and agents: the default folders, and the files and
 * folders its manifest adds (they supplement the defaults). Paths that leave the repository are not followed.
 */
function componentFiles(root: string, manifest: unknown, markdown: readonly string[]): string[] {
  const prefixes = [`${root}commands/`, `${root}agents/`];
  const out: string[] = [];
  if (isTable(manifest))
    for (const key of ['commands', 'agents'])
      for (const written of stringsOf(own(manifest, key))) {
        const path = insidePath(root, written);
        if (path === undefined) continue;
        if (path.toLowerCase().endsWith('.md')) out.push(...below(markdown, path).filter((p) => p === path));
        else prefixes.push(`${path}/`);
      }
  for (const prefix of prefixes) out.push(...below(markdown, prefix));
  return out;
}

/** The sorted paths that start with `prefix`: found by bisection, so that many plugins do not scan every path. */
function below(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}

/** The folder that holds a `.claude-plugin` folder, with a trailing `/` (empty at the repository's root). */
const pluginRoot = (path: string): string => path.slice(0, path.toLowerCase().lastIndexOf('.claude-plugin/'));

/** Claude Code plugins: the commands and agents of each plugin the repository holds, and of those a marketplace lists. */
function pluginFiles(files: readonly SourceFile[], paths: () => readonly string[]): string[] {
  const out = new Set<string>();
  // The markdown files, sorted by code unit as the bisection compares them.
  const listed = paths()
    .filter((p) => p.toLowerCase().endsWith('.md'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const file of files) {
    const parsed = parseJson(file.text, true);
    const value = parsed.ok ? parsed.value : undefined;
    const root = pluginRoot(file.path);
    if (/(?:^|\/)\.claude-plugin\/plugin\.json$/i.test(file.path)) {
      for (const path of componentFiles(root, value, listed)) out.add(path);
      continue;
    }
    const plugins = isTable(value) ? own(value, 'plugins') : undefined;
    for (const plugin of (Array.isArray(plugins) ? plugins : []).slice(0, MAX_LISTED)) {
      const source = isTable(plugin) ? own(plugin, 'source') : undefined;
      const folder = typeof source === 'string' ? insidePath(root, source) : undefined;
      // A marketplace may declare a plugin's components itself (`strict: false`): its own keys add paths too.
      if (folder !== undefined) for (const path of componentFiles(`${folder}/`, plugin, listed)) out.add(path);
    }
  }
  return [...out];
}

const manifests = structuredAdapter({
  id: 'claude-plugin',
  name: 'Claude Code plugins',
  keys: KEYS,
  kinds: [
    { path: MANIFEST, format: 'json', map: () => undefined },
    { path: MARKETPLACE, format: 'json', map: () => undefined },
  ],
});

/** Claude Code plugins committed in a repository: their manifests name the commands and agents read as guidance. */
export const claudePluginAdapter: Adapter = { ...manifests, namedGuidance: pluginFiles };
