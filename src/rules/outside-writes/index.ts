import { _default, array, strictObject, string } from 'zod/mini';
import picomatch from 'picomatch';
import { factsOf, type AgentPosture, type Persistence } from '../../core/posture.js';
import { formatKeyPath } from '../../core/types.js';
import { readGuidance } from '../../guidance/reading.js';
import { findOutsideWrites } from './guidance.js';
import { isOutsideRepository, isOwnCheckout } from './paths.js';
import { catalogFor } from '../shared/analysis.js';
import { findAllowedCommands, findPrivilegedGrants, stillAllowed, takesArguments } from '../shared/command-rules.js';
import { expandPattern } from '../../shell/patterns.js';
import { effectJudge, reportAllowedScripts } from '../shared/runners.js';
import { commandEffects } from '../../shell/effects.js';
import { quoteWord } from '../../shell/shell.js';
import {
  FILE_WRITE_COMMANDS,
  FREE_ARGUMENT,
  globalInstallIn,
  PRIVILEGE_COMMANDS,
  SYSTEM_APPLY_COMMANDS,
  SYSTEM_INSTALL_COMMANDS,
} from '../../shell/catalog.js';
import { placeOf } from '../../shell/targets.js';
import type { CommandRule } from '../../core/posture.js';
import { defineRule, described } from '../define.js';
import { effectsToReport, runsHow } from '../shared/commands.js';

/** Programs that install something that runs later by themselves (the effect carries no path). */
const SCHEDULERS = new Set(['crontab', 'at', 'batch', 'launchctl', 'systemctl', 'git']);
const HOOKS_PATH = /core\.hookspath\s+["']?([^\s"';&|]+)/i;
/** `git config core.hooksPath <dir>`: persistence outside the repository only when the folder is outside it. */
const hooksPathOutside = (command: string): boolean => {
  const dir = HOOKS_PATH.exec(command.slice(0, 4096))?.[1];
  return dir === undefined || isOutsideRepository(dir);
};

const PRIVILEGED = new Set(PRIVILEGE_COMMANDS);
/** The file writers, as a catalog: allowed behind a root wrapper with free arguments, they write anywhere. */
const rootWriters = FILE_WRITE_COMMANDS.map((c) => [c]);
/**
 * The system package managers (`brew`, `apt-get`, `nix-env`, …): installing into the system is what they are for.
 * `nix profile install` is one of many uses of `nix`, a build tool, so `nix` is not one.
 */
const SYSTEM_INSTALLERS = new Set(
  SYSTEM_INSTALL_COMMANDS.map((c) => c.split(' ')).flatMap((words) => (words.length === 2 ? [words[0]!] : [])),
);
/** The commands that switch the user's or the system's configuration, as a catalog of allowed commands. */
const APPLIERS = SYSTEM_APPLY_COMMANDS.map((c) => c.split(' '));
const GLOBAL_OPTION = /^(?:-g|--global|--user)$/;

/**
 * The install outside the repository an allow rule names itself: a global form (`npm install -g:*`, `brew install`)
 * or any install behind a root wrapper (`sudo pip install:*`). `npm install:*` could run `npm install -g` and
 * `cargo:*` could run `cargo install`, but a rule is judged as what it names: a project install, a build tool.
 */
function outsideInstallOf(fact: CommandRule, entry: readonly string[]): string | undefined {
  const named = expandPattern(fact.pattern).map((w) => w.filter((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x)));
  const install = entry.slice(0, -1);
  const root = named.map((w) => w[0]).find((w) => w !== undefined && PRIVILEGED.has(w));
  // The catalogue entry's last word may be the option that makes it global (`npm install -g`).
  const option = install.at(-1)!;
  const optional = GLOBAL_OPTION.test(option);
  const words = optional ? install.slice(0, -1) : install;
  if (root) return `${root} ${words.join(' ')}`;
  const global = globalInstallIn([...install, '--']);
  if (global === undefined) return undefined;
  // The rule must name the install (`cargo:*` reads as the build tool it is), and any option that makes it global; a
  // system package manager with free arguments (`brew:*`) is its installs.
  const names = (w: readonly string[]): boolean =>
    (w.length >= words.length && (!optional || w.includes(option))) ||
    (w.length === 1 && w[0] === words[0] && SYSTEM_INSTALLERS.has(w[0]!));
  return named.some(names) ? global : undefined;
}

/** Shell operators a permission keeps as words (`cd web && npm publish:*`, `echo x > out`): unquoted when rejoined. */
const OPERATOR = /^(?:&&|\|\||\||;|[0-9]?(?:>|>>|>\||<)|&>|&>>)$/;

/**
 * A word that may name a path outside the repository: `/x`, `~/x`, `../x`, `$HOME`, `%USERPROFILE%`, `C:\x`, or hold
 * quotes a shell reading removes (`sh -c "cp a .''."` writes to `..`).
 */
const MAY_LEAVE = /[/~$%\\:'"`]|\.\./;

/**
 * The first write outside the repository of a command an allow rule names (`Bash(cp a ~/x)`, `Bash(mkdir -p
 * /data/out:*)`), read with the shell analysis, and the forms of the command that make it: the named words, and for
 * a rule that takes arguments, the words with the end of options after them and with one more in the repository
 * (`cp ~/.config/x:*` copies from there once it is given a target; `cp a ~/x *` writes there given `--`).
 */
function namedWriteOf(fact: CommandRule): { path: string; forms: string[][] } | undefined {
  const free = takesArguments(fact);
  let path: string | undefined;
  const forms: string[][] = [];
  for (const words of expandPattern(fact.pattern)) {
    // Only a word with a slash, `~`, `..`, a variable, a drive or quotes can name a path outside: most rules have none.
    if (!words.some((w) => MAY_LEAVE.test(w))) continue;
    for (const form of free ? [words, [...words, '--'], [...words, FREE_ARGUMENT]] : [words]) {
      const line = form.map((w) => (OPERATOR.test(w) ? w : quoteWord(w))).join(' ');
      const write = commandEffects(line).effects.find((e) => e.kind === 'write' && e.outside && e.place !== 'temp');
      if (write?.kind !== 'write') continue;
      path ??= write.path;
      forms.push(form);
    }
  }
  return path === undefined ? undefined : { path, forms };
}

const TEMP_LOG = /^\S+ (?:\/tmp|\/var\/tmp|\/private\/tmp|\$\{?TMPDIR\}?)\//;

/**
 * A log the agent's own folder keeps, appended to by a command the user set (a hook's `>> ~/.claude/sessions.log`,
 * `>> $HOME/.claude/logs/backup.log`): the tool's housekeeping, not a write the agent makes or chooses. Only a `.log`
 * in the folder or its `logs/`, named by plain words (no `..`, brace or wildcard to climb out): its transcripts and
 * history (`.jsonl` under `projects/`, `sessions/`) are read back.
 */
const AGENT_LOG = /^(?:~|\$\{?HOME\}?)\/\.(?:claude|codex|gemini|qwen|cursor)\/(?:logs\/)?[\w.-]+\.log$/;
const agentLog = (how: string, path: string): boolean => how === '>>' && AGENT_LOG.test(path);

const PERSISTENCE: Record<Persistence, string> = {
  'shell-profile': 'a shell profile',
  cron: 'a cron job',
  launchd: 'a launchd job',
  systemd: 'a systemd unit',
  'git-hook': 'a git hook',
  'ssh-authorized-keys': 'an SSH authorized key',
  autostart: 'an autostart entry',
};

const options = strictObject({
  'allowed-roots': described(
    _default(array(string()), []),
    'Paths outside the repository the team approved for writing (exact paths or globs).',
  ),
});

/** A path in the temporary folder that does not climb out of it again (`/tmp/../etc` is `/etc`). */
const inTemp = (path: string): boolean => placeOf(path).place === 'temp';

export default defineRule({
  meta: {
    id: 'outside-writes',
    title: 'Writes outside the repository require approval.',
    description:
      'Finds committed settings that let the agent write outside the repository without asking: extra writable roots, added directories and filesystem grants on absolute or home paths, commands allowed with free arguments that write any path (`tee`) or run as root (`sudo`), commands an allow names that write outside it (`Bash(cp a ~/x)`), global and system installs (`npm install -g`, `brew install`, `sudo pip install`), desktop apps the agent operates (a notice), and commands that run without a prompt (hooks, status lines, MCP server launches) and write outside it, set up persistence or remove traces.',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { 'allowed-roots': 'narrow' },
    fix: 'Remove the extra root; if a workflow needs it, list it in `rules.outside-writes.allowed-roots` or add a documented exception.',
  },
  options,
  messages: {
    'writable-root': '{evidence}{where} lets the agent write to {path}, outside the repository, without asking.',
    'allowed-writer': '{evidence}{where} lets the agent run `{command}` on any path without asking, outside the repository included.',
    'allowed-script':
      '{evidence}{where} lets the agent run `{invocation}` without asking, and {script} runs `{command}`, which writes outside the repository.',
    'allowed-command-write':
      '{evidence}{where} lets the agent run a command that writes to {path}, outside the repository, without asking.',
    'allowed-root': '{evidence}{where} lets the agent run any command as root without asking: it can write anywhere on the machine.',
    'allowed-root-writer':
      '{evidence}{where} lets the agent run `{command}` as root on any path without asking: it can write anywhere on the machine.',
    'command-write': '{evidence}{where} writes to {path}, outside the repository, {runs}.',
    'gui-desktop': '{evidence}{where} lets the agent operate desktop apps, whose files and settings lie outside the repository{note}.',
    'allowed-install':
      "{evidence}{where} lets the agent run `{command}` with any package without asking, which installs into the user's or the system's folders, outside the repository.",
    'allowed-apply':
      "{evidence}{where} lets the agent run `{command}` without asking, which builds and switches to a new configuration of the user's home or of the system, outside the repository.",
    'command-install':
      "{evidence}{where} runs `{command}` {runs}, which installs into the user's or the system's folders, outside the repository.",
    'command-persistence':
      '{evidence}{where} sets up persistence ({mechanism}) outside the repository, {runs}: it runs again later on its own.',
    'command-trace': '{evidence}{where} removes traces outside the repository ({how}), {runs}.',
    'launch-root': '{evidence}{where} starts a filesystem MCP server that can write to {path}, outside the repository, {runs}.',
    'own-checkout':
      "{evidence}{where} names {path}, an absolute path that looks like this repository's own checkout on one machine: it will not exist on others; use a relative path.",
    guidance: 'Guidance tells the agent to write outside the repository ({what}): "{evidence}"',
  },
  check({ options, postures, statements, report, repository, scripts }) {
    const approved = options['allowed-roots'];
    const isApproved = approved.length > 0 ? picomatch(approved, { dot: true }) : () => false;
    // A user config a dotfiles repository installs applies in every project: its own checkout is outside them.
    const checkoutOf = (posture: AgentPosture): string | undefined =>
      posture.installedAs === undefined || ['variant', 'copy', 'action'].includes(posture.installedAs.by) ? repository : undefined;
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'gui-control'))
        if (fact.reach === 'desktop')
          report({ messageId: 'gui-desktop', data: { note: fact.note ? ` (${fact.note})` : '' }, at: { posture, fact }, notice: true });
      for (const fact of factsOf(posture, 'writable-root')) {
        // The temporary folder (`/tmp`, `$TMPDIR`) is writable to every process already, as the sandboxes keep it.
        if (!isOutsideRepository(fact.path) || inTemp(fact.path) || approved.includes(fact.path) || isApproved(fact.path)) continue;
        if (isOwnCheckout(fact.path, checkoutOf(posture)))
          report({ messageId: 'own-checkout', data: { path: fact.path }, at: { posture, fact }, notice: true });
        else report({ messageId: 'writable-root', data: { path: fact.path }, at: { posture, fact } });
      }
    }
    const { writeAnyPath, privileged, outsideInstall } = catalogFor([], []);
    // An allowed runner (`npm run:*`, `make`) starts the project's scripts: one that writes outside is reported with the script.
    const outside = (path: string): boolean => !approved.includes(path) && !isApproved(path);
    const writesOutside = effectJudge({}, (e, text) =>
      e.kind === 'write' && e.outside && e.place !== 'temp' && outside(e.path) ? text : undefined,
    );
    const viaScript = reportAllowedScripts(postures, scripts, writesOutside, 'allowed-script', report);
    // A rule that allows every command is reported once, under sandbox-mode.
    const writers = new Set<CommandRule>();
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, writeAnyPath)) {
      if (any || viaScript.has(fact)) continue;
      writers.add(fact);
      report({ messageId: 'allowed-writer', data: { command: entry[0]! }, at: { posture, fact } });
    }
    // A command an allow rule names that writes outside (`Bash(cp a ~/x)`), still allowed when the other rules have spoken.
    const named = new Map<CommandRule, { posture: AgentPosture; path: string }>();
    const forms = new Map<CommandRule, string[][]>();
    for (const posture of postures)
      for (const fact of factsOf(posture, 'command-rule')) {
        if (fact.decision !== 'allow' || writers.has(fact) || viaScript.has(fact)) continue;
        const write = namedWriteOf(fact);
        if (!write || !outside(write.path)) continue;
        named.set(fact, { posture, path: write.path });
        forms.set(fact, write.forms);
      }
    const kept = named.size > 0 ? stillAllowed(postures, forms) : new Set<CommandRule>();
    for (const [fact, { posture, path }] of named) {
      if (!kept.has(fact)) continue;
      if (isOwnCheckout(path, checkoutOf(posture)))
        report({ messageId: 'own-checkout', data: { path }, at: { posture, fact }, notice: true });
      else report({ messageId: 'allowed-command-write', data: { path }, at: { posture, fact } });
    }
    for (const { posture, fact } of findPrivilegedGrants(postures, privileged))
      report({ messageId: 'allowed-root', at: { posture, fact } });
    for (const { posture, fact, entry, wrapper, any } of findPrivilegedGrants(postures, privileged, rootWriters))
      if (!any) report({ messageId: 'allowed-root-writer', data: { command: `${wrapper} ${entry[0]!}` }, at: { posture, fact } });
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, outsideInstall)) {
      const command = any ? undefined : outsideInstallOf(fact, entry);
      if (command) report({ messageId: 'allowed-install', data: { command }, at: { posture, fact } });
    }
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, APPLIERS))
      if (!any) report({ messageId: 'allowed-apply', data: { command: entry.join(' ') }, at: { posture, fact } });
    for (const posture of postures) {
      const facts = effectsToReport(posture, ['trace-removal', 'persistence', 'write', 'global-install'], (e, fact) => {
        if (e.kind === 'global-install') return true;
        if (e.kind === 'write') return e.outside && e.place !== 'temp' && outside(e.path) && !agentLog(e.how, e.path);
        // Persistence through a path is judged with its write; a repository's own hooks folder stays inside it.
        if (e.kind === 'persistence') return SCHEDULERS.has(e.program) && !(e.program === 'git' && !hooksPathOutside(fact.command));
        // Deleting one's own log under /tmp is housekeeping, not hiding.
        if (e.kind === 'trace-removal') return !TEMP_LOG.test(e.how);
        return false;
      });
      // `mkdir -p ~/x && cp … ~/x/` writes one place: one finding per path in a command.
      const written = new Set<string>();
      for (const fact of facts) {
        const e = fact.effect;
        const runs = runsHow(fact);
        if (e.kind === 'write') {
          const key = `${formatKeyPath(fact.keyPath)}\0${e.path.replace(/\/+$/, '')}`;
          if (written.has(key)) continue;
          written.add(key);
        }
        if (e.kind === 'global-install')
          report({ messageId: 'command-install', data: { command: e.command, runs }, at: { posture, fact } });
        else if (e.kind === 'trace-removal') report({ messageId: 'command-trace', data: { how: e.how, runs }, at: { posture, fact } });
        else if (e.kind === 'persistence' || (e.kind === 'write' && e.persistence)) {
          const mechanism = e.kind === 'persistence' ? e.mechanism : e.persistence!;
          report({ messageId: 'command-persistence', data: { mechanism: PERSISTENCE[mechanism], runs }, at: { posture, fact } });
        } else if (e.kind === 'write' && e.how === 'filesystem server root') {
          if (isOwnCheckout(e.path, checkoutOf(posture)))
            report({ messageId: 'own-checkout', data: { path: e.path }, at: { posture, fact }, notice: true });
          else report({ messageId: 'launch-root', data: { path: e.path, runs }, at: { posture, fact } });
        } else if (e.kind === 'write') report({ messageId: 'command-write', data: { path: e.path, runs }, at: { posture, fact } });
      }
    }
    for (const hit of findOutsideWrites(readGuidance(statements), repository))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
