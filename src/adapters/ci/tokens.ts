import { entries, isTable, own, type Table } from '../walk.js';

/** What of a job decides its tokens: its id (undefined for a composite action, run with its caller's), table and steps. */
interface TokenJob {
  id: string | undefined;
  job: Table;
  steps: readonly unknown[];
}

/** Scopes whose write access lets a GitHub token change a repository's files or create repositories and forks. */
const REPOSITORY_WRITES = ['contents', 'administration'];

/** Whether `permissions:` (of a job, or a GitHub App token's `permission-*` inputs) grant none of `REPOSITORY_WRITES`. */
const writesNoRepository = (permissions: unknown): boolean =>
  permissions === 'read-all' ||
  (isTable(permissions) &&
    entries(permissions).every(
      ([scope, access]) =>
        ['read', 'write', 'none'].includes(String(access)) && !(access === 'write' && REPOSITORY_WRITES.includes(scope.split('\0')[0]!)),
    ));

/** A GitHub App token made by actions/create-github-app-token: its `permission-*` inputs, or undefined (all the app's). */
function appTokenPermissions(step: unknown): Table | undefined {
  if (!isTable(step) || typeof own(step, 'uses') !== 'string') return undefined;
  if (!/^\s*actions\/create-github-app-token@/i.test(own(step, 'uses') as string)) return undefined;
  const inputs = own(step, 'with');
  // The runner hands inputs over in capitals and the action reads each `permission-*` in any letter case, `-` or `_`
  // alike (lib/get-permissions-from-inputs.js); a scope given twice in two spellings is kept twice, so a write is seen.
  const scopes = entries(isTable(inputs) ? inputs : {}).flatMap(([input, access]) =>
    /^permission[-_]/i.test(input)
      ? [[`${input.slice('permission-'.length).toLowerCase().replaceAll('_', '-')}\0${input}`, access] as const]
      : [],
  );
  return scopes.length === 0 ? undefined : Object.fromEntries(scopes);
}

/**
 * Actions known to set no variable for the steps after them; a step of another action may (`core.exportVariable`).
 * A `run:` step sets none when its text does not name $GITHUB_ENV.
 */
const QUIET_ACTIONS = /^(?:actions\/(?:checkout|create-github-app-token|cache|upload-artifact|download-artifact|setup-[\w-]+))@/i;
const setsNothingAfter = (step: unknown): boolean => {
  if (!isTable(step)) return true;
  const uses = own(step, 'uses');
  const run = own(step, 'run');
  if (typeof uses === 'string') return QUIET_ACTIONS.test(uses.trim());
  return typeof run !== 'string' || !/GITHUB_ENV/i.test(run);
};

/** A step known to set no variable for the steps after it: an action of QUIET_ACTIONS (a `run:` may run a script that writes $GITHUB_ENV). */
export const setsNoVariables = (step: unknown): boolean =>
  isTable(step) && typeof own(step, 'uses') === 'string' && QUIET_ACTIONS.test((own(step, 'uses') as string).trim());

/** Inputs an `env:` may hand an action behind its `with:` (`INPUT_PERMISSION-CONTENTS`): then its inputs are not known. */
const setsInputs = (owner: unknown): boolean => {
  const env = isTable(owner) ? own(owner, 'env') : undefined;
  return env !== undefined && (!isTable(env) || Object.keys(env).some((k) => /^input_/i.test(k)));
};

/**
 * Whether a step's environment value `value` holds only GitHub tokens that can neither change the repository's
 * files nor create repositories: the job's own token (`${{ secrets.GITHUB_TOKEN }}`, `${{ github.token }}`) when the
 * job's or workflow's `permissions:` grant no `contents` or `administration` write, or a token made earlier in the job
 * by actions/create-github-app-token whose `permission-*` inputs grant neither
 * (https://github.com/actions/create-github-app-token#permission-permission-name; without them the token has all the
 * app's permissions). Alternatives joined by `||` must each be such a token. A variable reference (`${GITHUB_TOKEN}`,
 * `$GITHUB_TOKEN`, as an MCP server's settings write it) is looked up in the step's own `env:`. Anything else (a
 * secret, a literal, the repository's default permissions, a job's or workflow's `env:`, a composite action's caller's
 * token) may write.
 */
export function readOnlyGitHubToken(root: Table, job: TokenJob, step: Table, value: string): boolean {
  const reference = /^\s*\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))\s*$/;
  const named = reference.exec(value);
  if (named) {
    const name = named[1] ?? named[2]!;
    // Only the step's own `env:` (not one written as a single expression, which may set anything), and only after
    // steps that set nothing for the steps after them: a step before may set the variable through $GITHUB_ENV
    // (`core.exportVariable` in any action, a script writing the file), which nothing here reads.
    const env = own(step, 'env');
    if (!isTable(env) || !Object.hasOwn(env, name)) return false;
    const before = job.steps.slice(0, Math.max(0, job.steps.indexOf(step)));
    if (!before.every(setsNothingAfter)) return false;
    const found = own(env, name);
    // The runner sets `env:` values as written: only an expression there is replaced.
    return typeof found === 'string' && !reference.test(found) && readOnlyGitHubToken(root, job, step, found);
  }
  const expression = /^\s*\$\{\{([^{}]*)\}\}\s*$/.exec(value)?.[1];
  if (expression === undefined) return false;
  const permissions = Object.hasOwn(job.job, 'permissions') ? own(job.job, 'permissions') : own(root, 'permissions');
  const jobToken = job.id !== undefined && (Object.hasOwn(job.job, 'permissions') || Object.hasOwn(root, 'permissions'));
  return expression.split('||').every((part) => {
    const term = part.trim();
    if (/^(?:secrets\.GITHUB_TOKEN|github\.token)$/i.test(term)) return jobToken && writesNoRepository(permissions);
    const id = /^steps\.([\w-]+)\.outputs\.token$/.exec(term)?.[1];
    if (id === undefined) return false;
    const maker = job.steps.find((s) => isTable(s) && own(s, 'id') === id);
    if ([maker, job.job, root].some(setsInputs)) return false;
    const app = appTokenPermissions(maker);
    return app !== undefined && writesNoRepository(app);
  });
}
