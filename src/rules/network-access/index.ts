import { _default, array, boolean, strictObject, string } from 'zod/mini';
import { factsOf, type FactOf } from '../../core/posture.js';
import { findInCommandLine, PACKAGE_PLACEHOLDER } from '../../shell/catalog.js';
import { catalogFor } from '../shared/analysis.js';
import { readGuidance } from '../../guidance/reading.js';
import { findNetworkUse } from './guidance.js';
import { findAllowedCommands } from '../shared/command-rules.js';
import { defineRule, described } from '../define.js';
import { isBrowsingTool, knownServer } from '../shared/mcp-servers.js';

const options = strictObject({
  'allowed-domains': described(_default(array(string()), []), 'Hosts the team approved; `*.example.com` also covers subdomains.'),
  'check-mcp-hosts': described(
    _default(boolean(), false),
    'Also require remote MCP servers to be on allowed-domains (a configured server is not open network access, so this is off by default).',
  ),
});

/** Whether a host is on the approved list: exact, or under a `*.` entry. */
export function isApprovedHost(host: string, approved: readonly string[]): boolean {
  const h = host.toLowerCase();
  return approved.some((entry) => {
    const e = entry.toLowerCase();
    return e === h || (e.startsWith('*.') && (h === e.slice(2) || h.endsWith(e.slice(1))));
  });
}

const messages = {
  'remote-server': '{evidence}{where} connects the agent to {host}, which is not in allowed-domains.',
  domain: '{evidence}{where} allows network access to {host}, which is not in allowed-domains.',
  'sandbox-network': '{evidence}{where} opens network access to every command the agent runs.',
  'web-search': '{evidence}{where} lets the agent fetch live pages from the web.',
  fetch: '{evidence}{where} lets the agent fetch any URL without asking.',
  'unenforced-domains':
    '{evidence}{where} enables the network, but without features.network_proxy = true its domain rules are not enforced.',
  proxy: '{evidence}{where} weakens the network proxy that keeps traffic to approved hosts.',
  'auto-command': '{evidence} runs {command} without a prompt ({trigger}), reaching the network.',
  'allowed-install':
    '{evidence}{where} lets the agent run `{command}` with any package without asking, which downloads code from the network.',
  'allowed-command': '{evidence}{where} lets the agent run {command} without asking, which reaches the network.',
  'browsing-server':
    '{evidence}{where} approves every tool of the server "{server}", which fetches pages or drives a browser, without asking.',
  'browsing-tool': '{evidence}{where} approves the tool "{tool}", which fetches any URL or drives a browser, without asking.',
  guidance: 'Guidance tells the agent to use the network freely ({what}): "{evidence}"',
} as const;

/** Network facts that are findings whatever their host. */
const GRANT_MESSAGE: Record<
  Exclude<FactOf<'network'>['what'], 'remote-server' | 'domain'>,
  'sandbox-network' | 'web-search' | 'fetch' | 'unenforced-domains' | 'proxy'
> = {
  'sandbox-network': 'sandbox-network',
  'web-search': 'web-search',
  fetch: 'fetch',
  'unenforced-domains': 'unenforced-domains',
  proxy: 'proxy',
};

export default defineRule({
  meta: {
    id: 'network-access',
    title: 'Network access is off unless approved.',
    description:
      'Finds committed settings that give the agent the network: sandbox network switches, live web search, remote MCP servers and allowed domains outside the approved list, browser and fetch MCP tools approved in advance, and commands such as curl or wget that run without a prompt.',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { 'allowed-domains': 'narrow', 'check-mcp-hosts': 'require' },
    fix: 'Keep the network off in committed configs; approve the hosts a workflow needs in `rules.network-access.allowed-domains`, or add a documented exception.',
  },
  options,
  messages,
  check({ options, postures, statements, report }) {
    const approved = options['allowed-domains'];
    const { network } = catalogFor([], []);
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'network')) {
        if (fact.host !== undefined && isApprovedHost(fact.host, approved)) continue;
        if (fact.what === 'remote-server' && !options['check-mcp-hosts']) continue;
        if (fact.what === 'remote-server') report({ messageId: 'remote-server', data: { host: fact.host ?? '' }, at: { posture, fact } });
        else if (fact.what === 'domain') report({ messageId: 'domain', data: { host: fact.host ?? '' }, at: { posture, fact } });
        else report({ messageId: GRANT_MESSAGE[fact.what], at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'tool-approval')) {
        if (fact.tool === '*' && knownServer(fact.server, fact.launch)?.grants.has('network'))
          report({ messageId: 'browsing-server', data: { server: fact.server }, at: { posture, fact } });
        else if (fact.tool !== '*' && isBrowsingTool(fact.tool))
          report({ messageId: 'browsing-tool', data: { tool: fact.tool }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'auto-approve')) {
        if (fact.grants === 'trusted-server' && fact.server !== undefined && knownServer(fact.server, fact.launch)?.grants.has('network'))
          report({ messageId: 'browsing-server', data: { server: fact.server }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'auto-command')) {
        const hit = findInCommandLine(fact.command, network);
        if (hit) report({ messageId: 'auto-command', data: { command: hit, trigger: fact.trigger }, at: { posture, fact } });
      }
    }
    // A rule that allows every command is reported once, under sandbox-mode.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, network)) {
      if (any) continue;
      if (entry.at(-1) === PACKAGE_PLACEHOLDER)
        report({ messageId: 'allowed-install', data: { command: entry.slice(0, -1).join(' ') }, at: { posture, fact } });
      else report({ messageId: 'allowed-command', data: { command: entry.join(' ') }, at: { posture, fact } });
    }
    for (const hit of findNetworkUse(readGuidance(statements)))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
