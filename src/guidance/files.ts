import type { SourceFile } from '../core/types.js';
import { agentPath, byFileName, type AgentPath } from '../sources/agent-paths.js';

/** The agent of a SKILL.md outside the skill folders agents name: any agent that installs the skill. */
export const SKILL_ELSEWHERE = 'agent-skills';

/** Guidance files (SPEC §2) and the agent each speaks to, first match first; matched in any folder and any letter case. */
export const GUIDANCE_FILES: readonly (readonly [AgentPath, string])[] = (
  [
    ['AGENTS.md', 'agents-md'],
    ['AGENTS.override.md', 'agents-md'],
    ['CLAUDE.md', 'claude-code'],
    ['CLAUDE.local.md', 'claude-code'],
    ['.claude/rules/*.md', 'claude-code'],
    ['GEMINI.md', 'gemini-cli'],
    ['QWEN.md', 'gemini-cli'],
    ['.github/copilot-instructions.md', 'copilot'],
    ['.github/instructions/**/*.instructions.md', 'copilot'],
    ['.cursorrules', 'cursor'],
    ['.cursor/rules/**/*.{mdc,md}', 'cursor'],
    ['.windsurfrules', 'windsurf'],
    ['.windsurf/rules/*.md', 'windsurf'],
    ['.windsurf/workflows/*.md', 'windsurf'],
    ['.clinerules', 'cline'],
    ['.clinerules/*.md', 'cline'],
    ['.clinerules/workflows/*.md', 'cline'],
    ['.kiro/steering/*.md', 'kiro'],
    ['.roorules', 'roo-code'],
    ['.roorules-*', 'roo-code'],
    ['.roo/rules/**/*.md', 'roo-code'],
    ['.roo/rules-*/**/*.md', 'roo-code'],
    // Kilo Code's rules: `.kilo/rules/`, and the older `.kilocode/rules/`, `rules-<mode>/` and `.kilocoderules` it
    // still loads (https://kilo.ai/docs/customize/custom-rules).
    ['.kilo/rules/**/*.md', 'kilo-code'],
    ['.kilocode/rules/**/*.md', 'kilo-code'],
    ['.kilocode/rules-*/**/*.md', 'kilo-code'],
    ['.kilocoderules', 'kilo-code'],
    ['.kilocoderules-*', 'kilo-code'],
    ['.rules', 'zed'],
    ['.continue/rules/**/*.md', 'continue'],
    ['.junie/guidelines.md', 'junie'],
    ['.goosehints', 'goose'],
    // Augment's rules, loaded from the workspace's `.augment/rules/` folder whatever their depth, and its older
    // guidelines file (https://docs.augmentcode.com/cli/rules).
    ['.augment/rules/**/*.md', 'augment'],
    ['.augment/guidelines.md', 'augment'],
    // Qoder's project rules (https://docs.qoder.com/user-guide/rules), and its CLI's custom commands and subagents,
    // markdown prompts it follows when `/name` runs or the agent is delegated to (https://docs.qoder.com/cli/commands).
    ['.qoder/rules/**/*.md', 'qoder'],
    ['.qoder/commands/**/*.md', 'qoder'],
    ['.qoder/agents/**/*.md', 'qoder'],
    // Google Antigravity's workspace rules (`.agent/` before 2.0, `.agents/` since); its workflows are its adapter's.
    ['.agent/rules/*.md', 'antigravity'],
    ['.agents/rules/*.md', 'antigravity'],
    // Agent Skills (https://agentskills.io): a skill's instructions, followed when an agent uses it. Copilot's project
    // skills are `.github/skills/` and Codex's `.agents/skills/`
    // (https://code.visualstudio.com/docs/agents/reference/agent-skills-reference); Claude Code's `.claude/skills/`
    // are its adapter's. A SKILL.md anywhere else (a plugin's, a collection's) is a skill when it reads as one
    // (`isSkill`).
    ['.github/skills/*/SKILL.md', 'copilot'],
    ['.agents/skills/*/SKILL.md', 'codex'],
    ['SKILL.md', SKILL_ELSEWHERE],
  ] as const
).map(([glob, agent]) => [agentPath(glob), agent]);

/** The guidance files' path globs. */
export const GUIDANCE_PATHS: readonly AgentPath[] = GUIDANCE_FILES.map(([p]) => p);

/** The globs in runs of one agent each, in order: a group of the file-name prefilter per run. */
const RUNS: { globs: AgentPath[]; agent: string }[] = [];
for (const [glob, agent] of GUIDANCE_FILES) {
  const last = RUNS.at(-1);
  if (last?.agent === agent) last.globs.push(glob);
  else RUNS.push({ globs: [glob], agent });
}
const maybeGuidance = byFileName(RUNS.map((run) => run.globs));

/** The agent a guidance file at `path` speaks to: the first glob that matches, of those whose file names fit. */
export function guidanceAgent(path: string): string | undefined {
  for (const i of maybeGuidance(path)) if (RUNS[i]!.globs.some((glob) => glob.test(path))) return RUNS[i]!.agent;
  return undefined;
}
export const isGuidanceFile = (path: string): boolean => guidanceAgent(path) !== undefined;
/** The agent whose guidance files a folder at `path` holds by its name (`.github/instructions`, `.cursor/rules`). */
export const guidanceFolderAgent = (path: string): string | undefined => GUIDANCE_FILES.find(([p]) => p.isFolderOf(path))?.[1];

/**
 * Whether a SKILL.md outside the agents' skill folders is a skill: its front matter names it and says what it does
 * (`name` and `description`, both required by https://agentskills.io/specification), as a page of notes named
 * skill.md does not.
 */
export function isSkill(text: string): boolean {
  const front = /^(?:\uFEFF)?---\r?\n([^]{0,8000}?)\r?\n---(?:\r?\n|$)/.exec(text.slice(0, 8_200));
  return front !== null && /^name[ \t]*:/m.test(front[1]!) && /^description[ \t]*:/m.test(front[1]!);
}

/** A skill's instructions: a file named SKILL.md, in any folder. */
export const isSkillFile = (path: string): boolean => /(?:^|\/)SKILL\.md$/i.test(path);

/** Most resource files one skill hands its agent (a skill names a handful; a bound on what a hostile one can add). */
export const MAX_SKILL_RESOURCES = 64;
const MARKDOWN = /\.(?:md|markdown)$/i;

/** The markdown files a skill's text names, as written (`refs/x.md`, `x.md`), and the folders it names as folders (`steps/`). */
interface Mentions {
  paths: Set<string>;
  folders: Set<string>;
  /** The lengths of the folders, so that only a prefix of one of them is looked up. */
  lengths: Set<number>;
}

/** What ends a path in prose: blanks, quotes of any kind, brackets, a link's anchor or query, and punctuation. */
const PATH_END = /[\s\\`'"“”‘’«»()[\]<>|,;:!?*#—–…]+/;

/**
 * What a text names, each path whole (`my-workflow.md` is not `workflow.md`, nor is `workflow.md.bak`), with the
 * marks around it in prose taken off (`_refs/x.md_`, `@x.md`, a full stop) and a leading `./` or variable (`${SKILL_DIR}/`,
 * `{baseDir}/`):
 * one pass over the text, so that a large skill and many files cost no more than reading it once.
 */
function mentionsOf(text: string): Mentions {
  const mentions: Mentions = { paths: new Set(), folders: new Set(), lengths: new Set() };
  for (const token of text.split(PATH_END)) {
    let start = 0;
    let end = token.length;
    while (start < end && (token[start] === '@' || token[start] === '_' || token[start] === '~')) start++;
    while (end > start && (token[end - 1] === '.' || token[end - 1] === '_')) end--;
    while (token.startsWith('./', start)) start += 2;
    const variable = /^(?:\$\{?\w{1,64}\}?|\{\w{1,64}\})\//.exec(token.slice(start, Math.min(end, start + 70)));
    if (variable) start += variable[0].length;
    const word = token.slice(start, end);
    if (word.endsWith('/')) {
      mentions.folders.add(word.slice(0, -1));
      mentions.lengths.add(word.length - 1);
    } else if (MARKDOWN.test(word)) mentions.paths.add(word);
  }
  return mentions;
}

/** A SKILL.md that is a skill: one with a skill's front matter, or one where an agent or a plugin keeps its skills. */
const isRealSkill = (file: SourceFile): boolean =>
  /(?:^|\/)(?:\.[^/]+|plugins\/[^/]+)\/skills\/[^/]+\/SKILL\.md$/i.test(file.path) || isSkill(file.text);

/** A folder of the skills' tree: its subfolders by name, and the skill it holds. */
interface SkillNode {
  children: Map<string, SkillNode>;
  skill?: { file: SourceFile; folder: string };
}

/** A skill's resources, each with the SKILL.md that names it, and the skills that name more than are read. */
export interface SkillResources {
  named: Map<string, string>;
  /** Each skill that names more than `MAX_SKILL_RESOURCES` files, with how many it names. */
  over: Map<string, number>;
}

/**
 * The markdown files below a skill's folder that its SKILL.md names, by their path in the skill (`references/workflow.md`,
 * `Read cookbook/claude-code.md`, a link to `steps/step-05-pr.md`, a bare name for a file beside it) or in the
 * repository, or that sit below a folder of it the SKILL.md names as one (`steps/`), each with the SKILL.md that names
 * it: an agent reads them when the skill tells it to, as the skill's own instructions (the Agent Skills layout puts
 * detail in `references/` and loads it on demand, https://agentskills.io/specification). A file belongs to the skill
 * whose folder is nearest above it (a SKILL.md that is a page of notes is no skill); one no SKILL.md names, or that is
 * guidance by its own path, is not a resource. Paths are the committed listing's: nothing outside the skill's folder,
 * so nothing outside the repository, is named. Files a resource names in turn are not followed.
 */
export function skillResources(files: readonly SourceFile[], paths: () => readonly string[]): SkillResources {
  // The skills' folders as a tree of folder names: a path finds the nearest skill above it in one walk of its parts.
  const root: SkillNode = { children: new Map() };
  let any = false;
  for (const file of files) {
    if (!isSkillFile(file.path) || !isRealSkill(file)) continue;
    let node = root;
    const folder = file.path.slice(0, file.path.length - 'SKILL.md'.length);
    for (const part of folder.split('/').slice(0, -1)) {
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = { children: new Map() }));
      node = child;
    }
    node.skill = { file, folder };
    any = true;
  }
  const out: SkillResources = { named: new Map(), over: new Map() };
  if (!any) return out;
  const counts = new Map<string, number>();
  const mentioned = new Map<string, Mentions>();
  for (const path of paths()) {
    if (!MARKDOWN.test(path) || isSkillFile(path) || isGuidanceFile(path)) continue;
    let node: SkillNode | undefined = root;
    let nearest = root.skill;
    for (let start = 0, end = path.indexOf('/'); end >= 0 && node; start = end + 1, end = path.indexOf('/', start)) {
      node = node.children.get(path.slice(start, end));
      if (node?.skill) nearest = node.skill;
    }
    if (nearest === undefined) continue;
    const { file: skill, folder } = nearest;
    let mentions = mentioned.get(skill.path);
    if (mentions === undefined) mentioned.set(skill.path, (mentions = mentionsOf(skill.text)));
    const inSkill = path.slice(folder.length);
    if (!mentions.paths.has(inSkill) && !mentions.paths.has(path) && !belowNamedFolder(mentions, folder, inSkill)) continue;
    const count = (counts.get(skill.path) ?? 0) + 1;
    counts.set(skill.path, count);
    if (count > MAX_SKILL_RESOURCES) out.over.set(skill.path, count);
    else out.named.set(path, skill.path);
  }
  return out;
}

/** Whether a file of a skill lies below a folder of it the skill names as one, by its path in the skill or the repository. */
function belowNamedFolder(mentions: Mentions, folder: string, inSkill: string): boolean {
  for (let end = inSkill.indexOf('/'); end > 0; end = inSkill.indexOf('/', end + 1)) {
    if (mentions.lengths.has(end) && mentions.folders.has(inSkill.slice(0, end))) return true;
    if (mentions.lengths.has(folder.length + end) && mentions.folders.has(folder + inSkill.slice(0, end))) return true;
  }
  return false;
}

/**
 * A command or workflow the user invokes by name (`/release`, `/pr-push`: Claude Code's, Gemini CLI's, Qwen Code's,
 * OpenCode's, Kilo Code's, Cursor's and Factory's commands, Antigravity's, Windsurf's and Cline's workflows, Copilot's
 * prompt files), named for publishing: invoking it asks for the publishing, but a model may invoke a command too (Claude
 * Code does unless its front matter sets `disable-model-invocation`), so its publishing steps are reported at low
 * confidence, never dropped. Only the file's own folder counts, and the name is read word by word ("products" is not
 * "prod"). A user's Claude Code folder kept in dotfiles (`.config/claude/commands`, chezmoi's `dot_claude/commands`)
 * holds commands too.
 */
const USER_INVOKED =
  /(?:^|\/)(?:\.claude\/commands|\.gemini\/commands|\.qwen\/commands|\.opencode\/commands?|\.kilo\/commands?|\.kilocode\/workflows|\.cursor\/commands|\.agents?\/workflows|\.windsurf\/workflows|\.clinerules\/workflows|\.github\/prompts|\.qoder\/commands|\.factory\/commands)\/(.+)$/i;
/** Agents' subagents (Factory's droids) and skills, and a plugin's commands, agents and skills: each a procedure of its own. */
const SUBAGENTS_AND_SKILLS =
  /(?:^|\/)(?:\.claude\/(?:agents|skills)|\.gemini\/agents|\.opencode\/agents?|\.kilo\/agents|\.agents?\/skills|\.github\/agents|\.qoder\/agents|\.factory\/(?:droids|skills)|\.cursor\/(?:agents|skills)|plugins\/[^/]+\/(?:commands|agents|skills))\//i;

/**
 * A user's Claude Code folder kept in dotfiles (`.config/claude`, chezmoi's `dot_claude`): its commands, agents and
 * skills, unless the path is already inside an agent's folder (a subagent at `.claude/agents/dot_claude/…`).
 */
const DOTFILES_COMMANDS = /(?:^|\/)(?:\.config\/|(?:[a-z]+_)*dot_)claude\/commands\/(.+)$/i;
const DOTFILES_PROCEDURES = /(?:^|\/)(?:\.config\/|(?:[a-z]+_)*dot_)claude\/(?:agents|skills)\//i;
const AGENT_FOLDER =
  /(?:^|\/)\.(?:claude|cursor|gemini|qwen|codex|factory|opencode|kilo|kilocode|augment|github|windsurf|clinerules|qoder|agents?)\//i;
const PLUGIN_COMPONENT = /(?:^|\/)plugins\/[^/]+\/(?:commands|agents|skills)\//i;
const outsideAgentFolder = (m: RegExpExecArray | null, file: string): RegExpExecArray | null => {
  if (m === null) return null;
  const before = file.slice(0, m.index + 1);
  return AGENT_FOLDER.test(before) || PLUGIN_COMPONENT.test(before) ? null : m;
};
const userInvoked = (file: string): RegExpExecArray | null =>
  USER_INVOKED.exec(file) ?? outsideAgentFolder(DOTFILES_COMMANDS.exec(file), file);

/**
 * A file that is one procedure, run from start to end: a command, workflow or prompt the user invokes, a skill, a
 * subagent. Standing guidance (AGENTS.md, CLAUDE.md, rules) holds many unrelated instructions instead.
 */
export const isProcedureFile = (file: string): boolean =>
  userInvoked(file) !== null || SUBAGENTS_AND_SKILLS.test(file) || outsideAgentFolder(DOTFILES_PROCEDURES.exec(file), file) !== null;

const PUBLISH_WORDS = new Set([
  'push',
  'pushes',
  'release',
  'releases',
  'deploy',
  'deploys',
  'deployment',
  'publish',
  'ship',
  'prod',
  'production',
  'merge',
]);
const PR_VERBS = new Set(['create', 'open', 'make', 'submit', 'new', 'and', 'push']);
export function invokedToPublish(file: string): boolean {
  const named = userInvoked(file);
  if (named === null) return false;
  const words = named[1]!
    .toLowerCase()
    .replace(/(?:\.prompt)?\.[^/.]+$/, '')
    .split(/[^a-z0-9]+/);
  return words.some((w) => PUBLISH_WORDS.has(w)) || (words.includes('pr') && words.some((w) => PR_VERBS.has(w)));
}
