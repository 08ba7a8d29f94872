import type { Fact } from '../../../core/posture.js';
import type { KeyPath } from '../../../core/types.js';
import { parseTree, type ParseError } from 'jsonc-parser';
import { isGeminiToolKey, mapGeminiSettings, mapToolEntry, toolKey } from '../../gemini/index.js';
import { parseToolEntry } from '../../shared/permissions.js';
import { at, stringsAt, valueAt, type MapContext } from '../../shared/structured.js';
import { isTable, own, tableAt } from '../../walk.js';
import { maintainerValue } from '../expressions.js';
import { setsNothingAfter } from '../tokens.js';
import { blankExpressions, mapInlineJson } from '../embedded.js';
import { grantsOf, inputs, type ActionStep, type Input, type VendorAction } from './step.js';

/**
 * The tools the CLI offers at all: `tools.core`, or the legacy `coreTools`; undefined when every tool is. A settings
 * object with a `$version` is not migrated, so Qwen Code reads only `tools.core` from it.
 */
function coreList(root: MapContext['root']): KeyPath | undefined {
  const paths: KeyPath[] = own(root, '$version') === undefined ? [['tools', 'core'], ['coreTools']] : [['tools', 'core']];
  return paths.find((path) => Array.isArray(valueAt(root, path)));
}

/** Built-in tools that read or edit the workspace, remember or plan: a tools.core list keeping them grants nothing here. */
const WORKSPACE_TOOLS = new Set([
  ...['readfile', 'readmanyfiles', 'listdirectory', 'ls', 'glob', 'searchfilecontent', 'grep', 'grepsearch', 'ripgrep'],
  ...['writefile', 'replace', 'edit', 'savememory', 'memory', 'todowrite', 'writetodos', 'exitplanmode'],
]);

/** The first entry of a tools.core list whose tool is not one the reading knows, or undefined. */
function unknownTool(root: MapContext['root'], core: KeyPath): string | undefined {
  for (const [entry] of stringsAt(root, core)) {
    const key = toolKey(parseToolEntry(entry).tool);
    if (!WORKSPACE_TOOLS.has(key) && !isGeminiToolKey(key)) return entry;
  }
  return undefined;
}

/**
 * Whether every `${{ }}` in a settings input stands for a value the repository's maintainers set (see
 * `maintainerValue`): one the workflow's starter may choose can end a JSON string and add keys, or make the JSON
 * invalid (Qwen Code then runs with its defaults, every tool). An `env.X` counts when the step's, job's or workflow's
 * `env:` sets it to such a value, or when nothing sets it and no step before sets variables for the steps after it
 * (`$GITHUB_ENV`); only the step's own workflow is looked at (not a caller's).
 */
function maintainerValues(step: ActionStep, settings: Input): boolean {
  if (!settings.value.includes('${{')) return true;
  if (step.passed !== undefined || (settings.ctx !== undefined && settings.ctx.root !== step.ctx.root)) return false;
  const [jobs, jobId, stepsKey, index] = step.stepPath;
  const job = jobs === 'jobs' && typeof jobId === 'string' ? own(tableAt(step.ctx.root, 'jobs') ?? {}, jobId) : undefined;
  const steps = isTable(job) ? own(job, 'steps') : undefined;
  if (!isTable(job) || stepsKey !== 'steps' || typeof index !== 'number' || !Array.isArray(steps)) return false;
  const stepTable = steps[index] as unknown;
  const tables = [isTable(stepTable) ? own(stepTable, 'env') : undefined, own(job, 'env'), own(step.ctx.root, 'env')];
  const quietBefore = steps.slice(0, index).every(setsNothingAfter);
  const envSafe = (name: string, depth: number): boolean => {
    for (const table of tables) {
      if (table === undefined) continue;
      // An `env:` written as one expression may set anything.
      if (!isTable(table)) return false;
      if (!Object.hasOwn(table, name)) continue;
      const value = own(table, name);
      return typeof value !== 'string' || (depth < 3 && bodiesOf(value).every((b) => maintainerValue(b, (n) => envSafe(n, depth + 1))));
    }
    return quietBefore;
  };
  return bodiesOf(settings.value).every((body) => maintainerValue(body, (n) => envSafe(n, 0)));
}

/** The bodies of a text's `${{ }}` expressions; an unclosed one is a body of its own, never a maintainer's value. */
const bodiesOf = (text: string): string[] => {
  const bodies = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!);
  return text.replace(/\$\{\{[\s\S]*?\}\}/g, '').includes('${{') ? [...bodies, 'github.event'] : bodies;
};

/** Whether Gemini CLI and Qwen Code read the text as JSON: comments are stripped, a trailing comma is an error. */
function readsAsJson(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  return errors.length === 0;
}

/**
 * Why a settings input's tools.core list does not limit the tools the action lets run, or undefined when it does: a
 * `${{ }}` in it may end the JSON early or add a key (the CLI then runs with its defaults, every tool); JSON the CLI
 * rejects; a tool the list keeps that this reading does not know; a second input of the same name in another letter
 * case; extensions installed beside it, whose MCP tools the list does not limit.
 */
function notLimiting(step: ActionStep, settings: Input, root: MapContext['root'], name: string): string | undefined {
  const core = coreList(root);
  if (!core) return `no tools.core list in its ${name} limits the tools`;
  if (!maintainerValues(step, settings))
    return `its ${name} holds a \${{ }} whose value the workflow's starter, or a step before it, may choose`;
  if (!readsAsJson(blankExpressions(settings.value)))
    return `its ${name} is not JSON the CLI accepts (a trailing comma, …), so the CLI stops or runs with its defaults`;
  const unknown = unknownTool(root, core);
  if (unknown !== undefined) return `its tools.core list keeps "${unknown}", a tool this reading does not know`;
  if (Object.keys(step.inputs).filter((k) => k.toLowerCase() === name).length > 1)
    return `${name} is given twice, in different letter cases`;
  if (inputs(step, 'extensions').some((e) => !e.fromDefault && e.value.trim() !== '' && e.value.trim() !== '[]'))
    return 'its extensions input installs extensions whose MCP tools no tools.core list limits';
  return undefined;
}

/**
 * QwenLM/qwen-code-action's versions that read `settings_json`: tag v0.1.0 and every commit of the repository whose
 * action.yml declares that input (git history at a08dc886). Every other version reads `settings`, and an input a
 * version does not declare is dropped.
 */
const QWEN_SETTINGS_JSON_REFS = new Set([
  'v0.1.0',
  'c9aed5828f63140d0bfc944933a5621707a347a6',
  '2d68e55037341f9c0190470226ae2374495a4177',
  '5fd6818d04d64e87d255ee4d5f77995e32fbf4c2',
  '0e2bad520d42f332a2ff1802e922c4aef63d9f5f',
  'bcde041471b6dbfa35b1fcb22acb6dff08216901',
  'd81ae62dad85f3b75f8c296a44b459ac0071557d',
  'b0f0ba9b9468db9b1b542a019b2203a3739ace02',
  'df7920438f45f1a55a6d22202176bb5900e5ea85',
  '3712b75815d917a579f1637d144961bf1639f47f',
  '6f51179fb902c8eadd4242a43dc03cffb8af75e5',
  'c835a645e1a0dcd241a034cc5d06398be90f6003',
  'ef770937477237422193f5fbf757f6a5ad7c9871',
  'fc048ebb657c7ae9b0472b13118d38cd74e7dd2c',
  '561f95b135607060fd8377b5b1356b7339183422',
  '04eecce0071d6a40ab79173fb6d71f179c185348',
  '556f347bc03cb54e9c3e6e05bcfa69ae2a7fd100',
  'cd435049ddedd08459f7bea65d1579881481fc2e',
  'edb8fe192af5314eb70f4d416eb7d804283c46ac',
  '26a5d4d5ed6c383616f67d6cd091899d06e645a3',
  'af6e150fb9fd036c29cbf5739ad40416fc16bb77',
  '3c7f943c0285735462ecb537d3e40a2128f81d9d',
]);

/** The ref of `uses: owner/name@ref`, lower case, without a `refs/tags/` or `refs/heads/` prefix. */
const refOf = (step: ActionStep): string =>
  (/@([^\s#]+)/.exec(step.action)?.[1] ?? '').toLowerCase().replace(/^refs\/(?:tags|heads)\//, '');

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
      const name = settingsInput(step);
      let unlimited: string | undefined = `no tools.core list in its ${name} limits the tools`;
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
        unlimited = root === undefined ? `its ${name} is not a JSON object` : notLimiting(step, settings, root, name);
      }
      if (unlimited !== undefined) {
        const where = committed?.path ?? uses;
        const listed = committed !== undefined && unlimited.startsWith('no tools.core list');
        const evidence = committed ? (listed ? `${name} without a tools.core list` : name) : `uses: ${step.action}`;
        ctx.add({
          kind: 'bypass',
          grants: 'approve-all-tool-calls',
          note: committed ? `${yolo}, and ${unlimited}` : `${yolo}, and no tools.core list in its settings limits the tools`,
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
