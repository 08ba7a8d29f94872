import type { AgentPosture, Fact, FactOf } from '../../core/posture.js';
import type { SourceFile } from '../../core/types.js';
import { excerpt } from '../../secrets/redact.js';
import { addShellCommandAt } from '../shared/commands.js';
import { scriptsRun, shellScriptCommands } from './launchers.js';
import { repositoryPath } from './repository-paths.js';
import { projectFolder, SHELL_FILE } from './script-files.js';

/**
 * How a hook command names the folder its script is in: the agents' own variables for the project
 * (`"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.sh`, hooks reference), the working directory, git's top folder, and a plugin's
 * root (`${CLAUDE_PLUGIN_ROOT}/scripts/x.sh`).
 */
const PROJECT_VARIABLE = /^\$\{?(?:CLAUDE_PROJECT_DIR|GEMINI_PROJECT_DIR|CURSOR_PROJECT_DIR|CODEX_WORKSPACE|PWD)\}?$|^\$\(pwd\)$/;
const PLUGIN_VARIABLE = /^\$\{?CLAUDE_PLUGIN_ROOT\}?$/;
/** git's top folder written in a command, read as the project's variable (it is one word to the shell). */
const GIT_TOP = /\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)/g;

/** Files that may hold hooks: agents' settings, hooks files, Codex's config, Kiro's hooks. */
export const HOOK_CONFIG = /(?:^|\/)(?:settings(?:\.local)?\.json|hooks\.json|config\.toml|[^/]*\.kiro\.hook)$/i;
/** What ends a word of a command in a config's text: blanks, quotes, the shell's operators, a JSON escape's backslash. */
const WORD_END = /[\s"'`=;&|<>(),\\]+/;

/** The folder a plugin's hooks file runs from: the plugin's root, above `hooks/` or `.claude-plugin/`. */
const pluginRoot = (file: string): string => {
  const parts = file.split('/').slice(0, -1);
  if (parts.at(-1) === 'hooks' || parts.at(-1) === '.claude-plugin') parts.pop();
  return parts.join('/');
};

/**
 * The repository path of a script as a hook command writes it, from the file that holds the hook: relative to its
 * project folder, or after the project's or a plugin's variable (`$CLAUDE_PROJECT_DIR/x.sh`, `"${CLAUDE_PLUGIN_ROOT}"/x.sh`
 * given as the variable and the rest); undefined for a path that leaves the repository, is absolute, or is built from
 * another variable.
 */
function scriptPath(file: string, written: string, variable?: string): string | undefined {
  let rest = written;
  let base = projectFolder(file);
  const slash = rest.indexOf('/');
  const head = variable ?? (slash > 0 ? rest.slice(0, slash) : undefined);
  if (head !== undefined && (PROJECT_VARIABLE.test(head) || PLUGIN_VARIABLE.test(head))) {
    if (PLUGIN_VARIABLE.test(head)) base = pluginRoot(file);
    if (variable === undefined) rest = rest.slice(slash + 1);
    else rest = rest.replace(/^\/+/, '');
  } else if (variable !== undefined) return undefined;
  return repositoryPath(base, rest);
}

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
    const mine = new Set<string>();
    // Words split at what ends them, in one pass: a JSON escape (`\/`, `\"`) is a break, and a variable quoted apart
    // from the rest of its path (`"$CLAUDE_PROJECT_DIR"/x.sh`) is taken with the word after it.
    const words = file.text.replaceAll('\\/', '/').replace(GIT_TOP, '$CLAUDE_PROJECT_DIR').replaceAll('$(pwd)', '$PWD').split(WORD_END);
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (!SHELL_FILE.test(word)) continue;
      const before = words[w - 1];
      const path = word.startsWith('/') ? scriptPath(file.path, word, before) : scriptPath(file.path, word);
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

/** The most scripts all hook files name that are read (more are named only by a hostile repository). */
const MAX_NAMED = 2_000;
/** The most scripts the hooks of one file run that are read, the most commands one of them adds, and the characters of all read. */
const MAX_SCRIPTS = 32;
const MAX_COMMANDS = 500;
const MAX_CHARACTERS = 4_000_000;
/** The most script commands all hooks together add. */
const MAX_JUDGED = 20_000;

/**
 * The commands of the committed shell scripts that hook commands run by path (`bash "$CLAUDE_PROJECT_DIR/scripts/push.sh"`),
 * added to the posture as commands of the hook: a hook runs without a prompt, and so does everything its script runs.
 * Each is anchored at the hook and says which line of which script it is. Paths that leave the repository, or are
 * built from other variables, are not followed; scripts a script runs are not followed either. A committed script that
 * was not read (a link, past the bounds), or was read only in part, is said at the hook: it runs unread.
 */
export function withHookScripts(
  postures: readonly AgentPosture[],
  files: readonly SourceFile[],
  committed: () => readonly string[],
): AgentPosture[] {
  let byPath: Map<string, SourceFile> | undefined;
  let listed: ReadonlySet<string> | undefined;
  // Each script read once, whichever hooks run it; what all of them hold, bounded.
  const read = new Map<string, ReturnType<typeof shellScriptCommands>>();
  let characters = 0;
  let judged = 0;
  return postures.map((posture) => {
    const hooks = posture.facts.filter(
      (f): f is FactOf<'auto-command'> => f.kind === 'auto-command' && f.launch === undefined && f.trigger.endsWith(' hook'),
    );
    if (hooks.length === 0) return posture;
    byPath ??= new Map(files.map((f) => [f.path, f]));
    const added: Fact[] = [];
    const seen = new Set<string>();
    for (const hook of hooks) {
      for (const written of scriptsRun(hook.command.replace(GIT_TOP, '$CLAUDE_PROJECT_DIR'))) {
        const path = scriptPath(posture.file, written);
        if (path === undefined) continue;
        const key = `${hook.trigger}\0${path}`;
        if (seen.has(key)) continue;
        // What could not be read of a script a hook runs is said, at the hook: it runs unread.
        const unread = (why: string): void => {
          added.push({
            kind: 'unread',
            why: `${hook.trigger} runs ${path}: ${why}`,
            keyPath: hook.keyPath,
            anchor: hook.anchor,
            evidence: hook.evidence,
          });
        };
        const script = byPath.get(path);
        if (script === undefined) {
          listed ??= new Set(committed());
          if (listed.has(path))
            unread(
              'it is committed but could not be read (a link, or past the bounds of what is read), so what it runs could not be verified',
            );
          continue;
        }
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
        let commands = read.get(path);
        if (commands === undefined) {
          if (characters + script.text.length > MAX_CHARACTERS) {
            unread(
              `the scripts hooks run hold more than ${MAX_CHARACTERS.toLocaleString('en')} characters, so what this one runs could not be verified`,
            );
            continue;
          }
          characters += script.text.length;
          read.set(path, (commands = shellScriptCommands(script)));
        }
        if (commands.cut) unread(commands.cut);
        if (commands.commands.length > MAX_COMMANDS)
          unread(`it holds more than ${MAX_COMMANDS} commands and those after were not read, so what they run could not be verified`);
        const taken = commands.commands.slice(0, MAX_COMMANDS);
        // The same scripts run by many hooks are judged again for each: what all hooks add is bounded too.
        if (judged + taken.length > MAX_JUDGED) {
          unread(
            `the hooks of the repository run more than ${MAX_JUDGED.toLocaleString('en')} script commands, so what this one runs could not be verified`,
          );
          continue;
        }
        judged += taken.length;
        for (const { command, place } of taken) {
          const line = place?.runs[0]?.[1];
          const trigger = `${hook.trigger} script ${line === undefined ? path : `${path}:${line}`}`;
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
