import { recognise, type GuidanceHit, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, oneOf, optionalWords } from '../../guidance/words.js';

/** Settings, as written in a config line or on a command line, that switch the network on. */
const NETWORK_SETTINGS = [
  String.raw`\bnetwork_access\s*=\s*true\b`,
  String.raw`"?sandboxNetworkAccess"?\s*:\s*true\b`,
  String.raw`\bweb_search\s*=\s*["']live["']`,
  String.raw`"?allowNetwork"?\s*:\s*true\b`,
  String.raw`sandbox_workspace_write\.network_access=true`,
];
const NETWORK_CONFIG = new RegExp(NETWORK_SETTINGS.join('|'), 'i');

/** A download piped into a shell: `curl … | sh`, `iwr … | iex`. */
const POWERSHELL_DOWNLOADERS = ['iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod'];
const DOWNLOADERS = ['curl', 'wget', ...POWERSHELL_DOWNLOADERS];
const SHELLS = ['sh', 'bash', 'zsh', 'fish', 'dash'];
const PIPE_TO_SHELL = anyPattern(
  [String.raw`\b`, oneOf(DOWNLOADERS), String.raw`\b[^|]{0,400}\|\s*(?:sudo\s+)?`, oneOf(SHELLS), String.raw`\b`],
  [String.raw`\b`, oneOf(POWERSHELL_DOWNLOADERS), String.raw`\b[^|]{0,400}\|\s*iex\b`],
);
const SEARCH_FLAG = /\bcodex\b[^`|]{0,80}\s--search\b/i;

/** Verbs that open the network and what they open; verbs that lift a restriction and the restrictions. */
const OPEN = ['enable', 'turn on', 'allow', 'open', 'unblock', 'grant', 'grant yourself'];
const NETWORKS = ['network', 'internet', 'web', 'outbound'];
const LIFT = ['disable', 'turn off', 'bypass', 'ignore'];
const RESTRICTIONS = ['firewall', 'network (?:sandbox|restrictions?|isolation|policy)', 'egress'];
/** Verbs that fetch, and the words that leave what they fetch open: "install whatever you need". */
const FETCH = ['install', 'download', 'fetch', 'pull', 'add'];
const ANYTHING = ['any', 'whatever', 'anything'];
const NETWORK_PHRASE = anyPattern(
  ['^', oneOf(OPEN), String.raw`\b[^.]{0,30}?\b`, oneOf(NETWORKS), String.raw`\b`],
  ['^', oneOf(LIFT), String.raw`\b[^.]{0,20}?\b`, oneOf(RESTRICTIONS)],
  ['^', oneOf(FETCH), String.raw`\b[^.]{0,40}?\b`, oneOf(ANYTHING), String.raw`\b`],
  ['^', oneOf(['browse', 'surf', 'search']), String.raw`\s+`, optionalWords(['the']), oneOf(['web', 'internet']), String.raw`\b`],
  ['^', oneOf(['fetch', 'download', 'curl']), String.raw`\s+`, oneOf(['any', 'arbitrary', 'whatever']), String.raw`\b`],
);

const opensNetwork = (command: string): boolean => PIPE_TO_SHELL.test(command) || SEARCH_FLAG.test(command) || NETWORK_CONFIG.test(command);

/** What a statement orders that uses the network freely. */
function networkIn(reading: StatementReading): string | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') return opensNetwork(orders.command) ? 'a download piped to a shell or the network switched on' : undefined;
  if (orders.kind === 'setting') return NETWORK_CONFIG.test(orders.text) ? 'network switched on' : undefined;
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    if (clause.commands.some(opensNetwork)) return 'a download piped to a shell or the network switched on';
    if (clause.wordsOrder && (NETWORK_PHRASE.test(clause.text) || PIPE_TO_SHELL.test(clause.text))) return 'said in prose';
  }
  return undefined;
}

/** Guidance that tells the agent to use the network freely. */
export const findNetworkUse = (readings: readonly StatementReading[]): GuidanceHit[] => recognise(readings, networkIn);
