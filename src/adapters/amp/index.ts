import picomatch from 'picomatch';
import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { isTable, own } from '../walk.js';
import { addMcpServers, mcpServerKeys } from '../shared/mcp.js';
import { addCommandRule } from '../shared/permissions.js';
import { at, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';
import { splitCommandLine } from '../../shell/shell.js';

const ACTIONS: Record<string, Decision> = { allow: 'allow', ask: 'ask', reject: 'deny', deny: 'deny' };
const FETCH = new Set(['read_web_page', 'web_fetch']);

/** Longer than any tool name glob a real config writes; such a glob is not compiled. */
const MAX_GLOB = 200;

/**
 * Whether a rule's `tool`, a glob (https://ampcode.com/manual/appendix#permissions-configuration: `Bash`,
 * `mcp__playwright__*`, `*`), names a tool: `*` is every tool, the shell included. A glob too long or too odd to
 * compile fails closed: it names the tool when it allows, and names nothing when it asks or rejects.
 */
function namesTool(glob: string, name: string, decision: Decision): boolean {
  if (glob === name) return true;
  if (!/[*?[{]/.test(glob)) return false;
  if (glob.length > MAX_GLOB) return decision === 'allow';
  try {
    // Extended globs (`@(*|?)`) are not compiled: nested they backtrack exponentially, and tool names do not need them.
    return picomatch.isMatch(name, glob.replace(/\*{2,}/g, '*'), { noextglob: true });
  } catch {
    return decision === 'allow';
  }
}

/**
 * Whether a rule applies to the shell: `tool: "Bash"` or a glob naming it. A rule that asks or rejects only in one
 * context (`context: "subagent"`) or only for other arguments (`matches.path`, a `cmd` that is not a pattern) does
 * not stand for every command, and takes nothing away from a later allow; one that allows grants wherever it applies.
 */
const shellRule = (rule: Record<string, unknown>, tool: string, decision: Decision, matches: unknown, cmd: unknown): boolean => {
  if (!namesTool(tool, 'Bash', decision)) return false;
  if (decision === 'allow') return true;
  const narrowed =
    own(rule, 'context') !== undefined ||
    (matches !== undefined &&
      (!isTable(matches) ||
        Object.keys(matches).some((k) => k !== 'cmd') ||
        (cmd !== undefined && typeof cmd !== 'string' && !Array.isArray(cmd))));
  return !narrowed;
};

/**
 * `amp.permissions`: rules tried in order, the first that matches decides. Written here as `last-match` rules
 * numbered backwards, so the first rule in the file is the one that decides.
 */
function mapPermissions(ctx: MapContext): void {
  const key = 'amp.permissions';
  const rules = own(ctx.root, key);
  if (!Array.isArray(rules)) return;
  const group = `${ctx.group}:${key}`;
  rules.forEach((rule, i) => {
    if (!isTable(rule)) return;
    const tool = own(rule, 'tool');
    const decision = ACTIONS[String(own(rule, 'action'))];
    if (typeof tool !== 'string' || decision === undefined) return;
    const path: KeyPath = [key, i];
    const evidence = `${tool} "${String(own(rule, 'action'))}"`;
    const matches = own(rule, 'matches');
    const cmd = isTable(matches) ? own(matches, 'cmd') : undefined;
    if (shellRule(rule, tool, decision, matches, cmd)) {
      // No `matches` is every command; an array of patterns matches when one of them does.
      const patterns: [unknown, KeyPath][] =
        typeof cmd === 'string'
          ? [[cmd, ['matches', 'cmd']]]
          : Array.isArray(cmd)
            ? (cmd as unknown[]).map((c, j): [unknown, KeyPath] => [c, ['matches', 'cmd', j]])
            : [['*', ['action']]];
      for (const [pattern, rest] of patterns) {
        if (typeof pattern !== 'string') continue;
        const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
        ctx.add({
          kind: 'command-rule',
          pattern: regex ? [] : (splitCommandLine(pattern.replace(/\*.*$/s, '').trim())[0] ?? []).map((w) => [w]),
          matcher: regex ? { kind: 'regex', source: regex[1]!, flags: regex[2]! } : { kind: 'glob', source: pattern },
          decision,
          group,
          precedence: 'last-match',
          order: rules.length - i,
          implicitDecision: false,
          ...at([...path, ...rest], `${evidence} matching "${pattern}"`),
        });
      }
    } else if (decision === 'allow' && cmd === undefined && [...FETCH].some((name) => namesTool(tool, name, decision)))
      ctx.add({ kind: 'network', what: 'fetch', ...at([...path, 'tool'], evidence) });
    else if (decision === 'allow' && cmd === undefined && namesTool(tool, 'web_search', decision))
      ctx.add({ kind: 'network', what: 'web-search', ...at([...path, 'tool'], evidence) });
    else if (decision === 'allow' && tool.startsWith('mcp__')) {
      const [, server = '*', ...name] = tool.split('__');
      ctx.add({ kind: 'tool-approval', server, tool: name.join('__') || '*', ...at([...path, 'tool'], evidence) });
    }
  });
}

/** Amp's keys, the same in its own settings file and in VS Code's (the editor extension reads them there). */
export function mapAmpSettings(ctx: MapContext): void {
  const all = ['amp.dangerouslyAllowAll'];
  if (own(ctx.root, all[0]!) === true) ctx.add({ kind: 'bypass', grants: 'skip-all-prompts', ...at(all, setting(all, true)) });
  mapPermissions(ctx);
  for (const [command, path] of stringsAt(ctx.root, ['amp.commands.allowlist']))
    addCommandRule(ctx, splitCommandLine(command)[0] ?? [], 'allow', path, `amp.commands.allowlist entry "${command}"`);
  addMcpServers(ctx, 'amp.mcpServers');
}

const S = '.amp/settings.json';
const KEYS: readonly KeyDoc[] = [
  { file: S, key: 'amp.dangerouslyAllowAll', rule: 'sandbox-mode', note: 'every tool call runs without asking' },
  {
    file: S,
    key: 'amp.permissions: { tool: "Bash" (or a glob naming it, such as "*"), matches.cmd, action }',
    rule: 'sandbox-mode, publish-deploy, network-access, secret-access, destructive-actions',
    note: 'commands (globs or /regex/) allowed without asking; the first matching rule decides',
  },
  {
    file: S,
    key: 'amp.permissions: read_web_page, web_search, mcp__<server>__<tool>',
    rule: 'network-access, publish-deploy, destructive-actions',
    note: 'fetches and MCP tools allowed without asking',
  },
  {
    file: S,
    key: 'amp.commands.allowlist',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'commands that run without asking',
  },
  ...mcpServerKeys(S, 'amp.mcpServers.*'),
  {
    file: '.config/amp/settings.json',
    key: 'all of the above',
    rule: 'all of the above',
    note: "the user's settings (~/.config/amp/settings.json) kept in a dotfiles repository, read as .amp/settings.json",
  },
];

export const ampAdapter = structuredAdapter({
  id: 'amp',
  name: 'Amp',
  keys: KEYS,
  kinds: [
    { path: '.amp/settings.{json,jsonc}', format: 'jsonc', map: mapAmpSettings },
    // The user's settings, ~/.config/amp/settings.json, kept in a dotfiles repository: the same keys
    // (https://ampcode.com/manual, "Settings").
    { path: '.config/amp/settings.{json,jsonc}', format: 'jsonc', map: mapAmpSettings },
  ],
});
