import { _default, array, minLength, strictObject, string } from 'zod/mini';
import { factsOf, type AutoApproveGrant } from '../../core/posture.js';
import { effectJudge, reportAllowedScripts } from '../shared/runners.js';
import { catalogFor } from '../shared/analysis.js';
import { readGuidance } from '../../guidance/reading.js';
import { DRY_NAME, findPublishing } from './guidance.js';
import { findAllowedCommands, packageInterpreter } from '../shared/command-rules.js';
import { defineRule, described } from '../define.js';
import { isSendingTool, knownServer } from '../shared/mcp-servers.js';
import { catalogCommandsRun } from '../shared/commands.js';
import { keptBy, SCRIPT_RUNNERS } from '../../shell/catalog.js';
import { abilitiesOf, causeOf, nameList } from '../shared/ci.js';

const options = strictObject({
  commands: described(
    _default(array(string().check(minLength(1))), []),
    'Commands that publish or deploy, added to the built-in list (e.g. "make release"); they count even when `except` covers them.',
  ),
  except: described(
    _default(array(string().check(minLength(1))), []),
    'Built-in commands this team lets the agent run without a human, taken out by word prefix (e.g. "git push"); list the forms that still publish in `commands` (e.g. "git push --force").',
  ),
});

/** MCP tool or server names that suggest they ship something. */
const DEPLOY_LIKE = /(deploy|publish|release|rollout|roll_out|promote|ship|push|merge|apply|upload|provision|terraform|kubectl|helm)/i;
/**
 * Tools that only look, whatever they look at: a reading verb as the name's first word (`get_latest_release`,
 * `list_deployments`), or as the last of two after a noun (`helm_list`, `release_list`, `rollout_status`); not a name
 * with a verb that only acts among its other words, or one joined by "and" or "or" (`fetch_merge`, `apply_plan`,
 * `check_and_deploy`, `get_or_create_release`, `getReleaseAndPublish`).
 */
const READS = /^(?:get|list|read|describe|show|view|status|search|query|logs?|fetch|diff|plan|check|validate|inspect)$/i;
const READS_LAST = /^(?:get|list|describe|show|view|status|logs?|diff|plan)$/i;
const ACTS =
  /^(?:apply|push|merge|upload|promote|publish|create|update|delete|remove|set|put|post|run|exec|execute|start|trigger|write|send)$/i;
const readsOnly = (tool: string): boolean => {
  const words = tool.split(/[_\s.-]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '');
  // "and", "or", "then" join a second verb (`check_and_deploy`, `show-and-release`).
  if (words.length === 0 || words.some((w) => ACTS.test(w) || /^(?:and|or|then)$/i.test(w))) return false;
  return READS.test(words[0]!) || (words.length === 2 && READS_LAST.test(words[1]!));
};
const isDeployTool = (server: string, tool: string): boolean => (DEPLOY_LIKE.test(tool) || DEPLOY_LIKE.test(server)) && !readsOnly(tool);

const NEED_A_HUMAN = 'publishing and deploying need a human.';

/** A package script named for publishing by its own words (`deploy:prod`, `release-all`, `publish:npm`), not before or after it. */
const SCRIPT_NAMED_TO_PUBLISH = /(?:^|[:._-])(?<!pre-|pre_|post-|post_)(?:deploy|release|publish)(?:$|[:._-])/i;
/**
 * A rehearsal of one (`release:dry`, `deploy-dry-run`), or a script about one that publishes nothing (`release:notes`,
 * `deploy:check`, `deploy:logs`).
 */
const DRY_SCRIPT = new RegExp(
  `${DRY_NAME.source}|(?:^|[:._-])(?:notes|changelog|check|verify|validate|tests?|lint|build|prepare|status|plan|diff|list|ls|logs?|docs?|help)(?:$|[:._-])`,
  'i',
);
/** How package managers run a project's script by name: the catalog's runners, and npm's long spelling. */
const RUNNERS: readonly (readonly string[])[] = [...SCRIPT_RUNNERS, 'npm run-script'].map((runner) => runner.split(' '));
/** At most this many scripts named in allow rules are looked up. */
const MAX_NAMED_SCRIPTS = 1000;

/**
 * The scripts allow rules name whose own name says they publish (`Bash(npm run deploy:prod)`): entries of the catalog
 * for this check, beside the conventional `npm run deploy` and `npm run release`, judged as they are (a deny or ask
 * of them still wins).
 */
function scriptsNamedToPublish(
  postures: Parameters<typeof findAllowedCommands>[0],
  kept: (words: readonly string[]) => boolean,
): string[][] {
  const out = new Map<string, string[]>();
  for (const posture of postures)
    for (const fact of factsOf(posture, 'command-rule')) {
      if (fact.decision !== 'allow') continue;
      // The rule's words, each with the alternatives it allows (`{npm,pnpm} run deploy:prod`).
      const words = fact.pattern;
      for (const runner of RUNNERS) {
        if (!runner.every((w, k) => words[k]?.includes(w) === true)) continue;
        for (const name of words[runner.length] ?? []) {
          if (!/^[\w@][\w:.@/-]*$/.test(name) || !SCRIPT_NAMED_TO_PUBLISH.test(name) || DRY_SCRIPT.test(name)) continue;
          // pnpm's own `deploy` copies a workspace package into a folder (https://pnpm.io/cli/deploy).
          if (runner.length === 1 && runner[0] === 'pnpm' && name === 'deploy') continue;
          // A policy's `except` takes these out as it takes out built-in commands.
          if (out.size < MAX_NAMED_SCRIPTS && kept([...runner, name])) out.set([...runner, name].join(' '), [...runner, name]);
        }
      }
    }
  return [...out.values()];
}

const messages = {
  'allowed-command': '{evidence}{where} lets the agent run `{command}` without a human{how}.',
  'allowed-script': '{evidence}{where} lets the agent run `{invocation}` without a human, and {script} runs `{command}`.',
  'auto-command': '{evidence}{where} runs `{command}` {runs}, with no human confirmation.',
  'deploy-tool': '{evidence}{where} pre-approves the tool "{tool}", which looks like it publishes or deploys.',
  'deploy-server': '{evidence}{where} pre-approves every tool of the server "{server}", which looks like it publishes or deploys.',
  'annotated-open-world':
    '{evidence}{where} pre-approves the tools of "{server}", and open_world_enabled = true exposes those annotated open-world, which act on systems outside this one (send, post, change them) without asking (judged by annotation).',
  'publishing-server':
    '{evidence}{where} pre-approves every tool of the server "{server}", among them tools that push, merge, release or post messages.',
  'sending-tool': '{evidence}{where} pre-approves the tool "{tool}", which sends or posts messages that others read (judged by {judged}).',
  'trusted-server': `{evidence}{where} trusts the server: every one of its tool calls runs without confirmation; ${NEED_A_HUMAN}`,
  'autonomous-steps': `{evidence}{where} lets autopilot carry out steps without approval; ${NEED_A_HUMAN}`,
  'model-reviewer': '{evidence}{where} has a model, not a human, review approval requests, including publish and deploy commands.',
  'ci-token':
    '{evidence}{where} gives the job that runs the agent a token that can {can}, and the agent can reach it ({reach}). Narrow `permissions:` to what the agent needs (`contents: read`) and publish from a separate job a human approves.',
  'ci-default-token':
    "{evidence}{where}: the job that runs the agent holds the repository's default token, which may be able to write (push, release, publish), and the agent can reach it ({reach}). Set `permissions:` to what the agent needs (`contents: read`).",
  'untrusted-trigger':
    '{evidence}{where}: anyone who can {cause} starts the agent and steers it through what they write, while it holds a token that can {can}{secrets}. Check the author first (`if:` on `author_association`) or drop the write permissions.',
  guidance: 'Guidance tells the agent to publish or deploy on its own ({what}): "{evidence}"',
} as const;

const AUTO_APPROVE_MESSAGE: Record<AutoApproveGrant, 'trusted-server' | 'autonomous-steps'> = {
  'trusted-server': 'trusted-server',
  'autonomous-steps': 'autonomous-steps',
};

export default defineRule({
  meta: {
    id: 'publish-deploy',
    title: 'Publishing and deployment require human confirmation.',
    description:
      'Finds committed permissions that let the agent publish, push, release or deploy without a human: allow rules for commands such as npm publish, git push, kubectl apply or terraform apply, pre-approved deploy tools and tools that send or post messages, hooks that run them, approvals reviewed by a model, and CI jobs that give an unattended agent a token that can push, publish or deploy, or let anyone start it with such a token.',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { commands: 'add', except: 'narrow' },
    fix: 'Make these commands ask (Codex: `decision = "prompt"`, or `"forbidden"`); leave releases to a CI workflow that a human approves.',
  },
  options,
  messages,
  check({ options, postures, statements, report, scripts: scriptsFor }) {
    const catalog = catalogFor(options.commands, options.except);
    // An allowed runner (`npm run:*`, `make`) starts the project's scripts: one that publishes is reported with the script.
    const publishes = effectJudge({ publish: catalog.publish }, (e) => (e.kind === 'publish' ? e.command : undefined));
    const viaScript = reportAllowedScripts(postures, scriptsFor, publishes, 'allowed-script', report);
    // A rule that allows every command is reported once, under sandbox-mode.
    const named = scriptsNamedToPublish(postures, keptBy(options.except));
    const scripts = new Set([...catalog.publishConfig.slice(catalog.publish.length), ...named]);
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, [...catalog.publishConfig, ...named], { options: true })) {
      if (viaScript.has(fact)) continue;
      if (any) {
        // A rule that allows every command is reported once, under sandbox-mode; an interpreter that also publishes
        // packages (`bun:*` runs `bun publish`, unless the policy takes it out) is this rule's too.
        const interpreter = packageInterpreter(fact);
        const publish = interpreter === undefined ? undefined : catalog.publish.find((e) => e[0] === interpreter && e[1] === 'publish');
        if (publish) report({ messageId: 'allowed-command', data: { command: publish.join(' '), how: '' }, at: { posture, fact } });
        continue;
      }
      // A release or deploy script counts when the rule names it: `npm run:*` runs whatever scripts the project has.
      if (scripts.has(entry) && !fact.pattern.some((_, i) => i >= entry.length - 1)) continue;
      const how = fact.implicitDecision ? ' (a prefix_rule without a decision allows)' : '';
      report({ messageId: 'allowed-command', data: { command: entry.join(' '), how }, at: { posture, fact } });
    }
    for (const posture of postures) {
      for (const { command, runs, fact, evidence } of catalogCommandsRun(posture, { publish: catalog.publish }, 'publish'))
        report({ messageId: 'auto-command', data: { command, runs }, at: { posture, fact, evidence } });
      for (const fact of factsOf(posture, 'tool-approval')) {
        // Every tool of every server is reported once, under sandbox-mode, which names the publishing it takes in.
        if (fact.server === '*' && fact.tool === '*') continue;
        const known = knownServer(fact.server, fact.launch, fact.mcpAccess);
        // A server kept from writing (a read-only switch, a token that can only read) publishes with none of its tools.
        if (known?.readOnly !== undefined) continue;
        if (fact.tool === '*' && fact.openWorld === true)
          report({ messageId: 'annotated-open-world', data: { server: fact.server }, at: { posture, fact } });
        else if (fact.tool === '*' && known?.grants.has('publish'))
          report({ messageId: 'publishing-server', data: { server: fact.server }, at: { posture, fact } });
        else if (isDeployTool(fact.server, fact.tool) || known?.entry.publishTools?.includes(fact.tool)) {
          if (fact.tool === '*') report({ messageId: 'deploy-server', data: { server: fact.server }, at: { posture, fact } });
          else if (isSendingTool(fact.tool) && !DEPLOY_LIKE.test(fact.tool))
            report({
              messageId: 'sending-tool',
              data: { tool: fact.tool, judged: 'the catalogue of well-known servers' },
              at: { posture, fact },
            });
          else report({ messageId: 'deploy-tool', data: { tool: fact.tool }, at: { posture, fact } });
        } else if (fact.tool !== '*' && isSendingTool(fact.tool))
          report({ messageId: 'sending-tool', data: { tool: fact.tool, judged: 'its name' }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'auto-approve')) {
        // A trusted server known to have no tool that publishes or runs commands grants no publishing.
        const known =
          fact.grants === 'trusted-server' && fact.server !== undefined ? knownServer(fact.server, fact.launch, fact.mcpAccess) : undefined;
        if (known && !known.grants.has('publish') && !known.grants.has('shell')) continue;
        report({ messageId: AUTO_APPROVE_MESSAGE[fact.grants], at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'model-reviewer')) report({ messageId: 'model-reviewer', at: { posture, fact } });
      for (const fact of factsOf(posture, 'ci-token')) {
        const reach = fact.reach.length > 0 ? fact.reach.join('; ') : "the OIDC request token is in every step's environment";
        if (fact.repositoryDefault) report({ messageId: 'ci-default-token', data: { reach }, at: { posture, fact }, notice: true });
        else report({ messageId: 'ci-token', data: { can: abilitiesOf(fact.scopes), reach }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'untrusted-trigger')) {
        if (fact.writes.length === 0) continue;
        const secrets = fact.secrets.length > 0 ? ` and the secrets ${nameList(fact.secrets)}` : '';
        const data = { cause: causeOf(fact.event), can: abilitiesOf(fact.writes), secrets };
        // The default token may be read-only: worth saying, a violation only with secrets in reach too.
        const maybe = fact.writes.includes('repository default') && fact.secrets.length === 0;
        report({ messageId: 'untrusted-trigger', data, at: { posture, fact }, ...(maybe ? { notice: true as const } : {}) });
      }
    }
    for (const hit of findPublishing(readGuidance(statements), catalog))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
