import type { AgentPosture, Fact } from '../../core/posture.js';
import type { Problem, SourceFile } from '../../core/types.js';
import { parseToml } from '../../sources/toml.js';
import { mapClaudeSettings } from '../claude/index.js';
import { toCodexConfigPosture } from '../codex/config.js';
import { codexInstructions } from '../codex/instructions.js';
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
  const named = context?.namedConfig?.(posture.file);
  if (named === undefined) return posture;
  const group = `${id}:${posture.file}`;
  const facts = posture.facts.map((fact): Fact => ('group' in fact ? { ...fact, group } : fact));
  const installedAs = { target: named.target, by: 'action' as const, via: named.via };
  return { ...posture, agent: id, facts, installedAs, related: [...(posture.related ?? []), named.site] };
}

/** A problem of a file a step names, with the step as a related location. */
function namedProblem(problem: Problem, context: AdapterContext | undefined): Problem {
  const named = context?.namedConfig?.(problem.file);
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
      problems: out.problems.map((p) => namedProblem(p, context)),
    };
  },
};

const CODEX_ID = 'codex-action-config';

const CODEX_KEYS: readonly KeyDoc[] = [
  {
    file: 'config.toml of the folder the codex-home input of an openai/codex-action step names',
    key: 'every key of `~/.codex/config.toml`',
    rule: 'every rule',
    note: "Codex reads it as the user's config (CODEX_HOME): read as it is",
  },
];

/**
 * `config.toml` of the folder an `openai/codex-action` step's `codex-home` input names (CODEX_HOME,
 * https://developers.openai.com/codex/config-basic): read as Codex's user config.
 */
export const codexActionConfigAdapter: Adapter = {
  id: CODEX_ID,
  name: 'Codex config a workflow step names',
  keys: CODEX_KEYS,
  ...NAMED_ONLY,
  toPostures(files: readonly SourceFile[], context?: AdapterContext): AdapterOutput {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    const guidance = [];
    for (const file of files) {
      const parsed = parseToml(file.text);
      if (!parsed.ok) {
        const [first] = parsed.problems;
        problems.push(unparseable(CODEX_ID, file.path, `cannot parse TOML: ${first.message}`, first.position));
        continue;
      }
      const root = isTable(parsed.value) ? parsed.value : {};
      const reject = (path: readonly (string | number)[], message: string): void => {
        problems.push({ ...unparseable(CODEX_ID, file.path, message, parsed.locator.locate([...path], 'key').start), keyPath: [...path] });
      };
      const text = fileText(file.text);
      postures.push(handedOver(toCodexConfigPosture(file.path, root, parsed.locator, text, reject), CODEX_ID, context));
      guidance.push(...codexInstructions(file.path, root, parsed.locator, text));
    }
    const named = problems.map((p) => namedProblem(p, context));
    return guidance.length > 0 ? { postures, problems: named, guidance } : { postures, problems: named };
  },
};
