import { AGENT_CLIS } from '../../shell/agent-clis.js';

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Names without which a file cannot start an agent: the agent CLIs' programs and packages, from the one list the
 * command-line reading uses. The vendors' agent actions carry their agent's name (`anthropics/claude-code-action`,
 * `openai/codex-action`, `google-github-actions/run-gemini-cli`, `copilot-setup-steps`), so they pass too.
 */
const ANY_NAME = new RegExp(
  `(?:^|[^A-Za-z0-9_-])(?:${[...new Set(AGENT_CLIS.flatMap((c) => [...c.programs, ...c.packages]))].map(escape).join('|')})(?![A-Za-z0-9_])`,
  'i',
);

/** Whether a workflow's text can start an agent; a file without any such name is read, never parsed. */
export const mayStartAgent = (text: string): boolean => ANY_NAME.test(text);
