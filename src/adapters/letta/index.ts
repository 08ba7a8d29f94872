import type { Decision } from '../../core/posture.js';
import type { KeyDoc } from '../types.js';
import { isTable, own, type Table } from '../walk.js';
import { addHooks } from '../shared/hooks.js';
import { at, personalSettings, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';
import { mapPermissionEntry, type PermissionDialect } from '../claude/permissions.js';

/**
 * Letta Code (the `letta` CLI). A project's `.letta/settings.json` is shared with the team and `.letta/settings.local.json`
 * is one developer's (https://docs.letta.com/letta-code/configuration); both hold `permissions` and `hooks`
 * (https://docs.letta.com/letta-code/permissions, https://docs.letta.com/letta-code/hooks). MCP servers and `env` are
 * kept only in the user's `~/.letta/settings.json` (letta-ai/letta-code, src/settings-manager.ts).
 */
const SETTINGS = '.letta/settings.json';
const LOCAL = '.letta/settings.local.json';

/** Other agents' tool names Letta Code folds into its own (letta-ai/letta-code, src/permissions/canonical.ts). */
const LETTA_TOOLS: Record<string, string> = {
  ...Object.fromEntries(
    ['shell', 'Shell', 'shell_command', 'ShellCommand', 'exec_command', 'write_stdin', 'run_shell_command', 'RunShellCommand'].map(
      (name) => [name, 'Bash'],
    ),
  ),
  ...Object.fromEntries(['read_file', 'ReadFile', 'read_file_gemini', 'ReadFileGemini'].map((name) => [name, 'Read'])),
  ...Object.fromEntries(['write_file', 'WriteFile', 'write_file_gemini', 'WriteFileGemini'].map((name) => [name, 'Write'])),
  ...Object.fromEntries(['MultiEdit', 'NotebookEdit', 'replace', 'Replace'].map((name) => [name, 'Edit'])),
  apply_patch: 'ApplyPatch',
};
export const LETTA_DIALECT: PermissionDialect = { aliases: LETTA_TOOLS, matching: 'letta' };

/**
 * The rule lists, in the order Letta Code merges them (src/permissions/loader.ts, `mergePermissions`) and with the
 * decision each has where they meet (src/permissions/checker.ts): `deny` first, then `alwaysAsk`, then the permission
 * mode, then `allow`, and `ask` last. An `ask` rule so never takes back what `allow` grants, as it does in Claude
 * Code, and is not read; `alwaysAsk` does.
 */
const LISTS: readonly [string, Decision | undefined][] = [
  ['allow', 'allow'],
  ['deny', 'deny'],
  ['ask', undefined],
  ['alwaysAsk', 'ask'],
];

/**
 * The lists as Letta Code reads them. A list that is not a list of strings throws as it is merged and the rest of the
 * file is skipped (the loader catches it): the lists after it take nothing back, while what `allow` granted before
 * stands. Allowed entries are read past a bad one, so no grant is missed.
 */
function addLettaLists(ctx: MapContext, permissions: Table): void {
  for (const [list, decision] of LISTS) {
    const entries = own(permissions, list);
    if (entries === undefined) continue;
    const whole = Array.isArray(entries) && entries.every((e) => typeof e === 'string');
    // A string is merged a character at a time: `"allow": "*"` allows `*`.
    if (typeof entries === 'string' && decision === 'allow' && entries.includes('*'))
      mapPermissionEntry(ctx, '*', decision, ['permissions', list], LETTA_DIALECT);
    if (decision !== undefined && Array.isArray(entries))
      for (const [entry, path] of stringsAt(ctx.root, ['permissions', list]))
        // Letta Code trims no rule: one with a blank around it or before its bracket names no tool.
        if ((decision === 'allow' || whole) && !/^\s|\s$|^[^(]*\s\(/.test(entry))
          mapPermissionEntry(ctx, entry, decision, path, LETTA_DIALECT);
    if (!whole) return;
  }
}

/** The modes that run every tool unasked: `unrestricted` and its older names (src/permissions/mode.ts). */
const UNRESTRICTED = new Set(['unrestricted', 'bypassPermissions', 'fullAccess']);

/** The hook events Letta Code runs (src/hooks/types.ts). */
const EVENTS = [
  ...['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'UserPromptSubmit', 'Notification', 'Stop'],
  ...['SubagentStop', 'PreCompact', 'SessionStart', 'SessionEnd'],
];

function mapLettaSettings(ctx: MapContext): void {
  const permissions = own(ctx.root, 'permissions');
  if (isTable(permissions)) {
    const mode = own(permissions, 'mode');
    const modePath = ['permissions', 'mode'];
    if (typeof mode === 'string' && UNRESTRICTED.has(mode))
      ctx.add({ kind: 'bypass', grants: 'skip-all-prompts', ...at(modePath, setting(modePath, mode)) });
    // acceptEdits allows every edit and write unasked, wherever its path (src/permissions/mode.ts, checkModeOverride).
    if (mode === 'acceptEdits') ctx.add({ kind: 'writable-root', path: '/', ...at(modePath, setting(modePath, mode)) });
    addLettaLists(ctx, permissions);
  }
  // `hooks.disabled: true` turns every hook off unless the user's own settings say false.
  const hooks = own(ctx.root, 'hooks');
  if (!isTable(hooks) || own(hooks, 'disabled') !== true)
    addHooks(ctx, 'Letta Code', ['hooks'], { events: EVENTS, settings: ['disabled'], otherTypes: true });
}

const KEYS: readonly KeyDoc[] = [
  {
    file: SETTINGS,
    key: '`permissions.mode`: `"unrestricted"` (or the older `"bypassPermissions"`, `"fullAccess"`)',
    rule: 'sandbox-mode',
    note: 'every tool runs without asking but those `deny` and `alwaysAsk` name',
  },
  {
    file: SETTINGS,
    key: '`permissions.mode`: `"acceptEdits"`',
    rule: 'outside-writes',
    note: 'every edit and write runs without asking, wherever its path',
  },
  {
    file: SETTINGS,
    key: '`permissions.allow`, `deny`, `alwaysAsk` (`Bash(git push:*)`, `Write(**)`, `Read(~/.ssh/**)`, `mcp__server__tool`)',
    rule: 'every rule',
    note: 'tools and commands allowed without asking, less those `deny` and `alwaysAsk` name (`ask` never outranks `allow`); an allowed shell rule also runs any command after it on the line (sandbox-mode, once a file)',
  },
  {
    file: SETTINGS,
    key: '`hooks.<event>[].hooks[].command` (none when `hooks.disabled` is true)',
    rule: 'every rule',
    note: 'commands every session runs, read as Claude Code hooks are',
  },
  {
    file: LOCAL,
    key: 'the file itself, and every key of `settings.json`',
    rule: 'secret-access',
    note: "one developer's settings, documented as not committed",
  },
];

export const lettaAdapter = structuredAdapter({
  id: 'letta-code',
  name: 'Letta Code',
  keys: KEYS,
  kinds: [
    { path: SETTINGS, format: 'json', map: mapLettaSettings },
    personalSettings(
      LOCAL,
      'json',
      { holds: "one developer's agent, session and permission choices", documentedBy: 'Letta Code' },
      mapLettaSettings,
    ),
  ],
});
