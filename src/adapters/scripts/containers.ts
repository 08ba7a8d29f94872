import type { Fact } from '../../core/posture.js';
import type { KeyPath } from '../../core/types.js';
import { at, setting } from '../shared/structured.js';
import { entries, isTable, own, type Table } from '../walk.js';

/** Sockets of Docker, Podman and containerd: a container that holds one starts containers with any host folder. */
const CONTAINER_SOCKET = /(?:^|\/)(?:docker|podman|containerd)\.sock$/i;
/** Variable names that hold credentials. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL/i;
/**
 * The API keys an agent needs to run at all: passing them into its own container is how it is meant to work,
 * not an exposure to report.
 */
const AGENT_KEYS = new Set([
  'ANTHROPIC_API_KEY',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'OPENAI_API_KEY',
  'CODEX_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'DASHSCOPE_API_KEY',
  'OPENROUTER_API_KEY',
  'CURSOR_API_KEY',
  'AMP_API_KEY',
]);

/** A host path as a mount names it: the home folder as `~`, the repository's folder as `.`. */
export function hostPath(source: string): string {
  return source
    .trim()
    .replace(/^\$\{(?:localEnv|env):(?:HOME|USERPROFILE)(?::[^}]*)?\}|^\$\{HOME\}|^\$HOME\b/, '~')
    .replace(/^\$\{(?:localWorkspaceFolder|containerWorkspaceFolder)\}|^\$\{PWD\}|^\$PWD\b/, '.');
}

/** Dotfiles that are files, not folders; otherwise a last part with an extension (`config.json`) names a file. */
const DOTFILES = /^\.(?:npmrc|netrc|pypirc|env(?:\..*)?|gitconfig|git-credentials|bashrc|zshrc|profile|bash_history|zsh_history)$/;
const looksLikeFile = (path: string): boolean => {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return DOTFILES.test(last) || /^[^.].*\.[A-Za-z0-9]+$/.test(last);
};

/** A bind mount of `source` into the agent's container: what of the host it lets the agent read and write. */
function addMount(add: (f: Fact) => void, source: string, readOnly: boolean, path: KeyPath, evidence: string, scope?: string): void {
  const host = hostPath(source);
  const base = { ...at(path, evidence, 'value', scope) };
  if (CONTAINER_SOCKET.test(host)) {
    add({
      kind: 'bypass',
      grants: 'unsandboxed-commands',
      note: "the container engine's socket: the agent can start a container with the host mounted",
      ...base,
    });
    return;
  }
  // Only host paths outside the repository: `.`, `./x` and named volumes stay inside what the agent works on.
  if (!/^(?:\/|~|\.\.|[A-Za-z]:[\\/]|\$)/.test(host)) return;
  // A folder mounted is every file under it readable (`~/.aws` holds `credentials`).
  const readable = looksLikeFile(host) ? host : `${host.replace(/\/+$/, '')}/**`;
  add({ kind: 'path-access', path: readable, access: 'read', decision: 'allow', group: `mount:${path.join('/')}`, ...base });
  if (!readOnly) add({ kind: 'writable-root', path: host, ...base });
}

/** `key=value` fields of a `--mount` / devcontainer mount string. */
function mountFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  return fields;
}

/** A `--mount` string or a devcontainer `mounts` entry (string or object). */
export function addMountEntry(add: (f: Fact) => void, entry: unknown, path: KeyPath, scope?: string): void {
  if (typeof entry === 'string') {
    const f = mountFields(entry);
    const source = f.get('source') ?? f.get('src');
    if (source === undefined || (f.get('type') ?? 'bind') !== 'bind') return;
    const readOnly = ['readonly', 'ro'].some((k) => f.has(k) && f.get(k) !== 'false');
    addMount(add, source, readOnly, path, `mount "${entry}"`, scope);
  } else if (isTable(entry)) {
    const source = own(entry, 'source');
    if (typeof source !== 'string' || (own(entry, 'type') ?? 'bind') !== 'bind') return;
    const readOnly = own(entry, 'readonly') === true || own(entry, 'read_only') === true;
    addMount(add, source, readOnly, [...path, 'source'], `mount source "${source}"`, scope);
  }
}

/** A `-v host:container[:ro]` / compose short volume. */
export function addVolume(add: (f: Fact) => void, volume: string, path: KeyPath, scope?: string): void {
  // A Windows drive letter's colon is part of the host path.
  const m = /^((?:[A-Za-z]:)?[^:]+):([^:]+)(?::([^:]*))?$/.exec(volume.trim());
  if (!m) return;
  addMount(add, m[1]!, /(?:^|,)ro(?:,|$)/.test(m[3] ?? ''), path, `volume "${volume}"`, scope);
}

/** Docker `run` arguments (`runArgs`): privileged, the host's network, mounts. */
export function addRunArgs(add: (f: Fact) => void, args: readonly [string, KeyPath][], scope?: string): void {
  for (let i = 0; i < args.length; i++) {
    const [arg, path] = args[i]!;
    const next = args[i + 1]?.[0];
    const evidence = `runArgs entry "${arg}"`;
    if (arg === '--privileged' || arg === '--privileged=true') addPrivileged(add, path, evidence, scope);
    else if (/^--(?:network|net)=host$/.test(arg) || (/^--(?:network|net)$/.test(arg) && next === 'host'))
      addHostNetwork(add, path, evidence, scope);
    else if (/^(?:-v|--volume)$/.test(arg) && next !== undefined) addVolume(add, next, args[i + 1]![1], scope);
    else if (arg.startsWith('--volume=')) addVolume(add, arg.slice('--volume='.length), path, scope);
    else if (arg === '--mount' && next !== undefined) addMountEntry(add, next, args[i + 1]![1], scope);
    else if (arg.startsWith('--mount=')) addMountEntry(add, arg.slice('--mount='.length), path, scope);
  }
}

export const addPrivileged = (add: (f: Fact) => void, path: KeyPath, evidence: string, scope?: string): void =>
  add({
    kind: 'bypass',
    grants: 'no-sandbox',
    note: "a privileged container: the agent reaches the host's devices and kernel",
    ...at(path, evidence, 'value', scope),
  });

export const addHostNetwork = (add: (f: Fact) => void, path: KeyPath, evidence: string, scope?: string): void =>
  add({
    kind: 'network',
    what: 'sandbox-network',
    note: "the container shares the host's network, its local services included",
    ...at(path, evidence, 'value', scope),
  });

/**
 * Environment variables given to the agent's container: a secret-named one whose value comes from the host
 * (`${localEnv:GITHUB_TOKEN}`, `${GITHUB_TOKEN}`) puts that credential in the agent's reach.
 */
export function addEnvironment(add: (f: Fact) => void, env: unknown, path: KeyPath, scope?: string): void {
  const pairs: [string, unknown, KeyPath][] = isTable(env)
    ? entries(env).map(([k, v]) => [k, v, [...path, k]])
    : Array.isArray(env)
      ? env.flatMap((e, i): [string, unknown, KeyPath][] => {
          if (typeof e !== 'string') return [];
          const eq = e.indexOf('=');
          return [[eq < 0 ? e : e.slice(0, eq), eq < 0 ? `\${${e}}` : e.slice(eq + 1), [...path, i]]];
        })
      : [];
  for (const [name, value, at_] of pairs) {
    if (typeof value !== 'string' || !SECRET_NAME.test(name) || AGENT_KEYS.has(name.toUpperCase())) continue;
    if (!/\$\{?(?:localEnv:|env:)?[A-Za-z_]/.test(value)) continue;
    add({
      kind: 'env-passthrough',
      detail: `${name} from the host, readable by the agent in its container`,
      ...at(at_, setting(at_, value), 'value', scope),
    });
  }
}

/** A word as a shell reads it back: quoted unless it holds only characters no shell treats specially. */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** A lifecycle command as devcontainer.json and compose write it: a string (a shell line), an array (argv) or an object of them. */
export function commandLines(value: unknown, path: KeyPath): [string, KeyPath, 'shell' | 'argv'][] {
  if (typeof value === 'string') return [[value, path, 'shell']];
  if (Array.isArray(value)) {
    const words = value.filter((w): w is string => typeof w === 'string');
    return words.length === value.length && words.length > 0 ? [[words.map(shellWord).join(' '), path, 'argv']] : [];
  }
  if (isTable(value)) return entries(value).flatMap(([k, v]) => commandLines(v, [...path, k]));
  return [];
}

export type { Table };
