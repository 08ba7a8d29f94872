import { startGitListing, type PendingListing } from './discover.js';

/** File names an agent or guidance file can have; a cheap first test before the adapters' own patterns. */
const CANDIDATE_NAMES = new Set([
  'config.toml', 'settings.json', 'settings.local.json', '.mcp.json', 'mcp.json', 'cli.json', 'permissions.json', 'sandbox.json', 'cli-config.json',
  'opencode.json', 'opencode.jsonc', '.aider.conf.yml', '.aider.conf.yaml', 'AGENTS.md', 'AGENTS.override.md', 'CLAUDE.md', 'CLAUDE.local.md',
  'GEMINI.md', 'copilot-instructions.md', '.cursorrules', '.windsurfrules', '.clinerules',
]);
export const isCandidate = (path: string): boolean => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return CANDIDATE_NAMES.has(name) || name.endsWith('.rules') || name.endsWith('.mdc') || name.endsWith('.md');
};

/**
 * What git lists for a check: every file that can pass `isCandidate`, by extension (git's default pathspec
 * matching, where `*` crosses folders). Narrowing in git keeps the paths of a large monorepo's other files
 * out of the process; a test proves every candidate name matches one of these.
 */
export const AGENT_FILE_PATHSPECS = ['*.toml', '*.json', '*.jsonc', '*.yml', '*.yaml', '*.md', '*.mdc', '*rules'];

/** Starts listing the files that may be agent files; git runs while the caller goes on (loading the checker). */
export const startAgentListing = (root: string): PendingListing => startGitListing(root, AGENT_FILE_PATHSPECS);
