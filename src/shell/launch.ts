/** The effects of a program launched without a shell: an MCP server's `command` + `args` + `env`. */
import { commandEffects, type CommandEffects, type Effect, type EffectOptions } from './effects.js';
import { envInjection } from './environment.js';

/** Where an effect lies: in argument `arg` (0 is the command itself) or in the value of `env[key]`. */
export type LaunchPlace = { arg: number; start: number; end: number } | { env: string; start: number; end: number };

export interface LaunchEffect {
  effect: Effect;
  at: LaunchPlace;
}

export interface LaunchEffects {
  effects: LaunchEffect[];
  steps: number;
  limits: CommandEffects['limits'];
}

/**
 * The argument vector is quoted into one line so the shell analysis reads it word for word; each
 * effect is then mapped back to the argument it came from.
 */
export function launchEffects(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: EffectOptions = {},
): LaunchEffects {
  const argv = [command, ...args];
  let line = '';
  const argOf: number[] = [];
  const offsetOf: number[] = [];
  argv.forEach((arg, index) => {
    if (index > 0) {
      line += ' ';
      argOf.push(-1);
      offsetOf.push(0);
    }
    line += "'";
    argOf.push(index);
    offsetOf.push(0);
    for (let k = 0; k < arg.length; k++) {
      line += arg[k] === "'" ? "'\\''" : arg[k]!;
      while (argOf.length < line.length) {
        argOf.push(index);
        offsetOf.push(k);
      }
    }
    line += "'";
    argOf.push(index);
    offsetOf.push(arg.length);
  });
  const result = commandEffects(line, options);
  const place = (e: Effect): LaunchPlace => {
    const s = Math.min(e.start, argOf.length - 1);
    const arg = Math.max(argOf[s] ?? 0, 0);
    const start = argOf[s] === arg ? offsetOf[s]! : 0;
    let end = start;
    for (let k = s; k < Math.min(e.end, argOf.length); k++) if (argOf[k] === arg) end = Math.max(end, offsetOf[k]! + 1);
    return { arg, start, end: Math.min(end, argv[arg]!.length) };
  };
  const effects: LaunchEffect[] = result.effects.map((effect) => ({ effect, at: place(effect) }));
  for (const [variable, value] of Object.entries(env)) {
    const injects = envInjection(variable, value);
    if (injects) {
      effects.push({
        effect: { kind: 'env-injection', variable, value, injects, start: 0, end: value.length },
        at: { env: variable, start: 0, end: value.length },
      });
    }
  }
  return { effects, steps: result.steps, limits: result.limits };
}
