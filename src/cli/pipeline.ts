import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { ParsedArgs, Values } from './options.js';
import { BaseUnavailableError, check, type BaseRevision, type CheckRequest } from '../engine/check.js';
import type { CheckResult } from '../engine/result.js';
import { toIsoDay } from '../exceptions/dates.js';
import { TOOL_NAME } from '../meta.js';
import { toPolicyLocation, type PolicyLocation } from '../policy/location.js';
import { OutputError, reportPathProblem, writeReportFile } from '../io/output-file.js';
import { RULE_METAS } from '../rules/index.js';
import {
  loadRepository,
  loadRepositoryAt,
  locateCheckout,
  readExternalPolicy,
  remotePolicyReader,
  workTreePolicyReader,
  type RepositoryFiles,
} from '../io/repository.js';
import { startAgentListing } from '../sources/candidates.js';

// What the commands share: the pipeline as the CLI feeds it, option values checked, reports planned and written.

export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

/** Each report a run writes: a format, and a file or (undefined) standard output. */
type Reports = ParsedArgs['reports'];

export function choose<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** The one pipeline, as the CLI feeds it: the work tree (or `files`), and with `--base` the revision whose policy is in force. */
export async function evaluate(
  dir: string,
  values: Values,
  io: CliIO,
  request: Pick<CheckRequest, 'mode' | 'failOn' | 'adjust' | 'select' | 'fixes'>,
  files?: () => Promise<RepositoryFiles>,
): Promise<CheckResult> {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`no such directory: ${dir}`);
  if (!stats.isDirectory()) throw new UsageError(`not a directory: ${dir} (review, fix and preflight take the repository's folder)`);
  // git lists the agent files while the policy loads.
  const listing = files ? undefined : startAgentListing(dir);
  // A folder of a repository is checked as part of it: the policy is the repository's, paths are repository-relative.
  const { root } = locateCheckout(dir);
  let policy: PolicyLocation | undefined;
  if (values.policy !== undefined) {
    const location = toPolicyLocation(values.policy, root, io.cwd, true);
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
      readPolicy: workTreePolicyReader(root),
      files: files ?? (() => loadRepository(dir, listing)),
      readExternal: readExternalPolicy,
      readRemote: remotePolicyReader({
        token: io.env.GITHUB_TOKEN,
        apiUrl: io.env.GITHUB_API_URL,
        log: (m) => io.stderr(`${TOOL_NAME}: ${m}\n`),
      }),
      ...(base ? { base } : {}),
      today: toIsoDay(io.now()),
      ...request,
      repository: values.repository ?? basename(root),
    });
  } catch (error) {
    if (error instanceof BaseUnavailableError)
      throw new RunError(`--base: ${error.message}; the policy in force there is unknown, so nothing was checked`);
    throw error;
  }
}

/** Every report's format checked, and every --output path refused before the run when it cannot be written. */
export function planReports<T extends string>(
  reports: Reports,
  allowed: readonly T[],
  io: CliIO,
  dir: string,
): { format: T; output?: string }[] {
  return reports.map((r) => {
    const format = choose(r.format, allowed, '--format', allowed[0]!);
    if (r.output === undefined) return { format };
    const output = resolve(io.cwd, r.output);
    const problem = reportPathProblem(output, locateCheckout(dir).root);
    if (problem !== undefined) throw new UsageError(`--output ${r.output}: ${problem}`);
    return { format, output };
  });
}

/** Standard output, or a file written so that no link redirects it (inside the checked folder none may be on the way). */
export function emit(report: string, output: string | undefined, io: CliIO, dir: string): void {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  try {
    writeReportFile(output, report, locateCheckout(dir).root);
  } catch (error) {
    if (error instanceof OutputError) throw new RunError(`--output: ${error.message}`);
    throw error;
  }
}

/** `--rule`, repeated or comma-separated, as a set of known rule ids. */
export function toRuleSet(given: readonly string[] | undefined): Set<string> | undefined {
  if (given === undefined) return undefined;
  const ids = given.flatMap((g) => g.split(',')).map((id) => id.trim());
  const known = new Set(RULE_METAS.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0 || ids.length === 0)
    throw new UsageError(`--rule: unknown rule ${unknown.map((id) => `"${id}"`).join(', ')}; the rules are ${[...known].join(', ')}`);
  return new Set(ids);
}
