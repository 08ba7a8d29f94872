import type { Decision, Fact } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { entries, isTable, own } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { hookEvidence } from '../shared/hooks.js';
import { addMcpServers } from '../shared/mcp.js';
import { addCommandRule, addDomainGrant, commandWords, parseToolEntry } from '../shared/permissions.js';
import { at, atFileStart, setting, stringsAt, structuredAdapter, valueAt, type MapContext } from '../shared/structured.js';
import { simpleCommands } from '../../shell/shell.js';
import { base } from '../../shell/programs.js';
import { parseCommandLine } from '../../shell/syntax.js';
import picomatch from 'picomatch';

/** Cursor's permission files in a repository (cli.json, permissions.json, sandbox.json), which the agent could rewrite. */
const OWN_PERMISSION_FILES = ['.cursor/cli.json', '.cursor/permissions.json', '.cursor/sandbox.json'];

/** Whether a `Write(…)` glob that names the `.cursor` folder covers one of Cursor's permission files. */
function coversOwnPermissions(glob: string): boolean {
  const pattern = glob.trim().replace(/^\.\//, '');
  if (!/(?:^|\/|\*)\.cursor(?:\/|$)/i.test(pattern)) return false;
  try {
    const match = picomatch(pattern, { dot: true, nocase: true });
    return OWN_PERMISSION_FILES.some((file) => match(file) || match(`x/${file}`));
  } catch {
    return false;
  }
}

/** Keys of the personal cli-config.json that Cursor ignores in a project's cli.json ("only permissions can be configured at the project level"). */
const GLOBAL_ONLY = ['approvalMode', 'sandbox', 'webFetchDomainAllowlist', 'networkAccess', 'networkAllowlist'];

function mapCli(ctx: MapContext): void {
  for (const key of GLOBAL_ONLY) {
    if (Object.hasOwn(ctx.root, key))
      ctx.reject?.(
        [key],
        `Cursor reads only "permissions" from a project's .cursor/cli.json: "${key}" here is ignored (it takes effect only in ~/.cursor/cli-config.json)`,
        true,
      );
  }
  for (const [list, decision] of [
    ['allow', 'allow'],
    ['deny', 'deny'],
  ] as [string, Decision][]) {
    const unknown: [string, KeyPath][] = [];
    for (const [entry, path] of stringsAt(ctx.root, ['permissions', list])) {
      const { tool, arg } = parseToolEntry(entry);
      if (!CLI_TOKENS.has(tool)) unknown.push([tool, path]);
      const evidence = `${list} "${entry}"`;
      // Shell(git) allows every git command: the token is the command base.
      if (tool === 'Shell') addCommandRule(ctx, commandWords(arg), decision, path, evidence);
      else if (tool === 'Read' && arg !== undefined)
        ctx.add({ kind: 'path-access', path: arg, access: 'read', decision, group: ctx.group, ...at(path, evidence) });
      else if (tool === 'Write' && arg !== undefined && decision === 'allow') {
        ctx.add({ kind: 'writable-root', path: arg, ...at(path, evidence) });
        if (coversOwnPermissions(arg)) ctx.add({ kind: 'bypass', grants: 'edits-own-permissions', ...at(path, evidence) });
      } else if (tool === 'WebFetch' && decision === 'allow') addDomainGrant(ctx, arg ?? '*', path, evidence);
      else if (tool === 'Mcp' && decision === 'allow') {
        const [server = '*', name = '*'] = (arg ?? '*').split(':');
        ctx.add({ kind: 'tool-approval', server, tool: name, ...at(path, evidence) });
      }
    }
    // `Bash(git:*)`, Claude Code's form: not a token Cursor's CLI names, so it is read as nothing. Said once a list.
    if (unknown.length > 0) {
      const [tool, path] = unknown[0]!;
      // Only a word that reads as a tool's name is quoted (Bash, ReadFile), never the rest of what the file holds.
      const named = /^[A-Z][A-Za-z]{1,20}$/.test(tool) ? `"${tool}(…)"` : 'an entry';
      const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more in this list)` : '';
      ctx.reject?.(
        path,
        `${named} is not one of the permission tokens of Cursor's CLI (Shell, Read, Write, WebFetch, Mcp), so it is read as nothing here${more}; ${decision === 'deny' ? 'if Cursor does not read it either, it denies nothing' : 'write it as Shell(…) or another token'}`,
        true,
      );
    }
  }
}

/** The permission tokens of Cursor's CLI (https://cursor.com/docs/cli/reference/permissions). */
const CLI_TOKENS = new Set(['Shell', 'Read', 'Write', 'WebFetch', 'Mcp']);

function mapPermissions(ctx: MapContext): void {
  // The CLI's keys written here by mistake: Cursor ignores keys this file does not define
  // (https://cursor.com/docs/reference/permissions), so an allow list here grants nothing and a deny list holds nothing.
  for (const key of ['permissions', ...GLOBAL_ONLY]) {
    if (Object.hasOwn(ctx.root, key))
      ctx.reject?.(
        [key],
        `Cursor ignores "${key}" in .cursor/permissions.json, which takes only terminalAllowlist, mcpAllowlist and autoRun: ${key === 'permissions' ? 'its allow and deny lists are read from .cursor/cli.json' : 'it takes effect only in ~/.cursor/cli-config.json'}`,
        true,
      );
  }
  // An entry is a command prefix ("git"); written as a pattern ("git *", Claude Code's "git:*") it is read as the same
  // prefix, and "*" as every command: what its author meant to let run is what the rules judge.
  for (const [command, path] of stringsAt(ctx.root, ['terminalAllowlist'])) {
    addCommandRule(ctx, commandWords(command), 'allow', path, `terminalAllowlist entry "${command}"`);
  }
  for (const [entry, path] of stringsAt(ctx.root, ['mcpAllowlist'])) {
    const [server = '*', name = '*'] = entry.split(':');
    ctx.add({
      kind: 'tool-approval',
      server: server.trim() || '*',
      tool: name.trim() || '*',
      ...at(path, `mcpAllowlist entry "${entry}"`),
    });
  }
  // Sentences that steer the Auto-review classifier: what it may let run is read as AGENTS.md is, and "Allow X" there
  // approves X. Block instructions only hold calls for review, so they grant nothing (read for hidden text like every
  // config file).
  for (const [sentence, path] of stringsAt(ctx.root, ['autoRun', 'allow_instructions'])) ctx.addApproval?.(path, sentence);
}

/** Whether a path's last name reads as a folder's: no wildcard, and no ending after a first dot (`~/.aws`, `/home/me/.kube/`). */
const isFolderName = (path: string): boolean => !/[*?[{]/.test(path) && /^\.?[^.]+$/.test(base(withoutEndSlashes(path)));
/** The path without the slashes it ends in (a loop: a pattern anchored at the end would try every run of slashes). */
function withoutEndSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

function mapSandbox(ctx: MapContext): void {
  const type = valueAt(ctx.root, ['type']);
  if (type === 'insecure_none') ctx.add({ kind: 'bypass', grants: 'no-sandbox', ...at(['type'], setting(['type'], type)) });
  // A path the sandbox lets commands write is one they read too (https://cursor.com/docs/agent/terminal#sandbox), and a
  // folder is everything in it (`~/.aws` holds `credentials`).
  for (const key of ['additionalReadwritePaths', 'additionalReadonlyPaths'] as const)
    for (const [dir, path] of stringsAt(ctx.root, [key])) {
      const evidence = `${key} entry "${dir}"`;
      if (key === 'additionalReadwritePaths') ctx.add({ kind: 'writable-root', path: dir, ...at(path, evidence) });
      const read = isFolderName(dir) ? `${withoutEndSlashes(dir)}/**` : dir;
      ctx.add({ kind: 'path-access', path: read, access: 'read', decision: 'allow', group: ctx.group, ...at(path, evidence) });
    }
  const policy = valueAt(ctx.root, ['networkPolicy', 'default']);
  if (policy === 'allow')
    ctx.add({ kind: 'network', what: 'sandbox-network', ...at(['networkPolicy', 'default'], 'networkPolicy.default: "allow"') });
  for (const list of ['allow', 'allowedDomains', 'allowDomains']) {
    for (const [domain, path] of stringsAt(ctx.root, ['networkPolicy', list])) {
      addDomainGrant(ctx, domain, path, `networkPolicy.${list} entry "${domain}"`);
    }
  }
}

/** Programs that only print: a hook made of them answers the same whatever it is asked. */
const PRINTERS = new Set(['echo', 'printf', 'cat', 'true', 'exit']);
const ALLOW = /"permission"\s*:\s*"allow"/;

/** A hook command that visibly answers `{"permission":"allow"}` to every request: it only prints, and prints that. */
function answersAllow(command: string): boolean {
  if (!ALLOW.test(command)) return false;
  let printsOnly = true;
  simpleCommands(parseCommandLine(command.slice(0, 4096)).script, (c) => {
    if (!PRINTERS.has(c.words[0]?.text ?? '')) printsOnly = false;
  });
  return printsOnly;
}

/**
 * `.cursor/hooks.json` (https://cursor.com/docs/agent/hooks): `{ "version": 1, "hooks": { "<event>": [{ "command":
 * "…" }] } }`. Every command runs without a prompt when its event fires; a `beforeShellExecution` or
 * `beforeMCPExecution` hook that always answers "allow" approves every shell command or MCP tool call.
 */
function mapHooks(ctx: MapContext): void {
  const hooks = own(ctx.root, 'hooks');
  if (hooks === undefined) return;
  const expected = 'Cursor reads hooks as { "version": 1, "hooks": { "<event>": [{ "command": "…" }] } }';
  const rejected = (path: KeyPath, what: string): void =>
    ctx.reject?.(path, `${what} is not a hook shape Cursor accepts: ${expected}; Cursor runs nothing for it`);
  const command = (text: string, path: KeyPath, event: string): void => {
    const evidence = hookEvidence(event, text);
    addShellCommand(ctx.add, ctx.site, text, path, `${event} hook`, evidence);
    if (!answersAllow(text)) return;
    if (event === 'beforeShellExecution') addCommandRule(ctx, [], 'allow', path, evidence);
    else if (event === 'beforeMCPExecution') ctx.add({ kind: 'tool-approval', server: '*', tool: '*', ...at(path, evidence) });
  };
  if (!isTable(hooks)) {
    rejected(['hooks'], '"hooks" that is not an object of events');
    return;
  }
  for (const [event, list] of entries(hooks)) {
    const eventPath: KeyPath = ['hooks', event];
    const entry = (value: unknown, path: KeyPath): void => {
      if (typeof value === 'string') {
        rejected(path, `a command string in "${event}"`);
        command(value, path, event);
        return;
      }
      if (!isTable(value)) return;
      const text = own(value, 'command');
      const type = own(value, 'type');
      if (typeof text === 'string' && (type === undefined || type === 'command')) command(text, [...path, 'command'], event);
      const nested = own(value, 'hooks');
      // Claude Code's `{ matcher, hooks: [{ type, command }] }`: Cursor finds no command in it.
      if (typeof text !== 'string' && Array.isArray(nested)) {
        (nested as unknown[]).forEach((hook, h) => {
          const inner = isTable(hook) ? own(hook, 'command') : hook;
          const where: KeyPath = isTable(hook) ? [...path, 'hooks', h, 'command'] : [...path, 'hooks', h];
          if (typeof inner !== 'string') return;
          rejected(where, `a command nested in "hooks" of an entry of "${event}"`);
          command(inner, where, event);
        });
      }
    };
    if (Array.isArray(list)) list.forEach((value, i) => entry(value, [...eventPath, i]));
    else if (typeof list === 'string' || isTable(list)) {
      if (isTable(list)) rejected(eventPath, `an object directly under the event "${event}" (it takes a list)`);
      entry(list, eventPath);
    }
  }
}

/** What a cloud agent's setup command does beyond its own disposable machine: publishing, and reading secrets. */
const LEAVES_THE_MACHINE = new Set(['publish', 'secret-read']);

/**
 * `.cursor/environment.json`: the cloud agent's machine runs `install` before the agent works, `start` and each of
 * `terminals[].command` beside it, all without a prompt. Writes, downloads and listeners there stay on that
 * disposable machine, so only publishing and secret reads are kept.
 */
function mapEnvironment(ctx: MapContext): void {
  const add = (fact: Fact): void => {
    if (fact.kind !== 'command-effect' || LEAVES_THE_MACHINE.has(fact.effect.kind)) ctx.add(fact);
  };
  const run = (command: unknown, path: KeyPath, trigger: string): void => {
    if (typeof command === 'string' && command.trim() !== '')
      addShellCommand(add, ctx.site, command, path, trigger, setting(path, command));
  };
  run(own(ctx.root, 'install'), ['install'], 'cloud agent install');
  run(own(ctx.root, 'start'), ['start'], 'cloud agent start');
  const terminals = own(ctx.root, 'terminals');
  if (Array.isArray(terminals))
    terminals.forEach((terminal, i) => {
      if (isTable(terminal)) run(own(terminal, 'command'), ['terminals', i, 'command'], 'cloud agent terminal');
    });
}

const KEYS: readonly KeyDoc[] = [
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow / deny: Shell(…)',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'Shell(git) allows every git command, push included; deny wins',
  },
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow / deny: Read(…), Write(…)',
    rule: 'secret-access, outside-writes',
    note: 'reads of secret files; writes outside the repository',
  },
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow: Write(…) covering .cursor/cli.json, permissions.json or sandbox.json',
    rule: 'sandbox-mode',
    note: 'the agent may rewrite its own permissions without asking',
  },
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow / deny: a token other than Shell, Read, Write, WebFetch or Mcp (Bash(…))',
    rule: 'config-unparseable',
    note: 'a notice, once a list: read as nothing; a deny so written may deny nothing (https://cursor.com/docs/cli/reference/permissions)',
  },
  {
    file: '.cursor/cli.json',
    key: 'approvalMode, sandbox, webFetchDomainAllowlist, networkAccess, networkAllowlist',
    rule: 'config-unparseable',
    note: 'a notice: Cursor reads only permissions from a project cli.json and ignores these',
  },
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow: WebFetch(…), Mcp(server:tool)',
    rule: 'network-access, publish-deploy, destructive-actions, sandbox-mode',
    note: 'fetches; pre-approved publish/deploy-like tools; `Mcp(*:*)`, every tool of every server, is sandbox-mode',
  },
  {
    file: '.cursor/permissions.json',
    key: 'terminalAllowlist, mcpAllowlist',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions, sandbox-mode',
    note: 'commands and MCP tools that run without asking; `*:*`, every tool of every server, is sandbox-mode',
  },
  {
    file: '.cursor/permissions.json',
    key: 'permissions, approvalMode, sandbox, webFetchDomainAllowlist, networkAccess, networkAllowlist',
    rule: 'config-unparseable',
    note: 'a notice: keys of cli.json that Cursor ignores in this file',
  },
  {
    file: '.cursor/permissions.json',
    key: 'autoRun.allow_instructions',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access',
    note: 'plain-language approvals for the Auto-review classifier, read as guidance at their characters ("run anything without asking"); one that approves network use or publishing in its own words is a high-confidence finding',
  },
  { file: '.cursor/sandbox.json', key: 'type ("insecure_none")', rule: 'sandbox-mode', note: 'no sandbox' },
  { file: '.cursor/sandbox.json', key: 'additionalReadwritePaths', rule: 'outside-writes', note: 'paths outside the repository' },
  {
    file: '.cursor/sandbox.json',
    key: 'additionalReadonlyPaths, additionalReadwritePaths',
    rule: 'secret-access',
    note: 'secret files and folders made readable (~/.ssh, ~/.aws)',
  },
  {
    file: '.cursor/sandbox.json',
    key: 'networkPolicy.default, networkPolicy allow lists',
    rule: 'network-access',
    note: '"allow" by default; domains outside allowed-domains',
  },
  {
    file: '.cursor/mcp.json',
    key: 'mcpServers.*.url; env, headers and any string value',
    rule: 'network-access, secret-access',
    note: 'remote servers (check-mcp-hosts); literal credentials',
  },
  {
    file: '.cursor/mcp.json',
    key: 'mcpServers.*.command + args + env',
    rule: 'outside-writes, network-access, secret-access',
    note: 'MCP servers started with the agent: filesystem roots outside the repository, environment injection (NODE_OPTIONS, LD_PRELOAD, PATH), downloads run in -c strings',
  },
  {
    file: '.cursor/hooks.json',
    key: 'hooks.<event>[].command',
    rule: 'outside-writes, network-access, secret-access, publish-deploy, destructive-actions',
    note: 'commands that run without a prompt (https://cursor.com/docs/agent/hooks), read with the shell analysis; shapes Cursor does not run are config-unparseable',
  },
  {
    file: '.cursor/hooks.json',
    key: 'hooks.beforeShellExecution / beforeMCPExecution: a command that only prints {"permission":"allow"}',
    rule: 'sandbox-mode',
    note: 'answers "allow" to every shell command (any command) or every MCP tool call',
  },
  {
    file: '.cursor/environment.json',
    key: 'install, start, terminals[].command',
    rule: 'publish-deploy, secret-access',
    note: "commands the cloud agent's machine runs without a prompt: publishing and secret reads (writes and downloads stay on that disposable machine)",
  },
  {
    file: '.cursor/commands/**/*.md',
    key: 'the markdown',
    rule: 'every rule',
    note: "a custom command's instructions (https://cursor.com/docs/agent/chat/commands), read as guidance",
  },
  {
    file: '.cursor/cli-config.json',
    key: '(the file itself)',
    rule: 'secret-access',
    note: 'a copy of the personal ~/.cursor/cli-config.json (approval mode, auth)',
  },
];

export const cursorAdapter = structuredAdapter({
  id: 'cursor',
  name: 'Cursor',
  keys: KEYS,
  kinds: [
    { path: '.cursor/cli.json', format: 'jsonc', map: mapCli },
    { path: '.cursor/permissions.json', format: 'jsonc', map: mapPermissions },
    { path: '.cursor/sandbox.json', format: 'jsonc', map: mapSandbox },
    { path: '.cursor/mcp.json', format: 'jsonc', map: (ctx) => addMcpServers(ctx, 'mcpServers') },
    { path: '.cursor/hooks.json', format: 'jsonc', map: mapHooks },
    { path: '.cursor/environment.json', format: 'jsonc', map: mapEnvironment },
    // Custom commands: markdown prompts the user runs from the chat's `/` menu; only their instructions are read.
    { path: '.cursor/commands/**/*.md', format: 'markdown', map: () => undefined },
    {
      path: '.cursor/cli-config.json',
      format: 'jsonc',
      map: (ctx) =>
        ctx.add({
          kind: 'personal-file',
          holds: 'approval mode and authentication',
          copyOf: '~/.cursor/cli-config.json',
          ...atFileStart('.cursor/cli-config.json'),
        }),
    },
  ],
});
