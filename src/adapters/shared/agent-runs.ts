import { excerpt } from '../../secrets/redact.js';
import { spanInText, type AgentPosture, type CommandRule, type Decision, type Fact, type TextPlace } from '../../core/posture.js';
import { fileStartLocator } from '../../core/locator.js';
import { formatKeyPath, type Anchor, type KeyPath } from '../../core/types.js';
import { namesAnAgent } from '../../shell/agent-clis.js';
import { expandPattern } from '../../shell/patterns.js';
import { agentCli, findAgentRuns, readAgentArguments, type AgentFlag, type AgentInvocation, type UnreadPart } from '../../shell/agents.js';
import { parseJson } from '../../sources/json.js';
import { parseToml } from '../../sources/toml.js';
import { mapClaudeSettings } from '../claude/index.js';
import { mapOpenCodeConfig } from '../opencode/index.js';
import { mapPermissionEntry } from '../claude/permissions.js';
import { toCodexConfigPosture } from '../codex/config.js';
import { mapToolEntry, QWEN_DIALECT } from '../gemini/index.js';
import { LETTA_DIALECT } from '../letta/index.js';
import { isTable, type Table } from '../walk.js';
import { addMcpServers } from './mcp.js';
import { shellWord } from '../scripts/containers.js';
import { addCommandRule, addDomainGrant, commandWords, isExactCommand, parseToolEntry } from './permissions.js';
import type { MapContext } from './structured.js';

/** One agent CLI started by a command line: which agent, through which program, at which characters. */
export interface AgentRun {
  /** The agent's adapter id (`codex`, `claude-code`, `gemini-cli`, …) or, for an agent without one, its CLI's name (`copilot`). */
  agent: string;
  /** The program as written (`codex`, `npx @anthropic-ai/claude-code`). */
  program: string;
  start: number;
  end: number;
  /** How many facts its flags gave. */
  facts?: number;
}

export interface AgentRunOptions {
  scope?: string;
  /**
   * The group of what holds the command (its file, or the step of a workflow): with the command's key path, it names
   * each run's group, so that no other file's rules weigh against a run's.
   */
  group?: string;
  /** `command` is the argument string of this agent's CLI (a vendor action's `claude_args`), not a command line. */
  argumentsOf?: string;
  /**
   * Why the command's text ends before the command does (a reader's limit): what follows may add flags to the last
   * run it starts, so when it starts one, the rest counts as a part not read, at the text's end.
   */
  unread?: string;
}

/**
 * Facts for every agent CLI that `command` starts (its flags mapped onto sandbox, approval, tool and network
 * facts, anchored at their characters through `place`); returns the runs found, empty when it starts no agent.
 */
export function addAgentRuns(
  add: (fact: Fact) => void,
  command: string,
  place: TextPlace | undefined,
  path: KeyPath,
  trigger: string,
  options: AgentRunOptions = {},
): AgentRun[] {
  let read: { runs: AgentInvocation[]; unread?: UnreadPart } = { runs: [] };
  if (options.argumentsOf === undefined) read = findAgentRuns(command);
  else {
    const cli = agentCli(options.argumentsOf);
    if (cli) {
      const { flags, unread } = readAgentArguments(cli, command);
      read = { runs: [{ cli, program: cli.programs[0]!, start: 0, end: 0, flags }], ...(unread ? { unread } : {}) };
    }
  }
  const runs = read.runs.map((run, index) => {
    const facts: Fact[] = [];
    // A run's allow and deny entries weigh against each other, not against another run's or a config file's.
    const group = `${options.group ?? ''}#${formatKeyPath(path)}#${index}`;
    for (const flag of run.flags) {
      const found: Fact[] = [];
      const ctx: MapContext = { file: '', root: {}, group, facts, envFilter: 'n/a', add: (f) => found.push(f) };
      factsOfFlag(ctx, flag, trigger);
      const anchor: Anchor = place ? { kind: 'span', span: spanInText(place, flag.start, flag.end) } : { kind: 'key', path, part: 'value' };
      const evidence = excerpt(flag.value === undefined ? flag.flag : `${flag.flag}${flag.env ? '=' : ' '}${flag.value}`);
      for (const fact of found) {
        if (fact.kind === 'literal') continue;
        const scope = [options.scope, fact.scope].filter((s) => s !== undefined).join(', ');
        const located = { ...fact, keyPath: path, anchor, evidence, ...(scope === '' ? {} : { scope }) };
        if (scope === '') delete located.scope;
        facts.push(located);
      }
    }
    for (const fact of facts) add(fact);
    return { agent: run.cli.agent, program: run.program, start: run.start, end: run.end, facts: facts.length };
  });
  // What a limit left unread may grant anything: a fact of its own, on a run of the agent it starts there when
  // no run was read before it, so that the line is not passed as checked. The text there is not quoted: a cut
  // may fall inside a credential, whose rest would no longer look like one.
  // Only a run the text starts can take flags from what follows it.
  const named = options.unread === undefined || read.unread ? undefined : read.runs.at(-1)?.cli;
  const unread = named ? { at: command.length, cli: named, why: options.unread! } : read.unread;
  if (unread) {
    const anchor: Anchor = place ? { kind: 'span', span: spanInText(place, unread.at, unread.at) } : { kind: 'key', path, part: 'value' };
    add({ kind: 'unread', why: unread.why, keyPath: path, anchor, evidence: unread.cli.programs[0]! });
    if (runs.length === 0)
      runs.push({ agent: unread.cli.agent, program: unread.cli.programs[0]!, start: unread.at, end: unread.at, facts: 1 });
  }
  return runs;
}

/**
 * A posture with the flags of the agents its commands that run without a prompt start (a hook running
 * `claude -p --dangerously-skip-permissions`: nobody answers that agent's prompts), anchored in the command.
 * Read after the adapters, since the flags are judged by the agents' own config readers.
 */
export function withCommandAgentRuns(posture: AgentPosture): AgentPosture {
  const added: Fact[] = [];
  for (const fact of posture.facts) {
    if (fact.kind === 'command-rule') {
      if (fact.decision === 'allow') addAllowedAgentRuns(fact, posture.file, added);
      continue;
    }
    if (fact.kind !== 'auto-command' || fact.launch) continue;
    const scoped = { group: posture.file, ...(fact.scope === undefined ? {} : { scope: fact.scope }) };
    addAgentRuns((f) => added.push(f), fact.command, fact.place, fact.keyPath, fact.trigger, scoped);
  }
  return added.length === 0 ? posture : { ...posture, facts: [...posture.facts, ...added] };
}

/**
 * The agents an allowed command starts with flags of their own (`Bash(gemini -y -p:*)`, `prefix_rule(["codex",
 * "--yolo"])`, `Bash(gemini * --yolo)`): the agent may start them without asking, and what their flags grant is
 * granted through it; a wildcard stands for a word that grants nothing. Placed at the rule, as written: a deny or ask
 * rule beside it is not weighed here (the tools weigh them each their own way), so an allow that one of them holds
 * back is still reported.
 */
function addAllowedAgentRuns(rule: CommandRule, group: string, out: Fact[]): void {
  const scope = `${rule.scope === undefined ? '' : `${rule.scope}, `}started without asking through ${rule.evidence}`;
  // Alternatives that grant the same, at the same place, are one fact.
  const seen = new Set<string>();
  for (const words of expandPattern(rule.pattern)) {
    const command = words.map((w) => (/[*?]/.test(w) ? ANY_WORD : shellWord(w))).join(' ');
    if (!namesAgent(command)) continue;
    const found: Fact[] = [];
    addAgentRuns((f) => found.push(f), command, undefined, rule.keyPath, 'allowed command', { group, scope });
    for (const f of found) {
      const fact = { ...f, keyPath: rule.keyPath, anchor: rule.anchor };
      const key = JSON.stringify(fact);
      if (!seen.has(key)) out.push(fact);
      seen.add(key);
    }
  }
}

/** What a wildcard of an allowed command is read as: a word that is neither a flag nor a subcommand. */
const ANY_WORD = 'agent-policy-any-word';
const namesAgent = namesAnAgent();

const unreadEnv = (name: string): string =>
  `${name} for the agent's run is not given a JSON object written out (but a variable, a command substitution, a file reference or a string), so what it grants could not be verified; write the JSON on the command line, or put it in opencode.json`;

/** Where a flag's facts are first put: `addAgentRuns` gives each the run's key path, anchor and evidence. */
const UNPLACED = { keyPath: [], anchor: { kind: 'key', path: [], part: 'value' }, evidence: '' } as const;

/** The facts one flag gives, in the terms the agent's config adapter uses for the same setting. */
function factsOfFlag(ctx: MapContext, flag: AgentFlag, trigger: string): void {
  const meaning = flag.spec.meaning ?? (flag.value === undefined ? undefined : flag.spec.values?.[flag.value]);
  const value = flag.value ?? '';
  switch (meaning?.fact) {
    case undefined:
      return;
    case 'bypass':
      ctx.add({ kind: 'bypass', grants: meaning.grants, ...(meaning.note ? { note: meaning.note } : {}), ...UNPLACED });
      return;
    case 'sandbox':
      ctx.add({ kind: 'sandbox', mode: meaning.mode, ...UNPLACED });
      return;
    case 'approval-never':
    case 'model-reviewer':
      ctx.add({ kind: meaning.fact, ...UNPLACED });
      return;
    case 'network':
      ctx.add({ kind: 'network', what: meaning.what, ...UNPLACED });
      return;
    case 'writable-root':
      ctx.add({ kind: 'writable-root', path: meaning.path ?? value, ...UNPLACED });
      return;
    case 'domain':
      addDomainGrant(ctx, value, [], '');
      return;
    case 'session-sharing':
      ctx.add({ kind: 'session-sharing', sessions: 'all', ...UNPLACED });
      return;
    case 'tool':
      if (meaning.syntax === 'claude') mapPermissionEntry(ctx, value, meaning.decision, []);
      else if (meaning.syntax === 'qwen') mapPermissionEntry(ctx, value, meaning.decision, [], QWEN_DIALECT);
      else if (meaning.syntax === 'letta') mapPermissionEntry(ctx, value, meaning.decision, [], LETTA_DIALECT);
      else if (meaning.syntax === 'copilot') mapCopilotTool(ctx, value, meaning.decision);
      else mapToolEntry(ctx, value, meaning.decision, [], flag.flag);
      return;
    case 'config-override': {
      const doc = codexOverride(value);
      if (doc) for (const fact of toCodexConfigPosture('', doc, fileStartLocator).facts) ctx.add(fact);
      return;
    }
    case 'settings':
    case 'mcp-config': {
      const json = inlineJson(value);
      // The config in an environment variable is read from its value alone: one built at run time is not known.
      if (!json && flag.env) ctx.add({ kind: 'unread', why: unreadEnv(flag.flag), ...UNPLACED });
      if (!json) return;
      const root = meaning.fact === 'settings' && meaning.under !== undefined ? { [meaning.under]: json } : json;
      const inner = { ...ctx, root };
      if (meaning.fact === 'mcp-config') addMcpServers(inner, 'mcpServers', { scope: (name) => `${trigger} MCP server "${name}"` });
      else if (meaning.format === 'opencode') mapOpenCodeConfig(inner);
      else mapClaudeSettings(inner);
      return;
    }
  }
}

/**
 * A GitHub Copilot CLI tool permission (cli-programmatic-reference.md): `shell` or `shell(git:*)`, `write(path)`,
 * `url` or `url(host)`, `read`, `memory`, and any other name an MCP server (`github` or `github(create_issue)`).
 */
function mapCopilotTool(ctx: MapContext, entry: string, decision: Decision): void {
  const { tool, arg } = parseToolEntry(entry);
  if (tool === 'shell') addCommandRule(ctx, commandWords(arg), decision, [], '', 'most-restrictive', undefined, isExactCommand(arg));
  else if (decision !== 'allow' || tool === 'read' || tool === 'memory') return;
  else if (tool === 'write') {
    if (arg !== undefined) ctx.add({ kind: 'writable-root', path: arg, ...UNPLACED });
  } else if (tool === 'url') {
    if (arg === undefined) ctx.add({ kind: 'network', what: 'fetch', ...UNPLACED });
    else addDomainGrant(ctx, arg, [], '');
  } else ctx.add({ kind: 'tool-approval', server: tool, tool: arg ?? '*', ...UNPLACED });
}

/**
 * `key.path=value` as Codex reads a `-c` override (codex-rs/utils/cli/src/config_override.rs): the value is TOML,
 * or the raw string without its quotes when it is not; the key is split at every dot.
 */
function codexOverride(raw: string): Table | undefined {
  const eq = raw.indexOf('=');
  if (eq < 0) return undefined;
  const keys = raw.slice(0, eq).trim().split('.');
  if (keys.some((k) => k === '')) return undefined;
  const text = raw.slice(eq + 1).trim();
  const parsed = parseToml(`_x_ = ${text}`);
  let value: unknown = parsed.ok && !text.includes('\n') ? parsed.value._x_ : text.replace(/^["']+|["']+$/g, '');
  for (const key of keys.reverse()) value = Object.fromEntries([[key, value]]);
  return value as Table;
}

/** Settings or MCP config passed as JSON text rather than a file name. */
function inlineJson(value: string): Table | undefined {
  if (!value.trim().startsWith('{')) return undefined;
  const parsed = parseJson(value, false);
  return parsed.ok && isTable(parsed.value) ? parsed.value : undefined;
}
