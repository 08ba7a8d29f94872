import type { KeyDoc } from '../types.js';

const W = '.github/workflows/*.yml';
const A = 'action.yml (runs.using: composite)';

export const CI_KEYS: readonly KeyDoc[] = [
  {
    file: W,
    key: 'jobs.<id>.steps[].run (bash/sh; pwsh, python and other shells are not read)',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: 'agent CLIs started by the script and their flags, as in the agent’s own config',
  },
  { file: W, key: 'jobs.<id>.steps[].uses (vendors’ agent actions)', rule: 'all five', note: 'see Vendor actions below' },
  {
    file: W,
    key: 'permissions, jobs.<id>.permissions',
    rule: 'publish-deploy',
    note: 'write-all or contents, packages, deployments, pages, id-token, actions: write in a job that runs an agent; none set: the repository default token (a notice)',
  },
  {
    file: W,
    key: 'env, jobs.<id>.env, jobs.<id>.steps[].env',
    rule: 'secret-access',
    note: '${{ secrets.X }} and github.token in the agent’s environment (not the model’s own API key)',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].with.token of actions/checkout',
    rule: 'secret-access',
    note: 'a secret left in .git/config (persist-credentials is true by default)',
  },
  {
    file: W,
    key: 'on: pull_request_target, issue_comment, issues, discussion, discussion_comment, pull_request_review, pull_request_review_comment, workflow_run',
    rule: 'publish-deploy, secret-access',
    note: 'anyone can start the agent, with no author check in if:, while it holds a write token (publish-deploy) or secrets (secret-access)',
  },
  { file: W, key: 'env and with values of an agent step', rule: 'secret-access', note: 'literal credentials' },
  { file: A, key: 'runs.steps[].run, runs.steps[].uses', rule: 'all five', note: 'as in a workflow’s steps' },
];
