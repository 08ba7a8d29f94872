import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';

const clientClass = () => Octokit.plugin(paginateRest, retry, throttling);
export type GitHubClient = InstanceType<ReturnType<typeof clientClass>>;

export interface ClientOptions {
  /** Empty or undefined: unauthenticated (public repositories only). */
  token?: string | undefined;
  /** `GITHUB_API_URL`; GitHub Enterprise Server URLs end in `/api/v3`. */
  baseUrl: string;
  /** Where retries and rate-limit waits are reported; domain code never logs. */
  log?: (message: string) => void;
  /** Retries after a 5xx or a rate limit. */
  retries?: number;
  /** Milliseconds the retry back-off starts from (tests set it low). */
  retryAfterBaseValue?: number;
  /**
   * Writes are paced a second apart, as GitHub asks of clients making many (tests of the requests themselves turn
   * the pacing off; retries after a 5xx stay on).
   */
  paceWrites?: boolean;
  /** The transport; the action passes @actions/github's proxy-aware fetch, the CLI uses Node's. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The one place an Octokit is built: retries 5xx responses and waits out primary and secondary rate limits
 * (up to `retries` times), for the CLI and the action alike. Built on demand, never at import time.
 */
export function createGitHubClient({
  token,
  baseUrl,
  log = () => undefined,
  retries = 3,
  retryAfterBaseValue,
  paceWrites = true,
  fetch,
}: ClientOptions): GitHubClient {
  const Client = clientClass();
  const throttle = {
    enabled: paceWrites,
    onRateLimit: (after: number, options: { method: string; url: string }, _octokit: unknown, count: number) => {
      log(`GitHub API rate limit on ${options.method} ${options.url}; retrying in ${after} s`);
      return count < retries;
    },
    onSecondaryRateLimit: (after: number, options: { method: string; url: string }, _octokit: unknown, count: number) => {
      log(`GitHub API secondary rate limit on ${options.method} ${options.url}; retrying in ${after} s`);
      return count < retries;
    },
  };
  return new Client({
    ...(token ? { auth: token } : {}),
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    throttle,
    retry: { retries, ...(retryAfterBaseValue === undefined ? {} : { retryAfterBaseValue }) },
    ...(fetch ? { request: { fetch } } : {}),
  });
}
