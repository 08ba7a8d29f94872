import * as core from '@actions/core';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Finding } from './core/types.js';
import { checkBase, compareWithBase, countedFindings, type AgentFilesAt } from './engine/baseline.js';
import { failsAt, lint, type LintResult } from './engine/lint.js';
import { toIsoDay } from './exceptions/dates.js';
import { publishCheckRun } from './github/check-run.js';
import { createGitHubClient, type GitHubClient } from './github/client.js';
import { publishStickyComment } from './github/comment.js';
import { PR_EVENTS, toRunContext, type RunContext } from './github/context.js';
import { PermissionError } from './github/errors.js';
import { publishReviewIssue } from './github/review-issue.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { PolicyLoadError, type ResolvedPolicy } from './policy/load.js';
import { bySeverity, toCheckAnnotationBatches } from './report/annotations.js';
import { COMMENT_MARKER, renderPrComment } from './report/pr-comment.js';
import { renderReviewMarkdown } from './report/review.js';
import { renderSarif } from './report/sarif.js';
import { renderSummary } from './report/summary.js';
import { loadPolicy, loadPolicyAt, loadRepository, loadRepositoryAt, type PolicyEnvironment, type RepositoryAt } from './repository.js';
import { startAgentListing } from './sources/candidates.js';
import { SAFE_GIT_ARGS } from './sources/discover.js';

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

const proxyAwareFetch = (): typeof globalThis.fetch | undefined => (actionsDefaults.request as { fetch?: typeof globalThis.fetch } | undefined)?.fetch;
/** The runner shows this many workflow-command annotations per level and step. */
const RUNNER_LIMIT = 10;

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
      core.warning(`agent-policy could not ${what}: the token lacks "${error.permission}". Add it to the workflow's permissions: block; findings are still in the annotations and the job summary.`);
    } else core.warning(`agent-policy could not ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; findings are still in the annotations and the job summary.`);
  };
}

/**
 * The base commit for a pull request, from the clone or fetched into it (actions/checkout is shallow by
 * default). Git runs with hooks and fsmonitor disabled; nothing from the repository executes.
 */
function baseTree(root: string, sha: string): RepositoryAt {
  let at = loadRepositoryAt(root, sha);
  if (at.ok) return at;
  try {
    execFileSync('git', [...SAFE_GIT_ARGS, 'fetch', '--no-tags', '--quiet', '--depth=1', 'origin', sha], { cwd: root, stdio: 'ignore', timeout: 60_000 });
    at = loadRepositoryAt(root, sha);
  } catch {
    // Falls through to the caller's one-line fallback.
  }
  return at;
}

export async function run(overrides: Partial<ActionDeps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const ctx = toRunContext(deps.env, readPayload(deps.env));
    const mode = inputs.mode === 'auto' ? (ctx.eventName === 'schedule' || ctx.eventName === 'workflow_dispatch' ? 'review' : 'check') : inputs.mode;
    const root = resolve(ctx.workspace, inputs.workingDirectory);
    const policyEnv: PolicyEnvironment = { cwd: root, token: inputs.token, apiUrl: ctx.apiUrl, log: (m) => core.info(m) };
    const today = toIsoDay(deps.now());
    let client: GitHubClient | undefined;
    const github = (): GitHubClient | undefined => (inputs.token === '' ? undefined : (client ??= deps.createClient(inputs.token, ctx.apiUrl)));

    // git lists the agent files while the policy loads and the base is checked.
    const listing = startAgentListing(root);
    const headPolicy = await loadPolicy(root, inputs.policy, policyEnv);
    let policy = headPolicy;
    let baseRevision: { files: AgentFilesAt; policy: ResolvedPolicy } | undefined;
    const comparing = mode === 'check' && PR_EVENTS.has(ctx.eventName) && ctx.baseSha !== undefined;
    if (comparing) {
      const at = baseTree(root, ctx.baseSha!);
      if (!at.ok) core.warning(`agent-policy: ${at.reason}; the policy of the pull request is used and every finding counts as new.`);
      else {
        try {
          const basePolicy = await loadPolicyAt(root, inputs.policy, policyEnv, at.readText);
          // Rules come from the base, so a pull request cannot weaken what it is checked against; its exceptions
          // are applied, and called out below.
          policy = { ...basePolicy, exceptions: headPolicy.exceptions };
          baseRevision = { files: at.files, policy: basePolicy };
        } catch (error) {
          if (!(error instanceof PolicyLoadError)) throw error;
          core.warning(`agent-policy: the policy at the base commit is invalid (${error.errors[0]?.message ?? ''}); the policy of the pull request is used.`);
        }
      }
    }
    const repo = await loadRepository(root, listing);
    let result = lint({ ...repo, policy, today });
    if (comparing) {
      // Both sides are judged by the base's rules, so the base takes the head's findings for the folders the pull request leaves alone.
      const base = baseRevision && checkBase(baseRevision.files, baseRevision.policy, today, { ...repo, result });
      result = { ...result, baseline: compareWithBase(result, base, ctx.baseSha!) };
    }

    const sarifPath = resolve(ctx.workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, renderSarif(result));
    const stale = result.exceptions.filter((e) => e.status !== 'active').length;
    core.setOutput('findings', String(result.findings.length));
    core.setOutput('errors', String(result.findings.filter((f) => f.level === 'error').length));
    core.setOutput('stale-exceptions', String(stale));
    core.setOutput('sarif-file', sarifPath);

    if (mode === 'review') await review(result, inputs, ctx, github, deps);
    else await check(result, policy, inputs, ctx, github, sarifPath);
  } catch (error) {
    if (error instanceof PolicyLoadError) {
      for (const e of error.errors) core.error(e.message, { file: e.file, startLine: e.line, startColumn: e.column, title: 'agent-policy: invalid policy' });
      core.setFailed('agent-policy: invalid policy; nothing was checked.');
    } else if (error instanceof InputError) core.setFailed(`agent-policy: ${error.message}`);
    else core.setFailed(`agent-policy: internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The job summary, when the runner provides one (a local run has no summary file). Written whole, once. */
function writeSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (path) writeFileSync(path, markdown);
}

/** Workflow-command annotations, most severe first; the runner keeps the first ten of each level. */
function emitWorkflowCommands(findings: readonly Finding[]): void {
  const perLevel = { error: 0, warning: 0, notice: 0 };
  for (const f of bySeverity(findings)) {
    perLevel[f.level]++;
    const props = { title: `agent-policy ${f.ruleId}`, file: f.file, startLine: f.location.start.line, startColumn: f.location.start.column };
    if (f.level === 'error') core.error(f.message, props);
    else if (f.level === 'warning') core.warning(f.message, props);
    else core.notice(f.message, props);
  }
  const hidden = Object.values(perLevel).reduce((n, c) => n + Math.max(0, c - RUNNER_LIMIT), 0);
  if (hidden > 0) core.info(`agent-policy: ${findings.length} annotations were written; the runner shows ten per level, so ${hidden} appear only in this log and in the job summary table.`);
}

async function check(result: LintResult, policy: ResolvedPolicy, inputs: ActionInputs, ctx: RunContext, github: () => GitHubClient | undefined, sarifPath: string): Promise<void> {
  const counted = countedFindings(result);
  const failed = failsAt(counted, inputs.failOn);
  const outcome = failed ? 'failed' : 'passed';
  // Exceptions a pull request adds or changes are applied, and shown where the fix would be.
  const exceptionNotes: Finding[] = (result.baseline?.exceptionChanges ?? []).map((c) => ({
    ruleId: 'exception-added',
    level: 'notice',
    message: `Exception "${c.exception.id}" is ${c.change} by this pull request (${c.exception.rule}, owner ${c.exception.owner ?? 'none'}, expires ${c.exception.expires ?? 'never'}); it needs the review of the policy owners.`,
    file: c.exception.file,
    agent: 'policy',
    keyPath: ['exceptions', c.exception.id],
    evidence: `id: ${c.exception.id}`,
    location: { start: c.exception.position },
    fingerprint: '',
  }));
  const annotated = [...(inputs.annotate === 'changed' && result.baseline ? counted : result.findings), ...exceptionNotes];
  const warn = publishWarner();

  const summary = renderSummary(result, { outcome, failOn: inputs.failOn, fullReport: `the SARIF file \`${sarifPath}\` (upload it with github/codeql-action/upload-sarif) or \`agent-policy check --format json\``, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) });
  writeSummary(summary);

  let checkRun = false;
  const client = github();
  if (ctx.readOnlyToken) {
    core.warning('agent-policy: this pull request comes from a fork, so the token is read-only; annotations go to workflow commands and the job summary (no check run, no comment).');
  } else if (client && ctx.headSha) {
    try {
      const url = await publishCheckRun(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        headSha: ctx.headSha,
        name: CHECK_NAME,
        conclusion: failed ? 'failure' : counted.length > 0 ? 'neutral' : 'success',
        title: `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}${result.baseline ? `, ${counted.length} new or updated` : ''}`,
        summary,
        batches: toCheckAnnotationBatches(annotated),
      });
      checkRun = true;
      core.info(`agent-policy: ${annotated.length} annotations are on the check run${url ? ` ${url}` : ''}.`);
    } catch (error) {
      warn(error, 'create a check run with every annotation');
    }
  }
  if (!checkRun) emitWorkflowCommands(annotated);

  if (inputs.comment && ctx.pullNumber !== undefined && client && !ctx.readOnlyToken) {
    try {
      await publishStickyComment(client, { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullNumber, body: renderPrComment(result, { outcome, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) }), marker: COMMENT_MARKER });
    } catch (error) {
      warn(error, 'update the pull request comment');
    }
  }
  if (failed) {
    core.setFailed(`agent-policy: ${counted.length} ${result.baseline ? 'new or updated ' : ''}finding${counted.length === 1 ? '' : 's'} at or above "${inputs.failOn}"${policy.source.kind === 'embedded' ? ' (embedded default policy)' : ''}.`);
  }
}

async function review(result: LintResult, inputs: ActionInputs, ctx: RunContext, github: () => GitHubClient | undefined, deps: ActionDeps): Promise<void> {
  const register = renderReviewMarkdown(result);
  writeSummary(register);
  emitWorkflowCommands(result.findings.filter((f) => f.ruleId.startsWith('exception-')));
  const needsAttention = result.exceptions.some((e) => e.status !== 'active');
  const client = github();
  if (inputs.reviewIssue && client) {
    try {
      const what = await publishReviewIssue(client, { owner: ctx.owner, repo: ctx.repo, title: `Agent policy: exceptions to review (${toIsoDay(deps.now())})`, body: register, needsAttention });
      core.info(`agent-policy: review issue ${what}.`);
    } catch (error) {
      publishWarner()(error, 'keep the review issue up to date');
    }
  }
  const broken = result.exceptions.filter((e) => e.status === 'expired' || e.status === 'invalid').length;
  if (broken > 0 && inputs.failOn !== 'never') core.setFailed(`agent-policy: ${broken} exception${broken === 1 ? ' is' : 's are'} expired or invalid.`);
}
