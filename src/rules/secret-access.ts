import { _default, array, boolean, minLength, strictObject, string, type output } from 'zod/mini';
import picomatch from 'picomatch';
import { factsOf, type FactOf } from '../core/posture.js';
import type { Problem } from '../core/types.js';
import { commandsIn } from '../shell/catalog.js';
import { secretRead } from '../shell/secret-read.js';
import { detectSecret, isPlaceholder } from '../secrets/literal.js';
import { redactSecrets } from '../secrets/redact.js';
import { secretPathMatcher, type SecretPathMatcher } from '../secrets/paths.js';
import { formatKeyPath } from '../core/types.js';
import { expandPattern } from './command-rules.js';
import { defineRule, described, guidanceProblems, problemAt, where } from './define.js';

const options = strictObject({
  paths: described(_default(array(string().check(minLength(1))), []), 'Secret file globs added to the built-in list (e.g. "config/*.key").'),
  'require-env-filter': described(_default(boolean(), false), 'Require every agent config that can filter the environment passed to commands to do so.'),
});

/** Grants so wide they add nothing to what the agent may already read in the repository. */
const BROAD = new Set(['*', '**', '**/*', './**', './*', '.', './', '/**']);

/** Whether a deny entry covers a path: the same entry, or a glob that matches it. */
function coversPath(deny: string, path: string): boolean {
  const norm = (p: string): string => p.trim().replace(/^\.\//, '');
  if (norm(deny) === norm(path)) return true;
  try {
    return picomatch(norm(deny), { dot: true })(norm(path));
  } catch {
    return false;
  }
}

export default defineRule<output<typeof options>>({
  meta: {
    id: 'secret-access',
    title: 'Secrets are not read unless the task explicitly requires them.',
    description:
      'Finds literal credentials committed in agent configs, grants that let the agent read secret files (.env, keys, cloud credentials), commands allowed to print them, and environments passed to commands with secret-named variables left in.',
    defaultLevel: 'error',
    options,
    optionMerge: { paths: 'add', 'require-env-filter': 'require' },
    fix: 'Reference secrets through environment variables (`${VAR}`, `bearer_token_env_var`), rotate any credential that was committed, deny reads of secret files, and filter the environment (`inherit = "core"` or `ignore_default_excludes = false`).',
  },
  checkGuidance(statements, { analysis }) {
    return guidanceProblems(statements, analysis, 'secret-access', (hit) =>
      hit.what.startsWith('a literal ') ? `Guidance carries ${hit.what}; anyone who can read the repository can use it, so rotate it` : `Guidance tells the agent to read secrets (${hit.what})`,
    );
  },
  checkPostures(postures, { options }) {
    const isSecretPath = secretPathMatcher(options.paths);
    const problems: Problem[] = [];
    // Read denials by group (a settings folder): an allowed read that one of its own group covers is not reported.
    const denies = new Map<string, FactOf<'path-access'>[]>();
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'path-access')) {
        if (fact.access !== 'read' || fact.decision === 'allow') continue;
        const list = denies.get(fact.group);
        if (list) list.push(fact);
        else denies.set(fact.group, [fact]);
      }
    }
    for (const posture of postures) {
      const inlinePaths = new Set<string>();
      for (const fact of factsOf(posture, 'inline-credential')) {
        if (fact.value.trim() === '' || isPlaceholder(fact.value)) continue;
        inlinePaths.add(formatKeyPath(fact.keyPath));
        problems.push(problemAt('secret-access', posture, fact, `${fact.evidence}${where(fact.scope)} commits a credential inline; reference it through an environment variable and rotate it.`));
      }
      for (const fact of factsOf(posture, 'literal')) {
        if (inlinePaths.has(formatKeyPath(fact.keyPath))) continue;
        const secret = detectSecret(fact.value, fact.keyName);
        if (!secret) continue;
        // The detected text too: a value under a secret-like key may not look like a credential on its own.
        const evidence = redactSecrets(fact.evidence, [secret.text]);
        problems.push({
          ...problemAt('secret-access', posture, fact, `${evidence} contains a literal ${secret.kind}; anyone who can read the repository can use it. Reference an environment variable instead and rotate it.`),
          evidence,
        });
      }
      for (const fact of factsOf(posture, 'env-passthrough')) {
        problems.push(problemAt('secret-access', posture, fact, `${fact.evidence}${where(fact.scope)} passes secret-named variables (*KEY*, *SECRET*, *TOKEN*) to every command: ${fact.detail}.`));
      }
      for (const fact of factsOf(posture, 'path-access')) {
        if (fact.access !== 'read' || fact.decision !== 'allow' || BROAD.has(fact.path.trim()) || !isSecretPath(fact.path)) continue;
        if (denies.get(fact.group)?.some((d) => coversPath(d.path, fact.path))) continue;
        problems.push(problemAt('secret-access', posture, fact, `${fact.evidence}${where(fact.scope)} lets the agent read ${fact.path}, which holds secrets.`));
      }
      for (const fact of factsOf(posture, 'personal-file')) {
        problems.push(problemAt('secret-access', posture, fact, `${posture.file} ${fact.what}. Remove it from the repository and add it to .gitignore.`));
      }
      for (const fact of factsOf(posture, 'session-sharing')) {
        problems.push(problemAt('secret-access', posture, fact, `${fact.evidence}${where(fact.scope)} ${fact.what}.`));
      }
      for (const fact of factsOf(posture, 'auto-command')) {
        const read = commandsIn(fact.command).map((c) => secretRead(c, isSecretPath)).find(Boolean);
        if (read) problems.push(problemAt('secret-access', posture, fact, `${fact.evidence} reads ${read} automatically (${fact.trigger}).`));
      }
      for (const fact of factsOf(posture, 'command-rule')) {
        if (fact.decision !== 'allow') continue;
        const read = expandPattern(fact.pattern).map((w) => secretRead(w, isSecretPath)).find(Boolean);
        if (read) problems.push(problemAt('secret-access', posture, fact, `${fact.evidence} lets the agent read ${read} without asking.`));
      }
      if (options['require-env-filter'] && posture.envFilter === 'absent') {
        problems.push({
          ruleId: 'secret-access',
          file: posture.file,
          agent: posture.agent,
          keyPath: [],
          evidence: 'no environment filter',
          anchor: { kind: 'span', span: { start: { line: 1, column: 1 } } },
          message: `The policy requires an environment filter, and this config has none: every variable, secrets included, reaches the commands the agent runs (${posture.agent === 'codex' ? 'add [shell_environment_policy] with inherit = "core"' : 'turn on security.environmentVariableRedaction'}).`,
        });
      } else if (options['require-env-filter'] && posture.envFilter === 'unfiltered' && !factsOf(posture, 'env-passthrough').length) {
        problems.push({
          ruleId: 'secret-access',
          file: posture.file,
          agent: posture.agent,
          keyPath: ['shell_environment_policy'],
          evidence: '[shell_environment_policy] without a filter',
          anchor: { kind: 'key', path: ['shell_environment_policy'], part: 'key' },
          message: 'The policy requires an environment filter: set inherit = "core", ignore_default_excludes = false, or exclude secret-named variables.',
        });
      }
    }
    return problems;
  },
});
