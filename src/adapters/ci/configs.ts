import type { SourceFile } from '../../core/types.js';
import { parseYamlText } from '../../sources/yaml.js';
import type { NamedConfig } from '../types.js';
import { setting } from '../shared/structured.js';
import { isTable, own } from '../walk.js';
import { addVendorAction } from './actions.js';
import { jobsOf } from './steps.js';

/** The most config files that workflows hand to agents, all files together. */
const MAX_CONFIGS = 200;

/** The adapter that reads each kind of file an action hands over, by the agent file it is read as. */
const READERS: Readonly<Record<string, string>> = {
  '~/.claude/settings.json': 'claude-action-settings',
  '~/.codex/config.toml': 'codex-action-config',
};

/** The inputs that name such a file, a cheap test of a file's text before it is parsed. */
const MAY_NAME = /^[ \t]*(?:settings|codex-home)[ \t]*:/m;

/**
 * Committed files that workflow and composite action steps hand to a vendor's agent action as the agent's config
 * (the Claude Code action's `settings: .github/claude/settings.json`, the Codex action's `codex-home`): read as
 * the agent reads them, with the step as a related location. Bounded; a file is parsed only when its text has
 * such an input.
 */
export function actionConfigs(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  isWorkflow: (path: string) => boolean,
): NamedConfig[] {
  const found: NamedConfig[] = [];
  let committed: ReadonlySet<string> | undefined;
  for (const file of files) {
    if (!MAY_NAME.test(file.text)) continue;
    const parsed = parseYamlText(file.text);
    if (!parsed.ok || !isTable(parsed.value)) continue;
    const root = parsed.value;
    // Only what the step names is wanted: its facts go nowhere.
    const ctx = { file: file.path, root, group: '', facts: [], envFilter: 'n/a' as const, add: () => undefined };
    for (const job of jobsOf(root, file.path, isWorkflow(file.path))) {
      job.steps.forEach((step, index) => {
        if (!isTable(step) || typeof own(step, 'uses') !== 'string') return;
        const vendor = addVendorAction(ctx, step, [...job.stepsPath, index], job.scope);
        for (const read of vendor?.reads ?? []) {
          const reader = READERS[read.as];
          committed ??= new Set(paths());
          if (reader === undefined || !committed.has(read.path) || found.length >= MAX_CONFIGS) continue;
          const span = parsed.locator.locate(read.keyPath, 'value');
          found.push({
            path: read.path,
            reader,
            target: read.as,
            via: `the ${vendor!.action.replace(/@.*$/, '')} step in ${file.path}`,
            site: {
              file: file.path,
              agent: vendor!.agent,
              keyPath: read.keyPath,
              evidence: setting([String(read.keyPath.at(-1))], read.written),
              anchor: { kind: 'span', span },
            },
          });
        }
      });
    }
  }
  return found;
}
