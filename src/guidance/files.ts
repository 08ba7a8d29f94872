import { agentPath, type AgentPath } from '../sources/agent-paths.js';

/** Guidance files (SPEC §2) and the agent each speaks to; matched in any folder and any letter case. */
const GUIDANCE: readonly [AgentPath, string][] = (
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
    ['.rules', 'zed'],
    ['.continue/rules/**/*.md', 'continue'],
    ['.junie/guidelines.md', 'junie'],
    ['.goosehints', 'goose'],
  ] as const
).map(([glob, agent]) => [agentPath(glob), agent]);

/** The guidance files' path globs. */
export const GUIDANCE_PATHS: readonly AgentPath[] = GUIDANCE.map(([p]) => p);

export const guidanceAgent = (path: string): string | undefined => GUIDANCE.find(([p]) => p.test(path))?.[1];
export const isGuidanceFile = (path: string): boolean => guidanceAgent(path) !== undefined;
/** The agent whose guidance files a folder at `path` holds by its name (`.github/instructions`, `.cursor/rules`). */
export const guidanceFolderAgent = (path: string): string | undefined => GUIDANCE.find(([p]) => p.isFolderOf(path))?.[1];
