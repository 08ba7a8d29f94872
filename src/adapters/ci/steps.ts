import type { Fact } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { addAgentRuns } from '../shared/agent-runs.js';
import type { MapContext } from '../shared/structured.js';
import { textPlace } from '../shared/text-place.js';
import { isTable, own, type Table } from '../walk.js';
import { addVendorAction, type VendorStep } from './actions.js';

/** A job of a workflow, or the steps of a composite action, with the scope its facts carry. */
export interface Job {
  /** The job's id; undefined for a composite action. */
  id: string | undefined;
  job: Table;
  path: KeyPath;
  steps: unknown[];
  stepsPath: KeyPath;
  scope: string;
}

/** A step that starts an agent, with the facts of what it starts. */
export interface AgentStep {
  index: number;
  step: Table;
  path: KeyPath;
  agent: string;
  scope: string;
  facts: Fact[];
  /** The vendor's action the step uses, when it uses one. */
  vendor?: VendorStep;
}

/** Shells whose scripts the shell analysis reads: bash and sh, as `shell:` names them (`bash -e {0}` too). */
const POSIX_SHELL = /^(?:bash|sh)(?:\s|$)/;

/** `defaults.run.shell` of a workflow or job. */
const defaultShell = (v: Table): unknown => {
  const run = isTable(own(v, 'defaults')) ? own(own(v, 'defaults') as Table, 'run') : undefined;
  return isTable(run) ? own(run, 'shell') : undefined;
};

/**
 * Whether a `run:` step's script is a POSIX shell script: its `shell:`, the job's or workflow's default, else the
 * runner's (bash, except pwsh on Windows runners).
 */
function runsPosixShell(step: Table, job: Job, root: Table): boolean {
  const shell = own(step, 'shell') ?? defaultShell(job.job) ?? defaultShell(root);
  if (typeof shell === 'string') return POSIX_SHELL.test(shell.trim());
  if (shell !== undefined) return false;
  const runsOn = own(job.job, 'runs-on');
  return !(runsOn !== undefined && /windows/i.test(JSON.stringify(runsOn)));
}

const stepName = (step: Table, index: number): string => {
  const name = own(step, 'name');
  const id = own(step, 'id');
  return typeof name === 'string' && name.trim() !== '' ? name : typeof id === 'string' ? id : String(index + 1);
};

/**
 * The steps of a job that start an agent: a `run:` script through the agent CLI reader, a `uses:` step through the
 * vendor actions. Facts of other steps are dropped: only what starts an agent is judged.
 */
export function agentSteps(ctx: MapContext, job: Job): AgentStep[] {
  const found: AgentStep[] = [];
  job.steps.forEach((step, index) => {
    if (!isTable(step)) return;
    const path = [...job.stepsPath, index];
    const scope = `${job.scope} step "${stepName(step, index)}"`;
    const facts: Fact[] = [];
    const add = (fact: Fact): void => {
      facts.push(fact);
    };
    let agent: string | undefined;
    const run = own(step, 'run');
    if (typeof run === 'string' && runsPosixShell(step, job, ctx.root)) {
      const runPath = [...path, 'run'];
      const place = ctx.site ? textPlace(ctx.site.text, ctx.site.locator.locate(runPath, 'value'), run) : undefined;
      agent = addAgentRuns(add, run, place, runPath, 'workflow step', { scope })[0]?.agent;
    }
    let vendor: VendorStep | undefined;
    if (typeof own(step, 'uses') === 'string') {
      vendor = addVendorAction({ ...ctx, facts, add }, step, path, scope);
      agent ??= vendor?.agent;
    }
    if (agent !== undefined) found.push({ index, step, path, agent, scope, facts, ...(vendor ? { vendor } : {}) });
  });
  return found;
}
