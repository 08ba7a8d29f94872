import type { AgentPosture } from '../../core/posture.js';
import type { Problem, SourceFile } from '../../core/types.js';
import { agentPath } from '../../sources/agent-paths.js';
import { parseToml } from '../../sources/toml.js';
import { inTemplate, parseReading, readingOf, unparseable, type Adapter } from '../types.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { fileText } from '../shared/text-place.js';
import { toCodexConfigPosture } from './config.js';
import { codexInstructions } from './instructions.js';
import { CODEX_KEYS } from './keys.js';
import { toCodexRulesPosture } from './rules-file.js';
import { fallbackGuidance } from './fallback.js';

const CONFIG = agentPath('.codex/config.toml');
const RULES = agentPath('.codex/rules/*.rules');
/** Custom agents: each role file is a config layer of its own (Codex reads the folder recursively). */
const AGENTS = agentPath('.codex/agents/**/*.toml');

export const codexAdapter: Adapter = {
  id: 'codex',
  name: 'OpenAI Codex',
  patterns: [CONFIG, RULES, AGENTS],
  matches: (path) => CONFIG.test(path) || RULES.test(path) || AGENTS.test(path),
  keys: CODEX_KEYS,
  hints: { envFilter: 'add [shell_environment_policy] with inherit = "core"' },
  namedGuidance: (files, paths) => fallbackGuidance(CONFIG, files, paths),
  toPostures(files: readonly SourceFile[]) {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    const guidance: EmbeddedGuidance[] = [];
    for (const file of files) {
      const rules = RULES.test(file.path);
      const role = !rules && !CONFIG.test(file.path);
      const reading = readingOf(file, (rules ? RULES : role ? AGENTS : CONFIG).installedAs(file.path));
      const found: Problem[] = [];
      let posture: AgentPosture | undefined;
      if (rules) {
        const out = toCodexRulesPosture(file.path, reading.text);
        posture = out.posture;
        found.push(...out.problems);
      } else {
        const parsed = parseReading(reading, parseToml);
        if (parsed.ok) {
          const text = fileText(reading.text);
          posture = toCodexConfigPosture(file.path, parsed.value, parsed.locator, text);
          // A role file only overrides what it sets: an absent environment filter is the config's.
          if (role && posture.envFilter === 'absent') posture = { ...posture, envFilter: 'n/a' };
          guidance.push(...codexInstructions(file.path, parsed.value, parsed.locator, text));
        } else found.push(unparseable('codex', file.path, `cannot parse TOML: ${parsed.problems[0].message}`, parsed.problems[0].position));
      }
      if (posture) postures.push(reading.installedAs ? { ...posture, installedAs: reading.installedAs } : posture);
      problems.push(...(reading.template ? found.map(inTemplate) : found));
    }
    return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
  },
};
