import { descriptionOf } from '../rules/define.js';
import { RULE_METAS } from '../rules/index.js';
import { settingsSchema } from '../policy/schema.js';
import { SCHEMA_URL } from '../meta.js';

const yamlValue = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));

/** The commented policy `agent-policy init` writes, generated from the rules' own metadata. */
export function renderInitialPolicy(): string {
  const lines = [
    '# agent-policy team policy. Schema: agent-policy.schema.json; docs: docs/policy.md',
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    `$schema: ${SCHEMA_URL}`,
    'version: 1',
    '# extends: strict   # build on an embedded policy (default, strict) or ./relative/path.yml; levels it sets can only be raised',
    '',
    'rules:',
  ];
  for (const meta of RULE_METAS) {
    lines.push(`  # ${meta.title}`);
    lines.push(`  ${meta.id}:`);
    lines.push(`    level: ${meta.defaultLevel}   # error | warning | notice | off`);
    const defaults = meta.options.parse({}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(defaults)) {
      const description = descriptionOf(meta.options.shape[name]);
      lines.push(`    ${name}: ${yamlValue(value)}${description ? `   # ${description}` : ''}`);
    }
  }
  const settings = settingsSchema.parse({});
  lines.push('', 'settings:');
  for (const [name, value] of Object.entries(settings)) lines.push(`  ${name}: ${yamlValue(value)}`);
  lines.push(
    '',
    '# Documented exceptions: each needs an owner, a reason and an expiry date.',
    'exceptions: []',
    '#  - id: docs-live-api',
    '#    rule: network-access',
    '#    paths: ["docs/.codex/config.toml"]',
    '#    reason: The docs generator fetches the live API reference.',
    '#    owner: "@acme/docs"',
    '#    expires: 2027-03-31',
    '',
  );
  return lines.join('\n');
}
