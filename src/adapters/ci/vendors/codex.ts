import type { SandboxMode } from '../../../core/posture.js';
import { addAgentRuns } from '../../shared/agent-runs.js';
import { presetMode } from '../../codex/permissions.js';
import { at, setting } from '../../shared/structured.js';
import { placeOf } from '../embedded.js';
import { addWhoMayStart, grantsOf, inputs, repositoryPath, type ActionStep, type Input, type VendorAction } from './step.js';

const MODES: readonly SandboxMode[] = ['read-only', 'workspace-write', 'danger-full-access'];

/** `codex-args`: a JSON array when it starts with `[`, else a shell-like string (the action's parseExtraArgs). */
function addCodexArgs(step: ActionStep): void {
  for (const args of inputs(step, 'codex-args')) addCodexArgsOf(step, args);
}

function addCodexArgsOf(step: ActionStep, args: Input): void {
  const { ctx } = grantsOf(step, args);
  const options = { scope: step.scope, argumentsOf: 'codex', group: step.ctx.group };
  if (!args.value.startsWith('[')) {
    addAgentRuns(ctx.add, args.value, placeOf(ctx, args.path, args.value), args.path, step.trigger, options);
    return;
  }
  let argv: unknown;
  try {
    argv = JSON.parse(args.value);
  } catch {
    ctx.reject?.(args.path, 'codex-args starts with "[" but is not a JSON array: the action fails to start Codex');
    return;
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return;
  // Quoted for the splitter; its characters no longer match the file's, so findings point at the input.
  const line = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  addAgentRuns(ctx.add, line, undefined, args.path, step.trigger, options);
}

/**
 * openai/codex-action (action.yml): `sandbox` (default workspace-write) or `permission-profile`, `safety-strategy`
 * (default drop-sudo), `codex-args`, `codex-home`, `allow-users`, `allow-bots`, `allow-bot-users`. The defaults grant
 * nothing the rules judge.
 */
export const CODEX_ACTION: VendorAction = {
  repos: ['openai/codex-action'],
  agent: 'codex',
  map(step) {
    const { scope } = step;
    const strategies = inputs(step, 'safety-strategy');
    // The read-only strategy runs Codex in the read-only sandbox whatever `sandbox` asks (determineSandboxMode);
    // as a default it takes nothing away, and neither does a default sandbox that is not off.
    const closed = strategies.some((s) => !s.fromDefault && s.value.trim() === 'read-only');
    // `sandbox` names the mode; `permission-profile` selects `default_permissions` (`:read-only`, `:workspace`,
    // `:danger-full-access`), and a profile of another name is one `codex-home`'s config.toml defines, read with it.
    const modeOf: readonly [string, (value: string) => SandboxMode | undefined][] = [
      ['sandbox', (value) => MODES.find((m) => m === value)],
      ['permission-profile', presetMode],
    ];
    for (const [name, read] of closed ? [] : modeOf)
      for (const input of inputs(step, name)) {
        const mode = read(input.value.trim());
        if (mode)
          grantsOf(step, input).ctx.add({ kind: 'sandbox', mode, ...at(input.path, setting(input.path, input.value), 'value', scope) });
      }
    for (const strategy of strategies) {
      const how = strategy.value.trim();
      if (how === 'unsafe' || how === 'read-only')
        grantsOf(step, strategy).ctx.add({
          kind: 'env-passthrough',
          detail: `the OpenAI API key, which Codex's commands can read from the proxy's memory: ${how} keeps Codex running as the runner's user with passwordless sudo (the action's security docs ask for drop-sudo or unprivileged-user)`,
          ...at(strategy.path, setting(strategy.path, strategy.value), 'value', scope),
        });
    }
    addCodexArgs(step);
    // CODEX_HOME: Codex reads what it holds as the user's own (~/.codex): config.toml, rules, hooks, agents. The
    // action's shell steps take the value, so `~` and variables in it are expanded there.
    for (const home of inputs(step, 'codex-home')) {
      const { ctx } = grantsOf(step, home);
      const folder = repositoryPath(ctx, home.value, { folder: true, shell: true });
      if (folder !== undefined) step.reads.push({ path: folder, as: '~/.codex/', file: ctx.file, keyPath: home.path, written: home.value });
    }
    addWhoMayStart(step, 'allow-users');
    addWhoMayStart(step, 'allow-bots');
    addWhoMayStart(step, 'allow-bot-users');
  },
};
