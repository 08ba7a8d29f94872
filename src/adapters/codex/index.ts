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
import { inTemplate, parseReading, readingOf, unparseable, type Adapter } from '../types.js';
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
export function toCodexHooksPosture(
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
      const rules = RULES.test(file.path);
      const hooks = HOOKS.test(file.path);
      const role = !rules && !hooks && !CONFIG.test(file.path);
      const reading = readingOf(file, (rules ? RULES : hooks ? HOOKS : role ? AGENTS : CONFIG).installedAs(file.path));
      const found: Problem[] = [];
      let posture: AgentPosture | undefined;
      if (rules) {
        const out = toCodexRulesPosture(file.path, reading.text);
        posture = out.posture;
        found.push(...out.problems);
      } else {
        const rejectAt = (locator: Locator) => (path: KeyPath, message: string) => {
          found.push({ ...unparseable('codex', file.path, message, locator.locate(path, 'key').start), keyPath: path });
        };
        const failed = (kind: string, problem: { message: string; position?: Position }): void => {
          found.push(unparseable('codex', file.path, `cannot parse ${kind}: ${problem.message}`, problem.position));
        };
        if (hooks) {
          const parsed = parseReading(reading, (text) => parseJson(text, true));
          if (parsed.ok) posture = toCodexHooksPosture(file.path, parsed.value, parsed.locator, reading.text, rejectAt(parsed.locator));
          else failed('JSON', parsed.problems[0]);
        } else {
          const parsed = parseReading(reading, parseToml);
          if (parsed.ok) {
            const text = fileText(reading.text);
            posture = toCodexConfigPosture(file.path, parsed.value, parsed.locator, text, rejectAt(parsed.locator));
            // A role file only overrides what it sets: an absent environment filter is the config's.
            if (role && posture.envFilter === 'absent') posture = { ...posture, envFilter: 'n/a' };
            guidance.push(...codexInstructions(file.path, parsed.value, parsed.locator, text));
          } else failed('TOML', parsed.problems[0]);
        }
      }
      if (posture) postures.push(reading.installedAs ? { ...posture, installedAs: reading.installedAs } : posture);
      problems.push(...(reading.template ? found.map(inTemplate) : found));
    }
    return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
  },
};
