import { formatKeyPath, type KeyPath } from '../../core/types.js';
import { entries, own, isTable, type Table } from '../walk.js';
import type { MapContext } from '../shared/structured.js';
import type { KeyDoc } from '../types.js';
import { CLAUDE_ACTION } from './vendors/claude.js';
import { CODEX_ACTION } from './vendors/codex.js';
import { GEMINI_ACTION, QWEN_ACTION } from './vendors/gemini.js';
import { restricts, type ActionTrigger, type ConfigFile, type Passed, type VendorAction, type VendorStep } from './vendors/step.js';

export type { ActionTrigger, ConfigFile, Passed, VendorStep } from './vendors/step.js';

/** The vendors' own actions; a fork or a copy under another owner is not recognised (its inputs may mean anything). */
export const VENDOR_ACTIONS: readonly VendorAction[] = [CODEX_ACTION, CLAUDE_ACTION, GEMINI_ACTION, QWEN_ACTION];

const W = '.github/workflows/*.yml';
/** The documentation rows of the vendors' actions, for the workflow adapter's `keys` (sources in docs/agents/ci.md). */
export const VENDOR_ACTION_KEYS: readonly KeyDoc[] = [
  {
    file: W,
    key: 'openai/codex-action: sandbox, permission-profile',
    rule: 'sandbox-mode',
    note: 'danger-full-access, :danger-full-access (the default is workspace-write); ignored under safety-strategy read-only',
  },
  {
    file: W,
    key: 'openai/codex-action: safety-strategy (unsafe, read-only)',
    rule: 'secret-access',
    note: "Codex runs with the runner's passwordless sudo and can read the OpenAI API key (the default drop-sudo and unprivileged-user cannot)",
  },
  {
    file: W,
    key: 'openai/codex-action: codex-args; anthropics/claude-code-action: claude_args',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access, destructive-actions',
    note: 'flags read as on the command line (a JSON array for codex-args too)',
  },
  {
    file: W,
    key: 'anthropics/claude-code-action: settings (inline JSON), mcp_config (0.x)',
    rule: 'sandbox-mode, network-access, outside-writes, publish-deploy, secret-access, destructive-actions',
    note: 'read as .claude/settings.json and .mcp.json, located inside the string; a path names a file read by claude-action-settings',
  },
  {
    file: W,
    key: 'anthropics/claude-code-action: allowed_tools, disallowed_tools (0.x)',
    rule: 'publish-deploy, network-access, outside-writes, secret-access, destructive-actions',
    note: 'permission entries separated by commas or lines, each located',
  },
  {
    file: W,
    key: 'google-github-actions/run-gemini-cli: settings (inline JSON); google-gemini/gemini-cli-action: settings_json',
    rule: 'sandbox-mode, network-access, publish-deploy, outside-writes, secret-access, destructive-actions',
    note: 'read as .gemini/settings.json under --yolo: every tools.core tool and every MCP tool runs without asking; without a tools.core list, every tool',
  },
  {
    file: W,
    key: 'QwenLM/qwen-code-action: settings (inline JSON; settings_json at v0.1.0)',
    rule: 'sandbox-mode, network-access, publish-deploy, outside-writes, secret-access, destructive-actions',
    note: 'read as .qwen/settings.json under --yolo, as run-gemini-cli is: every coreTools tool runs without asking; without that list, every tool',
  },
  {
    file: W,
    key: 'prompt (claude-code-action, codex-action, run-gemini-cli, qwen-code-action); direct_prompt, override_prompt, custom_instructions (claude-code-action 0.x)',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: 'the instructions the agent follows unattended, read as guidance at their lines',
  },
  {
    file: W,
    key: 'allow-users, allow-bots, allow-bot-users; allowed_bots, allowed_non_write_users; claude-code-base-action, run-gemini-cli',
    rule: '(triggers)',
    note: 'who may start the agent without write access, judged with the workflow events',
  },
  {
    file: '.github/workflows/copilot-setup-steps.yml',
    key: 'jobs.copilot-setup-steps.steps[].run',
    rule: 'secret-access',
    note: "a secret written to a file or to $GITHUB_ENV stays in the Copilot coding agent's environment",
  },
];

/** `owner/name[/folder]@ref` → the repository (lower case) and the folder; undefined for local and Docker actions. */
export function actionRepository(uses: string): { repo: string; folder: string } | undefined {
  const m = /^\s*([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)((?:\/[^@\s]*)?)@\S+\s*$/.exec(uses);
  if (!m) return undefined;
  const [, owner = '', name = '', folder = ''] = m;
  return { repo: `${owner}/${name}`.toLowerCase(), folder: folder.replace(/^\/+|\/+$/g, '').toLowerCase() };
}

/**
 * Marks, on each MCP server fact, the variables of the server's environment that hold only GitHub tokens that cannot
 * write the repository (`readOnlyToken` judges a value in the step's job), so a rule can tell a server that cannot.
 */
function withTokens(add: MapContext['add'], readOnlyToken: (value: string) => boolean): MapContext['add'] {
  return (fact) => {
    if ((fact.kind !== 'tool-approval' && fact.kind !== 'auto-approve') || !fact.mcpAccess) {
      add(fact);
      return;
    }
    const readOnlyTokens = entries(fact.mcpAccess.env).flatMap(([name, value]) =>
      typeof value === 'string' && readOnlyToken(value) ? [name] : [],
    );
    add(readOnlyTokens.length === 0 ? fact : { ...fact, mcpAccess: { ...fact.mcpAccess, readOnlyTokens } });
  };
}

/**
 * The inputs that hold the instructions an agent action runs with: `prompt` (claude-code-action, codex-action,
 * run-gemini-cli), and claude-code-action's earlier `direct_prompt`, `override_prompt` and `custom_instructions`.
 */
const PROMPT_INPUTS = new Set(['prompt', 'direct_prompt', 'override_prompt', 'custom_instructions']);

/**
 * Facts of a workflow step that uses a vendor's agent action (`uses:` with its `with:` inputs, at `stepPath`);
 * undefined when the step's action starts no agent. With `passed`, the step is read for a caller: the facts are what
 * the caller passes, with the step's own denies and asks beside them.
 */
export function addVendorAction(
  ctx: MapContext,
  step: Table,
  stepPath: KeyPath,
  scope: string,
  passed?: Passed,
  readOnlyToken?: (value: string) => boolean,
): VendorStep | undefined {
  const uses = own(step, 'uses');
  if (typeof uses !== 'string') return undefined;
  const found = actionRepository(uses);
  const vendor = found && VENDOR_ACTIONS.find((v) => v.repos.includes(found.repo) && (v.folders ?? ['']).includes(found.folder));
  if (!found || !vendor) return undefined;
  const inputs = own(step, 'with');
  const action = uses.trim();
  const triggers: ActionTrigger[] = [];
  const reads: ConfigFile[] = [];
  // A step's permission entries (inline settings, tool lists) take precedence among themselves, not over another step's.
  let stepCtx: MapContext = { ...ctx, group: `${ctx.group}#${formatKeyPath(stepPath)}` };
  if (readOnlyToken) stepCtx = { ...stepCtx, add: withTokens(stepCtx.add, readOnlyToken) };
  if (passed) {
    // Read for a caller: what it passes weighs against this step's own denies and asks, in a group of the caller's
    // for this step alone; the step's own grants are its file's facts.
    const group = `${passed.ctx.group}#${ctx.file}#${formatKeyPath(stepPath)}`;
    const caller: MapContext = { ...passed.ctx, group };
    passed = { ...passed, ctx: caller };
    stepCtx = {
      ...ctx,
      group,
      add: (fact) => {
        if (restricts(fact)) caller.add(fact);
      },
    };
  }
  vendor.map({
    ctx: stepCtx,
    inputs: isTable(inputs) ? inputs : {},
    stepPath,
    scope,
    action,
    folder: found.folder,
    triggers,
    reads,
    trigger: `${action.replace(/@.*$/, '')} step`,
    ...(passed ? { passed } : {}),
  });
  // The prompt the agent runs with, unattended, is guidance it follows: read in the step's own file.
  if (!passed && isTable(inputs))
    for (const [key, value] of Object.entries(inputs))
      if (PROMPT_INPUTS.has(key.toLowerCase()) && typeof value === 'string')
        ctx.addGuidance?.([...stepPath, 'with', key], value, vendor.agent);
  return { agent: vendor.agent, action, triggers, ...(reads.length > 0 ? { reads } : {}) };
}
