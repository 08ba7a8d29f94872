import type { AgentPosture, Fact } from '../../core/posture.js';
import { formatKeyPath, type Problem, type SourceFile } from '../../core/types.js';
import { agentPath } from '../../sources/agent-paths.js';
import { parseYamlText } from '../../sources/yaml.js';
import type { MapContext } from '../shared/structured.js';
import { at, setting } from '../shared/structured.js';
import { fileText } from '../shared/text-place.js';
import { unparseable, type Adapter, type AdapterOutput } from '../types.js';
import { entries, isTable, own, stringLeaves, type Table } from '../walk.js';
import { VENDOR_ACTION_KEYS } from './actions.js';
import { addCopilotSetup } from './copilot-setup.js';
import { addJobFacts } from './job.js';
import { CI_KEYS } from './keys.js';
import { mayStartAgent } from './prefilter.js';
import { agentSteps, type Job } from './steps.js';

const WORKFLOW = agentPath('.github/workflows/*.{yml,yaml}');
const ACTION = agentPath('action.{yml,yaml}');
/** The Copilot coding agent's setup steps, read whatever they name. */
const COPILOT_SETUP = /(?:^|\/)\.github\/workflows\/copilot-setup-steps\.ya?ml$/i;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The jobs of a workflow, or the steps of a composite action as one job; none for other actions. */
function jobsOf(root: Table, path: string): Job[] {
  if (!WORKFLOW.test(path)) {
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
    const steps = isTable(job) ? own(job, 'steps') : undefined;
    if (!isTable(job) || !Array.isArray(steps)) return [];
    return [{ id, job, path: ['jobs', id], steps, stepsPath: ['jobs', id, 'steps'], scope: `workflow "${name}" job "${id}"` }];
  });
}

/** Literal credentials in the values an agent step gets (`env:`, `with:`), where a committed token would sit. */
function addLiterals(facts: Fact[], owner: Table, base: readonly (string | number)[]): void {
  const covered = new Set(facts.filter((f) => f.kind === 'literal').map((f) => formatKeyPath(f.keyPath)));
  for (const key of ['env', 'with']) {
    for (const leaf of stringLeaves(own(owner, key))) {
      const path = [...base, key, ...leaf.path];
      if (leaf.value.includes('${{') || covered.has(formatKeyPath(path))) continue;
      facts.push({ kind: 'literal', value: leaf.value, keyName: leaf.keyName, ...at(path, setting(path, leaf.value)) });
    }
  }
}

/**
 * One file: a posture per step that starts an agent (its agent's id), the job's facts on the first agent step of
 * the job. A file that starts no agent gives nothing.
 */
function toFilePostures(file: SourceFile, problems: Problem[]): AgentPosture[] {
  const parsed = parseYamlText(file.text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    problems.push(unparseable('ci', file.path, `cannot parse YAML: ${first.message}`, first.position));
    return [];
  }
  const root = isTable(parsed.value) ? parsed.value : {};
  const { locator } = parsed;
  const slash = file.path.lastIndexOf('/');
  const ctx: MapContext = {
    file: file.path,
    root,
    group: slash < 0 ? '' : file.path.slice(0, slash),
    facts: [],
    envFilter: 'n/a',
    add: () => undefined,
    site: { text: fileText(file.text, true), locator },
    reject: (path, message, notice) => {
      const position = locator.locate(path, 'key').start;
      problems.push({ ...unparseable('ci', file.path, message, position), keyPath: path, ...(notice ? { notice } : {}) });
    },
  };
  const postures: AgentPosture[] = [];
  const emitted = new Set<string>();
  for (const job of jobsOf(root, file.path)) {
    // The Copilot coding agent's setup job runs in the agent's own environment before it starts.
    if (job.id === 'copilot-setup-steps' && COPILOT_SETUP.test(file.path)) {
      const facts: Fact[] = [];
      addCopilotSetup({ ...ctx, facts, add: (f) => facts.push(f) }, job.job, job.path);
      postures.push({ agent: 'copilot', file: file.path, facts, envFilter: 'n/a', locator, unit: job.scope });
      continue;
    }
    const steps = agentSteps(ctx, job);
    if (steps.length === 0) continue;
    const first = steps[0]!;
    addJobFacts(
      root,
      job,
      steps,
      (fact) => first.facts.push(fact),
      (step, fact) => step.facts.push(fact),
      emitted,
    );
    for (const step of steps) {
      addLiterals(step.facts, step.step, step.path);
      postures.push({ agent: step.agent, file: file.path, facts: step.facts, envFilter: 'n/a', locator, unit: step.scope });
    }
  }
  return postures;
}

/**
 * GitHub Actions workflows and composite actions that start agents: no human is there to approve anything, so
 * what the agent may do is what its flags, the vendor action's inputs and the job around it allow.
 */
export const ciAdapter: Adapter = {
  id: 'ci',
  name: 'GitHub Actions workflows',
  patterns: [WORKFLOW, ACTION],
  keys: [...CI_KEYS, ...VENDOR_ACTION_KEYS],
  matches: (path) => WORKFLOW.test(path) || ACTION.test(path),
  admits: (file) => COPILOT_SETUP.test(file.path) || mayStartAgent(file.text),
  toPostures(files: readonly SourceFile[]): AdapterOutput {
    const problems: Problem[] = [];
    const postures = files.flatMap((file) => toFilePostures(file, problems));
    return { postures, problems };
  },
};
