import { _default, array, boolean, strictObject, string, type output } from 'zod/mini';
import { factsOf } from '../core/posture.js';
import type { Problem } from '../core/types.js';
import { findInCommandLine, PACKAGE_PLACEHOLDER } from '../shell/catalog.js';
import { findAllowedCommands } from './command-rules.js';
import { defineRule, described, guidanceProblems, problemAt, where } from './define.js';

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

const WHAT: Record<string, string> = {
  'sandbox-network': 'opens network access to every command the agent runs',
  'web-search': 'lets the agent fetch live pages from the web',
  fetch: 'lets the agent fetch any URL without asking',
  'unenforced-domains': 'enables the network, but without features.network_proxy = true its domain rules are not enforced',
  proxy: 'weakens the network proxy that keeps traffic to approved hosts',
};

export default defineRule<output<typeof options>>({
  meta: {
    id: 'network-access',
    title: 'Network access is off unless approved.',
    description:
      'Finds committed settings that give the agent the network: sandbox network switches, live web search, remote MCP servers and allowed domains outside the approved list, and commands such as curl or wget that run without a prompt.',
    defaultLevel: 'error',
    options,
    optionMerge: { 'allowed-domains': 'narrow', 'check-mcp-hosts': 'require' },
    fix: 'Keep the network off in committed configs; approve the hosts a workflow needs in `rules.network-access.allowed-domains`, or add a documented exception.',
  },
  checkGuidance(statements, { analysis }) {
    return guidanceProblems(statements, analysis, 'network-access', (hit) =>
      `Guidance tells the agent to use the network freely (${hit.what})`,
    );
  },
  checkPostures(postures, { options, catalog }) {
    const approved = options['allowed-domains'];
    const problems: Problem[] = [];
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'network')) {
        if (fact.host !== undefined && isApprovedHost(fact.host, approved)) continue;
        if (fact.what === 'remote-server' && !options['check-mcp-hosts']) continue;
        const message =
          fact.what === 'remote-server'
            ? `${fact.evidence}${where(fact.scope)} connects the agent to ${fact.host}, which is not in allowed-domains.`
            : fact.what === 'domain'
              ? `${fact.evidence}${where(fact.scope)} allows network access to ${fact.host}, which is not in allowed-domains.`
              : `${fact.evidence}${where(fact.scope)} ${WHAT[fact.what]}.`;
        problems.push(problemAt('network-access', posture, fact, message));
      }
      for (const fact of factsOf(posture, 'auto-command')) {
        const hit = findInCommandLine(fact.command, catalog.network);
        if (hit) problems.push(problemAt('network-access', posture, fact, `${fact.evidence} runs ${hit} without a prompt (${fact.trigger}), reaching the network.`));
      }
    }
    // A rule that allows every command is reported once, under sandbox-mode.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, catalog.network)) {
      if (any) continue;
      const install = entry.at(-1) === PACKAGE_PLACEHOLDER;
      const what = install ? `\`${entry.slice(0, -1).join(' ')}\` with any package without asking, which downloads code from the network` : `${entry.join(' ')} without asking, which reaches the network`;
      problems.push(problemAt('network-access', posture, fact, `${fact.evidence}${where(fact.scope)} lets the agent run ${what}.`));
    }
    return problems;
  },
});
