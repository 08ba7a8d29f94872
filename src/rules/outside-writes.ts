import { _default, array, strictObject, string, type output } from 'zod/mini';
import picomatch from 'picomatch';
import { factsOf } from '../core/posture.js';
import type { Problem } from '../core/types.js';
import { defineRule, described, guidanceProblems, problemAt, where } from './define.js';

const options = strictObject({
  'allowed-roots': described(_default(array(string()), []), 'Paths outside the repository the team approved for writing (exact paths or globs).'),
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

export default defineRule<output<typeof options>>({
  meta: {
    id: 'outside-writes',
    title: 'Writes outside the repository require approval.',
    description: 'Finds committed settings that let the agent write outside the repository without asking: extra writable roots, added directories and filesystem grants on absolute or home paths.',
    defaultLevel: 'error',
    options,
    optionMerge: { 'allowed-roots': 'narrow' },
    fix: 'Remove the extra root; if a workflow needs it, list it in `rules.outside-writes.allowed-roots` or add a documented exception.',
  },
  checkGuidance(statements, { analysis }) {
    return guidanceProblems(statements, analysis, 'outside-writes', (hit) =>
      `Guidance tells the agent to write outside the repository (${hit.what})`,
    );
  },
  checkPostures(postures, { options }) {
    const approved = options['allowed-roots'];
    const isApproved = approved.length > 0 ? picomatch(approved, { dot: true }) : () => false;
    const problems: Problem[] = [];
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'writable-root')) {
        if (!isOutsideRepository(fact.path) || approved.includes(fact.path) || isApproved(fact.path)) continue;
        problems.push(problemAt('outside-writes', posture, fact, `${fact.evidence}${where(fact.scope)} lets the agent write to ${fact.path}, outside the repository, without asking.`));
      }
    }
    return problems;
  },
});
