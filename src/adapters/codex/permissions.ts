import type { Fact, SandboxMode } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { entries, isTable, own, showValue, tableAt, type Table } from '../walk.js';
import type { At } from './tools.js';

/**
 * Whether the network proxy enforces domain rules: `[features] network_proxy = true`, or the table form
 * `[features.network_proxy]` with `enabled = true`.
 */
export function proxyEnforced(doc: Table): boolean {
  const proxy = own(tableAt(doc, 'features') ?? {}, 'network_proxy');
  return proxy === true || (isTable(proxy) && own(proxy, 'enabled') === true);
}

/**
 * A network table: `[permissions.<name>.network]` of a permission profile, or the proxy's own settings in
 * `[features.network_proxy]`. Allowed domains, the proxy's dangerous switches, Unix sockets the sandbox may
 * connect to (connecting writes to the socket: a container engine's socket runs anything as root, an SSH or
 * GPG agent's signs with its keys), and credentials the proxy injects into requests from a file.
 */
export function addNetworkTable(net: Table, netPath: KeyPath, scope: string, facts: Fact[], at: At, group: string): void {
  const domains = tableAt(net, 'domains');
  for (const [host, decision] of domains ? entries(domains) : []) {
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
  for (const key of ['dangerously_allow_non_loopback_proxy', 'dangerously_allow_all_unix_sockets', 'allow_upstream_proxy']) {
    if (own(net, key) !== true) continue;
    const path = [...netPath, key];
    facts.push({ kind: 'network', what: 'proxy', keyPath: path, anchor: at(path), evidence: `${key} = true`, scope });
  }
  const sockets = tableAt(net, 'unix_sockets');
  for (const [socket, decision] of sockets ? entries(sockets) : []) {
    if (decision !== 'allow') continue;
    const path = [...netPath, 'unix_sockets', socket];
    const base = { keyPath: path, anchor: at(path, 'key'), evidence: `unix_sockets ${JSON.stringify(socket)} = "allow"`, scope };
    facts.push({ kind: 'writable-root', path: socket, ...base });
    facts.push({ kind: 'path-access', path: socket, access: 'read', decision: 'allow', group, ...base });
  }
  const actions = tableAt(tableAt(net, 'mitm'), 'actions');
  for (const [action, config] of actions ? entries(actions) : []) {
    const headers = isTable(config) ? own(config, 'inject_request_headers') : undefined;
    if (!Array.isArray(headers)) continue;
    headers.forEach((header, i) => {
      const file = isTable(header) ? own(header, 'secret_file') : undefined;
      if (typeof file !== 'string') return;
      const path = [...netPath, 'mitm', 'actions', action, 'inject_request_headers', i, 'secret_file'];
      facts.push({
        kind: 'path-access',
        path: file,
        access: 'read',
        decision: 'allow',
        group,
        keyPath: path,
        anchor: at(path),
        evidence: `secret_file = ${showValue(file)}`,
        scope,
      });
    });
  }
}

const PRESETS: Record<string, SandboxMode> = {
  ':read-only': 'read-only',
  ':workspace': 'workspace-write',
  ':danger-full-access': 'danger-full-access',
};

/** A built-in permission profile (`:danger-full-access`) as a sandbox level. */
export const presetMode = (name: unknown): SandboxMode | undefined =>
  typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;

/**
 * `[permissions.<name>]` profiles: the built-in profile one `extends`, filesystem grants, extra workspace roots
 * and the network table; and the proxy's own network table, `[features.network_proxy]`.
 */
export function addPermissionProfiles(file: string, doc: Table, facts: Fact[], at: At): void {
  const features = tableAt(doc, 'features');
  const proxy = features ? tableAt(features, 'network_proxy') : undefined;
  if (proxy) addNetworkTable(proxy, ['features', 'network_proxy'], 'network proxy', facts, at, `${file}#features.network_proxy`);
  const permissions = tableAt(doc, 'permissions');
  if (!permissions) return;
  const enforced = proxyEnforced(doc);
  for (const [name, profile] of entries(permissions)) {
    if (!isTable(profile)) continue;
    const base = ['permissions', name];
    const scope = `permission profile "${name}"`;
    const group = `${file}#${base.join('.')}`;
    const extended = own(profile, 'extends');
    const mode = presetMode(extended);
    if (mode) {
      const path = [...base, 'extends'];
      facts.push({ kind: 'sandbox', mode, keyPath: path, anchor: at(path), evidence: `extends = ${showValue(extended)}`, scope });
    }
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
            group,
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
      } else if (!enforced) {
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
    addNetworkTable(net, netPath, scope, facts, at, group);
  }
}
