import type { Decision } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { addCommandRule, addDomainGrant, commandWords, isExactCommand, parseToolEntry } from '../shared/permissions.js';
import { at, setting, type MapContext } from '../shared/structured.js';

const SHELL_TOOLS = new Set(['Bash', 'PowerShell']);
const WRITE_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** Claude Code paths: `//abs` is absolute, `~/` home, `/x` relative to the settings file, `./x` or `x` relative. */
export function claudePath(p: string): string {
  if (p.startsWith('//')) return p.slice(1);
  if (p.startsWith('/')) return `.${p}`;
  return p;
}

/** How an agent reads Claude Code's permission syntax: the tool names it has of its own, and whose matching it follows. */
export interface PermissionDialect {
  /** Another agent's tool names, mapped onto Claude Code's. */
  readonly aliases: Readonly<Record<string, string>>;
  /**
   * Claude Code's matching (`*` alone is every tool but MCP tools; an MCP rule names its server), Qwen Code's, or Letta
   * Code's (see `lettaEntry`).
   */
  readonly matching: 'claude' | 'qwen' | 'letta';
}

/**
 * Letta Code's paths: `//abs` is absolute, and a glob that starts with `**` matches absolute paths as well as the
 * project's (matcher.ts tests a pattern against both); any other is matched as written, `/abs` as absolute too.
 */
const lettaPath = (p: string): string => (p.startsWith('//') ? p.slice(1) : p.startsWith('**') ? `/${p}` : bracesLeave(p) ? '/' : p);
/**
 * Whether a glob's braces may reach outside the project (minimatch expands them): an alternative that is empty (`{,/}`),
 * absolute, in the home folder or going up (`{src,/home}/**`, `src/{a,/..}`).
 */
const bracesLeave = (p: string): boolean =>
  [...p.matchAll(/\{([^{}]{0,200})\}/g)].some((m) => m[1]!.split(',').some((alt) => alt === '' || /^[/~]|\.\./.test(alt)));

/** The server and the tool an MCP rule names: `mcp__github__create_issue`, `mcp__github` (no tool). */
function mcpRule(tool: string): { server: string; name: string } {
  const [, server = '', ...rest] = tool.split('__');
  return { server, name: rest.join('__') };
}

/** The facts of the files whose shell rules are already noted as running any command, so a file says it once. */
const CHAINED = new WeakSet<object>();

/** Why a Letta Code shell rule runs any command: its matcher reads only the first command of a line. */
export const FIRST_COMMAND_ONLY =
  'Letta Code matches a rule to the first command of a line only, so `<allowed> && <any command>` runs under it too';

/**
 * One permission entry as Letta Code matches it (letta-ai/letta-code, src/permissions/matcher.ts and checker.ts):
 * - an allowed shell rule lets any command run, since only the first command of a line is matched
 *   (shell-command-normalization.ts, `extractPrimaryShellCommand`): said once a file, at its first such rule; besides,
 *   it is a prefix only when it ends in `:*`, and any other `*` in it is a literal character (what it names is then
 *   read no further), and `Bash()` matches only the empty command;
 * - `ApplyPatch` is no file tool: any rule of it is every path;
 * - a file tool named bare matches every path, and a glob that starts with `**`, or whose braces hold an absolute or
 *   empty alternative, absolute paths too;
 * - `*` alone is every tool that is neither the shell nor a file tool (MCP tools included); an MCP rule must name its
 *   tool whole (`mcp__server` and `mcp__server__*` match none); the client has no web fetch or web search tool.
 * Returns false for the entries then read as Claude Code's.
 */
function lettaEntry(ctx: MapContext, tool: string, arg: string | undefined, decision: Decision, path: KeyPath, evidence: string): boolean {
  if (tool === '*' && arg === undefined) {
    if (decision === 'allow') ctx.add({ kind: 'tool-approval', server: '*', tool: '*', ...at(path, evidence) });
    return true;
  }
  if (tool === 'ApplyPatch') {
    // Not a file tool to Letta Code: a rule of it is matched by its name alone, and a patch names absolute paths.
    if (decision === 'allow') ctx.add({ kind: 'writable-root', path: '/', ...at(path, evidence) });
    return true;
  }
  if (SHELL_TOOLS.has(tool) && arg !== undefined) {
    // `Bash()` matches only the empty command.
    if (arg.trim() === '') return true;
    if (decision === 'allow' && !CHAINED.has(ctx.facts)) {
      CHAINED.add(ctx.facts);
      addCommandRule({ ...ctx, add: (fact) => ctx.add({ ...fact, note: FIRST_COMMAND_ONLY }) }, [], decision, path, evidence);
    }
    // A `*` other than a final `:*` is a literal character: read as Claude Code's, the rule would grant far more.
    return arg.replace(/:\*\s*$/, '').includes('*');
  }
  if (WRITE_TOOLS.has(tool) && arg === undefined) {
    if (decision === 'allow') ctx.add({ kind: 'writable-root', path: '/', ...at(path, evidence) });
    return true;
  }
  if (tool === 'WebFetch' || tool === 'WebSearch') return true;
  if (!tool.startsWith('mcp__')) return false;
  const { server, name } = mcpRule(tool);
  if (decision === 'allow' && server !== '' && name !== '' && !`${server}${name}`.includes('*'))
    ctx.add({ kind: 'tool-approval', server, tool: name, ...at(path, evidence) });
  return true;
}

export const CLAUDE_DIALECT: PermissionDialect = { aliases: {}, matching: 'claude' };

/**
 * Whether a Qwen Code rule's tool is a prefix of every MCP tool's name (`*`, `m*`, `mcp_*`, `mcp__*`): Qwen Code matches
 * MCP tools by the tool alone, so a specifier after it (`mcp__*(x)`) narrows nothing.
 */
function qwenEveryServer(entry: string): boolean {
  const rule = entry.trim();
  return rule.endsWith('*') && 'mcp__'.startsWith(rule.slice(0, -1));
}

/** One Claude Code permission entry (`Bash(git push:*)`, `WebFetch`, `Read(~/.ssh/**)`) as a fact, read in an agent's dialect. */
export function mapPermissionEntry(
  ctx: MapContext,
  entry: string,
  decision: Decision,
  path: KeyPath,
  dialect: PermissionDialect = CLAUDE_DIALECT,
): void {
  const parsed = parseToolEntry(entry);
  const tool = dialect.aliases[parsed.tool] ?? parsed.tool;
  const { arg } = parsed;
  // A quote inside the entry is escaped, so that the quoted entry ends where it ends.
  const evidence = `${decision} "${entry.replaceAll('"', '\\"')}"`;
  if (dialect.matching === 'letta' && lettaEntry(ctx, tool, arg, decision, path, evidence)) return;
  const filePath = dialect.matching === 'letta' ? lettaPath : claudePath;
  // In Claude Code a rule of `*` alone matches every tool but MCP tools (https://github.com/anthropics/claude-code/issues/34739,
  // as reported there): as an allow it lets any command run and any page be fetched. Qwen Code matches a rule ending
  // in `*` to MCP tools only, as a prefix of their names (QwenLM/qwen-code, permissions/rule-parser.ts): `*`, `m*` or
  // `mcp*` is every tool of every server, with or without a specifier.
  if (tool === '*' && arg === undefined && decision === 'allow' && dialect.matching === 'claude') {
    addCommandRule(ctx, [], decision, path, evidence);
    addDomainGrant(ctx, '*', path, evidence);
  } else if (dialect.matching === 'qwen' && decision === 'allow' && qwenEveryServer(entry.split('(')[0]!)) {
    ctx.add({ kind: 'tool-approval', server: '*', tool: '*', ...at(path, evidence) });
  } else if (SHELL_TOOLS.has(tool))
    addCommandRule(ctx, commandWords(arg), decision, path, evidence, 'most-restrictive', undefined, isExactCommand(arg));
  else if (tool === 'Read' && arg !== undefined)
    ctx.add({ kind: 'path-access', path: filePath(arg), access: 'read', decision, group: ctx.group, ...at(path, evidence) });
  else if (WRITE_TOOLS.has(tool) && arg !== undefined && decision === 'allow')
    ctx.add({ kind: 'writable-root', path: filePath(arg), ...at(path, evidence) });
  else if (tool === 'WebFetch' && decision === 'allow') {
    addDomainGrant(ctx, arg?.startsWith('domain:') ? arg.slice('domain:'.length) : '*', path, evidence);
  } else if (tool === 'WebSearch' && decision === 'allow') ctx.add({ kind: 'network', what: 'web-search', ...at(path, evidence) });
  else if (tool.startsWith('mcp__') && decision === 'allow') {
    const { server, name } = mcpRule(tool);
    // A rule names its server (`mcp__github`, `mcp__github__*`): one that names none (`mcp__*`) is skipped by Claude Code
    // and approves nothing (anthropics/claude-code#34739). Qwen Code reads `mcp__*` as a prefix (every server, above);
    // `mcp__*__read` it compares whole, with no tool of that name, so there it approves nothing either.
    if (server === '' || server === '*') return;
    ctx.add({ kind: 'tool-approval', server, tool: name === '' || name === '*' ? '*' : name, ...at(path, evidence) });
  }
}

/**
 * A Claude Code permission mode set at `path`: `bypassPermissions` skips every prompt, and in `auto` a classifier
 * model decides what runs without asking (https://code.claude.com/docs/en/permission-modes): either way the mode the
 * agent starts in no longer asks.
 */
export function addPermissionMode(ctx: MapContext, mode: unknown, path: KeyPath): void {
  if (mode === 'bypassPermissions') ctx.add({ kind: 'bypass', grants: 'skip-all-prompts', ...at(path, setting(path, mode)) });
  else if (mode === 'auto') ctx.add({ kind: 'bypass', grants: 'model-approves', ...at(path, setting(path, mode)) });
}
