import type { Level } from '../core/types.js';

/** The one severity map from our levels to each output's vocabulary. */
export const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };
export const WORKFLOW_COMMAND: Record<Level, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', notice: 'notice' };
export const CHECK_ANNOTATION_LEVEL: Record<Level, 'failure' | 'warning' | 'notice'> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};
