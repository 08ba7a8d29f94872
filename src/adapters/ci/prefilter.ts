import { namesAnAgent } from '../../shell/agent-clis.js';
import { VENDOR_ACTIONS } from './actions.js';

/**
 * Whether a workflow's text can start an agent: it names an agent CLI's program or package, or a vendor's agent
 * action by its repository's name (`run-gemini-cli` carries its agent's name inside a word, so it is named here);
 * a file without any such name is read, never parsed.
 */
export const mayStartAgent = namesAnAgent(VENDOR_ACTIONS.flatMap((v) => v.repos.map((repo) => repo.slice(repo.indexOf('/') + 1))));
