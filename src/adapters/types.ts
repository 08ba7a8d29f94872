import type { AgentHints, AgentPosture } from '../core/posture.js';
import type { Problem, SourceFile } from '../core/types.js';
import type { AgentPath } from '../sources/agent-paths.js';

/** One row of an adapter's documentation: a key it reads and the rule it feeds. */
export interface KeyDoc {
  file: string;
  key: string;
  rule: string;
  note: string;
}

export interface AdapterOutput {
  postures: AgentPosture[];
  /** Files that could not be parsed: `config-unparseable` problems at the parser's position. */
  problems: Problem[];
}

/** Knows one agent's files and vocabulary; never decides what is bad. */
export interface Adapter {
  id: string;
  name: string;
  /** The agent's config files; they decide `matches` and which folders hold them. */
  patterns: readonly AgentPath[];
  /** Whether a repo-relative path is one of this agent's committed config files (any letter case). */
  matches(path: string): boolean;
  toPostures(files: readonly SourceFile[]): AdapterOutput;
  keys: readonly KeyDoc[];
  /** Vendor wording for the fix hints of findings on this agent's files. */
  hints?: AgentHints;
}

export function unparseable(agent: string, file: string, message: string, position = { line: 1, column: 1 }): Problem {
  return {
    ruleId: 'config-unparseable',
    file,
    agent,
    message,
    keyPath: [],
    evidence: message,
    anchor: { kind: 'span', span: { start: position } },
  };
}
