import { strictObject } from 'zod/mini';
import { defineRule } from '../define.js';

/** Reported by the exception evaluation (src/exceptions); this module holds the rule's metadata. */
export default defineRule({
  meta: {
    id: 'exception-orphaned',
    title: 'Every exception points at committed files.',
    description: 'An exception whose `paths` match no committed file points at something that was renamed or deleted.',
    defaultLevel: 'warning',
    fix: 'Fix its `paths`, or delete the exception.',
  },
  options: strictObject({}),
  messages: {},
});
