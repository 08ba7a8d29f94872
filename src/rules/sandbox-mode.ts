import { _default, array, enum as zEnum, strictObject, type output } from 'zod/mini';
import { factsOf } from '../core/posture.js';
import type { Problem } from '../core/types.js';
import { ANY_COMMAND, findAllowedCommands, mayBacktrack } from './command-rules.js';
import { defineRule, described, guidanceProblems, problemAt, where } from './define.js';

const options = strictObject({
  allowed: described(_default(array(zEnum(['read-only', 'workspace-write', 'danger-full-access'])), ['read-only', 'workspace-write']), 'Sandbox modes a committed config may select.'),
});

export default defineRule<output<typeof options>>({
  meta: {
    id: 'sandbox-mode',
    title: 'Default local mode is workspace-write.',
    description:
      'Finds committed settings that take the agent out of its sandbox or stop it from ever asking: full-access sandbox modes (worse with an approval policy that never asks), bypass and "yolo" switches, and allow-everything modes. Full access also opens the network and writes outside the repository; that is reported once, here. An approval policy that never asks inside a sandbox fails closed (nothing escapes the sandbox), so it is not a finding by itself.',
    defaultLevel: 'error',
    options,
    optionMerge: { allowed: 'narrow' },
    fix: 'Use `workspace-write` (or `read-only`) with an approval policy that asks; run full access only from a disposable environment, passed on the command line, never committed.',
  },
  checkGuidance(statements, { analysis }) {
    return guidanceProblems(statements, analysis, 'sandbox-mode', (hit) =>
      `Guidance tells the agent to work without its sandbox or approvals (${hit.what})`,
    );
  },
  checkPostures(postures, { options }) {
    const problems: Problem[] = [];
    for (const posture of postures) {
      const fullAccessScopes = new Set<string | undefined>();
      for (const fact of factsOf(posture, 'sandbox')) {
        if (options.allowed.includes(fact.mode)) continue;
        if (fact.mode === 'danger-full-access') {
          fullAccessScopes.add(fact.scope);
          const never = factsOf(posture, 'approval-never').some((a) => a.scope === fact.scope);
          problems.push(
            problemAt(
              'sandbox-mode',
              posture,
              fact,
              `${fact.evidence}${where(fact.scope)} turns the sandbox off: the agent can run any command, reach the network and write outside the repository${never ? ', and approval_policy = "never" means it never stops to ask' : ''}. The team default is workspace-write.`,
            ),
          );
        } else {
          problems.push(problemAt('sandbox-mode', posture, fact, `${fact.evidence}${where(fact.scope)} selects a sandbox mode the policy does not allow (allowed: ${options.allowed.join(', ')}).`));
        }
      }
      for (const fact of factsOf(posture, 'bypass')) {
        problems.push(problemAt('sandbox-mode', posture, fact, `${fact.evidence}${where(fact.scope)} ${fact.what}. The team default is workspace-write with approvals.`));
      }
    }
    // Allowing every command (`Bash(*)`, a wrapper such as `sudo` or `xargs`, a shell or interpreter handed free
    // code) grants the network, publishing and writes anywhere at once: reported here, once.
    for (const { posture, fact } of findAllowedCommands(postures, ANY_COMMAND)) {
      const implicit = fact.implicitDecision
        ? ' (a prefix_rule without a decision allows)'
        : fact.matcher.kind === 'regex' && mayBacktrack(fact.matcher.source.slice(0, 500))
          ? ' (a regular expression that can take exponential time to match is not run, and is read as allowing every command)'
          : '';
      problems.push(
        problemAt('sandbox-mode', posture, fact, `${fact.evidence}${where(fact.scope)} lets the agent run any command without asking${implicit}: network access, publishing and deploying, and writes outside the repository included.`),
      );
    }
    return problems;
  },
});
