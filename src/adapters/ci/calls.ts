import type { Fact } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { at } from '../shared/structured.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { checksActor, isModelCredential, oneSecret, secretsIn } from './expressions.js';
import { PUBLISH_SCOPES, untrustedEventsOf, writeScopes } from './job.js';
import type { Job } from './steps.js';

/** A local reusable workflow as its callers see it: the agent it starts and what of the caller's job reaches it. */
export interface CalledWorkflow {
  path: string;
  agent: string;
  /** Every job of it that starts an agent sets its own `permissions:`, so the caller's token does not reach the agent. */
  ownPermissions: boolean;
  /** Then, what their tokens can write (publish scopes, `write-all`). */
  ownWrites: string[];
  /** Some agent step of it can be started by whoever causes the caller's event (no author check of its own). */
  open: boolean;
}

/**
 * Facts of a job that calls a local reusable workflow that starts an agent (`jobs.<id>.uses:
 * ./.github/workflows/agent.yml`): the called jobs run with the caller's token, unless they set their own
 * `permissions:`, with the secrets it passes, and on the caller's events.
 */
export function addCallerFacts(root: Table, job: Job, called: CalledWorkflow, add: (fact: Fact) => void): void {
  const scope = `${job.scope} calls ${called.path}`;
  const reach = [`the reusable workflow ${called.path} runs the agent with it`];
  let writes: string[] = called.ownWrites;
  if (!called.ownPermissions) {
    const permissionsPath: KeyPath | undefined = Object.hasOwn(job.job, 'permissions')
      ? [...job.path, 'permissions']
      : Object.hasOwn(root, 'permissions')
        ? ['permissions']
        : undefined;
    if (permissionsPath === undefined) {
      writes = ['repository default'];
      add({
        kind: 'ci-token',
        scopes: [],
        repositoryDefault: true,
        reach,
        ...at(job.path, `job "${job.id ?? ''}" sets no permissions`, 'key', scope),
      });
    } else {
      const permissions = own(Object.hasOwn(job.job, 'permissions') ? job.job : root, 'permissions');
      const all = writeScopes(permissions);
      const scopes = all.includes('write-all') ? ['write-all'] : all.filter((s) => PUBLISH_SCOPES.includes(s));
      writes = scopes;
      if (scopes.length > 0) {
        const path = all.includes('write-all') || !isTable(permissions) ? permissionsPath : [...permissionsPath, scopes[0]!];
        const evidence = all.includes('write-all')
          ? 'permissions: write-all'
          : `permissions: ${scopes.map((s) => `${s}: write`).join(', ')}`;
        add({ kind: 'ci-token', scopes, repositoryDefault: false, reach, ...at(path, evidence, 'value', scope) });
      }
    }
  }
  const untrusted = untrustedEventsOf(root, job);
  if (untrusted.length === 0 || !called.open || checksActor(own(job.job, 'if'))) return;
  // Secrets the caller passes by name; `secrets: inherit` passes them all, and the called workflow's `env:` says which the agent gets.
  const passed = own(job.job, 'secrets');
  const secrets = isTable(passed)
    ? [
        ...new Set(
          entries(passed).flatMap(([name, value]) => {
            if (typeof value !== 'string') return [];
            const secrets = secretsIn(value);
            return isModelCredential(name) && oneSecret(secrets) ? [] : secrets;
          }),
        ),
      ]
    : [];
  const first = untrusted[0]!;
  const evidence = `on: ${untrusted.map((e) => e.event).join(', ')} starts job "${job.id ?? ''}"`;
  add({ kind: 'untrusted-trigger', event: first.event, writes, secrets, ...at(first.path, evidence, 'key', scope) });
}
