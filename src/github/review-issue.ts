import type { GitHubClient } from './client.js';
import { toBoundedBody } from './body.js';
import { asPermissionError } from './errors.js';
import { readTokenLogin, sameLogin } from './identity.js';

export const REVIEW_LABEL = 'agent-policy-review';
export const REVIEW_MARKER = '<!-- agent-policy:review-issue -->';

export interface ReviewIssueInput {
  owner: string;
  repo: string;
  title: string;
  body: string;
  needsAttention: boolean;
  /** The token's login when the caller knows it; otherwise it is asked for once. */
  login?: string | undefined;
  /** Where the complete register is when the body is cut (default: the job summary). */
  fullReport?: string;
}

/**
 * One labelled tracking issue for stale and expiring exceptions: created when something needs attention,
 * updated on every run, closed when nothing does. Found by label and marker among the issues this token's own
 * identity opened, so it is never duplicated and nobody else's issue is edited or closed. Kept under GitHub's
 * body limit.
 */
export async function publishReviewIssue(
  client: GitHubClient,
  input: ReviewIssueInput,
): Promise<'created' | 'updated' | 'closed' | 'none'> {
  try {
    const login = input.login ?? (await readTokenLogin(client));
    const issues =
      login === undefined
        ? []
        : await client.paginate('GET /repos/{owner}/{repo}/issues', {
            owner: input.owner,
            repo: input.repo,
            labels: REVIEW_LABEL,
            state: 'open',
            per_page: 100,
          });
    const mine = issues.find((i) => !i.pull_request && sameLogin(i.user?.login, login) && (i.body ?? '').includes(REVIEW_MARKER));
    const body = toBoundedBody(input.body, REVIEW_MARKER, input.fullReport ?? 'the job summary');
    if (!input.needsAttention) {
      if (!mine) return 'none';
      await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: input.owner,
        repo: input.repo,
        issue_number: mine.number,
        body,
        state: 'closed',
        state_reason: 'completed',
      });
      return 'closed';
    }
    if (mine) {
      await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: input.owner,
        repo: input.repo,
        issue_number: mine.number,
        title: input.title,
        body,
      });
      return 'updated';
    }
    await client.request('POST /repos/{owner}/{repo}/issues', {
      owner: input.owner,
      repo: input.repo,
      title: input.title,
      body,
      labels: [REVIEW_LABEL],
    });
    return 'created';
  } catch (error) {
    throw asPermissionError(error, 'issues: write') ?? error;
  }
}
