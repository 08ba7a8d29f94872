import type { AgentPosture } from '../../core/posture.js';
import type { Problem, SourceFile } from '../../core/types.js';
import { agentPath } from '../../sources/agent-paths.js';
import { parseToml } from '../../sources/toml.js';
import { unparseable, type Adapter } from '../types.js';
import { toCodexConfigPosture } from './config.js';
import { CODEX_KEYS } from './keys.js';
import { toCodexRulesPosture } from './rules-file.js';

const CONFIG = agentPath('.codex/config.toml');
const RULES = agentPath('.codex/rules/*.rules');

export const codexAdapter: Adapter = {
  id: 'codex',
  name: 'OpenAI Codex',
  patterns: [CONFIG, RULES],
  matches: (path) => CONFIG.test(path) || RULES.test(path),
  keys: CODEX_KEYS,
  hints: { envFilter: 'add [shell_environment_policy] with inherit = "core"' },
  toPostures(files: readonly SourceFile[]) {
    const postures: AgentPosture[] = [];
    const problems: Problem[] = [];
    for (const file of files) {
      if (RULES.test(file.path)) {
        const out = toCodexRulesPosture(file.path, file.text);
        if (out.posture) postures.push(out.posture);
        problems.push(...out.problems);
        continue;
      }
      const parsed = parseToml(file.text);
      if (!parsed.ok) {
        problems.push(unparseable('codex', file.path, `cannot parse TOML: ${parsed.problems[0].message}`, parsed.problems[0].position));
        continue;
      }
      postures.push(toCodexConfigPosture(file.path, parsed.value, parsed.locator));
    }
    return { postures, problems };
  },
};
