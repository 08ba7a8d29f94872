import { strictObject } from 'zod/mini';
import { defineRule } from '../define.js';

/** Reported by the exception evaluation (src/exceptions); this module holds the rule's metadata. */
export default defineRule({
  meta: {
    id: 'exception-unused',
    title: 'Every exception still matches a finding.',
    description:
      'An exception that matched no finding in a full run stopped being useful: the setting it covered was fixed or moved. Left in place, it would silently cover the next violation that matches it.',
    defaultLevel: 'warning',
    fix: 'Delete the exception.',
  },
  options: strictObject({}),
  messages: {},
});
