import type { GitHubClient } from './client.js';

/**
 * The login the token acts as, which is the author of every comment and issue it writes; undefined when GitHub
 * will not say. A personal or OAuth token answers GET /user; an installation token (the workflow's GITHUB_TOKEN,
 * a GitHub App's) gets 403 "Resource not accessible by integration" there, but GraphQL `viewer { login }`
 * answers for both, with `<app slug>[bot]` for an installation (the approach of
 * marocchino/sticky-pull-request-comment#332; fullsend-ai/fullsend#1953 confirms the `[bot]` login).
 * So GraphQL is asked first and GET /user only when it fails.
 */
export async function readTokenLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const answer = await client.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    const login = answer.viewer?.login;
    if (typeof login === 'string' && login !== '') return login;
  } catch {
    // Falls through to the REST answer.
  }
  try {
    const { data } = await client.request('GET /user');
    return typeof data.login === 'string' && data.login !== '' ? data.login : undefined;
  } catch {
    return undefined;
  }
}

/** Logins are case-insensitive on GitHub. */
export const sameLogin = (a: string | undefined | null, b: string | undefined | null): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
