import {
  _default,
  array,
  boolean,
  enum as zEnum,
  extend,
  int,
  literal,
  meta,
  minimum,
  minLength,
  optional,
  positive,
  regex,
  strictObject,
  string,
  superRefine,
  type output,
} from 'zod/mini';
import { CONFIDENCES } from '../core/types.js';
import { described } from '../rules/define.js';
import { RULE_METAS } from '../rules/index.js';

export const LEVELS = ['error', 'warning', 'notice', 'off'] as const;
const level = zEnum(LEVELS);

/** A real calendar date written as YYYY-MM-DD, quoted or bare. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const isoDate = string().check(
  superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a date written as YYYY-MM-DD' });
    else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'is not a real calendar date' });
  }),
  meta({ format: 'date' }),
);
const nonEmpty = string().check(minLength(1));

const ruleEntries = Object.fromEntries(
  RULE_METAS.map((m) => [
    m.id,
    optional(
      described(extend(m.options, { level: described(_default(level, m.defaultLevel), 'error | warning | notice | off') }), m.title),
    ),
  ]),
);

export const exceptionSchema = strictObject({
  id: described(
    string().check(regex(/^[a-z0-9-]+$/, 'must use only lowercase letters, digits and "-"')),
    'Unique id; findings about the exception point here.',
  ),
  rule: described(string(), 'The rule id whose findings this exception suppresses.'),
  paths: described(array(nonEmpty).check(minLength(1)), 'Repository-relative globs of the files it applies to.'),
  match: described(optional(nonEmpty), 'Narrows to findings whose key path or evidence contains this text.'),
  reason: described(optional(string()), 'Why the exception exists.'),
  owner: described(optional(string()), 'Who answers for it, e.g. "@acme/docs".'),
  'approved-by': optional(string()),
  expires: described(optional(isoDate), 'Last day it applies (inclusive), YYYY-MM-DD.'),
  incident: optional(string()),
});

const SETTINGS_DEFAULTS = {
  'max-exception-days': 180,
  'expiry-warning-days': 14,
  'allow-local-exceptions': true,
  'guidance-min-confidence': 'high' as const,
};
export const settingsSchema = strictObject({
  'max-exception-days': described(
    _default(int().check(positive()), SETTINGS_DEFAULTS['max-exception-days']),
    'The longest an exception may run, counted from today.',
  ),
  'expiry-warning-days': described(
    _default(int().check(minimum(0)), SETTINGS_DEFAULTS['expiry-warning-days']),
    'Exceptions this close to expiry are reported as expiring.',
  ),
  'allow-local-exceptions': described(
    _default(boolean(), SETTINGS_DEFAULTS['allow-local-exceptions']),
    'In a central policy: whether extending policies may add exceptions.',
  ),
  'guidance-min-confidence': described(
    _default(zEnum(CONFIDENCES), SETTINGS_DEFAULTS['guidance-min-confidence']),
    'high | medium | low: findings less certain than this (readings of guidance text) are notices that never fail the check. Lower is stricter.',
  ),
});

/** The one schema of the policy file: validates, supplies defaults, and generates agent-policy.schema.json. */
export const policySchema = described(
  strictObject({
    $schema: optional(string()),
    version: described(_default(literal(1), 1), 'Format version; always 1.'),
    extends: described(optional(nonEmpty), 'default | strict | ./relative/path.yml | owner/repo/path.yml@ref'),
    rules: _default(strictObject(ruleEntries), {}),
    settings: _default(settingsSchema, SETTINGS_DEFAULTS),
    ignore: described(
      _default(array(nonEmpty), []),
      "Repository-relative globs of agent files not to check at all (generated or vendored files, fixtures of the repository's own tests); one that matches no committed file is reported.",
    ),
    exceptions: _default(array(exceptionSchema), []),
  }),
  'agent-policy team policy',
);

export type PolicyFile = output<typeof policySchema>;
export type PolicyException = output<typeof exceptionSchema>;
export type PolicySettings = output<typeof settingsSchema>;
