/** Words for what an unattended agent's CI job lets it do, shared by the rules that judge the job. */
import { EVERY_SECRET } from '../../core/posture.js';

const SCOPE_ABILITY: Record<string, string> = {
  'write-all': 'push, tag and release, publish packages, deploy and start workflows',
  contents: 'push commits and tags and create releases',
  packages: 'publish packages',
  deployments: 'create deployments',
  pages: 'deploy GitHub Pages',
  'id-token': 'get cloud credentials through OIDC and deploy with them',
  actions: 'start and re-run workflows',
  'repository default': 'write to the repository unless its settings make the default token read-only',
};

/** What a token with these write scopes can do, in one clause. */
export const abilitiesOf = (scopes: readonly string[]): string => scopes.map((s) => SCOPE_ABILITY[s] ?? `write ${s}`).join('; ');

const CAUSE: Record<string, string> = {
  pull_request_target: 'open a pull request from a fork',
  issue_comment: 'comment on an issue or a pull request',
  issues: 'open or edit an issue',
  discussion: 'start a discussion',
  discussion_comment: 'comment on a discussion',
  pull_request_review: 'review a pull request',
  pull_request_review_comment: 'comment on a pull request’s code',
  workflow_run: 'run a workflow from a fork',
};

/** Who can start a run through an event, as the end of "anyone who can …". */
export const causeOf = (event: string): string => CAUSE[event] ?? `cause a ${event} event`;

/** A secret's name in backticks; a read of the whole `secrets` context (`toJSON(secrets)`) as what it reads. */
export const secretName = (name: string): string => (name === EVERY_SECRET ? 'every secret (the whole `secrets` context)' : `\`${name}\``);

/** A list of secret names as "A, B and C", each in backticks. */
export const nameList = (names: readonly string[]): string => {
  const shown = names.map(secretName);
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
};
