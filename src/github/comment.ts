import type { GitHubClient } from './client.js';
import { asPermissionError } from './errors.js';

/**
 * The sticky pull request comment: found by its hidden marker among comments written by a bot (a PR author
 * could paste the marker), updated in place, created only when there is none. Never duplicated.
 */
export async function publishStickyComment(client: GitHubClient, input: { owner: string; repo: string; issueNumber: number; body: string; marker: string }): Promise<'created' | 'updated'> {
  try {
    const comments = await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: input.owner, repo: input.repo, issue_number: input.issueNumber, per_page: 100 });
    const mine = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(input.marker));
    if (mine) {
      await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: input.owner, repo: input.repo, comment_id: mine.id, body: input.body });
      return 'updated';
    }
    await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body });
    return 'created';
  } catch (error) {
    throw asPermissionError(error, 'pull-requests: write') ?? error;
  }
}
