import * as core from '@actions/core';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Finding } from '../core/types.js';
import { BaseUnavailableError, check, type BaseRevision } from '../engine/check.js';
import type { CheckResult } from '../engine/result.js';
import { toIsoDay } from '../exceptions/dates.js';
import { publishAnnotatedCheckRun, type PublishedCheckRun } from '../github/check-run.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { publishStickyComment } from '../github/comment.js';
import { PR_EVENTS, toRunContext, type RunContext } from '../github/context.js';
import { PermissionError } from '../github/errors.js';
import { publishReviewIssue } from '../github/review-issue.js';
import { publishSuggestions, readChangedLines } from '../github/suggestions.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { fetchPolicyFile } from '../github/policy-source.js';
import { PolicyLoadError, PolicyReadError } from '../policy/load.js';
import { toPolicyLocation, type PolicyLocation, type RemoteLocation } from '../policy/location.js';
import { isWithin, OutputError, writeReportFile } from '../io/output-file.js';
import {
  ANNOTATION_LIMIT,
  annotationOptionsOf,
  toCheckAnnotations,
  toWorkflowAnnotations,
  type AnnotationOptions,
} from '../report/annotations.js';
import { toTerminalText } from '../report/escape.js';
import { renderCheckRunTitle, renderFailure } from '../report/conclusion.js';
import { COMMENT_MARKER, renderPrComment } from '../report/pr-comment.js';
import { renderReviewMarkdown } from '../report/review.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { renderFixSection, toSuggestions } from '../report/suggestions.js';
import { loadRepository, loadRepositoryAt, locateCheckout, workTreePolicyReader, type RepositoryAt } from '../io/repository.js';
import { MAX_FILE_BYTES } from '../sources/decode.js';
import { startAgentListing } from '../sources/candidates.js';
import { fetchCommit } from '../sources/fetch.js';

/** What the action reads from the outside world; tests replace parts of it. */
export interface ActionDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  createClient: (token: string, baseUrl: string) => GitHubClient;
}

const defaultDeps = (): ActionDeps => ({
  env: process.env,
  now: () => new Date(),
  // @actions/github's fetch honours the runner's proxy settings (https_proxy, no_proxy).
  createClient: (token, baseUrl) => createGitHubClient({ token, baseUrl, log: (m) => core.info(m), fetch: proxyAwareFetch() }),
});

const CHECK_NAME = 'agent-policy';

const proxyAwareFetch = (): typeof globalThis.fetch | undefined =>
  (actionsDefaults.request as { fetch?: typeof globalThis.fetch } | undefined)?.fetch;

/** Reads the event payload; an absent or broken file means an event without one (e.g. a local run). */
function readPayload(env: NodeJS.ProcessEnv): unknown {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * One warning per missing permission, naming what to add; any other failure to publish (after the client's
 * retries) is one warning too. The run goes on with the sinks it has: publishing never fails the check.
 */
function publishWarner(): (error: unknown, what: string) => void {
  const said = new Set<string>();
  return (error, what) => {
    const key = error instanceof PermissionError ? error.permission : what;
    if (said.has(key)) return;
    said.add(key);
    if (error instanceof PermissionError) {
      core.warning(
        `agent-policy could not ${what}: the token lacks "${error.permission}". Add it to the workflow's permissions: block; findings are still in the annotations and the job summary.`,
      );
    } else
      core.warning(
        `agent-policy could not ${what}: ${error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error)}; findings are still in the annotations and the job summary.`,
      );
  };
}

/**
 * The base commit for a pull request, from the clone or fetched into it (actions/checkout is shallow by
 * default) from the repository's own URL on the server, never from a remote the checkout's config names;
 * nothing configured in the repository runs, and the token stays out of the command line and the config.
 */
function baseTree(dir: string, sha: string, ctx: RunContext, token: string): RepositoryAt {
  const at = loadRepositoryAt(dir, sha);
  if (at.ok) return at;
  const fetched = fetchCommit(dir, { url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`, sha, token });
  if (!fetched.ok) return { ok: false, reason: `${at.reason}, and fetching it failed (${fetched.reason})` };
  return loadRepositoryAt(dir, sha);
}

/** Where the SARIF report goes: the input relative to the workspace, else a file under the runner's temporary folder. */
function sarifTarget(inputs: ActionInputs, ctx: RunContext, env: NodeJS.ProcessEnv): string {
  if (inputs.sarifFile !== '') return resolve(ctx.workspace, inputs.sarifFile);
  return join(env.RUNNER_TEMP || mkdtempSync(join(tmpdir(), 'agent-policy-')), 'agent-policy.sarif');
}

export async function run(overrides: Partial<ActionDeps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const ctx = toRunContext(deps.env, readPayload(deps.env));
    const mode =
      inputs.mode === 'auto' ? (ctx.eventName === 'schedule' || ctx.eventName === 'workflow_dispatch' ? 'review' : 'check') : inputs.mode;
    // A committed link as working-directory would lead git and the reader into another folder: compared as real paths.
    const dir = resolve(ctx.workspace, inputs.workingDirectory);
    if (!existsSync(dir) || !isWithin(realpathSync(ctx.workspace), realpathSync(dir)))
      throw new InputError('input "working-directory" must be a folder inside the workspace');
    // The folder is checked as part of its repository: the policy is read from the top, paths are repository-relative.
    const { root } = locateCheckout(dir);
    let policy: PolicyLocation | undefined;
    if (inputs.policy !== undefined) {
      const location = toPolicyLocation(inputs.policy, root, root, false);
      if (typeof location === 'string') throw new InputError(`input "policy": ${location}`);
      policy = location;
    }
    const today = toIsoDay(deps.now());
    let client: GitHubClient | undefined;
    const github = (): GitHubClient | undefined =>
      inputs.token === '' ? undefined : (client ??= deps.createClient(inputs.token, ctx.apiUrl));
    // Central policies may live where the workflow's token cannot read (another private repository): a token of their own.
    let reader: GitHubClient | undefined;
    const policyClient = (): GitHubClient =>
      (inputs.policyToken === '' ? github() : undefined) ?? (reader ??= deps.createClient(inputs.policyToken, ctx.apiUrl));
    const readRemote = (location: RemoteLocation): Promise<string | undefined> => fetchPolicyFile(policyClient(), location, MAX_FILE_BYTES);

    // git lists the agent files while the policy loads and the base is read.
    const listing = startAgentListing(dir);
    const comparing = mode === 'check' && PR_EVENTS.has(ctx.eventName) && ctx.baseSha !== undefined;
    let base: BaseRevision | undefined;
    if (comparing) {
      const at = baseTree(dir, ctx.baseSha!, ctx, inputs.token);
      base = { rev: ctx.baseSha!, tree: at.ok ? { files: at.files, readPolicy: at.readText } : { unavailable: at.reason } };
    }
    let result: CheckResult;
    try {
      result = await check({
        policy,
        readPolicy: workTreePolicyReader(root),
        // A gate reads every file outside git: a pull request could add a .gitignore that hides its agent files.
        files: () => loadRepository(dir, listing, { gitignore: false }),
        readExternal: () => {
          throw new PolicyReadError('the action reads policies only from the repository or owner/repo/path@ref');
        },
        readRemote,
        ...(base ? { base } : {}),
        today,
        failOn: inputs.failOn,
        mode,
        changedExceptions: inputs.prExceptions,
        baseUnavailable: inputs.baseUnavailable,
        ...(ctx.repo ? { repository: ctx.repo } : {}),
      });
    } catch (error) {
      if (!(error instanceof BaseUnavailableError)) throw error;
      core.setFailed(
        `agent-policy: the base commit ${ctx.baseSha ?? '(unknown)'} could not be read (${error.message}), so the policy in force is unknown and nothing was checked. ` +
          'Give actions/checkout fetch-depth: 0 (or make sure the token can read the repository), or set base-unavailable: strict to check everything under the embedded strict policy.',
      );
      return;
    }
    if (result.baseUnavailable)
      core.warning(
        `agent-policy: the base commit could not be read (${result.baseUnavailable}); as configured (base-unavailable: strict), everything was checked under the embedded strict policy and counts as new.`,
      );

    const sarifPath = sarifTarget(inputs, ctx, deps.env);
    writeReportFile(sarifPath, renderSarif(result), ctx.workspace);
    core.setOutput('findings', String(result.counts.findings));
    core.setOutput('errors', String(result.counts.byLevel.error));
    core.setOutput('stale-exceptions', String(result.exceptionNotes.stale.length));
    core.setOutput('sarif-file', sarifPath);

    if (mode === 'review') await review(result, inputs, ctx, github, deps);
    else await checkRun(result, inputs, ctx, github, sarifPath);
  } catch (error) {
    if (error instanceof PolicyLoadError) {
      // Policy errors can name repository text (a path, an extends value): shown printable and masked.
      for (const e of error.errors)
        core.error(toTerminalText(e.message), {
          file: toTerminalText(e.file),
          startLine: e.line,
          startColumn: e.column,
          title: 'agent-policy: invalid policy',
        });
      core.setFailed('agent-policy: invalid policy; nothing was checked.');
    } else if (error instanceof InputError || error instanceof OutputError)
      core.setFailed(`agent-policy: ${toTerminalText(error.message)}`);
    else core.setFailed(`agent-policy: internal error: ${toTerminalText(error instanceof Error ? error.message : String(error))}`);
  }
}

/** The job summary, when the runner provides one (a local run has no summary file). Written whole, once. */
function writeSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (path) writeFileSync(path, markdown);
}

/** The workflow-command fallback: at most ANNOTATION_LIMIT, then one line on what was left out or hidden. */
function emitWorkflowCommands(
  findings: readonly Finding[],
  options: Omit<AnnotationOptions, 'limit'> & { fullReport?: string } = {},
): void {
  const plan = toWorkflowAnnotations(findings, ANNOTATION_LIMIT, options);
  for (const a of plan.annotations) core[a.command](a.message, a.properties);
  if (plan.note) core.info(plan.note);
}

async function checkRun(
  result: CheckResult,
  inputs: ActionInputs,
  ctx: RunContext,
  github: () => GitHubClient | undefined,
  sarifPath: string,
): Promise<void> {
  // Without a base every finding counts, so `annotate: changed` annotates them all.
  const annotated = inputs.annotate === 'changed' ? result.outcome.counted : result.findings;
  const warn = publishWarner();

  const summary = renderSummary(result, {
    fullReport: `the SARIF file \`${sarifPath}\` (upload it with github/codeql-action/upload-sarif) or \`agent-policy check --format json\``,
    ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
  });
  // With suggestions on, the summary shows each fix as a diff too: where they go when no review can be posted.
  writeSummary(inputs.suggestions ? summary + renderFixSection(result) : summary);

  const fullReport = `the job summary and the SARIF file \`${sarifPath}\``;
  const options = annotationOptionsOf(result);
  let published: PublishedCheckRun | undefined;
  const client = github();
  if (ctx.readOnlyToken) {
    core.warning(
      'agent-policy: this pull request comes from a fork, so the token is read-only; annotations go to workflow commands and the job summary (no check run, no comment).',
    );
  } else if (client && ctx.headSha) {
    const plan = toCheckAnnotations(annotated, options);
    try {
      published = await publishAnnotatedCheckRun(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        headSha: ctx.headSha,
        name: CHECK_NAME,
        conclusion: result.outcome.conclusion,
        title: renderCheckRunTitle(result),
        summary,
        annotations: plan.annotations,
        omitted: plan.omitted,
        fullReport,
      });
      core.info(
        `agent-policy: ${published.posted} annotations are on the check run${published.url ? ` ${published.url}` : ''}${published.omitted > 0 ? `; ${published.omitted} more findings are in ${fullReport}` : ''}.`,
      );
    } catch (error) {
      // A check run cut short (CheckRunCutShortError) is completed and says so; the workflow commands below carry the annotations.
      warn(error, 'create a check run with every annotation');
    }
  }
  if (!published) emitWorkflowCommands(annotated, { ...options, fullReport });

  if (inputs.comment && ctx.pullNumber !== undefined && client && !ctx.readOnlyToken) {
    try {
      await publishStickyComment(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        issueNumber: ctx.pullNumber,
        body: renderPrComment(result, ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
        marker: COMMENT_MARKER,
        login: published?.appLogin,
        fullReport: ctx.runUrl ? `the job summary of ${ctx.runUrl}` : 'the job summary',
      });
    } catch (error) {
      warn(error, 'update the pull request comment');
    }
  }
  if (inputs.suggestions && ctx.pullNumber !== undefined && client && !ctx.readOnlyToken && ctx.headSha) {
    try {
      const pr = { owner: ctx.owner, repo: ctx.repo, pullNumber: ctx.pullNumber };
      const suggestions = toSuggestions(result, await readChangedLines(client, pr));
      const done = await publishSuggestions(client, { ...pr, commitId: ctx.headSha, suggestions, login: published?.appLogin });
      core.info(`agent-policy: ${done.posted} suggested fixes posted, ${done.updated} updated, ${done.resolved} marked resolved.`);
    } catch (error) {
      warn(error, 'post suggested fixes on the pull request (each fix is in the job summary)');
    }
  }
  if (result.outcome.failed) core.setFailed(renderFailure(result));
}

async function review(
  result: CheckResult,
  inputs: ActionInputs,
  ctx: RunContext,
  github: () => GitHubClient | undefined,
  deps: ActionDeps,
): Promise<void> {
  const register = renderReviewMarkdown(result);
  writeSummary(register);
  emitWorkflowCommands(result.exceptionNotes.findings);
  const needsAttention = result.exceptionNotes.stale.length > 0;
  const client = github();
  if (inputs.reviewIssue && client) {
    try {
      const what = await publishReviewIssue(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        title: `Agent policy: exceptions to review (${toIsoDay(deps.now())})`,
        body: register,
        needsAttention,
        fullReport: ctx.runUrl ? `the job summary of ${ctx.runUrl}` : 'the job summary',
      });
      core.info(`agent-policy: review issue ${what}.`);
    } catch (error) {
      publishWarner()(error, 'keep the review issue up to date');
    }
  }
  if (result.outcome.failed) core.setFailed(renderFailure(result));
}
