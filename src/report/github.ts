import type { Finding } from '../core/types.js';
import type { LintResult } from '../engine/lint.js';
import { LEVEL_RANK } from '../core/types.js';
import { WORKFLOW_COMMAND } from './levels.js';
import { describePolicy } from './policy-note.js';

// Escaping as the runner parses workflow commands: data may not carry a line break or a raw `%`,
// so text quoted from repository files can never start a command of its own.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toWorkflowCommand(f: Finding): string {
  const props = [
    `file=${escapeProperty(f.file)}`,
    `line=${f.location.start.line}`,
    `col=${f.location.start.column}`,
    ...(f.location.end && f.location.end.line === f.location.start.line ? [`endColumn=${f.location.end.column}`] : []),
    `title=${escapeProperty(`agent-policy ${f.ruleId}`)}`,
  ];
  return `::${WORKFLOW_COMMAND[f.level]} ${props.join(',')}::${escapeData(f.message)}`;
}

/** Workflow-command annotations, most severe first (the runner shows only the first few of each level). */
export function renderGithub(result: LintResult): string {
  const ordered = [...result.findings].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  const lines = ordered.map(toWorkflowCommand);
  for (const c of result.policyChanges?.changes ?? []) {
    const level = c.kind === 'invalid' ? 'error' : c.weakens ? 'warning' : 'notice';
    lines.push(`::${level} file=${escapeProperty(c.file)},line=${c.position.line},col=${c.position.column},title=${escapeProperty('agent-policy policy change')}::${escapeData(c.message)}`);
  }
  lines.push(escapeData(`${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${result.files.length} agent files. ${describePolicy(result.policy)}`));
  return `${lines.join('\n')}\n`;
}
