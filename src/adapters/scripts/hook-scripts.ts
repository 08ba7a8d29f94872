import type { AgentPosture, Fact, FactOf } from '../../core/posture.js';
import type { SourceFile } from '../../core/types.js';
import { excerpt } from '../../secrets/redact.js';
import { addShellCommandAt } from '../shared/commands.js';
import { scriptsRun, shellScriptCommands } from './launchers.js';
import { repositoryPath } from './repository-paths.js';
import { projectFolder } from './script-files.js';

/**
 * How a hook command names the project it runs for: the agents' own variables (`"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.sh`,
 * hooks reference), the working directory, and git's top folder (`"$(git rev-parse --show-toplevel)"/scripts/x.sh`).
 */
const PROJECT_ROOT =
  /^(?:\$\{?(?:CLAUDE_PROJECT_DIR|GEMINI_PROJECT_DIR|CURSOR_PROJECT_DIR|CODEX_WORKSPACE|PWD)\}?|\$\(pwd\)|\$\(git rev-parse --show-toplevel\))\//;
/** git's top folder written in a command, in or out of quotes, read as the project's variable (it is one word to the shell). */
const GIT_TOP = /\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)/g;

/** Files that may hold hooks: agents' settings, hooks files, Codex's config, Kiro's hooks. */
export const HOOK_CONFIG = /(?:^|\/)(?:settings(?:\.local)?\.json|hooks\.json|config\.toml|[^/]*\.kiro\.hook)$/i;
/** A shell script's path as a word of a command (`"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.sh`, `scripts/push.sh`). */
const SCRIPT_WORD = /[^\s"'`=;&|<>(){}]+\.(?:sh|bash|zsh)(?![\w.-])/g;

/**
 * The committed shell scripts that hooks may run, by the hook file that names them: every script path a hook file's
 * text names (more than its hooks run, which `withHookScripts` judges), resolved from the file's project folder or
 * the repository's top, inside the repository only; at most `MAX_NAMED` in all.
 */
export function hookScriptsByFile(files: readonly SourceFile[], paths: () => readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let committed: ReadonlySet<string> | undefined;
  let count = 0;
  for (const file of files) {
    if (!HOOK_CONFIG.test(file.path) || !/\.(?:sh|bash|zsh)\b/.test(file.text)) continue;
    const project = projectFolder(file.path);
    const mine = new Set<string>();
    for (const [written] of file.text.replace(GIT_TOP, '$CLAUDE_PROJECT_DIR').matchAll(SCRIPT_WORD)) {
      const path = repositoryPath(project, written.replace(PROJECT_ROOT, '').replace(/^\$\{?\w+\}?\//, ''));
      if (path === undefined || mine.has(path)) continue;
      committed ??= new Set(paths());
      if (!committed.has(path)) continue;
      mine.add(path);
      if (++count >= MAX_NAMED) break;
    }
    if (mine.size > 0) out.set(file.path, [...mine]);
    if (count >= MAX_NAMED) break;
  }
  return out;
}

/** The committed shell scripts hooks may run, to be read with the agent files (`hookScriptsByFile`). */
export const namedHookScripts = (files: readonly SourceFile[], paths: () => readonly string[]): string[] => [
  ...new Set([...hookScriptsByFile(files, paths).values()].flat()),
];

/** The most scripts all hook files name that are read. */
const MAX_NAMED = 200;
/** The most scripts the hooks of one file run that are read, and the most commands one of them adds. */
const MAX_SCRIPTS = 32;
const MAX_COMMANDS = 500;

/**
 * The commands of the committed shell scripts that hook commands run by path (`bash "$CLAUDE_PROJECT_DIR/scripts/push.sh"`),
 * added to the posture as commands of the hook: a hook runs without a prompt, and so does everything its script runs.
 * Each is anchored at the hook and says which line of which script it is. Paths that leave the repository, or are
 * built from other variables, are not followed; scripts a script runs are not followed either.
 */
export function withHookScripts(postures: readonly AgentPosture[], files: readonly SourceFile[]): AgentPosture[] {
  let byPath: Map<string, SourceFile> | undefined;
  return postures.map((posture) => {
    const hooks = posture.facts.filter(
      (f): f is FactOf<'auto-command'> => f.kind === 'auto-command' && f.launch === undefined && f.trigger.endsWith(' hook'),
    );
    if (hooks.length === 0) return posture;
    byPath ??= new Map(files.map((f) => [f.path, f]));
    const project = projectFolder(posture.file);
    const added: Fact[] = [];
    const seen = new Set<string>();
    for (const hook of hooks) {
      for (const written of scriptsRun(hook.command.replace(GIT_TOP, '$CLAUDE_PROJECT_DIR'))) {
        const path = repositoryPath(project, written.replace(PROJECT_ROOT, ''));
        const script = path === undefined ? undefined : byPath.get(path);
        if (script === undefined) continue;
        const key = `${hook.trigger}\0${script.path}`;
        if (seen.has(key)) continue;
        // What could not be read of a script a hook runs is said, at the hook: it runs unread.
        const unread = (why: string): void => {
          added.push({
            kind: 'unread',
            why: `${hook.trigger} runs ${script.path}: ${why}`,
            keyPath: hook.keyPath,
            anchor: hook.anchor,
            evidence: hook.evidence,
          });
        };
        if (seen.size >= MAX_SCRIPTS) {
          unread(`the file's hooks run more than ${MAX_SCRIPTS} scripts and this one was not read, so what it runs could not be verified`);
          continue;
        }
        seen.add(key);
        // bash drops NUL bytes and runs what is left (`gi\0t push`): what the text shows is not what runs.
        if (script.text.includes('\0')) {
          unread('it holds a NUL byte, which bash drops before it runs the line, so what it runs could not be verified');
          continue;
        }
        const read = shellScriptCommands(script);
        if (read.cut) unread(read.cut);
        if (read.commands.length > MAX_COMMANDS)
          unread(`it holds more than ${MAX_COMMANDS} commands and those after were not read, so what they run could not be verified`);
        for (const { command, place } of read.commands.slice(0, MAX_COMMANDS)) {
          const line = place?.runs[0]?.[1];
          const where = line === undefined ? script.path : `${script.path}:${line}`;
          const trigger = `${hook.trigger} script ${where}`;
          addShellCommandAt(
            (fact) => added.push(fact),
            undefined,
            command,
            hook.keyPath,
            trigger,
            `${trigger} "${excerpt(command)}"`,
            hook.scope,
          );
        }
      }
    }
    return added.length === 0 ? posture : { ...posture, facts: [...posture.facts, ...added] };
  });
}
