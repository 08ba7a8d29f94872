import type { Fact } from '../../core/posture.js';
import { excerpt } from '../../secrets/redact.js';
import type { KeyPath } from '../../core/types.js';
import { at, setting } from '../shared/structured.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { checksActor, eventsRequired, isModelInput, isModelVariable, oneSecret, secretsIn } from './expressions.js';
import type { AgentStep, Job } from './steps.js';

/**
 * Scopes of the job's token that push, publish or deploy: `contents` (push, tags, releases), `packages`,
 * `deployments`, `pages`, `id-token` (OIDC credentials for cloud deployments) and `actions` (start and re-run
 * workflows, deployment workflows among them).
 */
export const PUBLISH_SCOPES = ['contents', 'packages', 'deployments', 'pages', 'id-token', 'actions'];

/**
 * Events whose input anyone can write: comments, issues, discussions, reviews, pull requests from forks run with
 * the base repository's token and secrets (`pull_request_target`), and runs that follow a fork's workflow.
 */
export const UNTRUSTED_EVENTS = new Set([
  'pull_request_target',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'workflow_run',
]);

interface Event {
  event: string;
  path: KeyPath;
}

/** The events of `on:` as a string, a list or a map, each with its path. */
export function eventsOf(root: Table): Event[] {
  // The YAML 1.2 core schema keeps `on` a string key (YAML 1.1 would read it as true).
  const on = own(root, 'on');
  if (typeof on === 'string') return [{ event: on, path: ['on'] }];
  if (Array.isArray(on)) return on.flatMap((e, i) => (typeof e === 'string' ? [{ event: e, path: ['on', i] }] : []));
  if (isTable(on)) return Object.keys(on).map((event) => ({ event, path: ['on', event] }));
  return [];
}

/**
 * The events of `on:` whose input anyone can write that can start `job`: all of them, unless its `if:` requires an
 * event by name (`github.event_name == 'pull_request' && …`, compared without case as GitHub compares).
 */
export function untrustedEventsOf(root: Table, job: Job): Event[] {
  const required = eventsRequired(own(job.job, 'if'));
  return eventsOf(root).filter((e) => UNTRUSTED_EVENTS.has(e.event) && (required === undefined || required.has(e.event.toLowerCase())));
}

/** An environment variable whose value reads secrets. */
interface SecretVariable {
  variable: string;
  secrets: string[];
  path: KeyPath;
  value: string;
}

function secretVariables(owner: Table, path: KeyPath): SecretVariable[] {
  const env = own(owner, 'env');
  if (!isTable(env)) return [];
  return entries(env).flatMap(([variable, value]) => {
    if (typeof value !== 'string') return [];
    const secrets = secretsIn(value);
    return secrets.length === 0 ? [] : [{ variable, secrets, path: [...path, 'env', variable], value }];
  });
}

const isCheckout = (step: unknown): step is Table =>
  isTable(step) && typeof own(step, 'uses') === 'string' && /^actions\/checkout@/i.test((own(step, 'uses') as string).trim());
export const withOf = (step: Table): Table => (isTable(own(step, 'with')) ? (own(step, 'with') as Table) : {});
const persists = (step: Table): boolean => {
  const persist = own(withOf(step), 'persist-credentials');
  return !(persist === false || (typeof persist === 'string' && persist.trim().toLowerCase() === 'false'));
};

/** The expression of a value such as `${{ steps.app.outputs.token }}`, to name the credential it gives. */
const tokenExpression = (value: string): string => /\$\{\{\s*([\s\S]*?)\s*\}\}/.exec(value)?.[1]?.slice(0, 60) ?? value.slice(0, 60);

/** The job's write scopes as `permissions:` gives them (`write-all`, or each scope set to `write`). */
export function writeScopes(permissions: unknown): string[] {
  if (typeof permissions === 'string') return permissions.trim() === 'write-all' ? ['write-all'] : [];
  if (!isTable(permissions)) return [];
  return entries(permissions).flatMap(([scope, access]) => (access === 'write' ? [scope] : []));
}

/**
 * Whether the job's token can only read: `read-all`, or every scope `read` or `none` (`{}` grants nothing). Anything
 * else, a value the runner would refuse included, is not taken as read-only.
 */
const readsOnly = (permissions: unknown): boolean =>
  permissions === 'read-all' ||
  (isTable(permissions) && entries(permissions).every(([, access]) => access === 'read' || access === 'none'));

/** What the job's token can do, for a message about `GITHUB_TOKEN`. */
function tokenAccess(permissions: unknown, present: boolean): string {
  if (!present) return "the job's token, with the repository's default permissions, which may include write access";
  const writes = writeScopes(permissions);
  if (writes.length > 0) return `the job's token, with write access to ${writes.join(', ')}`;
  return readsOnly(permissions)
    ? "the job's token, read access only"
    : "the job's token, with permissions that do not say it can only read";
}

/** Secrets a step's `with:` inputs pass to an agent's action, but the model's own key. */
const inputSecrets = (step: Table): string[] => {
  const inputs = own(step, 'with');
  if (!isTable(inputs)) return [];
  return entries(inputs).flatMap(([name, value]) => {
    if (typeof value !== 'string') return [];
    const secrets = secretsIn(value);
    return isModelInput(name) && oneSecret(secrets) ? [] : secrets;
  });
};

/**
 * Facts of the job around the steps that start an agent, which is the agent's sandbox in CI: the token's write
 * scopes and how the agent reaches the token, secrets in its environment, and events anyone can cause. Added once
 * per job to its first agent step (`add`), the step's own environment to each step (`addToStep`); `emitted` keeps
 * a workflow's top-level keys to one fact per file.
 */
export function addJobFacts(
  root: Table,
  job: Job,
  steps: readonly AgentStep[],
  add: (fact: Fact) => void,
  addToStep: (step: AgentStep, fact: Fact) => void,
  emitted: Set<string>,
): void {
  const once = (fact: Fact, push: (fact: Fact) => void = add): void => {
    const key = `${fact.kind}\0${JSON.stringify(fact.keyPath)}\0${fact.evidence}`;
    if (emitted.has(key)) return;
    emitted.add(key);
    push(fact);
  };
  const scope = job.scope;
  const last = steps.reduce((max, s) => Math.max(max, s.index), 0);
  // The environment of the agent's commands: the workflow's, the job's and each agent step's own.
  const shared = [...secretVariables(root, []), ...secretVariables(job.job, job.path)];
  const perStep = steps.map((step) => ({ step, variables: secretVariables(step.step, step.path) }));
  const variables = [...shared, ...perStep.flatMap((s) => s.variables)];
  const checkouts = job.steps.slice(0, last).flatMap((step, i) => (isCheckout(step) && persists(step) ? [{ step, i }] : []));

  const permissionsHere = Object.hasOwn(job.job, 'permissions');
  const permissionsPath: KeyPath | undefined = permissionsHere
    ? [...job.path, 'permissions']
    : Object.hasOwn(root, 'permissions')
      ? ['permissions']
      : undefined;
  const permissions = permissionsHere ? own(job.job, 'permissions') : own(root, 'permissions');
  // A composite action runs with its caller's token: a `permissions:` key in its own file is not the runner's.
  const permissionsKnown = job.id !== undefined && permissionsPath !== undefined;
  const token = tokenAccess(permissions, permissionsKnown);
  const readOnlyToken = permissionsKnown && readsOnly(permissions);

  const reach: string[] = [];
  const tokenOf = (step: Table): string => {
    const token = own(withOf(step), 'token');
    return typeof token === 'string' ? token : '${{ github.token }}';
  };
  if (checkouts.some(({ step }) => secretsIn(tokenOf(step)).includes('GITHUB_TOKEN')))
    reach.push('actions/checkout leaves it in .git/config, as persist-credentials is true by default');
  const inEnv = variables.find((v) => v.secrets.includes('GITHUB_TOKEN'));
  if (inEnv) reach.push(`its commands get it as ${inEnv.variable}`);
  if (steps.some((s) => s.vendor !== undefined || s.wrapsVendor === true)) reach.push('the agent action is given it');

  let writes: string[] = [];
  // A reusable workflow's jobs without permissions get its caller's token: the caller is judged for it.
  const events = eventsOf(root);
  const calledOnly = events.length > 0 && events.every((e) => e.event === 'workflow_call');
  if (job.id !== undefined && permissionsPath === undefined && reach.length > 0 && !calledOnly) {
    writes = ['repository default'];
    const path = job.path;
    once({
      kind: 'ci-token',
      scopes: [],
      repositoryDefault: true,
      reach,
      ...at(path, `job "${job.id}" sets no permissions`, 'key', scope),
    });
  } else if (job.id !== undefined && permissionsPath !== undefined) {
    const all = writeScopes(permissions);
    let scopes = all.includes('write-all') ? ['write-all'] : all.filter((s) => PUBLISH_SCOPES.includes(s));
    // The OIDC request token is in the environment of a script step's commands; a vendor's action asks for it to
    // authenticate itself, so there it is the action's own need, not a grant to the agent.
    const oidc = steps.some((s) => s.vendor === undefined && !s.wrapsVendor);
    if (!oidc) scopes = scopes.filter((s) => s !== 'id-token');
    if (reach.length === 0) scopes = oidc && (scopes.includes('write-all') || scopes.includes('id-token')) ? ['id-token'] : [];
    writes = scopes;
    if (scopes.length > 0) {
      const path = all.includes('write-all') || !isTable(permissions) ? permissionsPath : [...permissionsPath, scopes[0]!];
      const evidence = all.includes('write-all') ? 'permissions: write-all' : `permissions: ${scopes.map((s) => `${s}: write`).join(', ')}`;
      once({ kind: 'ci-token', scopes, repositoryDefault: false, reach, ...at(path, evidence, 'value', scope) });
    }
  }

  // A token given to checkout in its place (a personal access token) stays in .git/config too.
  const persisted = checkouts.flatMap(({ step, i }) => {
    const value = own(withOf(step), 'token');
    if (typeof value !== 'string') return [];
    const path = [...job.stepsPath, i, 'with', 'token'];
    const secrets = secretsIn(value);
    // A token made in the job (a GitHub App's, `steps.app.outputs.token`) is a credential too.
    const names = secrets.length > 0 ? secrets : value.includes('${{') ? [tokenExpression(value)] : [];
    return names.filter((s) => s !== 'GITHUB_TOKEN').map((name) => ({ name, path, value }));
  });
  for (const { name, path, value } of persisted)
    once({
      kind: 'ci-secret',
      name,
      held: 'git-config',
      ...at(path, `actions/checkout ${setting(path, value)}, left in .git/config`, 'value', scope),
    });
  const secretFact = (v: SecretVariable, name: string, where = scope): Fact => ({
    kind: 'ci-secret',
    name,
    held: 'environment',
    variable: v.variable,
    ...(name === 'GITHUB_TOKEN' ? { token, ...(readOnlyToken ? { readOnly: true as const } : {}) } : {}),
    ...at(v.path, `env: ${v.variable}: ${excerpt(v.value)}`, 'value', where),
  });
  for (const v of shared) {
    if (isModelVariable(v.variable, v.secrets)) continue;
    for (const name of v.secrets) once(secretFact(v, name));
  }
  for (const { step, variables: own } of perStep) {
    for (const v of own) {
      if (isModelVariable(v.variable, v.secrets)) continue;
      for (const name of v.secrets) once(secretFact(v, name, step.scope), (f) => addToStep(step, f));
    }
  }

  if (job.id === undefined) return;
  const untrusted = untrustedEventsOf(root, job);
  if (untrusted.length === 0 || checksActor(own(job.job, 'if'))) return;
  // A vendor's action checks who triggered it unless its inputs let anyone (`triggers`), and so does a local action
  // whose every agent step is such an action.
  const open = steps.filter(
    (s) => !checksActor(own(s.step, 'if')) && !s.actorChecked && (!s.vendor || s.vendor.triggers.some((t) => t.untrusted)),
  );
  if (open.length === 0) return;
  // The model's own key is in every such job; the secrets named are those the run does not need.
  const secrets = [
    ...new Set([
      ...variables.filter((v) => !isModelVariable(v.variable, v.secrets)).flatMap((v) => v.secrets),
      ...persisted.map((p) => p.name),
    ]),
  ];
  const first = untrusted[0]!;
  const evidence = `on: ${untrusted.map((e) => e.event).join(', ')} starts job "${job.id}"`;
  once({
    kind: 'untrusted-trigger',
    event: first.event,
    writes,
    secrets,
    ...(readOnlyToken && secrets.includes('GITHUB_TOKEN') && steps.every((s) => inputSecrets(s.step).every((n) => n === 'GITHUB_TOKEN'))
      ? { readOnlyToken: true as const }
      : {}),
    ...at(first.path, evidence, 'key', scope),
  });
}
