import type { GitHubClient } from './client.js';

export interface RemotePolicyRef {
  owner: string;
  repo: string;
  path: string;
  ref: string;
}

/**
 * Reads one policy file from a repository through the contents API, as raw text.
 * Returns undefined for a 404; throws with a message that names the permission for 401/403.
 */
export async function fetchPolicyFile(client: GitHubClient, target: RemotePolicyRef): Promise<string | undefined> {
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: target.owner,
      repo: target.repo,
      path: target.path,
      ref: target.ref,
      headers: { accept: 'application/vnd.github.raw+json' },
    });
    const data: unknown = response.data;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return new TextDecoder('utf-8', { fatal: true }).decode(data);
    throw new Error('the path is a directory or not a file');
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return undefined;
    if (status === 401 || status === 403) {
      throw new Error(`GitHub answered ${status}: the token cannot read ${target.owner}/${target.repo} (it needs contents: read on that repository)`);
    }
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}
