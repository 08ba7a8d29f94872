import { _default, array, boolean, strictObject, string } from 'zod/mini';
import { factsOf, type AgentPosture, type CommandRule, type Fact, type FactOf } from '../../core/posture.js';
import { formatKeyPath } from '../../core/types.js';
import { FREE_ARGUMENT, PACKAGE_PLACEHOLDER } from '../../shell/catalog.js';
import { PACKAGE_RUNNERS } from '../../shell/programs.js';
import { effectsToReport, isLoopbackHost, remoteHost, runsHow, type EffectOf } from '../shared/commands.js';
import { catalogFor } from '../shared/analysis.js';
import { readGuidance } from '../../guidance/reading.js';
import { findNetworkUse } from './guidance.js';
import { ANY_COMMAND, findAllowedCommands, packageInterpreter, prefixWords } from '../shared/command-rules.js';
import { effectJudge, reportAllowedScripts } from '../shared/runners.js';
import { defineRule, described, type RuleContext } from '../define.js';
import { globBrowsing, isBrowsingTool, isWebSearchTool, knownServer, type KnownServer } from '../shared/mcp-servers.js';

const options = strictObject({
  'allowed-domains': described(_default(array(string()), []), 'Hosts the team approved; `*.example.com` also covers subdomains.'),
  'check-mcp-hosts': described(
    _default(boolean(), false),
    'Also require remote MCP servers to be on allowed-domains (a configured server is not open network access, so this is off by default).',
  ),
});

/** Whether a host is on the approved list: exact, or under a `*.` entry. */
export function isApprovedHost(host: string, approved: readonly string[]): boolean {
  const h = host.toLowerCase();
  return approved.some((entry) => {
    const e = entry.toLowerCase();
    return e === h || (e.startsWith('*.') && (h === e.slice(2) || h.endsWith(e.slice(1))));
  });
}

const messages = {
  'remote-server': '{evidence}{where} connects the agent to {host}, which is not in allowed-domains.',
  domain: '{evidence}{where} allows network access to {host}, which is not in allowed-domains.',
  'sandbox-network': '{evidence}{where} opens network access to every command the agent runs.',
  'web-search': '{evidence}{where} lets the agent fetch live pages from the web.',
  fetch: '{evidence}{where} lets the agent fetch any URL without asking.',
  'unenforced-domains':
    '{evidence}{where} enables the network, but without features.network_proxy = true its domain rules are not enforced.',
  proxy: '{evidence}{where} weakens the network proxy that keeps traffic to approved hosts.',
  'auto-command': '{evidence}{where} runs {command} {runs}, reaching the network.',
  'fetch-run': '{evidence}{where} downloads code and runs it ({how}) {runs}: code from outside the repository.',
  listener: '{evidence}{where} starts {program} listening for connections{background} {runs}.',
  'package-run':
    '{evidence}{where} runs the package {package} with {runner} {runs}, at whatever version the registry serves: code from the network.',
  'allowed-install':
    '{evidence}{where} lets the agent run `{command}` with any package without asking, which downloads code from the network.',
  'allowed-command': '{evidence}{where} lets the agent run {command} without asking, which reaches the network.',
  'allowed-loopback':
    '{evidence}{where} lets the agent run {command} on this machine without asking; the free arguments after it could name another host too.',
  'allowed-fetch': '{evidence}{where} lets the agent run `{command}` with any URL without asking, which downloads from the network.',
  'allowed-script':
    '{evidence}{where} lets the agent run `{invocation}` without asking, and {script} runs `{command}`, which reaches the network.',
  'browsing-server':
    '{evidence}{where} approves every tool of the server "{server}", which fetches pages, searches the web or drives a browser, without asking.',
  'browsing-tool':
    '{evidence}{where} approves the tool "{tool}", which fetches any URL, searches the web or drives a browser, without asking.',
  'browsing-tools':
    '{evidence}{where} approves the tools "{tools}", {example} among them, which fetch any URL, search the web or drive a browser, without asking.',
  'lookup-server':
    '{evidence}{where} approves, without asking, tools of the server "{server}", which send the questions the agent writes to {host}; name it in `allowed-domains` if the team approves that service.',
  'browsing-server-started':
    '{evidence}{where} starts the "{server}" MCP server, whose tools drive a browser, search the web or fetch pages from any site; each call asks unless approved.',
  'gui-browser': '{evidence}{where} lets the agent drive a browser, which reaches any site{note}.',
  'allowed-opener':
    '{evidence}{where} lets the agent run `{command}` on any file or URL without asking: a URL opens in the browser, which reaches any site.',
  guidance: 'Guidance tells the agent to use the network freely ({what}): "{evidence}"',
} as const;

/** Network facts that are findings whatever their host. */
const GRANT_MESSAGE: Record<
  Exclude<FactOf<'network'>['what'], 'remote-server' | 'domain'>,
  'sandbox-network' | 'web-search' | 'fetch' | 'unenforced-domains' | 'proxy'
> = {
  'sandbox-network': 'sandbox-network',
  'web-search': 'web-search',
  fetch: 'fetch',
  'unenforced-domains': 'unenforced-domains',
  proxy: 'proxy',
};

const VIA: Record<EffectOf<'fetch-run'>['via'], string> = {
  pipe: 'piped into',
  'process-substitution': 'through a process substitution in',
  'command-substitution': 'through a command substitution in',
  'downloaded-file': 'from a downloaded file, with',
};

/** HTTP clients, and the options that change nothing of where they connect. */
/** PowerShell's HTTP cmdlets and their aliases, in any case PowerShell accepts. */
const POWERSHELL_CLIENTS = ['Invoke-RestMethod', 'Invoke-WebRequest', 'irm', 'iwr'].flatMap((name) => [name, name.toLowerCase()]);
const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', ...POWERSHELL_CLIENTS]);
/**
 * curl's options that change nothing of where it connects (curl(1)): output and error reporting, `-N` (no buffering of
 * a stream). `-L` is not among them: a server on this machine may redirect it to another host.
 */
const CURL_PLAIN = /^(?:-[sSfIiqvkN]+|--(?:silent|show-error|fail|head|include|verbose|insecure|compressed|no-buffer))$/;
/**
 * curl's options whose value is not a place to connect to: an output file, a method, a header, data, a cookie file,
 * a time limit (curl(1)); `-x`, `--proxy`, `--resolve`, `--connect-to` and `-K` are not among them.
 */
const CURL_VALUE = new Set([
  ...['-o', '--output', '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary'],
  ...['--data-urlencode', '--json', '-c', '--cookie-jar', '-b', '--cookie', '-w', '--write-out', '-m', '--max-time'],
  ...['--connect-timeout', '-A', '--user-agent', '-F', '--form'],
]);
/** A path inside the repository or the temporary folder, no `..` in it: what a request's output or cookie file may be. */
const localFile = (path: string): boolean =>
  path === '/dev/null' ||
  path === '-' ||
  (!/(?:^|\/)\.\.(?:\/|$)/.test(path) && (path.startsWith('/tmp/') || !/^[/~$\\]|^[A-Za-z]:/.test(path)));
/**
 * Whether an option's value keeps the request harmless beyond its host: data written inline, not read from a file
 * (`-d @~/.ssh/id_rsa` sends a secret), and output or cookies written inside the repository or /tmp.
 */
function harmlessValue(option: string, value: string): boolean {
  if (['-o', '--output', '-c', '--cookie-jar'].includes(option)) return localFile(value);
  if (['-b', '--cookie'].includes(option)) return value.includes('=') || localFile(value);
  if (['-d', '--data', '--data-binary', '--json'].includes(option)) return !value.startsWith('@') || localFile(value.slice(1));
  if (['--data-urlencode', '-F', '--form'].includes(option)) return !/[@<]/.test(value);
  return true;
}
/** Redirections of a command's output, as a rule's words keep them (`2>&1` is `>&`, `1`). */
const REDIRECT = new Set(['>', '>>', '>&']);
/** The other clients' options read as changing nothing: quiet and verbose only (wget's `-i` reads URLs from a file). */
const OTHER_PLAIN = /^(?:-[qv]+|--(?:quiet|verbose))$/;
/**
 * PowerShell's options and values that change nothing of where a cmdlet connects: the URL's option, a method, a time
 * limit, a content type (`Invoke-RestMethod -Uri http://localhost:3000/health -Method GET`).
 */
const POWERSHELL_PLAIN =
  /^(?:-(?:Uri|Method|UseBasicParsing|TimeoutSec|ContentType)|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|\d{1,5}|application\/json)$/i;
/** A URL on this machine: http(s), a loopback host, no user part. */
const LOOPBACK_URL = /^https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/**
 * Whether the words a command rule fixes are a request to this machine: an HTTP client with plain options and
 * loopback URLs only (`Bash(curl -s http://localhost:3000/health)`, `Bash(curl -s http://127.0.0.1:*)`).
 */
function loopbackOnly(fact: CommandRule): boolean {
  if (fact.matcher.kind !== 'prefix') return false;
  const [program, ...rest] = fact.pattern;
  if (!program?.every((p) => HTTP_CLIENTS.has(p)) || rest.length === 0) return false;
  const curl = program.every((p) => p === 'curl');
  const plain = curl ? CURL_PLAIN : program.every((p) => POWERSHELL_CLIENTS.includes(p)) ? POWERSHELL_PLAIN : OTHER_PLAIN;
  let url = false;
  for (let i = 0; i < rest.length; i++) {
    const alternatives = rest[i]!;
    // An option's value (`-o /dev/null`, `-H 'Content-Type: …'`, `-d '{…}'`) names no place to connect to.
    const option = alternatives.length === 1 ? alternatives[0]! : '';
    if (curl && CURL_VALUE.has(option) && i + 1 < rest.length) {
      if (!rest[i + 1]!.every((value) => harmlessValue(option, value))) return false;
      i++;
    } else if (REDIRECT.has(option) && i + 1 < rest.length) {
      // `2>&1`, `> /tmp/out.txt`: where the output goes, a file inside the repository or /tmp; nothing is read.
      if (!rest[i + 1]!.every((target) => (option === '>&' ? /^(?:\d|-)$/.test(target) : localFile(target)))) return false;
      i++;
    } else if (alternatives.every((w) => LOOPBACK_URL.test(w))) url = true;
    else if (!alternatives.every((w) => plain.test(w))) return false;
  }
  return url;
}

/**
 * Programs that download a package and run it (npx, bunx, pnpx, uvx, `pnpm dlx`, `yarn dlx`, `npm exec`, `pipx run`):
 * the runner's words when a prefix rule allows one with free arguments (options at most before them).
 */
function packageRunner(fact: CommandRule): string | undefined {
  const words = prefixWords(fact);
  if (words === undefined) return undefined;
  const runner = [3, 2, 1].map((n) => words.slice(0, n)).find((w) => PACKAGE_RUNNERS.has(w.join(' ')));
  if (runner === undefined || !words.slice(runner.length).every((w) => w.startsWith('-') || w === '*')) return undefined;
  return runner.join(' ');
}

/** Options that only print a program's version or usage. */
const INFO_OPTION = /^(?:--version|-V|--help|-h)$/;
/** Programs that copy files, to another host only when an operand names one (`host:path`, `rsync://`). */
const COPIERS = new Set(['rsync', 'scp']);

/**
 * Whether an exact command rule runs a network program without reaching anything: only its version or usage
 * (`Bash(curl --version)`), or a copy between local paths (`Bash(rsync -a dist/ public/)`).
 */
function reachesNothing(fact: CommandRule): boolean {
  if (fact.matcher.kind !== 'prefix' || fact.matcher.exact !== true) return false;
  const [program, ...rest] = fact.pattern;
  if (program === undefined || rest.length === 0) return false;
  const words = rest.flat();
  // One command only: `rsync a b && curl x` runs more than a copy (the rule's words keep its first command only, so
  // the rule as written is looked at too); `--daemon` listens.
  if (/[;&|<>`\n]|\$\(/.test(fact.evidence) || words.some((w) => /[;&|<>`$()\n]/.test(w) || w === '--daemon')) return false;
  if (words.every((w) => INFO_OPTION.test(w))) return true;
  return program.every((p) => COPIERS.has(p)) && words.every((w) => w.startsWith('-') || !w.includes(':'));
}

/**
 * An argument that names no place to send to: a word, an option with a word for its value (`--theme=nord`), or the
 * project folder the harness names (`--project-dir=$CLAUDE_PROJECT_DIR`). Not a host (`evil.example:443`), a path,
 * a URL of another machine, or a value filled in when the command runs (`$UPLOAD_URL`, `$(cat target)`).
 */
const PLAIN_ARGUMENT = /^(?:-{1,2}[A-Za-z][\w-]*(?:=(?:[\w-]+|\$\{?CLAUDE_PROJECT_DIR\}?))?|[A-Za-z][\w-]*|\$\{?CLAUDE_PROJECT_DIR\}?)$/;

/** Whether every word a package run's program is given is a plain argument, or a URL of this machine (`http://localhost:3000`). */
const plainArguments = (args: readonly string[]): boolean =>
  args.every((w) => PLAIN_ARGUMENT.test(w) || (/^[a-z][a-z0-9+.-]*:\/\//i.test(w) && remoteHost(w) === undefined));

/** Network effects of commands that run without a prompt, one finding per place, most specific first. */
function reportCommands(posture: AgentPosture, approved: readonly string[], report: RuleContext<unknown, typeof messages>['report']): void {
  // A command whose every URL is loopback or approved reaches nothing the policy asks about.
  const quiet = new Set<string>();
  const urls = new Map<string, boolean>();
  for (const fact of factsOf(posture, 'command-effect')) {
    if (fact.effect.kind !== 'url') continue;
    const key = formatKeyPath(fact.keyPath);
    const host = remoteHost(fact.effect.url);
    const fine = host === undefined || isApprovedHost(host, approved);
    urls.set(key, (urls.get(key) ?? true) && fine);
  }
  for (const [key, fine] of urls) if (fine) quiet.add(key);
  // A URL alone (in an echo, a message) reaches nothing; it only tells where a network program goes.
  const facts = effectsToReport(posture, ['fetch-run', 'listener', 'package-run', 'network'], (e, fact) => {
    if (e.kind === 'fetch-run' || e.kind === 'listener') return true;
    // `npx tool` runs the repository's own copy when it has one; only a run that fetches without asking counts.
    if (e.kind === 'package-run') return !e.pinned && e.autoConfirm && !fact.launch;
    if (e.kind === 'network') return !PACKAGE_RUNNERS.has(e.program) && !quiet.has(formatKeyPath(fact.keyPath));
    return false;
  });
  for (const fact of facts) {
    const e = fact.effect;
    const runs = runsHow(fact);
    if (e.kind === 'fetch-run')
      report({ messageId: 'fetch-run', data: { how: `${VIA[e.via]} ${e.interpreter}`, runs }, at: { posture, fact } });
    else if (e.kind === 'listener')
      report({
        messageId: 'listener',
        data: { program: e.program, background: e.background ? ' in the background' : '', runs },
        at: { posture, fact },
      });
    // A fixed package the harness runs (a hook, the status line) and sends nowhere: the registry's code is a
    // supply-chain risk worth pinning, not network use the agent is given, so a notice. One given an address outside
    // the approved hosts (`npx -y foo https://x.example/up`) reaches it: an error. A listener it starts is one of its own.
    else if (e.kind === 'package-run') {
      const key = formatKeyPath(fact.keyPath);
      const sends = (urls.has(key) && !quiet.has(key)) || !plainArguments(e.args);
      report({
        messageId: 'package-run',
        data: { package: e.package, runner: e.runner, runs },
        at: { posture, fact },
        ...(sends ? {} : { notice: true as const }),
      });
    } else if (e.kind === 'network') report({ messageId: 'auto-command', data: { command: e.program, runs }, at: { posture, fact } });
  }
}

export default defineRule({
  meta: {
    id: 'network-access',
    title: 'Network access is off unless approved.',
    description:
      'Finds committed settings that give the agent the network: sandbox network switches, live web search, remote MCP servers and allowed domains outside the approved list, browser and fetch MCP tools approved in advance, openers and browser features (notices), and commands that run without a prompt (hooks, status lines, MCP server launches) and reach the network, download code and run it or start listeners, and unpinned packages they run (notices).',
    defaultLevel: 'error',
    readsGuidance: true,
    optionMerge: { 'allowed-domains': 'narrow', 'check-mcp-hosts': 'require' },
    fix: 'Keep the network off in committed configs; approve the hosts a workflow needs in `rules.network-access.allowed-domains`, or add a documented exception.',
  },
  options,
  messages,
  check({ options, postures, statements, report, scripts }) {
    const approved = options['allowed-domains'];
    const { network, opener } = catalogFor([], []);
    // An allowed runner (`npm run:*`, `make`) starts the project's scripts: one that downloads, installs or reaches a
    // host is reported with the script (running a package runner alone, `npx tool`, is not).
    const reaches = effectJudge({}, (e, text) =>
      e.kind === 'fetch-run' || (e.kind === 'network' && !PACKAGE_RUNNERS.has(e.program)) ? text : undefined,
    );
    const viaScript = reportAllowedScripts(postures, scripts, reaches, 'allowed-script', report);
    // Browser servers approved in advance are errors at the approval; the servers started are a notice otherwise.
    const approvedServers = new Set(
      postures.flatMap((p) =>
        [...factsOf(p, 'tool-approval'), ...factsOf(p, 'auto-approve')].flatMap((f) => knownServer(f.server ?? '', f.launch)?.entry ?? []),
      ),
    );
    // An entry that lets every command run and every page be fetched (Claude Code's `*`) is reported once, under
    // sandbox-mode, which names the network access; its fetching is reported here when its commands are taken back.
    // Looked up only once a fetch of any page is granted.
    const entryOf = (posture: AgentPosture, fact: Fact): string => `${posture.file}\0${formatKeyPath(fact.keyPath)}\0${fact.evidence}`;
    let everyCommand: Set<string> | undefined;
    const allowsEveryCommand = (posture: AgentPosture, fact: Fact): boolean =>
      (everyCommand ??= new Set(findAllowedCommands(postures, ANY_COMMAND).map((a) => entryOf(a.posture, a.fact)))).has(
        entryOf(posture, fact),
      );
    for (const posture of postures) {
      for (const fact of factsOf(posture, 'network')) {
        if (fact.host !== undefined && isApprovedHost(fact.host, approved)) continue;
        if (fact.what === 'fetch' && allowsEveryCommand(posture, fact)) continue;
        if (fact.what === 'remote-server' && !options['check-mcp-hosts']) continue;
        if (fact.what === 'remote-server') report({ messageId: 'remote-server', data: { host: fact.host ?? '' }, at: { posture, fact } });
        else if (fact.what === 'domain') {
          // A loopback host (`"127.0.0.1" = "allow"`, `WebFetch(domain:localhost)`) is this machine: no network.
          if (fact.host !== undefined && isLoopbackHost(fact.host)) continue;
          report({ messageId: 'domain', data: { host: fact.host ?? '' }, at: { posture, fact } });
        } else report({ messageId: GRANT_MESSAGE[fact.what], at: { posture, fact } });
      }
      // A server whose tools are approved: a lookup server's questions go to its site, unless the policy approves
      // that site; a browsing server reaches any page.
      const approvedServer = (fact: Fact, server: string, known: KnownServer | undefined): void => {
        const host = known?.entry.lookupHost;
        if (host !== undefined) {
          if (!isApprovedHost(host, approved)) report({ messageId: 'lookup-server', data: { server, host }, at: { posture, fact } });
        } else if (known?.grants.has('network')) report({ messageId: 'browsing-server', data: { server }, at: { posture, fact } });
      };
      for (const fact of factsOf(posture, 'tool-approval')) {
        const known = knownServer(fact.server, fact.launch);
        // A lookup server's own tools are the server's; any other tool name is judged by what it says.
        if (fact.tool === '*' || (known?.entry.lookupHost !== undefined && known.entry.networkTools?.includes(fact.tool)))
          approvedServer(fact, fact.server, known);
        else if (isBrowsingTool(fact.tool) || isWebSearchTool(fact.tool) || known?.entry.networkTools?.includes(fact.tool) === true)
          report({ messageId: 'browsing-tool', data: { tool: fact.tool }, at: { posture, fact } });
        else if (fact.server === '*' || known?.grants.has('network') === true) {
          // A glob of tool names on every server, or on a browsing one: `notion:*page*` names a notes server's tools.
          const example = globBrowsing(fact.tool);
          if (example !== undefined) report({ messageId: 'browsing-tools', data: { tools: fact.tool, example }, at: { posture, fact } });
        }
      }
      for (const fact of factsOf(posture, 'auto-approve'))
        if (fact.grants === 'trusted-server' && fact.server !== undefined)
          approvedServer(fact, fact.server, knownServer(fact.server, fact.launch));
      for (const fact of factsOf(posture, 'auto-command')) {
        if (!fact.launch || fact.trigger !== 'MCP server launch') continue;
        const known = knownServer('', fact.launch.argv);
        if (!known?.grants.has('network') || approvedServers.has(known.entry)) continue;
        report({ messageId: 'browsing-server-started', data: { server: known.entry.names[0]! }, at: { posture, fact }, notice: true });
      }
      for (const fact of factsOf(posture, 'gui-control'))
        if (fact.reach === 'browser')
          report({ messageId: 'gui-browser', data: { note: fact.note ? ` (${fact.note})` : '' }, at: { posture, fact }, notice: true });
      reportCommands(posture, approved, report);
    }
    // Openers (`open`, `xdg-open`) start a browser or app: a notice, as a started browser server is.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, opener))
      if (!any)
        report({ messageId: 'allowed-opener', data: { command: entry.slice(0, -1).join(' ') }, at: { posture, fact }, notice: true });
    // A rule that allows every command is reported once, under sandbox-mode; but a package runner with free
    // arguments (`npx *`) runs any command by downloading it, which is this rule's too.
    for (const { posture, fact, entry, any } of findAllowedCommands(postures, network)) {
      if (viaScript.has(fact)) continue;
      if (any) {
        // So does an interpreter that installs packages too (`bun:*` runs `bun add`).
        const interpreter = packageInterpreter(fact);
        const runner = packageRunner(fact) ?? (interpreter === undefined ? undefined : `${interpreter} add`);
        if (runner !== undefined) report({ messageId: 'allowed-install', data: { command: runner }, at: { posture, fact } });
        continue;
      }
      if (entry.at(-1) === PACKAGE_PLACEHOLDER)
        report({ messageId: 'allowed-install', data: { command: entry.slice(0, -1).join(' ') }, at: { posture, fact } });
      else if (entry.at(-1) === FREE_ARGUMENT) {
        // Only a rule that names the command itself (`git clone *`): `git *` is a rule for git's local work, whose
        // fetches go to the remotes the repository names.
        const words = entry.slice(0, -1);
        if (words.every((word, i) => fact.pattern[i]?.includes(word) === true))
          report({ messageId: 'allowed-fetch', data: { command: words.join(' ') }, at: { posture, fact } });
      }
      // `curl -s http://localhost:3000/health`, and nothing after it: the machine itself, no network. The same with
      // free arguments after it (`curl -s http://localhost:*`) is a notice: they could name another host too.
      else if (reachesNothing(fact)) continue;
      else if (!loopbackOnly(fact)) report({ messageId: 'allowed-command', data: { command: entry.join(' ') }, at: { posture, fact } });
      else if (!(fact.matcher.kind === 'prefix' && fact.matcher.exact === true))
        report({ messageId: 'allowed-loopback', data: { command: entry.join(' ') }, at: { posture, fact }, notice: true });
    }
    for (const hit of findNetworkUse(readGuidance(statements)))
      report({ messageId: 'guidance', data: { what: hit.what }, at: hit, confidence: hit.confidence });
  },
});
