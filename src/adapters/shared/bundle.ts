import type { SourceFile } from '../../core/types.js';
import type { Adapter, AdapterContext, AdapterOutput } from '../types.js';
import { structuredAdapter, type FileKind } from './structured.js';

/**
 * A bundle is a folder of agent files that a manifest declares and an agent installs as a whole: a Claude Code
 * plugin, a Gemini CLI extension. Its components (commands, agents, skills, hooks) sit in folders named by the agent
 * and by the manifest, relative to the manifest's folder.
 */

/** The most paths a manifest lists (components, context files, plugins) that are followed. */
export const MAX_LISTED = 100;

/** A path a manifest gives relative to its bundle's folder (`root`, ending in `/`), inside the repository; undefined when it leaves it. */
export function insidePath(root: string, written: string): string | undefined {
  // An absolute path has an empty first part.
  const parts = written.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  if (written.includes('\\') || parts.some((p) => p === '..' || p === '' || p === '.')) return undefined;
  return `${root}${parts.join('/')}`;
}

/** The strings of a manifest value that is a string or a list of them, at most `MAX_LISTED`. */
export const stringsOf = (value: unknown): string[] =>
  (typeof value === 'string' ? [value] : Array.isArray(value) ? value : [])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, MAX_LISTED);

/** The paths that end in one of `endings` (lower case), sorted by code unit as `below` compares them. */
export const sortedWithEnding = (paths: readonly string[], endings: readonly string[]): string[] =>
  paths
    .filter((p) => {
      const lower = p.toLowerCase();
      return endings.some((e) => lower.endsWith(e));
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The sorted paths that start with `prefix`: found by bisection, so that many bundles do not scan every path. */
export function below(sorted: readonly string[], prefix: string): string[] {
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

/** The rest of a path below a component folder that is one markdown file, or one skill's `SKILL.md`. */
export const ONE_MARKDOWN = (rest: string): boolean => /^[^/]+\.md$/i.test(rest);
export const SKILL_FILE = (rest: string): boolean => /^[^/]+\/SKILL\.md$/i.test(rest);

/**
 * Adds to `out` the sorted paths below `prefix` whose rest passes `test`, as `kind`; a path already there keeps the
 * kind it was given first.
 */
export function addBelow<Kind>(
  out: Map<string, Kind>,
  sorted: readonly string[],
  prefix: string,
  kind: Kind,
  test: (rest: string) => boolean = () => true,
): void {
  for (const p of below(sorted, prefix)) if (!out.has(p) && test(p.slice(prefix.length))) out.set(p, kind);
}

/** The reader of one kind of a bundle's component files: the files the bundle names as that kind (`*.md`, …). */
export const componentReader =
  (id: string, name: string) =>
  (path: string, format: FileKind['format'], map: FileKind['map']): Adapter =>
    structuredAdapter({ id, name, keys: [], kinds: [{ path, format, map }] });

/**
 * An adapter for an agent's bundles: `manifests` reads the manifest files; `componentsOf` finds, among every
 * committed path, the component files each manifest's bundle holds and what each is; `components` reads each kind.
 * Components are read as the bundle's own files (they are launchers: read because a manifest names them).
 */
export function bundleAdapter<Kind extends string>(def: {
  manifests: Adapter;
  components: Record<Kind, Adapter>;
  componentsOf(manifests: readonly SourceFile[], paths: readonly string[]): Map<string, Kind>;
  namedGuidance?: Adapter['namedGuidance'];
}): Adapter {
  const { manifests, components } = def;
  const componentsOf = (files: readonly SourceFile[], paths: readonly string[]): Map<string, Kind> => def.componentsOf(files, paths);
  const kinds = Object.keys(components) as Kind[];
  return {
    ...manifests,
    launchers: (files, paths) => [...componentsOf(files, paths()).keys()],
    ...(def.namedGuidance ? { namedGuidance: def.namedGuidance } : {}),
    toPostures(files: readonly SourceFile[], context?: AdapterContext): AdapterOutput {
      const own = files.filter((f) => manifests.matches(f.path));
      const kindOf = componentsOf(
        own,
        files.map((f) => f.path),
      );
      const outputs = [
        manifests.toPostures(own, context),
        ...kinds.map((kind) =>
          components[kind].toPostures(
            files.filter((f) => kindOf.get(f.path) === kind),
            context,
          ),
        ),
      ];
      const guidance = outputs.flatMap((o) => o.guidance ?? []);
      return {
        postures: outputs.flatMap((o) => o.postures),
        problems: outputs.flatMap((o) => o.problems),
        ...(guidance.length > 0 ? { guidance } : {}),
      };
    },
  };
}
