import type { RunnerScript, TextPlace } from '../../core/posture.js';
import { fileStartLocator, type Locator } from '../../core/locator.js';
import type { KeyPath, SourceFile } from '../../core/types.js';
import { plainGlobMatcher } from '../../sources/globs.js';
import { parseJson } from '../../sources/json.js';
import type { ParseProblem } from '../../sources/parsed.js';
import { parseYamlText } from '../../sources/yaml.js';
import { entries, isTable, own } from '../walk.js';
import { fileText, textPlace, type FileText } from '../shared/text-place.js';
import { excerpt } from '../../secrets/redact.js';
import { repositoryFolder } from './repository-paths.js';
import { UNREADABLE, workspaceTest } from './workspaces.js';
import { joinContinued, physicalLines, recipePrefix, type PhysicalLine } from './text-lines.js';

/** How a script or target is started: `npm run <name>` and its kin, `make <name>`, `just <name>`, `task <name>`. */
export type RunnerKind = 'npm' | 'make' | 'just' | 'task';

/** One command line of a script or target the repository defines. */
export interface ScriptCommand {
  runner: RunnerKind;
  /** The script's or target's name. */
  name: string;
  command: string;
  file: string;
  keyPath: KeyPath;
  /** Where its characters sit in the file; absent when they cannot be placed (the key is the place then). */
  place?: TextPlace;
  /** How the file calls it, e.g. `package.json script "deploy"`, `Makefile target "deploy"`. */
  label: string;
}

export interface FileTargets {
  commands: ScriptCommand[];
  locator: Locator;
  /** Why the file could not be parsed; its commands are then unknown. */
  problem?: ParseProblem;
  /** The parsed value of a JSON or YAML file. */
  value?: unknown;
  /** Why the commands past some point were not read (a limit reached); absent when all were. */
  cut?: string;
  /**
   * Every make target, just recipe or Task task in the file's order (the first is make's default), with how the
   * file calls it and the names of those it runs first: prerequisites, dependencies, `deps` and `task:` commands.
   */
  targets?: Map<string, Target>;
  /** The files a Makefile includes, as written (`include`, `-include`, `sinclude`), each name once; one past `MAX_INCLUDES` at most. */
  includes?: string[];
  /** A Taskfile's task aliases (`aliases: [r]`), each to the task it runs; apart from `targets`, with a bound of its own. */
  aliases?: Map<string, string>;
}

/** A make target, just recipe or Task task: how its file calls it, and the targets of the file it runs first. */
export interface Target {
  label: string;
  /** Each name once, in the order first written. */
  prerequisites: Set<string>;
  /** Set when it has more prerequisites than were kept (`MAX_COMMANDS`): what it runs is then not all known. */
  cut?: true;
}

/** A target's name as another target or a command line names it: no variables, patterns or paths. A leading ":" is Task's root namespace. */
const TARGET_NAME = /^:?[A-Za-z0-9_][\w.:-]*$/;

/** Adds a target to a file's list, with prerequisites (at most `MAX_COMMANDS` a target, as commands). */
function addTarget(targets: Map<string, Target>, name: string, label: string, prerequisites: readonly string[]): void {
  let target = targets.get(name);
  if (!target) {
    // Past the bound the file counts as read in part (`parseTargets`).
    if (targets.size >= MAX_TARGETS) return;
    targets.set(name, (target = { label, prerequisites: new Set() }));
  }
  for (const p of prerequisites) {
    if (!TARGET_NAME.test(p)) continue;
    if (target.prerequisites.size < MAX_COMMANDS || target.prerequisites.has(p)) target.prerequisites.add(p);
    else target.cut = true;
  }
}

/** The most lines of a Makefile or justfile read, the most commands taken from one file, and the most targets. */
const MAX_LINES = 20_000;
const MAX_COMMANDS = 2_000;
const MAX_TARGETS = 5_000;
/** The most task aliases of one Taskfile; past them an alias does not run its task. */
const MAX_ALIASES = 1_000;

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).toLowerCase();
/** A makefile by its ending, read when a Makefile includes it: make never looks for one by itself. */
const MAKE_PART = /\.(?:mk|make)$/;

/** Which runner reads a file, by its name; undefined for other files. */
export function runnerOf(path: string): RunnerKind | undefined {
  const name = nameOf(path);
  if (name === 'package.json') return 'npm';
  if (name === 'makefile' || name === 'gnumakefile' || MAKE_PART.test(name)) return 'make';
  if (name === 'justfile' || name === '.justfile') return 'just';
  if (/^taskfile(?:\.dist)?\.ya?ml$/.test(name)) return 'task';
  return undefined;
}

/**
 * Where a runner looks for its file among the names of one folder, first to last: npm reads `package.json` only;
 * GNU make `GNUmakefile`, `makefile`, `Makefile` (GNU make manual, "What Name to Give Your Makefile"); just
 * `justfile` then `.justfile`, in any case (https://just.systems/man/en/hiding-justfiles.html; its search
 * compares names case-insensitively); Task the eight names of https://taskfile.dev/docs#supported-file-names.
 */
const LOOKED_FOR: Record<RunnerKind, (name: string) => number> = {
  npm: (name) => (name === 'package.json' ? 0 : -1),
  make: (name) => ['GNUmakefile', 'makefile', 'Makefile'].indexOf(name),
  just: (name) => ['justfile', '.justfile'].indexOf(name.toLowerCase()),
  task: (name) =>
    [
      'Taskfile.yml',
      'taskfile.yml',
      'Taskfile.yaml',
      'taskfile.yaml',
      'Taskfile.dist.yml',
      'taskfile.dist.yml',
      'Taskfile.dist.yaml',
      'taskfile.dist.yaml',
    ].indexOf(name),
};

/** Where a runner's file comes in the runner's own lookup in its folder (0 first); -1 for a name it never reads. */
export function runnerRank(path: string): number {
  const runner = runnerOf(path);
  return runner === undefined ? -1 : LOOKED_FOR[runner](path.slice(path.lastIndexOf('/') + 1));
}

/** The characters of a JSON or YAML string value (quoted, or a plain one-line scalar); undefined for others. */
export function scalarPlace(text: FileText, locator: Locator, path: KeyPath, value: string): TextPlace | undefined {
  const span = locator.locate(path, 'value');
  const quoted = textPlace(text, span, value);
  if (quoted || value.includes('\n') || value === '') return quoted;
  const start = text.starts()[span.start.line - 1];
  if (start === undefined) return undefined;
  const offset = start + span.start.column - 1;
  return text.text.startsWith(value, offset) ? { runs: [[0, span.start.line, span.start.column]], length: value.length } : undefined;
}

const readOnce = new WeakMap<SourceFile, FileTargets>();

/**
 * Every command of the scripts or targets a file defines, parsed once a file: the scripts adapter, the reading of
 * allowed runners and workflow steps, and the workflow prefilter all ask for the same files.
 */
export function readTargets(file: SourceFile): FileTargets {
  let read = readOnce.get(file);
  if (!read) readOnce.set(file, (read = parseTargets(file)));
  return read;
}

function parseTargets(file: SourceFile): FileTargets {
  const runner = runnerOf(file.path);
  if (runner === 'make' || runner === 'just') {
    const lines = physicalLines(file.text, MAX_LINES);
    const targets = new Map<string, Target>();
    const includes = new Set<string>();
    const commands = runner === 'make' ? makeTargets(file.path, lines, targets, includes) : justRecipes(file.path, lines, targets);
    const cut =
      lines.length >= MAX_LINES && lines[lines.length - 1]!.line < file.text.split('\n', MAX_LINES + 1).length
        ? `it has more than ${MAX_LINES.toLocaleString('en')} lines`
        : commands.length >= MAX_COMMANDS
          ? `it has more than ${MAX_COMMANDS.toLocaleString('en')} commands`
          : targets.size >= MAX_TARGETS
            ? `it has more than ${MAX_TARGETS.toLocaleString('en')} targets`
            : undefined;
    return {
      commands,
      locator: fileStartLocator,
      targets,
      ...(includes.size > 0 ? { includes: [...includes] } : {}),
      ...(cut ? { cut } : {}),
    };
  }
  if (runner === 'npm' || runner === 'task') {
    const parsed = runner === 'npm' ? parseJson(file.text, true) : parseYamlText(file.text);
    if (!parsed.ok) return { commands: [], locator: fileStartLocator, problem: parsed.problems[0] };
    const text = fileText(file.text);
    const place = (path: KeyPath, value: string): { place?: TextPlace } => {
      const found = scalarPlace(text, parsed.locator, path, value);
      return found ? { place: found } : {};
    };
    const targets = runner === 'task' ? new Map<string, Target>() : undefined;
    const aliases = new Map<string, string>();
    const commands = targets ? taskCommands(file.path, parsed.value, place, targets, aliases) : npmScripts(file.path, parsed.value, place);
    const cut =
      commands.length > MAX_COMMANDS
        ? { cut: `it has more than ${MAX_COMMANDS.toLocaleString('en')} commands` }
        : targets && targets.size >= MAX_TARGETS
          ? { cut: `it has more than ${MAX_TARGETS.toLocaleString('en')} tasks` }
          : {};
    return {
      commands: commands.slice(0, MAX_COMMANDS),
      locator: parsed.locator,
      value: parsed.value,
      ...(targets ? { targets } : {}),
      ...(aliases.size > 0 ? { aliases } : {}),
      ...cut,
    };
  }
  return { commands: [], locator: fileStartLocator };
}

type Placer = (path: KeyPath, value: string) => { place?: TextPlace };

function npmScripts(path: string, root: unknown, place: Placer): ScriptCommand[] {
  const scripts = isTable(root) ? own(root, 'scripts') : undefined;
  if (!isTable(scripts)) return [];
  return entries(scripts).flatMap(([name, command]) =>
    typeof command === 'string'
      ? [
          {
            runner: 'npm' as const,
            name,
            command,
            file: path,
            keyPath: ['scripts', name],
            ...place(['scripts', name], command),
            label: `${nameOf(path)} script "${name}"`,
          },
        ]
      : [],
  );
}

/**
 * Taskfile `tasks.<name>`: a command, a list of them, or `cmds` (strings or `{cmd}`) and `cmd`; the tasks it runs
 * (`deps` entries, `{task}` commands) go to `targets`.
 */
function taskCommands(
  path: string,
  root: unknown,
  place: Placer,
  targets: Map<string, Target>,
  aliases: Map<string, string>,
): ScriptCommand[] {
  const tasks = isTable(root) ? own(root, 'tasks') : undefined;
  if (!isTable(tasks)) return [];
  const out: ScriptCommand[] = [];
  const label = (name: string): string => `Taskfile task "${name}"`;
  const add = (name: string, command: unknown, at: KeyPath): void => {
    if (isTable(command)) {
      const cmd = own(command, 'cmd');
      if (typeof cmd === 'string') add(name, cmd, [...at, 'cmd']);
      const task = own(command, 'task');
      if (typeof task === 'string') addTarget(targets, name, label(name), [task]);
      return;
    }
    if (typeof command === 'string')
      out.push({ runner: 'task', name, command, file: path, keyPath: at, ...place(at, command), label: label(name) });
  };
  for (const [name, task] of entries(tasks)) {
    const at = ['tasks', name];
    addTarget(targets, name, label(name), []);
    if (typeof task === 'string') add(name, task, at);
    else if (Array.isArray(task)) task.forEach((c, i) => add(name, c, [...at, i]));
    else if (isTable(task)) {
      // `aliases: [s]`: `task s` runs the task. Kept apart from the tasks, with a bound of their own, so that many
      // aliases do not cut the file's tasks short.
      const names = own(task, 'aliases');
      if (Array.isArray(names))
        for (const alias of names.slice(0, MAX_NAMESPACES))
          if (typeof alias === 'string' && !aliases.has(alias) && aliases.size < MAX_ALIASES) aliases.set(alias, name);
      const deps = own(task, 'deps');
      if (Array.isArray(deps))
        addTarget(
          targets,
          name,
          label(name),
          deps.flatMap((d: unknown) => {
            const dep = isTable(d) ? own(d, 'task') : d;
            return typeof dep === 'string' ? [dep] : [];
          }),
        );
      const cmds = own(task, 'cmds');
      if (Array.isArray(cmds)) cmds.forEach((c, i) => add(name, c, [...at, 'cmds', i]));
      add(name, own(task, 'cmd'), [...at, 'cmd']);
    }
  }
  return out;
}

/**
 * A Makefile rule line's targets and prerequisites, normal and order-only: `a b: deps | more` (not `x := y`,
 * `x = a:b`, or a target-specific `t: X = 1`).
 */
function ruleTargets(text: string): { names: string[]; deps: string[]; inline?: number } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const before = text.slice(0, colon);
  if (
    /[=]/.test(before) ||
    text[colon + 1] === '=' ||
    /^\s*(?:export|override|define|ifeq|ifneq|ifdef|ifndef|include|-include)\b/.test(text)
  )
    return undefined;
  const after = text.slice(colon + 1);
  const semicolon = after.indexOf(';');
  const deps = semicolon < 0 ? after : after.slice(0, semicolon);
  if (deps.includes('=')) return undefined;
  const names = before
    .trim()
    .split(/\s+/)
    .filter((n) => n !== '' && !n.startsWith('.') && !n.includes('%'));
  // `a:: b` is a double-colon rule; a comment ends the line.
  const prerequisites = deps
    .replace(/^:/, '')
    .replace(/#.*/, '')
    .split(/\s+/)
    .filter((d) => d !== '' && d !== '|');
  return { names, deps: prerequisites, ...(semicolon < 0 ? {} : { inline: colon + 1 + semicolon + 1 }) };
}

/** Recipe lines of every Makefile target (tab-indented after a rule line, or after `;` on it), `define` blocks skipped. */
function makeTargets(path: string, lines: readonly PhysicalLine[], targets: Map<string, Target>, includes: Set<string>): ScriptCommand[] {
  const out: ScriptCommand[] = [];
  let names: string[] = [];
  let inDefine = false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const file = nameOf(path) === 'gnumakefile' ? 'GNUmakefile' : MAKE_PART.test(nameOf(path)) ? base : 'Makefile';
  const push = (start: number, column: number): number => {
    const { placed, last } = joinContinued(lines, start, column);
    const index = out.filter((c) => c.name === names[0]).length;
    if (placed.command.trim() !== '' && names.length > 0 && out.length < MAX_COMMANDS)
      out.push({
        runner: 'make',
        name: names[0]!,
        command: placed.command,
        file: path,
        keyPath: [names[0]!, index],
        place: placed.place,
        label: `${file} target "${names[0]!}"`,
      });
    return last;
  };
  for (let i = 0; i < lines.length; i++) {
    const { text } = lines[i]!;
    if (inDefine) {
      if (/^\s*endef\b/.test(text)) inDefine = false;
      continue;
    }
    // A tab starts a recipe line only after a rule; elsewhere make reads the line as any other (`\tinclude x.mk`).
    if (text.startsWith('\t') && names.length > 0) {
      i = push(i, recipePrefix(text, 1) + 1);
      continue;
    }
    if (/^\s*(?:#|$)/.test(text)) continue;
    if (/^\s*(?:override\s+)?define\b/.test(text)) {
      inDefine = true;
      names = [];
      continue;
    }
    // `include a.mk b.mk`, `-include` and `sinclude` (which do not fail when the file is missing).
    const included = /^[ \t]*(?:-|s)?include\s+(?![:+?!]?=)(.*)$/.exec(text)?.[1];
    if (included !== undefined) {
      names = [];
      // One past the bound is kept, so that the reading knows some were left out.
      for (const name of included.replace(/#.*/, '').split(/\s+/)) if (name !== '' && includes.size <= MAX_INCLUDES) includes.add(name);
      continue;
    }
    const rule = ruleTargets(text);
    names = rule?.names ?? [];
    for (const name of names) addTarget(targets, name, `${file} target "${name}"`, rule!.deps);
    if (rule?.inline !== undefined && names.length > 0) i = push(i, recipePrefix(text, rule.inline) + 1);
  }
  return out;
}

/** A justfile recipe header: `name params: deps` at the start of a line (`@name` quiet); not `x := y` or `alias`. */
const JUST_HEADER = /^@?([A-Za-z_][A-Za-z0-9_-]*)(?:\s[^:]*)?:(?!=)/;

/**
 * The recipes a justfile recipe header runs around its body: `a: b (c "arg") && d` runs b and c before, d after
 * (https://just.systems/man/en/dependencies.html).
 */
function justDependencies(rest: string): string[] {
  const out: string[] = [];
  // A parenthesised call's arguments are skipped; each `(` scans only up to the next parenthesis.
  for (const m of rest.replace(/#.*/, '').matchAll(/\(\s*([A-Za-z_][\w-]*)[^()]*\)|([A-Za-z_][\w-]*)/g)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Body lines of every justfile recipe (indented after its header); a shebang recipe's lines are one script. */
function justRecipes(path: string, lines: readonly PhysicalLine[], targets: Map<string, Target>): ScriptCommand[] {
  const out: ScriptCommand[] = [];
  let name: string | undefined;
  let index = 0;
  for (let i = 0; i < lines.length; i++) {
    const { text } = lines[i]!;
    if (text.trim() === '') continue;
    if (/^\s/.test(text)) {
      if (name === undefined) continue;
      const indent = text.length - text.trimStart().length;
      if (text.trimStart().startsWith('#')) continue;
      const { placed, last } = joinContinued(lines, i, recipePrefix(text, indent) + 1);
      if (out.length < MAX_COMMANDS)
        out.push({
          runner: 'just',
          name,
          command: placed.command,
          file: path,
          keyPath: [name, index++],
          place: placed.place,
          label: `justfile recipe "${name}"`,
        });
      i = last;
      continue;
    }
    const header = /^(?:alias|set|export|import|mod)\b/.test(text) ? null : JUST_HEADER.exec(text);
    name = header?.[1];
    index = 0;
    if (header && name !== undefined) addTarget(targets, name, `justfile recipe "${name}"`, justDependencies(text.slice(header[0].length)));
  }
  return out;
}

/** Bun's own commands: `bun <name>` runs a script of any other name (https://bun.com/docs/runtime, "Run a package.json script"). */
const BUN_COMMANDS = new Set(
  'run test x repl exec install i add a remove rm update outdated audit link unlink publish patch pm build init create c upgrade info why help'.split(
    ' ',
  ),
);

/** npm runs these scripts without `run` too (`npm test`, `npm start`). */
const NPM_SHORT = new Set(['test', 'start', 'stop', 'restart']);

/** The command lines that start a script or target by its name, as a permission rule sees them. */
export function invocations(runner: RunnerKind, name: string): string[][] {
  switch (runner) {
    case 'npm':
      return [
        ['npm', 'run', name],
        ['npm', 'run-script', name],
        ['pnpm', 'run', name],
        ['pnpm', name],
        ['yarn', 'run', name],
        ['yarn', name],
        ['bun', 'run', name],
        ...(BUN_COMMANDS.has(name) ? [] : [['bun', name]]),
        ...(NPM_SHORT.has(name) ? [['npm', name]] : []),
      ];
    case 'make':
      return [
        ['make', name],
        ['gmake', name],
      ];
    case 'just':
      return [['just', name]];
    case 'task':
      // `task :build` names the root Taskfile's task from anywhere.
      return name.startsWith(':')
        ? [['task', name]]
        : [
            ['task', name],
            ['task', `:${name}`],
          ];
  }
}

/** The words that start any script or target of a runner, for the scripts of a file left unread. */
const RUNNER_PREFIXES: Record<RunnerKind, string[][]> = {
  npm: [['npm', 'run'], ['npm', 'run-script'], ['pnpm'], ['yarn'], ['bun', 'run']],
  make: [['make'], ['gmake']],
  just: [['just']],
  task: [['task']],
};

const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * The scripts and targets an agent whose config is at `configFile` starts by name: for each runner, those of
 * the nearest folder at or above the config's own that has the runner's file (the project the config sits in,
 * else the repository root). Files are parsed on first use only.
 */
export function runnerScriptsOf(files: readonly SourceFile[]): (configFile: string) => RunnerScript[] {
  const byFolder = new Map<string, SourceFile[]>();
  for (const file of files) {
    if (runnerRank(file.path) < 0) continue;
    const folder = folderOf(file.path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const parsed = new Map<string, RunnerScript[]>();
  const scriptsIn = (file: SourceFile): RunnerScript[] => {
    let found = parsed.get(file.path);
    if (found) return found;
    const { commands, cut, targets, aliases } = readTargets(file);
    const runner = runnerOf(file.path)!;
    const byName = new Map<string, ScriptCommand[]>();
    // Targets in their file's order, those without commands of their own too (make's first is its default).
    for (const name of targets?.keys() ?? []) byName.set(name, []);
    for (const c of commands) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    // `npm run deploy` runs `predeploy` before it and `postdeploy` after it.
    const withHooks = (name: string, c: ScriptCommand[]): ScriptCommand[] =>
      runner === 'npm' ? [...(byName.get(`pre${name}`) ?? []), ...c, ...(byName.get(`post${name}`) ?? [])] : c;
    found = [...byName].map(([name, c]) => {
      const target = targets?.get(name);
      const first = [...(target?.prerequisites ?? [])].map((p) => invocations(runner, p)[0]!);
      return {
        invocations: invocations(runner, name),
        label: target?.label ?? c[0]!.label,
        commands: withHooks(name, c).map(({ command, label, file: path, keyPath, place }) => ({
          command,
          label,
          file: path,
          keyPath,
          ...(place ? { place } : {}),
        })),
        ...(first.length > 0 ? { prerequisites: first } : {}),
        // Task's `start:*` runs for `task start:api` (https://taskfile.dev/docs/guide/arguments).
        ...(runner === 'task' && name.includes('*') ? { wildcard: true as const } : {}),
        ...(target?.cut ? { unread: `${file.path}: it runs more than ${MAX_COMMANDS.toLocaleString('en')} targets first` } : {}),
      };
    });
    // A task's alias runs the task: a script whose only step is it.
    for (const [alias, name] of aliases ?? [])
      found.push({
        invocations: invocations(runner, alias),
        label: `Taskfile task "${alias}"`,
        commands: [],
        prerequisites: [invocations(runner, name)[0]!],
      });
    // The scripts past a limit are unknown: a name no read script has is looked up in them (see `resolveScripts`).
    if (cut !== undefined)
      found.push({
        invocations: RUNNER_PREFIXES[runner],
        label: `${nameOf(file.path)} past what was read`,
        commands: [],
        unread: `${file.path}: ${cut}`,
      });
    parsed.set(file.path, found);
    return found;
  };
  // The scripts of the workspaces a project declares, run from its folder with a workspace option.
  const packages = files.filter((f) => nameOf(f.path) === 'package.json');
  const byPath = new Map(files.map((f) => [f.path, f]));
  const ofProject = new Map<string, RunnerScript[]>();
  const workspaceScripts = (project: SourceFile): RunnerScript[] => {
    let found = ofProject.get(project.path);
    if (found) return found;
    found = [];
    const at = folderOf(project.path);
    const prefix = at === '' ? '' : `${at}/`;
    const pnpm = byPath.get(`${prefix}pnpm-workspace.yaml`);
    const parsedProject = readTargets(project);
    const manifest = parsedProject.problem === undefined ? parsedProject.value : UNREADABLE;
    const ofNpm = workspaceTest(manifest, pnpm, 'npm');
    const ofPnpm = workspaceTest(manifest, pnpm, 'pnpm');
    const chosen = packages.filter((f) => {
      const folder = folderOf(f.path).slice(prefix.length);
      return f.path !== project.path && f.path.startsWith(prefix) && (ofNpm(folder) || ofPnpm(folder));
    });
    for (const file of chosen.slice(0, MAX_WORKSPACES)) {
      const folder = folderOf(file.path).slice(prefix.length);
      const value = readTargets(file).value;
      const name = isTable(value) ? own(value, 'name') : undefined;
      const label = (l: string): string => `${folderOf(file.path)}/${l}`;
      const managers = { npm: ofNpm(folder), pnpm: ofPnpm(folder) };
      for (const script of scriptsIn(file)) {
        if (script.unread !== undefined) continue;
        found.push({
          ...script,
          invocations: workspaceInvocations(script.invocations[0]![2]!, folder, typeof name === 'string' ? name : undefined, managers),
          label: label(script.label),
          commands: script.commands.map((c) => ({ ...c, label: label(c.label) })),
        });
      }
    }
    ofProject.set(project.path, found);
    return found;
  };
  // The tasks of the Taskfiles a Taskfile includes, under their namespaces, through nested includes.
  const taskfileIn = (folder: string): SourceFile | undefined =>
    (byFolder.get(folder) ?? []).filter((f) => runnerOf(f.path) === 'task').sort((a, b) => runnerRank(a.path) - runnerRank(b.path))[0];
  const ofTaskfile = new Map<string, RunnerScript[]>();
  const includedTasks = (root: SourceFile): RunnerScript[] => {
    let found = ofTaskfile.get(root.path);
    if (found) return found;
    const out: RunnerScript[] = [];
    let reached = 0;
    let unread = false;
    // Task names made through includes: aliases times tasks times includes would grow without this bound.
    let called = 0;
    // `chain`: the Taskfiles that include this one, so a loop of includes ends.
    const visit = (file: SourceFile, namespaces: readonly string[], chain: readonly string[]): void => {
      for (const include of taskIncludes(readTargets(file).value)) {
        const names = include.flatten
          ? namespaces
          : include.namespaces
              .flatMap((ns) => (namespaces.length === 0 ? [ns] : namespaces.map((n) => `${n}:${ns}`)))
              .slice(0, MAX_NAMESPACES);
        // A URL (`https://…`, Task's remote Taskfiles) is never a committed file, whatever file has its name.
        const path =
          include.taskfile === undefined || /^[a-z][\w+.-]*:/i.test(include.taskfile)
            ? undefined
            : repositoryFolder(folderOf(file.path), include.taskfile);
        const direct = path === undefined ? undefined : byPath.get(path);
        const included = path === undefined ? undefined : direct && runnerOf(direct.path) === 'task' ? direct : taskfileIn(path);
        if (included !== undefined && chain.includes(included.path)) continue;
        if (++reached > MAX_INCLUDES || included === undefined || chain.length > MAX_INCLUDE_DEPTH || called >= MAX_CALLED) {
          // The tasks it defines are unknown: a `task` command that no task read answers is not fully read. One
          // such entry says so for all (many would only slow the index of scripts down).
          if (unread) continue;
          unread = true;
          out.push({
            invocations: RUNNER_PREFIXES.task,
            label: `Taskfile include "${excerpt(include.namespaces[0]!)}"`,
            commands: [],
            unread: `${file.path}: ${
              included === undefined
                ? `it includes "${excerpt(include.namespaces[0]!)}" from a file that is not read`
                : `its includes go deeper than ${MAX_INCLUDE_DEPTH} Taskfiles, reach more than ${MAX_INCLUDES} or name more than ${MAX_CALLED.toLocaleString('en')} tasks`
            }`,
          });
          continue;
        }
        const folder = folderOf(included.path);
        const label = (l: string): string => (folder === '' ? l : `${folder}/${l}`);
        const as = (n: string): string[] => (names.length === 0 ? [n] : names.map((ns) => `${ns}:${n}`));
        for (const script of scriptsIn(included)) {
          const name = script.invocations[0]![1];
          // The scripts past what was read answer any task name already.
          if (name === undefined) {
            out.push(script);
            continue;
          }
          // A namespace's `default` task runs by the namespace alone (`task docs`), and any by its root name (`task :docs:x`).
          const calls = [...as(name), ...(name === 'default' ? names : [])].flatMap((n) => invocations('task', n));
          called += calls.length;
          out.push({
            ...script,
            invocations: calls,
            label: label(script.label),
            commands: script.commands.map((c) => ({ ...c, label: label(c.label) })),
            // Inside an included Taskfile a task is called by its own name, a root task by ":" and its name.
            ...(script.prerequisites
              ? { prerequisites: script.prerequisites.map((words) => ['task', words[1]!.startsWith(':') ? words[1]! : as(words[1]!)[0]!]) }
              : {}),
          });
        }
        visit(included, names, [...chain, included.path]);
      }
    };
    visit(root, [], [root.path]);
    ofTaskfile.set(root.path, (found = out));
    return found;
  };
  // The targets of the makefiles a Makefile includes, through nested includes: make reads them as its own.
  const makeFiles = files.filter((f) => runnerOf(f.path) === 'make');
  const ofMakefile = new Map<string, RunnerScript[]>();
  const includedTargets = (root: SourceFile): RunnerScript[] => {
    let found = ofMakefile.get(root.path);
    if (found) return found;
    const out: RunnerScript[] = [];
    const read = new Set([root.path]);
    // make looks for an included file from the folder it runs in, whichever makefile includes it.
    const folder = folderOf(root.path);
    // One entry says that some targets are unknown, for all (many would only slow the index of scripts down).
    let unknown = false;
    const unread = (file: SourceFile, why: string): void => {
      if (unknown) return;
      unknown = true;
      out.push({
        invocations: RUNNER_PREFIXES.make,
        label: `${file.path.slice(file.path.lastIndexOf('/') + 1)} include`,
        commands: [],
        unread: `${file.path}: ${why}`,
      });
    };
    const visit = (file: SourceFile, depth: number): void => {
      const includes = readTargets(file).includes ?? [];
      if (includes.length > MAX_INCLUDES) unread(file, `it includes more than ${MAX_INCLUDES} files`);
      for (const written of includes.slice(0, MAX_INCLUDES)) {
        // An include that a rule makes is remade before make reads it: what is committed is not what runs.
        const remade = [root, file].some((f) => readTargets(f).targets?.has(written.replace(/^\.\//, '')));
        const paths = remade ? undefined : includedPaths(folder, written, makeFiles);
        if (paths === undefined || depth >= MAX_INCLUDE_DEPTH || read.size + paths.length > MAX_INCLUDES) {
          // The targets it defines are unknown: a `make` command that no target read answers is not fully read.
          unread(
            file,
            remade
              ? `it includes "${excerpt(written)}", which a rule remakes before make reads it`
              : paths === undefined
                ? `it includes "${excerpt(written)}", which is not read`
                : `its includes go deeper than ${MAX_INCLUDE_DEPTH} files or reach more than ${MAX_INCLUDES}`,
          );
          continue;
        }
        for (const path of paths) {
          if (read.has(path)) continue;
          read.add(path);
          const included = byPath.get(path)!;
          for (const script of scriptsIn(included)) out.push(script);
          visit(included, depth + 1);
        }
      }
    };
    visit(root, 0);
    ofMakefile.set(root.path, (found = out));
    return found;
  };
  const forFolder = new Map<string, RunnerScript[]>();
  return (configFile) => {
    const start = folderOf(configFile);
    const cached = forFolder.get(start);
    if (cached) return cached;
    const nearest = new Map<RunnerKind, SourceFile>();
    for (let folder = start; ; folder = folderOf(folder)) {
      const first = new Map<RunnerKind, SourceFile>();
      for (const file of byFolder.get(folder) ?? []) {
        const runner = runnerOf(file.path)!;
        const known = first.get(runner);
        if (!known || runnerRank(file.path) < runnerRank(known.path)) first.set(runner, file);
      }
      for (const [runner, file] of first) if (!nearest.has(runner)) nearest.set(runner, file);
      if (folder === '') break;
    }
    const scripts = [...nearest.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).flatMap(scriptsIn);
    const project = nearest.get('npm');
    // One at a time: a file of many thousand targets is more than a call's arguments can hold.
    if (project) for (const script of workspaceScripts(project)) scripts.push(script);
    const taskfile = nearest.get('task');
    if (taskfile) for (const script of includedTasks(taskfile)) scripts.push(script);
    const makefile = nearest.get('make');
    if (makefile) for (const script of includedTargets(makefile)) scripts.push(script);
    forFolder.set(start, scripts);
    return scripts;
  };
}

/** The most workspaces of one project whose scripts are read. */
const MAX_WORKSPACES = 200;

/**
 * The committed makefiles an `include` name stands for, from the folder make runs in: a path, or a glob
 * (`mk/*.mk`) matched against the makefiles read. Undefined when they cannot be known: a name built from variables
 * (`$(DEPS)`), outside the repository, not committed or not read (`.env`, `Makefile.common`), or a glob too long or
 * with too many wildcards to match safely.
 */
function includedPaths(folder: string, written: string, makeFiles: readonly SourceFile[]): string[] | undefined {
  if (written.includes('$')) return undefined;
  if (/[*?[]/.test(written)) {
    const matches = written.startsWith('/') || written.includes('..') ? undefined : plainGlobMatcher(written.replace(/^\.\//, ''));
    if (matches === undefined) return undefined;
    const prefix = folder === '' ? '' : `${folder}/`;
    const found = makeFiles.filter((f) => f.path.startsWith(prefix) && matches(f.path.slice(prefix.length))).map((f) => f.path);
    return found.length > 0 ? found : undefined;
  }
  const path = repositoryFolder(folder, written);
  return path !== undefined && makeFiles.some((f) => f.path === path) ? [path] : undefined;
}

/** How deep Taskfile and makefile includes are followed, the most files one reaches through them, and the most names a Taskfile namespace gets. */
const MAX_INCLUDE_DEPTH = 5;
const MAX_INCLUDES = 100;
const MAX_NAMESPACES = 20;
const MAX_CALLED = 20_000;

/** One entry of a Taskfile's `includes`: the namespace and its aliases, the path as written, and `flatten`. */
interface TaskInclude {
  namespaces: string[];
  taskfile?: string;
  flatten: boolean;
}

/**
 * A Taskfile's `includes` (https://taskfile.dev/docs/guide/includes): `ns: path` or `ns: { taskfile, aliases,
 * flatten }`; the path is a Taskfile or a folder holding one, relative to the including file.
 */
function taskIncludes(value: unknown): TaskInclude[] {
  const includes = isTable(value) ? own(value, 'includes') : undefined;
  if (!isTable(includes)) return [];
  return entries(includes).map(([namespace, spec]) => {
    const taskfile = isTable(spec) ? own(spec, 'taskfile') : spec;
    const aliases = isTable(spec) ? own(spec, 'aliases') : undefined;
    return {
      namespaces: [namespace, ...(Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [])],
      ...(typeof taskfile === 'string' ? { taskfile } : {}),
      flatten: isTable(spec) && own(spec, 'flatten') === true,
    };
  });
}

/**
 * How the project's folder runs a workspace's script, through the package managers that take the folder as a
 * workspace: npm's `-w`/`--workspace` with the workspace's path or package name
 * (https://docs.npmjs.com/cli/using-npm/workspaces) and `yarn workspace <name>`; `pnpm --filter <name>`.
 */
function workspaceInvocations(
  script: string,
  folder: string,
  name: string | undefined,
  managers: { npm: boolean; pnpm: boolean },
): string[][] {
  const out: string[][] = [];
  if (managers.npm) {
    const npm = NPM_SHORT.has(script)
      ? [
          ['npm', 'run', script],
          ['npm', script],
        ]
      : [['npm', 'run', script]];
    for (const selector of name === undefined ? [folder] : [folder, name]) {
      for (const run of npm) out.push([...run, '-w', selector], [...run, '--workspace', selector], [...run, `--workspace=${selector}`]);
    }
    if (name !== undefined) out.push(['yarn', 'workspace', name, script], ['yarn', 'workspace', name, 'run', script]);
  }
  if (managers.pnpm && name !== undefined)
    out.push(
      ['pnpm', '--filter', name, script],
      ['pnpm', '--filter', name, 'run', script],
      ['pnpm', '-F', name, script],
      ['pnpm', '-F', name, 'run', script],
    );
  return out;
}

/** npm's commands that run a script by another name: `npm t`, and the installs that run the install lifecycle. */
const NPM_ALIASES: Record<string, readonly string[]> = {
  test: ['t', 'tst'],
  start: ['restart'],
  stop: ['restart'],
  preinstall: ['ci', 'i', 'install', 'add'],
  install: ['ci', 'i', 'install', 'add'],
  postinstall: ['ci', 'i', 'install', 'add'],
  prepare: ['ci', 'i', 'install', 'add'],
  preprepare: ['ci', 'i', 'install', 'add'],
  postprepare: ['ci', 'i', 'install', 'add'],
};
/** An `include` line of a makefile, or the `includes:` of a Taskfile, by text. */
const INCLUDES = /^[ \t]*(?:-|s)?include[ \t]|^includes[ \t]*:/m;

/** The most names, and rounds of files naming them, followed before every file is taken as possibly reaching an agent. */
const MAX_REACHING = 500;
const MAX_ROUNDS = 20;
/** A script name that `namesOneOf` can find as a word of a text; a script of any other name makes every text count. */
const WORD_NAME = /^[\w:-]+$/;

/**
 * Whether a text names one of `names` as a word (delimited by anything but letters, digits, `_`, `:` and `-`):
 * one pass over the text whatever the number of names, so a repository cannot make it slow.
 */
export function namesOneOf(text: string, names: ReadonlySet<string>): boolean {
  const lengths = lengthsOf(names);
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isNameCharacter(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      // Only a word as long as some name is cut out of the text and looked up.
      if (lengths.has(i - start) && names.has(text.slice(start, i))) return true;
      start = -1;
    }
  }
  return false;
}

/** `\w`, `:` and `-`: the characters of a word for `namesOneOf`. */
const isNameCharacter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45;

const nameLengths = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>();
function lengthsOf(names: ReadonlySet<string>): ReadonlySet<number> {
  let lengths = nameLengths.get(names);
  if (!lengths) nameLengths.set(names, (lengths = new Set([...names].map((name) => name.length))));
  return lengths;
}

/**
 * The names one of which every command that runs a project script starting an agent names as a word
 * (`namesOneOf`): the scripts and targets whose commands name an agent, and those that run them, through any number
 * of files, with npm's aliases. `any` when the names cannot be known cheaply: a file read only in part, a make, just
 * or Task target among them (run by default when no name is given), a name of other characters, or too many names.
 * Undefined when no project script starts an agent. A workflow that names none cannot start an agent by a script.
 */
export function reachingScripts(
  files: readonly SourceFile[],
  startsAgent: (text: string) => boolean,
): ReadonlySet<string> | 'any' | undefined {
  const runners = files.filter((f) => runnerOf(f.path) !== undefined);
  // A makefile or Taskfile that includes another may run an agent from a file that is not read: any workflow may.
  if (runners.some((f) => runnerOf(f.path) !== 'npm' && INCLUDES.test(f.text))) return 'any';
  const names = new Set<string>();
  // The files read, to tell which runners the names belong to.
  const read = new Set<FileTargets>();
  let test = startsAgent;
  for (let round = 0; ; round++) {
    if (round === MAX_ROUNDS) return 'any';
    const before = names.size;
    for (const file of runners) {
      if (!test(file.text)) continue;
      const targets = readTargets(file);
      read.add(targets);
      if (targets.cut !== undefined || targets.problem !== undefined) return 'any';
      for (const c of targets.commands) if (test(c.command)) names.add(c.name);
    }
    if (names.size === before) break;
    if (names.size > MAX_REACHING || [...names].some((n) => !WORD_NAME.test(n))) return 'any';
    const known = new Set(names);
    test = (text) => startsAgent(text) || namesOneOf(text, known);
  }
  if (names.size === 0) return undefined;
  const runnersOfNames = new Set([...read].flatMap((t) => t.commands.filter((c) => names.has(c.name)).map((c) => c.runner)));
  if ([...runnersOfNames].some((r) => r !== 'npm')) return 'any';
  for (const name of [...names]) {
    for (const alias of NPM_ALIASES[name] ?? []) names.add(alias);
    // `npm run deploy` runs `predeploy` and `postdeploy` too.
    const hooked = /^(?:pre|post)(.+)$/.exec(name)?.[1];
    if (hooked !== undefined) names.add(hooked);
  }
  return names;
}
