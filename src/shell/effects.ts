/**
 * What a command line does, as neutral facts with character ranges in the line: writes, persistence,
 * network, listeners, fetch-and-run, package runners, environment injection, trace removal, secret
 * reads, publish and destructive commands. Pure and linear in the input; rules decide what counts against a policy.
 */
import { secretPathMatcher, type SecretPathMatcher } from '../secrets/paths.js';
import { globalInstallIn, INSTALL_COMMANDS, NETWORK_COMMANDS, PRIVILEGE_COMMANDS, runsEntry } from './catalog.js';
import { envInjection } from './environment.js';
import {
  base,
  isInterpreter,
  isPinned,
  isRemote,
  listens,
  operands,
  packageRun,
  runnerProgram,
  SHELL_PROGRAMS,
  tarReading,
  unwrap,
  writeTargets,
} from './programs.js';
import { matchesPattern, type CommandPattern } from './patterns.js';
import { secretRead } from './secret-read.js';
import { startsWithWords, unwrapCommand } from './shell.js';
import { parseCommandLine, type Script, type SimpleCommand, type Word } from './syntax.js';
import type { CommandEffect, Persistence } from '../core/posture.js';
import { isNullDevice, isSecretFolder, placeOf } from './targets.js';

/** The redirections that open their target for writing. */
const REDIRECTION = /^(?:>|>>|>\||&>|&>>|<>)$/;
/** A target that names a folder: `.`, `..`, `~`, or a path ending in `/`, `/.` or `/..`. */
const FOLDER_TARGET = /^(?:\.{1,2}|~|.*\/\.{0,2})$/;

interface Range {
  start: number;
  end: number;
}

export type Effect = CommandEffect;

export interface EffectOptions {
  /** Catalog entries (word lists) of publish/deploy commands, e.g. `buildCatalog().publish`. */
  publish?: readonly string[][];
  /** Destructive commands, e.g. `buildDestructiveCatalog().patterns`. */
  destructive?: readonly CommandPattern[];
  isSecretPath?: SecretPathMatcher;
  /** How deep `-c` strings and `eval` arguments are followed (default 4). */
  maxShellDepth?: number;
  /** Lines longer than this are analysed up to this length (default 64 KiB). */
  maxLength?: number;
  /** At most this many effects are kept (default 500). */
  maxEffects?: number;
}

export interface CommandEffects {
  effects: Effect[];
  /** Work done, in parser steps; bounded by a constant times the input length. */
  steps: number;
  /** What was not followed, if anything: the line was cut, nesting went too deep, or effects were dropped. */
  limits: ('length' | 'depth' | 'effects')[];
}

const DEFAULTS = { maxShellDepth: 4, maxLength: 64 * 1024, maxEffects: 500 };
const NETWORK = new Set(NETWORK_COMMANDS);
const INSTALLS = INSTALL_COMMANDS.map((c) => c.split(' '));
const PRIVILEGED = new Set(PRIVILEGE_COMMANDS);
const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'xh', 'aria2c', 'nc', 'ncat']);
const URL = /\b(?:https?|ftp|wss?|git|ssh):\/\/[^\s'"`<>|;&)]+/g;
const HISTORY = /(?:^|\/)\.(?:bash_|zsh_|sh_|python_|node_repl_|mysql_|psql_)?history$|^\/var\/log(?:\/|$)/;
const INTERPRETER_NETWORK =
  /\b(?:urllib|requests\.|http\.client|socket|fetch\(|https?\.(?:get|request)|Net::HTTP|open-uri|LWP::|Invoke-WebRequest|iwr |curl_exec|file_get_contents\(\s*['"]https?:)/;

class Analysis {
  readonly effects: Effect[] = [];
  readonly limits = new Set<'length' | 'depth' | 'effects'>();
  steps = 0;
  private readonly keys = new Set<string>();
  /** Files a download wrote to, so running them later reads as fetch-and-run. */
  private readonly downloaded = new Set<string>();

  constructor(readonly o: Required<EffectOptions>) {}

  add(effect: Effect): void {
    if (effect.end < effect.start) effect.end = effect.start;
    const key = JSON.stringify(effect);
    if (this.keys.has(key)) return;
    if (this.effects.length >= this.o.maxEffects) {
      this.limits.add('effects');
      return;
    }
    this.keys.add(key);
    this.effects.push(effect);
  }

  /** Analyses `text`, whose offsets `at` maps into the original line. */
  text(text: string, at: (k: number) => number, depth: number, background: boolean): void {
    const parsed = parseCommandLine(text);
    this.steps += parsed.steps;
    if (parsed.limited) this.limits.add('depth');
    this.script(parsed.script, at, depth, background);
  }

  private script(script: Script, at: (k: number) => number, depth: number, background: boolean): void {
    const cs = script.commands;
    let source: { command: SimpleCommand; program: string } | undefined;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k]!;
      const inPipe = k > 0 && cs[k - 1]!.next === '|';
      if (!inPipe) source = undefined;
      const program = this.command(c, at, depth, background || c.background);
      if (source && program && readsScriptFromStdin(c, program)) {
        this.add({ kind: 'fetch-run', via: 'pipe', interpreter: program, start: at(source.command.start), end: at(c.end - 1) + 1 });
      }
      const name = program ?? '';
      if (c.next === '|' && (DOWNLOADERS.has(name) || source)) source ??= { command: c, program: name };
      // `cat <<EOF | bash`: the here-document is the script the next command runs.
      const next = cs[k + 1];
      const body = c.redirects.find((r) => r.body)?.body;
      if (body && name === 'cat' && c.next === '|' && next && readsScriptFromStdin(next, programOf(next)))
        this.nested(body, at, depth, background);
    }
  }

  /** The effects of one simple command; returns the name of the program it runs. */
  private command(c: SimpleCommand, at: (k: number) => number, depth: number, background: boolean): string | undefined {
    const range = (w: Word | Range): Range => ({ start: at(w.start), end: at(w.end - 1) + 1 });
    const wordRange = (w: Word, from: number, to: number): Range => ({
      start: at(w.map[from] ?? w.start),
      end: at(w.map[to - 1] ?? w.end - 1) + 1,
    });
    for (const w of c.words) for (const s of w.subs) this.script(s, at, depth, background);
    for (const r of c.redirects) for (const s of r.target?.subs ?? []) this.script(s, at, depth, background);
    for (const w of c.words) this.urls(w, wordRange);

    const u = unwrap(c.words);
    for (const a of u.assignments) this.assignment(a, wordRange);
    const words = u.words.slice(u.index);
    const head = words[0];
    const name = head ? base(head.text) : undefined;
    const args = words.slice(1);

    for (const r of c.redirects) {
      if (!r.target) continue;
      const writes = REDIRECTION.test(r.op);
      if (writes) this.write(r.target, r.op, name ?? r.op, range);
      if (r.op === '<<<' && name && (SHELL_PROGRAMS.has(name) || name === 'eval')) this.nested(r.target, at, depth, background);
      if (r.body && name && SHELL_PROGRAMS.has(name) && !args.some((a) => /^-[a-zA-Z]*c/.test(a.text))) {
        this.nested(r.body, at, depth, background);
      }
      if (r.op === '<' && name && readsScriptFromStdin(c, name) && this.downloaded.has(r.target.text)) {
        this.add({ kind: 'fetch-run', via: 'downloaded-file', interpreter: name, ...range(r.target) });
      }
    }
    if (!head || !name) return undefined;
    const texts = u.words.map((w) => w.text);

    const run = packageRun(words);
    if (run) {
      const p = run.run.package;
      if (p)
        this.add({
          kind: 'package-run',
          runner: run.run.runner,
          package: p.text,
          pinned: isPinned(p.text),
          autoConfirm: run.run.autoConfirm,
          args: texts.slice(u.index + run.rest),
          ...range(p),
        });
      this.add({ kind: 'network', program: run.run.runner, ...range(head) });
      // `npx -y http-server -p 8080` listens as `http-server -p 8080` does.
      const program = runnerProgram(texts, u.index);
      if (program?.name !== undefined && listens(base(program.name), u.words.slice(program.index + 1)))
        this.add({ kind: 'listener', program: base(program.name), background: background || u.detached, ...range(head) });
      // `npx vercel --prod` runs `vercel --prod`, which publishes whichever copy of the package runs it.
      this.catalogued(texts, u.words, head, at);
      return name;
    }

    const secret = secretRead(texts, this.o.isSecretPath);
    if (secret) {
      const w = u.words.find((x) => x.text === secret) ?? head;
      this.add({ kind: 'secret-read', what: secret, how: 'read', ...range(w) });
    }
    this.secretCopies(name, args, range);

    if (NETWORK.has(name)) this.add({ kind: 'network', program: name, ...range(head) });
    const wt = words.map((w) => w.text);
    const install = INSTALLS.find((i) => startsWithWords(wt, i) && operands(words.slice(i.length)).length > 0);
    if (install) {
      this.add({ kind: 'network', program: install.join(' '), ...range(head) });
      // Global and system installs write outside the repository, and so does any install run as root.
      const root = texts.slice(0, u.index).find((t) => PRIVILEGED.has(base(t)));
      const global = globalInstallIn(wt) ?? (root === undefined ? undefined : `${base(root)} ${install.join(' ')}`);
      if (global) this.add({ kind: 'global-install', command: global, ...range(head) });
    }
    if (listens(name, args)) this.add({ kind: 'listener', program: name, background: background || u.detached, ...range(head) });

    for (const t of writeTargets(name, args)) {
      this.write(t.word, t.how, name, range);
      if (DOWNLOADERS.has(name)) this.downloaded.add(t.word.text);
    }
    this.persistence(name, args, head, range);
    this.traces(name, args, head, range);

    this.catalogued(texts, u.words, head, at);
    this.runsCode(name, args, head, at, depth, background, range);
    return name;
  }

  /** The publish and destructive commands of the catalogue a command runs, through its wrappers and runners. */
  private catalogued(texts: string[], words: readonly Word[], head: Word, at: (k: number) => number): void {
    if (this.o.publish.length === 0 && this.o.destructive.length === 0) return;
    const unwrapped = unwrapCommand(texts);
    const offset = texts.length - unwrapped.length;
    const start = at(words[offset]?.start ?? head.start);
    for (const entry of this.o.publish) {
      if (runsEntry(unwrapped, entry)) {
        // An entry with options matches them anywhere after its program words: the whole command is the place.
        const last = (entry.some((w) => w.startsWith('-')) ? words.at(-1) : words[offset + entry.length - 1]) ?? head;
        this.add({ kind: 'publish', command: entry.join(' '), start, end: at(last.end - 1) + 1 });
        break;
      }
    }
    // Options may come anywhere after the program words, so the whole command is the place.
    const destructive = this.o.destructive.find((p) => matchesPattern(unwrapped, p));
    if (destructive) this.add({ kind: 'destructive', command: destructive.name, start, end: at(words.at(-1)!.end - 1) + 1 });
  }

  /** `-c` strings, `eval`, `source`, process substitutions and downloaded files given to a shell or interpreter. */
  private runsCode(
    name: string,
    args: Word[],
    head: Word,
    at: (k: number) => number,
    depth: number,
    background: boolean,
    range: (w: Word | Range) => Range,
  ): void {
    const shell = SHELL_PROGRAMS.has(name);
    const runner = shell || isInterpreter(name) || name === 'eval' || name === 'source' || name === '.';
    if (!runner) return;
    const flag = args.findIndex((a) =>
      shell ? /^-[a-zA-Z]+$/.test(a.text) && a.text.includes('c') : /^-(?:c|e|-eval|-command|Command|p|-print)$/.test(a.text),
    );
    const code = name === 'eval' ? args : flag >= 0 && args[flag + 1] ? [args[flag + 1]!] : [];
    for (const w of code) {
      if (w.subs.some(fetches)) this.add({ kind: 'fetch-run', via: 'command-substitution', interpreter: name, ...range(w) });
      if (shell || name === 'eval') this.nested(w, at, depth, background);
      else if (INTERPRETER_NETWORK.test(w.text)) this.add({ kind: 'network', program: name, ...range(w) });
    }
    const ops = operands(args);
    for (const w of ops) {
      if (w.process === '<' && w.subs.some(fetches))
        this.add({ kind: 'fetch-run', via: 'process-substitution', interpreter: name, ...range(w) });
      if (this.downloaded.has(w.text)) this.add({ kind: 'fetch-run', via: 'downloaded-file', interpreter: name, ...range(w) });
    }
    if (this.downloaded.has(head.text) || this.downloaded.has(head.text.replace(/^\.\//, ''))) {
      this.add({ kind: 'fetch-run', via: 'downloaded-file', interpreter: name, ...range(head) });
    }
  }

  /** Follows a script held in a word (`-c` string, here-string, here-document), up to the depth bound. */
  nested(w: Word, at: (k: number) => number, depth: number, background: boolean): void {
    if (depth >= this.o.maxShellDepth) {
      this.limits.add('depth');
      return;
    }
    const map = w.map;
    this.text(w.text, (k) => at(map[k] ?? (map.length ? map[map.length - 1]! + 1 : w.end)), depth + 1, background);
  }

  private write(target: Word, how: string, program: string, range: (w: Word) => Range): void {
    const path = target.text;
    if (isNullDevice(path) || (/^(?:>&|<&)$/.test(how) && /^\d+$/.test(path)) || isRemote(path)) return;
    // A redirection into a folder (`> ..`, `> ~/`, `>> logs/`) fails: the shell opens no file there. Documentation's
    // placeholders read this way (`--git-range <base>..<head>` redirects to `..`).
    if (REDIRECTION.test(how) && FOLDER_TARGET.test(path)) return;
    const facts = placeOf(path);
    this.add({ kind: 'write', how, path, ...facts, ...range(target) });
    if (facts.persistence) this.add({ kind: 'persistence', mechanism: facts.persistence, program, ...range(target) });
    // A log inside the repository is a build artefact; outside it, it is a trace.
    const trace = HISTORY.test(path) || (facts.outside && path.endsWith('.log'));
    if (trace && (how === 'rm' || how === 'shred' || how === 'truncate' || how === 'unlink' || how === '>')) {
      this.add({ kind: 'trace-removal', how: `${how} ${path}`, ...range(target) });
    }
  }

  private persistence(name: string, args: Word[], head: Word, range: (w: Word) => Range): void {
    const t = args.map((a) => a.text);
    let mechanism: Persistence | undefined;
    if ((name === 'crontab' && !t.includes('-l')) || name === 'at' || name === 'batch') mechanism = 'cron';
    else if (name === 'launchctl' && /^(?:load|bootstrap|submit|enable)$/.test(t[0] ?? '')) mechanism = 'launchd';
    else if (
      name === 'systemctl' &&
      (t.some((a) => /^(?:enable|link|preset|reenable)$/.test(a)) ||
        (t.includes('--user') && !t.some((a) => /^(?:status|show|cat|list-.*|is-.*)$/.test(a))))
    ) {
      mechanism = 'systemd';
    } else if (name === 'git' && t.includes('config') && t.some((a) => /^core\.hookspath$/i.test(a))) mechanism = 'git-hook';
    if (mechanism) this.add({ kind: 'persistence', mechanism, program: name, ...range(head) });
  }

  private traces(name: string, args: Word[], head: Word, range: (w: Word) => Range): void {
    const t = args.map((a) => a.text);
    let how: string | undefined;
    if (name === 'history' && t.some((a) => /^-[a-zA-Z]*[cd]/.test(a))) how = `history ${t.join(' ')}`;
    else if (name === 'unset' && t.some((a) => a.startsWith('HIST'))) how = `unset ${t.filter((a) => a.startsWith('HIST')).join(' ')}`;
    else if (name === 'set' && t.includes('+o') && t.includes('history')) how = 'set +o history';
    else if ((name === 'export' || name === 'declare' || name === 'typeset') && t.some((a) => /^HIST(?:FILE|SIZE|FILESIZE)=/.test(a)))
      how = t.find((a) => a.startsWith('HIST'));
    else if (name === 'journalctl' && t.some((a) => a.startsWith('--vacuum') || a === '--rotate')) how = 'journalctl --vacuum';
    if (how) this.add({ kind: 'trace-removal', how, ...range(head) });
  }

  /** `VAR=x` before a command, or an `export VAR=x`: environment that changes what later programs load. */
  private assignment(w: Word, wordRange: (w: Word, from: number, to: number) => Range): void {
    const eq = w.text.indexOf('=');
    const variable = w.text.slice(0, eq);
    const value = w.text.slice(eq + 1);
    const injects = envInjection(variable, value);
    if (injects) this.add({ kind: 'env-injection', variable, value, injects, ...wordRange(w, 0, w.text.length) });
    if (/^HIST(?:FILE|SIZE|FILESIZE)$/.test(variable)) this.add({ kind: 'trace-removal', how: w.text, ...wordRange(w, 0, w.text.length) });
  }

  private secretCopies(name: string, args: Word[], range: (w: Word) => Range): void {
    let sources: Word[] = [];
    let how: 'copy' | 'archive' = 'copy';
    if (name === 'tar') {
      const t = tarReading(args);
      if (t.creates) sources = t.sources;
      how = 'archive';
    } else if (name === 'zip' || name === '7z' || name === 'rar') {
      sources = operands(args).slice(name === 'zip' ? 1 : 2);
      how = 'archive';
    } else if (name === 'cp' || name === 'rsync' || name === 'scp' || name === 'mv') sources = operands(args).slice(0, -1);
    for (const s of sources) {
      if (isSecretFolder(s.text) || this.o.isSecretPath(s.text)) this.add({ kind: 'secret-read', what: s.text, how, ...range(s) });
    }
  }

  private urls(w: Word, wordRange: (w: Word, from: number, to: number) => Range): void {
    if (!w.text.includes('://')) return;
    for (const m of w.text.matchAll(URL)) this.add({ kind: 'url', url: m[0], ...wordRange(w, m.index, m.index + m[0].length) });
  }
}

const programOf = (c: SimpleCommand): string => {
  const u = unwrap(c.words);
  return base(u.words[u.index]?.text ?? '');
};

/** Whether a sub-script downloads something (its output is then code when run). */
function fetches(script: Script): boolean {
  return script.commands.some((c) => {
    const u = unwrap(c.words);
    const name = base(u.words[u.index]?.text ?? '');
    return DOWNLOADERS.has(name) || NETWORK.has(name) || c.words.some((w) => w.subs.some(fetches));
  });
}

/** A shell or interpreter that takes its program from standard input (`bash`, `sh -s`, `python3 -`). */
function readsScriptFromStdin(c: SimpleCommand, name: string): boolean {
  if (name === 'source' || name === '.') return c.words.some((w) => w.text === '/dev/stdin');
  if (!SHELL_PROGRAMS.has(name) && !isInterpreter(name)) return false;
  const u = unwrap(c.words);
  const args = u.words.slice(u.index + 1);
  if (args.some((a) => /^-[a-zA-Z]*[ce]$/.test(a.text))) return false;
  const ops = operands(args, new Set(['-m', '-W', '-X', '-o', '-O']));
  if (args.some((a) => a.text === '-m')) return false;
  return ops.length === 0 || ops[0]!.text === '-' || ops[0]!.text === '/dev/stdin' || args.some((a) => a.text === '-s');
}

let defaultSecretPath: SecretPathMatcher | undefined;

function resolve(options: EffectOptions): Analysis['o'] {
  return {
    publish: options.publish ?? [],
    destructive: options.destructive ?? [],
    isSecretPath: options.isSecretPath ?? (defaultSecretPath ??= secretPathMatcher()),
    maxShellDepth: options.maxShellDepth ?? DEFAULTS.maxShellDepth,
    maxLength: options.maxLength ?? DEFAULTS.maxLength,
    maxEffects: options.maxEffects ?? DEFAULTS.maxEffects,
  };
}

/** The effects of a shell command line (a hook, status line, `apiKeyHelper`, `notify` command …). */
export function commandEffects(line: string, options: EffectOptions = {}): CommandEffects {
  const o = resolve(options);
  const a = new Analysis(o);
  const text = line.length > o.maxLength ? line.slice(0, o.maxLength) : line;
  if (text !== line) a.limits.add('length');
  const last = text.length;
  a.text(text, (k) => Math.min(k, last), 0, false);
  return { effects: a.effects, steps: a.steps, limits: [...a.limits] };
}
