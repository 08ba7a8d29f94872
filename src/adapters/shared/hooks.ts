import type { KeyPath } from '../../core/types.js';
import { remoteHost } from '../codex/hosts.js';
import { entries, isTable, own, type Table } from '../walk.js';
import { addShellCommand } from './commands.js';
import { at, setting, type MapContext } from './structured.js';

/** Keys a mistaken hook entry puts its command under instead of `hooks: [{ type: "command", command }]`. */
const STRAY_COMMAND_KEYS = ['command', 'hook', 'cmd', 'run', 'script'];

export const hookEvidence = (event: string, command: string): string => `${event} hook command ${JSON.stringify(command)}`;

/** How an agent reads its hooks, where it differs from Claude Code's reading. */
export interface HookReading {
  /** The agent's name in messages. */
  agent: string;
  /** What the agent does with a file in a shape it rejects (default: reports the settings as invalid). */
  rejects?: string;
  /** Each handler must say `"type": "command"` (Codex: a handler without it fails the whole file). */
  requireType?: boolean;
  /** The events the agent runs; hooks under any other name are ignored, and said so. Absent: not checked. */
  events?: readonly string[];
  /** Keys beside the events that are not events (Codex's `[hooks.state]`, Gemini CLI's older `enabled` / `disabled`). */
  settings?: readonly string[];
  /** Hooks turned off by name or command: they never run. */
  disabled?: ReadonlySet<string>;
  /** Whether hooks of other types than `command` (Claude Code's http, mcp_tool, prompt, agent) are read. */
  otherTypes?: boolean;
}

/**
 * Hooks as Claude Code, Gemini CLI and Codex read them: `hooks: { <event>: [{ matcher?, hooks: [{ type: "command",
 * command }] }] }`. Every command runs without a prompt when its event fires. An entry in another shape (a
 * command string under the event, `{ matcher, hook: "…" }`, an object where a list belongs, a list of
 * `{ event, command }`) is not run by the agent: it is reported as a shape the agent rejects, and its command
 * is still analysed, since a version or fork that accepts it would run it.
 */
export function addHooks(
  ctx: MapContext,
  how: HookReading | string,
  base: KeyPath = ['hooks'],
  options: Omit<HookReading, 'agent'> = {},
): void {
  const reading: HookReading = { ...(typeof how === 'string' ? { agent: how } : how), ...options };
  const { agent } = reading;
  let hooks: unknown = ctx.root;
  for (const key of base) hooks = isTable(hooks) && typeof key === 'string' ? own(hooks, key) : undefined;
  const expected = `${agent} reads hooks as { "<event>": [{ "matcher": "…", "hooks": [{ "type": "command", "command": "…" }] }] }`;
  const consequence = reading.rejects ?? `${agent} reports the settings as invalid and does not run it`;
  const rejected = (path: KeyPath, what: string): void =>
    ctx.reject?.(path, `${what} is not a hook shape ${agent} accepts: ${expected}; ${consequence}`);
  const command = (text: string, path: KeyPath, event: string): void =>
    addShellCommand(ctx.add, ctx.site, text, path, `${event} hook`, hookEvidence(event, text));
  /** Commands under other keys of an entry without a `hooks` list; `said`: its shape was reported already. */
  const strays = (entry: Table, path: KeyPath, event: string, said: boolean): void => {
    for (const key of STRAY_COMMAND_KEYS) {
      const stray = own(entry, key);
      if (typeof stray !== 'string') continue;
      if (!said) rejected([...path, key], `"${key}" in an entry of "${event}" without a "hooks" list`);
      command(stray, [...path, key], event);
    }
  };
  if (Array.isArray(hooks)) {
    // `[[hooks]]` with `event = "…"` and `command = "…"`: an older installer's shape.
    hooks.forEach((entry, i) => {
      if (!isTable(entry)) return;
      const event = own(entry, 'event');
      for (const key of STRAY_COMMAND_KEYS) {
        const stray = own(entry, key);
        if (typeof stray !== 'string') continue;
        rejected([...base, i, key], `a list of { "event", "${key}" } entries under "hooks"`);
        command(stray, [...base, i, key], typeof event === 'string' ? event : 'hook');
      }
    });
    return;
  }
  if (!isTable(hooks)) return;
  const handlers = (list: unknown[], listPath: KeyPath, event: string): void => {
    list.forEach((hook, h) => {
      const hookPath = [...listPath, h];
      if (typeof hook === 'string') {
        rejected(hookPath, `a command string in "hooks" of "${event}"`);
        command(hook, hookPath, event);
        return;
      }
      if (!isTable(hook)) return;
      const text = own(hook, 'command');
      const type = own(hook, 'type');
      const name = own(hook, 'name');
      if (reading.disabled?.has(typeof name === 'string' ? name : '') || (typeof text === 'string' && reading.disabled?.has(text))) return;
      if (typeof text !== 'string') {
        if (reading.otherTypes) addOtherHook(ctx, hook, hookPath, event);
        return;
      }
      if (type === 'command' || (type === undefined && !reading.requireType)) command(text, [...hookPath, 'command'], event);
      else if (reading.otherTypes && type !== undefined) addOtherHook(ctx, hook, hookPath, event);
      else if (reading.requireType && (type === undefined || typeof type !== 'string' || !['prompt', 'agent'].includes(type))) {
        rejected([...hookPath, 'command'], `a handler of "${event}" without "type": "command"`);
        command(text, [...hookPath, 'command'], event);
      }
    });
  };
  const group = (entry: Table, path: KeyPath, event: string, said = false): void => {
    const list = own(entry, 'hooks');
    if (Array.isArray(list)) handlers(list, [...path, 'hooks'], event);
    else strays(entry, path, event, said);
  };
  for (const [event, groups] of entries(hooks)) {
    if (reading.settings?.includes(event)) continue;
    const eventPath = [...base, event];
    if (reading.events && !reading.events.includes(event)) {
      ctx.reject?.(
        eventPath,
        `"${event}" is not a hook event ${agent} runs (${reading.events.join(', ')}): ${agent} ignores the hooks under it`,
      );
    }
    if (typeof groups === 'string') {
      rejected(eventPath, `a command string directly under the event "${event}"`);
      command(groups, eventPath, event);
    } else if (isTable(groups)) {
      rejected(eventPath, `an object directly under the event "${event}" (it takes a list)`);
      group(groups, eventPath, event, true);
    } else if (Array.isArray(groups)) {
      groups.forEach((entry, g) => {
        const groupPath = [...eventPath, g];
        if (typeof entry === 'string') {
          rejected(groupPath, `a command string in the list of "${event}"`);
          command(entry, groupPath, event);
        } else if (isTable(entry)) group(entry, groupPath, event);
      });
    }
  }
}

/**
 * Whether `allowedHttpHookUrls` in the same file lets an http hook post to `url` (settings docs: `*` is a wildcard;
 * absent, every URL; a hook whose URL matches no entry is blocked and sends nothing).
 */
function httpHookAllowed(ctx: MapContext, url: string): boolean {
  const allowed = own(ctx.root, 'allowedHttpHookUrls');
  if (!Array.isArray(allowed)) return true;
  return allowed.some((pattern) => typeof pattern === 'string' && wildcardMatch(pattern.toLowerCase(), url.toLowerCase()));
}

/** `*` matches any run of characters; linear backtracking to the last star, so a hostile pattern stays cheap. */
function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Claude Code's hooks that are not shell commands (hooks reference, "type"): `http` POSTs the event's JSON (tool
 * input, prompts, file paths) to its URL each time the event fires; `mcp_tool` calls a tool of a connected MCP
 * server without a prompt; `prompt` and `agent` ask a model, which on `PermissionRequest` answers the permission
 * dialog in the user's place.
 */
function addOtherHook(ctx: MapContext, hook: Table, path: KeyPath, event: string): void {
  const type = own(hook, 'type');
  if (type === 'http') {
    const url = own(hook, 'url');
    const host = typeof url === 'string' && httpHookAllowed(ctx, url) ? remoteHost(url) : undefined;
    const urlPath = [...path, 'url'];
    if (host) ctx.add({ kind: 'network', what: 'domain', host, ...at(urlPath, `${event} http hook ${setting(urlPath, url)}`) });
  } else if (type === 'mcp_tool') {
    const server = own(hook, 'server');
    const tool = own(hook, 'tool');
    if (typeof server === 'string' && typeof tool === 'string' && server !== '' && tool !== '') {
      const toolPath = [...path, 'tool'];
      ctx.add({ kind: 'tool-approval', server, tool, ...at(toolPath, `${event} hook calls the MCP tool "${server}" / "${tool}"`) });
    }
  } else if ((type === 'prompt' || type === 'agent') && event === 'PermissionRequest') {
    const typePath = [...path, 'type'];
    ctx.add({ kind: 'model-reviewer', ...at(typePath, `PermissionRequest hook of type "${type}"`) });
  }
}
