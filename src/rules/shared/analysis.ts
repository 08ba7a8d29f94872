import { analyzeGuidance, type Analysis, type GuidanceRule } from '../../guidance/intents.js';
import type { Statement } from '../../guidance/statements.js';
import { secretPathMatcher, type SecretPathMatcher } from '../../secrets/paths.js';
import { buildCatalog, type CommandCatalog } from '../../shell/catalog.js';

/**
 * Memos keyed by a rule's option lists: every rule asks for the built-in catalog and matcher, and the same policy
 * asks again on every run, so each is built once per distinct list (bounded, since lists come from policies).
 */
const LIMIT = 64;
function memo<T>(build: (list: readonly string[]) => T): (list: readonly string[]) => T {
  const cache = new Map<string, T>();
  return (list) => {
    const key = JSON.stringify(list);
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      cache.set(key, (value = build(list)));
    }
    return value;
  };
}

/** The command catalog with extra publish commands added to the built-in ones. */
export const catalogFor: (extraPublish: readonly string[]) => CommandCatalog = memo(buildCatalog);

/** The secret-path matcher with extra globs added to the built-in ones. */
export const secretPathsFor: (extra: readonly string[]) => SecretPathMatcher = memo(secretPathMatcher);

const analyses = new Map<CommandCatalog, Map<SecretPathMatcher, Analysis>>();
/** One analysis object per catalog and matcher, so the guidance reading (cached per analysis) runs once for rules that share them. */
export function analysisFor(catalog: CommandCatalog = catalogFor([]), isSecretPath: SecretPathMatcher = secretPathsFor([])): Analysis {
  let byMatcher = analyses.get(catalog);
  if (!byMatcher) {
    if (analyses.size >= LIMIT) analyses.clear();
    analyses.set(catalog, (byMatcher = new Map()));
  }
  let analysis = byMatcher.get(isSecretPath);
  if (!analysis) byMatcher.set(isSecretPath, (analysis = { catalog, isSecretPath }));
  return analysis;
}

/** What a guidance statement tells the agent that one rule forbids: the statement, what was recognised, and the quote. */
export interface GuidanceFinding {
  statement: Statement;
  what: string;
  quote: string;
}

/** The statements that break `rule`, read with `analysis`. */
export const guidanceFindings = (statements: readonly Statement[], rule: GuidanceRule, analysis: Analysis = analysisFor()): GuidanceFinding[] =>
  analyzeGuidance(statements, analysis).filter((hit) => hit.rule === rule);
