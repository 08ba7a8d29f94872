import { namesAnAgent } from '../../shell/agent-clis.js';
import { VENDOR_ACTIONS } from './actions.js';

const namesOne = namesAnAgent(VENDOR_ACTIONS.flatMap((v) => v.repos.map((repo) => repo.slice(repo.indexOf('/') + 1))));

/**
 * An escape of a YAML double-quoted string that writes a character by its code (`\x61`, `\u0069`, `\U00000069`):
 * a name spelled so is not in the text as written.
 */
export const ESCAPED = /\\(?:x[\da-f]{2}|u[\da-f]{4}|U[\da-f]{8})/i;
/**
 * An escape of a YAML double-quoted string that writes a break before a word (`\n`, `\t`, `\r`, `\L`, …): a name right
 * after one (`"F=x\nclaude -p $F"`) is a word of its own once the string is read, not the `nclaude` written.
 */
const BREAK_ESCAPE = /\\[ntr0abvefNLP_ ]/g;

/**
 * Whether a workflow's text can start an agent: it names an agent CLI's program or package, or a vendor's agent
 * action by its repository's name (`run-gemini-cli` carries its agent's name inside a word, so it is named here),
 * or it writes characters by their codes, which may spell one; a file without any is read, never parsed.
 */
export const mayStartAgent = (text: string): boolean =>
  namesOne(text) || ESCAPED.test(text) || (text.includes('\\') && namesOne(text.replace(BREAK_ESCAPE, ' ')));
