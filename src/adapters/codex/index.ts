import type { AgentPosture, Fact } from '../../core/posture.js';
import type { KeyPath, Position, Problem, SourceFile } from '../../core/types.js';
import type { Locator } from '../../core/locator.js';
import { agentPath } from '../../sources/agent-paths.js';
import { parseJson } from '../../sources/json.js';
import { parseToml } from '../../sources/toml.js';
import { stringLeaves } from '../walk.js';
import { addHooks } from '../shared/hooks.js';
import { at, setting } from '../shared/structured.js';
import { fileText } from '../shared/text-place.js';
import { inTemplate, parseReading, readingOf, unparseable, type Adapter, type Reading } from '../types.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { codexHooks, toCodexConfigPosture } from './config.js';
import { codexInstructions } from './instructions.js';
import { CODEX_KEYS } from './keys.js';
import { toCodexRulesPosture } from './rules-file.js';
import { fallbackGuidance } from './fallback.js';

const CONFIG = agentPath('.codex/config.toml');
const RULES = agentPath('.codex/rules/*.rules');
/** Custom agents: each role file is a config layer of its own (Codex reads the folder recursively). */
const AGENTS = agentPath('.codex/agents/**/*.toml');
const HOOKS = agentPath('.codex/hooks.json');

/** `.codex/hooks.json`: strict JSON (serde_json), `{ "hooks": { "<event>": [ … ] } }`. */
function toCodexHooksPosture(
  file: string,
  root: unknown,
  locator: Locator,
  text: string,
  reject: (path: KeyPath, message: string) => void,
): AgentPosture {
  const facts: Fact[] = [];
  const add = (f: Fact): void => {
    facts.push(f);
  };
  const table = root !== null && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  addHooks(
    { file, root: table, group: '', facts, envFilter: 'n/a', add, site: { text: fileText(text), locator }, reject },
    codexHooks('hooks.json'),
  );
  // Every string value is a place a literal credential can sit.
  for (const leaf of stringLeaves(root))
    facts.push({ kind: 'literal', value: leaf.value, keyName: leaf.keyName, ...at(leaf.path, setting(leaf.path, leaf.value)) });
  return { agent: 'codex', file, facts, envFilter: 'n/a', locator };
}

/** What Codex reads a file as: its config, a rules file, its hooks, or a custom agent (a config layer of its own). */
export type CodexFileKind = 'config' | 'rules' | 'hooks' | 'agent';

/** One Codex file read as `kind`: its posture, its problems (reported as `agent`'s) and the guidance it carries. */
export function readCodexFile(
  file: string,
  reading: Reading,
  kind: CodexFileKind,
  agent: string,
): { posture?: AgentPosture; problems: Problem[]; guidance: EmbeddedGuidance[] } {
  if (kind === 'rules') {
    const out = toCodexRulesPosture(file, reading.text);
    const problems = out.problems.map((p) => ({ ...p, agent }));
    return out.posture ? { posture: out.posture, problems, guidance: [] } : { problems, guidance: [] };
  }
  const problems: Problem[] = [];
  const rejectAt = (locator: Locator) => (path: KeyPath, message: string) => {
    problems.push({ ...unparseable(agent, file, message, locator.locate(path, 'key').start), keyPath: path });
  };
  const failed = (language: string, problem: { message: string; position?: Position }) => ({
    problems: [unparseable(agent, file, `cannot parse ${language}: ${problem.message}`, problem.position)],
    guidance: [],
  });
  if (kind === 'hooks') {
    const parsed = parseReading(reading, (text) => parseJson(text, true));
    if (!parsed.ok) return failed('JSON', parsed.problems[0]);
    return {
      posture: toCodexHooksPosture(file, parsed.value, parsed.locator, reading.text, rejectAt(parsed.locator)),
      problems,
      guidance: [],
    };
  }
  const parsed = parseReading(reading, parseToml);
  if (!parsed.ok) return failed('TOML', parsed.problems[0]);
  const text = fileText(reading.text);
  let posture = toCodexConfigPosture(file, parsed.value, parsed.locator, text, rejectAt(parsed.locator));
  // A custom agent only overrides what it sets: an absent environment filter is the config's.
  if (kind === 'agent' && posture.envFilter === 'absent') posture = { ...posture, envFilter: 'n/a' };
  return { posture, problems, guidance: codexInstructions(file, parsed.value, parsed.locator, text) };
}

export const codexAdapter: Adapter = {
  id: 'codex',
  name: 'OpenAI Codex',
  patterns: [CONFIG, RULES, AGENTS, HOOKS],
  matches: (path) => CONFIG.test(path) || RULES.test(path) || AGENTS.test(path) || HOOKS.test(path),
  keys: CODEX_KEYS,
  hints: { envFilter: 'add [shell_environment_policy] with inherit = "core"' },
  namedGuidance: (files, paths) => fallbackGuidance(CONFIG, files, paths),
  toPostures(files: readonly SourceFile[]) {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    const guidance: EmbeddedGuidance[] = [];
    for (const file of files) {
      const kind: CodexFileKind = RULES.test(file.path)
        ? 'rules'
        : HOOKS.test(file.path)
          ? 'hooks'
          : CONFIG.test(file.path)
            ? 'config'
            : 'agent';
      const reading = readingOf(file, { rules: RULES, hooks: HOOKS, config: CONFIG, agent: AGENTS }[kind].installedAs(file.path));
      const out = readCodexFile(file.path, reading, kind, 'codex');
      if (out.posture) postures.push(reading.installedAs ? { ...out.posture, installedAs: reading.installedAs } : out.posture);
      problems.push(...(reading.template ? out.problems.map(inTemplate) : out.problems));
      guidance.push(...out.guidance);
    }
    return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
  },
};
