/**
 * Files generated from the code's own metadata: the policy JSON Schema, the header of each rule's docs page,
 * the adapter pages and the README rule table. `npm run build` writes them; `--check` fails when one is stale.
 */
import { ADAPTERS } from '../src/adapters/index.js';
import { toJSONSchema } from 'zod/mini';
import { SCHEMA_URL } from '../src/meta.js';
import { LEVELS, policySchema } from '../src/policy/schema.js';
import { descriptionOf } from '../src/rules/define.js';

/** The policy JSON Schema, generated from the schema the tool validates with. */
function toJsonSchema(): unknown {
  const schema = toJSONSchema(policySchema, { io: 'input', target: 'draft-7' }) as unknown as {
    properties: { rules: { properties: Record<string, unknown> } };
  };
  // `rule-id: off` is shorthand for `rule-id: { level: off }`; the loader expands it before validating.
  const rules = schema.properties.rules.properties;
  for (const [id, entry] of Object.entries(rules))
    rules[id] = { anyOf: [{ type: 'string', enum: [...LEVELS], description: `Shorthand for { level: … }` }, entry] };
  return { ...schema, $id: SCHEMA_URL, title: 'agent-policy' };
}
import { PUBLISH_DEPLOY_COMMANDS } from '../src/shell/catalog.js';
import { AGENT_CLIS, type FlagMeaning, type FlagSpec, type ToolSyntax } from '../src/shell/agent-clis.js';
import type { BypassGrant } from '../src/core/posture.js';
import { DESTRUCTIVE_COMMANDS } from '../src/shell/destructive.js';
import { RULE_METAS } from '../src/rules/index.js';
import { SECRET_PATHS } from '../src/secrets/paths.js';

/** Built-in lists shown on a rule's page, from the same constants the rule uses. */
const BUILT_IN: Record<string, [string, readonly string[]]> = {
  'publish-deploy': ['Built-in commands (a rule that allows any of them, or a prefix of one, is reported)', PUBLISH_DEPLOY_COMMANDS],
  'secret-access': ['Built-in secret paths', SECRET_PATHS],
};

/** Built-in catalogues shown as a table, each entry with the documentation it comes from. */
const BUILT_IN_TABLES: Record<string, string[]> = {
  'destructive-actions': [
    'Built-in commands (options in any order, short ones bundled or not; a rule that allows any of them, or a prefix of one, is reported):',
    '',
    '| command | destroys | source |',
    '|---|---|---|',
    ...DESTRUCTIVE_COMMANDS.map((e) => `| \`${e.command}\` | ${e.destroys} | ${e.source.replace(/^(https:\S+)/, '<$1>')} |`),
  ],
};

const START = '<!-- generated from the rule metadata: edit src/rules, then run npm run build -->';
const END = '<!-- end of generated section -->';

/** The rules that judge what a flag means, and what is reported, for the agent pages. */
const FLAG_RULE: Record<FlagMeaning['fact'], string> = {
  bypass: 'sandbox-mode',
  sandbox: 'sandbox-mode',
  'approval-never': 'sandbox-mode',
  'model-reviewer': 'publish-deploy',
  network: 'network-access',
  domain: 'network-access',
  'writable-root': 'outside-writes',
  'session-sharing': 'secret-access',
  tool: 'publish-deploy, network-access, outside-writes, secret-access, sandbox-mode',
  'config-override': 'every rule',
  settings: 'every rule',
  'mcp-config': 'network-access, secret-access, publish-deploy, outside-writes',
};

const GRANTS: Partial<Record<BypassGrant, string>> = {
  'skip-all-prompts': 'every prompt and check skipped',
  'confirm-all': 'yes to every confirmation',
  'approve-all-tool-calls': 'every tool call approved',
  'allow-all-tools': 'every tool allowed without asking, commands included',
  'no-sandbox': 'commands run with no sandbox',
  'model-approves': 'a model, not a human, decides what runs without asking',
};

/** Whose permission syntax a tool flag takes, as the docs name it. */
const SYNTAX_NAMES: Record<ToolSyntax, string> = {
  claude: "Claude Code's",
  qwen: "Qwen Code's",
  gemini: "Gemini CLI's",
  copilot: "Copilot CLI's",
  letta: "Letta Code's",
};

function flagNote(m: FlagMeaning): string {
  switch (m.fact) {
    case 'bypass':
      return `${GRANTS[m.grants] ?? m.grants}${m.note ? ` (${m.note})` : ''}`;
    case 'sandbox':
      return `sandbox ${m.mode}`;
    case 'approval-never':
      return 'never asks for approval';
    case 'model-reviewer':
      return 'a model, not a human, approves';
    case 'network':
      return m.what === 'web-search' ? 'live web search' : 'fetches any URL';
    case 'domain':
      return 'each host fetched without asking';
    case 'writable-root':
      return m.path ? `writes anywhere (as ${m.path})` : 'each folder outside the repository';
    case 'session-sharing':
      return 'the session shared outside the machine';
    case 'tool':
      return `each entry read as ${m.decision === 'allow' ? 'an' : 'a'} ${m.decision} permission in ${SYNTAX_NAMES[m.syntax]} syntax`;
    case 'config-override':
      return '`key=value` read as the same key in .codex/config.toml';
    case 'settings':
      return m.format === 'opencode'
        ? `inline JSON read as ${m.under === undefined ? 'opencode.json' : `opencode.json's \`${m.under}\` block`}`
        : 'inline JSON read as .claude/settings.json (a file name is not followed)';
    case 'mcp-config':
      return 'inline JSON read as MCP servers (a file name is not followed)';
  }
}

const flagRows = (f: FlagSpec): string[] => {
  const names = f.names.map((n) => `\`${n}\``).join(', ');
  if (f.meaning) return [`${names}${f.takes ? ' …' : ''} | ${FLAG_RULE[f.meaning.fact]} | ${flagNote(f.meaning)}`];
  return Object.entries(f.values ?? {}).map(([value, m]) => `${names} \`${value}\` | ${FLAG_RULE[m.fact]} | ${flagNote(m)}`);
};

/** The command-line section of an agent's page: the flags of its CLIs, from the table the recognition reads. */
function cliSection(agent: string): string[] {
  const clis = AGENT_CLIS.filter((c) => c.agent === agent);
  if (clis.length === 0) return [];
  const rows = clis.flatMap((c) => [
    ...c.flags.flatMap(flagRows).map((row) => `| \`${c.programs.join('`, `')}\` | ${row.replace(/\|/g, '|')} |`),
    ...(c.env ?? [])
      .flatMap(flagRows)
      .map((row) => `| \`${c.programs.join('`, `')}\` | ${row.replace(/\|/g, '|').replace(/` …/, '=…`')} (set for the run) |`),
  ]);
  const runs = clis.map((c) => {
    const via = c.packages.length > 0 ? ` (also started by a package runner as ${c.packages.map((p) => `\`${p}\``).join(', ')})` : '';
    return `- ${c.name}: \`${c.programs.join('`, `')}\`${via}; read from ${c.source}`;
  });
  return [
    '',
    'Command lines that start the agent (hooks, helpers and other commands that run without a prompt): each flag is read as the setting it equals.',
    '',
    ...runs,
    '',
    '| program | flag | rule | what is reported |',
    '|---|---|---|---|',
    ...rows,
  ];
}

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
      ...(BUILT_IN_TABLES[meta.id] ? ['', ...BUILT_IN_TABLES[meta.id]!] : []),
    ].join('\n');
    const path = `docs/rules/${meta.id}.md`;
    out[path] = replaceSection(read(path), header, '\n## Examples\n');
  }

  for (const adapter of ADAPTERS) {
    const rows = adapter.keys.map(
      (k) => `| \`${k.file}\` | ${k.key.replace(/\|/g, '\\|')} | ${k.rule} | ${k.note.replace(/\|/g, '\\|')} |`,
    );
    // A file read only at the repository's root says so in its name; the others are read at any depth.
    const files = [...new Set(adapter.keys.map((k) => k.file))].map(
      (f) => `- \`${f}\`${/\bat the repository's root\b/.test(f) ? '' : ' (at any depth)'}`,
    );
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
      ...cliSection(adapter.id),
    ].join('\n');
    const path = `docs/agents/${adapter.id}.md`;
    out[path] = replaceSection(read(path), header, '');
  }
  // Agents with a CLI and no config file read get a page of their own.
  for (const cli of AGENT_CLIS) {
    if (ADAPTERS.some((a) => a.id === cli.agent)) continue;
    const path = `docs/agents/${cli.agent}.md`;
    out[path] = replaceSection(
      read(path),
      [`# ${cli.name} (\`${cli.agent}\`)`, '', 'No config file of its own is read.', ...cliSection(cli.agent)].join('\n'),
      '',
    );
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
