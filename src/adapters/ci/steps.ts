import type { Fact } from '../../core/posture.js';
import type { KeyPath, ProblemSite } from '../../core/types.js';
import type { Started } from '../../shell/runner-scripts.js';
import { addAgentRuns } from '../shared/agent-runs.js';
import type { MapContext } from '../shared/structured.js';
import { lineFeedStarts, placeThrough, textPlace } from '../shared/text-place.js';
import { launcherCommands } from '../scripts/launchers.js';
import { FILE_BUDGET } from '../scripts/variables.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addVendorAction, type Passed, type VendorStep } from './actions.js';
import { localAction, stepFolder, stepScripts } from './links.js';
import { readOnlyGitHubToken } from './tokens.js';

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

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The jobs of a workflow, or the steps of a composite action as one job; none for other actions. */
export function jobsOf(root: Table, path: string, workflow: boolean): Job[] {
  if (!workflow) {
    const runs = own(root, 'runs');
    if (!isTable(runs) || own(runs, 'using') !== 'composite' || !Array.isArray(own(runs, 'steps'))) return [];
    const name = typeof own(root, 'name') === 'string' ? (own(root, 'name') as string) : path;
    return [
      {
        id: undefined,
        job: runs,
        path: ['runs'],
        steps: own(runs, 'steps') as unknown[],
        stepsPath: ['runs', 'steps'],
        scope: `action "${name}"`,
      },
    ];
  }
  const jobs = own(root, 'jobs');
  if (!isTable(jobs)) return [];
  const name = typeof own(root, 'name') === 'string' ? (own(root, 'name') as string) : baseName(path);
  return entries(jobs).flatMap(([id, job]) => {
    if (!isTable(job)) return [];
    const steps = own(job, 'steps');
    return [
      {
        id,
        job,
        path: ['jobs', id],
        steps: Array.isArray(steps) ? steps : [],
        stepsPath: ['jobs', id, 'steps'],
        scope: `workflow "${name}" job "${id}"`,
      },
    ];
  });
}

/** What makes two steps that use an action alike: the action and its inputs (a caller's values give both the same facts). */
const actionAndInputs = (step: Table): string => JSON.stringify([own(step, 'uses') ?? null, own(step, 'with') ?? null]);

/**
 * The jobs with each step that uses an action with the same inputs as an earlier one left out (kept in place, so
 * that every step keeps its index): what a caller passes gives them the same facts and names the same files.
 */
export function distinctActionJobs(jobs: readonly Job[]): Job[] {
  const seen = new Set<string>();
  return jobs.map((job) => ({
    ...job,
    steps: job.steps.map((step) => {
      if (!isTable(step) || typeof own(step, 'uses') !== 'string') return step;
      const key = actionAndInputs(step);
      if (seen.has(key)) return undefined;
      seen.add(key);
      return step;
    }),
  }));
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
  /** Files of the repository the step runs that start an agent: launcher scripts, a local action's file. */
  runs: string[];
  /** The agent commands of project scripts the step starts by name (`npm run review`). */
  started: ProblemSite[];
  /** The local action the step uses checks, in every agent step of its own, who started the run. */
  actorChecked?: true;
  /** Every agent step of the local action the step uses is a vendor's action: the job's token is handed to it. */
  wrapsVendor?: true;
}

/** What a step runs by path, resolved against the files read with the workflows. */
export interface StepLinks {
  /** The agent a launcher script at a repository path starts; undefined for another file. */
  script(path: string): string | undefined;
  /** The file of a local action in a folder, with the agent its steps start; undefined when they start none. */
  action(folder: string): { path: string; agent: string } | undefined;
  /** The agent commands of project scripts a `run:` script of a file starts by name from a folder (undefined: unknown). */
  runner(run: string, folder: string | undefined, file: string): Started;
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
export function runsPosixShell(step: Table, job: Job, root: Table): boolean {
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
 * What the expansions of a file's step scripts may add in one reading of it, all steps together, as for one script
 * file; each reading (its own, a caller's) has its own.
 */
const budgets = new WeakMap<MapContext, { left: number }>();
function expansionBudget(ctx: MapContext): { left: number } {
  let budget = budgets.get(ctx);
  if (budget === undefined) budgets.set(ctx, (budget = { left: FILE_BUDGET }));
  return budget;
}

/** `devcontainers/ci`, whose `runCmd` it runs in the dev container it builds (https://github.com/devcontainers/ci). */
const DEVCONTAINER_CI = /^devcontainers\/ci@/i;

/**
 * The shell script a step runs and its key under the step: its `run:` in a POSIX shell, or the `runCmd` of
 * `devcontainers/ci` (run by the container's shell, as a `run:` is; the name in any case, as the runner passes inputs
 * upper-cased); undefined for any other step.
 */
export function stepScript(step: Table, job: Job, root: Table): { run: string; key: KeyPath } | undefined {
  const run = own(step, 'run');
  if (typeof run === 'string') return runsPosixShell(step, job, root) ? { run, key: ['run'] } : undefined;
  const uses = own(step, 'uses');
  if (typeof uses !== 'string' || !DEVCONTAINER_CI.test(uses.trim())) return undefined;
  const inputs = own(step, 'with');
  if (!isTable(inputs)) return undefined;
  const name = Object.keys(inputs).find((k) => k.toLowerCase() === 'runcmd');
  const command = name === undefined ? undefined : own(inputs, name);
  return typeof command === 'string' ? { run: command, key: ['with', name!] } : undefined;
}

/**
 * The steps of a job that start an agent: a `run:` script through the agent CLI reader, a `uses:` step through the
 * vendor actions. Facts of other steps are dropped: only what starts an agent is judged. With `passed`, the job is
 * read for a caller: its scope leads each step's.
 */
export function agentSteps(ctx: MapContext, job: Job, links?: StepLinks, passed?: Passed & { scope: string }): AgentStep[] {
  const found: AgentStep[] = [];
  job.steps.forEach((step, index) => {
    if (!isTable(step)) return;
    const path = [...job.stepsPath, index];
    const title = `${job.scope} step "${stepName(step, index)}"`;
    const scope = passed ? `${passed.scope}, passed to ${title}` : title;
    const facts: Fact[] = [];
    const add = (fact: Fact): void => {
      facts.push(fact);
    };
    let agent: string | undefined;
    const runs: string[] = [];
    const named: ProblemSite[] = [];
    const script = stepScript(step, job, ctx.root);
    if (script !== undefined) {
      const { run } = script;
      const runPath = [...path, ...script.key];
      const place = ctx.site ? textPlace(ctx.site.text, ctx.site.locator.locate(runPath, 'value'), run) : undefined;
      agent = addAgentRuns(add, run, place, runPath, 'workflow step', { scope, group: ctx.group })[0]?.agent;
      // The script is also read as a script file is: with its own variables as the shell expands them (`ARGS+=(--yolo)`
      // … `codex "${ARGS[@]}"`), a command line kept in a variable, a command a limit left unread. What the reading of
      // the whole script above found is found again at the same characters, and kept once.
      const starts = lineFeedStarts(run);
      // A fact is the same whichever reading of the script gave it, whatever run of the reading it came from (`group`).
      const keyOf = (fact: Fact): string => JSON.stringify({ ...fact, group: undefined });
      const said = new Set(facts.map(keyOf));
      const addOnce = (fact: Fact): void => {
        const key = keyOf(fact);
        if (said.has(key)) return;
        said.add(key);
        add(fact);
      };
      for (const c of launcherCommands({ path: ctx.file, text: run }, expansionBudget(ctx))) {
        const options = { scope, group: ctx.group, ...(c.unread === undefined ? {} : { unread: c.unread }) };
        const started = addAgentRuns(
          addOnce,
          c.command,
          c.place && placeThrough(place, starts, c.place),
          runPath,
          'workflow step',
          options,
        );
        agent ??= started[0]?.agent;
      }
      for (const script of links ? stepScripts(run, step, job.job, job.id === undefined, ctx.root, ctx.file) : []) {
        const started = links!.script(script);
        if (started === undefined) continue;
        agent ??= started;
        runs.push(script);
      }
      const started = links?.runner(run, stepFolder(step, job.job, ctx.root), ctx.file);
      for (const found of started?.found ?? []) {
        agent ??= found.what;
        named.push(found.site);
      }
      // A script left unread at a limit may start an agent: the step is not passed as checked.
      const unchecked = started?.unchecked ?? [];
      if (unchecked.length > 0) {
        const more = unchecked.length > 3 ? `; ${unchecked.length - 3} more` : '';
        ctx.reject?.(
          runPath,
          `${scope} runs project scripts by name that were not fully checked (${unchecked.slice(0, 3).join('; ')}${more})`,
        );
      }
    }
    let vendor: VendorStep | undefined;
    const uses = own(step, 'uses');
    if (typeof uses === 'string') {
      const readOnly = (value: string): boolean => readOnlyGitHubToken(ctx.root, job, step, value);
      vendor = addVendorAction({ ...ctx, facts, add }, step, path, scope, passed, readOnly);
      agent ??= vendor?.agent;
      const folder = links ? localAction(uses) : undefined;
      const action = folder === undefined ? undefined : links!.action(folder);
      if (action) {
        agent ??= action.agent;
        runs.push(action.path);
      }
    }
    if (agent !== undefined) found.push({ index, step, path, agent, scope, facts, runs, started: named, ...(vendor ? { vendor } : {}) });
  });
  return found;
}
