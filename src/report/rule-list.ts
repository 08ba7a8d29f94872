import { RULE_METAS } from '../rules/index.js';
import { ruleDocsUrl } from '../meta.js';

/** `agent-policy rules`: every rule, its default level and where its docs live. */
export function renderRuleList(): string {
  const width = Math.max(...RULE_METAS.map((m) => m.id.length));
  const lines = RULE_METAS.map(
    (m) => `${m.id.padEnd(width)}  ${m.defaultLevel.padEnd(7)}  ${m.title}\n${' '.repeat(width + 11)}${ruleDocsUrl(m.id)}`,
  );
  return `${lines.join('\n')}\n`;
}
