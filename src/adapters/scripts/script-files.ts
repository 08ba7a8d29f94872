import type { AgentPosture, CommandRule, RunnerScript } from '../../core/posture.js';
import { formatKeyPath, type SourceFile } from '../../core/types.js';
import { shellScriptCommands } from './launchers.js';
import { repositoryPath } from './repository-paths.js';

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
/** A committed shell script, by its ending. */
export const SHELL_FILE = /\.(?:sh|bash|zsh)$/;
/** The shells that run a script file given as their first argument, after their options. */
const SHELLS = ['bash', 'sh', 'zsh'];
/** Programs that run a script file given as their first argument: the shells, and `source` and `.` (in the caller's shell). */
const RUN_WITH = [...SHELLS, 'source', '.'];
/** The most scripts the allow rules of one project name by path, and the most spellings of one script's path read. */
const MAX_NAMED = 200;
const MAX_FORMS = 8;

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
  // Last, the name alone: allow rules with free arguments are matched by the program's name, as `/usr/bin/git` is `git`
  // (a rule counts the script only when it names it by one of its words, `byPath`).
  return [...[...forms].flatMap((w) => [[w], ...RUN_WITH.map((shell) => [shell, w])]), [nameOf(path)]];
}

/** Options of a shell that still run the script after them: `-e`, `-xe`, `--noprofile`, and `-o pipefail`'s value. */
const SHELL_OPTION = /^(?:-[a-zA-Z]{1,6}|--(?:noprofile|norc|posix|login|verbose))$/;

/**
 * The words before position `at` of a rule's pattern when they are a shell and its options (`bash -euo pipefail`),
 * each written one way; undefined otherwise.
 */
function shellStart(pattern: readonly (readonly string[])[], at: number): string[] | undefined {
  if (at < 2 || at > 8 || !pattern.slice(0, at).every((words) => words.length === 1)) return undefined;
  const words = pattern.slice(0, at).map((w) => w[0]!);
  if (!SHELLS.includes(words[0]!)) return undefined;
  for (let i = 1; i < words.length; i++) {
    // `-c` reads a command string, not a script; `-o` (alone or ending a cluster, `-euo`) takes the word after it.
    if (!SHELL_OPTION.test(words[i]!) || /^-[a-zA-Z]*c/.test(words[i]!)) return undefined;
    if (/^-[a-zA-Z]*o$/.test(words[i]!) && i + 1 < words.length && /^[a-z]+$/.test(words[i + 1]!)) i++;
  }
  return words;
}

/** An allow rule that names a committed script whose commands could not all be judged, and why. */
export interface UnverifiedScript {
  posture: AgentPosture;
  fact: CommandRule;
  path: string;
  reason: string;
}

/** The most characters of the scripts one project's rules name that are judged (as a runner's set is), and of all. */
const MAX_CHARACTERS = 200_000;
const MAX_ALL_CHARACTERS = 2_000_000;

/** A script the rules of a project name: the spellings read as its invocations, every word that names it, the first rule. */
interface NamedScript {
  forms: Set<string>;
  words: Set<string>;
  /** The script given to a shell with options, as a rule writes it (`bash -euo pipefail scripts/x.sh`). */
  starts: Set<string>;
  posture: AgentPosture;
  fact: CommandRule;
}

/**
 * The committed shell scripts that allow rules name by path (`Bash(./scripts/deploy.sh)`, a Cursor allowlist's
 * `bash scripts/deploy.sh`), as scripts of the project they run from: what the script runs is what the rule lets
 * the agent run unasked. Only scripts some allow rule names are read, smallest first, at most `MAX_NAMED` and
 * `MAX_CHARACTERS` per project; a path that leaves the repository or is built from variables names none. A named
 * script that is committed but could not be read, or was read only in part, is `unverified`: the rule that names it
 * grants what no one checked.
 */
export function namedScriptFiles(
  files: readonly SourceFile[],
  postures: readonly AgentPosture[],
  unreadable: ReadonlyMap<string, string>,
): { scriptsFor: (configFile: string) => RunnerScript[]; unverified: UnverifiedScript[] } {
  const byPath = new Map(files.filter((f) => SHELL_FILE.test(f.path)).map((f) => [f.path, f]));
  // Per project, each named script's path, the words that name it and the first rule that does.
  const named = new Map<string, Map<string, NamedScript>>();
  const unverified: UnverifiedScript[] = [];
  const reported = new Set<string>();
  const unverify = (posture: AgentPosture, fact: CommandRule, path: string, reason: string): void => {
    const key = `${posture.file}\0${formatKeyPath(fact.keyPath)}\0${path}`;
    if (reported.has(key)) return;
    reported.add(key);
    unverified.push({ posture, fact, path, reason });
  };
  if (byPath.size > 0 || unreadable.size > 0)
    for (const posture of postures) {
      const project = projectFolder(posture.file);
      for (const fact of posture.facts) {
        if (fact.kind !== 'command-rule' || fact.decision !== 'allow') continue;
        for (const [position, words] of fact.pattern.entries())
          for (const word of words) {
            if (!SHELL_FILE.test(word)) continue;
            const path = repositoryPath(project, word);
            if (path === undefined) continue;
            const why = unreadable.get(path);
            if (why !== undefined) unverify(posture, fact, path, `it ${why}`);
            if (!byPath.has(path)) continue;
            let scripts = named.get(project);
            if (!scripts) named.set(project, (scripts = new Map<string, NamedScript>()));
            let script = scripts.get(path);
            if (!script) {
              if (scripts.size >= MAX_NAMED) {
                unverify(posture, fact, path, `the project's rules name more than ${MAX_NAMED} scripts`);
                continue;
              }
              scripts.set(
                path,
                (script = { forms: new Set<string>(), words: new Set<string>(), starts: new Set<string>(), posture, fact }),
              );
            }
            if (script.forms.size < MAX_FORMS) script.forms.add(word);
            script.words.add(word);
            // Given to a shell with options as the rule writes them (`bash -euo pipefail x.sh`): that start, as written.
            const started = shellStart(fact.pattern, position);
            if (started && script.starts.size < MAX_FORMS) script.starts.add([...started, word].join(' '));
          }
      }
    }
  // Each script's commands read once, whichever projects' rules name it.
  const commandsOf = new Map<string, ReturnType<typeof shellScriptCommands>>();
  const ofProject = new Map<string, RunnerScript[]>();
  // The characters judged in all projects, each script counted once.
  let all = 0;
  const judged = new Set<string>();
  for (const [project, scripts] of named) {
    const prefix = project === '' ? '' : `${project}/`;
    const out: RunnerScript[] = [];
    let characters = 0;
    // Smallest first: a large script the rules also name takes nothing from a small one.
    const bySize = [...scripts].sort(([a], [b]) => byPath.get(a)!.text.length - byPath.get(b)!.text.length || (a < b ? -1 : 1));
    for (const [path, { forms, words, starts, posture, fact }] of bySize) {
      const file = byPath.get(path)!;
      // bash drops NUL bytes and runs what is left (`gi\0t push`): what the text shows is not what runs.
      if (file.text.includes('\0')) {
        unverify(posture, fact, path, 'it holds a NUL byte, which bash drops before it runs the line');
        continue;
      }
      let read = commandsOf.get(path);
      if (!read) commandsOf.set(path, (read = shellScriptCommands(file)));
      const size = read.commands.reduce((n, c) => n + c.command.length, 0);
      characters += size;
      // A script judged for another project already costs nothing more.
      if (!judged.has(path)) all += size;
      if (characters > MAX_CHARACTERS || all > MAX_ALL_CHARACTERS) {
        const [whose, bound] =
          characters > MAX_CHARACTERS ? ["the project's rules name", MAX_CHARACTERS] : ['all rules name', MAX_ALL_CHARACTERS];
        unverify(posture, fact, path, `the scripts ${whose} hold more than ${bound.toLocaleString('en')} characters`);
        continue;
      }
      judged.add(path);
      if (read.cut) unverify(posture, fact, path, read.cut);
      out.push({
        invocations: [...invocationsOf(path, prefix, forms), ...[...starts].map((start) => start.split(' '))],
        label: path,
        commands: read.commands,
        byPath: words,
      });
    }
    ofProject.set(
      project,
      out.sort((a, b) => (a.label < b.label ? -1 : 1)),
    );
  }
  return { scriptsFor: (configFile) => ofProject.get(projectFolder(configFile)) ?? [], unverified };
}
