import { spanInText, type AgentPosture, type Fact } from '../../core/posture.js';
import { fileStartLocator, type Locator } from '../../core/locator.js';
import type { KeyPath, Problem, SourceFile } from '../../core/types.js';
import { agentPath } from '../../sources/agent-paths.js';
import { isBinScript, isJsLauncher, isSelfRunning, SELF_RUNNING_SCRIPTS, SHELL_STARTUP } from '../../sources/candidates.js';
import { parseJson } from '../../sources/json.js';
import { parseYamlText } from '../../sources/yaml.js';
import { addAgentRuns } from '../shared/agent-runs.js';
import { AGENT_CLIS, escapeWord, namesAnAgent } from '../../shell/agent-clis.js';
import { base } from '../../shell/programs.js';
import { at, rebased, stringsAt, type MapContext } from '../shared/structured.js';
import { fileText } from '../shared/text-place.js';
import { unparseable, type Adapter, type AdapterOutput } from '../types.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addEnvironment, addHostNetwork, addMountEntry, addPrivileged, addRunArgs, addVolume, commandLines } from './containers.js';
import { SCRIPT_KEYS } from './keys.js';
import { launcherCommands, namedLaunchers } from './launchers.js';
import { pythonCommands } from './python.js';
import { agentsOfPath, javascriptCommands } from './javascript.js';
import { nixAgentSettings, nixStringsText, type NixSettings } from './nix.js';
import { mapClaudeSettings } from '../claude/index.js';
import { toCodexConfigPosture } from '../codex/config.js';
import { mapOpenCodeConfig } from '../opencode/index.js';
import { vscodeTasks } from './vscode-tasks.js';
import { readTargets, runnerScriptsOf, scalarPlace } from './targets.js';
import { fallThroughAllow, HOOK_FOLDERS, HOOK_SCRIPTS, mayAnswerAllow } from './hook-answers.js';

const ID = 'scripts';

const PATTERNS = [
  'package.json',
  '{Makefile,GNUmakefile}',
  // Makefiles by their ending: a Makefile includes them.
  '*.{mk,make}',
  '{justfile,.justfile}',
  'Taskfile{,.dist}.{yml,yaml}',
  // Read for the workspaces it declares only: it runs nothing.
  'pnpm-workspace.yaml',
  '{.devcontainer,devcontainer}.json',
  '{docker-,}compose{,.*}.{yml,yaml}',
  '.vscode/tasks.json',
  // A workspace file's `tasks`, read as a tasks file.
  '*.code-workspace',
].map(agentPath);
/**
 * Shell scripts, read on their own when they start an agent (one that a file runs by path is read with that file);
 * the start-up files of a user's shell, whose aliases and functions start agents (`alias cc='claude …'`), as dotfiles
 * repositories commit them (`.zshrc`, chezmoi's `dot_zshrc`, a folder's `zshrc`); and the scripts that run by
 * themselves: git's hooks (`.husky/pre-commit`) and direnv's `.envrc`.
 */
const SHELL_SCRIPTS = [
  agentPath('*.{sh,bash,zsh,fish,ps1,bat,cmd,nu}'),
  ...['', '.local', '.tmpl', '.local.tmpl'].map((end) =>
    agentPath(`*{bashrc,zshrc,bash_profile,bash_login,zprofile,zlogin,zshenv,aliases,profile}${end}`),
  ),
  agentPath(`{${SELF_RUNNING_SCRIPTS.join(',')}}`),
  // Python scripts that start an agent (`subprocess.run(["claude", …])`) or drive one through the Agent SDK.
  agentPath('*.py'),
  // Nix modules that write Claude Code's, Codex's or OpenCode's settings (Home Manager's `programs.claude-code.settings`).
  agentPath('*.nix'),
];
/**
 * An executable of a `bin` folder without an ending (`bin/claude-dev`), read when its `#!` line names a shell or Python.
 * Its folder is no agent's: a link or submodule named `bin` hides no agent files.
 */
const BIN_SCRIPTS = { ...agentPath('bin/*'), firstFolder: undefined, isFolderOf: () => false };
/** Options of `env` on a `#!` line that take the next word (https://www.gnu.org/software/coreutils/manual/html_node/env-invocation.html). */
const ENV_VALUED = new Set(['-u', '--unset', '-C', '--chdir']);
/**
 * What runs a script by its `#!` lines: the program after `env` (its options and assignments passed over, `-S` split),
 * the interpreter `nix-shell -i` names on the lines after, and `uv run --script`'s Python; undefined for anything but a
 * POSIX shell or Python.
 */
function interpreterOf(text: string): 'shell' | 'python' | undefined {
  const lines = /^\uFEFF?((?:#![^\n]*\n?){1,4})/.exec(text.slice(0, 2048))?.[1]?.split('\n') ?? [];
  const words = (lines[0] ?? '')
    .slice(2)
    .trim()
    .split(/[ \t]+/);
  let k = 0;
  if (words[0]?.replace(/^.*\//, '') === 'env') {
    k = 1;
    while (k < words.length) {
      const w = words[k]!;
      if (ENV_VALUED.has(w)) k += 2;
      else if (/^-S./.test(w)) words[k] = w.slice(2);
      else if (w.startsWith('-') || w.includes('=')) k++;
      else break;
    }
  }
  const program = words[k]?.replace(/^.*\//, '').toLowerCase();
  if (program === undefined) return undefined;
  if (/^(?:sh|bash|zsh|dash|ksh|mksh|ash)$/.test(program)) return 'shell';
  if (/^python[\d.]*$/.test(program) || (program === 'uv' && words.includes('--script'))) return 'python';
  if (program !== 'nix-shell') return undefined;
  // `#! nix-shell -i bash -p jq` on a later `#!` line names the interpreter.
  const named = /(?:^|\s)-i\s+(\S+)/.exec(lines.slice(1).join(' '))?.[1];
  return named === undefined ? undefined : interpreterOf(`#!${named}\n`);
}
/** Whether a file is a `bin` folder's executable, not one of the kinds read by their endings or names. */
const isBinFile = (path: string): boolean => isBinScript(path) && !isShellFile(path);
/** Whether a path is a shell script or start-up file the adapter reads (the patterns above are its names' endings). */
const isShellFile = (path: string): boolean => {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return SHELL_SCRIPTS[0]!.test(path) || SHELL_STARTUP.test(name) || isSelfRunning(name);
};

/** Dev container configs the tools read: `.devcontainer.json`, `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`. */
const DEV_CONTAINER = /(?:^|\/)(?:\.devcontainer\.json|\.devcontainer\/(?:[^/]+\/)?devcontainer\.json)$/i;
const COMPOSE = /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/i;
const VSCODE_TASKS = /(?:^|\/)\.vscode\/tasks\.json$/i;
const WORKSPACE = /\.code-workspace$/i;
const PYTHON = /\.py$/i;
const JAVASCRIPT = /\.[mc]?[jt]s$/i;
const NIX = /\.nix$/i;
/**
 * What agent settings written in Nix hold, so that a module that writes them need not name the agent: a Claude Code
 * permission entry as a Nix string (`"Bash(git push:*)"`) or mode, a Codex sandbox or approval key, an OpenCode
 * `permission` block.
 */
const NIX_SETTINGS =
  /["'](?:Bash|WebFetch|WebSearch|Read|Edit|Write|mcp__)|defaultMode|sandbox_mode|approval_policy|sandbox_workspace_write|\bpermission\b/;

/** An agent's program (or `getExe`, Nix's path of a package's program) as a word. */
const NIX_AGENT_WORD = new RegExp(
  `(?:^|[^\\w-])(?:${[...new Set(AGENT_CLIS.flatMap((c) => c.programs))].map(escapeWord).join('|')}|getExe'?)(?![\\w-])`,
  'gi',
);
/** An option after a blank (or Nix's `\t`), quoted or not (`"claude" "--yolo"`, `"claude \"--yolo\""`). */
const OPTION = /(?:\s|\\[tn])(?:\\?")?--?[A-Za-z]/;
/**
 * Whether a Nix file may start an agent: its program (or `getExe` of a package) with an option after it on its line.
 * A generated package set that only lists agents' packages holds none. Linear in the file.
 */
const nixRunsAgent = (text: string): boolean => {
  // One pass over the names; each line is tested for an option once, from its first name on.
  let checkedTo = -1;
  for (const m of text.matchAll(NIX_AGENT_WORD)) {
    if (m.index < checkedTo) continue;
    const end = text.indexOf('\n', m.index);
    checkedTo = end < 0 ? text.length : end;
    if (OPTION.test(text.slice(m.index + m[0].length, checkedTo))) return true;
  }
  return false;
};

/** Words that name an agent in a container without its CLI's name: editor extensions, install scripts, features. */
const INSTALLED_AS = [
  'anthropic.claude-code',
  'openai.chatgpt',
  'opencode',
  'aider-chat',
  'aider-install',
  'cursor.com/install',
  'claude-code',
  // The Claude Agent SDK for Python, under its current and former names.
  'claude_agent_sdk',
  'claude_code_sdk',
];

/**
 * The agent CLIs' programs and packages as words, and the names under which containers install them: a file with
 * none of them starts no agent, so it is not parsed.
 */
const mentionsAgent = namesAnAgent(INSTALLED_AS);

/** What installs an agent's CLI in a container: its npm package, or a dev container feature, extension or install script. */
const INSTALLS: readonly [string, RegExp][] = [
  ...AGENT_CLIS.map((c): [string, RegExp] => [
    c.agent,
    new RegExp(`(?:^|[\\s"'=])(?:${c.packages.map(escapeWord).join('|')})(?:@[\\w.^~-]*)?(?=$|[\\s"'])`, 'i'),
  ]),
  ['claude-code', /devcontainer-features\/claude-code|claude\.ai\/install\.sh|^anthropic\.claude-code$/i],
  ['codex', /devcontainer-features\/codex\b|^openai\.chatgpt$/i],
  ['gemini-cli', /devcontainer-features\/gemini-cli/i],
  ['opencode', /\bopencode-ai\b|opencode\.ai\/install/i],
  ['aider', /\baider-(?:chat|install)\b/i],
  ['cursor', /cursor\.com\/install/i],
];
const installedAgent = (text: string): string | undefined => INSTALLS.find(([, re]) => re.test(text))?.[0];
/** A container image of an agent (`…/claude-code`, `…/codex`). */
const AGENT_IMAGE: readonly [string, RegExp][] = [
  ['claude-code', /claude-code/i],
  ['codex', /(?:^|[/_-])codex(?:[:@/_-]|$)/i],
  ['gemini-cli', /gemini-cli/i],
  ['aider', /(?:^|\/)aider(?:[:@/_-]|$)/i],
  ['opencode', /(?:^|\/)opencode(?:[:@/_-]|$)/i],
];

/** Facts collected for one launch site, and the agents it starts. */
class Launches {
  /** `group`: the file, so that no other file's rules weigh against a run's (see `AgentRunOptions.group`). */
  constructor(private readonly group: string) {}
  readonly facts: Fact[] = [];
  readonly agents: string[] = [];
  readonly add = (fact: Fact): void => void this.facts.push(fact);
  run(command: string, place: Parameters<typeof addAgentRuns>[2], path: KeyPath, trigger: string, scope?: string, unread?: string): void {
    const options = { group: this.group, ...(scope === undefined ? {} : { scope }), ...(unread === undefined ? {} : { unread }) };
    for (const run of addAgentRuns(this.add, command, place, path, trigger, options)) this.agent(run.agent);
  }
  agent(id: string | undefined): void {
    if (id !== undefined && !this.agents.includes(id)) this.agents.push(id);
  }
  posture(file: string, locator: Locator): AgentPosture | undefined {
    return this.agents.length === 0 ? undefined : { agent: this.agents[0]!, file, facts: this.facts, envFilter: 'n/a', locator };
  }
}

/** A Python script's posture: the agents its argument lists and process calls start, and the Agent SDK's permission mode. */
function pythonPosture(file: SourceFile): AgentPosture[] {
  const launches = new Launches(file.path);
  const label = `Python script ${file.path}`;
  pythonCommands(file.text).forEach((c, i) => {
    if (!c.permissionMode) {
      launches.run(c.command, c.place, [i], label, label);
      return;
    }
    const anchor = { kind: 'span' as const, span: spanInText(c.place, 0, c.command.length) };
    launches.add({ kind: 'bypass', grants: 'skip-all-prompts', keyPath: [i], anchor, evidence: `permission_mode "${c.command}"` });
    launches.agent('claude-code');
  });
  const posture = launches.posture(file.path, fileStartLocator);
  return posture ? [posture] : [];
}

/**
 * A JavaScript or TypeScript program's posture: the agents its argument lists, calls and process calls start, and, at
 * medium confidence, its lists of options read as the arguments of the agents it names (a list handed to a program
 * held in a variable is not followed to the call).
 */
function javascriptPosture(file: SourceFile): AgentPosture[] {
  const launches = new Launches(file.path);
  const label = `program ${file.path}`;
  const { direct, options } = javascriptCommands(file.text, file.path);
  direct.forEach((c, i) => launches.run(c.command, c.place, [i], label, label));
  const medium = (fact: Fact): void => launches.add({ ...fact, confidence: 'medium' });
  options.forEach((c, i) => {
    const runs = addAgentRuns(medium, c.command, c.place, [direct.length + i], label, {
      group: file.path,
      scope: label,
      ...(c.argumentsOf === undefined ? {} : { argumentsOf: c.argumentsOf }),
    });
    for (const run of runs) launches.agent(run.agent);
  });
  const posture = launches.posture(file.path, fileStartLocator);
  return posture ? [posture] : [];
}

/** How each agent's settings written in Nix are read, as its own settings file would be; what they say of the environment. */
const NIX_READERS: Record<NixSettings['agent'], (ctx: MapContext) => AgentPosture['envFilter']> = {
  'claude-code': (ctx) => {
    mapClaudeSettings(ctx);
    return 'n/a';
  },
  opencode: (ctx) => {
    mapOpenCodeConfig(ctx);
    return 'n/a';
  },
  codex: (ctx) => {
    const posture = toCodexConfigPosture(ctx.file, ctx.root, fileStartLocator);
    for (const fact of posture.facts) ctx.add(fact);
    return posture.envFilter;
  },
};

/**
 * The agent settings a Nix module writes, one posture each, read as the agent's own file is; and the commands its
 * strings hold that start an agent (a shell alias, a wrapper script), read as a script's lines.
 */
function nixPostures(file: SourceFile): AgentPosture[] {
  const { settings, locator, tokens } = nixAgentSettings(file.text);
  const commands = nixRunsAgent(file.text) ? launcherPosture({ ...file, text: nixStringsText(file.text, tokens) }) : [];
  return [...commands, ...nixSettingsPostures(file, settings, locator)];
}

function nixSettingsPostures(file: SourceFile, settings: readonly NixSettings[], locator: Locator): AgentPosture[] {
  return settings.map(({ agent, root, rebase }, i) => {
    const facts: Fact[] = [];
    const add = (fact: Fact): void => void facts.push(rebased(fact, rebase));
    const envFilter = NIX_READERS[agent]({ file: file.path, root, group: `${file.path}#${i}`, facts, envFilter: 'n/a', add });
    return { agent, file: file.path, facts, envFilter, locator };
  });
}

/** A hook script that answers allow to every call it does not block: an approval of all of them (a reading: medium). */
function hookAnswerPosture(file: SourceFile): AgentPosture[] {
  if (!mayAnswerAllow(file.text)) return [];
  const allow = fallThroughAllow(file.path, file.text);
  if (!allow) return [];
  const folder = /(?:^|\/)(\.[a-z]+)\/hooks\//i.exec(file.path)?.[1]?.toLowerCase() ?? '';
  const fact: Fact = {
    kind: 'bypass',
    grants: 'approve-all-tool-calls',
    keyPath: [],
    anchor: { kind: 'span', span: { start: { line: allow.line, column: allow.column } } },
    evidence: `hook answer ${allow.text}`,
    note: 'every call the hook does not block: the answer it gives when nothing before it matched',
    confidence: 'medium',
  };
  return [{ agent: HOOK_FOLDERS[folder] ?? 'claude-code', file: file.path, facts: [fact], envFilter: 'n/a', locator: fileStartLocator }];
}

/** A launcher script's postures: one per file, for every agent its lines start. */
function launcherPosture(file: SourceFile): AgentPosture[] {
  const launches = new Launches(file.path);
  for (const c of launcherCommands(file)) launches.run(c.command, c.place, c.keyPath, c.label, c.label, c.unread);
  const posture = launches.posture(file.path, fileStartLocator);
  return posture ? [posture] : [];
}

/** The command lines of a file that may run a launcher script by path: scripts and targets, dev container commands. */
function commandsOf(file: SourceFile): readonly { command: string }[] {
  if (COMPOSE.test(file.path) || VSCODE_TASKS.test(file.path) || WORKSPACE.test(file.path)) return [];
  if (!DEV_CONTAINER.test(file.path)) return readTargets(file).commands;
  const parsed = parseJson(file.text, false);
  const root = parsed.ok && isTable(parsed.value) ? parsed.value : {};
  return LIFECYCLE.flatMap((key) => commandLines(own(root, key), [key]).map(([command]) => ({ command })));
}

/** One posture per script, target, recipe or task that starts an agent. */
function targetPostures(file: SourceFile, problems: Problem[]): AgentPosture[] {
  const read = readTargets(file);
  if (read.problem) {
    problems.push(
      unparseable(
        ID,
        file.path,
        `cannot parse ${file.path.endsWith('.json') ? 'JSON' : 'YAML'}: ${read.problem.message}`,
        read.problem.position,
      ),
    );
    return [];
  }
  const byTarget = new Map<string, Launches>();
  for (const c of read.commands) {
    const launches = byTarget.get(c.label) ?? new Launches(file.path);
    byTarget.set(c.label, launches);
    launches.run(c.command, c.place, c.keyPath, c.label, c.label);
  }
  return [...byTarget.values()].flatMap((l) => l.posture(file.path, read.locator) ?? []);
}

const LIFECYCLE = [
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
];

/** Parsed JSONC or YAML with its locator, or an unparseable problem. */
function parsed(
  file: SourceFile,
  problems: Problem[],
): { root: Table; locator: Locator; place: (p: KeyPath, v: string) => ReturnType<typeof scalarPlace> } | undefined {
  const yaml = !file.path.toLowerCase().endsWith('.json');
  const result = yaml ? parseYamlText(file.text) : parseJson(file.text, false);
  if (!result.ok) {
    const [first] = result.problems;
    problems.push(unparseable(ID, file.path, `cannot parse ${yaml ? 'YAML' : 'JSON'}: ${first.message}`, first.position));
    return undefined;
  }
  const text = fileText(file.text);
  const root = isTable(result.value) ? result.value : {};
  return { root, locator: result.locator, place: (p, v) => scalarPlace(text, result.locator, p, v) };
}

/**
 * A dev container whose commands start an agent or install its CLI (or whose features add it) is the agent's
 * sandbox: its mounts, `runArgs`, `privileged` and environment are judged; a container with no agent is not.
 */
function devContainerPosture(file: SourceFile, problems: Problem[]): AgentPosture[] {
  const p = parsed(file, problems);
  if (!p) return [];
  const { root } = p;
  const launches = new Launches(file.path);
  for (const key of LIFECYCLE) {
    for (const [line, path, form] of commandLines(own(root, key), [key])) {
      launches.run(line, form === 'shell' ? p.place(path, line) : undefined, path, `dev container ${key}`, `dev container ${key}`);
      launches.agent(installedAgent(line));
    }
  }
  const features = own(root, 'features');
  if (isTable(features)) for (const [id] of entries(features)) launches.agent(installedAgent(id));
  // The agent's editor extension runs its CLI inside the container.
  for (const [id] of stringsAt(root, ['customizations', 'vscode', 'extensions'])) launches.agent(installedAgent(id));
  if (launches.agents.length === 0) return [];
  const { add } = launches;
  const mounts = own(root, 'mounts');
  if (Array.isArray(mounts)) mounts.forEach((m, i) => addMountEntry(add, m, ['mounts', i]));
  addMountEntry(add, own(root, 'workspaceMount'), ['workspaceMount']);
  addRunArgs(add, stringsAt(root, ['runArgs']));
  if (own(root, 'privileged') === true) addPrivileged(add, ['privileged'], 'privileged: true');
  for (const key of ['containerEnv', 'remoteEnv']) {
    const env = own(root, key);
    addEnvironment(add, env, [key]);
    if (isTable(env))
      for (const [name, value] of entries(env))
        if (typeof value === 'string') add({ kind: 'literal', value, keyName: name, ...at([key, name], `${key}.${name}`) });
  }
  return [launches.posture(file.path, p.locator)!];
}

/** Compose services whose image is an agent's or whose command or entrypoint starts one: one posture each. */
function composePostures(file: SourceFile, problems: Problem[]): AgentPosture[] {
  const p = parsed(file, problems);
  if (!p) return [];
  const services = own(p.root, 'services');
  if (!isTable(services)) return [];
  const out: AgentPosture[] = [];
  for (const [name, service] of entries(services)) {
    if (!isTable(service)) continue;
    const scope = `service "${name}"`;
    const launches = new Launches(file.path);
    for (const key of ['entrypoint', 'command']) {
      for (const [line, path, form] of commandLines(own(service, key), ['services', name, key]))
        launches.run(line, form === 'shell' ? p.place(path, line) : undefined, path, `compose ${scope} ${key}`, scope);
    }
    // An agent's image, or a service or container named for the agent it holds (`claude-code-container`).
    for (const named of [own(service, 'image'), name, own(service, 'container_name')])
      if (typeof named === 'string') launches.agent(AGENT_IMAGE.find(([, re]) => re.test(named))?.[0]);
    if (launches.agents.length === 0) continue;
    const { add } = launches;
    const base: KeyPath = ['services', name];
    const volumes = own(service, 'volumes');
    if (Array.isArray(volumes))
      volumes.forEach((v, i) =>
        typeof v === 'string' ? addVolume(add, v, [...base, 'volumes', i], scope) : addMountEntry(add, v, [...base, 'volumes', i], scope),
      );
    if (own(service, 'network_mode') === 'host') addHostNetwork(add, [...base, 'network_mode'], 'network_mode: host', scope);
    if (own(service, 'privileged') === true) addPrivileged(add, [...base, 'privileged'], 'privileged: true', scope);
    addEnvironment(add, own(service, 'environment'), [...base, 'environment'], scope);
    out.push(launches.posture(file.path, p.locator)!);
  }
  return out;
}

/**
 * VS Code's tasks, of a tasks file or a workspace file's `tasks`: one posture per task that starts an agent, whether
 * the user runs it or it runs on opening the folder. A workspace file that cannot be parsed is the VS Code adapter's
 * to report.
 */
function vscodeTaskPostures(file: SourceFile, problems: Problem[]): AgentPosture[] {
  const workspace = WORKSPACE.test(file.path);
  const p = parsed(file, workspace ? [] : problems);
  if (!p) return [];
  const out: AgentPosture[] = [];
  for (const task of vscodeTasks(workspace ? own(p.root, 'tasks') : p.root, workspace ? ['tasks'] : [], p.place)) {
    const launches = new Launches(file.path);
    for (const line of task.lines) launches.run(line.command, line.place, line.keyPath, task.scope, task.scope);
    const posture = launches.posture(file.path, p.locator);
    if (posture) out.push(posture);
  }
  return out;
}

export const scriptsAdapter: Adapter = {
  id: ID,
  name: 'Scripts, tasks and containers',
  patterns: [...PATTERNS, ...SHELL_SCRIPTS, BIN_SCRIPTS, HOOK_SCRIPTS],
  keys: SCRIPT_KEYS,
  matches: (path) =>
    isShellFile(path) ||
    HOOK_SCRIPTS.test(path) ||
    isBinScript(path) ||
    PYTHON.test(path) ||
    isJsLauncher(path) ||
    NIX.test(path) ||
    (PATTERNS.some((p) => p.test(path)) &&
      (!/devcontainer\.json$/i.test(path) || DEV_CONTAINER.test(path)) &&
      (!/\.ya?ml$/i.test(path) || COMPOSE.test(path) || /(?:^|\/)(?:taskfile(?:\.dist)?\.ya?ml|pnpm-workspace\.yaml)$/i.test(path))),
  // A name split by a backslash and line break (`cla\` + `ude`) is one word to the shell. A Nix module is read for the
  // settings it writes, whether or not it names the agent; one that holds none of the settings' own words writes none (a
  // generated package set that merely holds an agent's name is not read).
  admits: (file) =>
    NIX.test(file.path)
      ? NIX_SETTINGS.test(file.text) || nixRunsAgent(file.text)
      : (HOOK_SCRIPTS.test(file.path) && mayAnswerAllow(file.text)) ||
        mentionsAgent(file.text) ||
        // A program whose own name is an agent's may start it through a variable, never naming it.
        (isJsLauncher(file.path) && agentsOfPath(base(file.path)).length > 0) ||
        (file.text.includes('\\\n') && mentionsAgent(file.text.replaceAll('\\\n', ''))) ||
        // A VS Code variable read as empty may join a name (`cl${env:UNSET}aude`).
        (/(?:tasks\.json|\.code-workspace)$/i.test(file.path) &&
          file.text.includes('${') &&
          mentionsAgent(file.text.replace(/\$\{[^}]*\}/g, ''))),
  // A `bin` folder's executable is read only as the shell or Python script its `#!` line says it is.
  admitsStart: (path, start) => !isBinFile(path) || interpreterOf(start) !== undefined,
  runnerScripts: runnerScriptsOf,
  launchers: (files, paths) => namedLaunchers(files, paths, commandsOf),
  toPostures(files: readonly SourceFile[]): AdapterOutput {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    for (const file of files) {
      if (HOOK_SCRIPTS.test(file.path)) {
        postures.push(...hookAnswerPosture(file));
        // A hook in JS or TS is read for its answer only.
        if (!isShellFile(file.path) && !PYTHON.test(file.path)) continue;
      }
      if (PYTHON.test(file.path) || (isBinFile(file.path) && interpreterOf(file.text) === 'python')) postures.push(...pythonPosture(file));
      else if (NIX.test(file.path)) postures.push(...nixPostures(file));
      else if (JAVASCRIPT.test(file.path)) postures.push(...javascriptPosture(file));
      else if (!PATTERNS.some((p) => p.test(file.path))) postures.push(...launcherPosture(file));
      else if (DEV_CONTAINER.test(file.path)) postures.push(...devContainerPosture(file, problems));
      else if (COMPOSE.test(file.path)) postures.push(...composePostures(file, problems));
      else if (VSCODE_TASKS.test(file.path) || WORKSPACE.test(file.path)) postures.push(...vscodeTaskPostures(file, problems));
      else postures.push(...targetPostures(file, problems));
    }
    return { postures, problems };
  },
};
