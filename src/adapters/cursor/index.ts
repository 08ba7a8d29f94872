import type { Decision } from '../../core/posture.js';
import type { KeyDoc } from '../types.js';
import { addMcpServers } from '../shared/mcp.js';
import { addCommandRule, addDomainGrant, commandWords, parseToolEntry } from '../shared/permissions.js';
import { at, atFileStart, setting, stringsAt, structuredAdapter, valueAt, type MapContext } from '../shared/structured.js';
import { splitCommandLine } from '../../shell/shell.js';
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
    for (const [entry, path] of stringsAt(ctx.root, ['permissions', list])) {
      const { tool, arg } = parseToolEntry(entry);
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
  }
}

function mapPermissions(ctx: MapContext): void {
  for (const [command, path] of stringsAt(ctx.root, ['terminalAllowlist'])) {
    addCommandRule(ctx, splitCommandLine(command)[0] ?? [], 'allow', path, `terminalAllowlist entry "${command}"`);
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
}

function mapSandbox(ctx: MapContext): void {
  const type = valueAt(ctx.root, ['type']);
  if (type === 'insecure_none') ctx.add({ kind: 'bypass', grants: 'no-sandbox', ...at(['type'], setting(['type'], type)) });
  for (const [dir, path] of stringsAt(ctx.root, ['additionalReadwritePaths']))
    ctx.add({ kind: 'writable-root', path: dir, ...at(path, `additionalReadwritePaths entry "${dir}"`) });
  for (const [dir, path] of stringsAt(ctx.root, ['additionalReadonlyPaths']))
    ctx.add({
      kind: 'path-access',
      path: dir,
      access: 'read',
      decision: 'allow',
      group: ctx.group,
      ...at(path, `additionalReadonlyPaths entry "${dir}"`),
    });
  const policy = valueAt(ctx.root, ['networkPolicy', 'default']);
  if (policy === 'allow')
    ctx.add({ kind: 'network', what: 'sandbox-network', ...at(['networkPolicy', 'default'], 'networkPolicy.default: "allow"') });
  for (const list of ['allow', 'allowedDomains', 'allowDomains']) {
    for (const [domain, path] of stringsAt(ctx.root, ['networkPolicy', list])) {
      addDomainGrant(ctx, domain, path, `networkPolicy.${list} entry "${domain}"`);
    }
  }
}

const KEYS: readonly KeyDoc[] = [
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow / deny: Shell(…)',
    rule: 'publish-deploy, network-access, secret-access',
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
    key: 'approvalMode, sandbox, webFetchDomainAllowlist, networkAccess, networkAllowlist',
    rule: 'config-unparseable',
    note: 'a notice: Cursor reads only permissions from a project cli.json and ignores these',
  },
  {
    file: '.cursor/cli.json',
    key: 'permissions.allow: WebFetch(…), Mcp(server:tool)',
    rule: 'network-access, publish-deploy',
    note: 'fetches; pre-approved publish/deploy-like tools',
  },
  {
    file: '.cursor/permissions.json',
    key: 'terminalAllowlist, mcpAllowlist',
    rule: 'publish-deploy, network-access, secret-access',
    note: 'commands and MCP tools that run without asking',
  },
  { file: '.cursor/sandbox.json', key: 'type ("insecure_none")', rule: 'sandbox-mode', note: 'no sandbox' },
  { file: '.cursor/sandbox.json', key: 'additionalReadwritePaths', rule: 'outside-writes', note: 'paths outside the repository' },
  {
    file: '.cursor/sandbox.json',
    key: 'additionalReadonlyPaths',
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
