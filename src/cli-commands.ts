import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './cli-errors.js';
import type { CliIO } from './cli-run.js';
import { checkBase, compareWithBase, countedFindings, sameRules, type AgentFilesAt } from './engine/baseline.js';
import { failsAt, lint, type LintResult } from './engine/lint.js';
import { toIsoDay } from './exceptions/dates.js';
import { renderInitialPolicy } from './init-policy.js';
import { TOOL_NAME } from './meta.js';
import { PolicyLoadError, type ResolvedPolicy } from './policy/load.js';
import { renderGithub } from './report/github.js';
import { renderJson } from './report/json.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText, reviewFails } from './report/review.js';
import { renderRuleList } from './report/rule-list.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { loadPolicy, loadPolicyAt, loadRepository, loadRepositoryAt, type PolicyEnvironment } from './repository.js';
import type { PendingListing } from './sources/discover.js';

// The CLI's commands; `cli-run` parses the arguments and loads this module only when a command needs it.

const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const REVIEW_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

export interface Options {
  policy?: string;
  format?: string;
  output?: string;
  'fail-on'?: string;
  base?: string;
  within?: string;
}

function choose<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** `rules`: every rule with its docs link. */
export const ruleList = (): string => renderRuleList();

const policyEnv = (io: CliIO): PolicyEnvironment => ({
  cwd: io.cwd,
  token: io.env.GITHUB_TOKEN,
  apiUrl: io.env.GITHUB_API_URL,
  log: (m) => io.stderr(`${TOOL_NAME}: ${m}\n`),
});

/** Checks the work tree; with `base`, also the repository at that revision, to tell new findings from old. */
async function evaluate(dir: string, values: Options, io: CliIO, listing: PendingListing | undefined, adjust: (p: ResolvedPolicy) => ResolvedPolicy = (p) => p): Promise<LintResult> {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`no such directory: ${dir}`);
  if (!stats.isDirectory()) throw new UsageError(`not a directory: ${dir} (check and review take the repository's folder)`);
  const env = policyEnv(io);
  const today = toIsoDay(io.now());
  const policy = adjust(await loadPolicy(dir, values.policy, env));
  if (values.base === undefined) return lint({ ...(await loadRepository(dir, listing)), policy, today });
  const at = await baseRevision(dir, values.base, values.policy, env, io, adjust);
  // Under the same rules the head goes first and the base takes its findings for the folders that did not
  // change. Otherwise the base goes first and is kept only as what the comparison needs: the two whole
  // checks never share the heap.
  let base = at && !sameRules(at.policy, policy) ? checkBase(at.files, at.policy, today) : undefined;
  const repo = await loadRepository(dir, listing);
  const result = lint({ ...repo, policy, today });
  if (at && base === undefined) base = checkBase(at.files, at.policy, today, { ...repo, result });
  return { ...result, baseline: compareWithBase(result, base, values.base) };
}

/** The agent files and the policy at a base revision; undefined (and a note) when they cannot be had. */
async function baseRevision(dir: string, rev: string, policyArg: string | undefined, env: PolicyEnvironment, io: CliIO, adjust: (p: ResolvedPolicy) => ResolvedPolicy): Promise<{ files: AgentFilesAt; policy: ResolvedPolicy } | undefined> {
  const at = loadRepositoryAt(dir, rev);
  if (!at.ok) {
    io.stderr(`${TOOL_NAME}: ${at.reason}; every finding counts as new.\n`);
    return undefined;
  }
  try {
    return { files: at.files, policy: adjust(await loadPolicyAt(dir, policyArg, env, at.readText)) };
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    io.stderr(`${TOOL_NAME}: the policy at ${rev} is invalid (${error.errors[0]?.message ?? ''}); every finding counts as new.\n`);
    return undefined;
  }
}

function emit(report: string, output: string | undefined, io: CliIO): void {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  const target = resolve(io.cwd, output);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, report);
}

export async function runCheck(dir: string, values: Options, io: CliIO, listing?: PendingListing): Promise<number> {
  const format = choose(values.format, CHECK_FORMATS, '--format', 'text');
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  if (values.within !== undefined) throw new UsageError('--within goes with review');
  const result = await evaluate(dir, values, io, listing);
  const failed = failsAt(countedFindings(result), failOn);
  const color = (io.isTTY && values.output === undefined && !io.env.NO_COLOR && io.env.TERM !== 'dumb') || Boolean(io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
  const report =
    format === 'json' ? renderJson(result, failOn, failed) : format === 'sarif' ? renderSarif(result) : format === 'github' ? renderGithub(result) : renderText(result, { color });
  emit(report, values.output, io);
  return failed ? 1 : 0;
}

export async function runReview(dir: string, values: Options, io: CliIO, listing?: PendingListing): Promise<number> {
  const format = choose(values.format, REVIEW_FORMATS, '--format', 'text');
  if (values['fail-on'] !== undefined) throw new UsageError('--fail-on goes with check; review exits 1 when an exception is expired or invalid');
  let within: number | undefined;
  if (values.within !== undefined) {
    within = Number(values.within);
    if (!Number.isInteger(within) || within < 0) throw new UsageError(`--within takes a whole number of days (got "${values.within}")`);
  }
  const adjust = (p: ResolvedPolicy): ResolvedPolicy => (within === undefined ? p : { ...p, settings: { ...p.settings, 'expiry-warning-days': within } });
  const result = await evaluate(dir, values, io, listing, adjust);
  const register: LintResult = { ...result, findings: result.findings.filter((f) => f.ruleId.startsWith('exception-')), suppressed: [] };
  const report =
    format === 'json' ? renderReviewJson(result) : format === 'markdown' ? renderReviewMarkdown(result) : format === 'sarif' ? renderSarif(register) : renderReviewText(result);
  emit(report, values.output, io);
  return reviewFails(result) ? 1 : 0;
}

export function runInit(dir: string, force: boolean, io: CliIO): number {
  const target = join(dir, '.github', 'agent-policy.yml');
  if (existsSync(target) && !force) {
    io.stderr(`${TOOL_NAME}: ${target} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderInitialPolicy());
  io.stdout(`Wrote ${target}\n`);
  return 0;
}
