import type { CliIO } from './io.js';
import { emit, evaluate, planReports } from './pipeline.js';
import type { ParsedArgs } from './options.js';
import { toPreflight } from '../report/preflight.js';
import { renderPreflightJson, renderPreflightMarkdown, renderPreflightText } from '../report/preflight-render.js';

const PREFLIGHT_FORMATS = ['text', 'markdown', 'json'] as const;

/** `preflight`: the guide's checklist answered per agent; a report, not a gate, so it exits 0 whatever it finds. */
export async function runPreflight(dir: string, { values, reports }: ParsedArgs, io: CliIO): Promise<number> {
  const plan = planReports(reports, PREFLIGHT_FORMATS, io, dir);
  const preflight = toPreflight(await evaluate(dir, values, io, { mode: 'check', failOn: 'never', fixes: false }));
  for (const { format, output } of plan) {
    const report =
      format === 'json'
        ? renderPreflightJson(preflight)
        : format === 'markdown'
          ? renderPreflightMarkdown(preflight)
          : renderPreflightText(preflight);
    emit(report, output, io, dir);
  }
  return 0;
}
