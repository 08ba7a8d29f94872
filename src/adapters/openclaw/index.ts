import type { SourceFile } from '../../core/types.js';
import type { Adapter, KeyDoc } from '../types.js';
import { structuredAdapter } from '../shared/structured.js';

/** Files only OpenClaw names so: each marks the folder it is in as an OpenClaw workspace. */
const SOUL = 'SOUL.md';
const HEARTBEAT = 'HEARTBEAT.md';
/** Workspace files with names other tools use too: read only in a folder one of the files above marks. */
const WORKSPACE_FILES = ['TOOLS.md', 'USER.md', 'IDENTITY.md', 'BOOTSTRAP.md'];

const KEYS: readonly KeyDoc[] = [
  { file: SOUL, key: 'the markdown', rule: 'every rule', note: 'read as guidance: persona and boundaries' },
  {
    file: HEARTBEAT,
    key: 'the markdown',
    rule: 'every rule',
    note: 'read as guidance: tasks the agent runs on its own at every heartbeat',
  },
  {
    file: 'TOOLS.md, USER.md, IDENTITY.md and BOOTSTRAP.md of a workspace folder',
    key: 'the markdown, beside a SOUL.md or HEARTBEAT.md',
    rule: 'every rule',
    note: 'read as guidance in an OpenClaw workspace only',
  },
];

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * OpenClaw's workspace files that the folder of a SOUL.md or HEARTBEAT.md also holds: OpenClaw puts all of them in
 * the agent's context, while the same names elsewhere are anyone's notes. Any letter case, as the files are matched.
 */
function workspaceFiles(files: readonly SourceFile[], paths: () => readonly string[]): string[] {
  const folders = new Set(files.map((f) => folderOf(f.path).toLowerCase()));
  if (folders.size === 0) return [];
  const names = new Set(WORKSPACE_FILES.map((n) => n.toLowerCase()));
  return paths().filter((path) => {
    const folder = folderOf(path);
    return names.has(path.slice(folder.length).toLowerCase()) && folders.has(folder.toLowerCase());
  });
}

const markdown = structuredAdapter({
  id: 'openclaw',
  name: 'OpenClaw',
  keys: KEYS,
  kinds: [
    { path: SOUL, format: 'markdown', map: () => undefined },
    { path: HEARTBEAT, format: 'markdown', map: () => undefined },
  ],
});

/** OpenClaw: the markdown files of an agent workspace it puts in the agent's context (`AGENTS.md` is read already). */
export const openclawAdapter: Adapter = { ...markdown, namedGuidance: workspaceFiles };
