import nock from 'nock';

/** A contents API answer for a file, as GitHub sends it in JSON: type, size and base64 content. */
export const contentsOf = (text: string): { type: 'file'; size: number; encoding: 'base64'; content: string } => {
  const bytes = Buffer.from(text, 'utf8');
  return { type: 'file', size: bytes.length, encoding: 'base64', content: bytes.toString('base64') };
};

/** One request the fake GitHub API received. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/**
 * A fake GitHub API at `api` that accepts what the action publishes (check runs, PR comments, the review issue,
 * the token's identity) and records every request, for tests that look at what was sent rather than at the protocol.
 * Nothing exists yet: no comment, no issue. Call nock.cleanAll() after the test.
 */
export function recordGitHub(api: string): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  // nock hands a reply function the request itself (a fetch Request).
  const reply =
    (method: string) =>
    async (request: Request): Promise<[number, unknown]> => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      requests.push({ method, path, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) });
      if (path.endsWith('/graphql')) return [200, { data: { viewer: { login: 'github-actions[bot]' } } }];
      if (path.includes('/check-runs'))
        return [method === 'POST' ? 201 : 200, { id: 99, html_url: 'https://github.test/acme/app/runs/99' }];
      if (method === 'GET') return [200, []];
      if (path.endsWith('/issues')) return [201, { number: 11 }];
      return [method === 'POST' ? 201 : 200, { id: 1 }];
    };
  const scope = nock(api).persist();
  for (const method of ['GET', 'POST', 'PATCH'] as const) scope.intercept(/.*/, method).reply(reply(method));
  return requests;
}
