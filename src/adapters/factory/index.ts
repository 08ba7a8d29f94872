import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { isTable, own } from '../walk.js';
import { addHooks } from '../shared/hooks.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { addCommandRule } from '../shared/permissions.js';
import { at, personalSettings, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';
import { splitCommandLine } from '../../shell/shell.js';
import { addPermissionLists } from '../claude/index.js';
import { addPermissionMode } from '../claude/permissions.js';
import { isClaudeSettings } from '../claude-copy/index.js';

/**
 * Factory's Droid. Its project folder `.factory/` holds `settings.json` (and a `settings.local.json` that is not to be
 * committed), `mcp.json`, `hooks.json`, custom droids and commands
 * (https://docs.factory.ai/enterprise/hierarchical-settings-and-org-control, "The four levels";
 * https://docs.factory.ai/cli/configuration/settings; https://docs.factory.ai/harness/hooks).
 */
const SETTINGS = '.factory/settings.json';
const LOCAL = '.factory/settings.local.json';

/**
 * The autonomy a session starts in: `autonomyMode` or `autonomyLevel`, at the top or in `sessionDefaultSettings`, as
 * `auto-high` (the settings page's values) or `high` (the autonomy page's Off, Low, Medium, High). At high Droid runs
 * every command that is not blocked without asking, `git push` and deploy scripts included
 * (https://docs.factory.ai/cli/user-guides/auto-run, "Autonomy levels at a glance").
 */
const AUTONOMY_KEYS: readonly KeyPath[] = [
  ['autonomyMode'],
  ['autonomyLevel'],
  ['sessionDefaultSettings', 'autonomyMode'],
  ['sessionDefaultSettings', 'autonomyLevel'],
];

/**
 * The command lists: `commandAllowlist` runs without asking, `commandDenylist` always asks, `commandBlocklist` never
 * runs (https://docs.factory.ai/cli/configuration/settings, "Command allowlist, denylist & blocklist").
 */
const COMMAND_LISTS: readonly [string, Decision][] = [
  ['commandAllowlist', 'allow'],
  ['commandDenylist', 'ask'],
  ['commandBlocklist', 'deny'],
];

/** Keys under `hooks` that record hooks imported from Claude Code rather than declare events Droid runs. */
const IMPORT_RECORDS = ['claudeHooksImported', 'importedClaudeHooks'];

/**
 * Claude Code's `permissions` written into Droid's settings: Droid has no such key, so they are Claude Code's settings
 * kept where Claude Code does not read them, judged as such a copy is (medium confidence, rules of a group of their
 * own that Droid's lists neither add to nor take from).
 */
function addClaudePermissions(ctx: MapContext): void {
  const permissions = own(ctx.root, 'permissions');
  if (!isTable(permissions) || !isClaudeSettings({ permissions })) return;
  const copy: MapContext = {
    ...ctx,
    group: `${ctx.group}:claude-permissions`,
    add: (fact) => ctx.add({ ...fact, confidence: 'medium', note: fact.note ?? "Claude Code's key, which Droid does not read" }),
  };
  addPermissionMode(copy, own(permissions, 'defaultMode'), ['permissions', 'defaultMode']);
  addPermissionLists(copy);
}

function mapFactorySettings(ctx: MapContext): void {
  for (const path of AUTONOMY_KEYS) {
    let value: unknown = ctx.root;
    for (const key of path) value = isTable(value) ? own(value, key as string) : undefined;
    if (value === 'auto-high' || value === 'high')
      ctx.add({
        kind: 'bypass',
        grants: 'allow-all-tools',
        note: 'Droid runs every command it rates up to high risk unasked, but those its deny list names',
        ...at(path, setting(path, value)),
      });
  }
  for (const [key, decision] of COMMAND_LISTS)
    for (const [command, path] of stringsAt(ctx.root, [key]))
      // A blank entry names no command (none is documented to match all).
      if (command.trim() !== '') addCommandRule(ctx, splitCommandLine(command)[0] ?? [], decision, path, `${key} entry "${command}"`);
  addClaudePermissions(ctx);
  if (own(ctx.root, 'hooksDisabled') !== true) addHooks(ctx, 'Factory Droid', ['hooks'], { settings: IMPORT_RECORDS });
}

/** `hooks.json`: the same hooks, keyed by event at the top (or under `hooks`, as in the settings). */
function mapHookFile(ctx: MapContext): void {
  addHooks(ctx, 'Factory Droid', isTable(own(ctx.root, 'hooks')) ? ['hooks'] : [], { settings: IMPORT_RECORDS });
}

const KEYS: readonly KeyDoc[] = [
  {
    file: SETTINGS,
    key: '`autonomyMode` or `autonomyLevel`, also under `sessionDefaultSettings`: `"auto-high"` or `"high"`',
    rule: 'sandbox-mode',
    note: 'every command not on the deny list runs without asking, publishing and deploying included',
  },
  {
    file: SETTINGS,
    key: '`commandAllowlist` (runs unasked), `commandDenylist` (asks), `commandBlocklist` (never runs)',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'commands allowed without asking, less those the other two lists name',
  },
  {
    file: SETTINGS,
    key: "`permissions` (Claude Code's `allow`, `ask`, `deny`, `defaultMode`)",
    rule: 'every rule',
    note: "not a key of Droid's: read as Claude Code's settings kept elsewhere are, medium confidence",
  },
  ...[SETTINGS, '.factory/hooks.json', '.factory/hooks/hooks.json'].map((file) => ({
    file,
    key: file === SETTINGS ? '`hooks.<event>[].hooks[].command` (none when `hooksDisabled` is true)' : '`<event>[].hooks[].command`',
    rule: 'every rule',
    note: 'commands every session runs, read as Claude Code hooks are',
  })),
  {
    file: LOCAL,
    key: 'the file itself, and every key of `settings.json`',
    rule: 'secret-access',
    note: "one developer's local overrides, documented as not committed",
  },
  ...mcpServerKeys('.factory/mcp.json', 'mcpServers.*'),
  ...['.factory/droids/*.md', '.factory/commands/**/*.md'].map((file) => ({
    file,
    key: 'the markdown after the front matter',
    rule: 'every rule',
    note: "custom droids' and commands' instructions, read as guidance",
  })),
];

export const factoryAdapter = structuredAdapter({
  id: 'droid',
  name: 'Factory Droid',
  keys: KEYS,
  kinds: [
    { path: SETTINGS, format: 'jsonc', map: mapFactorySettings },
    personalSettings(LOCAL, 'jsonc', { holds: 'machine-specific preferences', documentedBy: 'Factory Droid' }, mapFactorySettings),
    { path: '.factory/mcp.json', format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers') },
    { path: '.factory/hooks.json', format: 'jsonc', map: mapHookFile },
    { path: '.factory/hooks/hooks.json', format: 'jsonc', map: mapHookFile },
    // Custom droids restrict their tools (`tools`) and add none; their instructions and commands' are read.
    { path: '.factory/droids/*.md', format: 'markdown', map: () => undefined },
    { path: '.factory/commands/**/*.md', format: 'markdown', map: () => undefined },
  ],
});
