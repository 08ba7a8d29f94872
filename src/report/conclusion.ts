import type { CheckResult } from '../engine/result.js';

/** The check run's title: how many findings, and with a base how many the change introduces. */
export function renderCheckRunTitle(result: CheckResult): string {
  const { findings } = result.counts;
  return `${findings} finding${findings === 1 ? '' : 's'}${result.baseline ? `, ${result.outcome.counted.length} new or updated` : ''}`;
}

/** The one line a failed run ends with: why it failed. */
export function renderFailure(result: CheckResult): string {
  const { outcome } = result;
  if (outcome.mode === 'review') {
    const { broken } = result.exceptionNotes;
    return `agent-policy: ${broken} exception${broken === 1 ? ' is' : 's are'} expired or invalid.`;
  }
  const { failing } = outcome;
  const why = [
    ...(outcome.countedFail
      ? [
          `${failing} ${result.baseline ? 'new or updated ' : ''}finding${failing === 1 ? '' : 's'} at or above "${outcome.failOn}"${result.policy.source.kind === 'embedded' ? ' (embedded default policy)' : ''}`,
        ]
      : []),
    ...outcome.reasons,
  ];
  return `agent-policy: ${why.join('; ')}.`;
}
