import type { SourceFile } from '../../core/types.js';
import type { AgentPath } from '../../sources/agent-paths.js';
import { parseToml } from '../../sources/toml.js';
import { own } from '../walk.js';

/** More names than any real config lists; a longer list is cut, not searched for. */
const MAX_NAMES = 16;
/** A file name, never a path: the names are looked up in each folder, and must not lead out of it. */
const FILE_NAME = /^(?!\.\.?$)[^/\\\0]{1,255}$/;

/**
 * Whether a config can set the key: TOML writes a key as it is or, in a quoted key, with escapes. The many
 * configs that do neither are not parsed a second time here.
 */
const mayName = (text: string): boolean => text.includes('project_doc_fallback_filenames') || text.includes('\\');

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * The committed files Codex reads as its project instructions because a project `.codex/config.toml` names
 * them in `project_doc_fallback_filenames`: in the config's project folder and below, in each folder that has
 * no `AGENTS.md` or `AGENTS.override.md` (Codex takes those first). A user config installed from a dotfiles
 * repository names files of other projects, so it names none here. Pure: `paths` are the committed paths.
 */
export function fallbackGuidance(config: AgentPath, files: readonly SourceFile[], paths: () => readonly string[]): string[] {
  // The names each project folder's configs list, in order; several configs of one folder add theirs.
  const scopes = new Map<string, string[][]>();
  for (const file of files) {
    if (!config.test(file.path) || config.installedAs(file.path) !== undefined || !mayName(file.text)) continue;
    const parsed = parseToml(file.text);
    const list = parsed.ok ? own(parsed.value, 'project_doc_fallback_filenames') : undefined;
    if (!Array.isArray(list)) continue;
    const names = list.slice(0, MAX_NAMES).filter((n): n is string => typeof n === 'string' && FILE_NAME.test(n));
    // The project folder is the one holding `.codex/`.
    const folder = folderOf(folderOf(file.path).slice(0, -1));
    if (names.length > 0) scopes.set(folder, [...(scopes.get(folder) ?? []), names]);
  }
  if (scopes.size === 0) return [];
  const all = paths();
  const exact = new Set(all);
  const present = new Set(all.map((p) => p.toLowerCase()));
  /** Whether `name` is the first listed name present in `dir` for a config of `dir` or a folder above it. */
  const named = (dir: string, name: string): boolean => {
    for (let end = dir.length; end >= 0; end = dir.lastIndexOf('/', end - 2) + 1) {
      const lists = scopes.get(dir.slice(0, end));
      if (lists?.some((names) => names.find((n) => exact.has(dir + n)) === name)) return true;
      if (end === 0) break;
    }
    return false;
  };
  const out: string[] = [];
  for (const path of all) {
    const dir = folderOf(path);
    // Codex reads one file per folder: the first name of the list that is there.
    if (!named(dir, path.slice(dir.length))) continue;
    if (present.has(`${dir}agents.md`.toLowerCase()) || present.has(`${dir}agents.override.md`.toLowerCase())) continue;
    out.push(path);
  }
  return out;
}
