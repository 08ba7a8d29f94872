import * as crypto from 'node:crypto';
import picomatch from 'picomatch';
import {
  ADAPTERS,
  agentFolderOf,
  matchedByAdapter,
  namedConfigs,
  namedGuidance,
  namedLaunchers,
  namedPrompts,
  reachingNames,
  runnerScripts,
} from '../adapters/index.js';
import { workspaceFolders } from '../adapters/scripts/workspaces.js';
import { withHookScripts } from '../adapters/scripts/hook-scripts.js';
import { MAX_PROMPT_FILES } from '../adapters/scripts/prompt-files.js';
import { namedScriptFiles } from '../adapters/scripts/script-files.js';
import { withCommandAgentRuns } from '../adapters/shared/agent-runs.js';
import { unparseable, type AdapterContext, type NamedConfig, type RunLink } from '../adapters/types.js';
import { factsOf, type AgentHints, type AgentPosture, type RunnerScript } from '../core/posture.js';
import {
  CONFIDENCE_RANK,
  formatKeyPath,
  type Finding,
  type Problem,
  type ProblemSite,
  type SourceFile,
  type Span,
  type UnreadableFile,
  type Coverage,
  inScope,
} from '../core/types.js';
import type { ResolvedIgnore, ResolvedPolicy } from '../policy/load.js';
import { RULES } from '../rules/index.js';
import type { AgentFile, RuleInput } from '../rules/define.js';
import type { CheckedFile, LintResult } from './result.js';
import { applyExceptions, STATUS_RULE, type ExceptionReport } from '../exceptions/evaluate.js';
import { fileStartLocator, type Locator } from '../core/locator.js';
import { guidanceAgent, isSkill, MAX_SKILL_RESOURCES, SKILL_ELSEWHERE, skillResources } from '../guidance/files.js';
import { toEmbeddedStatements, type EmbeddedGuidance } from '../guidance/embedded.js';
import { MarkdownNestingError, toStatements, type Statement } from '../guidance/statements.js';
import { redactSecrets } from '../secrets/redact.js';
import { cutText, toPrintable } from '../core/printable.js';
import { withFixes } from '../fix/index.js';

export interface LintInput {
  /** Committed agent files, read by the entry point. */
  files: readonly SourceFile[];
  /** Agent files that could not be read as text. */
  unreadable: readonly UnreadableFile[];
  policy: ResolvedPolicy;
  /**
   * Every committed path (not only agent files), to tell whether an exception's paths still exist; a
   * function is called only when an exception's paths match none of the agent files.
   */
  committedFiles: readonly string[] | (() => readonly string[]);
  /** Today as YYYY-MM-DD; exceptions expire at the end of their `expires` day. */
  today: string;
  /**
   * Findings, before exceptions, that a check of the same files under the same rules already made, for agent
   * files (`paths`) not in `files`: the check of a base revision takes them from the head for folders that
   * did not change.
   */
  carried?: { findings: readonly Finding[]; paths: readonly string[] };
  /** What the reading of the repository did not cover (skipped and untracked agent files). */
  coverage?: Coverage;
  /** The checked repository's name (its folder name), as the entry point knows it. */
  repository?: string;
  /** Whether findings carry their safe fixes; each fix parses its file again, so a report that shows none skips them. */
  fixes?: boolean;
}

export type { CheckedFile, LintResult } from './result.js';

/**
 * The input without the agent files the policy's `ignore` lists (entries a parent policy forbids do not apply),
 * and which paths were left out.
 */
function withoutIgnored(input: LintInput): { input: LintInput; ignored: string[] } {
  const patterns = input.policy.ignore.filter((i) => i.forbiddenBy === undefined).map((i) => i.pattern);
  if (patterns.length === 0) return { input, ignored: [] };
  const isIgnored = picomatch(patterns, { dot: true });
  const ignored = new Set<string>();
  const keep = (path: string): boolean => {
    if (!isIgnored(path)) return true;
    ignored.add(path);
    return false;
  };
  const coverage = input.coverage && {
    ...input.coverage,
    skipped: input.coverage.skipped.filter((s) => keep(s.path)),
    untracked: input.coverage.untracked.filter(keep),
  };
  const files = input.files.filter((f) => keep(f.path));
  const unreadable = input.unreadable.filter((f) => keep(f.path));
  return { input: { ...input, files, unreadable, ...(coverage ? { coverage } : {}) }, ignored: [...ignored].sort() };
}

/** Runs every adapter and rule over the committed agent files; pure, never prints. */
export function lint(whole: LintInput): LintResult {
  const { input, ignored } = withoutIgnored(whole);
  const { policy } = input;
  const problems: Problem[] = [];
  const postures: AgentPosture[] = [];
  const files: CheckedFile[] = [];
  const agentFiles: AgentFile[] = [];
  const guidance: EmbeddedGuidance[] = [];
  const paths = input.files.map((f) => f.path);
  // Shell scripts that scripts and targets run by path are read by the adapter whose file runs them; one that
  // cannot be read is a broken agent file, since a committed file runs it.
  const allPaths = (): string[] => [...paths, ...input.unreadable.map((f) => f.path)];
  // Every committed path, listed once (at a revision, a listing is built and sorted on each call).
  let listing: readonly string[] | undefined;
  const committedPaths = (): readonly string[] =>
    (listing ??= typeof input.committedFiles === 'function' ? input.committedFiles() : input.committedFiles);
  // Files a workflow step hands to an agent as its config are read by the adapter for that kind of file.
  const { named: configs, missing } = namedConfigs(input.files, allPaths);
  const launchers = namedLaunchers(input.files, allPaths);
  // Scripts are read for what a workflow step or an allowed runner (`npm run:*`) starts only when asked.
  const scripts = lazily(() => runnerScripts(input.files));
  let reaching: { value: ReturnType<AdapterContext['reaching']> } | undefined;
  let workspaces: AdapterContext['workspaces'] | undefined;
  let committed: ReadonlySet<string> | undefined;
  const context: AdapterContext = {
    scripts,
    reaching: () => (reaching ??= { value: reachingNames(input.files) }).value,
    workspaces: (folder, selection, manager) => (workspaces ??= workspaceFolders(input.files))(folder, selection, manager),
    namedConfig: (path, reader) => configs.get(path)?.find((c) => c.reader === reader),
    committed: (path) => (committed ??= new Set(allPaths())).has(path),
  };
  const links: RunLink[] = [];
  const candidates = candidatesOf(input.files, launchers, configs);
  const read = new Set<string>();
  ADAPTERS.forEach((adapter, i) => {
    const { named, byPath } = candidates[i]!;
    const mine = named.filter(
      (f) => !(adapter.fallback && read.has(f.path)) && (adapter.admitsStart?.(f.path, f.text) ?? true) && (adapter.admits?.(f) ?? true),
    );
    if (adapter.admitsRunning) append(mine, admittedRunning(adapter, byPath, mine, context));
    if (mine.length === 0) return;
    const out = adapter.toPostures(mine, context);
    const withRuns = out.postures.map(withCommandAgentRuns);
    append(postures, withRuns);
    append(problems, out.problems);
    append(problems, unreadParts(withRuns));
    if (out.links) append(links, out.links);
    if (out.guidance) append(guidance, out.guidance);
    // A file that passed only a cheap text test counts when it gave a posture or a problem.
    const found = adapter.admits ? new Set([...out.postures, ...out.problems].map((p) => p.file)) : undefined;
    for (const file of mine) {
      if (found && !found.has(file.path)) continue;
      read.add(file.path);
      files.push({ path: file.path, agent: adapter.id });
      agentFiles.push({ file, agent: adapter.id });
    }
  });
  // What the scripts hooks run do, they do without a prompt, as the hooks themselves.
  const hooked = withHookScripts(postures, input.files, committedPaths);
  append(problems, unreadParts(hooked.map((p, i) => ({ ...p, facts: p.facts.slice(postures[i]!.facts.length) }))));
  for (let i = 0; i < postures.length; i++) postures[i] = hooked[i]!;
  if (links.length > 0) {
    const byFile = new Map<string, RunLink[]>();
    for (const link of links) {
      const list = byFile.get(link.file);
      if (list) list.push(link);
      else byFile.set(link.file, [link]);
    }
    for (let i = 0; i < postures.length; i++) {
      const mine = byFile.get(postures[i]!.file);
      if (mine) postures[i] = withRunLinks(postures[i]!, mine);
    }
  }
  // Guidance files: what AGENTS.md and friends tell the agent. A file can be both (CLAUDE.local.md).
  const adapterPaths = new Set(agentFiles.map((a) => a.file.path));
  const statements: Statement[] = [];
  const readStatements = (file: string, agent: string, read: () => Statement[]): void => {
    try {
      append(statements, read());
    } catch (error) {
      // Hostile nesting is refused by a pre-scan; the recursive parser's own RangeError is the last line of defence.
      const position = error instanceof MarkdownNestingError ? error.position : undefined;
      problems.push(
        unparseable(
          agent,
          file,
          `cannot parse markdown: ${error instanceof RangeError ? 'nesting too deep' : error instanceof Error ? error.message : String(error)}`,
          position,
        ),
      );
    }
  };
  const embedded = new Map<string, EmbeddedGuidance[]>();
  for (const text of guidance) {
    const texts = embedded.get(text.file);
    if (texts) texts.push(text);
    else embedded.set(text.file, [text]);
  }
  // Counted among every committed file, not only those read: the files past the bound are not read, and said.
  const prompts = namedPrompts(input.files, committedPaths);
  const named = namedGuidance(input.files, () => paths, prompts);
  // Launchers that hand more prompt files over than are read fail closed, at the line where counting stopped.
  if (prompts.over) {
    const { launcher, line } = prompts.over;
    problems.push(
      unparseable(
        ADAPTERS.find((a) => a.matches(launcher))?.id ?? 'scripts',
        launcher,
        `${launcher} and the launchers before it hand agents more than ${MAX_PROMPT_FILES} prompt files, and the rest were not read: what they tell the agents could not be verified; hand fewer files over.`,
        { line, column: 1 },
      ),
    );
  }
  // A file an agent reads whole as guidance is read whole, once: its adapter's own reading of it whole (a command's
  // markdown) stands; strings it holds (a workflow step's prompt) are in the whole reading already.
  const wholeAgent = new Map<string, string>();
  for (const file of input.files) {
    const agent = guidanceAgent(file.path) ?? named.get(file.path);
    if (agent === undefined || (agent === SKILL_ELSEWHERE && !isSkill(file.text))) continue;
    if (embedded.get(file.path)?.some((text) => text.place === undefined) !== true) wholeAgent.set(file.path, agent);
  }
  for (const [file, texts] of embedded) if (!wholeAgent.has(file)) readStatements(file, texts[0]!.agent, () => toEmbeddedStatements(texts));
  for (const file of input.files) {
    const agent = wholeAgent.get(file.path);
    if (agent === undefined) continue;
    readStatements(file.path, agent, () => toStatements(file.path, agent, file.text));
    if (!adapterPaths.has(file.path)) {
      files.push({ path: file.path, agent });
      agentFiles.push({ file, agent });
    }
  }
  // A skill's resources are its instructions too, said to the agent its SKILL.md speaks to (when it was read as one).
  // Counted among every committed file, not only those read: the files past a skill's bound are not read, and said.
  const resources = skillResources(input.files, committedPaths);
  if (resources.named.size > 0 || resources.over.size > 0) {
    const speaker = new Map<string, string>();
    for (const statement of statements) if (!speaker.has(statement.file)) speaker.set(statement.file, statement.agent);
    for (const file of input.files) {
      const skill = resources.named.get(file.path);
      const agent = skill === undefined ? undefined : speaker.get(skill);
      if (agent === undefined || wholeAgent.has(file.path) || adapterPaths.has(file.path)) continue;
      readStatements(file.path, agent, () => toStatements(file.path, agent, file.text));
      files.push({ path: file.path, agent });
      agentFiles.push({ file, agent });
    }
    // A skill that names more files than are read fails closed: what the rest tell its agent is not judged.
    for (const [skill, count] of resources.over) {
      const agent = speaker.get(skill);
      if (agent === undefined) continue;
      problems.push(
        unparseable(
          agent,
          skill,
          `${skill} names ${count.toLocaleString('en')} files of its folder for its agent to read, and only the first ${MAX_SKILL_RESOURCES} (in path order) were read: what the others tell it could not be verified; name fewer, or split the skill.`,
        ),
      );
    }
  }
  // A file of an adapter that reads only files naming an agent (a package.json, a workflow, a script) is an agent
  // file when unreadable only if its text, read on past what stopped it, names one: a broken agent file then, fails
  // closed. One that could not be looked at (a link out of the repository) is reported as not checked.
  const unchecked: { path: string; reason: string }[] = [];
  for (const bad of input.unreadable) {
    const adapter = ADAPTERS.find((a) => a.matches(bad.path));
    const folderAgent = adapter ? undefined : agentFolderOf(bad.path);
    const admitting = adapter ?? ADAPTERS.find((a) => a.id === folderAgent);
    const launcher = launchers.get(bad.path) ?? configs.get(bad.path)?.[0]!.reader;
    if (admitting?.admits && guidanceAgent(bad.path) === undefined && launcher === undefined && bad.namesAgent !== true) {
      if (bad.namesAgent === undefined) unchecked.push({ path: bad.path, reason: bad.reason });
      continue;
    }
    const agent = launcher ?? adapter?.id ?? guidanceAgent(bad.path) ?? folderAgent ?? 'unknown';
    files.push({ path: bad.path, agent });
    problems.push(unparseable(agent, bad.path, `${bad.path} ${bad.reason}.`, bad.position));
  }
  // A file or folder a step names that is not committed cannot be judged: said at the step, as a notice.
  for (const config of missing)
    problems.push({
      ...config.site,
      ruleId: 'config-unparseable',
      message: `${config.site.evidence} names no committed ${config.target.endsWith('/') ? 'folder' : 'file'} (one made at run time, behind a link to a folder, or in a submodule): what it hands the agent as its ${config.target} is not checked.`,
      notice: true,
    });

  // Rules judge what allowed commands start: the project's scripts by name, and shell scripts an allow rule names by
  // path; a named script that is committed but could not be judged fails closed, at the rule that names it.
  const byPath = namedScriptFiles(input.files, postures, new Map(input.unreadable.map((f) => [f.path, f.reason])));
  for (const { posture, fact, path, reason } of byPath.unverified)
    problems.push({
      file: posture.file,
      agent: posture.agent,
      keyPath: fact.keyPath,
      evidence: fact.evidence,
      anchor: fact.anchor,
      ruleId: 'config-unparseable',
      message: `${fact.evidence} lets the agent run ${path}, which could not be checked: ${reason}. What it runs is granted unread.`,
    });
  const joined = new Map<readonly RunnerScript[], Map<readonly RunnerScript[], RunnerScript[]>>();
  const ruleScripts = (file: string): readonly RunnerScript[] => {
    const runners = scripts(file);
    const own = byPath.scriptsFor(file);
    if (own.length === 0) return runners;
    // One array per pair of sets: rules judge the postures that share a set together.
    let byOwn = joined.get(runners);
    if (!byOwn) joined.set(runners, (byOwn = new Map<readonly RunnerScript[], RunnerScript[]>()));
    let both = byOwn.get(own);
    if (!both) byOwn.set(own, (both = [...runners, ...own]));
    return both;
  };
  const ruleInput: RuleInput = {
    postures,
    statements,
    files: agentFiles,
    hints: hintsOf,
    scripts: ruleScripts,
    ...(input.repository ? { repository: input.repository } : {}),
  };
  for (const rule of RULES) {
    const setting = policy.rules[rule.meta.id];
    if (!setting || setting.level === 'off') continue;
    append(problems, rule.run(ruleInput, setting.options));
  }

  const locators = new Map<string, Locator>(postures.map((p) => [p.file, p.locator]));
  const { carried } = input;
  // The test takes one argument: a picomatch matcher given `some`'s index as its second returns a (truthy) object.
  const anyCommitted = (test: (path: string) => boolean): boolean =>
    input.files.some((f) => test(f.path)) ||
    input.unreadable.some((f) => test(f.path)) ||
    (carried?.paths.some((path) => test(path)) ?? false) ||
    committedPaths().some((path) => test(path));
  const located = toFindings(problems, policy, locators);
  const findings = carried && carried.findings.length > 0 ? sortFindings([...located, ...carried.findings]) : located;
  // In a check of one folder, an exception for files elsewhere has nothing to match here: it is not unused.
  const scope = input.coverage?.scope;
  const anyCommittedHere =
    scope === undefined
      ? anyCommitted
      : (test: (path: string) => boolean): boolean => anyCommitted((path) => inScope(scope, path) && test(path));
  const outcome = applyExceptions(findings, policy, input.today, anyCommitted, anyCommittedHere);
  const ignoreProblems = policy.ignore.flatMap((entry) => toIgnoreProblem(entry, anyCommitted));
  const stale = toFindings([...outcome.reports.flatMap(toExceptionProblem), ...ignoreProblems], policy, locators);
  files.sort((a, b) => compare(a.path, b.path));
  const texts = new Map(input.files.map((f) => [f.path, f.text]));
  return {
    findings:
      input.fixes === false
        ? sortFindings([...outcome.active, ...stale])
        : withFixes(sortFindings([...outcome.active, ...stale]), (file) => texts.get(file)),
    suppressed: outcome.suppressed,
    exceptions: outcome.reports,
    today: input.today,
    postures,
    files,
    rules: RULES.map((r) => r.meta),
    policy,
    ...(input.coverage || unchecked.length > 0 || ignored.length > 0
      ? {
          coverage: {
            ...input.coverage,
            skipped: [...(input.coverage?.skipped ?? []), ...unchecked],
            untracked: input.coverage?.untracked ?? [],
            ...(ignored.length > 0 ? { ignored } : {}),
          },
        }
      : {}),
  };
}

/**
 * For each adapter, in file order: the files its paths match (`byPath`), and those with the shell scripts a launcher
 * runs for it and the configs a workflow step hands to the agent it reads them for (`named`).
 */
function candidatesOf(
  files: readonly SourceFile[],
  launchers: ReadonlyMap<string, string>,
  configs: ReadonlyMap<string, readonly NamedConfig[]>,
): { named: readonly SourceFile[]; byPath: readonly SourceFile[] }[] {
  const launched = new Set(launchers.values());
  const readers = new Set([...configs.values()].flatMap((list) => list.map((c) => c.reader)));
  return matchedByAdapter(files).map((all, i) => {
    const id = ADAPTERS[i]!.id;
    // A shell script another adapter's file runs by path is read with that file, not on its own.
    const byPath = all.filter((f) => (launchers.get(f.path) ?? id) === id);
    if (!launched.has(id) && !readers.has(id)) return { named: byPath, byPath };
    const matched = new Set(byPath);
    return {
      named: files.filter(
        (f) => matched.has(f) || launchers.get(f.path) === id || configs.get(f.path)?.some((c) => c.reader === id) === true,
      ),
      byPath,
    };
  });
}

/** How many links deep a file that runs an admitted one is admitted (a workflow calling one that runs a script). */
const MAX_RUNNING_DEPTH = 3;

/** Matched files that fail the adapter's text test but run, by path, files that passed (or such files in turn). */
function admittedRunning(
  adapter: (typeof ADAPTERS)[number],
  matched: readonly SourceFile[],
  admitted: readonly SourceFile[],
  context: AdapterContext,
): SourceFile[] {
  const paths = new Set(admitted.map((f) => f.path));
  const added: SourceFile[] = [];
  for (let depth = 0; depth < MAX_RUNNING_DEPTH; depth++) {
    const more = matched.filter((f) => !paths.has(f.path) && adapter.admitsRunning!(f, paths, context));
    if (more.length === 0) break;
    for (const f of more) paths.add(f.path);
    added.push(...more);
  }
  return added;
}

/** The most callers a linked posture names as related locations. */
const MAX_LINKED = 5;

/**
 * A posture with the places that run it (`links` into its file, at its facts' key paths): each as a related
 * location, and the first as the scope of those facts (`package.json script "review", run by workflow "ci" job "a"
 * step "b"`).
 */
function withRunLinks(posture: AgentPosture, links: readonly RunLink[]): AgentPosture {
  const keys = new Set(posture.facts.map((f) => formatKeyPath(f.keyPath)));
  const mine = links.filter((l) => keys.has(formatKeyPath(l.keyPath)));
  if (mine.length === 0) return posture;
  const related = [...(posture.related ?? [])];
  for (const link of mine) {
    if (related.length >= MAX_LINKED) break;
    if (!related.some((r) => r.file === link.site.file && formatKeyPath(r.keyPath) === formatKeyPath(link.site.keyPath)))
      related.push(link.site);
  }
  const by = new Map<string, string>();
  for (const link of mine) if (!by.has(formatKeyPath(link.keyPath))) by.set(formatKeyPath(link.keyPath), link.scope);
  const facts = posture.facts.map((fact) => {
    const scope = by.get(formatKeyPath(fact.keyPath));
    return scope === undefined ? fact : { ...fact, scope: `${fact.scope === undefined ? '' : `${fact.scope}, `}run by ${scope}` };
  });
  return { ...posture, facts, related };
}

/** `items` added to the end of `target`, one by one: a spread of a hostile file's many facts overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** A function that builds its implementation on first call. */
function lazily<A, R>(build: () => (arg: A) => R): (arg: A) => R {
  let built: ((arg: A) => R) | undefined;
  return (arg) => (built ??= build())(arg);
}

const NO_HINTS: AgentHints = {};
const HINTS = new Map(ADAPTERS.map((a) => [a.id, a.hints ?? NO_HINTS]));
const hintsOf = (agent: string): AgentHints => HINTS.get(agent) ?? NO_HINTS;

/** A stale or broken exception, reported at its `id:` key in the policy file where the fix is. */
function toExceptionProblem(report: ExceptionReport): Problem[] {
  const ruleId = STATUS_RULE[report.status];
  if (!ruleId) return [];
  const e = report.exception;
  return [
    {
      ruleId,
      file: e.file,
      agent: 'policy',
      message: report.detail,
      keyPath: ['exceptions', e.id],
      evidence: `id: ${e.id}`,
      anchor: { kind: 'span', span: { start: e.position } },
    },
  ];
}

/**
 * An `ignore` entry that cannot apply: one a parent policy forbids (reported like a forbidden exception), or one
 * that matches no committed file (like an orphaned exception); at the entry, where the fix is.
 */
function toIgnoreProblem(entry: ResolvedIgnore, anyCommitted: (test: (path: string) => boolean) => boolean): Problem[] {
  const site = {
    file: entry.file,
    agent: 'policy',
    keyPath: ['ignore', entry.pattern],
    evidence: `ignore: ${entry.pattern}`,
    anchor: { kind: 'span' as const, span: { start: entry.position } },
  };
  if (entry.forbiddenBy !== undefined)
    return [
      {
        ...site,
        ruleId: 'exception-invalid',
        message: `Ignore entry "${entry.pattern}" does not apply: ${entry.forbiddenBy} does not allow local exceptions (settings.allow-local-exceptions: false), and an ignored file escapes every rule.`,
      },
    ];
  if (anyCommitted(picomatch(entry.pattern, { dot: true }))) return [];
  return [
    {
      ...site,
      ruleId: 'exception-orphaned',
      message: `Ignore entry "${entry.pattern}" matches no committed file; remove it or fix the pattern.`,
    },
  ];
}

/** The longest message and quoted evidence a finding carries: a hostile file's 70,000-character value is cut. */
const MAX_MESSAGE = 4_000;
const MAX_EVIDENCE = 2_000;

/**
 * Shown text of at most `max` characters: a longer one is cut and ends with how much was left out and a digest of
 * the whole, so that two texts that differ only past the cut stay apart (a baseline compares them).
 */
function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = `… (${text.length} characters in all, sha256 ${sha256Hex(text).slice(0, 12)})`;
  return `${cutText(text, max - tail.length + 1).slice(0, -1)}${tail}`;
}

/**
 * Problems become findings: a level, a location, and text every output can show as it is, of bounded length. Credentials are
 * masked and acting characters made visible here, once, before any output cuts or escapes a message.
 */
export function toFindings(problems: readonly Problem[], policy: ResolvedPolicy, locators: Map<string, Locator>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  const minimum = CONFIDENCE_RANK[policy.settings['guidance-min-confidence']];
  // A reading of guidance on a line where a fact of the same rule is reported (a command an annotation runs
  // unasked, read as prose too) says less than the fact: only the fact is kept. A fact reported only as a notice
  // does not stand for a reading that could fail the check.
  const locations = problems.map((p) => locate(p, locators));
  const lineOf = (problem: Problem, line: number): string => `${problem.ruleId}\0${problem.file}\0${line}`;
  const factLines = new Set(problems.flatMap((p, i) => (p.reading || p.notice ? [] : [lineOf(p, locations[i]!.start.line)])));
  // Two facts that say the same at the same place (OpenCode's `"*": "allow"` grants web search through two tools)
  // are one finding.
  const said = new Set<string>();
  for (const [i, problem] of problems.entries()) {
    const ruleLevel = policy.rules[problem.ruleId]?.level ?? 'error';
    if (ruleLevel === 'off') continue;
    const location = locations[i]!;
    if (problem.reading && factLines.has(lineOf(problem, location.start.line))) continue;
    const saying = JSON.stringify([
      problem.ruleId,
      problem.file,
      location,
      problem.message,
      problem.notice,
      problem.reading,
      problem.confidence,
    ]);
    if (said.has(saying)) continue;
    said.add(saying);
    const keyPath = problem.keyPath.map((part) => (typeof part === 'string' ? shown(part) : part));
    const full = shown(problem.evidence);
    const evidence = bounded(full, MAX_EVIDENCE);
    // The fingerprint hashes the masked identity: it is published (SARIF, JSON), so it must not be a way to
    // test guesses of a short password; masking depends only on the input, so it stays stable.
    const base = `${problem.ruleId}\0${problem.file}\0${formatKeyPath(keyPath)}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    // Same rule, file and key path twice (two secrets in one value): tell them apart by what was found.
    const identity = occurrence === 0 ? base : `${base}\0${full}`;
    const confidence = problem.confidence ?? 'high';
    // A reading less certain than the policy asks for, a template that is not the file the tool reads, or what a
    // rule says only as a notice (a path that looks like the repository's own checkout) fails nothing.
    const below = CONFIDENCE_RANK[confidence] < minimum || problem.notice === true;
    const finding: Finding = {
      ruleId: problem.ruleId,
      level: below ? 'notice' : ruleLevel,
      message: bounded(shown(problem.message), MAX_MESSAGE),
      file: problem.file,
      agent: problem.agent,
      keyPath,
      evidence,
      location,
      fingerprint: sha256Hex(identity).slice(0, 32),
      confidence,
    };
    if (below) finding.configuredLevel = ruleLevel;
    if (problem.related)
      finding.related = problem.related.map((r) => ({
        file: r.file,
        keyPath: r.keyPath.map((part) => (typeof part === 'string' ? shown(part) : part)),
        evidence: bounded(shown(r.evidence), MAX_EVIDENCE),
        location: locate(r, locators),
      }));
    findings.push(finding);
  }
  return sortFindings(findings);
}

/** Where a problem's anchor is: a known span, or its key path resolved by the file's locator. */
const locate = (site: ProblemSite, locators: Map<string, Locator>): Span =>
  site.anchor.kind === 'span' ? site.anchor.span : (locators.get(site.file) ?? fileStartLocator).locate(site.anchor.path, site.anchor.part);

/** Repository text as findings carry it: credentials masked, then acting characters made visible. */
const SHOWN_CACHE_LIMIT = 10_000;
const shownCache = new Map<string, string>();
/** Masked and printable; the same text (a key name, the same line in many files) is masked once. */
function shown(text: string): string {
  const cached = shownCache.get(text);
  if (cached !== undefined) return cached;
  const out = toPrintable(redactSecrets(text));
  if (shownCache.size >= SHOWN_CACHE_LIMIT) shownCache.clear();
  shownCache.set(text, out);
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** SHA-256 in hex: the one-shot `crypto.hash` where Node has it (20.12, 21.7), a Hash object elsewhere. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = (text: string): string =>
  oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');

/** A stable order: file, line, column, rule; output bytes depend only on the input. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message),
  );
}

/**
 * Parts of command lines that start an agent that a limit left unread: a broken agent file, since what they grant
 * is not known (a line of 16 harmless runs, or 64 KiB of padding, before a bypass). Once a place.
 */
function unreadParts(postures: readonly AgentPosture[]): Problem[] {
  const out = new Map<string, Problem>();
  for (const posture of postures)
    for (const fact of factsOf(posture, 'unread')) {
      const key = `${posture.file}\0${JSON.stringify(fact.anchor)}`;
      if (out.has(key)) continue;
      out.set(key, {
        ruleId: 'config-unparseable',
        file: posture.file,
        agent: posture.agent,
        keyPath: fact.keyPath,
        evidence: fact.evidence,
        anchor: fact.anchor,
        message: `${fact.why.charAt(0).toUpperCase()}${fact.why.slice(1)}.`,
      });
    }
  return [...out.values()];
}
