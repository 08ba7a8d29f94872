import { claudeActionSettingsAdapter, codexActionConfigAdapter } from './action-config/index.js';
import { agentSkillsAdapter } from './agent-skills/index.js';
import { aiderAdapter } from './aider/index.js';
import { antigravityAdapter } from './antigravity/index.js';
import { ciAdapter } from './ci/index.js';
import { ampAdapter } from './amp/index.js';
import { factoryAdapter } from './factory/index.js';
import { augmentAdapter } from './augment/index.js';
import { claudeAdapter } from './claude/index.js';
import { claudePluginAdapter } from './claude-plugin/index.js';
import { claudeHomeAdapter } from './claude-home/index.js';
import { claudeCopyAdapter } from './claude-copy/index.js';
import { codexConfigCopyAdapter, codexRulesCopyAdapter } from './codex-copy/index.js';
import { geminiCopyAdapter } from './gemini-copy/index.js';
import { codexAdapter } from './codex/index.js';
import { continueAdapter } from './continue/index.js';
import { cursorAdapter } from './cursor/index.js';
import { geminiAdapter } from './gemini/index.js';
import { geminiExtensionAdapter } from './gemini-extension/index.js';
import { junieAdapter } from './junie/index.js';
import { kiloAdapter } from './kilo/index.js';
import { kiroAdapter } from './kiro/index.js';
import { lettaAdapter } from './letta/index.js';
import { opencodeAdapter } from './opencode/index.js';
import { crushAdapter } from './crush/index.js';
import { openclawAdapter } from './openclaw/index.js';
import { rooAdapter } from './roo/index.js';
import { scriptsAdapter } from './scripts/index.js';
import { reachingScripts } from './scripts/targets.js';
import { namesAnAgent } from '../shell/agent-clis.js';
import { GUIDANCE_PATHS, guidanceFolderAgent, skillResources } from '../guidance/files.js';
import { namedHookScripts } from './scripts/hook-scripts.js';
import { promptFiles, type PromptFiles } from './scripts/prompt-files.js';
import { byFileName, folderPrefilter } from '../sources/agent-paths.js';
import type { TextTest } from '../sources/discover.js';
import type { Adapter, NamedConfig } from './types.js';
import type { SourceFile } from '../core/types.js';
import type { RunnerScript } from '../core/posture.js';
import { vscodeAdapter } from './vscode/index.js';
import { zedAdapter } from './zed/index.js';

/** Every agent adapter; the engine runs them in this order. */
export const ADAPTERS: readonly Adapter[] = [
  codexAdapter,
  claudeAdapter,
  claudePluginAdapter,
  claudeHomeAdapter,
  geminiAdapter,
  geminiExtensionAdapter,
  cursorAdapter,
  vscodeAdapter,
  opencodeAdapter,
  kiloAdapter,
  aiderAdapter,
  kiroAdapter,
  rooAdapter,
  zedAdapter,
  ampAdapter,
  factoryAdapter,
  augmentAdapter,
  continueAdapter,
  junieAdapter,
  antigravityAdapter,
  openclawAdapter,
  crushAdapter,
  lettaAdapter,
  ciAdapter,
  scriptsAdapter,
  // These read only the files a workflow step hands to an agent as its config (the engine routes them by path).
  claudeActionSettingsAdapter,
  codexActionConfigAdapter,
  // These read only files no adapter above has read: Claude Code settings, Gemini CLI settings, Codex rules and
  // configs kept elsewhere, and skills.
  claudeCopyAdapter,
  geminiCopyAdapter,
  codexRulesCopyAdapter,
  codexConfigCopyAdapter,
  // Last: it reads only the skills no adapter above has read.
  agentSkillsAdapter,
];
const maybeMatching = byFileName(ADAPTERS.map((a) => a.patterns));

/** Which adapters match a path, by index in `ADAPTERS` order; only those whose file names fit are asked. */
function matchingAdapters(path: string, first = false): readonly number[] {
  const maybe = maybeMatching(path);
  if (maybe.length === 0) return maybe;
  const matching: number[] = [];
  for (const i of maybe) {
    if (!ADAPTERS[i]!.matches(path)) continue;
    matching.push(i);
    if (first) break;
  }
  return matching;
}

/** Whether any adapter reads the file at `path`. */
export const matchesAnAdapter = (path: string): boolean => matchingAdapters(path, true).length > 0;

const matchedLists = new WeakMap<readonly SourceFile[], { length: number; lists: readonly (readonly SourceFile[])[] }>();

/**
 * For each adapter, in `ADAPTERS` order, the files whose path it matches, in file order: worked out once a list (again
 * when files were added to it since, as the loader adds the files a config names).
 */
export function matchedByAdapter(files: readonly SourceFile[]): readonly (readonly SourceFile[])[] {
  const known = matchedLists.get(files);
  if (known?.length === files.length) return known.lists;
  const lists: SourceFile[][] = ADAPTERS.map(() => []);
  for (const file of files) {
    for (const i of matchingAdapters(file.path)) lists[i]!.push(file);
  }
  matchedLists.set(files, { length: files.length, lists });
  return lists;
}

/** Which commands may run a project script that starts an agent, by text (see `reachingScripts`). */
export const reachingNames = (files: readonly SourceFile[]): ReadonlySet<string> | 'any' | undefined =>
  reachingScripts(files, namesAnAgent());

/** The scripts and targets an agent whose config is at a path can start by name, from every adapter that knows them. */
export function runnerScripts(files: readonly SourceFile[]): (configFile: string) => RunnerScript[] {
  const matched = matchedByAdapter(files);
  const readers = ADAPTERS.flatMap((a, i) => (a.runnerScripts ? [a.runnerScripts(matched[i]!)] : []));
  return (configFile) => readers.flatMap((read) => read(configFile));
}

const mayBeAgentFolder = folderPrefilter([...ADAPTERS.flatMap((a) => a.patterns), ...GUIDANCE_PATHS]);
/** The agent whose files a folder at `path` holds by its name (`.codex`, `.github/instructions`): a link or a submodule there hides them. */
export const agentFolderOf = (path: string): string | undefined =>
  mayBeAgentFolder(path) ? (ADAPTERS.find((a) => a.patterns.some((p) => p.isFolderOf(path)))?.id ?? guidanceFolderAgent(path)) : undefined;

/**
 * The test an adapter that reads only files naming an agent (a script, a workflow) puts to the text of the file at
 * `path`; none for a file any adapter reads whole. Said of the adapter matching the path, else of its folder's.
 */
export function admitsText(path: string): TextTest | undefined {
  const adapter = ADAPTERS.find((a) => a.matches(path)) ?? ADAPTERS.find((a) => a.id === agentFolderOf(path));
  if (!adapter?.admits) return undefined;
  // A workflow or an action may start an agent through a script or an action it names, which its text need not
  // name: one that cannot be read is taken to start one.
  if (adapter.admitsRunning) return () => true;
  const test: TextTest = (text) => adapter.admits!({ path, text });
  return adapter.admitsStart ? Object.assign(test, { start: (text: string) => adapter.admitsStart!(path, text) }) : test;
}

type Naming = (files: readonly SourceFile[], paths: () => readonly string[]) => string[];

/** Paths that adapters' files name (by `pick`), with the adapter whose file named each first. */
function namedBy(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  pick: (a: Adapter) => Naming | undefined,
): Map<string, string> {
  const named = new Map<string, string>();
  const matched = matchedByAdapter(files);
  ADAPTERS.forEach((adapter, i) => {
    const naming = pick(adapter)?.bind(adapter);
    const mine = naming ? matched[i]! : [];
    if (mine.length === 0) return;
    for (const path of naming!(mine, paths)) if (!named.has(path)) named.set(path, adapter.id);
  });
  return named;
}

/** Files that scripts, recipes and workflows hand an agent as its prompt (`cat PROMPT.md | claude -p`). */
export const namedPrompts = (files: readonly SourceFile[], paths: () => readonly string[]): PromptFiles =>
  promptFiles(
    files,
    paths,
    (path) => scriptsAdapter.matches(path) || ciAdapter.matches(path),
    (path) => ciAdapter.matches(path),
  );

/**
 * Files read as guidance because an agent's committed config names them, or a launcher hands them to an agent as its
 * prompt, with the agent that reads each.
 */
export function namedGuidance(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  prompts: PromptFiles = namedPrompts(files, paths),
): Map<string, string> {
  const named = namedBy(files, paths, (a) => (a.namedGuidance ? (f, p) => a.namedGuidance!(f, p) : undefined));
  for (const prompt of prompts.files) if (!named.has(prompt.path)) named.set(prompt.path, prompt.agent);
  return named;
}

/** Launcher scripts that scripts and targets run by path, with the adapter that reads each. */
export const namedLaunchers = (files: readonly SourceFile[], paths: () => readonly string[]): Map<string, string> =>
  namedBy(files, paths, (a) => (a.launchers ? (f, p) => a.launchers!(f, p) : undefined));

const baseName = (path: string): string =>
  path
    .slice(path.lastIndexOf('/') + 1)
    .toLowerCase()
    .replace('.local.', '.');
/** Whether a path's file name fits the file name of an agent file (`*.rules`), `.local` aside. */
const sameKind = (path: string, target: string): boolean => {
  const [name, pattern] = [baseName(path), baseName(target)];
  return pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern;
};

/**
 * Files that adapters' files hand to an agent as its config, with who hands each over (for each agent, the first),
 * and the places that name a file that is not committed (`missing`). Another adapter that reads such a file by its
 * path reads it too, unless it is the agent's own adapter reading it as the same file (`.claude/settings.json` named
 * as Claude Code's settings): then it is that adapter's alone.
 */
export function namedConfigs(
  files: readonly SourceFile[],
  paths: () => readonly string[],
): { named: Map<string, NamedConfig[]>; missing: NamedConfig[] } {
  const named = new Map<string, NamedConfig[]>();
  const missing: NamedConfig[] = [];
  const matched = matchedByAdapter(files);
  ADAPTERS.forEach((adapter, i) => {
    const mine = adapter.namedConfigs ? matched[i]! : [];
    if (mine.length === 0) return;
    for (const config of adapter.namedConfigs!(mine, paths)) {
      if (config.missing) {
        // Said at the step, in the naming adapter's file.
        missing.push({ ...config, site: { ...config.site, agent: adapter.id } });
        continue;
      }
      const own = ADAPTERS.find((a) => a.id === config.site.agent);
      const same = own?.matches(config.path) === true && sameKind(config.path, config.target);
      if (same) continue;
      // One file may be handed to two agents (a Claude Code settings file in a Codex home): each reads it.
      const list = named.get(config.path) ?? [];
      if (!list.some((c) => c.reader === config.reader)) named.set(config.path, [...list, config]);
    }
  });
  return { named, missing };
}

/**
 * Every file read because a committed file names it: guidance, launcher scripts and configs handed to an agent, the
 * resources a skill names, and the scripts hooks may run.
 */
export const namedFiles = (files: readonly SourceFile[], paths: () => readonly string[]): string[] => [
  ...new Set([
    ...namedGuidance(files, paths).keys(),
    ...namedLaunchers(files, paths).keys(),
    ...namedConfigs(files, paths).named.keys(),
    ...skillResources(files, paths).named.keys(),
    ...namedHookScripts(files, paths),
  ]),
];
