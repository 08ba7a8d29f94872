import type { AgentPosture, RunnerScript } from '../../core/posture.js';
import type { SourceFile } from '../../core/types.js';
import { shellScriptCommands } from './launchers.js';
import { repositoryPath } from './repository-paths.js';

/** A committed shell script, by its ending. */
const SHELL_FILE = /\.(?:sh|bash|zsh)$/;
/** Programs that run a script file given as their first argument: the shells, and `source` and `.` (in the caller's shell). */
const RUN_WITH = ['bash', 'sh', 'zsh', 'source', '.'];
/** The most scripts the allow rules of one project name by path. */
const MAX_NAMED = 200;

/**
 * The folder an agent's config file speaks for, where the agent's commands run: the one above the agent's own
 * dot-folder (`web` for `web/.claude/settings.json`, the root for `.codex/rules/x.rules`), else the file's folder.
 */
export function projectFolder(configFile: string): string {
  const parts = configFile.split('/').slice(0, -1);
  const dot = parts.findIndex((p) => p.startsWith('.'));
  return (dot >= 0 ? parts.slice(0, dot) : parts).join('/');
}

/**
 * How a command starts the script at `path`: by path as the rules write it (`../scripts/x.sh` too), and from the project
 * folder (`./scripts/x.sh`, `scripts/x.sh`); alone or given to a shell.
 */
function invocationsOf(path: string, prefix: string, written: ReadonlySet<string>): string[][] {
  const forms = new Set(written);
  if (path.startsWith(prefix)) {
    const own = path.slice(prefix.length);
    forms.add(`./${own}`);
    if (own.includes('/')) forms.add(own);
  }
  // Last, the name alone: allow rules with free arguments are matched by the program's name, as `/usr/bin/git` is `git`.
  const name = path.slice(path.lastIndexOf('/') + 1);
  return [...[...forms].flatMap((w) => [[w], ...RUN_WITH.map((shell) => [shell, w])]), [name]];
}

/**
 * The committed shell scripts that allow rules name by path (`Bash(./scripts/deploy.sh)`, a Cursor allowlist's
 * `bash scripts/deploy.sh`), as scripts of the project they run from: what the script runs is what the rule lets
 * the agent run unasked. Only scripts some allow rule names are read, at most `MAX_NAMED` per project; a path that
 * leaves the repository or is built from variables names none.
 */
export function namedScriptFiles(files: readonly SourceFile[], postures: readonly AgentPosture[]): (configFile: string) => RunnerScript[] {
  const byPath = new Map(files.filter((f) => SHELL_FILE.test(f.path)).map((f) => [f.path, f]));
  // Per project, each named script's path and the words that name it.
  const named = new Map<string, Map<string, Set<string>>>();
  if (byPath.size > 0)
    for (const posture of postures) {
      const project = projectFolder(posture.file);
      for (const fact of posture.facts) {
        if (fact.kind !== 'command-rule' || fact.decision !== 'allow') continue;
        for (const words of fact.pattern)
          for (const word of words) {
            if (!SHELL_FILE.test(word)) continue;
            const path = repositoryPath(project, word);
            if (path === undefined || !byPath.has(path)) continue;
            let scripts = named.get(project);
            if (!scripts) named.set(project, (scripts = new Map<string, Set<string>>()));
            const forms = scripts.get(path) ?? (scripts.size < MAX_NAMED ? new Set<string>() : undefined);
            if (!forms) continue;
            forms.add(word);
            scripts.set(path, forms);
          }
      }
    }
  const ofProject = new Map<string, RunnerScript[]>();
  return (configFile) => {
    const project = projectFolder(configFile);
    let found = ofProject.get(project);
    if (found) return found;
    const prefix = project === '' ? '' : `${project}/`;
    found = [...(named.get(project) ?? [])]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, written]) => ({
        invocations: invocationsOf(path, prefix, written),
        label: path,
        commands: shellScriptCommands(byPath.get(path)!),
      }));
    ofProject.set(project, found);
    return found;
  };
}
