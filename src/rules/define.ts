import { describe, globalRegistry, type output, type ZodMiniObject, type ZodMiniType } from 'zod/mini';
import type { AgentHints, AgentPosture, FactBase, RunnerScript } from '../core/posture.js';
import {
  atMost,
  type Anchor,
  type Confidence,
  type KeyPath,
  type LevelSetting,
  type Problem,
  type ProblemSite,
  type SourceFile,
} from '../core/types.js';
import type { Statement } from '../guidance/statements.js';

/**
 * How an extending policy may change an option: `add` entries (lists that make the rule stricter),
 * `narrow` a list of what is allowed (never widen one a parent set), or `require` (a flag a parent turned on stays on).
 */
export type OptionMerge = 'add' | 'narrow' | 'require';

/** What docs, SARIF, the policy schema and `rules` show of a rule. */
export interface RuleMeta {
  id: string;
  /** The rule as the team states it. */
  title: string;
  /** One paragraph: what the rule finds and why it matters. */
  description: string;
  defaultLevel: LevelSetting;
  /** Also judges what guidance prose says, so some of its findings may be less than `high` confidence. */
  readsGuidance?: boolean;
  /** Rule options with their defaults; `level` is added by the policy schema. */
  options: ZodMiniObject;
  optionMerge: Readonly<Record<string, OptionMerge>>;
  /** How to fix a finding; shown in SARIF help and the docs page. */
  fix: string;
  /** Message templates by id; `{name}` is filled from the report's data. */
  messages: Readonly<Record<string, string>>;
}

/** An agent file as rules about raw text see it. */
export interface AgentFile {
  file: SourceFile;
  agent: string;
}

/** Everything one run gives every rule; computed once by the engine. */
export interface RuleInput {
  postures: readonly AgentPosture[];
  /** What guidance files (AGENTS.md, CLAUDE.md, …) say, statement by statement. */
  statements: readonly Statement[];
  /** Every agent and guidance file, for rules about bytes rather than settings. */
  files: readonly AgentFile[];
  /** The vendor wording the agent's adapter lends to fix hints. */
  hints: (agent: string) => AgentHints;
  /**
   * The scripts and targets (package.json scripts, Makefile targets, …) an agent whose config is at `file` can
   * start by name, from the project folder the config sits in or the repository root; read on first call.
   */
  scripts?: (file: string) => readonly RunnerScript[];
  /**
   * The checked repository's folder name (the CLI's directory, the action's repository), so an absolute path
   * through a folder of that name can be read as its own checkout on one machine.
   */
  repository?: string;
}

/** A fact of a posture; `evidence` replaces the fact's own (e.g. with a credential masked). */
export interface FactAt {
  posture: AgentPosture;
  fact: FactBase;
  evidence?: string;
}
/** A statement of a guidance file, quoted (credentials masked, cut to a line). */
export interface StatementAt {
  statement: Statement;
  quote: string;
}
/** Where a report points: a fact, a statement, or a place given in full. */
export type At = FactAt | StatementAt | ProblemSite;

/** Placeholders every template may use without `data`: the evidence at `at`, and ` (scope)` for a scoped fact. */
type Filled = 'evidence' | 'where';
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type DataOf<T extends string> = Readonly<Record<Exclude<Placeholders<T>, Filled>, string | number>>;

export type Report<M extends Record<string, string>, K extends keyof M & string> = {
  messageId: K;
  at: At;
  /** Other places that make the finding what it is (carried to the finding, not rendered yet). */
  related?: readonly At[];
  /** How certain the reading is; `high` when absent (a config fact is exact). */
  confidence?: Confidence;
  /** Reported at most as a notice: worth saying, not a violation that fails the check. */
  notice?: true;
} & ([Exclude<Placeholders<M[K]>, Filled>] extends [never] ? { data?: undefined } : { data: DataOf<M[K]> });

export interface RuleContext<O, M extends Record<string, string>> extends RuleInput {
  /** This rule's options, as its schema gives them. */
  options: O;
  report: <K extends keyof M & string>(report: Report<M, K>) => void;
}

export interface RuleSpec<S extends ZodMiniObject, M extends Record<string, string>> {
  meta: Omit<RuleMeta, 'options' | 'optionMerge' | 'messages'> & { optionMerge?: { readonly [K in keyof output<S>]?: OptionMerge } };
  options: S;
  messages: M;
  /** Judges the run's postures, statements or files and reports what it finds; rules without it are reported elsewhere. */
  check?: (context: RuleContext<output<S>, M>) => void;
}

/** A rule as the registry and the engine hold it. */
export interface Rule {
  meta: RuleMeta;
  /** Runs the check with the rule's options from the resolved policy. */
  run(input: RuleInput, options: unknown): Problem[];
}

const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;

/** A template split into literal text (even indexes) and placeholder names (odd indexes). */
function compileTemplate(template: string): string[] {
  return template.split(PLACEHOLDER);
}

/** The placeholder names of a message template. */
export const placeholdersOf = (template: string): string[] => compileTemplate(template).filter((_, i) => i % 2 === 1);

export function defineRule<S extends ZodMiniObject, const M extends Record<string, string>>(spec: RuleSpec<S, M>): Rule {
  const { id } = spec.meta;
  const optionMerge: Record<string, OptionMerge> = {};
  for (const [key, how] of Object.entries(spec.meta.optionMerge ?? {})) if (how) optionMerge[key] = how;
  const meta: RuleMeta = { ...spec.meta, options: spec.options, optionMerge, messages: spec.messages };
  const templates = new Map(Object.entries(spec.messages).map(([messageId, text]) => [messageId, compileTemplate(text)]));
  const check = spec.check;
  return {
    meta,
    run(input, rawOptions) {
      if (!check) return [];
      const problems: Problem[] = [];
      const report = (r: {
        messageId: string;
        at: At;
        related?: readonly At[];
        confidence?: Confidence;
        notice?: true;
        data?: Readonly<Record<string, string | number>>;
      }): void => {
        const parts = templates.get(r.messageId);
        if (!parts) throw new Error(`rule ${id}: no message "${r.messageId}"`);
        const site = toSite(r.at);
        const filled = (name: string): string => {
          const value = r.data?.[name] ?? (name === 'evidence' ? site.evidence : name === 'where' ? where(r.at) : undefined);
          if (value === undefined) throw new Error(`rule ${id}: message "${r.messageId}" needs "${name}"`);
          return String(value);
        };
        let message = parts[0]!;
        for (let i = 1; i < parts.length; i += 2) message += filled(parts[i]!) + parts[i + 1]!;
        message += installedNote(r.at);
        const problem: Problem = { ruleId: id, ...site, message };
        const related = [...(r.related ?? []).map(toSite), ...('posture' in r.at ? (r.at.posture.related ?? []) : [])];
        if (related.length > 0) problem.related = related;
        // The lower of the rule's reading and the fact's own certainty; a table row that describes is a medium reading.
        const confidence = atMost(
          r.confidence ?? 'high',
          ('posture' in r.at ? r.at.fact.confidence : undefined) ??
            ('statement' in r.at && r.at.statement.describes === true ? 'medium' : 'high'),
        );
        if (confidence !== 'high') problem.confidence = confidence;
        if (r.notice) problem.notice = true;
        if ('statement' in r.at) problem.reading = true;
        problems.push(problem);
      };
      check({ ...input, options: spec.options.parse(rawOptions ?? {}), report: report });
      return problems;
    },
  };
}

function toSite(at: At): ProblemSite {
  if ('posture' in at) {
    const { posture, fact } = at;
    return { file: posture.file, agent: posture.agent, keyPath: fact.keyPath, evidence: at.evidence ?? fact.evidence, anchor: fact.anchor };
  }
  if ('statement' in at) {
    const s = at.statement;
    return {
      file: s.file,
      agent: s.agent,
      keyPath: guidanceKeyPath(at.quote),
      evidence: at.quote,
      anchor: { kind: 'span', span: { start: s.position } },
    };
  }
  return at;
}

const guidanceKeyPath = (quote: string): KeyPath => ['guidance', quote.toLowerCase().slice(0, 80)];

/** Where a file kept under another name takes effect, said once after the message (`personal-file` and the rest alike). */
function installedNote(at: At): string {
  const installed = 'posture' in at ? at.posture.installedAs : undefined;
  if (installed === undefined) return '';
  if (installed.by === 'variant') return ` (A variant of ${installed.target}.)`;
  if (installed.by === 'copy') return ` (Kept outside the agent's folder: read as ${installed.target} would be once installed.)`;
  if (installed.by === 'action') return ` (Handed to the agent by ${installed.via}, as its ${installed.target}.)`;
  const how =
    installed.by === 'chezmoi'
      ? 'installed by chezmoi'
      : installed.by === 'stow'
        ? 'linked by GNU Stow'
        : installed.by === 'yadm'
          ? 'linked by yadm'
          : 'kept in a dotfiles folder';
  return ` (User config ${how} as ${installed.target}.)`;
}

/** ` (profile "fast")` for a fact that applies in part of a file; empty otherwise. */
const where = (at: At): string => ('fact' in at && at.fact.scope ? ` (${at.fact.scope})` : '');

/** A place in a file given in full, for reports that point at no fact or statement. */
export const siteAt = (file: string, agent: string, keyPath: KeyPath, anchor: Anchor, evidence: string): ProblemSite => ({
  file,
  agent,
  keyPath,
  anchor,
  evidence,
});

/** Attaches a description that the JSON Schema, the docs and `init` show. */
export const described = <T extends ZodMiniType>(schema: T, text: string): T => schema.check(describe(text));

/** The description of a schema, if it has one. */
export const descriptionOf = (schema: unknown): string | undefined => globalRegistry.get(schema as ZodMiniType)?.description;
