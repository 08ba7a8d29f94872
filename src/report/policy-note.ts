import type { ResolvedPolicy } from '../policy/load.js';

/** One line saying which policy applied; the embedded default is always said out loud. */
export function describePolicy(policy: ResolvedPolicy): string {
  if (policy.source.kind === 'embedded') {
    return `Policy: the embedded "${policy.source.path}" policy (no .github/agent-policy.yml or .agent-policy.yml found).`;
  }
  const parents = policy.chain.slice(1);
  return `Policy: ${policy.source.path}${parents.length > 0 ? ` (extends ${parents.join(' → ')})` : ''}.`;
}
