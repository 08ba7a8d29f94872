import type { Fact } from '../../../core/posture.js';
import type { KeyPath } from '../../../core/types.js';
import { mapGeminiSettings, mapToolEntry } from '../../gemini/index.js';
import { at, stringsAt, valueAt, type MapContext } from '../../shared/structured.js';
import { mapInlineJson } from '../embedded.js';
import { grantsOf, inputs, type ActionStep, type Input, type VendorAction } from './step.js';

/** The tools the CLI offers at all: `tools.core`, or the legacy `coreTools`; undefined when every tool is. */
function coreList(root: MapContext['root']): KeyPath | undefined {
  return ([['tools', 'core'], ['coreTools']] as KeyPath[]).find((path) => Array.isArray(valueAt(root, path)));
}

/**
 * QwenLM/qwen-code-action's versions that read `settings_json` (tag v0.1.0, and the commits whose action.yml has that
 * input): every later one (v0.1.1, v1, main) reads `settings`, and an input a version does not declare is dropped.
 */
const QWEN_SETTINGS_JSON_REFS = new Set([
  'v0.1.0',
  '5fd6818d04d64e87d255ee4d5f77995e32fbf4c2',
  '0e2bad520d42f332a2ff1802e922c4aef63d9f5f',
  'bcde041471b6dbfa35b1fcb22acb6dff08216901',
  '2d68e55037341f9c0190470226ae2374495a4177',
  'c9aed5828f63140d0bfc944933a5621707a347a6',
]);

/** The ref of `uses: owner/name@ref`, lower case. */
const refOf = (step: ActionStep): string => (/@([^\s#]+)/.exec(step.action)?.[1] ?? '').toLowerCase();

/**
 * The input an action writes to its settings file: `settings` in run-gemini-cli, `settings_json` in the action it was
 * first published as, google-gemini/gemini-cli-action (action.yml at 66b0217, which also runs `gemini --yolo`), and in
 * qwen-code-action's first versions.
 */
function settingsInput(step: ActionStep): string {
  if (/^\s*google-gemini\/gemini-cli-action\b/i.test(step.action)) return 'settings_json';
  if (/^\s*qwenlm\/qwen-code-action\b/i.test(step.action)) return QWEN_SETTINGS_JSON_REFS.has(refOf(step)) ? 'settings_json' : 'settings';
  return 'settings';
}

/**
 * An action that always runs its CLI with `--yolo`, so every tool the CLI offers runs without confirmation. Its settings
 * input (inline JSON the action writes to the CLI's project settings file) is read as that file; its `tools.core` (or
 * `coreTools`) list limits the tools, and each shell, fetch or search tool it keeps is granted. Without such a list
 * every tool is granted, which is reported at `uses:` (or at the settings input). The action checks no actor's
 * permission: whoever can start the workflow starts the CLI.
 */
function yoloAction(repos: readonly string[], flavour: 'gemini' | 'qwen', action: string): VendorAction {
  const [cli, program, file] =
    flavour === 'gemini' ? ['Gemini CLI', 'gemini', '.gemini/settings.json'] : ['Qwen Code', 'qwen', '.qwen/settings.json'];
  const yolo = `${action} starts ${cli} with --yolo`;
  return {
    repos,
    agent: 'gemini-cli',
    map(step) {
      const { ctx, scope } = step;
      const uses = [...step.stepPath, 'uses'];
      step.triggers.push({ untrusted: true, path: uses, evidence: `uses: ${step.action} (checks no actor's permission)` });
      let committed: Input | undefined;
      let limited = false;
      const name = settingsInput(step);
      for (const settings of inputs(step, name)) {
        const root = mapInlineJson(grantsOf(step, settings).ctx, settings.path, settings.value, scope, (inner) => {
          mapGeminiSettings(inner, flavour, `${program} --yolo (${action})`);
          const core = coreList(inner.root);
          if (!core) return;
          const add = (fact: Fact): void => inner.add({ ...fact, note: `${yolo}: every tool this list keeps runs without asking` });
          for (const [entry, path] of stringsAt(inner.root, core)) mapToolEntry({ ...inner, add }, entry, 'allow', path, core.join('.'));
        });
        // A default's tools.core list limits only the runs that take it: it takes nothing away.
        if (settings.fromDefault) continue;
        committed = settings;
        if (!root)
          grantsOf(step, settings).ctx.reject?.(
            settings.path,
            `${name} is not a JSON object: the action writes it to ${file}, which ${cli} cannot read`,
          );
        limited = root !== undefined && coreList(root) !== undefined;
      }
      if (!limited) {
        const where = committed?.path ?? uses;
        const evidence = committed ? `${name} without a tools.core list` : `uses: ${step.action}`;
        ctx.add({
          kind: 'bypass',
          grants: 'approve-all-tool-calls',
          note: `${yolo}, and no tools.core list in its settings limits the tools`,
          ...at(where, evidence, 'value', scope),
        });
      }
    },
  };
}

/** google-github-actions/run-gemini-cli (action.yml), and its first name, google-gemini/gemini-cli-action. */
export const GEMINI_ACTION = yoloAction(
  ['google-github-actions/run-gemini-cli', 'google-gemini/gemini-cli-action'],
  'gemini',
  'run-gemini-cli',
);

/** QwenLM/qwen-code-action (action.yml: `qwen --yolo --prompt …`), a fork of run-gemini-cli for Qwen Code. */
export const QWEN_ACTION = yoloAction(['qwenlm/qwen-code-action'], 'qwen', 'qwen-code-action');
