import { isTable, own } from '../walk.js';
import type { Adapter, KeyDoc } from '../types.js';
import type { MapContext } from '../shared/structured.js';
import { settingsCopyAdapter } from '../shared/copies.js';
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

export const geminiCopyAdapter: Adapter = settingsCopyAdapter({
  id: ID,
  name: 'Gemini CLI settings kept elsewhere',
  keys: KEYS,
  names: ['settings.json', '*gemini*.json'],
  target: '.gemini/settings.json',
  mayHold: MAY_HOLD,
  recognise: isGeminiSettings,
  map: (ctx: MapContext) => mapGeminiSettings(ctx, 'gemini'),
});
