import { PolicyReadError } from '../policy/load.js';
import type { RemoteLocation } from '../policy/location.js';
import { decodeUtf8 } from '../sources/decode.js';
import type { GitHubClient } from './client.js';

/**
 * Reads one policy file from a repository through the contents API. The JSON form tells the type and size
 * before anything is decoded (files over 1 MB come without content), so a directory, a link, a submodule or
 * a file over `maxBytes` is refused without being read. Undefined for a 404. Errors never quote the file.
 */
export async function fetchPolicyFile(client: GitHubClient, target: RemoteLocation, maxBytes: number): Promise<string | undefined> {
  let data: unknown;
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: target.owner,
      repo: target.repo,
      path: target.path,
      ref: target.ref,
    });
    data = response.data;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return undefined;
    if (status === 401 || status === 403)
      throw new PolicyReadError(
        `GitHub answered ${status}: the token cannot read ${target.owner}/${target.repo} (it needs contents: read on that repository)`,
      );
    throw new PolicyReadError(status === undefined ? 'the GitHub API could not be reached' : `GitHub answered ${status}`);
  }
  if (Array.isArray(data) || data === null || typeof data !== 'object') throw new PolicyReadError('the path is a folder, not a file');
  const file = data as { type?: unknown; size?: unknown; encoding?: unknown; content?: unknown };
  if (file.type !== 'file') throw new PolicyReadError('the path is not a regular file');
  if (typeof file.size !== 'number' || file.size > maxBytes)
    throw new PolicyReadError(`the file is ${String(file.size)} bytes, over the 1 MiB limit`);
  if (file.encoding !== 'base64' || typeof file.content !== 'string') throw new PolicyReadError('GitHub sent the file without its content');
  const bytes = Buffer.from(file.content, 'base64');
  if (bytes.length > maxBytes) throw new PolicyReadError('the file is over the 1 MiB limit');
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new PolicyReadError(`the file ${decoded.reason}`, decoded.position);
  return decoded.text;
}
