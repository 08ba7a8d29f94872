import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { choose, emit, evaluate, type Options } from './commands.js';
import type { PendingListing } from '../sources/discover.js';
import { toPreflight } from '../report/preflight.js';
import { renderPreflightJson, renderPreflightMarkdown, renderPreflightText } from '../report/preflight-render.js';

const PREFLIGHT_FORMATS = ['text', 'markdown', 'json'] as const;

/** `preflight`: the guide's checklist answered per agent; a report, not a gate, so it exits 0 whatever it finds. */
export async function runPreflight(dir: string, values: Options, io: CliIO, listing?: PendingListing): Promise<number> {
  const format = choose(values.format, PREFLIGHT_FORMATS, '--format', 'text');
  for (const flag of ['fail-on', 'min-confidence', 'base', 'within'] as const)
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not go with preflight, which is a report and never fails`);
  const preflight = toPreflight(await evaluate(dir, values, io, listing, 'check', 'never'));
  const report =
    format === 'json'
      ? renderPreflightJson(preflight)
      : format === 'markdown'
        ? renderPreflightMarkdown(preflight)
        : renderPreflightText(preflight);
  emit(report, values.output, io, dir);
  return 0;
}
