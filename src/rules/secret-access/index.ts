import { _default, array, boolean, minLength, strictObject, string } from 'zod/mini';
import { EVERY_SECRET, factsOf, type AgentPosture, type CommandRule, type FactOf } from '../../core/posture.js';
import { FILE_READ_COMMANDS, printedSecretVariable, printsNameOnly, secretRead } from '../../shell/secret-read.js';
import { allowedPrinter, TOKEN_PRINTERS } from '../../shell/catalog.js';
import { unwrapCommand } from '../../shell/shell.js';
import { detectSecret, isPlaceholder } from '../../secrets/literal.js';
import { redactSecrets } from '../../secrets/redact.js';
import { formatKeyPath } from '../../core/types.js';
import { plainGlobMatcher } from '../../sources/globs.js';
import { normalizeSecretPath } from '../../secrets/paths.js';
import { secretPathsFor } from '../shared/analysis.js';
import { readGuidance } from '../../guidance/reading.js';
import { findSecretReads } from './guidance.js';
import { findAllowedCommands, findPrivilegedGrants } from '../shared/command-rules.js';
import { expandPattern } from '../../shell/patterns.js';
import { effectJudge, reportAllowedScripts } from '../shared/runners.js';
import { catalogFor } from '../shared/analysis.js';
import { defineRule, described, siteAt, type RuleContext } from '../define.js';
import { effectsToReport, ownEffects, remoteHost, runsHow } from '../shared/commands.js';
import { causeOf, nameList, secretName } from '../shared/ci.js';

/** The credential printers as a catalog of commands, to weigh an allow against the denies and asks of its group. */
const PRINTERS = TOKEN_PRINTERS.map((p) => [...p]);

/** The file readers, as a catalog: allowed behind a root wrapper with free arguments, they read every file. */
const ROOT_READERS = FILE_READ_COMMANDS.filter((c) => c !== '.' && c !== 'source').map((c) => [c]);

const options = strictObject({
  paths: described(
    _default(array(string().check(minLength(1))), []),
    'Secret file globs added to the built-in list (e.g. "config/*.key").',
  ),
  'require-env-filter': described(
    _default(boolean(), false),
    'Require every agent config that can filter the environment passed to commands to do so.',
  ),
});

/** Grants so wide they add nothing to what the agent may already read in the repository. */
const BROAD = new Set(['*', '**', '**/*', './**', './*', '.', './', '/**']);

/** Whether a deny entry covers a path: the same entry, or a glob that matches it. */
function coversPath(deny: string, path: string): boolean {
  const norm = (p: string): string => p.trim().replace(/^\.\//, '');
  if (norm(deny) === norm(path)) return true;
  // A deny that is not a plain glob covers only itself (the grant is then reported: fail closed).
  try {
    return plainGlobMatcher(norm(deny), { dot: true })?.(norm(path)) ?? false;
  } catch {
    return false;
  }
}

/**
 * A secret named as a GitHub token: the job's own, one with a `GH`, `GITHUB` or `PAT` part (`BOT_GH_PAT`), or a token
 * a step of the job made (`steps.app.outputs.token`, a GitHub App's).
 */
const GITHUB_SECRET_NAME = /^GITHUB_TOKEN$|(?:^|[_-])(?:GH|GITHUB|PAT)(?:[_-]|$)|^steps\.[\w-]+\.outputs\.[\w-]*token$/i;
/**
 * Variables the GitHub CLI and git helpers read a GitHub token from (https://cli.github.com/manual/gh_help_environment:
 * GH_TOKEN, GITHUB_TOKEN, GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN), and the GitHub MCP server's.
 */
const GITHUB_TOKEN_VARIABLES = new Set([
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'GITHUB_PERSONAL_ACCESS_TOKEN',
]);

const messages = {
  'inline-credential': '{evidence}{where} commits a credential inline; reference it through an environment variable and rotate it.',
  literal:
    '{evidence} contains a literal {kind}; anyone who can read the repository can use it. Reference an environment variable instead and rotate it.',
  'env-passthrough': '{evidence}{where} passes secret-named variables (*KEY*, *SECRET*, *TOKEN*) to every command: {detail}.',
  'read-grant': '{evidence}{where} lets the agent read {path}, which holds secrets.',
  'personal-file':
    '{file} is a personal file: {tool} keeps it out of git when it creates it, because {holds} land there. Remove it from the repository and add it to .gitignore.',
  'personal-documented':
    '{file} is a personal file: {tool} documents it as local settings that are not committed, because {holds} land there. Remove it from the repository and add it to .gitignore.',
  'personal-copy': '{file} is a copy of the personal {original} ({holds}). Remove it from the repository and add it to .gitignore.',
  'session-sharing': '{evidence}{where} shares every session automatically, with whatever secrets it read.',
  'transcript-export':
    '{evidence}{where} {carries} {runs}: it holds every prompt, file read and command output of the session, secrets included.',
  'telemetry-content':
    '{evidence}{where} exports prompts or tool input and output, with their content, to a telemetry collector off this machine: secrets they hold go along.',
  'auto-command': '{evidence}{where} reads {secret} {runs}.',
  'env-injection': '{evidence}{where} sets {variable} so that {injects}, for a command that runs {runs}.',
  'allowed-read': '{evidence} lets the agent read {secret} without asking.',
  'allowed-root': '{evidence}{where} lets the agent run any command as root without asking: it can read every secret on the machine.',
  'allowed-root-reader':
    '{evidence}{where} lets the agent run `{command}` as root on any file without asking: it can read every secret on the machine.',
  'no-env-filter':
    'The policy requires an environment filter, and this config has none: every variable, secrets included, reaches the commands the agent runs ({hint}).',
  'unfiltered-env':
    'The policy requires an environment filter: set inherit = "core", ignore_default_excludes = false, or exclude secret-named variables.',
  'guidance-literal': 'Guidance carries {what}; anyone who can read the repository can use it, so rotate it: "{evidence}"',
  'allowed-script':
    '{evidence}{where} lets the agent run `{invocation}` without asking, and {script} runs `{command}`, which reads a secret.',
  'ci-secret':
    "{evidence}{where} {held}: the agent can read it, use it or send it anywhere. Give it only to the step that needs it, not to the agent's.",
  'ci-github-token':
    "{evidence}{where} {held}: a GitHub token the job hands the agent for its work (`gh`, `git push`). What the job's token can do is reported under publish-deploy; keep a personal token's scopes to what the task needs. A notice, not a violation.",
  'ci-read-token':
    '{evidence}{where} {held}: the agent can read it and send it out, but the token can only read, and only until the job ends. A notice, not a violation, while `permissions:` grant no write scope.',
  'untrusted-trigger':
    '{evidence}{where}: anyone who can {cause} starts the agent and steers it through what they write, while its environment holds the secrets {secrets}. Check the author first (`if:` on `author_association`) or keep the secrets out of the job.',
  guidance: 'Guidance tells the agent to read secrets ({what}): "{evidence}"',
} as const;

/** A command that names the session transcript (Claude Code hands hooks its path as `transcript_path`). */
const TRANSCRIPT = /transcript/i;

/**
 * Commands that run without a prompt and carry the session transcript off: to a URL off this machine, or to a
 * file outside the repository (a log under /tmp is housekeeping). One finding per command.
 */
function reportTranscripts(posture: AgentPosture, report: RuleContext<unknown, typeof messages>['report']): void {
  const reported = new Set<string>();
  for (const fact of factsOf(posture, 'command-effect')) {
    const e = fact.effect;
    if (fact.launch || !TRANSCRIPT.test(fact.command)) continue;
    const host = e.kind === 'url' ? remoteHost(e.url) : undefined;
    const carries =
      host !== undefined
        ? `sends the session transcript to ${host}`
        : e.kind === 'write' && e.outside && e.place !== 'temp'
          ? `copies the session transcript to ${e.path}, outside the repository,`
          : undefined;
    const key = formatKeyPath(fact.keyPath);
    if (carries === undefined || reported.has(key)) continue;
    reported.add(key);
    report({ messageId: 'transcript-export', data: { carries, runs: runsHow(fact) }, at: { posture, fact } });
  }
}

export default defineRule({
  meta: {
    id: 'secret-access',
    title: 'Secrets are not read unless the task explicitly requires them.',
    description:
      'Finds literal credentials committed in agent configs, grants that let the agent read secret files (.env, keys, cloud credentials), commands allowed to print them, commands that run without a prompt (hooks, MCP server launches) and read secrets or inject code through the environment (NODE_OPTIONS=--require, LD_PRELOAD, PATH outside the repository first), environments passed to commands with secret-named variables left in, secrets in the environment of an agent a CI job starts unattended, and sessions, telemetry or hooks that carry prompts, tool output or the session transcript off the machine.',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { paths: 'add', 'require-env-filter': 'require' },
    fix: 'Reference secrets through environment variables (`${VAR}`, `bearer_token_env_var`), rotate any credential that was committed, deny reads of secret files, and filter the environment (`inherit = "core"` or `ignore_default_excludes = false`).',
  },
  options,
  messages,
  check({ options, postures, statements, hints, report, scripts }) {
    const isSecretPath = secretPathsFor(options.paths);
    // An allowed runner (`npm run:*`, `make`) starts the project's scripts: one that reads a secret is reported with the script.
    const reads = effectJudge({ isSecretPath }, (e, text) => (e.kind === 'secret-read' ? text : undefined));
    const viaScript = reportAllowedScripts(postures, scripts, reads, 'allowed-script', report);
    // The rules that let a credential printer run, once denies and asks are weighed (found when first needed).
    let printersAllowed: Set<CommandRule> | undefined;
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
        report({ messageId: 'inline-credential', at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'literal')) {
        if (inlinePaths.has(formatKeyPath(fact.keyPath))) continue;
        const secret = detectSecret(fact.value, fact.keyName);
        if (!secret) continue;
        // The detected text too: a value under a secret-like key may not look like a credential on its own.
        report({
          messageId: 'literal',
          data: { kind: secret.kind },
          at: { posture, fact, evidence: redactSecrets(fact.evidence, [secret.text]) },
        });
      }
      for (const fact of factsOf(posture, 'env-passthrough'))
        report({ messageId: 'env-passthrough', data: { detail: fact.detail }, at: { posture, fact } });
      for (const fact of factsOf(posture, 'path-access')) {
        if (fact.access !== 'read' || fact.decision !== 'allow' || BROAD.has(fact.path.trim())) continue;
        const secrets = isSecretPath.reached(fact.path);
        if (secrets.length === 0) continue;
        const denied = denies.get(fact.group) ?? [];
        if (denied.some((d) => coversPath(d.path, fact.path))) continue;
        // A glob whose every secret a deny of its group covers (`~/.config/gh/**` with `~/.config/gh/hosts.yml` denied).
        if (secrets.every((s) => denied.some((d) => coversPath(normalizeSecretPath(d.path), s)))) continue;
        report({ messageId: 'read-grant', data: { path: fact.path }, at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'personal-file')) {
        if (fact.copyOf !== undefined)
          report({
            messageId: 'personal-copy',
            data: { file: posture.file, original: fact.copyOf, holds: fact.holds },
            at: { posture, fact },
          });
        else if (fact.documentedBy !== undefined)
          report({
            messageId: 'personal-documented',
            data: { file: posture.file, tool: fact.documentedBy, holds: fact.holds },
            at: { posture, fact },
          });
        else
          report({
            messageId: 'personal-file',
            data: { file: posture.file, tool: fact.ignoredBy ?? 'the agent', holds: fact.holds },
            at: { posture, fact },
          });
      }
      reportTranscripts(posture, report);
      for (const fact of factsOf(posture, 'session-sharing')) {
        if (fact.sessions === 'telemetry') report({ messageId: 'telemetry-content', at: { posture, fact } });
        else report({ messageId: 'session-sharing', at: { posture, fact } });
      }
      for (const fact of factsOf(posture, 'ci-secret')) {
        // A GitHub token given to the agent's step (`GH_TOKEN`), or left by checkout for its pushes, is the job's tool:
        // the secret is named as a GitHub token (`AWS_KEY` in `GH_TOKEN` is not), in a variable GitHub's tools read.
        const github =
          !fact.readOnly &&
          GITHUB_SECRET_NAME.test(fact.name) &&
          (fact.held === 'git-config' || (fact.held === 'environment' && GITHUB_TOKEN_VARIABLES.has(fact.variable ?? '')));
        // A name with a dot is an expression of the job (`steps.app.outputs.token`), not a stored secret.
        const what = fact.name.includes('.') ? 'the token' : 'the secret';
        const secret =
          fact.name === EVERY_SECRET
            ? secretName(fact.name)
            : fact.token === undefined
              ? `${what} \`${fact.name}\``
              : `\`${fact.name}\` (${fact.token})`;
        const held =
          fact.held === 'environment'
            ? `puts ${secret} in the environment of the agent's commands`
            : fact.held === 'exported'
              ? `leaves ${secret} for the later steps of the job ($GITHUB_ENV or a file), the agent's among them`
              : fact.held === 'output'
                ? `gives the agent's step ${secret}, which an earlier step wrote to a step output`
                : `leaves ${secret} in .git/config`;
        report({
          messageId: fact.readOnly ? ('ci-read-token' as const) : github ? ('ci-github-token' as const) : ('ci-secret' as const),
          data: { held },
          at: { posture, fact },
          ...(fact.source ? { related: [fact.source] } : {}),
          ...(fact.readOnly || github ? { notice: true as const } : {}),
        });
      }
      // With a token that can write, publish-deploy reports it, naming the secrets too.
      for (const fact of factsOf(posture, 'untrusted-trigger')) {
        if (fact.secrets.length === 0 || fact.writes.length > 0) continue;
        report({
          messageId: 'untrusted-trigger',
          data: { cause: causeOf(fact.event), secrets: nameList(fact.secrets) },
          at: { posture, fact },
          // Steering an agent that holds only a token that reads gains nothing the event's author could not read.
          ...(fact.readOnlyToken && fact.secrets.every((s) => s === 'GITHUB_TOKEN') ? { notice: true as const } : {}),
        });
      }
      for (const fact of effectsToReport(posture, ['env-injection', 'secret-read'], () => true)) {
        const e = fact.effect;
        const runs = runsHow(fact);
        if (e.kind === 'env-injection')
          report({ messageId: 'env-injection', data: { variable: e.variable, injects: e.injects, runs }, at: { posture, fact } });
        else if (e.kind === 'secret-read') report({ messageId: 'auto-command', data: { secret: e.what, runs }, at: { posture, fact } });
      }
      // Secret paths the policy adds: the adapters' analysis knows only the built-in ones.
      if (options.paths.length > 0) {
        const known = new Set(factsOf(posture, 'command-effect').flatMap((f) => (f.effect.kind === 'secret-read' ? [f.evidence] : [])));
        for (const command of factsOf(posture, 'auto-command')) {
          for (const own of ownEffects(command, { isSecretPath })) {
            if (own.effect.kind !== 'secret-read' || known.has(own.evidence)) continue;
            known.add(own.evidence);
            const data = { secret: own.effect.what, runs: runsHow(command) };
            report({ messageId: 'auto-command', data, at: { posture, fact: own.fact, evidence: own.evidence } });
          }
        }
      }
      for (const fact of factsOf(posture, 'command-rule')) {
        if (fact.decision !== 'allow' || viaScript.has(fact)) continue;
        const expanded = expandPattern(fact.pattern);
        // A rule that takes free arguments after its words is read with them: they may undo a quiet search (`rg -c
        // KEY .env:*` also runs `rg -c KEY .env --json`).
        const free = fact.matcher.kind === 'prefix' && fact.matcher.exact !== true;
        const read = expanded.map((w) => secretRead(w, isSecretPath, free)).find(Boolean);
        // `Bash(echo $OPENAI_API_KEY)`: the value the command prints is read by the agent that runs it.
        const variable = read ? undefined : expanded.map(printedSecretVariable).find(Boolean);
        const printed = variable !== undefined && !printsNameOnly(fact.evidence, variable) ? variable : undefined;
        if (read) report({ messageId: 'allowed-read', data: { secret: read }, at: { posture, fact } });
        else if (printed) report({ messageId: 'allowed-read', data: { secret: `the variable ${printed}` }, at: { posture, fact } });
        else {
          // A command that prints a credential (`gh auth token`), allowed by name, alone or with free arguments, or
          // through a wildcard over its group (`gh auth *`) that no deny or ask of the printer overrides;
          // `aws configure get region` reads no secret.
          const printer = expandPattern(fact.pattern)
            .map((words) => unwrapCommand(words))
            .map((w) => allowedPrinter(w, fact.matcher.kind === 'prefix' && fact.matcher.exact !== true))
            .find(Boolean);
          if (printer && (printersAllowed ??= new Set(findAllowedCommands(postures, PRINTERS).map((a) => a.fact))).has(fact))
            report({
              messageId: 'allowed-read',
              data: { secret: `the credential \`${printer.join(' ')}\` prints` },
              at: { posture, fact },
            });
        }
      }
      if (options['require-env-filter'] && posture.envFilter === 'absent') {
        const at = siteAt(
          posture.file,
          posture.agent,
          [],
          { kind: 'span', span: { start: { line: 1, column: 1 } } },
          'no environment filter',
        );
        report({ messageId: 'no-env-filter', data: { hint: hints(posture.agent).envFilter ?? 'turn on its environment filter' }, at });
      } else if (options['require-env-filter'] && posture.envFilter === 'unfiltered' && !factsOf(posture, 'env-passthrough').length) {
        const at = siteAt(
          posture.file,
          posture.agent,
          ['shell_environment_policy'],
          { kind: 'key', path: ['shell_environment_policy'], part: 'key' },
          '[shell_environment_policy] without a filter',
        );
        report({ messageId: 'unfiltered-env', at });
      }
    }
    const { privileged } = catalogFor([], []);
    for (const { posture, fact } of findPrivilegedGrants(postures, privileged))
      report({ messageId: 'allowed-root', at: { posture, fact } });
    // A program that reads the files it is given, allowed as root with free arguments (`sudo cat:*`), reads them all.
    for (const { posture, fact, entry, wrapper, any } of findPrivilegedGrants(postures, privileged, ROOT_READERS))
      if (!any) report({ messageId: 'allowed-root-reader', data: { command: `${wrapper} ${entry[0]!}` }, at: { posture, fact } });
    for (const hit of findSecretReads(readGuidance(statements), isSecretPath)) {
      if (hit.what.startsWith('a literal '))
        report({ messageId: 'guidance-literal', data: { what: hit.what }, at: hit, confidence: hit.confidence });
      else report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
    }
  },
});
