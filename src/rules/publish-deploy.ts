import { _default, array, minLength, strictObject, string, type output } from 'zod/mini';
import { factsOf } from '../core/posture.js';
import type { Problem } from '../core/types.js';
import { findInCommandLine } from '../shell/catalog.js';
import { findAllowedCommands } from './command-rules.js';
import { defineRule, described, guidanceProblems, problemAt, where } from './define.js';

const options = strictObject({
  commands: described(_default(array(string().check(minLength(1))), []), 'Commands that publish or deploy, added to the built-in list (e.g. "make release").'),
});

/** MCP tool or server names that suggest they ship something. */
const DEPLOY_LIKE = /(deploy|publish|release|rollout|roll_out|promote|ship|push|merge|apply|upload|provision|terraform|kubectl|helm)/i;
/** Tools that only look, even on a deploy server. */
const READ_ONLY = /^(get|list|read|describe|show|view|status|search|query|log|logs|fetch|diff|plan|check|validate|inspect)([_-]|$)/i;
const isDeployTool = (server: string, tool: string): boolean => DEPLOY_LIKE.test(tool) || (DEPLOY_LIKE.test(server) && !READ_ONLY.test(tool)) || (server === '*' && tool === '*');

export default defineRule<output<typeof options>>({
  meta: {
    id: 'publish-deploy',
    title: 'Publishing and deployment require human confirmation.',
    description:
      'Finds committed permissions that let the agent publish, push, release or deploy without a human: allow rules for commands such as npm publish, git push, kubectl apply or terraform apply, pre-approved deploy tools, hooks that run them, and approvals reviewed by a model.',
    defaultLevel: 'error',
    options,
    optionMerge: { commands: 'add' },
    fix: 'Make these commands ask (Codex: `decision = "prompt"`, or `"forbidden"`); leave releases to a CI workflow that a human approves.',
  },
  checkGuidance(statements, { analysis }) {
    return guidanceProblems(statements, analysis, 'publish-deploy', (hit) =>
      `Guidance tells the agent to publish or deploy on its own (${hit.what})`,
    );
  },
  checkPostures(postures, { catalog }) {
    const problems: Problem[] = [];
    // A rule that allows every command is reported once, under sandbox-mode.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, catalog.publish)) {
      if (any) continue;
      const implicit = fact.implicitDecision ? ' (a prefix_rule without a decision allows)' : '';
      const what = `\`${entry.join(' ')}\` without a human`;
      problems.push(problemAt('publish-deploy', posture, fact, `${fact.evidence}${where(fact.scope)} lets the agent run ${what}${implicit}.`));
    }
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'auto-command')) {
        const hit = findInCommandLine(fact.command, catalog.publish);
        if (hit) problems.push(problemAt('publish-deploy', posture, fact, `${fact.evidence} runs \`${hit}\` automatically (${fact.trigger}), with no human confirmation.`));
      }
      for (const fact of factsOf(posture, 'tool-approval')) {
        if (!isDeployTool(fact.server, fact.tool)) continue;
        const what = fact.tool === '*' ? `every tool of the server "${fact.server}", which looks like it publishes or deploys` : `the tool "${fact.tool}", which looks like it publishes or deploys`;
        problems.push(problemAt('publish-deploy', posture, fact, `${fact.evidence}${where(fact.scope)} pre-approves ${what}.`));
      }
      for (const fact of factsOf(posture, 'auto-approve')) {
        problems.push(problemAt('publish-deploy', posture, fact, `${fact.evidence}${where(fact.scope)} ${fact.what}; publishing and deploying need a human.`));
      }
      for (const fact of factsOf(posture, 'model-reviewer')) {
        problems.push(problemAt('publish-deploy', posture, fact, `${fact.evidence}${where(fact.scope)} has a model, not a human, review approval requests, including publish and deploy commands.`));
      }
    }
    return problems;
  },
});
