import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { TOOL_NAME } from '../meta.js';
import { OutputError, writeReportFile } from '../io/output-file.js';

/**
 * Starting configs that pass every rule: work stays in the repository, no network without asking, publishing and
 * deploying ask first, secrets are not read. Where the file takes comments they say why; Claude Code reads its
 * settings as strict JSON, so its file has none and points at its schema instead.
 */
const CONFIGS: Record<string, { path: string; text: string }> = {
  codex: {
    path: '.codex/config.toml',
    text: `# Codex settings for this repository, checked by ${TOOL_NAME}.
# Edits stay inside the repository; leaving the sandbox needs an approval.
sandbox_mode = "workspace-write"
approval_policy = "on-request"

[sandbox_workspace_write]
# No network for commands the agent runs: ask, or add a reviewed exception, when a task needs it.
network_access = false

[shell_environment_policy]
# Commands see only the core variables (PATH, HOME, …), not tokens from the developer's shell.
inherit = "core"
`,
  },
  claude: {
    path: '.claude/settings.json',
    text: `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "permissions": {
    "defaultMode": "default",
    "ask": ["Bash(npm publish:*)", "Bash(git push:*)", "Bash(docker push:*)", "Bash(kubectl apply:*)", "Bash(terraform apply:*)"],
    "deny": ["Read(./.env)", "Read(./.env.*)", "Read(./secrets/**)", "WebFetch", "WebSearch"]
  }
}
`,
  },
  gemini: {
    path: '.gemini/settings.json',
    text: `{
  // Gemini CLI settings for this repository, checked by ${TOOL_NAME}.
  "general": {
    // Every tool call that changes something asks first.
    "defaultApprovalMode": "default"
  },
  "tools": {
    // No network inside the sandbox: ask, or add a reviewed exception, when a task needs it.
    "sandboxNetworkAccess": false
  },
  "security": {
    // Keep tokens from the developer's environment out of what tools see.
    "environmentVariableRedaction": { "enabled": true }
  }
}
`,
  },
  aider: {
    path: '.aider.conf.yml',
    text: `# Aider settings for this repository, checked by ${TOOL_NAME}.
# Aider asks before it runs a command or creates a file: keep it that way.
yes-always: false
# Files the agent reads for context; never .env or other secrets.
read:
  - CONVENTIONS.md
`,
  },
  vscode: {
    path: '.vscode/settings.json',
    text: `{
  // Copilot agent mode for this repository, checked by ${TOOL_NAME}.
  // Every tool call and terminal command is approved by a person.
  "chat.tools.global.autoApprove": false
}
`,
  },
};

export const INIT_AGENTS = Object.keys(CONFIGS);

/** The starting config `init --agent` writes: where, and what. */
export function renderAgentConfig(agent: string): { path: string; text: string } {
  const config = CONFIGS[agent];
  if (!config) throw new UsageError(`--agent must be one of ${INIT_AGENTS.join(', ')} (got "${agent}")`);
  return config;
}

/** `init --agent NAME [DIR]`: writes the agent's starting config at its committed path, never over a file without --force. */
export function runInitAgent(dir: string, agent: string, force: boolean, io: CliIO): number {
  const { path, text } = renderAgentConfig(agent);
  const target = join(dir, path);
  if (lstatSync(target, { throwIfNoEntry: false }) && !force) {
    io.stderr(`${TOOL_NAME}: ${target} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  try {
    writeReportFile(target, text, dir);
  } catch (error) {
    if (error instanceof OutputError) throw new RunError(`init: ${error.message}`);
    throw error;
  }
  io.stdout(`Wrote ${target}\n`);
  return 0;
}
