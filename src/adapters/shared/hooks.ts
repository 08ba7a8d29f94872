import type { KeyPath } from '../../core/types.js';
import { entries, isTable, own } from '../walk.js';
import { addShellCommand } from './commands.js';
import type { MapContext } from './structured.js';

/** Keys a mistaken hook entry puts its command under instead of `hooks: [{ type: "command", command }]`. */
const STRAY_COMMAND_KEYS = ['command', 'hook', 'cmd', 'run', 'script'];

const hookEvidence = (event: string, command: string): string => `${event} hook command ${JSON.stringify(command)}`;

/**
 * Hooks as Claude Code and Gemini CLI read them: `hooks: { <event>: [{ matcher?, hooks: [{ type: "command",
 * command }] }] }`. Every command runs without a prompt when its event fires. An entry in another shape (a
 * command string under the event, `{ matcher, hook: "…" }`) is not run by the agent: it is reported as a shape
 * the agent rejects, and its command is still analysed, since a version or fork that accepts it would run it.
 */
export function addHooks(ctx: MapContext, agent: string, base: KeyPath = ['hooks']): void {
  let hooks: unknown = ctx.root;
  for (const key of base) hooks = isTable(hooks) && typeof key === 'string' ? own(hooks, key) : undefined;
  if (!isTable(hooks)) return;
  const expected = `${agent} reads hooks as { "<event>": [{ "matcher": "…", "hooks": [{ "type": "command", "command": "…" }] }] }`;
  const rejected = (path: KeyPath, what: string): void =>
    ctx.reject?.(
      path,
      `${what} is not a hook shape ${agent} accepts: ${expected}; ${agent} reports the settings as invalid and does not run it`,
    );
  const command = (text: string, path: KeyPath, event: string): void =>
    addShellCommand(ctx.add, ctx.site, text, path, `${event} hook`, hookEvidence(event, text));
  for (const [event, groups] of entries(hooks)) {
    const eventPath = [...base, event];
    if (typeof groups === 'string') {
      rejected(eventPath, `a command string directly under the event "${event}"`);
      command(groups, eventPath, event);
      continue;
    }
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      const groupPath = [...eventPath, g];
      if (typeof group === 'string') {
        rejected(groupPath, `a command string in the list of "${event}"`);
        command(group, groupPath, event);
        return;
      }
      if (!isTable(group)) return;
      const list = own(group, 'hooks');
      if (!Array.isArray(list)) {
        for (const key of STRAY_COMMAND_KEYS) {
          const stray = own(group, key);
          if (typeof stray !== 'string') continue;
          rejected([...groupPath, key], `"${key}" in an entry of "${event}" without a "hooks" list`);
          command(stray, [...groupPath, key], event);
        }
        return;
      }
      list.forEach((hook, h) => {
        const hookPath = [...groupPath, 'hooks', h];
        if (typeof hook === 'string') {
          rejected(hookPath, `a command string in "hooks" of "${event}"`);
          command(hook, hookPath, event);
          return;
        }
        if (!isTable(hook)) return;
        const text = own(hook, 'command');
        const type = own(hook, 'type');
        if (typeof text === 'string' && (type === undefined || type === 'command')) command(text, [...hookPath, 'command'], event);
      });
    });
  }
}
