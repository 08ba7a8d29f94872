import type { AgentPosture, Fact } from '../../core/posture.js';
import type { KeyPath, Problem, SourceFile } from '../../core/types.js';
import { parseToml } from '../../sources/toml.js';
import { mapClaudeSettings } from '../claude/index.js';
import { toCodexConfigPosture } from '../codex/config.js';
import { codexInstructions } from '../codex/instructions.js';
import { toCodexHooksPosture } from '../codex/index.js';
import { toCodexRulesPosture } from '../codex/rules-file.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { parseJson } from '../../sources/json.js';
import { fileText } from '../shared/text-place.js';
import { structuredAdapter } from '../shared/structured.js';
import type { Adapter, AdapterContext, AdapterOutput, KeyDoc } from '../types.js';
import { unparseable } from '../types.js';
import { isTable } from '../walk.js';

/**
 * A posture of a file a workflow step hands to the agent as its config: what the step names is certain, so its
 * facts keep their confidence; its rules make a group of the file's own (the step may pass other rules beside them,
 * and a deny here must not take away what those grant); the step is a related location of every finding.
 */
function handedOver(posture: AgentPosture, id: string, context: AdapterContext | undefined): AgentPosture {
  const named = context?.namedConfig?.(posture.file, id);
  if (named === undefined) return posture;
  const group = `${id}:${posture.file}`;
  const facts = posture.facts.map((fact): Fact => ('group' in fact ? { ...fact, group } : fact));
  const installedAs = { target: named.target, by: 'action' as const, via: named.via };
  return { ...posture, agent: id, facts, installedAs, related: [...(posture.related ?? []), named.site] };
}

/** A problem of a file a step names, with the step as a related location. */
function namedProblem(problem: Problem, id: string, context: AdapterContext | undefined): Problem {
  const named = context?.namedConfig?.(problem.file, id);
  return named === undefined ? problem : { ...problem, related: [...(problem.related ?? []), named.site] };
}

/** Only files a step names are read: the engine hands them over by path. */
const NAMED_ONLY = { patterns: [], matches: () => false } as const;

const CLAUDE_ID = 'claude-action-settings';

const CLAUDE_KEYS: readonly KeyDoc[] = [
  {
    file: 'the JSON file the settings input of an anthropics/claude-code-action step names',
    key: 'every key of `~/.claude/settings.json`',
    rule: 'every rule',
    note: "the action merges it into Claude Code's user settings: read as they are",
  },
];

const claudeBase = structuredAdapter({
  id: CLAUDE_ID,
  name: 'Claude Code settings a workflow step names',
  keys: CLAUDE_KEYS,
  // The action reads the file with JSON.parse: a comment fails the run.
  kinds: [{ path: '*', format: 'json', map: mapClaudeSettings }],
});

/**
 * The file an `anthropics/claude-code-action` step's `settings` input names
 * (https://github.com/anthropics/claude-code-action/blob/main/docs/configuration.md, "settings": JSON or a path to a
 * JSON file): read as Claude Code's user settings, which the action merges it into.
 */
export const claudeActionSettingsAdapter: Adapter = {
  ...claudeBase,
  ...NAMED_ONLY,
  toPostures(files, context): AdapterOutput {
    const out = claudeBase.toPostures(files, context);
    return {
      ...out,
      postures: out.postures.map((p) => handedOver(p, CLAUDE_ID, context)),
      problems: out.problems.map((p) => namedProblem(p, CLAUDE_ID, context)),
    };
  },
};

const CODEX_ID = 'codex-action-config';

const CODEX_HOME = 'the folder the codex-home input of an openai/codex-action step names (CODEX_HOME)';

const CODEX_KEYS: readonly KeyDoc[] = [
  {
    file: `config.toml of ${CODEX_HOME}`,
    key: 'every key of `~/.codex/config.toml`',
    rule: 'every rule',
    note: "Codex reads it as the user's config: read as it is",
  },
  {
    file: `rules/*.rules of ${CODEX_HOME}`,
    key: 'prefix_rule(pattern, decision)',
    rule: 'every rule',
    note: "the user's rules",
  },
  { file: `hooks.json of ${CODEX_HOME}`, key: 'hooks', rule: 'every rule', note: "the user's hooks" },
  {
    file: `agents/**/*.toml of ${CODEX_HOME}`,
    key: 'every key of a custom agent',
    rule: 'every rule',
    note: "the user's custom agents, each a config layer",
  },
];

/** A posture and the problems of one file of a Codex home folder, read as what Codex reads it as (`target`). */
function codexHomeFile(file: SourceFile, target: string): { posture?: AgentPosture; problems: Problem[]; guidance: EmbeddedGuidance[] } {
  if (target.endsWith('.rules')) {
    const out = toCodexRulesPosture(file.path, file.text);
    return { ...out, problems: out.problems.map((p) => ({ ...p, agent: CODEX_ID })), guidance: [] };
  }
  const hooks = target.endsWith('hooks.json');
  const parsed = hooks ? parseJson(file.text, true) : parseToml(file.text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    return {
      problems: [unparseable(CODEX_ID, file.path, `cannot parse ${hooks ? 'JSON' : 'TOML'}: ${first.message}`, first.position)],
      guidance: [],
    };
  }
  const problems: Problem[] = [];
  const reject = (path: KeyPath, message: string): void => {
    problems.push({ ...unparseable(CODEX_ID, file.path, message, parsed.locator.locate(path, 'key').start), keyPath: path });
  };
  if (hooks) return { posture: toCodexHooksPosture(file.path, parsed.value, parsed.locator, file.text, reject), problems, guidance: [] };
  const root = isTable(parsed.value) ? parsed.value : {};
  const text = fileText(file.text);
  let posture = toCodexConfigPosture(file.path, root, parsed.locator, text, reject);
  // A custom agent only overrides what it sets: an absent environment filter is the config's.
  if (target.includes('/agents/') && posture.envFilter === 'absent') posture = { ...posture, envFilter: 'n/a' };
  return { posture, problems, guidance: codexInstructions(file.path, root, parsed.locator, text) };
}

/**
 * What the folder an `openai/codex-action` step's `codex-home` input names holds that Codex reads there (CODEX_HOME,
 * https://developers.openai.com/codex/config-basic): `config.toml`, `rules/*.rules`, `hooks.json` and
 * `agents/**\/*.toml`, read as the user's own (`~/.codex`).
 */
export const codexActionConfigAdapter: Adapter = {
  id: CODEX_ID,
  name: 'Codex home folder a workflow step names',
  keys: CODEX_KEYS,
  ...NAMED_ONLY,
  toPostures(files: readonly SourceFile[], context?: AdapterContext): AdapterOutput {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    const guidance: EmbeddedGuidance[] = [];
    for (const file of files) {
      const out = codexHomeFile(file, context?.namedConfig?.(file.path, CODEX_ID)?.target ?? '~/.codex/config.toml');
      if (out.posture) postures.push(handedOver(out.posture, CODEX_ID, context));
      problems.push(...out.problems.map((p) => namedProblem(p, CODEX_ID, context)));
      guidance.push(...out.guidance);
    }
    return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
  },
};
