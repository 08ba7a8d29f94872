import { ANNOTATION_LIMIT, CHECK_BATCH, toBatches, type CheckAnnotation } from '../report/annotations.js';
import type { GitHubClient } from './client.js';
import { asPermissionError } from './errors.js';

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** The full summary (the job summary's markdown); sent once, with the completing update. */
  summary: string;
  /** Annotations, most important first (toCheckAnnotations); past ANNOTATION_LIMIT they are cut here too. */
  annotations: readonly CheckAnnotation[];
  /** Findings the caller already left out (toCheckAnnotations' `omitted`). */
  omitted?: number;
  /** Where every finding is listed, named when some are not annotated: e.g. "the job summary and the SARIF file `x`". */
  fullReport?: string;
}

/** A completed check run. */
export interface PublishedCheckRun {
  url: string | undefined;
  /** Annotations on the check run. */
  posted: number;
  /** Findings not annotated (the limit, or a failed update). */
  omitted: number;
  /** The login comments by this token carry (`<app slug>[bot]`), learnt from the check run's app. */
  appLogin: string | undefined;
}

/**
 * Adding annotations failed (after the client's retries); the check run was still completed, with a summary
 * that says so. `cause` is the request's error.
 */
export class CheckRunCutShortError extends Error {
  constructor(
    readonly checkRun: PublishedCheckRun,
    override readonly cause: unknown,
  ) {
    super(
      `annotations were cut short after ${checkRun.posted}: ${cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause)}`,
    );
  }
}

/** GitHub's limit for output.summary and output.text is 65,535 characters. */
const MAX_TEXT = 65_000;
const cut = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
const count = (n: number): string => n.toLocaleString('en');

/**
 * One check run on the PR head: created with the first 50 annotations, given 50 more per update (the API
 * appends them), then completed with the conclusion and the full summary. At most ANNOTATION_LIMIT annotations,
 * so a pull request with 45,000 findings costs 11 requests, not 900 (GitHub asks for a second between writes);
 * the output text says how many were left out and where they are. Sequential, to stay clear of secondary rate
 * limits. The summary goes out once, on completion: an update must carry one, so the ones before carry a line.
 *
 * When an update fails after the client's retries, the check run is still completed (a check left in progress
 * blocks a required check forever), saying that annotations were cut short, and CheckRunCutShortError is thrown.
 */
export async function publishAnnotatedCheckRun(client: GitHubClient, input: CheckRunInput): Promise<PublishedCheckRun> {
  const given = input.annotations;
  const annotations = given.slice(0, ANNOTATION_LIMIT);
  const omittedBefore = (input.omitted ?? 0) + (given.length - annotations.length);
  const [first = [], ...rest] = toBatches(annotations, CHECK_BATCH);
  const where = input.fullReport ?? 'the job summary';
  const total = annotations.length + omittedBefore;
  const progress = (posted: number): string => `Adding annotations: ${count(posted)} of ${count(annotations.length)} so far.`;
  const target = { owner: input.owner, repo: input.repo };

  let created;
  try {
    created = await client.request('POST /repos/{owner}/{repo}/check-runs', {
      ...target,
      name: input.name,
      head_sha: input.headSha,
      status: 'in_progress',
      output: { title: input.title, summary: progress(first.length), annotations: first },
    });
  } catch (error) {
    throw asPermissionError(error, 'checks: write') ?? error;
  }
  const id = created.data.id;
  const slug = (created.data as { app?: { slug?: unknown } | null }).app?.slug;
  const appLogin = typeof slug === 'string' && slug !== '' ? `${slug}[bot]` : undefined;

  let posted = first.length;
  let failure: unknown;
  for (const batch of rest) {
    try {
      await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...target,
        check_run_id: id,
        output: { title: input.title, summary: progress(posted + batch.length), annotations: batch },
      });
      posted += batch.length;
    } catch (error) {
      failure = error;
      break;
    }
  }

  const omitted = total - posted;
  const note =
    failure !== undefined
      ? `**Annotations were cut short**: GitHub refused an update after ${count(posted)} of ${count(annotations.length)}, so ${count(omitted)} findings are not annotated here. Every finding is listed in ${where}.`
      : omitted > 0
        ? `**${count(posted)} of ${count(total)} findings are annotated** (most severe first, new and updated before unchanged); the other ${count(omitted)} are listed in ${where}.`
        : undefined;
  const summary = note ? `${note}\n\n${input.summary}` : input.summary;
  let done;
  try {
    done = await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...target,
      check_run_id: id,
      status: 'completed',
      conclusion: input.conclusion,
      output: { title: input.title, summary: cut(summary), ...(note ? { text: note } : {}) },
    });
  } catch (error) {
    throw asPermissionError(failure ?? error, 'checks: write') ?? failure ?? error;
  }
  const published: PublishedCheckRun = { url: done.data.html_url ?? undefined, posted, omitted, appLogin };
  if (failure !== undefined) throw new CheckRunCutShortError(published, asPermissionError(failure, 'checks: write') ?? failure);
  return published;
}
