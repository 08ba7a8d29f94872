import { factsOf, spanInText, type AgentPosture, type CommandEffect, type FactOf } from '../../core/posture.js';
import { excerpt } from '../../secrets/redact.js';
import { formatKeyPath } from '../../core/types.js';
import { commandEffects, type EffectOptions } from '../../shell/effects.js';
import { launchEffects } from '../../shell/launch.js';

export type EffectFact = FactOf<'command-effect'>;
export type EffectOf<K extends CommandEffect['kind']> = Extract<CommandEffect, { kind: K }>;

/** How a command comes to run, for messages (the evidence names the hook or key): nobody is asked. */
export const runsHow = (fact: EffectFact | FactOf<'auto-command'>): string =>
  'launch' in fact && fact.launch && fact.trigger === 'MCP server launch'
    ? 'whenever the agent starts its MCP servers, without a prompt'
    : 'without a prompt';

/**
 * The command effects of one posture that a rule judges, one per place: effects are taken in the order of
 * `kinds` (most specific first), and one whose characters overlap an effect already taken in the same value is
 * left out, so `curl … | bash` is one finding, not three.
 */
export function effectsToReport(
  posture: AgentPosture,
  kinds: readonly CommandEffect['kind'][],
  keep: (effect: CommandEffect, fact: EffectFact) => boolean,
): EffectFact[] {
  const taken = new Map<string, { start: number; end: number }[]>();
  const out: EffectFact[] = [];
  const facts = factsOf(posture, 'command-effect');
  for (const kind of kinds) {
    for (const fact of facts) {
      const e = fact.effect;
      if (e.kind !== kind || !keep(e, fact)) continue;
      const key = `${formatKeyPath(fact.keyPath)}\0${fact.launch ? 'launch' : 'shell'}`;
      const ranges = taken.get(key) ?? [];
      if (ranges.some((r) => r.start < Math.max(e.end, e.start + 1) && e.start < Math.max(r.end, r.start + 1))) continue;
      ranges.push({ start: e.start, end: e.end });
      taken.set(key, ranges);
      out.push(fact);
    }
  }
  return out;
}

/**
 * Effects a rule finds itself, with its own options (publish catalog, secret paths), in a command that runs
 * without a prompt; each comes with the fact re-anchored at its characters when the adapter placed the command.
 */
export function ownEffects(
  fact: FactOf<'auto-command'>,
  options: EffectOptions,
): { effect: CommandEffect; fact: FactOf<'auto-command'>; evidence: string }[] {
  const { launch } = fact;
  if (launch) {
    // An argument vector: each effect is placed in the argument it comes from.
    return launchEffects(launch.argv[0] ?? '', launch.argv.slice(1), {}, options).effects.flatMap(({ effect, at }) => {
      if (!('arg' in at)) return [];
      const path = launch.paths[at.arg] ?? fact.keyPath;
      const place = launch.places[at.arg];
      const value = launch.argv[at.arg] ?? '';
      const anchor = place
        ? { kind: 'span' as const, span: spanInText(place, at.start, at.end) }
        : { kind: 'key' as const, path, part: 'value' as const };
      const evidence = `${fact.trigger} "${excerpt(value.slice(at.start, at.end) || value)}"`;
      return [{ effect, fact: { ...fact, keyPath: path, anchor }, evidence }];
    });
  }
  return commandEffects(fact.command, options).effects.map((effect) => {
    const shown = excerpt(fact.command.slice(effect.start, effect.end));
    const placed = fact.place
      ? { ...fact, anchor: { kind: 'span' as const, span: spanInText(fact.place, effect.start, effect.end) } }
      : fact;
    return { effect, fact: placed, evidence: fact.place ? `${fact.trigger} "${shown}"` : fact.evidence };
  });
}

/**
 * The catalog commands (`publish` or `destructive`, as `options` gives them) that a posture's commands run
 * without a prompt, each with the fact placed at its characters and how it comes to run.
 */
export function catalogCommandsRun(
  posture: AgentPosture,
  options: EffectOptions,
  kind: 'publish' | 'destructive',
): { command: string; runs: string; fact: FactOf<'auto-command'>; evidence: string }[] {
  return factsOf(posture, 'auto-command').flatMap((command) =>
    ownEffects(command, options).flatMap((own) =>
      own.effect.kind === kind ? [{ command: own.effect.command, runs: runsHow(command), fact: own.fact, evidence: own.evidence }] : [],
    ),
  );
}

/** The names of this machine: `localhost`, `127.x.x.x`, `[::1]`, `0.0.0.0`. */
const LOOPBACK_NAMES = String.raw`localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0`;
const LOOPBACK = new RegExp(`^(?:${LOOPBACK_NAMES})$`, 'i');
/** A host a domain rule names for this machine, a port after it at most (`127.0.0.1`, `localhost:11434`, `::1`). */
const LOOPBACK_HOST = new RegExp(`^(?:${LOOPBACK_NAMES}|::1)(?::\\d{1,5})?$`, 'i');
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host.trim());

/** The host of a URL, or undefined when it has none or is loopback (the machine itself, not the network). */
export function remoteHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]+)/i.exec(url.slice(0, 2048));
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  return LOOPBACK.test(host) || host.endsWith('.localhost') ? undefined : host;
}
