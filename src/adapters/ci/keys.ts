import type { KeyDoc } from '../types.js';

const W = '.github/workflows/*.yml';
const A = 'action.yml (runs.using: composite)';

export const CI_KEYS: readonly KeyDoc[] = [
  {
    file: W,
    key: 'jobs.<id>.steps[].run (bash/sh; pwsh, python and other shells are not read)',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: 'agent CLIs started by the script and their flags, as in the agent’s own config; the script is read as a shell script file is (docs/agents/scripts.md), its own variables expanded',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].with.runCmd of `devcontainers/ci`',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access',
    note: 'the script the action runs in the dev container it builds (https://github.com/devcontainers/ci), read as a `run:`',
  },
  { file: W, key: 'jobs.<id>.steps[].uses (vendors’ agent actions)', rule: 'all five', note: 'see Vendor actions below' },
  {
    file: W,
    key: 'a committed markdown or text file a step hands the agent as its prompt: codex-action’s `prompt-file` (claude-code-base-action’s `prompt_file`), a file read in a `run:` step into the agent’s command line (`claude -p "$(cat .github/prompts/x.md)"`), or into a step output or environment variable the agent action’s `prompt` takes',
    rule: 'all five',
    note: 'read as guidance to that agent, at the file’s own lines; paths from the checkout (`${{ github.workspace }}` too); a file read into a longer text (`"Docs: $(cat api.md)"`) is context, not read',
  },
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
  {
    file: W,
    key: 'jobs.<id>.steps[].run writing ${{ secrets.X }} to $GITHUB_ENV or a file, before an agent step',
    rule: 'secret-access',
    note: 'the later agent step reads it as it would a secret in its own env:',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].env and with reading ${{ steps.<id>.outputs.X }} or ${{ needs.<job>.outputs.X }} that an earlier step set from a secret ($GITHUB_OUTPUT, ::set-output)',
    rule: 'secret-access',
    note: 'the agent step holds the secret as if it were in its own env:; the line that wrote the output is the related location',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].run running a shell script by path (./scripts/review.sh, bash scripts/agent.sh)',
    rule: 'all five',
    note: 'the script is read as a launcher: its agent CLIs are judged at its lines, the job around the step as for an inline step',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].run starting a project script by name (npm run review, pnpm review, yarn review, make review, just review, task review)',
    rule: 'all five',
    note: 'a script of the nearest package.json, Makefile, justfile or Taskfile that starts an agent CLI: its flags at the script’s line, the job around the step on the workflow',
  },
  {
    file: W,
    key: 'jobs.<id>.steps[].uses: ./<folder> (a local composite action)',
    rule: 'all five',
    note: 'the action’s agent steps run in this job: its token, secrets and events apply',
  },
  {
    file: W,
    key: 'jobs.<id>.uses: ./.github/workflows/<file> (a local reusable workflow)',
    rule: 'publish-deploy, secret-access',
    note: 'the caller’s permissions (unless the called job sets its own) and events, reported at the caller',
  },
  { file: W, key: 'env and with values of an agent step', rule: 'secret-access', note: 'literal credentials' },
  { file: A, key: 'runs.steps[].run, runs.steps[].uses', rule: 'all five', note: 'as in a workflow’s steps' },
];
