import type { GitHubClient } from './client.js';
import { asPermissionError } from './errors.js';

export const REVIEW_LABEL = 'agent-policy-review';
export const REVIEW_MARKER = '<!-- agent-policy:review-issue -->';

/**
 * One labelled tracking issue for stale and expiring exceptions: created when something needs attention,
 * updated on every run, closed when nothing does. Found by label and marker, so it is never duplicated.
 */
export async function publishReviewIssue(
  client: GitHubClient,
  input: { owner: string; repo: string; title: string; body: string; needsAttention: boolean },
): Promise<'created' | 'updated' | 'closed' | 'none'> {
  try {
    const issues = await client.paginate('GET /repos/{owner}/{repo}/issues', { owner: input.owner, repo: input.repo, labels: REVIEW_LABEL, state: 'open', per_page: 100 });
    const mine = issues.find((i) => !i.pull_request && (i.body ?? '').includes(REVIEW_MARKER));
    const body = `${REVIEW_MARKER}\n${input.body}`;
    if (!input.needsAttention) {
      if (!mine) return 'none';
      await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: input.owner, repo: input.repo, issue_number: mine.number, body, state: 'closed', state_reason: 'completed' });
      return 'closed';
    }
    if (mine) {
      await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: input.owner, repo: input.repo, issue_number: mine.number, title: input.title, body });
      return 'updated';
    }
    await client.request('POST /repos/{owner}/{repo}/issues', { owner: input.owner, repo: input.repo, title: input.title, body, labels: [REVIEW_LABEL] });
    return 'created';
  } catch (error) {
    throw asPermissionError(error, 'issues: write') ?? error;
  }
}
