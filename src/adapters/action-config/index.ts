import type { AgentPosture } from '../../core/posture.js';
import type { Problem, SourceFile } from '../../core/types.js';
import { mapClaudeSettings } from '../claude/index.js';
import { readCodexFile, type CodexFileKind } from '../codex/index.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { ownGroup } from '../shared/copies.js';
import { structuredAdapter } from '../shared/structured.js';
import type { Adapter, AdapterContext, AdapterOutput, KeyDoc } from '../types.js';

/**
 * A posture of a file a workflow step hands to the agent as its config: what the step names is certain, so its
 * facts keep their confidence; its rules make a group of the file's own (the step may pass other rules beside them,
 * and a deny here must not take away what those grant); the step is a related location of every finding.
 */
function handedOver(posture: AgentPosture, id: string, context: AdapterContext | undefined): AgentPosture {
  const named = context?.namedConfig?.(posture.file, id);
  if (named === undefined) return posture;
  const installedAs = { target: named.target, by: 'action' as const, via: named.via };
  return { ...posture, agent: id, facts: ownGroup(posture, id), installedAs, related: [...(posture.related ?? []), named.site] };
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

/**
 * What Codex reads in its home folder (CODEX_HOME, https://developers.openai.com/codex/config-basic), by path below
 * the folder: the user's config, rules (https://developers.openai.com/codex/rules), hooks and custom agents, each
 * with the agent file it stands for and what Codex reads it as.
 */
export const CODEX_HOME_FILES: readonly { below: RegExp; target: string; kind: CodexFileKind }[] = [
  { below: /^config\.toml$/, target: '~/.codex/config.toml', kind: 'config' },
  { below: /^rules\/[^/]+\.rules$/, target: '~/.codex/rules/*.rules', kind: 'rules' },
  { below: /^hooks\.json$/, target: '~/.codex/hooks.json', kind: 'hooks' },
  { below: /^agents\/.+\.toml$/, target: '~/.codex/agents/*.toml', kind: 'agent' },
];

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
      const target = context?.namedConfig?.(file.path, CODEX_ID)?.target;
      const kind = CODEX_HOME_FILES.find((f) => f.target === target)?.kind ?? 'config';
      const out = readCodexFile(file.path, { text: file.text, template: false }, kind, CODEX_ID);
      if (out.posture) postures.push(handedOver(out.posture, CODEX_ID, context));
      problems.push(...out.problems.map((p) => namedProblem(p, CODEX_ID, context)));
      guidance.push(...out.guidance);
    }
    return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
  },
};
