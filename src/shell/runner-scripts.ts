import { spanInText, type RunnerScript } from '../core/posture.js';
import { excerpt } from '../secrets/redact.js';
import type { ProblemSite } from '../core/types.js';
import { commandsIn } from './catalog.js';
import { unwrapCommand } from './shell.js';

/** What a script runs that a judge looks for (`vercel --prod`), in which script (itself or one it starts), and where. */
export interface Found {
  what: string;
  label: string;
  site: ProblemSite;
}

/** What a judge looks for in a script's command line: the characters of what it found, and how to name it. */
export type ScriptJudge = (command: string) => { start: number; end: number; what: string } | undefined;

/** What a command line starts by name: the agent commands found, and why scripts it starts were not fully read. */
export interface Started {
  found: Found[];
  unchecked: string[];
}

/** How deep scripts that start other scripts by name are followed (`deploy` runs `npm run ship`). */
const MAX_DEPTH = 3;
/** The most scripts of one set judged. */
const MAX_SCRIPTS = 2_000;
/** The most commands of one set's scripts read for the scripts they start by name. */
const MAX_STARTED = 20_000;
/** The most characters of one set's commands judged. */
const MAX_JUDGED = 200_000;

/**
 * What a command line starts, as programs with their arguments (wrappers such as `npx` and `env` dropped), a package
 * manager's own options and script names kept: they say which scripts of which workspaces run.
 */
export const startedBy = (command: string): string[][] => commandsIn(command).map((words) => unwrapCommand(words, false));

/** The most wildcard names one set's index matches commands against, and the longest name and word compared. */
const MAX_WILDCARDS = 100;
const MAX_WILDCARD_LENGTH = 200;
const MAX_MATCHED_WORD = 200;
/** The most characters one index compares for wildcard names in all; past it a word may run any of them (fail closed). */
const MAX_WILDCARD_STEPS = 2_000_000;

/**
 * Whether a name matches a pattern whose `*` stands for any characters (Task's wildcard task names). Written here:
 * a regular expression or glob library would backtrack, or treat `/` and other characters specially; this scan keeps
 * the last `*` only and costs at most the product of the two lengths, both bounded.
 */
export function wildcardMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.length && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether a name can match a wildcard pattern at all: the text before its first `*` and after its last, compared first. */
function ends(pattern: string, name: string): boolean {
  const first = pattern.indexOf('*');
  const last = pattern.lastIndexOf('*');
  return (
    name.length >= first + pattern.length - last - 1 && name.startsWith(pattern.slice(0, first)) && name.endsWith(pattern.slice(last + 1))
  );
}

/** The scripts of a set by their invocations, looked up by a command's first words. */
export class ScriptIndex {
  private readonly byWords = new Map<string, RunnerScript[]>();
  /** Invocations whose last word is a wildcard name, by their number of words. */
  private readonly wildcards = new Map<number, { words: readonly string[]; script: RunnerScript }[]>();
  private wildcardCount = 0;
  /** Each word's wildcard scripts, worked out once; and the characters compared so far. */
  private readonly matchedBy = new Map<string, readonly RunnerScript[]>();
  private steps = 0;
  private longest = 0;

  constructor(scripts: readonly RunnerScript[]) {
    for (const script of scripts)
      for (const inv of script.invocations) {
        const key = inv.join('\0');
        const known = this.byWords.get(key);
        if (known) {
          if (!known.includes(script)) known.push(script);
        } else this.byWords.set(key, [script]);
        this.longest = Math.max(this.longest, inv.length);
        const last = inv.at(-1) ?? '';
        if (script.wildcard && last.includes('*') && last.length <= MAX_WILDCARD_LENGTH && this.wildcardCount < MAX_WILDCARDS) {
          this.wildcardCount++;
          const same = this.wildcards.get(inv.length);
          if (same) same.push({ words: inv, script });
          else this.wildcards.set(inv.length, [{ words: inv, script }]);
        }
      }
  }

  /**
   * The scripts one started command runs: those of its longest matching invocation (a script before its runner); at
   * each length a name defined outright comes before the wildcard names that match it (`start:*` for `start:api`).
   */
  of(words: readonly string[]): readonly RunnerScript[] {
    for (let n = Math.min(this.longest, words.length); n > 0; n--) {
      const hit = this.byWords.get(words.slice(0, n).join('\0'));
      if (hit) return hit;
      const matched = this.wildcardsOf(words, n);
      if (matched.length > 0) return matched;
    }
    return [];
  }

  /** The scripts whose wildcard invocation of `n` words the first `n` words match. */
  private wildcardsOf(words: readonly string[], n: number): readonly RunnerScript[] {
    const candidates = this.wildcards.get(n);
    if (!candidates) return [];
    const name = words[n - 1]!;
    if (name.length > MAX_MATCHED_WORD) return [];
    const key = words.slice(0, n).join('\0');
    let found = this.matchedBy.get(key);
    if (found) return found;
    const scripts = new Set<RunnerScript>();
    for (const { words: inv, script } of candidates) {
      if (!inv.every((w, i) => i === n - 1 || w === words[i])) continue;
      const pattern = inv[n - 1]!;
      if (!ends(pattern, name)) continue;
      // The scan costs at most the product of the two lengths; past the index's budget, the word may run any of them.
      this.steps += pattern.length * name.length;
      if (this.steps > MAX_WILDCARD_STEPS || wildcardMatch(pattern, name)) scripts.add(script);
    }
    found = [...scripts];
    this.matchedBy.set(key, found);
    return found;
  }
}

/**
 * What each command of a script starts, read once per list of commands: a script many configs' sets hold (one that
 * many projects' rules name by path) is parsed once.
 */
const STARTED = new WeakMap<RunnerScript['commands'], string[][][]>();
function startedOf(commands: RunnerScript['commands'], k: number, command: string): string[][] {
  let known = STARTED.get(commands);
  if (!known) STARTED.set(commands, (known = []));
  return (known[k] ??= startedBy(command));
}

/** The scripts of a set that do what a judge finds, and those whose reading stopped at a limit, with why. */
export interface Resolved {
  found: Map<RunnerScript, Found>;
  partial: Map<RunnerScript, string>;
  index: ScriptIndex;
}

/** The found part of a script's command: its characters when placed, else the command's key. */
function siteOf(command: RunnerScript['commands'][number], agent: string, start: number, end: number, label: string): ProblemSite {
  return {
    file: command.file,
    agent,
    keyPath: command.keyPath,
    evidence: `${label} "${excerpt(command.command.slice(start, end))}"`,
    anchor: command.place
      ? { kind: 'span', span: spanInText(command.place, start, end) }
      : { kind: 'key', path: command.keyPath, part: 'value' },
  };
}

/**
 * The scripts of one set (a folder's package.json, Makefile, justfile, Taskfile) that do what `judge` finds,
 * themselves or through a script of the set they start by name or run first (a prerequisite), up to three levels;
 * `agent` names the sites.
 * Scripts past the 2,000th, past the set's 200,000th character or 20,000th command, and those that start a found
 * script a fourth level down are partial, with why; so are those a file marks unread (`unread`).
 */
export function resolveScripts(all: readonly RunnerScript[], judge: ScriptJudge, agent: string): Resolved {
  // Scripts allow rules name by path come bounded already (`byPath`) and are judged within a budget of their own, so
  // that neither kind uses up the other's; they and the runners' scripts start one another by name all the same.
  const runners = all.filter((s) => s.byPath === undefined);
  const scripts = [...runners.slice(0, MAX_SCRIPTS), ...all.filter((s) => s.byPath !== undefined)];
  const partial = new Map<RunnerScript, string>();
  for (const script of all) if (script.unread !== undefined) partial.set(script, script.unread);
  for (const script of runners.slice(MAX_SCRIPTS))
    if (!partial.has(script)) partial.set(script, `it comes after the ${MAX_SCRIPTS.toLocaleString('en')}th script read with it`);
  const index = new ScriptIndex(all);
  const direct = new Map<RunnerScript, Found>();
  const judgedOf = [0, 0];
  for (const script of scripts) {
    if (partial.has(script)) continue;
    const kind = script.byPath === undefined ? 0 : 1;
    const judged = (judgedOf[kind]! += script.commands.reduce((n, c) => n + c.command.length, 0));
    if (judged > MAX_JUDGED) {
      partial.set(script, `the scripts read with it hold more than ${MAX_JUDGED.toLocaleString('en')} characters`);
      continue;
    }
    for (const command of script.commands) {
      const hit = judge(command.command);
      if (hit) {
        direct.set(script, { what: hit.what, label: command.label, site: siteOf(command, agent, hit.start, hit.end, command.label) });
        break;
      }
    }
  }
  let found = direct;
  if (found.size === 0) return { found, partial, index };
  // What each other script starts by name, read until the set's budget of commands is spent.
  const starts = new Map<RunnerScript, RunnerScript[]>();
  let budget = MAX_STARTED;
  for (const script of scripts) {
    if (found.has(script) || partial.has(script)) continue;
    if (budget <= 0) {
      partial.set(script, `the scripts read with it hold more than ${MAX_STARTED.toLocaleString('en')} commands`);
      continue;
    }
    const targets: RunnerScript[] = [];
    for (const [k, command] of script.commands.entries()) {
      const started = startedOf(script.commands, k, command.command);
      const seen = Math.min(started.length, budget);
      budget -= started.length;
      for (const words of started.slice(0, seen)) for (const target of index.of(words)) if (target !== script) targets.push(target);
      if (budget < 0) {
        partial.set(script, `the scripts read with it hold more than ${MAX_STARTED.toLocaleString('en')} commands`);
        break;
      }
    }
    for (const words of script.prerequisites ?? []) for (const target of index.of(words)) if (target !== script) targets.push(target);
    if (targets.length > 0) starts.set(script, targets);
  }
  const via = (script: RunnerScript, from: Map<RunnerScript, Found>, rank: Map<RunnerScript, number>): Found | undefined => {
    let first: RunnerScript | undefined;
    for (const target of starts.get(script) ?? []) if (rank.has(target) && (!first || rank.get(target)! < rank.get(first)!)) first = target;
    return first && from.get(first);
  };
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const next = new Map(found);
    const rank = new Map([...found.keys()].map((s, i) => [s, i]));
    for (const script of starts.keys()) {
      if (next.has(script)) continue;
      const through = via(script, found, rank);
      if (!through) continue;
      if (depth === MAX_DEPTH) partial.set(script, `it starts a script that starts an agent more than ${MAX_DEPTH} levels down`);
      else next.set(script, through);
    }
    if (next.size === found.size) break;
    found = next;
  }
  return { found, partial, index };
}

/** The scripts of a set that do what `judge` finds, themselves or through scripts they start (`resolveScripts`). */
export function judgeScripts(all: readonly RunnerScript[], judge: ScriptJudge, agent: string): Map<RunnerScript, Found> {
  return resolveScripts(all, judge, agent).found;
}
