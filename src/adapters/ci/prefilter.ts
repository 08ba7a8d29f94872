import { namesAnAgent } from '../../shell/agent-clis.js';

/**
 * Whether a workflow's text can start an agent: it names an agent CLI's program or package. The vendors' agent
 * actions carry their agent's name (`anthropics/claude-code-action`, `openai/codex-action`,
 * `google-github-actions/run-gemini-cli`), so they pass too; a file without any such name is read, never parsed.
 */
export const mayStartAgent = namesAnAgent();
