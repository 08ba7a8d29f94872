/* eslint-disable @typescript-eslint/no-unused-vars -- an interface, implemented next */
import type { Fact, TextPlace } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';

/** One agent CLI started by a command line: which agent, through which program, at which characters. */
export interface AgentRun {
  /** The agent's adapter id (`codex`, `claude`, `gemini`, …) or, for an agent without one, its CLI's name. */
  agent: string;
  /** The program as written (`codex`, `npx @anthropic-ai/claude-code`). */
  program: string;
  start: number;
  end: number;
}

export interface AgentRunOptions {
  scope?: string;
  /** `command` is the argument string of this agent's CLI (a vendor action's `claude_args`), not a command line. */
  argumentsOf?: string;
}

/**
 * Facts for every agent CLI that `command` starts (its flags mapped onto sandbox, approval, tool and network
 * facts, anchored at their characters through `place`); returns the runs found, empty when it starts no agent.
 */
export function addAgentRuns(
  add: (fact: Fact) => void,
  command: string,
  place: TextPlace | undefined,
  path: KeyPath,
  trigger: string,
  options: AgentRunOptions = {},
): AgentRun[] {
  return [];
}
