import { _default, array, strictObject, string } from 'zod/mini';
import picomatch from 'picomatch';
import { factsOf } from '../../core/posture.js';
import { readGuidance } from '../../guidance/reading.js';
import { findOutsideWrites } from './guidance.js';
import { catalogFor } from '../shared/analysis.js';
import { findAllowedCommands, findPrivilegedGrants } from '../shared/command-rules.js';
import { defineRule, described } from '../define.js';

const options = strictObject({
  'allowed-roots': described(
    _default(array(string()), []),
    'Paths outside the repository the team approved for writing (exact paths or globs).',
  ),
});

/** Whether a path written in a committed config leaves the repository. */
export function isOutsideRepository(path: string): boolean {
  const p = path.trim().replace(/\\/g, '/');
  if (p === ':root' || p === '/' || p === '~') return true;
  if (p.startsWith(':')) return false; // special roots such as :tmpdir or :project_roots stay inside the sandbox
  if (/^(?:\/|~|\$HOME\b|\$\{HOME\}|%USERPROFILE%|[A-Za-z]:\/)/.test(p)) return true;
  let depth = 0;
  for (const part of p.split('/')) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'outside-writes',
    title: 'Writes outside the repository require approval.',
    description:
      'Finds committed settings that let the agent write outside the repository without asking: extra writable roots, added directories and filesystem grants on absolute or home paths, and commands allowed with free arguments that write any path (`tee`) or run as root (`sudo`).',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { 'allowed-roots': 'narrow' },
    fix: 'Remove the extra root; if a workflow needs it, list it in `rules.outside-writes.allowed-roots` or add a documented exception.',
  },
  options,
  messages: {
    'writable-root': '{evidence}{where} lets the agent write to {path}, outside the repository, without asking.',
    'allowed-writer': '{evidence}{where} lets the agent run `{command}` on any path without asking, outside the repository included.',
    'allowed-root': '{evidence}{where} lets the agent run any command as root without asking: it can write anywhere on the machine.',
    guidance: 'Guidance tells the agent to write outside the repository ({what}): "{evidence}"',
  },
  check({ options, postures, statements, report }) {
    const approved = options['allowed-roots'];
    const isApproved = approved.length > 0 ? picomatch(approved, { dot: true }) : () => false;
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'writable-root')) {
        if (!isOutsideRepository(fact.path) || approved.includes(fact.path) || isApproved(fact.path)) continue;
        report({ messageId: 'writable-root', data: { path: fact.path }, at: { posture, fact } });
      }
    }
    const { writeAnyPath, privileged } = catalogFor([], []);
    // A rule that allows every command is reported once, under sandbox-mode.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, writeAnyPath)) {
      if (!any) report({ messageId: 'allowed-writer', data: { command: entry[0]! }, at: { posture, fact } });
    }
    for (const { posture, fact } of findPrivilegedGrants(postures, privileged))
      report({ messageId: 'allowed-root', at: { posture, fact } });
    for (const hit of findOutsideWrites(readGuidance(statements)))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
