import type { Level } from '../core/types.js';

/** Every action input, parsed once; defaults live here and in action.yml only. */
export interface ActionInputs {
  policy: string | undefined;
  mode: 'auto' | 'check' | 'review';
  token: string;
  /** The token central policies (owner/repo/path@ref) are read with; `token` when empty. */
  policyToken: string;
  failOn: Level | 'never';
  annotate: 'changed' | 'all';
  sarifFile: string;
  comment: boolean;
  /** Post the fixes of new findings on changed lines as a pull request review of suggested changes. */
  suggestions: boolean;
  reviewIssue: boolean;
  workingDirectory: string;
  /** Whether exceptions a pull request adds or changes apply to its own check (default: defer until merged). */
  prExceptions: 'defer' | 'apply';
  /** What happens when the base commit cannot be read: fail (default), or check under the embedded strict policy. */
  baseUnavailable: 'fail' | 'strict';
}

export class InputError extends Error {}

type Getter = (name: string) => string;

function oneOf<T extends string>(get: Getter, name: string, allowed: readonly T[], fallback: T): T {
  const raw = get(name).trim();
  if (raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new InputError(`input "${name}" must be one of ${allowed.join(', ')} (got "${raw}")`);
}

function bool(get: Getter, name: string, fallback: boolean): boolean {
  const raw = get(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InputError(`input "${name}" must be true or false (got "${raw}")`);
}

/** Reads the inputs through `get` (core.getInput in the action, a map in tests). */
export function readInputs(get: Getter): ActionInputs {
  const policy = get('policy').trim();
  return {
    policy: policy === '' ? undefined : policy,
    mode: oneOf(get, 'mode', ['auto', 'check', 'review'], 'auto'),
    token: get('token').trim(),
    policyToken: get('policy-token').trim(),
    failOn: oneOf(get, 'fail-on', ['error', 'warning', 'notice', 'never'], 'error'),
    annotate: oneOf(get, 'annotate', ['changed', 'all'], 'changed'),
    sarifFile: get('sarif-file').trim(),
    comment: bool(get, 'comment', false),
    suggestions: bool(get, 'suggestions', false),
    reviewIssue: bool(get, 'review-issue', false),
    workingDirectory: get('working-directory').trim() || '.',
    prExceptions: oneOf(get, 'pr-exceptions', ['defer', 'apply'], 'defer'),
    baseUnavailable: oneOf(get, 'base-unavailable', ['fail', 'strict'], 'fail'),
  };
}
