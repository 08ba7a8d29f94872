import { _default, array, enum as zEnum, strictObject } from 'zod/mini';
import { factsOf, type BypassGrant } from '../../core/posture.js';
import { ANY_COMMAND, findAllowedCommands, mayBacktrack } from '../shared/command-rules.js';
import { relaunchBypass } from '../../shell/agents.js';
import { isCommandTool, knownServer } from '../shared/mcp-servers.js';
import { readGuidance } from '../../guidance/reading.js';
import { findSandboxBypass } from './guidance.js';
import { defineRule, described } from '../define.js';

const options = strictObject({
  allowed: described(
    _default(array(zEnum(['read-only', 'workspace-write', 'danger-full-access'])), ['read-only', 'workspace-write']),
    'Sandbox modes a committed config may select.',
  ),
});

const WITH_APPROVALS = 'The team default is workspace-write with approvals.';
/** What a switch that stops the agent from ever asking takes in with it, named where it is reported (once, here). */
const ALL_INCLUDED = 'network access, publishing and deploying, and writes outside the repository included';

const messages = {
  'full-access':
    '{evidence}{where} turns the sandbox off: the agent can run any command, reach the network and write outside the repository{note}. The team default is workspace-write.',
  'full-access-never-asks':
    '{evidence}{where} turns the sandbox off: the agent can run any command, reach the network and write outside the repository, and {approval} means it never stops to ask{note}. The team default is workspace-write.',
  'mode-not-allowed': '{evidence}{where} selects a sandbox mode the policy does not allow (allowed: {allowed}).',
  'command-tool': `{evidence}{where} pre-approves the tool "{tool}", which runs any command the agent writes, without asking (judged by {judged}). ${WITH_APPROVALS}`,
  'shell-server': `{evidence}{where} pre-approves every tool of the server "{server}", among them one that runs any command the agent writes. ${WITH_APPROVALS}`,
  'every-server': `{evidence}{where} pre-approves every tool of every MCP server, whatever they do: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-skips-prompts': `{evidence}{where} skips every permission prompt and check{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-confirms-all': `{evidence}{where} answers yes to every confirmation{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-approves-tool-calls': `{evidence}{where} approves every tool call without asking{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-allows-tools': `{evidence}{where} allows every tool, every command included, without asking{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-approves-tools-everywhere': `{evidence}{where} approves every tool in every workspace without asking{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-no-approvals': `{evidence}{where} starts every session without approvals{note}: ${ALL_INCLUDED}. ${WITH_APPROVALS}`,
  'bypass-unsandboxed-commands': `{evidence}{where} lets commands leave the sandbox without asking{note}. ${WITH_APPROVALS}`,
  'bypass-no-sandbox': `{evidence}{where} runs commands with no sandbox at all{note}. ${WITH_APPROVALS}`,
  'bypass-model-approves': `{evidence}{where} has a model, not a human, decide whether each action that would ask may run (commands, network access, publishing and writes outside the repository among them){note}. ${WITH_APPROVALS}`,
  'bypass-edits-own-permissions': `{evidence}{where} lets the agent rewrite its own permission files without asking{note}, so it can grant itself any command. ${WITH_APPROVALS}`,
  'any-command':
    '{evidence}{where} lets the agent run any command without asking{how}: network access, publishing and deploying, and writes outside the repository included.',
  guidance: 'Guidance tells the agent to work without its sandbox or approvals ({what}): "{evidence}"',
} as const;

const BYPASS_MESSAGE: Record<BypassGrant, Extract<keyof typeof messages, `bypass-${string}`>> = {
  'skip-all-prompts': 'bypass-skips-prompts',
  'confirm-all': 'bypass-confirms-all',
  'approve-all-tool-calls': 'bypass-approves-tool-calls',
  'allow-all-tools': 'bypass-allows-tools',
  'approve-all-tools-everywhere': 'bypass-approves-tools-everywhere',
  'sessions-without-approvals': 'bypass-no-approvals',
  'unsandboxed-commands': 'bypass-unsandboxed-commands',
  'no-sandbox': 'bypass-no-sandbox',
  'edits-own-permissions': 'bypass-edits-own-permissions',
  'model-approves': 'bypass-model-approves',
};

export default defineRule({
  meta: {
    id: 'sandbox-mode',
    title: 'Default local mode is workspace-write.',
    description:
      'Finds committed settings that take the agent out of its sandbox or stop it from ever asking: full-access sandbox modes (worse with an approval policy that never asks), bypass and "yolo" switches, allow-everything modes, pre-approved MCP tools that run any command (`execute_command`, `start_process` of Desktop Commander) and every tool of every MCP server pre-approved (`*:*` in Cursor), and allows of an agent CLI with free arguments (`Bash(claude:*)`, `codex exec:*`), which can start it with its switch that skips every prompt. Full access also opens the network and writes outside the repository; that is reported once, here. An approval policy that never asks inside a sandbox fails closed (nothing escapes the sandbox), so it is not a finding by itself.',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { allowed: 'narrow' },
    fix: 'Use `workspace-write` (or `read-only`) with an approval policy that asks; run full access only from a disposable environment, passed on the command line, never committed.',
  },
  options,
  messages,
  check({ options, postures, statements, report }) {
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'sandbox')) {
        if (options.allowed.includes(fact.mode)) continue;
        if (fact.mode !== 'danger-full-access') {
          report({ messageId: 'mode-not-allowed', data: { allowed: options.allowed.join(', ') }, at: { posture, fact } });
          continue;
        }
        const never = factsOf(posture, 'approval-never').find((a) => a.scope === fact.scope);
        const note = fact.note ? ` (${fact.note})` : '';
        if (never)
          report({
            messageId: 'full-access-never-asks',
            data: { approval: never.evidence, note },
            at: { posture, fact },
            related: [{ posture, fact: never }],
          });
        else report({ messageId: 'full-access', data: { note }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'bypass')) {
        report({ messageId: BYPASS_MESSAGE[fact.grants], data: { note: fact.note ? ` (${fact.note})` : '' }, at: { posture, fact } });
      }
      // An MCP tool that runs commands, approved: any command, as an allow of a shell would be.
      for (const fact of factsOf(posture, 'tool-approval')) {
        // Every tool of every server (Cursor's `*:*`): no MCP call asks first, those of a server that runs commands
        // included.
        if (fact.server === '*' && fact.tool === '*') report({ messageId: 'every-server', at: { posture, fact } });
        else if (fact.tool === '*') {
          // Only a server the same file launches: one approved by name alone may not be set up at all, or be set up
          // without its shell tool (Serena's claude-code context).
          const launched = fact.launch !== undefined && fact.launch.length > 0;
          if (launched && knownServer(fact.server, fact.launch, fact.mcpAccess)?.grants.has('shell'))
            report({ messageId: 'shell-server', data: { server: fact.server }, at: { posture, fact } });
        } else if (isCommandTool(fact.tool))
          report({ messageId: 'command-tool', data: { tool: fact.tool, judged: 'its name' }, at: { posture, fact } });
      }
    }
    // Allowing every command (`Bash(*)`, a wrapper such as `sudo` or `xargs`, a shell or interpreter handed free
    // code) grants the network, publishing and writes anywhere at once: reported here, once.
    for (const { posture, fact } of findAllowedCommands(postures, ANY_COMMAND)) {
      const relaunch = relaunchBypass(fact.pattern.map((alternatives) => alternatives[0] ?? '').filter((w) => w !== '*'));
      // A note says why a narrower rule allows any command (Letta Code matches the first command of a line only).
      const how = fact.note
        ? ` (${fact.note})`
        : fact.implicitDecision
          ? ' (a prefix_rule without a decision allows)'
          : relaunch !== undefined
            ? ` (it can start ${relaunch.name} with ${relaunch.flag})`
            : fact.matcher.kind === 'regex' && mayBacktrack(fact.matcher.source.slice(0, 500), fact.matcher.flags)
              ? ' (a regular expression that can take minutes to match is not run, and is read as allowing every command)'
              : '';
      report({ messageId: 'any-command', data: { how }, at: { posture, fact } });
    }
    for (const hit of findSandboxBypass(readGuidance(statements)))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
