import { strictObject } from 'zod/mini';
import { defineRule } from '../define.js';

/** Reported by the exception evaluation (src/exceptions); this module holds the rule's metadata. */
export default defineRule({
  meta: {
    id: 'exception-expiring',
    title: 'Exceptions are reviewed before they expire.',
    description:
      'An exception that expires within `settings.expiry-warning-days` is reported so its owner can review it before the findings it covers come back.',
    defaultLevel: 'notice',
    fix: 'Review the exception with its owner: renew it with a new date, or plan the fix.',
  },
  options: strictObject({}),
  messages: {},
});
