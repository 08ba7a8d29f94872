import type { GitHubClient } from './client.js';
import { asPermissionError } from './errors.js';
import { readTokenLogin, sameLogin } from './identity.js';
import { readSuggestion, resolvedBody, toAddedLines, type Suggestion } from '../report/suggestions.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

/** The lines each file of the pull request adds, by path, from its files' patches. */
export async function readChangedLines(client: GitHubClient, pr: PullRequestRef): Promise<Map<string, Set<number>>> {
  try {
    const files = await client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.pullNumber,
      per_page: 100,
    });
    return new Map(files.filter((f) => typeof f.patch === 'string').map((f) => [f.filename, toAddedLines(f.patch!)]));
  } catch (error) {
    throw asPermissionError(error, 'pull-requests: read') ?? error;
  }
}

/**
 * Posts the suggestions as one pull request review of comments, each a suggested change a reviewer applies with
 * one click; nothing is committed. Re-runs keep one comment per finding: the token's own earlier suggestion of the
 * same finding is updated (or left as it is), and one whose finding is gone is marked resolved. Others' comments
 * are never touched.
 */
export async function publishSuggestions(
  client: GitHubClient,
  pr: PullRequestRef & { commitId: string; suggestions: readonly Suggestion[]; login?: string | undefined },
): Promise<{ posted: number; updated: number; resolved: number }> {
  try {
    const login = pr.login ?? (await readTokenLogin(client));
    const earlier =
      login === undefined
        ? []
        : await client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
            owner: pr.owner,
            repo: pr.repo,
            pull_number: pr.pullNumber,
            per_page: 100,
          });
    const wanted = new Map(pr.suggestions.map((s) => [s.fingerprint, s]));
    let updated = 0;
    let resolved = 0;
    for (const comment of earlier) {
      if (!sameLogin(comment.user?.login, login)) continue;
      const seen = readSuggestion(comment.body);
      if (!seen) continue;
      const next = wanted.get(seen.fingerprint);
      const body = next ? next.body : seen.resolved ? undefined : resolvedBody(seen.fingerprint);
      wanted.delete(seen.fingerprint);
      if (body === undefined || body === comment.body) continue;
      await client.request('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
        owner: pr.owner,
        repo: pr.repo,
        comment_id: comment.id,
        body,
      });
      if (next) updated++;
      else resolved++;
    }
    const fresh = [...wanted.values()];
    if (fresh.length > 0)
      await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.pullNumber,
        commit_id: pr.commitId,
        event: 'COMMENT',
        body: `agent-policy suggests ${fresh.length === 1 ? 'a fix' : `${fresh.length} fixes`} for findings this pull request introduces.`,
        comments: fresh.map((s) => ({
          path: s.path,
          line: s.line,
          side: 'RIGHT' as const,
          ...(s.startLine === undefined ? {} : { start_line: s.startLine, start_side: 'RIGHT' as const }),
          body: s.body,
        })),
      });
    return { posted: fresh.length, updated, resolved };
  } catch (error) {
    throw asPermissionError(error, 'pull-requests: write') ?? error;
  }
}
