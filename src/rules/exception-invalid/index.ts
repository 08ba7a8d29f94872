import { strictObject } from 'zod/mini';
import { defineRule } from '../define.js';

/** Reported by the exception evaluation (src/exceptions); this module holds the rule's metadata. */
export default defineRule({
  meta: {
    id: 'exception-invalid',
    title: 'Every exception is complete and within the policy.',
    description:
      'An exception missing `reason`, `owner` or `expires`, naming an unknown rule or a rule that is off, sharing its id with another, expiring beyond `settings.max-exception-days`, or declared locally under a central policy that forbids local exceptions. An invalid exception suppresses nothing.',
    defaultLevel: 'error',
    fix: 'Complete or correct the exception at the reported line.',
  },
  options: strictObject({}),
  messages: {},
});
