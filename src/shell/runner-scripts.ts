import { spanInText, type RunnerScript } from '../core/posture.js';
import type { ProblemSite } from '../core/types.js';
import { commandsIn } from './catalog.js';
import { startsWithWords, unwrapCommand } from './shell.js';

/** What a script runs that a judge looks for (`vercel --prod`), in which script (itself or one it starts), and where. */
export interface Found {
  what: string;
  label: string;
  site: ProblemSite;
}

/** What a judge looks for in a script's command line: the characters of what it found, and how to name it. */
export type ScriptJudge = (command: string) => { start: number; end: number; what: string } | undefined;

/** How deep scripts that start other scripts by name are followed (`deploy` runs `npm run ship`). */
const MAX_DEPTH = 3;
/** The most scripts of one set judged. */
const MAX_SCRIPTS = 2_000;

/** What a command line starts, as programs with their arguments (wrappers such as `npx` and `env` dropped). */
export const startedBy = (command: string): string[][] => commandsIn(command).map(unwrapCommand);

/** Whether one of the commands started (`startedBy`) runs a script by one of its invocations (`npm run deploy -- -x`). */
export const startsScript = (started: readonly (readonly string[])[], script: RunnerScript): boolean =>
  script.invocations.some((inv) => started.some((w) => startsWithWords(w, inv)));

/** The found part of a script's command: its characters when placed, else the command's key. */
function siteOf(command: RunnerScript['commands'][number], agent: string, start: number, end: number, label: string): ProblemSite {
  const shown = command.command.slice(start, end);
  return {
    file: command.file,
    agent,
    keyPath: command.keyPath,
    evidence: `${label} "${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown}"`,
    anchor: command.place
      ? { kind: 'span', span: spanInText(command.place, start, end) }
      : { kind: 'key', path: command.keyPath, part: 'value' },
  };
}

/**
 * The scripts of one set (a folder's package.json, Makefile, justfile, Taskfile) that do what `judge` finds,
 * themselves or through a script of the set they start by name, up to three levels; `agent` names the sites.
 */
export function judgeScripts(all: readonly RunnerScript[], judge: ScriptJudge, agent: string): Map<RunnerScript, Found> {
  const scripts = all.slice(0, MAX_SCRIPTS);
  const direct = new Map<RunnerScript, Found>();
  for (const script of scripts) {
    for (const command of script.commands) {
      const hit = judge(command.command);
      if (hit) {
        direct.set(script, { what: hit.what, label: command.label, site: siteOf(command, agent, hit.start, hit.end, command.label) });
        break;
      }
    }
  }
  let found = direct;
  if (found.size === 0) return found;
  const started = new Map(scripts.map((s) => [s, s.commands.flatMap((c) => startedBy(c.command))]));
  for (let depth = 1; depth < MAX_DEPTH; depth++) {
    const next = new Map(found);
    for (const script of scripts) {
      if (next.has(script)) continue;
      const words = started.get(script)!;
      const via = [...found].find(([s]) => startsScript(words, s));
      if (via) next.set(script, via[1]);
    }
    if (next.size === found.size) break;
    found = next;
  }
  return found;
}
