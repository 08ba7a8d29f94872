import type { CheckAnnotation } from '../report/annotations.js';
import type { GitHubClient } from './client.js';
import { asPermissionError } from './errors.js';

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  batches: readonly CheckAnnotation[][];
}

const MAX_TEXT = 65_000;

/**
 * One check run on the PR head with every annotation: created with the first batch, then appended 50 at a
 * time (the API appends annotations on each update), then completed. Sequential, to stay clear of
 * secondary rate limits. Returns the check run's URL.
 */
export async function publishCheckRun(client: GitHubClient, input: CheckRunInput): Promise<string | undefined> {
  const summary = input.summary.length > MAX_TEXT ? `${input.summary.slice(0, MAX_TEXT)}…` : input.summary;
  const [first = [], ...rest] = input.batches;
  try {
    const created = await client.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: input.owner,
      repo: input.repo,
      name: input.name,
      head_sha: input.headSha,
      status: 'in_progress',
      output: { title: input.title, summary, annotations: first },
    });
    const id = created.data.id;
    for (const batch of rest) {
      await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner: input.owner,
        repo: input.repo,
        check_run_id: id,
        output: { title: input.title, summary, annotations: batch },
      });
    }
    const done = await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: input.owner,
      repo: input.repo,
      check_run_id: id,
      status: 'completed',
      conclusion: input.conclusion,
      output: { title: input.title, summary },
    });
    return done.data.html_url ?? undefined;
  } catch (error) {
    throw asPermissionError(error, 'checks: write') ?? error;
  }
}
