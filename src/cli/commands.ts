import { lstatSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { ParsedArgs, Values } from './options.js';
import { toCheckTarget } from './paths.js';
import { locateCheckout } from '../io/repository.js';
import { choose, emit, evaluate, FAIL_ON, planReports, toRuleSet } from './pipeline.js';
import { CONFIDENCES, type Finding, type Level } from '../core/types.js';
import { isExceptionFinding, selectFindings, toCheckResult } from '../engine/outcome.js';
import type { CheckResult } from '../engine/result.js';
import { renderInitialPolicy } from './init-policy.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { POLICY_LOCATIONS } from '../policy/find.js';
import type { ResolvedPolicy } from '../policy/load.js';
import { OutputError, writeReportFile } from '../io/output-file.js';
import { renderGithub } from '../report/github.js';
import { renderJson } from '../report/json.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText } from '../report/review.js';
import { renderRuleList, renderRuleListJson, rulesCatalogueVersion } from '../report/rule-list.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { RULE_METAS } from '../rules/index.js';

// The CLI's commands; `run` parses the arguments and loads this module only when a command needs it.

const CHECK_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
const REVIEW_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
const RULES_FORMATS = ['text', 'json'] as const;

/** `--version`: the tool's version and the rules catalogue's, which together say how files are judged. */
export const versionText = (): string =>
  `${TOOL_NAME} ${TOOL_VERSION} (rules catalogue ${rulesCatalogueVersion()}, ${RULE_METAS.length} rules)\n`;

/** Runs the command the command line names. */
export async function runCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  // Every command but check (its PATHs) and rules takes one folder, the current one by default.
  const dir = resolve(io.cwd, args.positionals[0] ?? '.');
  switch (args.command) {
    case 'check':
      return runCheck(args, io);
    case 'fix':
      return (await import('./fix.js')).runFix(dir, args.values, io);
    case 'preflight':
      return (await import('./preflight.js')).runPreflight(dir, args, io);
    case 'review':
      return runReview(dir, args, io);
    case 'init':
      if (args.values.agent !== undefined)
        return (await import('./init-agent.js')).runInitAgent(dir, args.values.agent, args.values.force === true, io);
      return runInit(dir, args.values.force === true, io);
    case 'rules':
      return runRules(args, io);
    case undefined:
      throw new UsageError('no command given');
  }
}

/** Whether text output is coloured: on a terminal, unless NO_COLOR, FORCE_COLOR=0, TERM=dumb or --no-color say otherwise. */
function wantsColor(values: Values, io: CliIO, toFile: boolean): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY && !toFile && io.env.TERM !== 'dumb';
}

async function runCheck({ positionals, values, reports }: ParsedArgs, io: CliIO): Promise<number> {
  const target = toCheckTarget(positionals, io.cwd);
  const plan = planReports(reports, CHECK_FORMATS, io, target.root);
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  const maxWarnings = values['max-warnings'] === undefined ? undefined : toCount(values['max-warnings'], '--max-warnings');
  const rules = toRuleSet(values.rule);
  // Like --fail-on, the caller's own choice for this run; the action has no such input, so there the policy decides.
  const minimum =
    values['min-confidence'] === undefined ? undefined : choose(values['min-confidence'], CONFIDENCES, '--min-confidence', 'high');
  const adjust =
    minimum === undefined
      ? undefined
      : (p: ResolvedPolicy): ResolvedPolicy => ({ ...p, settings: { ...p.settings, 'guidance-min-confidence': minimum } });
  const { includes } = target;
  if (values.fix && values.base !== undefined)
    throw new UsageError('--fix does not go with --base: a check against a base judges what is committed, and fixes are not');
  // --fix: the safe fixes first (said on stderr, so that the report alone is on stdout), within the PATHs given.
  if (values.fix) await (await import('./fix.js')).applyFixesBeforeCheck(target.root, values, io, includes);
  // One folder (`check packages/web`) is read as that part of the repository, which scopes its exceptions too;
  // other PATHs narrow the report, keeping what it says about the policy's exceptions.
  const narrow = target.folder === undefined ? includes : undefined;
  const select =
    rules === undefined && narrow === undefined
      ? undefined
      : {
          finding: (f: Finding): boolean =>
            (rules === undefined || rules.has(f.ruleId)) && (narrow === undefined || narrow(f.file) || isExceptionFinding(f)),
          ...(narrow ? { file: narrow } : {}),
        };
  const result = await evaluate(target.folder ?? target.root, values, io, {
    mode: 'check',
    failOn,
    ...(adjust ? { adjust } : {}),
    ...(select ? { select } : {}),
    // Of the reports only SARIF carries the fixes.
    fixes: plan.some((p) => p.format === 'sarif'),
  });
  // --quiet shows errors only; the exit code still counts everything, as ESLint's does.
  const shown = values.quiet ? { ...quietResult(result, failOn), outcome: result.outcome } : result;
  for (const { format, output } of plan) {
    const report =
      format === 'json'
        ? renderJson(shown)
        : format === 'sarif'
          ? renderSarif(shown)
          : format === 'github'
            ? renderGithub(shown)
            : format === 'markdown'
              ? renderSummary(shown, { fullReport: '`agent-policy check --format json`' })
              : renderText(shown, { color: wantsColor(values, io, output !== undefined) });
    emit(report, output, io, target.root);
  }
  const warnings = result.counts.byLevel.warning;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`${TOOL_NAME}: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows.\n`);
    return 1;
  }
  return result.outcome.failed ? 1 : 0;
}

/** The result with errors only, counted again (the outcome is the caller's to keep). */
const quietResult = (result: CheckResult, failOn: Level | 'never'): CheckResult =>
  toCheckResult(
    selectFindings(result, (f) => f.level === 'error'),
    { failOn, mode: 'check' },
  );

const toCount = (value: string, flag: string): number => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, 0 or more (got "${value}")`);
  return Number(value);
};

async function runReview(dir: string, { values, reports }: ParsedArgs, io: CliIO): Promise<number> {
  const plan = planReports(reports, REVIEW_FORMATS, io, dir);
  const within = values.within === undefined ? undefined : toCount(values.within, '--within');
  const adjust = (p: ResolvedPolicy): ResolvedPolicy =>
    within === undefined ? p : { ...p, settings: { ...p.settings, 'expiry-warning-days': within } };
  const result = await evaluate(dir, values, io, {
    mode: 'review',
    failOn: 'error',
    adjust,
    fixes: plan.some((p) => p.format === 'sarif'),
  });
  for (const { format, output } of plan) {
    const report =
      format === 'json'
        ? renderReviewJson(result)
        : format === 'markdown'
          ? renderReviewMarkdown(result)
          : format === 'sarif'
            ? renderSarif(result, 'exceptions')
            : renderReviewText(result);
    emit(report, output, io, dir);
  }
  return result.outcome.failed ? 1 : 0;
}

function runRules({ reports }: ParsedArgs, io: CliIO): number {
  for (const { format, output } of planReports(reports, RULES_FORMATS, io, io.cwd))
    emit(format === 'json' ? renderRuleListJson() : renderRuleList(), output, io, io.cwd);
  return 0;
}

export function runInit(dir: string, force: boolean, io: CliIO): number {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) throw new UsageError(`init takes the repository's folder; ${dir} is not a folder`);
  // The policy is read from the top of the repository only (a nested one is ignored): one written in a folder would not apply.
  const { root, scope } = locateCheckout(dir);
  if (scope !== '')
    throw new UsageError(`${scope} is a folder of the repository at ${root}, whose one policy is read from its top; run init there`);
  const target = join(dir, '.github', 'agent-policy.yml');
  if (lstatSync(target, { throwIfNoEntry: false }) && !force) {
    io.stderr(`${TOOL_NAME}: ${target} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  // Never through a link the repository commits (.github -> elsewhere, or the file itself).
  try {
    writeReportFile(target, renderInitialPolicy(), dir);
  } catch (error) {
    if (error instanceof OutputError) throw new RunError(`init: ${error.message}`);
    throw error;
  }
  io.stdout(`Wrote ${target}\n`);
  const others = POLICY_LOCATIONS.filter((p) => p !== '.github/agent-policy.yml' && lstatSync(join(dir, p), { throwIfNoEntry: false }));
  if (others.length > 0)
    io.stderr(
      `${TOOL_NAME}: warning: ${others.join(' and ')} also exist${others.length === 1 ? 's' : ''}; a repository may have one policy file, so check fails until ${others.length === 1 ? 'it is' : 'they are'} removed.\n`,
    );
  return 0;
}
