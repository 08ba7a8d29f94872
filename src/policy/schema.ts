import { z } from 'zod';
import { RULE_METAS } from '../rules/index.js';

export const LEVELS = ['error', 'warning', 'notice', 'off'] as const;
const level = z.enum(LEVELS);

/** A real calendar date written as YYYY-MM-DD, quoted or bare. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const isoDate = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a date written as YYYY-MM-DD' });
  else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'is not a real calendar date' });
}).meta({ format: 'date' });

const ruleEntries = Object.fromEntries(
  RULE_METAS.map((meta) => [
    meta.id,
    meta.options
      .extend({ level: level.default(meta.defaultLevel as (typeof LEVELS)[number]).describe('error | warning | notice | off') })
      .strict()
      .describe(meta.title)
      .optional(),
  ]),
);

export const exceptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, { message: 'must use only lowercase letters, digits and "-"' }).describe('Unique id; findings about the exception point here.'),
    rule: z.string().describe('The rule id whose findings this exception suppresses.'),
    paths: z.array(z.string().min(1)).min(1).describe('Repository-relative globs of the files it applies to.'),
    match: z.string().min(1).optional().describe('Narrows to findings whose key path or evidence contains this text.'),
    reason: z.string().optional().describe('Why the exception exists.'),
    owner: z.string().optional().describe('Who answers for it, e.g. "@acme/docs".'),
    'approved-by': z.string().optional(),
    expires: isoDate.optional().describe('Last day it applies (inclusive), YYYY-MM-DD.'),
    incident: z.string().optional(),
  })
  .strict();

export const settingsSchema = z
  .object({
    'max-exception-days': z.number().int().positive().default(180).describe('The longest an exception may run, counted from today.'),
    'expiry-warning-days': z.number().int().min(0).default(14).describe('Exceptions this close to expiry are reported as expiring.'),
    'allow-local-exceptions': z.boolean().default(true).describe('In a central policy: whether extending policies may add exceptions.'),
  })
  .strict();

/** The one schema of the policy file: validates, supplies defaults, and generates agent-policy.schema.json. */
export const policySchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).default(1).describe('Format version; always 1.'),
    extends: z.string().min(1).optional().describe('default | strict | ./relative/path.yml | owner/repo/path.yml@ref'),
    rules: z.object(ruleEntries).strict().default({}),
    settings: settingsSchema.default(settingsSchema.parse({})),
    exceptions: z.array(exceptionSchema).default([]),
  })
  .strict()
  .describe('agent-policy team policy');

export type PolicyFile = z.infer<typeof policySchema>;
export type PolicyException = z.infer<typeof exceptionSchema>;
export type PolicySettings = z.infer<typeof settingsSchema>;

export function toJsonSchema(): unknown {
  const schema = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://github.com/agent-policy/agent-policy/raw/main/agent-policy.schema.json', title: 'agent-policy' };
}
