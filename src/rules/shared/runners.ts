import type { AgentPosture, CommandEffect, CommandRule, RunnerScript } from '../../core/posture.js';
import type { ProblemSite } from '../../core/types.js';
import { commandEffects, type EffectOptions } from '../../shell/effects.js';
import { judgeScripts, type Found, type ScriptJudge } from '../../shell/runner-scripts.js';
import { findAllowedCommands } from './command-rules.js';

/** A script an allowed command starts by name, and the command of it that does what a rule looks for. */
export interface AllowedScript {
  posture: AgentPosture;
  fact: CommandRule;
  /** The command line the rule allows, as words (`npm run deploy`). */
  invocation: string;
  script: RunnerScript;
  /** What the script runs that the rule judges (`vercel --prod`), where it is, and its place in the file. */
  found: Found;
}

/**
 * A judge by the shell analysis: the first effect of the command line that `pick` names (undefined passes it by);
 * `text` is the effect's characters in the line.
 */
export function effectJudge(options: EffectOptions, pick: (effect: CommandEffect, text: string) => string | undefined): ScriptJudge {
  // Each command line judged once: the sets of several configs share scripts (one project's package.json, a script
  // many projects' rules name), and each set is judged on its own.
  const judged = new Map<string, ReturnType<ScriptJudge>>();
  return (command) => {
    if (judged.has(command)) return judged.get(command);
    let found: ReturnType<ScriptJudge>;
    for (const effect of commandEffects(command, options).effects) {
      const what = pick(effect, command.slice(effect.start, effect.end));
      if (what !== undefined) {
        found = { start: effect.start, end: effect.end, what };
        break;
      }
    }
    judged.set(command, found);
    return found;
  };
}

/** The report every rule makes of an allowed runner that starts a script doing what it judges (its message id names it). */
export interface AllowedScriptReport {
  messageId: 'allowed-script';
  data: { invocation: string; script: string; command: string };
  at: { posture: AgentPosture; fact: CommandRule };
  related: ProblemSite[];
}

/**
 * Reports, through `report`, each allow rule that starts a script of the project doing what `judge` finds, with the
 * script's command as the related location; returns the rules reported, which the rule's own command check skips.
 */
export function reportAllowedScripts(
  postures: readonly AgentPosture[],
  scriptsFor: ((file: string) => readonly RunnerScript[]) | undefined,
  judge: ScriptJudge,
  messageId: AllowedScriptReport['messageId'],
  report: (report: AllowedScriptReport) => void,
): Set<CommandRule> {
  const reported = new Set<CommandRule>();
  for (const { posture, fact, invocation, found } of findAllowedScripts(postures, scriptsFor, judge)) {
    reported.add(fact);
    report({
      messageId,
      data: { invocation, script: found.label, command: found.what },
      at: { posture, fact },
      related: [found.site],
    });
  }
  return reported;
}

/**
 * Allow rules that start, through a runner (`Bash(npm run:*)`, `prefix_rule(["make"])`, `Bash(just:*)`), a
 * script or target of the agent's project that does what `judge` finds in a command line (a publish command):
 * one per rule, at the first such script. Scripts are read only when some posture allows a command.
 */
export function findAllowedScripts(
  postures: readonly AgentPosture[],
  scriptsFor: ((file: string) => readonly RunnerScript[]) | undefined,
  judge: ScriptJudge,
): AllowedScript[] {
  if (!scriptsFor) return [];
  const allowing = postures.filter((p) => p.facts.some((f) => f.kind === 'command-rule' && f.decision === 'allow'));
  // Postures that resolve to the same scripts are judged together, so precedence across one folder's files holds.
  const bySet = new Map<readonly RunnerScript[], AgentPosture[]>();
  for (const posture of allowing) {
    const scripts = scriptsFor(posture.file);
    if (scripts.length === 0) continue;
    bySet.set(scripts, [...(bySet.get(scripts) ?? []), posture]);
  }
  const out: AllowedScript[] = [];
  for (const [scripts, group] of bySet) {
    const found = judgeScripts(scripts, judge, group[0]!.agent);
    if (found.size === 0) continue;
    const byInvocation = new Map<string, RunnerScript[]>();
    for (const script of found.keys())
      for (const words of script.invocations) {
        const key = words.join(' ');
        byInvocation.set(key, [...(byInvocation.get(key) ?? []), script]);
      }
    const catalog = [...byInvocation.keys()].map((k) => k.split(' '));
    const seen = new Set<CommandRule>();
    for (const { posture, fact, entry, any } of findAllowedCommands(group, catalog)) {
      // A rule that allows every command is reported once, under sandbox-mode.
      if (any || seen.has(fact)) continue;
      // A script run by path counts for a rule that names it by path (two scripts may share a name).
      const script = byInvocation
        .get(entry.join(' '))!
        .find((s) => s.byPath === undefined || fact.pattern.some((words) => words.some((w) => s.byPath!.has(w))));
      if (!script) continue;
      seen.add(fact);
      // A shell script started by one word (its name alone, matched for an allow of `./scripts/x.sh` with free
      // arguments) is shown as the rule names it.
      const byName = script.byPath !== undefined && entry.length === 1;
      const invocation = byName ? (fact.pattern.flat().find((w) => script.byPath!.has(w)) ?? entry.join(' ')) : entry.join(' ');
      out.push({ posture, fact, invocation, script, found: found.get(script)! });
    }
  }
  return out;
}
