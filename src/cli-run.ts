import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareWithBase, countedFindings, snapshotOf, type BaseSnapshot } from './engine/baseline.js';
import { failsAt, lint, type LintResult } from './engine/lint.js';
import { toIsoDay } from './exceptions/dates.js';
import { renderInitialPolicy } from './init-policy.js';
import { TOOL_NAME, TOOL_VERSION } from './meta.js';
import { PolicyLoadError, type ResolvedPolicy } from './policy/load.js';
import { renderGithub } from './report/github.js';
import { renderJson } from './report/json.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText, reviewFails } from './report/review.js';
import { renderRuleList } from './report/rule-list.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { loadPolicy, loadPolicyAt, loadRepository, loadRepositoryAt, type PolicyEnvironment } from './repository.js';

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  review [DIR]  the exception register: every exception, its owner, expiry and status
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml
  rules         list the rules with their docs links

Options:
  --policy FILE                         policy file, or owner/repo/path@ref (default: .github/agent-policy.yml,
                                        .agent-policy.yml, or the embedded default)
  --format text|json|sarif|github       output format (check; default: text)
  --format text|json|sarif|markdown     output format (review; default: text)
  --output FILE                         write the report to FILE instead of standard output
  --fail-on error|warning|notice|never  lowest level that makes the exit code 1 (check; default: error)
  --base REV                            compare with the repository at REV: only new and updated findings fail
  --within DAYS                         review: report exceptions expiring within DAYS (default: the policy's)
  --help, --version

Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref).
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (review: an exception expired or
invalid), 2 usage error, invalid policy or internal error.
`;

const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const REVIEW_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The clock, read once per run. */
  now: () => Date;
}

interface Options {
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

/** Runs the CLI and returns the exit code; all I/O goes through `io` and the file system. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        base: { type: 'string' },
        within: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    if (rest.length > 1) throw new UsageError(`${command} takes at most one directory (got ${rest.join(' ')})`);
    const dir = resolve(io.cwd, rest[0] ?? '.');
    switch (command) {
      case 'check':
        return await runCheck(dir, values, io);
      case 'review':
        return await runReview(dir, values, io);
      case 'init':
        return runInit(dir, values.force === true, io);
      case 'rules':
        io.stdout(renderRuleList());
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PolicyLoadError) {
      io.stderr(`${error.message}\n${TOOL_NAME}: invalid policy; nothing was checked.\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

const policyEnv = (io: CliIO): PolicyEnvironment => ({
  cwd: io.cwd,
  token: io.env.GITHUB_TOKEN,
  apiUrl: io.env.GITHUB_API_URL,
  log: (m) => io.stderr(`${TOOL_NAME}: ${m}\n`),
});

/** Checks the work tree; with `base`, also the repository at that revision, to tell new findings from old. */
async function evaluate(dir: string, values: Options, io: CliIO, adjust: (p: ResolvedPolicy) => ResolvedPolicy = (p) => p): Promise<LintResult> {
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${dir}`);
  const env = policyEnv(io);
  const today = toIsoDay(io.now());
  const policy = adjust(await loadPolicy(dir, values.policy, env));
  // The base is checked first and kept only as what the comparison needs, so two checks never share the heap.
  const base = values.base === undefined ? undefined : await baseSnapshot(dir, values.base, values.policy, env, today, io, adjust);
  const result = lint({ ...loadRepository(dir), policy, today });
  return values.base === undefined ? result : { ...result, baseline: compareWithBase(result, base, values.base) };
}

/** The check at a base revision, reduced to what a comparison needs; undefined (and a note) when it cannot run. */
async function baseSnapshot(dir: string, rev: string, policyArg: string | undefined, env: PolicyEnvironment, today: string, io: CliIO, adjust: (p: ResolvedPolicy) => ResolvedPolicy): Promise<BaseSnapshot | undefined> {
  const at = loadRepositoryAt(dir, rev);
  if (!at.ok) {
    io.stderr(`${TOOL_NAME}: ${at.reason}; every finding counts as new.\n`);
    return undefined;
  }
  let basePolicy: ResolvedPolicy;
  try {
    basePolicy = adjust(await loadPolicyAt(dir, policyArg, env, at.readText));
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    io.stderr(`${TOOL_NAME}: the policy at ${rev} is invalid (${error.errors[0]?.message ?? ''}); every finding counts as new.\n`);
    return undefined;
  }
  return snapshotOf(lint({ ...at.repo, policy: basePolicy, today }));
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

async function runCheck(dir: string, values: Options, io: CliIO): Promise<number> {
  const format = choose(values.format, CHECK_FORMATS, '--format', 'text');
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  if (values.within !== undefined) throw new UsageError('--within goes with review');
  const result = await evaluate(dir, values, io);
  const failed = failsAt(countedFindings(result), failOn);
  const color = (io.isTTY && values.output === undefined && !io.env.NO_COLOR && io.env.TERM !== 'dumb') || Boolean(io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
  const report =
    format === 'json' ? renderJson(result, failOn, failed) : format === 'sarif' ? renderSarif(result) : format === 'github' ? renderGithub(result) : renderText(result, { color });
  emit(report, values.output, io);
  return failed ? 1 : 0;
}

async function runReview(dir: string, values: Options, io: CliIO): Promise<number> {
  const format = choose(values.format, REVIEW_FORMATS, '--format', 'text');
  if (values['fail-on'] !== undefined) throw new UsageError('--fail-on goes with check; review exits 1 when an exception is expired or invalid');
  let within: number | undefined;
  if (values.within !== undefined) {
    within = Number(values.within);
    if (!Number.isInteger(within) || within < 0) throw new UsageError(`--within takes a whole number of days (got "${values.within}")`);
  }
  const adjust = (p: ResolvedPolicy): ResolvedPolicy => (within === undefined ? p : { ...p, settings: { ...p.settings, 'expiry-warning-days': within } });
  const result = await evaluate(dir, values, io, adjust);
  const register: LintResult = { ...result, findings: result.findings.filter((f) => f.ruleId.startsWith('exception-')), suppressed: [] };
  const report =
    format === 'json' ? renderReviewJson(result) : format === 'markdown' ? renderReviewMarkdown(result) : format === 'sarif' ? renderSarif(register) : renderReviewText(result);
  emit(report, values.output, io);
  return reviewFails(result) ? 1 : 0;
}

function runInit(dir: string, force: boolean, io: CliIO): number {
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
