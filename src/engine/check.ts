import type { Finding, Level } from '../core/types.js';
import { PolicyLoadError } from '../policy/errors.js';
import { findPolicy, remotesOf, type PolicyReaders } from '../policy/find.js';
import { resolveBuiltin, type ResolvedPolicy } from '../policy/load.js';
import type { PolicyLocation } from '../policy/location.js';
import type { RepositoryFiles } from '../io/repository.js';
import { checkBase, compareWithBase, type AgentFilesAt } from './baseline.js';
import { lint } from './lint.js';
import { selectFindings, toCheckResult as toFullResult, type Judgement } from './outcome.js';
import { comparePolicies, sameParents, unloadableHead, type ChangedExceptions } from './policy-changes.js';
import type { CheckResult, LintResult, PolicyChanges } from './result.js';

/** The repository's name for `lint`, when the entry point gave one. */
const named = (request: CheckRequest): { repository?: string; fixes?: boolean } => ({
  ...(request.repository ? { repository: request.repository } : {}),
  ...(request.fixes === false ? { fixes: false } : {}),
});

/** A base revision whose policy is the one in force; `tree` is undefined when it could not be read. */
export interface BaseRevision {
  rev: string;
  tree: { files: AgentFilesAt; readPolicy: (path: string) => string | undefined } | { unavailable: string };
}

export interface CheckRequest {
  /** The policy trusted configuration names (`--policy`, the action's `policy` input); else the repository's own. */
  policy: PolicyLocation | undefined;
  /** How the work tree's policy files are read. */
  readPolicy: (path: string) => string | undefined;
  /** The work tree's agent files (git may still be listing them while the policy loads). */
  files: () => Promise<RepositoryFiles>;
  readExternal: PolicyReaders['external'];
  readRemote: PolicyReaders['remote'];
  /** With a base revision the rules, settings and exceptions in force are the base's (a pull request cannot weaken them). */
  base?: BaseRevision;
  today: string;
  failOn: Level | 'never';
  /** Whether exceptions the change adds or changes apply to its own check (default: they do not). */
  changedExceptions?: ChangedExceptions;
  /** When the base cannot be read: fail (default), or check everything under the embedded `strict` policy. */
  baseUnavailable?: 'fail' | 'strict';
  mode?: 'check' | 'review';
  /** Changes the policy in force before it applies (the review's `--within`). */
  adjust?: (policy: ResolvedPolicy) => ResolvedPolicy;
  /** The checked repository's name, as the entry point knows it (folder name, `GITHUB_REPOSITORY`). */
  repository?: string;
  /** Whether findings carry their safe fixes (SARIF, `fix` and pull-request suggestions use them); default on. */
  fixes?: boolean;
  /** Narrows what the run reports and judges (the CLI's `--rule` and paths); everything is still checked. */
  select?: { finding: (f: Finding) => boolean; file?: (path: string) => boolean };
}

/** The base revision could not be read, so the policy in force is unknown: the check fails closed. */
export class BaseUnavailableError extends Error {}

/** How the check is judged: as asked, and failed by a changed policy that is invalid. */
const judgementOf = (request: CheckRequest, changes: PolicyChanges | undefined): Judgement => ({
  failOn: request.failOn,
  mode: request.mode ?? 'check',
  reasons: changes?.headInvalid ? ['the policy as changed is invalid'] : [],
});

/** How one side reads policies: its repository files through `repo`, remote policies only as `trustedRemotes` allows. */
const readersOf = (request: CheckRequest, repo: PolicyReaders['repo'], trustedRemotes: PolicyReaders['trustedRemotes']): PolicyReaders => ({
  repo,
  external: request.readExternal,
  remote: request.readRemote,
  trustedRemotes,
});

/** The policy in force at the base, with every policy error marked as the base's. */
async function basePolicy(
  request: CheckRequest,
  base: BaseRevision & { tree: { readPolicy: (path: string) => string | undefined } },
): Promise<ResolvedPolicy> {
  try {
    return await findPolicy(request.policy, readersOf(request, base.tree.readPolicy, 'all'));
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    throw new PolicyLoadError(error.errors.map((e) => ({ ...e, message: `${e.message} (in the policy in force at ${base.rev})` })));
  }
}

/**
 * The one pipeline of the CLI and the action. Without a base, the work tree is checked under its own policy.
 * With one, the policy in force is the base's whole chain — rules, settings and exceptions — read from git
 * objects (and remote policies it names); the work tree's policy is loaded only to report what it changes,
 * and may read no remote policy the base does not. Exceptions it adds or changes do not apply unless
 * `changedExceptions` is `apply` and it extends what the base extends. A base that cannot be read fails the
 * check, or with `baseUnavailable: strict` checks everything as new under the embedded strict policy.
 */
export async function check(request: CheckRequest): Promise<CheckResult> {
  const { select } = request;
  const toCheckResult: typeof toFullResult = (result, judgement) =>
    toFullResult(select ? selectFindings(result, select.finding, select.file) : result, judgement);
  const adjust = request.adjust ?? ((p: ResolvedPolicy) => p);
  const { base } = request;
  if (!base) {
    const policy = adjust(await findPolicy(request.policy, readersOf(request, request.readPolicy, 'all')));
    const result = lint({ ...(await request.files()), policy, today: request.today, ...named(request) });
    return toCheckResult(result, judgementOf(request, undefined));
  }
  if ('unavailable' in base.tree) {
    if (request.baseUnavailable !== 'strict') throw new BaseUnavailableError(base.tree.unavailable);
    const policy = adjust(resolveBuiltin('strict'));
    const linted = lint({ ...(await request.files()), policy, today: request.today, ...named(request) });
    const result = { ...linted, baseline: compareWithBase(linted, undefined, base.rev) };
    return { ...toCheckResult(result, judgementOf(request, undefined)), baseUnavailable: base.tree.unavailable };
  }
  const tree = base.tree;
  const inForce = adjust(await basePolicy(request, { ...base, tree }));
  let head: ResolvedPolicy | undefined;
  let headErrors: PolicyLoadError | undefined;
  try {
    head = adjust(await findPolicy(request.policy, readersOf(request, request.readPolicy, remotesOf(inForce))));
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    headErrors = error;
  }
  const apply = request.changedExceptions === 'apply' && head !== undefined && sameParents(inForce, head);
  const policy = apply ? { ...inForce, exceptions: head!.exceptions } : inForce;

  const repo = await request.files();
  const linted = lint({ ...repo, policy, today: request.today, ...named(request) });
  // Both sides are judged by the same policy, so the base takes the work tree's findings for folders that did not change.
  const snapshot = checkBase(tree.files, policy, request.today, { ...repo, result: linted }, request.repository);
  const changes: PolicyChanges = {
    rev: base.rev,
    changes: head
      ? comparePolicies({ rev: base.rev, base: inForce, head, active: linted.findings, applied: apply })
      : unloadableHead(headErrors!.errors),
    headInvalid: headErrors?.errors.some((e) => !e.untrusted) === true,
  };
  const exceptions = new Map([...inForce.exceptions, ...(head?.exceptions ?? [])].map((e) => [e.id, e]));
  const exceptionChanges = changes.changes.flatMap((c) =>
    c.exception ? [{ exception: exceptions.get(c.exception.id)!, change: c.exception.change, applied: c.exception.applied }] : [],
  );
  const result: LintResult = { ...linted, baseline: { ...compareWithBase(linted, snapshot, base.rev), exceptionChanges } };
  return toCheckResult({ ...result, policyChanges: changes }, judgementOf(request, changes));
}
