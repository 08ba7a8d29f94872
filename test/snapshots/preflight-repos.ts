/**
 * The fixture repositories the preflight is snapshotted over (with AGENTS and CLEAN of repos.ts): several agents
 * mostly within the policy, and nothing committed at all.
 */

/** Codex (a config and a custom agent), Claude Code, guidance, and two workflow steps that start agents. */
export const SEVERAL: Record<string, string> = {
  '.codex/config.toml': [
    'model = "gpt-5-codex"',
    'sandbox_mode = "workspace-write"',
    'approval_policy = "on-request"',
    '',
    '[sandbox_workspace_write]',
    'network_access = false',
    '',
    '[mcp_servers.github]',
    'command = "github-mcp-server"',
    'default_tools_approval_mode = "approve"',
    '',
  ].join('\n'),
  '.codex/agents/reviewer.toml': [
    'name = "reviewer"',
    'description = "Reviews changes"',
    'sandbox_mode = "read-only"',
    'developer_instructions = "Review the diff. Never push."',
    '',
  ].join('\n'),
  '.claude/settings.json': [
    '{',
    '  "permissions": {',
    '    "allow": ["Bash(npm test)", "Bash(npm ci)"],',
    '    "ask": ["Bash(git push:*)"],',
    '    "deny": ["Read(./.env)", "Bash(rm -rf:*)"]',
    '  },',
    '  "env": { "OTEL_LOG_USER_PROMPTS": "1", "CLAUDE_CODE_ENABLE_TELEMETRY": "1", "OTEL_LOGS_EXPORTER": "otlp" }',
    '}',
    '',
  ].join('\n'),
  '.github/workflows/agents.yml': [
    'name: Agents',
    'on: pull_request',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  review:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          persist-credentials: false',
    '      - name: Review',
    '        run: codex exec --sandbox read-only "Review this change"',
    '      - name: Fix',
    '        run: claude -p "Fix the lint errors" --permission-mode acceptEdits',
    '',
  ].join('\n'),
  'AGENTS.md': '# Working here\n\nRun `npm test` before you propose a change.\nAsk before you push or publish anything.\n',
};

/** Nothing an agent reads. */
export const NOTHING: Record<string, string> = { 'README.md': '# app\n', 'src/index.js': 'export {};\n' };
