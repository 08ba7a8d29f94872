import type { Fact } from '../../../core/posture.js';
import type { KeyPath } from '../../../core/types.js';
// The settings are read as Gemini CLI and Qwen Code read them: with strip-json-comments, which both use, then JSON.parse.
import stripJsonComments from 'strip-json-comments';
import { isGeminiToolKey, mapGeminiSettings, mapToolEntry, toolKey } from '../../gemini/index.js';
import { parseToolEntry } from '../../shared/permissions.js';
import { at, stringsAt, valueAt, type MapContext } from '../../shared/structured.js';
import { excerpt } from '../../../secrets/redact.js';
import { isTable, own, tableAt, type Table } from '../../walk.js';
import { expressionBodies, maintainerValue } from '../expressions.js';
import { setsNoVariables } from '../tokens.js';
import { blankExpressions, mapInlineJson } from '../embedded.js';
import { grantsOf, inputs, type ActionStep, type Input, type VendorAction } from './step.js';

/**
 * The tools the CLI offers at all: `tools.core`; undefined when every tool is. Qwen Code also reads the legacy
 * `coreTools` of a settings object it migrates, one without a `$version`; Gemini CLI no longer does (its migration of
 * the flat keys was removed in 2026-01, google-gemini/gemini-cli#16252), and run-gemini-cli installs the latest.
 */
function coreList(root: MapContext['root'], flavour: Flavour): KeyPath | undefined {
  const legacy = flavour === 'qwen' && own(root, '$version') === undefined;
  const paths: KeyPath[] = legacy ? [['tools', 'core'], ['coreTools']] : [['tools', 'core']];
  return paths.find((path) => Array.isArray(valueAt(root, path)));
}
type Flavour = 'gemini' | 'qwen';

/** Built-in tools that read or edit the workspace, remember or plan: a tools.core list keeping them grants nothing here. */
const WORKSPACE_TOOLS = new Set([
  ...['readfile', 'readmanyfiles', 'listdirectory', 'ls', 'glob', 'searchfilecontent', 'grep', 'grepsearch', 'ripgrep'],
  ...['writefile', 'replace', 'edit', 'savememory', 'memory', 'todowrite', 'writetodos', 'exitplanmode'],
]);

/**
 * Why a tools.core list does not limit the tools, or undefined: an entry that is not a string, one with a `$` (the CLI
 * replaces `$VAR` and `${VAR}` in settings values with the job's environment), or one whose tool this reading does not
 * know (it may be any).
 */
function unknownTool(list: unknown[]): string | undefined {
  for (const entry of list) {
    if (typeof entry !== 'string') return 'an entry that is not a string';
    if (entry.includes('$')) return `"${excerpt(entry)}", which the CLI fills from the environment`;
    const key = toolKey(parseToolEntry(entry).tool);
    if (!WORKSPACE_TOOLS.has(key) && !isGeminiToolKey(key)) return `"${excerpt(entry)}", a tool this reading does not know`;
  }
  return undefined;
}

/** Settings keys that run a command when the CLI starts or calls a tool, whatever tools.core keeps. */
const COMMAND_KEYS: KeyPath[] = [
  ['tools', 'discoveryCommand'],
  ['tools', 'callCommand'],
  ['mcp', 'serverCommand'],
  ['toolDiscoveryCommand'],
  ['toolCallCommand'],
  ['mcpServerCommand'],
];

/** CLI versions a version input may name whose settings reading is the one here: the current ones. */
const CURRENT_VERSION = /^\s*(?:latest|preview|nightly)?\s*$/i;
/** A version the repository's admins set (`${{ vars.GEMINI_CLI_VERSION }}`, as run-gemini-cli's example workflows do). */
const ADMIN_SET = /^\s*\$\{\{\s*vars\.[A-Za-z_][\w-]*\s*\}\}\s*$/;
/** A Gemini CLI release from 0.3.0 on, which reads the nested settings (tools.core). */
const readsToolsCore = (version: string): boolean => {
  const m = /^\s*v?(\d+)\.(\d+)\.\d+(?:-[\w.]+)?\s*$/.exec(version);
  return m !== null && (Number(m[1]) > 0 || Number(m[2]) >= 3);
};
/** Variables that point the CLI at another system settings file, which overrides the workspace's. */
const SETTINGS_PATH_VARIABLE =
  /^(?:GEMINI_CLI_SYSTEM_SETTINGS_PATH|GEMINI_CLI_SYSTEM_DEFAULTS_PATH|QWEN_CODE_SYSTEM_SETTINGS_PATH|QWEN_CODE_SYSTEM_DEFAULTS_PATH)$/i;

/**
 * Which `env.X` a settings input may name: one the step's own `env:` sets to an admin's value (a step's `env:` wins
 * over `$GITHUB_ENV`), or the job's or workflow's `env:` does, or none does, when every step before is an action known
 * to set no variable (a `run:` may run a script that writes `$GITHUB_ENV`, which wins over them). Only the step's own
 * workflow is read, not a caller's.
 */
function envVouched(
  step: ActionStep,
  settings: Input,
  place: Place | undefined,
  envs: unknown[],
): (name: string, depth: number) => boolean {
  if (step.passed !== undefined || settings.ctx?.root !== step.ctx.root || !place) return () => false;
  const quiet = place.before.every(setsNoVariables);
  const [stepEnv, jobEnv, workflowEnv] = envs;
  const tables: [unknown, boolean][] = [
    [stepEnv, true],
    [jobEnv, quiet],
    [workflowEnv, quiet],
  ];
  const safe = (name: string, depth: number): boolean => {
    for (const [table, trusted] of tables) {
      if (table === undefined) continue;
      // An `env:` written as one expression may set anything.
      if (!isTable(table)) return false;
      if (!Object.hasOwn(table, name)) continue;
      const value = own(table, name);
      if (!trusted || depth > 2) return false;
      return typeof value !== 'string' || expressionBodies(value).every((b) => maintainerValue(b, (n) => safe(n, depth + 1)));
    }
    // Set by no env: and by no step before: empty.
    return quiet;
  };
  return safe;
}

/** Where a step sits: its job, its own table and the steps before it in the job. */
interface Place {
  job: Table;
  stepTable: unknown;
  before: unknown[];
}
/** The step's place, when the step is one of a job's `steps:`. */
function placeOf(step: ActionStep): Place | undefined {
  const [jobs, jobId, stepsKey, index] = step.stepPath;
  const job = jobs === 'jobs' && typeof jobId === 'string' ? own(tableAt(step.ctx.root, 'jobs') ?? {}, jobId) : undefined;
  const steps = isTable(job) ? own(job, 'steps') : undefined;
  if (!isTable(job) || stepsKey !== 'steps' || typeof index !== 'number' || !Array.isArray(steps)) return undefined;
  return { job, stepTable: steps[index] as unknown, before: steps.slice(0, index) };
}

/** The `env:` tables of the step, its job and its workflow, as far as they are found. */
function envTables(step: ActionStep, place: Place | undefined): unknown[] {
  const stepEnv = place && isTable(place.stepTable) ? own(place.stepTable, 'env') : undefined;
  return [stepEnv, place ? own(place.job, 'env') : undefined, own(step.ctx.root, 'env')];
}

/**
 * Why a settings input's tools.core list does not limit the tools the action lets run, or undefined when it does. The
 * list counts only as the CLI reads it: the input's text with its comments stripped as strip-json-comments does, read
 * by JSON.parse, which the CLIs do (a trailing comma, or a character JSON does not allow, makes the CLI stop or run
 * with its defaults). A `${{ }}` naming anything but `vars.*` and `secrets.*` may be chosen by whoever starts the
 * workflow, and may end a JSON string and add keys. Also: a key that runs a command whatever the list keeps, a CLI
 * version other than the current one, a variable pointing the CLI at another settings file, the input given twice in
 * two letter cases, and extensions installed beside it (their MCP tools are not limited by the list).
 */
function notLimiting(step: ActionStep, settings: Input, flavour: Flavour, name: string): string | undefined {
  const bodies = expressionBodies(settings.value);
  const place = placeOf(step);
  const envs = envTables(step, place);
  const envSafe = envVouched(step, settings, place, envs);
  if (bodies.some((body) => !maintainerValue(body, (n) => envSafe(n, 0))))
    return `its ${name} holds a \${{ }} whose value the workflow's starter may choose`;
  let root: unknown;
  try {
    root = JSON.parse(stripJsonComments(blankExpressions(settings.value)));
  } catch {
    return `its ${name} is not JSON the CLI accepts, so the CLI stops or runs with its defaults`;
  }
  if (!isTable(root)) return `its ${name} is not a JSON object`;
  const core = coreList(root, flavour);
  if (!core && Array.isArray(own(root, 'coreTools')))
    return `its ${name} lists the tools in coreTools, which the CLI no longer reads (only tools.core limits the tools)`;
  if (!core) return `no tools.core list in its ${name} limits the tools`;
  const unknown = unknownTool(valueAt(root, core) as unknown[]);
  if (unknown !== undefined) return `its tools.core list keeps ${unknown}`;
  const command = COMMAND_KEYS.find((path) => valueAt(root, path) !== undefined);
  if (command) return `its ${name} sets ${command.join('.')}, a command the CLI runs whatever tools.core keeps`;
  const names = Object.keys(step.inputs);
  const inputText = (key: string | undefined): string => {
    const value = key === undefined ? undefined : own(step.inputs, key);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : value === undefined ? '' : JSON.stringify(value);
  };
  if (names.filter((k) => k.toLowerCase() === name).length > 1) return `${name} is given twice, in different letter cases`;
  const versionKey = names.find((k) => k.toLowerCase() === `${flavour}_cli_version`) ?? names.find((k) => k.toLowerCase() === 'version');
  const pinned = inputText(versionKey);
  if (!CURRENT_VERSION.test(pinned) && !ADMIN_SET.test(pinned) && !(flavour === 'gemini' && readsToolsCore(pinned)))
    return `its ${versionKey ?? 'version'} input may install a CLI that reads its settings otherwise`;
  const extensions = inputText(names.find((k) => k.toLowerCase() === 'extensions'));
  if (extensions.trim().replace(/^\[\s*\]$/, '') !== '')
    return 'its extensions input installs extensions whose MCP tools no tools.core list limits';
  if (envs.some((env) => env !== undefined && (!isTable(env) || Object.keys(env).some((k) => SETTINGS_PATH_VARIABLE.test(k)))))
    return 'an env: around it may point the CLI at another settings file';
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

/**
 * google-github-actions/run-gemini-cli's commits whose action.yml declares `settings_json`, not `settings` (git history
 * at 3ca2577f, before its release tags): a step pinned to one reads the other input.
 */
const GEMINI_SETTINGS_JSON_REFS = new Set([
  '2d0225280ec0ecd4de0bf3d06bd5e6226e5b90db',
  'd81ae62dad85f3b75f8c296a44b459ac0071557d',
  '652c9a09dd0fd986ca869893228d6d2c1dbc75c7',
  'fd0f31934ccd913d6f7a1f4402092c85f2a4b684',
  '3ca1b9de2b0561c3b3b9af8b7706ba1b09e25c8c',
  '9ff1658636ebbbbb36453b3bde885eb82c440227',
  '4cca05d634a17f54a55502010a34e20128a9c3f3',
  '414cd878a4966ed973864aeb44d0a578c9e4149b',
  'c127e68b4b7eca92b9731111ef351d0fb68c54d6',
  'b2975b7a93fd63b00df34c7052bc416be60f7577',
  '9da9b07e6db53ea9fa2098d884f60324814c2c11',
  'b0f0ba9b9468db9b1b542a019b2203a3739ace02',
  '8ab03ef101902425effb758a0544e67b68bb3329',
  'df7920438f45f1a55a6d22202176bb5900e5ea85',
  '37be2cfc2a9ccc3d4db976e9acb811ddde56a653',
  'd99d4cd6fea6e6a812dd0b6b785f73e7c7c24e7a',
  '3f69a5ba9eed47a5739a5eb854c8f0f915403c99',
  '361ddd414aa1fb8220b04fe0fedca05b71cfafe6',
  '3712b75815d917a579f1637d144961bf1639f47f',
  'bd27b08b4cfa463bd85c5f8facbdff485c1e50a8',
  '6f51179fb902c8eadd4242a43dc03cffb8af75e5',
  'bce3a589d445f46ed7c487ecc3094280c3297d43',
  'c835a645e1a0dcd241a034cc5d06398be90f6003',
  '26146c87cefe9101e2937765123c8e11a5f591db',
  '5cdaf5741cf7aaedcd3264dbe95993504d6968fd',
  'ef770937477237422193f5fbf757f6a5ad7c9871',
  '68b24153375f12e1fe5caf3a7ec143e35fb4bc14',
  '4947f9800b5bfbccaaa6933085b73475478e061b',
  '08da1e9884e33cd7ff530a16eb4e4e4b194e7aec',
  'fc048ebb657c7ae9b0472b13118d38cd74e7dd2c',
  '229d4357e10b929754b6bd475b5a8f038f413830',
  'ee0015e4a91f077667f0c0d6a6028e746374ab1f',
  '561f95b135607060fd8377b5b1356b7339183422',
  '823b6c542fc66de2aaa4b4ea4411b2d7c6290d4b',
  'db972588e65bfcaeb11b95fccf5f397f2b982548',
  'aa4a5e9ddf334bc5f51f9e182f25aac3562c82fb',
  '4eda4f64d816a74ea20b16c2e826a56140ef247c',
  'fe73f56f919e8770475d1ab3fea5de60d17a6dd0',
  '04eecce0071d6a40ab79173fb6d71f179c185348',
  'ecbb5c4e0c5c9ea9c600811709a1b6b434e37ebf',
  '556f347bc03cb54e9c3e6e05bcfa69ae2a7fd100',
  'cd435049ddedd08459f7bea65d1579881481fc2e',
  '033a7500398ad09601f69fc47cd443c97f50c4d3',
  '09e20c077a71ceac6e99e65c7d8ff3dbf47fbb68',
  '89853f721884cca61972a54cb8a2791fd4e1db0c',
  'edb8fe192af5314eb70f4d416eb7d804283c46ac',
  '05ecb94d88c791050a84eb42f1af907a0403b7c2',
  '61135461f68f616d33deca4125ddd00715447492',
  'd8d787147097a8dabea8769d2034ef3d5f679d80',
  'b49c972fe2cf2a19ee1a6bdac6a5f3e857da2ca9',
  'db9e8b8db7b43d89203ad5e5e31f98b09e696ad9',
  '26a5d4d5ed6c383616f67d6cd091899d06e645a3',
  'b96bfc5f282aac990f4ddd237acb5c08daa163da',
  'af6e150fb9fd036c29cbf5739ad40416fc16bb77',
  '2eaed2997b3f7ad01e107d11f053a349e1f2c55f',
  '3c7f943c0285735462ecb537d3e40a2128f81d9d',
  '870577d90948ecee794c2f6618bd529c261f1c0b',
  '0756cd3285953ebd35ef783349d2c7a169b7fea8',
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
  return GEMINI_SETTINGS_JSON_REFS.has(refOf(step)) ? 'settings_json' : 'settings';
}

/**
 * An action that always runs its CLI with `--yolo`, so every tool the CLI offers runs without confirmation. Its settings
 * input (inline JSON the action writes to the CLI's project settings file) is read as that file; its `tools.core` (or
 * `coreTools`) list limits the tools, and each shell, fetch or search tool it keeps is granted. Without such a list
 * every tool is granted, which is reported at `uses:` (or at the settings input). The action checks no actor's
 * permission: whoever can start the workflow starts the CLI.
 */
function yoloAction(repos: readonly string[], flavour: Flavour, action: string): VendorAction {
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
          const core = coreList(inner.root, 'qwen');
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
        unlimited = root === undefined ? `its ${name} is not a JSON object` : notLimiting(step, settings, flavour, name);
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
