import { secretPathMatcher, type SecretPathMatcher } from '../../secrets/paths.js';
import { buildCatalog, buildDestructiveCatalog, type CommandCatalog, type DestructiveCatalog } from '../../shell/catalog.js';

/**
 * Memos keyed by a rule's option lists: every rule asks for the built-in catalog and matcher, and the same policy
 * asks again on every run, so each is built once per distinct list (bounded, since lists come from policies).
 */
const LIMIT = 64;
function memo<A extends (readonly string[])[], T>(build: (...lists: A) => T): (...lists: A) => T {
  const cache = new Map<string, T>();
  return (...lists) => {
    const key = JSON.stringify(lists);
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      cache.set(key, (value = build(...lists)));
    }
    return value;
  };
}

/** The command catalog with extra publish commands added to the built-in ones, and built-in ones taken out (`except`). */
export const catalogFor: (extraPublish: readonly string[], exceptPublish: readonly string[]) => CommandCatalog = memo(buildCatalog);

/** The destructive commands with the policy's `commands` added and built-in ones taken out (`except`). */
export const destructiveCatalogFor: (extra: readonly string[], except: readonly string[]) => DestructiveCatalog =
  memo(buildDestructiveCatalog);

/** The secret-path matcher with extra globs added to the built-in ones. */
export const secretPathsFor: (extra: readonly string[]) => SecretPathMatcher = memo(secretPathMatcher);
