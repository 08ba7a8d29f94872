import { lstatSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { CONFIDENCES, type Level } from '../core/types.js';
import { BaseUnavailableError, check, type BaseRevision } from '../engine/check.js';
import type { CheckResult } from '../engine/result.js';
import { toIsoDay } from '../exceptions/dates.js';
import { renderInitialPolicy } from './init-policy.js';
import { TOOL_NAME } from '../meta.js';
import type { ResolvedPolicy } from '../policy/load.js';
import { toPolicyLocation, type PolicyLocation } from '../policy/location.js';
import { OutputError, writeReportFile } from '../io/output-file.js';
import { renderGithub } from '../report/github.js';
import { renderJson } from '../report/json.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText } from '../report/review.js';
import { renderRuleList } from '../report/rule-list.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import {
  loadRepository,
  loadRepositoryAt,
  readExternalPolicy,
  remotePolicyReader,
  workTreePolicyReader,
  type RepositoryFiles,
} from '../io/repository.js';
import type { PendingListing } from '../sources/discover.js';

// The CLI's commands; `cli-run` parses the arguments and loads this module only when a command needs it.

const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const REVIEW_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

export interface Options {
  policy?: string;
  'dry-run'?: boolean;
  rule?: string[];
  path?: string[];
  format?: string;
  output?: string;
  'fail-on'?: string;
  'min-confidence'?: string;
  base?: string;
  within?: string;
  repository?: string;
}

export function choose<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** `rules`: every rule with its docs link. */
export const ruleList = (): string => renderRuleList();

/** The one pipeline, as the CLI feeds it: the work tree (or `files`), and with `--base` the revision whose policy is in force. */
export async function evaluate(
  dir: string,
  values: Options,
  io: CliIO,
  listing: PendingListing | undefined,
  mode: 'check' | 'review',
  failOn: Level | 'never',
  adjust?: (p: ResolvedPolicy) => ResolvedPolicy,
  files: () => Promise<RepositoryFiles> = () => loadRepository(dir, listing),
): Promise<CheckResult> {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`no such directory: ${dir}`);
  if (!stats.isDirectory()) throw new UsageError(`not a directory: ${dir} (check, review and preflight take the repository's folder)`);
  let policy: PolicyLocation | undefined;
  if (values.policy !== undefined) {
    const location = toPolicyLocation(values.policy, dir, io.cwd, true);
    if (typeof location === 'string') throw new UsageError(`--policy: ${location}`);
    policy = location;
  }
  let base: BaseRevision | undefined;
  if (values.base !== undefined) {
    const at = loadRepositoryAt(dir, values.base);
    base = { rev: values.base, tree: at.ok ? { files: at.files, readPolicy: at.readText } : { unavailable: at.reason } };
  }
  try {
    return await check({
      policy,
      readPolicy: workTreePolicyReader(dir),
      files,
      readExternal: readExternalPolicy,
      readRemote: remotePolicyReader({
        token: io.env.GITHUB_TOKEN,
        apiUrl: io.env.GITHUB_API_URL,
        log: (m) => io.stderr(`${TOOL_NAME}: ${m}\n`),
      }),
      ...(base ? { base } : {}),
      today: toIsoDay(io.now()),
      failOn,
      mode,
      ...(adjust ? { adjust } : {}),
      repository: values.repository ?? basename(dir),
    });
  } catch (error) {
    if (error instanceof BaseUnavailableError)
      throw new RunError(`--base: ${error.message}; the policy in force there is unknown, so nothing was checked`);
    if (error instanceof OutputError) throw new RunError(`--output: ${error.message}`);
    throw error;
  }
}

/** Standard output, or a file written so that no link redirects it (inside the checked folder none may be on the way). */
export function emit(report: string, output: string | undefined, io: CliIO, dir: string): void {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  try {
    writeReportFile(resolve(io.cwd, output), report, dir);
  } catch (error) {
    if (error instanceof OutputError) throw new RunError(`--output: ${error.message}`);
    throw error;
  }
}

export async function runCheck(dir: string, values: Options, io: CliIO, listing?: PendingListing): Promise<number> {
  const format = choose(values.format, CHECK_FORMATS, '--format', 'text');
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  if (values.within !== undefined) throw new UsageError('--within goes with review');
  // Like --fail-on, the caller's own choice for this run; the action has no such input, so there the policy decides.
  const minimum =
    values['min-confidence'] === undefined ? undefined : choose(values['min-confidence'], CONFIDENCES, '--min-confidence', 'high');
  const adjust =
    minimum === undefined
      ? undefined
      : (p: ResolvedPolicy): ResolvedPolicy => ({ ...p, settings: { ...p.settings, 'guidance-min-confidence': minimum } });
  const result = await evaluate(dir, values, io, listing, 'check', failOn, adjust);
  const color =
    (io.isTTY && values.output === undefined && !io.env.NO_COLOR && io.env.TERM !== 'dumb') ||
    Boolean(io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
  const report =
    format === 'json'
      ? renderJson(result)
      : format === 'sarif'
        ? renderSarif(result)
        : format === 'github'
          ? renderGithub(result)
          : renderText(result, { color });
  emit(report, values.output, io, dir);
  return result.outcome.failed ? 1 : 0;
}

export async function runReview(dir: string, values: Options, io: CliIO, listing?: PendingListing): Promise<number> {
  const format = choose(values.format, REVIEW_FORMATS, '--format', 'text');
  if (values['fail-on'] !== undefined)
    throw new UsageError('--fail-on goes with check; review exits 1 when an exception is expired or invalid');
  if (values['min-confidence'] !== undefined) throw new UsageError('--min-confidence goes with check');
  let within: number | undefined;
  if (values.within !== undefined) {
    within = Number(values.within);
    if (!Number.isInteger(within) || within < 0) throw new UsageError(`--within takes a whole number of days (got "${values.within}")`);
  }
  const adjust = (p: ResolvedPolicy): ResolvedPolicy =>
    within === undefined ? p : { ...p, settings: { ...p.settings, 'expiry-warning-days': within } };
  const result = await evaluate(dir, values, io, listing, 'review', 'error', adjust);
  const report =
    format === 'json'
      ? renderReviewJson(result)
      : format === 'markdown'
        ? renderReviewMarkdown(result)
        : format === 'sarif'
          ? renderSarif(result, 'exceptions')
          : renderReviewText(result);
  emit(report, values.output, io, dir);
  return result.outcome.failed ? 1 : 0;
}

export function runInit(dir: string, force: boolean, io: CliIO): number {
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
  return 0;
}
