import type { GitHubClient } from './client.js';
import { toBoundedBody } from './body.js';
import { asPermissionError } from './errors.js';
import { readTokenLogin, sameLogin } from './identity.js';

export interface StickyCommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  marker: string;
  /**
   * The token's login when the caller already knows it (PublishedCheckRun.appLogin: the check run this token
   * created names its app, and so its `<slug>[bot]` login); otherwise it is asked for once.
   */
  login?: string | undefined;
  /** Where the complete text is when the body is cut (default: the job summary). */
  fullReport?: string;
}

/**
 * The sticky pull request comment: the first comment that carries the hidden marker and was written by this
 * token's own identity is updated in place; anything else with the marker (a PR author, another bot or app) is
 * never edited. Created when there is none, or when the token's identity cannot be learnt (a new comment
 * rather than someone else's edited). Kept under GitHub's body limit.
 */
export async function publishStickyComment(client: GitHubClient, input: StickyCommentInput): Promise<'created' | 'updated'> {
  const body = toBoundedBody(input.body, input.marker, input.fullReport ?? 'the job summary');
  try {
    const login = input.login ?? (await readTokenLogin(client));
    const comments =
      login === undefined
        ? []
        : await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner: input.owner,
            repo: input.repo,
            issue_number: input.issueNumber,
            per_page: 100,
          });
    const mine = comments.find((c) => sameLogin(c.user?.login, login) && (c.body ?? '').includes(input.marker));
    if (mine) {
      await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: input.owner,
        repo: input.repo,
        comment_id: mine.id,
        body,
      });
      return 'updated';
    }
    await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      body,
    });
    return 'created';
  } catch (error) {
    throw asPermissionError(error, 'pull-requests: write') ?? error;
  }
}
