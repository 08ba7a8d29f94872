/**
 * Files generated from the code's own metadata: the policy JSON Schema, the header of each rule's docs page,
 * the adapter pages and the README rule table. `npm run build` writes them; `--check` fails when one is stale.
 */
import { ADAPTERS } from '../src/adapters/index.js';
import { toJSONSchema } from 'zod/mini';
import { policySchema } from '../src/policy/schema.js';
import { descriptionOf } from '../src/rules/define.js';

/** The policy JSON Schema, generated from the schema the tool validates with. */
function toJsonSchema(): unknown {
  const schema = toJSONSchema(policySchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://github.com/agent-policy/agent-policy/raw/main/agent-policy.schema.json', title: 'agent-policy' };
}
import { PUBLISH_DEPLOY_COMMANDS } from '../src/shell/catalog.js';
import { RULE_METAS } from '../src/rules/index.js';
import { SECRET_PATHS } from '../src/secrets/paths.js';

/** Built-in lists shown on a rule's page, from the same constants the rule uses. */
const BUILT_IN: Record<string, [string, readonly string[]]> = {
  'publish-deploy': ['Built-in commands (a rule that allows any of them, or a prefix of one, is reported)', PUBLISH_DEPLOY_COMMANDS],
  'secret-access': ['Built-in secret paths', SECRET_PATHS],
};

const START = '<!-- generated from the rule metadata: edit src/rules, then run npm run build -->';
const END = '<!-- end of generated section -->';

function replaceSection(existing: string | undefined, generated: string, fallbackBody: string): string {
  const section = `${START}\n${generated}\n${END}`;
  if (existing === undefined || !existing.includes(START) || !existing.includes(END)) return `${section}\n${fallbackBody}`;
  return existing.slice(0, existing.indexOf(START)) + section + existing.slice(existing.indexOf(END) + END.length);
}

export function generatedFiles(read: (path: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  out['agent-policy.schema.json'] = `${JSON.stringify(toJsonSchema(), null, 2)}\n`;

  for (const meta of RULE_METAS) {
    const defaults = meta.options.parse({}) as Record<string, unknown>;
    const options = Object.entries(defaults).map(([name, value]) => {
      const description = descriptionOf(meta.options.shape[name]) ?? '';
      return `| \`${name}\` | \`${JSON.stringify(value)}\` | ${description} |`;
    });
    const header = [
      `# ${meta.id}`,
      '',
      `**${meta.title}**`,
      '',
      meta.description,
      '',
      `Default level: \`${meta.defaultLevel}\`.`,
      '',
      ...(options.length > 0 ? ['| option | default | meaning |', '|---|---|---|', ...options, ''] : []),
      `**Fix:** ${meta.fix}`,
      ...(BUILT_IN[meta.id] ? ['', `${BUILT_IN[meta.id]![0]}:`, '', BUILT_IN[meta.id]![1].map((c) => `\`${c}\``).join(', ')] : []),
    ].join('\n');
    const path = `docs/rules/${meta.id}.md`;
    out[path] = replaceSection(read(path), header, '\n## Examples\n');
  }

  for (const adapter of ADAPTERS) {
    const rows = adapter.keys.map(
      (k) => `| \`${k.file}\` | ${k.key.replace(/\|/g, '\\|')} | ${k.rule} | ${k.note.replace(/\|/g, '\\|')} |`,
    );
    const files = [...new Set(adapter.keys.map((k) => k.file))].map((f) => `- \`${f}\` (at any depth)`);
    const header = [
      `# ${adapter.name} (\`${adapter.id}\`)`,
      '',
      'Files read:',
      '',
      ...files,
      '',
      '| file | key | rule | what is reported |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n');
    const path = `docs/agents/${adapter.id}.md`;
    out[path] = replaceSection(read(path), header, '');
  }

  const table = [
    '| rule | default | the rule |',
    '|---|---|---|',
    ...RULE_METAS.map((m) => `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.defaultLevel} | ${m.title} |`),
  ].join('\n');
  const readme = read('README.md');
  if (readme !== undefined) out['README.md'] = replaceSection(readme, table, '');
  return out;
}
