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

/** A sentence of a parser's message: capital first letter, final period (parsers write "unexpected character"). */
const asSentence = (text: string): string => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

export function unparseable(agent: string, file: string, message: string, position = { line: 1, column: 1 }): Problem {
  return {
    ruleId: 'config-unparseable',
    file,
    agent,
    message: asSentence(message),
    keyPath: [],
    evidence: message,
    anchor: { kind: 'span', span: { start: position } },
  };
}
