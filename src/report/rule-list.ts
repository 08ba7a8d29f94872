import { createHash } from 'node:crypto';
import { RULE_METAS } from '../rules/index.js';
import { PUBLISH_DEPLOY_COMMANDS } from '../shell/catalog.js';
import { DESTRUCTIVE_COMMANDS } from '../shell/destructive.js';
import { ruleDocsUrl } from '../meta.js';

/**
 * The rules catalogue's version: a digest of what decides findings beyond the code's version — every rule's id,
 * default level, defaults and messages, and the command catalogues. Two builds that print the same digest judge
 * by the same rules.
 */
export function rulesCatalogueVersion(): string {
  const catalogue = {
    rules: RULE_METAS.map((m) => ({ id: m.id, level: m.defaultLevel, defaults: m.options.parse({}), messages: m.messages })),
    publishDeploy: PUBLISH_DEPLOY_COMMANDS,
    destructive: DESTRUCTIVE_COMMANDS,
  };
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex').slice(0, 12);
}

/** `agent-policy rules`: every rule, its default level and where its docs live. */
export function renderRuleList(): string {
  const width = Math.max(...RULE_METAS.map((m) => m.id.length));
  const lines = RULE_METAS.map(
    (m) => `${m.id.padEnd(width)}  ${m.defaultLevel.padEnd(7)}  ${m.title}\n${' '.repeat(width + 11)}${ruleDocsUrl(m.id)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `agent-policy rules --format json`: the same, for scripts (docs/json-output.md). */
export function renderRuleListJson(): string {
  const rules = RULE_METAS.map((m) => ({
    id: m.id,
    title: m.title,
    defaultLevel: m.defaultLevel,
    readsGuidance: m.readsGuidance === true,
    description: m.description,
    fix: m.fix,
    docs: ruleDocsUrl(m.id),
  }));
  return `${JSON.stringify({ schemaVersion: 1, catalogueVersion: rulesCatalogueVersion(), rules }, null, 2)}\n`;
}
