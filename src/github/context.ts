/** What the action needs to know about the run it is part of; built from the runner's env and event payload. */
export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  /** The commit annotations belong to: the PR head, not the merge commit. */
  headSha: string;
  /** The base commit of a pull request or merge group. */
  baseSha?: string;
  pullNumber?: number;
  /** A pull request from a fork under `pull_request`: the token is read-only. */
  readOnlyToken: boolean;
  apiUrl: string;
  serverUrl: string;
  runUrl?: string;
  workspace: string;
}

type Payload = Record<string, unknown>;
const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Payload)[k] : undefined), o);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

/** Pure: the run context from environment variables and the parsed event payload. */
export function toRunContext(env: NodeJS.ProcessEnv, payload: unknown): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pr = get(payload, 'pull_request');
  const headSha =
    str(get(pr, 'head', 'sha')) ??
    str(get(payload, 'merge_group', 'head_sha')) ??
    str(get(payload, 'check_suite', 'head_sha')) ??
    env.GITHUB_SHA ??
    '';
  const baseSha = str(get(pr, 'base', 'sha')) ?? str(get(payload, 'merge_group', 'base_sha'));
  const number = get(pr, 'number') ?? get(payload, 'number');
  const headRepo = str(get(pr, 'head', 'repo', 'full_name'));
  const baseRepo = str(get(pr, 'base', 'repo', 'full_name'));
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    eventName,
    owner,
    repo,
    headSha,
    ...(baseSha ? { baseSha } : {}),
    ...(typeof number === 'number' ? { pullNumber: number } : {}),
    readOnlyToken: eventName === 'pull_request' && headRepo !== undefined && baseRepo !== undefined && headRepo !== baseRepo,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    ...(env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
}
