import type { Fact, SandboxMode, AgentPosture } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import type { Locator } from '../../core/locator.js';
import { entries, isTable, own, showSetting, showValue, stringLeaves, tableAt, type Table } from '../walk.js';
import { launchWords } from '../shared/launch.js';
import { addLaunch, addShellCommand, type CommandSite } from '../shared/commands.js';
import { fileText } from '../shared/text-place.js';

const SANDBOX_MODES: Record<string, SandboxMode> = {
  'read-only': 'read-only',
  'workspace-write': 'workspace-write',
  'danger-full-access': 'danger-full-access',
};
const PERMISSION_PRESETS: Record<string, SandboxMode> = {
  ':read-only': 'read-only',
  ':workspace': 'workspace-write',
  ':danger-full-access': 'danger-full-access',
};

/** Maps one parsed `.codex/config.toml` onto vendor-neutral facts. */
export function toCodexConfigPosture(file: string, doc: Table, locator: Locator, text?: string): AgentPosture {
  const site: CommandSite | undefined = text === undefined ? undefined : { text: fileText(text), locator };
  const facts: Fact[] = [];
  const at = (path: KeyPath, part: 'key' | 'value' = 'value') => ({ kind: 'key' as const, path, part });
  const add = (fact: Fact): void => {
    facts.push(fact);
  };

  const scopes: [KeyPath, Table, string | undefined][] = [[[], doc, undefined]];
  const profiles = tableAt(doc, 'profiles');
  if (profiles) {
    for (const [name, profile] of entries(profiles)) {
      if (isTable(profile)) scopes.push([['profiles', name], profile, `profile "${name}"`]);
    }
  }
  // Custom agents declared inline (`[agents.<name>]`) take the same settings as a profile.
  const agents = tableAt(doc, 'agents');
  if (agents) {
    for (const [name, agent] of entries(agents)) {
      if (isTable(agent)) scopes.push([['agents', name], agent, `agent "${name}"`]);
    }
  }
  let envFilter: AgentPosture['envFilter'] = 'absent';

  for (const [base, table, scope] of scopes) {
    const setting = (key: string): [KeyPath, unknown] => [[...base, key], own(table, key)];
    const scoped = scope === undefined ? {} : { scope };

    const [modePath, mode] = setting('sandbox_mode');
    if (typeof mode === 'string' && SANDBOX_MODES[mode]) {
      add({
        kind: 'sandbox',
        mode: SANDBOX_MODES[mode],
        keyPath: modePath,
        anchor: at(modePath),
        evidence: showSetting(modePath, mode),
        ...scoped,
      });
    }
    const [permPath, perm] = setting('default_permissions');
    if (typeof perm === 'string' && PERMISSION_PRESETS[perm]) {
      add({
        kind: 'sandbox',
        mode: PERMISSION_PRESETS[perm],
        keyPath: permPath,
        anchor: at(permPath),
        evidence: showSetting(permPath, perm),
        ...scoped,
      });
    }
    const [approvalPath, approval] = setting('approval_policy');
    if (approval === 'never') {
      add({
        kind: 'approval-never',
        keyPath: approvalPath,
        anchor: at(approvalPath),
        evidence: showSetting(approvalPath, approval),
        ...scoped,
      });
    }
    const [reviewerPath, reviewer] = setting('approvals_reviewer');
    // Under approval_policy = "never" nothing is escalated, so a reviewer never decides anything.
    if (typeof reviewer === 'string' && reviewer !== 'user' && approval !== 'never') {
      add({
        kind: 'model-reviewer',
        keyPath: reviewerPath,
        anchor: at(reviewerPath),
        evidence: showSetting(reviewerPath, reviewer),
        ...scoped,
      });
    }
    const [searchPath, search] = setting('web_search');
    // "live" fetches pages; "indexed" fetches them when the search index lets the request through.
    if (search === 'live' || search === 'indexed') {
      add({
        kind: 'network',
        what: 'web-search',
        keyPath: searchPath,
        anchor: at(searchPath),
        evidence: showSetting(searchPath, search),
        ...scoped,
      });
    }
    for (const [group, key] of [
      ['tools', 'web_search'],
      ['features', 'web_search_request'],
    ] as const) {
      const value = own(tableAt(table, group) ?? {}, key);
      const path = [...base, group, key];
      if (value === true)
        add({ kind: 'network', what: 'web-search', keyPath: path, anchor: at(path), evidence: `${group}.${key} = true`, ...scoped });
    }

    const sww = tableAt(table, 'sandbox_workspace_write');
    if (sww) {
      const swwPath = [...base, 'sandbox_workspace_write'];
      if (own(sww, 'network_access') === true) {
        const path = [...swwPath, 'network_access'];
        add({ kind: 'network', what: 'sandbox-network', keyPath: path, anchor: at(path), evidence: 'network_access = true', ...scoped });
      }
      const roots = own(sww, 'writable_roots');
      if (Array.isArray(roots)) {
        roots.forEach((root, i) => {
          if (typeof root !== 'string') return;
          const path = [...swwPath, 'writable_roots', i];
          add({
            kind: 'writable-root',
            path: root,
            keyPath: path,
            anchor: at(path),
            evidence: `writable_roots entry ${JSON.stringify(root)}`,
            ...scoped,
          });
        });
      }
    }

    const env = tableAt(table, 'shell_environment_policy');
    if (env) {
      const envPath = [...base, 'shell_environment_policy'];
      const inherit = own(env, 'inherit') ?? 'all';
      // Current Codex defaults ignore_default_excludes to true: *KEY*/*SECRET*/*TOKEN* variables pass unless excluded.
      const ignoreDefaults = own(env, 'ignore_default_excludes') ?? true;
      const nonEmpty = (k: string): boolean => {
        const v = own(env, k);
        return Array.isArray(v) ? v.length > 0 : isTable(v) && Object.keys(v).length > 0;
      };
      const filtered =
        inherit === 'none' ||
        inherit === 'core' ||
        ignoreDefaults === false ||
        nonEmpty('exclude') ||
        nonEmpty('include_only') ||
        nonEmpty('filters');
      if (scope === undefined || envFilter !== 'unfiltered') envFilter = filtered ? 'filtered' : 'unfiltered';
      if (!filtered) {
        const explicitIgnore = own(env, 'ignore_default_excludes') === true;
        const explicitAll = own(env, 'inherit') === 'all';
        if (explicitIgnore || explicitAll) {
          const path = [...envPath, explicitIgnore ? 'ignore_default_excludes' : 'inherit'];
          add({
            kind: 'env-passthrough',
            detail: `inherit = ${showValue(inherit)} with ignore_default_excludes = ${showValue(ignoreDefaults)} and no exclude, include_only or filters`,
            keyPath: path,
            anchor: at(path),
            evidence: showSetting(path, explicitIgnore ? true : 'all'),
            ...scoped,
          });
        }
      }
    }
  }

  addPermissionProfiles(file, doc, facts, at);
  addMcpServers(doc, facts, at, site);
  addMiscellaneous(doc, facts, at, site);
  for (const leaf of stringLeaves(doc)) {
    add({
      kind: 'literal',
      value: leaf.value,
      keyName: leaf.keyName,
      keyPath: leaf.path,
      anchor: at(leaf.path),
      evidence: showSetting(leaf.path, leaf.value),
    });
  }
  return { agent: 'codex', file, facts, envFilter, locator };
}

type At = (path: KeyPath, part?: 'key' | 'value') => { kind: 'key'; path: KeyPath; part: 'key' | 'value' };

function addPermissionProfiles(file: string, doc: Table, facts: Fact[], at: At): void {
  const permissions = tableAt(doc, 'permissions');
  if (!permissions) return;
  const proxyEnforced = own(tableAt(doc, 'features') ?? {}, 'network_proxy') === true;
  for (const [name, profile] of entries(permissions)) {
    if (!isTable(profile)) continue;
    const base = ['permissions', name];
    const scope = `permission profile "${name}"`;
    const fs = tableAt(profile, 'filesystem');
    if (fs) {
      for (const [target, access] of entries(fs)) {
        const path = [...base, 'filesystem', target];
        const evidence = `${JSON.stringify(target)} = ${showValue(access)}`;
        if (access === 'write')
          facts.push({ kind: 'writable-root', path: target, keyPath: path, anchor: at(path, 'key'), evidence, scope });
        else if (access === 'read')
          facts.push({
            kind: 'path-access',
            path: target,
            access: 'read',
            decision: 'allow',
            group: `${file}#${base.join('.')}`,
            keyPath: path,
            anchor: at(path, 'key'),
            evidence,
            scope,
          });
      }
    }
    const roots = own(profile, 'workspace_roots');
    const rootList = Array.isArray(roots)
      ? roots.map((r, i) => [r, i] as const)
      : isTable(roots)
        ? Object.keys(roots).map((r) => [r, r] as const)
        : [];
    for (const [root, key] of rootList) {
      if (typeof root !== 'string') continue;
      const path = [...base, 'workspace_roots', key];
      facts.push({
        kind: 'writable-root',
        path: root,
        keyPath: path,
        anchor: at(path, typeof key === 'number' ? 'value' : 'key'),
        evidence: `workspace root ${JSON.stringify(root)}`,
        scope,
      });
    }
    const net = tableAt(profile, 'network');
    if (!net) continue;
    const netPath = [...base, 'network'];
    if (own(net, 'enabled') === true) {
      const path = [...netPath, 'enabled'];
      if (own(net, 'mode') === 'full') {
        const modePath = [...netPath, 'mode'];
        facts.push({
          kind: 'network',
          what: 'sandbox-network',
          keyPath: modePath,
          anchor: at(modePath),
          evidence: 'network enabled with mode = "full"',
          scope,
        });
      } else if (!proxyEnforced) {
        facts.push({
          kind: 'network',
          what: 'unenforced-domains',
          keyPath: path,
          anchor: at(path),
          evidence: 'network enabled = true without features.network_proxy = true',
          scope,
        });
      }
    }
    const domains = tableAt(net, 'domains');
    if (domains) {
      for (const [host, decision] of entries(domains)) {
        if (decision !== 'allow') continue;
        const path = [...netPath, 'domains', host];
        facts.push({
          kind: 'network',
          what: 'domain',
          host,
          keyPath: path,
          anchor: at(path, 'key'),
          evidence: `${JSON.stringify(host)} = "allow"`,
          scope,
        });
      }
    }
    for (const key of ['dangerously_allow_non_loopback_proxy', 'dangerously_allow_all_unix_sockets', 'allow_upstream_proxy']) {
      if (own(net, key) !== true) continue;
      const path = [...netPath, key];
      facts.push({ kind: 'network', what: 'proxy', keyPath: path, anchor: at(path), evidence: `${key} = true`, scope });
    }
  }
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

export function remoteHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]+)/i.exec(url);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  return LOOPBACK.test(host) ? undefined : host;
}

function addMcpServers(doc: Table, facts: Fact[], at: At, site: CommandSite | undefined): void {
  const servers = tableAt(doc, 'mcp_servers');
  if (!servers) return;
  for (const [id, server] of entries(servers)) {
    if (!isTable(server) || own(server, 'enabled') === false) continue;
    const base = ['mcp_servers', id];
    const scope = `MCP server "${id}"`;
    const url = own(server, 'url');
    if (typeof url === 'string') {
      const host = remoteHost(url);
      const path = [...base, 'url'];
      if (host)
        facts.push({
          kind: 'network',
          what: 'remote-server',
          host,
          keyPath: path,
          anchor: at(path),
          evidence: showSetting(path, url),
          scope,
        });
    }
    const started = { command: own(server, 'command'), args: own(server, 'args'), env: own(server, 'env') };
    addLaunch((f) => facts.push(f), site, started, base, {}, 'MCP server launch', scope);
    const token = own(server, 'bearer_token');
    if (typeof token === 'string') {
      const path = [...base, 'bearer_token'];
      facts.push({ kind: 'inline-credential', value: token, keyPath: path, anchor: at(path), evidence: 'bearer_token = "…"', scope });
    }
    const launch = launchWords(server);
    const defaultMode = own(server, 'default_tools_approval_mode');
    if (defaultMode === 'approve') {
      const path = [...base, 'default_tools_approval_mode'];
      facts.push({
        kind: 'tool-approval',
        server: id,
        tool: '*',
        launch,
        keyPath: path,
        anchor: at(path),
        evidence: 'default_tools_approval_mode = "approve"',
        scope,
      });
    }
    const tools = tableAt(server, 'tools');
    for (const [tool, config] of tools ? entries(tools) : []) {
      if (!isTable(config) || own(config, 'approval_mode') !== 'approve') continue;
      const path = [...base, 'tools', tool, 'approval_mode'];
      facts.push({
        kind: 'tool-approval',
        server: id,
        tool,
        launch,
        keyPath: path,
        anchor: at(path),
        evidence: `tools.${tool}.approval_mode = "approve"`,
        scope,
      });
    }
  }
}

function addMiscellaneous(doc: Table, facts: Fact[], at: At, site: CommandSite | undefined): void {
  const projects = tableAt(doc, 'projects');
  for (const [target, project] of projects ? entries(projects) : []) {
    if (!isTable(project) || own(project, 'trust_level') !== 'trusted') continue;
    const path = ['projects', target, 'trust_level'];
    facts.push({
      kind: 'self-trust',
      target,
      keyPath: path,
      anchor: at(path),
      evidence: `[projects.${JSON.stringify(target)}] trust_level = "trusted"`,
    });
  }
  const add = (f: Fact): void => {
    facts.push(f);
  };
  const notify = own(doc, 'notify');
  if (Array.isArray(notify) && notify.every((w) => typeof w === 'string') && notify.length > 0) {
    facts.push({
      kind: 'auto-command',
      // Quoted word by word, so rules that read it as a shell line see the same argument vector.
      command: notify.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' '),
      trigger: 'notify',
      keyPath: ['notify'],
      anchor: at(['notify']),
      evidence: showSetting(['notify'], notify),
    });
    // notify is an argument vector run without a shell.
    addLaunch(
      add,
      site,
      { command: notify[0], args: notify.slice(1), env: {} },
      [],
      { command: 'notify', args: 'notify', argsFrom: 1 },
      'notify',
    );
  }
  const hooks = own(doc, 'hooks');
  if (hooks !== undefined) {
    for (const leaf of stringLeaves(hooks)) {
      if (leaf.keyName !== 'command' && !(leaf.path.length > 1 && leaf.path.at(-2) === 'command')) continue;
      const path = ['hooks', ...leaf.path];
      addShellCommand(add, site, leaf.value, path, 'hook', `hook command ${JSON.stringify(leaf.value)}`);
    }
  }
  const providers = tableAt(doc, 'model_providers');
  for (const [id, provider] of providers ? entries(providers) : []) {
    if (!isTable(provider)) continue;
    const token = own(provider, 'experimental_bearer_token');
    if (typeof token !== 'string') continue;
    const path = ['model_providers', id, 'experimental_bearer_token'];
    facts.push({
      kind: 'inline-credential',
      value: token,
      keyPath: path,
      anchor: at(path),
      evidence: 'experimental_bearer_token = "…"',
      scope: `model provider "${id}"`,
    });
  }
}
