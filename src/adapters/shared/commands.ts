import { excerpt } from '../../secrets/redact.js';
import { spanInText, type CommandEffect, type Fact, type TextPlace } from '../../core/posture.js';
import type { Locator } from '../../core/locator.js';
import type { Anchor, KeyPath } from '../../core/types.js';
import { commandEffects } from '../../shell/effects.js';
import { launchEffects, type LaunchPlace } from '../../shell/launch.js';
import { placeOf } from '../../shell/targets.js';
import { quoteWord } from '../../shell/shell.js';
import { textPlace, type FileText } from './text-place.js';

/** What placing characters inside a file's strings needs: its text and its locator. */
export interface CommandSite {
  text: FileText;
  locator: Locator;
}

function placeOfValue(site: CommandSite | undefined, path: KeyPath, value: string): TextPlace | undefined {
  return site ? textPlace(site.text, site.locator.locate(path, 'value'), value) : undefined;
}

/** An anchor at characters `start`..`end` of the string at `path`, else at the string's key. */
export function anchorIn(place: TextPlace | undefined, path: KeyPath, start: number, end: number): Anchor {
  return place ? { kind: 'span', span: spanInText(place, start, end) } : { kind: 'key', path, part: 'value' };
}

/**
 * A shell command line that runs without a prompt (hook, status line, helper, notifier): the command itself,
 * and every effect the shell analysis finds in it, each anchored at its characters in the file. Publish
 * commands depend on the policy's catalog, so the rule finds those in the command with `place`.
 */
export function addShellCommand(
  add: (fact: Fact) => void,
  site: CommandSite | undefined,
  command: string,
  path: KeyPath,
  trigger: string,
  evidence: string,
  scope?: string,
): void {
  addShellCommandAt(add, placeOfValue(site, path, command), command, path, trigger, evidence, scope);
}

/** `addShellCommand` for a command whose characters' places in the file are known (`place`), not read from a key. */
export function addShellCommandAt(
  add: (fact: Fact) => void,
  place: TextPlace | undefined,
  command: string,
  path: KeyPath,
  trigger: string,
  evidence: string,
  scope?: string,
): void {
  const scoped = scope === undefined ? {} : { scope };
  add({
    kind: 'auto-command',
    command,
    trigger,
    ...(place ? { place } : {}),
    keyPath: path,
    anchor: { kind: 'key', path, part: 'value' },
    evidence,
    ...scoped,
  });
  for (const effect of commandEffects(command).effects) {
    add({
      kind: 'command-effect',
      effect,
      command,
      trigger,
      launch: false,
      keyPath: path,
      anchor: anchorIn(place, path, effect.start, effect.end),
      evidence: `${trigger} "${excerpt(command.slice(effect.start, effect.end))}"`,
      ...scoped,
    });
  }
}

/**
 * Programs that serve files under the folders given as arguments, and their names as MCP packages, or a script of
 * such a package's folder that `node` runs (`node …/@modelcontextprotocol/server-filesystem/dist/index.js`).
 */
const FILESYSTEM_SERVER =
  /(?:^|[/@-])(?:server-filesystem|filesystem-mcp|mcp-server-filesystem|mcp-filesystem(?:-server)?)(?:@[^/\s]*)?(?:\/(?:[\w.-]+\/){0,3}[\w.-]+\.[cm]?js)?$/;

/**
 * A folder written to be replaced: the filesystem server's own documented example (`/path/to/other/allowed/dir`),
 * `<dir>`, `your-folder`.
 */
const PLACEHOLDER_FOLDER = /^\/path\/to\/|<[^>]*>|\byour[-_/]|\/your\b/i;

/** Arguments of a filesystem MCP server that name folders outside the repository, placeholders left out. */
function filesystemRoots(argv: readonly string[]): { arg: number; path: string }[] {
  const server = argv.findIndex((a) => FILESYSTEM_SERVER.test(a));
  if (server < 0) return [];
  const roots: { arg: number; path: string }[] = [];
  for (let i = server + 1; i < argv.length; i++) {
    const a = argv[i]!;
    // A placeholder names no folder, unless `..` climbs out of it to one that exists.
    if (a.startsWith('-') || (PLACEHOLDER_FOLDER.test(a) && !a.split(/[\\/]/).includes('..'))) continue;
    const facts = placeOf(a);
    if (facts.outside && facts.place !== 'temp') roots.push({ arg: i, path: a });
  }
  return roots;
}

/** An argument vector as one shell line, each word quoted, so a shell reading sees the same words. */
const quoteArgv = (argv: readonly string[]): string => argv.map(quoteWord).join(' ');

/**
 * An MCP server started with the agent (or a notifier): `command` + `args` + `env` at `serverPath`. Each effect
 * is anchored in the argument or environment value it comes from. A filesystem server rooted outside the
 * repository is a write there. Running a package by name is the server itself, not an extra effect, so it is
 * left out. The argument vector is also a command that runs without a prompt, so rules that read commands with
 * their own options (publish catalog, secret paths) read it as they read hooks.
 */
export function addLaunch(
  add: (fact: Fact) => void,
  site: CommandSite | undefined,
  server: { command: unknown; args: unknown; env: unknown },
  serverPath: KeyPath,
  names: { command?: string; args?: string; env?: string; argsFrom?: number },
  trigger: string,
  scope?: string,
): void {
  const { command } = server;
  if (typeof command !== 'string' || command.trim() === '') return;
  const args = Array.isArray(server.args) ? server.args.filter((a): a is string => typeof a === 'string') : [];
  if (Array.isArray(server.args) && args.length !== server.args.length) return;
  const env: Record<string, string> = {};
  if (server.env && typeof server.env === 'object' && !Array.isArray(server.env)) {
    for (const [k, v] of Object.entries(server.env)) if (typeof v === 'string') env[k] = v;
  }
  const argv = [command, ...args];
  const line = argv.join(' ');
  const pathOf = (at: LaunchPlace): KeyPath =>
    'env' in at
      ? [...serverPath, names.env ?? 'env', at.env]
      : at.arg === 0
        ? names.argsFrom === undefined
          ? [...serverPath, names.command ?? 'command']
          : [...serverPath, names.command ?? 'command', 0]
        : [...serverPath, names.args ?? 'args', at.arg - 1 + (names.argsFrom ?? 0)];
  const valueOf = (at: LaunchPlace): string => ('env' in at ? (env[at.env] ?? '') : (argv[at.arg] ?? ''));
  const scoped = scope === undefined ? {} : { scope };
  const paths = argv.map((_, arg) => pathOf({ arg, start: 0, end: 0 }));
  add({
    kind: 'auto-command',
    command: quoteArgv(argv),
    trigger,
    launch: { argv, paths, places: argv.map((value, arg) => placeOfValue(site, paths[arg]!, value)) },
    keyPath: paths[0]!,
    anchor: { kind: 'key', path: paths[0]!, part: 'value' },
    evidence: `${trigger} "${excerpt(line)}"`,
    ...scoped,
  });
  const push = (effect: CommandEffect, at: LaunchPlace): void => {
    const path = pathOf(at);
    const value = valueOf(at);
    const place = placeOfValue(site, path, value);
    const shown = 'env' in at ? `${at.env}=${excerpt(value)}` : excerpt(value.slice(at.start, at.end) || value);
    add({
      kind: 'command-effect',
      effect,
      command: line,
      trigger,
      launch: true,
      keyPath: path,
      anchor: anchorIn(place, path, at.start, at.end),
      evidence: `${trigger} "${shown}"`,
      ...scoped,
    });
  };
  for (const { effect, at } of launchEffects(command, args, env).effects) {
    if (effect.kind === 'package-run' || (effect.kind === 'network' && 'arg' in at && at.arg === 0)) continue;
    push(effect, at);
  }
  for (const root of filesystemRoots(argv)) {
    const facts = placeOf(root.path);
    push(
      { kind: 'write', how: 'filesystem server root', path: root.path, ...facts, start: 0, end: root.path.length },
      { arg: root.arg, start: 0, end: root.path.length },
    );
  }
}
