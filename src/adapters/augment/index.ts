import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { isTable, own } from '../walk.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { at, personalSettings, structuredAdapter, type MapContext } from '../shared/structured.js';

/**
 * Augment's Auggie CLI (and its cloud agents) read `toolPermissions` from `.augment/settings.json`, committed to share,
 * and `.augment/settings.local.json`, personal and not to be committed: rules tried top-down, the first that matches
 * decides (https://docs.augmentcode.com/cli/permissions; "Settings files" in https://docs.augmentcode.com/cli/settings).
 */
const SETTINGS = '.augment/settings.json';
const LOCAL = '.augment/settings.local.json';

/** `permission.type`: a webhook or script policy decides elsewhere, so it grants nothing here. */
const TYPES: Record<string, Decision> = {
  allow: 'allow',
  deny: 'deny',
  'ask-user': 'ask',
  'webhook-policy': 'ask',
  'script-policy': 'ask',
};
/** The shell tool, `launch-process` in Auggie 0.x and `terminal` since (the six tools of https://docs.augmentcode.com/cli/permissions). */
const SHELL = new Set(['launch-process', 'terminal']);

/**
 * `toolPermissions`: each rule's `toolName`, its `shellInputRegex` for the shell, and `permission.type`; a rule of
 * `eventType: "tool-response"` checks a result after the call ran and decides no call. Written as `last-match` rules
 * numbered backwards, so that the first rule in the file decides.
 */
function mapToolPermissions(ctx: MapContext): void {
  const rules = own(ctx.root, 'toolPermissions');
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => {
    if (!isTable(rule)) return;
    const tool = own(rule, 'toolName');
    const permission = own(rule, 'permission');
    const type = isTable(permission) ? own(permission, 'type') : undefined;
    const decision = typeof type === 'string' ? TYPES[type] : undefined;
    const event = own(rule, 'eventType');
    if (typeof tool !== 'string' || decision === undefined || (event !== undefined && event !== 'tool-call')) return;
    const path: KeyPath = ['toolPermissions', i];
    const evidence = `toolName "${tool}" ${String(type)}`;
    const input = own(rule, 'shellInputRegex');
    if (SHELL.has(tool)) {
      // A pattern that is no string (`null`) fails closed: an allow of every command, a deny or ask of none.
      if (input !== undefined && typeof input !== 'string' && decision !== 'allow') return;
      const pattern = typeof input === 'string' ? input : undefined;
      ctx.add({
        kind: 'command-rule',
        pattern: [],
        matcher: pattern === undefined ? { kind: 'glob', source: '*' } : { kind: 'regex', source: pattern, flags: '' },
        decision,
        // Each name its own group: a version of Auggie knows the shell by one of them, and a rule for the other name
        // takes nothing from it.
        group: `${ctx.group}:toolPermissions:${tool}`,
        precedence: 'last-match',
        order: rules.length - i,
        implicitDecision: false,
        ...at(
          [...path, pattern === undefined ? 'toolName' : 'shellInputRegex'],
          pattern === undefined ? evidence : `${evidence} matching /${pattern}/`,
        ),
      });
    } else if (decision === 'allow' && tool === 'web-fetch')
      ctx.add({ kind: 'network', what: 'fetch', ...at([...path, 'toolName'], evidence) });
    else if (decision === 'allow' && tool === 'web-search')
      ctx.add({ kind: 'network', what: 'web-search', ...at([...path, 'toolName'], evidence) });
  });
}

function mapAugmentSettings(ctx: MapContext): void {
  mapToolPermissions(ctx);
  addHooks(ctx, 'Augment', ['hooks']);
  addMcpServers(ctx, 'mcpServers');
}

const KEYS: readonly KeyDoc[] = [
  {
    file: SETTINGS,
    key: 'toolPermissions[]: { toolName: "launch-process" (or "terminal"), shellInputRegex, permission.type }',
    rule: 'sandbox-mode, publish-deploy, network-access, secret-access, destructive-actions',
    note: 'commands allowed without asking (no shellInputRegex: every command); the first matching rule decides',
  },
  {
    file: SETTINGS,
    key: 'toolPermissions[]: { toolName: "web-fetch" or "web-search", permission.type: "allow" }',
    rule: 'network-access',
    note: 'fetches and searches without asking',
  },
  {
    file: SETTINGS,
    key: 'hooks.<event>[].hooks[].command',
    rule: 'every rule',
    note: 'commands every session runs, read as Claude Code hooks are',
  },
  ...mcpServerKeys(SETTINGS, 'mcpServers.*'),
  ...['.augment/commands/**/*.md', '.augment/agents/**/*.md'].map((file) => ({
    file,
    key: 'the markdown after the front matter',
    rule: 'every rule',
    note: "custom commands' and subagents' instructions, read as guidance",
  })),
  {
    file: LOCAL,
    key: 'the file itself, and every key of `settings.json`',
    rule: 'secret-access',
    note: "one developer's local overrides, documented as not committed",
  },
];

export const augmentAdapter = structuredAdapter({
  id: 'augment',
  name: 'Augment (Auggie CLI)',
  keys: KEYS,
  kinds: [
    { path: SETTINGS, format: 'jsonc', map: mapAugmentSettings },
    personalSettings(LOCAL, 'jsonc', { holds: 'per-project overrides', documentedBy: 'Augment' }, mapAugmentSettings),
    // Custom commands and subagents: markdown the agent follows; their instructions are read as guidance.
    { path: '.augment/commands/**/*.md', format: 'markdown', map: () => undefined },
    { path: '.augment/agents/**/*.md', format: 'markdown', map: () => undefined },
  ],
});
