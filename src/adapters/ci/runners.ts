import type { RunnerScript } from '../../core/posture.js';
import { excerpt } from '../../secrets/redact.js';
import type { SourceFile } from '../../core/types.js';
import { resolveScripts, startedBy, type Found, type Resolved, type ScriptJudge, type Started } from '../../shell/runner-scripts.js';
import type { WorkspaceManager, WorkspaceSelection, Workspaces } from '../scripts/workspaces.js';
import type { AdapterContext } from '../types.js';
import { addAgentRuns } from '../shared/agent-runs.js';
import { isTable, type Table } from '../walk.js';
import { stepFolder } from './links.js';
import { cdTo, runnerCalls } from './runner-words.js';
import { jobsOf, stepScript } from './steps.js';
import { workflowYaml } from './parse.js';

/** The most agent commands of project scripts followed from one workflow or action file. */
const MAX_LINKS = 200;
/** A runner's name in a `run:` script, for a cheap text test before anything is parsed or resolved. */
const RUNNER_WORD = /\b(?:npm|pnpm|yarn|bun|g?make|just|task)\b/;

/**
 * What a runner started with no name runs: make its first target, just its first recipe
 * (https://just.systems/man/en/quick-start.html), Task its `default` task; the runner alone for others.
 */
function defaultOf(runner: string, set: readonly RunnerScript[]): string[] {
  const of = (program: string, name?: string): readonly string[] | undefined =>
    set.find((s) => s.invocations.some((inv) => inv.length === 2 && inv[0] === program && (name === undefined || inv[1] === name)))
      ?.invocations[0];
  const words =
    runner === 'make' || runner === 'gmake'
      ? of('make')
      : runner === 'just'
        ? of('just')
        : runner === 'task'
          ? of('task', 'default')
          : undefined;
  return words ? [...words] : [runner];
}

/** The first agent CLI a command line starts, with its characters. */
const startsAgent: ScriptJudge = (command) => {
  const [run] = addAgentRuns(() => undefined, command, undefined, [], '');
  return run && { start: run.start, end: run.end, what: run.agent };
};

const NONE: Started = { found: [], unchecked: [] };

/**
 * The project scripts and targets that workflow steps start by name (`npm run review`, `make review`), resolved by
 * the reading allowed runners use: the package.json, Makefile, justfile or Taskfile nearest at or above the step's
 * folder, scripts started by other scripts followed three levels deep. Only scripts that start an agent CLI count;
 * at most 200 of their commands are followed from one workflow file, and a script left unread at a limit is named.
 */
export class RunnerLinks {
  private readonly judged = new Map<readonly RunnerScript[], Resolved>();
  private readonly followed = new Map<string, Set<string>>();
  private readonly admitted = new Map<string, boolean>();

  constructor(
    private readonly scripts: (file: string) => readonly RunnerScript[],
    private readonly workspaces: (folder: string, selection: WorkspaceSelection, manager: WorkspaceManager) => Workspaces,
  ) {}

  /** The scripts of a folder, resolved once; undefined when it has none. */
  private resolved(folder: string): { set: readonly RunnerScript[]; judged: Resolved } | undefined {
    const set = this.scripts(folder === '' ? '.' : `${folder}/.`);
    if (set.length === 0) return undefined;
    let judged = this.judged.get(set);
    if (!judged) {
      judged = resolveScripts(set, startsAgent, '');
      this.judged.set(set, judged);
    }
    return judged.found.size === 0 && judged.partial.size === 0 ? undefined : { set, judged };
  }

  /**
   * The agent commands of the scripts a `run:` script of `file` starts by name from `folder` (a `cd` before them
   * moving it within the repository); none from an unknown folder.
   */
  started(run: string, folder: string | undefined, file: string): Started {
    if (folder === undefined || !RUNNER_WORD.test(run)) return NONE;
    let followed = this.followed.get(file);
    if (!followed) {
      followed = new Set();
      this.followed.set(file, followed);
    }
    const out = new Map<Found, Found>();
    const unchecked = new Set<string>();
    let here: string | undefined = folder;
    for (const words of startedBy(run)) {
      if (words[0] === 'cd') {
        here = cdTo(words, here);
        continue;
      }
      if (here === undefined) continue;
      for (const call of runnerCalls(words, here)) {
        if (call.folder === undefined) continue;
        const folders = [call.folder];
        if (call.workspaces) {
          const chosen = this.workspaces(call.folder, call.workspaces.selection, call.workspaces.manager);
          if (chosen.cut !== undefined)
            unchecked.add(`\`${excerpt(call.words.join(' '))}\` from ${excerpt(call.folder) || 'the repository root'}: ${chosen.cut}`);
          folders.splice(0, call.workspaces.andRoot ? 0 : 1, ...chosen.folders);
        }
        for (const at of folders) this.follow(at, call.words, followed, out, unchecked);
      }
    }
    return { found: [...out.values()], unchecked: [...unchecked] };
  }

  /** The agent commands of the scripts that `words` run in one folder, added to `out`; partial reads to `unchecked`. */
  private follow(folder: string, words: readonly string[], followed: Set<string>, out: Map<Found, Found>, unchecked: Set<string>): void {
    const scripts = this.resolved(folder);
    if (!scripts) return;
    const { set, judged } = scripts;
    const named = words.length === 1 ? defaultOf(words[0]!, set) : words;
    for (const script of judged.index.of(named)) {
      const why = judged.partial.get(script);
      if (why !== undefined) unchecked.add(`${script.label}: ${why}`);
      const found = judged.found.get(script);
      if (!found) continue;
      const key = `${found.site.file}\0${found.site.keyPath.join('\0')}`;
      if (!followed.has(key)) {
        if (followed.size >= MAX_LINKS) {
          unchecked.add(`${script.label}: more than ${MAX_LINKS} agent commands of scripts are followed from this file`);
          continue;
        }
        followed.add(key);
      }
      if (!out.has(found)) out.set(found, { ...found, site: { ...found.site, agent: found.what } });
    }
  }

  /** Whether a workflow or composite action that names no agent runs, by name, a project script that starts one. */
  runsAgent(file: SourceFile, isWorkflow: boolean): boolean {
    const known = this.admitted.get(file.path);
    if (known !== undefined) return known;
    let found = false;
    if (RUNNER_WORD.test(file.text)) {
      const parsed = workflowYaml(file);
      const root = parsed.ok && isTable(parsed.value) ? parsed.value : {};
      found = jobsOf(root, file.path, isWorkflow).some((job) =>
        job.steps.some((step) => {
          const run = isTable(step) ? stepScript(step, job, root)?.run : undefined;
          return run !== undefined && this.reaches(this.started(run, stepFolder(step as Table, job.job, root), file.path));
        }),
      );
    }
    this.admitted.set(file.path, found);
    return found;
  }

  private reaches(started: Started): boolean {
    return started.found.length > 0 || started.unchecked.length > 0;
  }
}

const byContext = new WeakMap<AdapterContext, RunnerLinks>();

/** The links of one run, shared by its text test and its reading: resolved scripts are judged once. */
export function runnerLinks(context: AdapterContext): RunnerLinks {
  let links = byContext.get(context);
  if (!links) {
    links = new RunnerLinks(context.scripts, context.workspaces);
    byContext.set(context, links);
  }
  return links;
}
