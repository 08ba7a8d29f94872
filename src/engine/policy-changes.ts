import { CONFIDENCE_RANK, LEVEL_RANK, type Finding, type Position } from '../core/types.js';
import { toPrintable } from '../core/printable.js';
import { redactSecrets } from '../secrets/redact.js';
import { exceptionMatcher } from '../exceptions/evaluate.js';
import type { PolicyError } from '../policy/errors.js';
import { shownValue, type ResolvedException, type ResolvedPolicy } from '../policy/load.js';
import { RULE_METAS } from '../rules/index.js';
import type { PolicyChange } from './result.js';

/** Whether exceptions a change adds or changes apply to the check of that change. */
export type ChangedExceptions = 'defer' | 'apply';

/** A change as it is found; its level follows from what it does (`withLevel`). */
type FoundChange = Omit<PolicyChange, 'level'>;

/** An invalid changed policy is an error, a change that loosens the policy a warning, any other a notice. */
const withLevel = (c: FoundChange): PolicyChange => ({ ...c, level: c.kind === 'invalid' ? 'error' : c.weakens ? 'warning' : 'notice' });

const FIRST: Position = { line: 1, column: 1 };
const EXCEPTION_FIELDS = ['rule', 'paths', 'match', 'reason', 'owner', 'approved-by', 'expires', 'incident'] as const;
const exceptionText = (e: ResolvedException): string => JSON.stringify(EXCEPTION_FIELDS.map((k) => e[k] ?? null));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const quoted = (values: readonly string[]): string => values.map(shownValue).join(', ');
/** An exception's rule as written: a known rule id plainly, anything else only as `shownValue` shows it. */
const ruleName = (rule: string): string => (RULE_METAS.some((m) => m.id === rule) ? rule : shownValue(rule));

/** Whether the tail of two chains (what the starting file extends) is the same. */
export const sameParents = (a: ResolvedPolicy, b: ResolvedPolicy): boolean =>
  JSON.stringify(a.chain.slice(1)) === JSON.stringify(b.chain.slice(1));

function ruleChanges(
  base: ResolvedPolicy,
  head: ResolvedPolicy,
  at: (key: string) => Position,
  file: string,
  since: string,
): FoundChange[] {
  const changes: FoundChange[] = [];
  for (const meta of RULE_METAS) {
    const was = base.rules[meta.id]!;
    const now = head.rules[meta.id]!;
    if (was.level !== now.level) {
      const weakens = LEVEL_RANK[now.level] < LEVEL_RANK[was.level];
      changes.push({
        kind: 'rule',
        weakens,
        file,
        position: at(`rules.${meta.id}.level`),
        message: `rules.${meta.id}.level is "${now.level}" here and "${was.level}" ${since}.`,
      });
    }
    for (const [name, how] of Object.entries(meta.optionMerge)) {
      const before = was.options[name];
      const after = now.options[name];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const position = at(`rules.${meta.id}.${name}`);
      if (how === 'require') {
        changes.push({
          kind: 'rule',
          weakens: before === true && after !== true,
          file,
          position,
          message: `rules.${meta.id}.${name} is ${String(after)} here and ${String(before)} ${since}.`,
        });
        continue;
      }
      const removed = list(before).filter((x) => !list(after).includes(x));
      const added = list(after).filter((x) => !list(before).includes(x));
      // Entries of an `add` list make the rule stricter; entries of a `narrow` list are what it allows.
      const weakens = how === 'add' ? removed.length > 0 : added.length > 0;
      const parts = [added.length > 0 ? `adds ${quoted(added)}` : '', removed.length > 0 ? `removes ${quoted(removed)}` : ''].filter(
        (p) => p !== '',
      );
      changes.push({
        kind: 'rule',
        weakens,
        file,
        position,
        message: `rules.${meta.id}.${name}: this change ${parts.join(' and ')}, compared with the policy ${since}.`,
      });
    }
  }
  return changes;
}

function settingChanges(
  base: ResolvedPolicy,
  head: ResolvedPolicy,
  at: (key: string) => Position,
  file: string,
  since: string,
): FoundChange[] {
  const changes: FoundChange[] = [];
  const b = base.settings;
  const h = head.settings;
  const say = (key: keyof typeof b, weakens: boolean): void => {
    if (b[key] !== h[key])
      changes.push({
        kind: 'setting',
        weakens,
        file,
        position: at(`settings.${key}`),
        message: `settings.${key} is ${String(h[key])} here and ${String(b[key])} ${since}.`,
      });
  };
  say('max-exception-days', h['max-exception-days'] > b['max-exception-days']);
  say('expiry-warning-days', h['expiry-warning-days'] < b['expiry-warning-days']);
  say('allow-local-exceptions', h['allow-local-exceptions'] && !b['allow-local-exceptions']);
  say('guidance-min-confidence', CONFIDENCE_RANK[h['guidance-min-confidence']] > CONFIDENCE_RANK[b['guidance-min-confidence']]);
  return changes;
}

/**
 * Compares the policy a change brings (`head`) with the one in force (`base`): rules lowered or turned off,
 * options narrowed, settings loosened, another `extends`, exceptions added, changed or removed. `active` are
 * the findings of the check; an exception the change adds or changes that does not apply is told which of
 * them it would suppress.
 */
export function comparePolicies(input: {
  rev: string;
  base: ResolvedPolicy;
  head: ResolvedPolicy;
  active: readonly Finding[];
  applied: boolean;
}): PolicyChange[] {
  const { base, head, rev } = input;
  const since = `at ${rev}`;
  const file = head.source.kind === 'file' ? head.source.path : base.source.path;
  const at = (key: string): Position => head.positions[key] ?? head.positions[key.split('.').slice(0, 2).join('.')] ?? FIRST;
  const changes: FoundChange[] = [];
  if (base.source.path !== head.source.path) {
    const what =
      head.source.kind === 'embedded'
        ? `The policy file ${base.source.path} is removed; without it the embedded "${head.source.path}" policy would apply.`
        : base.source.kind === 'embedded'
          ? `The policy file ${head.source.path} is added; until it is merged the embedded "${base.source.path}" policy applies.`
          : `The policy file in force moves from ${base.source.path} to ${head.source.path}.`;
    changes.push({
      kind: 'policy-file',
      weakens: false,
      file: head.source.kind === 'file' ? head.source.path : base.source.path,
      position: FIRST,
      message: what,
    });
  }
  if (!sameParents(base, head)) {
    const show = (p: ResolvedPolicy): string => (p.chain.length > 1 ? p.chain.slice(1).join(' → ') : 'nothing');
    changes.push({
      kind: 'extends',
      weakens: false,
      file,
      position: at('extends'),
      message: `The policy extends ${show(head)} here and ${show(base)} ${since}.`,
    });
  }
  changes.push(...ruleChanges(base, head, at, file, since), ...settingChanges(base, head, at, file, since));
  // An ignored file escapes every rule: an entry added loosens the policy, like an exception without an expiry.
  const pattern = (text: string): string => toPrintable(redactSecrets(text));
  const ignoredBefore = new Set(base.ignore.map((i) => i.pattern));
  const ignoredAfter = new Set(head.ignore.map((i) => i.pattern));
  for (const entry of head.ignore)
    if (!ignoredBefore.has(entry.pattern))
      changes.push({
        kind: 'ignore',
        weakens: true,
        file: entry.file,
        position: entry.position,
        message: `ignore "${pattern(entry.pattern)}" is added since ${rev}: the files it matches are still checked until the policy change is merged.`,
      });
  for (const entry of base.ignore)
    if (!ignoredAfter.has(entry.pattern))
      changes.push({
        kind: 'ignore',
        weakens: false,
        file,
        position: FIRST,
        message: `ignore "${pattern(entry.pattern)}" is removed since ${rev}.`,
      });

  const before = new Map(base.exceptions.map((e) => [e.id, e]));
  const after = new Map(head.exceptions.map((e) => [e.id, e]));
  const covering = (e: ResolvedException): string[] => input.active.filter(exceptionMatcher(e)).map((f) => f.fingerprint);
  for (const e of head.exceptions) {
    const was = before.get(e.id);
    if (was !== undefined && exceptionText(was) === exceptionText(e)) continue;
    const change = was === undefined ? 'added' : 'changed';
    const covers = input.applied ? [] : covering(e);
    const effect = input.applied
      ? 'it applies to this check (pr-exceptions: apply)'
      : `it does not apply to this check${covers.length > 0 ? ` and ${covers.length} finding${covers.length === 1 ? '' : 's'} it covers still count${covers.length === 1 ? 's' : ''}` : ''}; it takes effect once the policy change is merged after review by the policy owners`;
    changes.push({
      kind: 'exception',
      weakens: true,
      file: e.file,
      position: e.position,
      message: `Exception "${e.id}" (${ruleName(e.rule)}) is ${change} since ${rev}: ${effect}.`,
      exception: { id: e.id, change, applied: input.applied, covers },
    });
  }
  for (const e of base.exceptions) {
    if (after.has(e.id)) continue;
    changes.push({
      kind: 'exception',
      weakens: false,
      file: e.file,
      position: e.position,
      message: `Exception "${e.id}" (${ruleName(e.rule)}) is removed since ${rev}.`,
      exception: { id: e.id, change: 'removed', applied: input.applied, covers: [] },
    });
  }
  return changes.map(withLevel);
}

/** The changed policy could not be loaded; each error is a change that fails the check (or, for a remote policy not read, is only said). */
export function unloadableHead(errors: readonly PolicyError[]): PolicyChange[] {
  return errors.map((e): PolicyChange =>
    withLevel(
      e.untrusted
        ? {
            kind: 'not-read',
            weakens: false,
            file: e.file,
            position: { line: e.line, column: e.column },
            message: `The changed policy was not read in full: ${e.message}.`,
          }
        : {
            kind: 'invalid',
            weakens: true,
            file: e.file,
            position: { line: e.line, column: e.column },
            message: `The policy as changed is invalid: ${e.message}; merged, it would stop every later check.`,
          },
    ),
  );
}
