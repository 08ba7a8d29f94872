import picomatch from 'picomatch';
import { formatKeyPath, type Finding } from '../core/types.js';
import type { ResolvedException, ResolvedPolicy } from '../policy/load.js';
import { daysBetween } from './dates.js';

export type ExceptionStatus = 'active' | 'expiring' | 'expired' | 'unused' | 'orphaned' | 'invalid';

/** One exception as the register shows it: its state today and what it suppresses. */
export interface ExceptionReport {
  exception: ResolvedException;
  status: ExceptionStatus;
  /** Why the status is what it is, in one sentence. */
  detail: string;
  daysLeft: number | null;
  suppressed: Finding[];
}

export interface SuppressedFinding {
  finding: Finding;
  exception: ResolvedException;
}

export interface ExceptionOutcome {
  active: Finding[];
  suppressed: SuppressedFinding[];
  reports: ExceptionReport[];
}

const EXCEPTION_RULES = new Set(['exception-expired', 'exception-expiring', 'exception-unused', 'exception-orphaned', 'exception-invalid']);

/** Why an exception cannot be used, or undefined when it is well-formed. */
function invalidReason(e: ResolvedException, policy: ResolvedPolicy, today: string, duplicate: boolean): string | undefined {
  const missing = (['reason', 'owner', 'expires'] as const).filter((k) => e[k] === undefined || e[k].trim() === '');
  if (missing.length > 0) return `it has no ${missing.join(', no ')}; every exception needs a reason, an owner and an expiry date`;
  if (duplicate) return `the id "${e.id}" is used by more than one exception`;
  if (EXCEPTION_RULES.has(e.rule)) return `"${e.rule}" findings cannot be excepted; fix the exception instead`;
  const rule = policy.rules[e.rule];
  if (!rule) return `"${e.rule}" is not a rule (see agent-policy rules)`;
  if (rule.level === 'off') return `its rule "${e.rule}" is turned off, so it can never apply`;
  if (e.forbiddenBy !== undefined) return `${e.forbiddenBy} does not allow local exceptions (settings.allow-local-exceptions: false)`;
  const max = policy.settings['max-exception-days'];
  const days = daysBetween(today, e.expires!);
  if (days > max) return `it expires in ${days} days, beyond the ${max} days settings.max-exception-days allows`;
  return undefined;
}

/**
 * Whether a repository-relative path is one an exception's `paths` name: globs as picomatch reads them (dot files
 * included), and a plain path as that file or, when it names a folder, every file under it.
 */
export function toPathMatcher(paths: readonly string[]): (path: string) => boolean {
  const patterns = paths.flatMap((p) => (picomatch.scan(p).isGlob ? [p] : [p, `${p.replace(/\/+$/, '')}/**`]));
  return picomatch(patterns, { dot: true });
}

/** Whether an exception covers a finding: same rule, a matching path, and `match` in its key path or evidence. */
export function exceptionMatcher(e: ResolvedException): (f: Finding) => boolean {
  const isPath = toPathMatcher(e.paths);
  return (f) =>
    f.ruleId === e.rule &&
    isPath(f.file) &&
    (e.match === undefined || formatKeyPath(f.keyPath).includes(e.match) || f.evidence.includes(e.match));
}

/**
 * Applies the policy's exceptions: well-formed, unexpired ones suppress the findings they match (kept, with
 * the exception); every exception gets a status for the register and the stale-exception findings.
 */
export function applyExceptions(
  findings: readonly Finding[],
  policy: ResolvedPolicy,
  today: string,
  /** Whether any committed path passes the test. */
  anyCommitted: (test: (path: string) => boolean) => boolean,
  /** Whether any committed path in the checked folder passes it: an exception for files elsewhere is not unused. */
  anyCommittedHere: (test: (path: string) => boolean) => boolean = anyCommitted,
): ExceptionOutcome {
  const counts = new Map<string, number>();
  for (const e of policy.exceptions) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  const warning = policy.settings['expiry-warning-days'];

  const evaluated = policy.exceptions.map((exception) => {
    const invalid = invalidReason(exception, policy, today, (counts.get(exception.id) ?? 0) > 1);
    const daysLeft = exception.expires !== undefined ? daysBetween(today, exception.expires) : null;
    return { exception, invalid, daysLeft, matches: exceptionMatcher(exception), suppressed: [] as Finding[] };
  });
  const usable = evaluated.filter((x) => x.invalid === undefined && (x.daysLeft ?? -1) >= 0);

  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const by = usable.find((x) => x.matches(finding));
    if (by) {
      by.suppressed.push(finding);
      suppressed.push({ finding, exception: by.exception });
    } else active.push(finding);
  }

  const reports = evaluated.map(({ exception, invalid, daysLeft, suppressed: mine }): ExceptionReport => {
    const base = { exception, daysLeft, suppressed: mine };
    const { expires, owner } = exception;
    // invalidReason has rejected every exception without an owner or an expiry date; the last tests only narrow the types.
    if (invalid !== undefined || expires === undefined || owner === undefined || daysLeft === null) {
      return {
        ...base,
        status: 'invalid',
        detail: `Exception "${exception.id}" is invalid: ${invalid ?? 'it has no owner or no expiry date'}.`,
      };
    }
    if (daysLeft < 0) {
      const back = findings.filter(exceptionMatcher(exception)).length;
      return {
        ...base,
        status: 'expired',
        detail: `Exception "${exception.id}" expired on ${expires} (${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago) and no longer suppresses anything${back > 0 ? `; ${back} finding${back === 1 ? ' is' : 's are'} reported again` : ''}. Renew it with a new review, or fix what it covered.`,
      };
    }
    const isPath = toPathMatcher(exception.paths);
    if (!anyCommitted(isPath)) {
      return {
        ...base,
        status: 'orphaned',
        detail: `Exception "${exception.id}" points at files that are not in the repository (${exception.paths.join(', ')}); remove it or fix its paths.`,
      };
    }
    if (mine.length === 0 && anyCommittedHere(isPath))
      return {
        ...base,
        status: 'unused',
        detail: `Exception "${exception.id}" matched no finding; it stopped being useful, so remove it.`,
      };
    if (daysLeft <= warning)
      return {
        ...base,
        status: 'expiring',
        detail: `Exception "${exception.id}" expires on ${expires} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}); review it with its owner ${owner}.`,
      };
    return {
      ...base,
      status: 'active',
      detail: `Exception "${exception.id}" suppresses ${mine.length} finding${mine.length === 1 ? '' : 's'} until ${expires}.`,
    };
  });
  return { active, suppressed, reports };
}

/** The rule id a stale status is reported under. */
export const STATUS_RULE: Partial<Record<ExceptionStatus, string>> = {
  expired: 'exception-expired',
  expiring: 'exception-expiring',
  unused: 'exception-unused',
  orphaned: 'exception-orphaned',
  invalid: 'exception-invalid',
};
