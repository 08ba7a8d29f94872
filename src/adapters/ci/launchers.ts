import type { SourceFile } from '../../core/types.js';
import { isTable, type Table } from '../walk.js';
import { stepScripts } from './links.js';
import { jobsOf, stepScript } from './steps.js';
import { workflowYaml } from './parse.js';

/** The most launcher scripts that workflows name, all files together. */
const MAX_LAUNCHERS = 200;

/**
 * Committed shell scripts that workflow and composite action steps run by path: read as launchers with the job
 * around the step. Bounded; a file is parsed only when its text names a shell script.
 */
export function workflowLaunchers(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  isWorkflow: (path: string) => boolean,
): string[] {
  const found = new Set<string>();
  let committed: ReadonlySet<string> | undefined;
  for (const file of files) {
    if (!/\.(?:sh|bash|zsh)\b/.test(file.text)) continue;
    const parsed = workflowYaml(file);
    if (!parsed.ok || !isTable(parsed.value)) continue;
    const root = parsed.value;
    for (const job of jobsOf(root, file.path, isWorkflow(file.path))) {
      for (const step of job.steps) {
        const run = isTable(step) ? stepScript(step, job, root)?.run : undefined;
        if (run === undefined) continue;
        for (const path of stepScripts(run, step as Table, job.job, job.id === undefined, root, file.path)) {
          if (found.has(path)) continue;
          committed ??= new Set(paths());
          if (committed.has(path)) found.add(path);
          if (found.size >= MAX_LAUNCHERS) return [...found];
        }
      }
    }
  }
  return [...found];
}
