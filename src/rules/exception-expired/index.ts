import { strictObject } from 'zod/mini';
import { defineRule } from '../define.js';

/** Reported by the exception evaluation (src/exceptions); this module holds the rule's metadata. */
export default defineRule({
  meta: {
    id: 'exception-expired',
    title: 'No exception is past its expiry date.',
    description:
      'An exception whose `expires` date has passed no longer suppresses anything: the findings it covered are reported again. Exceptions are documented, reviewed and removed; an expired one is a review that did not happen.',
    defaultLevel: 'error',
    fix: 'Renew the exception after a new review (a new `expires` within `settings.max-exception-days`), or fix what it covered and delete it.',
  },
  options: strictObject({}),
  messages: {},
});
