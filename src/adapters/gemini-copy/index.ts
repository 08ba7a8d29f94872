import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import { isTable, own } from '../walk.js';
import type { Adapter, AdapterOutput, KeyDoc } from '../types.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';
import { mapGeminiSettings } from '../gemini/index.js';

/**
 * Gemini CLI settings kept where Gemini CLI does not read them: a template a setup script installs as
 * `~/.gemini/settings.json` (`install/settings/gemini.json`). Recognised by what they hold, read as
 * `.gemini/settings.json` is; what they grant is a reading of how they will be installed, so every fact is `medium`.
 * Files an agent's own adapter reads, and Claude Code settings kept elsewhere, come first.
 */
const ID = 'gemini-settings-copy';

/** Gemini CLI's tool names (https://geminicli.com/docs/tools/), as its legacy flat `coreTools` / `excludeTools` list them. */
const TOOL =
  /^(?:run_shell_command|ShellTool|web_fetch|WebFetchTool|google_web_search|WebSearchTool|write_file|WriteFileTool|replace|EditTool|read_file|read_many_files|list_directory|glob|search_file_content|save_memory)\b/;

/**
 * Whether a parsed object is Gemini CLI's settings (https://geminicli.com/docs/reference/configuration): the
 * `tools` table with its `allowed`, `core` or `exclude` lists, `general.defaultApprovalMode`, or a legacy flat list
 * naming Gemini CLI's tools.
 */
export function isGeminiSettings(value: unknown): boolean {
  if (!isTable(value)) return false;
  const tools = own(value, 'tools');
  if (isTable(tools) && ['allowed', 'core', 'exclude'].some((list) => Array.isArray(own(tools, list)))) return true;
  const general = own(value, 'general');
  if (isTable(general) && typeof own(general, 'defaultApprovalMode') === 'string') return true;
  return ['coreTools', 'excludeTools', 'allowedTools'].some((key) => {
    const list = own(value, key);
    return Array.isArray(list) && list.some((entry) => typeof entry === 'string' && TOOL.test(entry.trim()));
  });
}

/** The keys the test looks for, as written or escaped: a file with none of them is not parsed. */
const MAY_HOLD = /"(?:tools|general|coreTools|excludeTools|allowedTools)"|\\u/;

const KEYS: readonly KeyDoc[] = [
  {
    file: "settings.json or *gemini*.json (holding Gemini CLI's tools lists or approval mode, where no agent reads it)",
    key: 'every key of `.gemini/settings.json`',
    rule: 'every rule',
    note: 'settings a repository installs for Gemini CLI, read as `.gemini/settings.json` is: medium confidence',
  },
];

const base = structuredAdapter({
  id: ID,
  name: 'Gemini CLI settings kept elsewhere',
  keys: KEYS,
  kinds: ['settings.json', '*gemini*.json'].map((path) => ({
    path,
    format: 'jsonc' as const,
    // A group of the file's own: a copy's rules never combine with those of files an agent reads in the same folder.
    map: (ctx: MapContext) =>
      mapGeminiSettings({ ...ctx, group: `${ID}:${ctx.file}`, add: (fact) => ctx.add({ ...fact, confidence: 'medium' }) }, 'gemini'),
  })),
});

export const geminiCopyAdapter: Adapter = {
  ...base,
  // Only a file that parses and holds what Gemini CLI's settings hold: any other is another program's.
  admits: (file: SourceFile) => {
    if (!MAY_HOLD.test(file.text)) return false;
    const parsed = parseJson(file.text, false);
    return parsed.ok && isGeminiSettings(parsed.value);
  },
  toPostures(files, context): AdapterOutput {
    const out = base.toPostures(files, context);
    const installedAs = { target: '.gemini/settings.json', by: 'copy' as const };
    return { ...out, postures: out.postures.map((posture) => ({ ...posture, installedAs })) };
  },
  fallback: true,
};
