import type { SourceFile } from '../../core/types.js';
import { parseYamlText } from '../../sources/yaml.js';
import type { NamedConfig } from '../types.js';
import { setting } from '../shared/structured.js';
import { isTable, own } from '../walk.js';
import { claudeActionSettingsAdapter, CODEX_HOME_FILES, codexActionConfigAdapter } from '../action-config/index.js';
import { below, sortedWithEnding } from '../shared/bundle.js';
import { addVendorAction } from './actions.js';
import { ESCAPED, mayStartAgent } from './prefilter.js';
import { jobsOf } from './steps.js';

/** The adapter that reads a file an action hands over as the agent's settings, by the agent file it is read as. */
const FILE_READERS: Readonly<Record<string, string>> = {
  '~/.claude/settings.json': claudeActionSettingsAdapter.id,
};
const HOME_READER = codexActionConfigAdapter.id;

/** The committed files Codex reads in a home folder (`''`: the checkout), among the sorted candidate paths. */
function homeFiles(sorted: readonly string[], folder: string): { path: string; target: string }[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  return below(sorted, prefix).flatMap((path) => {
    const kind = CODEX_HOME_FILES.find((f) => f.below.test(path.slice(prefix.length)));
    return kind ? [{ path, target: kind.target }] : [];
  });
}

/** Every folder that holds a committed file. */
function foldersOf(committed: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const path of committed)
    for (let at = path.lastIndexOf('/'); at > 0 && !folders.has(path.slice(0, at)); at = path.lastIndexOf('/', at - 1))
      folders.add(path.slice(0, at));
  return folders;
}

/** Inputs that may name such a file, in any spelling YAML allows: a cheap test of a file's text before it is parsed. */
const mayName = (text: string): boolean => /settings|codex-home/i.test(text) || ESCAPED.test(text);

/** A file or folder a step names, before it is looked up among the committed files. */
type Named = Omit<NamedConfig, 'reader' | 'target'> & { as: string };

/** What each workflow names, parsed once: the repository's reading and the check both ask. */
const namedByFile = new WeakMap<SourceFile, Named[]>();

function namedIn(file: SourceFile, workflow: boolean): Named[] {
  const cached = namedByFile.get(file);
  if (cached) return cached;
  const found: Named[] = [];
  const parsed = mayName(file.text) && mayStartAgent(file.text) ? parseYamlText(file.text) : undefined;
  if (parsed?.ok && isTable(parsed.value)) {
    const root = parsed.value;
    // Only what the step names is wanted: its facts go nowhere.
    const ctx = { file: file.path, root, group: '', facts: [], envFilter: 'n/a' as const, add: () => undefined };
    for (const job of jobsOf(root, file.path, workflow)) {
      job.steps.forEach((step, index) => {
        if (!isTable(step) || typeof own(step, 'uses') !== 'string') return;
        const vendor = addVendorAction(ctx, step, [...job.stepsPath, index], job.scope);
        for (const read of vendor?.reads ?? [])
          found.push({
            path: read.path,
            as: read.as,
            via: `the ${vendor!.action.replace(/@.*$/, '')} step in ${file.path}`,
            site: {
              file: file.path,
              agent: vendor!.agent,
              keyPath: read.keyPath,
              evidence: setting([String(read.keyPath.at(-1))], read.written),
              anchor: { kind: 'span', span: parsed.locator.locate(read.keyPath, 'value') },
            },
          });
      });
    }
  }
  namedByFile.set(file, found);
  return found;
}

/**
 * Committed files that workflow and composite action steps hand to a vendor's agent action as the agent's config:
 * the Claude Code action's `settings: .github/claude/settings.json`, and what the Codex action's `codex-home` folder
 * holds that Codex reads. Each is read as the agent reads it, with the step as a related location. A settings file
 * that is not committed (made at run time, behind a link to a folder, in a submodule) is named `missing`: it cannot
 * be judged, and the check says so. Each committed file is named once, however many steps name it.
 */
export function actionConfigs(
  files: readonly SourceFile[],
  paths: () => readonly string[],
  isWorkflow: (path: string) => boolean,
): NamedConfig[] {
  const out: NamedConfig[] = [];
  const seen = new Set<string>();
  let committed: ReadonlySet<string> | undefined;
  let sorted: string[] | undefined;
  // Each home folder once, however many steps name it.
  const homes = new Set<string>();
  let folders: ReadonlySet<string> | undefined;
  for (const file of files) {
    for (const named of namedIn(file, isWorkflow(file.path))) {
      const { as, ...rest } = named;
      if (as === '~/.codex/') {
        if (homes.has(named.path)) continue;
        homes.add(named.path);
        sorted ??= sortedWithEnding(paths(), ['.toml', '.rules', '.json']);
        const held = homeFiles(sorted, named.path);
        // A folder no committed file is in (made at run time, a link to a folder, a submodule) cannot be checked.
        if (held.length === 0 && named.path !== '' && !(folders ??= foldersOf(paths())).has(named.path)) {
          out.push({ ...rest, reader: HOME_READER, target: as, missing: true });
          continue;
        }
        for (const { path, target } of held) {
          if (seen.has(`${HOME_READER}\0${path}`)) continue;
          seen.add(`${HOME_READER}\0${path}`);
          out.push({ ...rest, path, reader: HOME_READER, target });
        }
        continue;
      }
      const reader = FILE_READERS[as];
      if (reader === undefined) continue;
      committed ??= new Set(paths());
      if (!committed.has(named.path)) out.push({ ...rest, reader, target: as, missing: true });
      else if (!seen.has(`${reader}\0${named.path}`)) {
        seen.add(`${reader}\0${named.path}`);
        out.push({ ...rest, reader, target: as });
      }
    }
  }
  return out;
}
