/** A request the token is not allowed to make; names the `permissions:` entry to add. */
export class PermissionError extends Error {
  constructor(
    readonly permission: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${detail} (HTTP ${status})`);
  }
}

/** 403 (and 404 on writes, which GitHub answers for missing access) without a rate limit: a permission problem. */
export function asPermissionError(error: unknown, permission: string): PermissionError | undefined {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } };
  if (e.status !== 403 && e.status !== 404) return undefined;
  if (e.response?.headers?.['x-ratelimit-remaining'] === '0') return undefined;
  return new PermissionError(permission, e.status, e.message ?? 'forbidden');
}
