import type { CheckResult } from '../engine/result.js';
import { annotationOptionsOf, toAnnotations, type Annotation } from './annotations.js';
import { WORKFLOW_COMMAND } from './levels.js';
import { describePolicy } from './policy-note.js';
import { toPrintable } from '../core/printable.js';
import { redactSecrets } from '../secrets/redact.js';

// Escaping as the runner parses workflow commands (as @actions/core does): data may not carry a line break
// or a raw `%`, so text quoted from repository files can never start a command of its own. Other acting
// characters are made visible first, so the log cannot be recoloured or reordered either.
const escapeData = (s: string): string =>
  toPrintable(redactSecrets(s), { keepLineBreaks: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toWorkflowCommand(a: Annotation): string {
  const props = [
    `file=${escapeProperty(a.file)}`,
    `line=${a.start.line}`,
    `col=${a.start.column}`,
    ...(a.end.line === a.start.line && a.end.column > a.start.column ? [`endColumn=${a.end.column}`] : []),
    `title=${escapeProperty(a.title)}`,
  ];
  return `::${WORKFLOW_COMMAND[a.level]} ${props.join(',')}::${escapeData(a.message)}`;
}

/** Workflow-command annotations of findings and policy changes, most severe first (the runner shows only the first few of each level). */
export function renderGithub(result: CheckResult): string {
  const lines = toAnnotations(result.findings, { ...annotationOptionsOf(result), limit: Infinity }).annotations.map(toWorkflowCommand);
  for (const note of result.coverageNotes) lines.push(`::warning title=${escapeProperty('agent-policy coverage')}::${escapeData(note)}`);
  lines.push(
    escapeData(
      `${result.counts.findings} finding${result.counts.findings === 1 ? '' : 's'} in ${result.counts.files} agent files. ${describePolicy(result.policy)}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
