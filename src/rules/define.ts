import { describe, globalRegistry, type ZodMiniObject, type ZodMiniType } from 'zod/mini';
import type { AgentPosture } from '../core/posture.js';
import type { LevelSetting, Problem, SourceFile } from '../core/types.js';
import type { CommandCatalog } from '../shell/catalog.js';
import { analyzeGuidance, type Analysis, type GuidanceHit, type GuidanceRule } from '../guidance/intents.js';
import type { Statement } from '../guidance/statements.js';

/**
 * How an extending policy may change an option: `add` entries (lists that make the rule stricter),
 * `narrow` a list of what is allowed (never widen one a parent set), or `require` (a flag a parent turned on stays on).
 */
export type OptionMerge = 'add' | 'narrow' | 'require';

export interface RuleMeta {
  id: string;
  /** The rule as the team states it. */
  title: string;
  /** One paragraph: what the rule finds and why it matters. */
  description: string;
  defaultLevel: LevelSetting;
  /** Rule options with their defaults; `level` is added by the policy schema. */
  options: ZodMiniObject;
  optionMerge: Record<string, OptionMerge>;
  /** How to fix a finding; shown in SARIF help and the docs page. */
  fix: string;
}

export interface RuleContext<O> {
  options: O;
  catalog: CommandCatalog;
  /** Commands and secret paths as the policy extends them, for reading guidance. */
  analysis: Analysis;
}

export interface RuleDefinition<O = Record<string, unknown>> {
  meta: RuleMeta;
  /** Judges the normalized postures of every agent file. */
  checkPostures?(postures: readonly AgentPosture[], context: RuleContext<O>): Problem[];
  /** Judges what guidance files tell the agent. */
  checkGuidance?(statements: readonly Statement[], context: RuleContext<O>): Problem[];
  /** Judges raw text, for rules about bytes rather than settings. */
  checkFiles?(files: readonly { file: SourceFile; agent: string }[], context: RuleContext<O>): Problem[];
}

export function defineRule<O>(rule: RuleDefinition<O>): RuleDefinition<O> {
  return rule;
}

/** Builds a problem for a fact of a posture, keeping its key path, anchor and evidence. */
export function problemAt(
  ruleId: string,
  posture: AgentPosture,
  fact: { keyPath: Problem['keyPath']; anchor: Problem['anchor']; evidence: string },
  message: string,
): Problem {
  return { ruleId, file: posture.file, agent: posture.agent, message, keyPath: fact.keyPath, evidence: fact.evidence, anchor: fact.anchor };
}

/** `in profile "fast"` style suffix for messages. */
export const where = (scope: string | undefined): string => (scope ? ` (${scope})` : '');

/** The findings of one rule in what guidance files say, each at its statement, quoting it. */
export function guidanceProblems(statements: readonly Statement[], analysis: Analysis, rule: GuidanceRule, message: (hit: GuidanceHit) => string): Problem[] {
  return analyzeGuidance(statements, analysis)
    .filter((hit) => hit.rule === rule)
    .map((hit) => guidanceProblem(hit, message(hit)));
}

function guidanceProblem(hit: GuidanceHit, message: string): Problem {
  const s = hit.statement;
  return {
    ruleId: hit.rule,
    file: s.file,
    agent: s.agent,
    message: `${message}: "${hit.quote}"`,
    keyPath: ['guidance', hit.quote.toLowerCase().slice(0, 80)],
    evidence: hit.quote,
    anchor: { kind: 'span', span: { start: s.position } },
  };
}

/** Attaches a description that the JSON Schema, the docs and `init` show. */
export const described = <T extends ZodMiniType>(schema: T, text: string): T => schema.check(describe(text)) as T;

/** The description of a schema, if it has one. */
export const descriptionOf = (schema: unknown): string | undefined => globalRegistry.get(schema as ZodMiniType)?.description;
