/**
 * What each agent does when a committed file does not say, for the preflight's "not set" answers. Only defaults
 * its vendor documents are named (sources in docs/preflight.md); a question left out here gets a neutral answer
 * that names no behaviour.
 */

/** The preflight's questions, in the guide's order. */
export const PREFLIGHT_QUESTIONS = [
  'scope',
  'sandbox',
  'writable-roots',
  'network',
  'approval',
  'tools',
  'destructive',
  'secrets',
  'logs',
  'packages',
  'offline',
  'git',
  'gui',
  'deploy',
] as const;
export type PreflightQuestion = (typeof PREFLIGHT_QUESTIONS)[number];

/** The question as the guide's checklist asks it, short. */
export const QUESTION_TITLES: Record<PreflightQuestion, string> = {
  scope: 'working directory and repository scope',
  sandbox: 'sandbox mode',
  'writable-roots': 'writable roots',
  network: 'network',
  approval: 'approval policy',
  tools: 'app/connector tools with side effects',
  destructive: 'destructive tools need approval',
  secrets: 'secrets readable',
  logs: 'logs that may expose data',
  packages: 'package installation',
  offline: 'offline-capable',
  git: 'stage/commit/push',
  gui: 'GUI apps',
  deploy: 'deployment',
};

/** The answer when nothing committed says, for an agent whose defaults are not listed below. */
export const NEUTRAL_DEFAULTS: Record<PreflightQuestion, string> = {
  scope: 'the folder the agent is started in',
  sandbox: "nothing committed: the agent's own default",
  'writable-roots': 'nothing committed beyond the workspace',
  network: 'nothing committed grants it',
  approval: "nothing committed: the agent's own default",
  tools: 'none pre-approved in committed files',
  destructive: 'none pre-approved in committed files',
  secrets: 'no secret read, variable or credential committed',
  logs: 'no prompt or transcript logging committed',
  packages: 'no install pre-approved or instructed',
  offline: 'nothing committed needs the network',
  git: 'no git command pre-approved or instructed',
  gui: 'nothing committed opens GUI apps',
  deploy: 'no publish or deploy command pre-approved or instructed',
};

/** For an agent a workflow step or a script starts: where it works, and that no one is there to answer it. */
export const LAUNCHER_DEFAULTS: Partial<Record<PreflightQuestion, string>> = {
  scope: 'the checkout the step or script runs in',
  approval: 'launched unattended: no human answers an approval prompt',
};

/** Documented defaults by adapter id; each names the setting that holds it. */
export const AGENT_DEFAULTS: Readonly<Record<string, Partial<Record<PreflightQuestion, string>>>> = {
  codex: {
    sandbox: 'Codex default: read-only, workspace-write in a trusted project',
    'writable-roots': 'Codex default: the workspace, /tmp and $TMPDIR',
    network: 'Codex default: network_access = false; web_search = "cached"',
    approval: 'Codex default: approval_policy = "on-request"',
    secrets: 'Codex default: shell_environment_policy inherit = "all" passes the environment to commands',
    gui: 'Codex default: browser_use, in_app_browser and computer_use features on',
  },
  'claude-code': {
    sandbox: 'Claude Code default: sandbox.enabled = false; permissions.defaultMode = "default"',
    'writable-roots': 'Claude Code default: the working directory (no additionalDirectories)',
    network: 'Claude Code default: WebFetch and network commands ask',
    approval: 'Claude Code default: defaultMode "default" asks before edits and commands',
  },
  'gemini-cli': {
    sandbox: 'Gemini CLI default: tools.sandbox unset (no sandbox)',
    'writable-roots': 'Gemini CLI default: the workspace (no context.includeDirectories)',
    network: 'Gemini CLI default: tools.sandboxNetworkAccess = false; web_fetch asks',
    approval: 'Gemini CLI default: general.defaultApprovalMode = "default" asks',
    secrets: 'Gemini CLI default: environment variable redaction off; project .env loaded in a trusted folder',
  },
  cursor: {
    sandbox: 'Cursor default: .cursor/sandbox.json type "workspace_readwrite"',
    approval: 'Cursor: run mode is an app setting, not committed',
  },
  vscode: {
    sandbox: 'VS Code default: chat.agent.sandbox.enabled = "off"',
    approval: 'VS Code default: chat.permissions.default "Default Approvals"',
    'writable-roots': 'VS Code default: terminal writes outside the workspace blocked (blockDetectedFileWrites)',
  },
  opencode: {
    approval: 'OpenCode default: most permissions "allow" (commands run without asking)',
    'writable-roots': 'OpenCode default: permission.external_directory = "ask"',
    secrets: 'OpenCode default: permission.read denies *.env',
    logs: 'OpenCode default: share = "manual"',
  },
  aider: {
    sandbox: 'Aider has no sandbox',
    approval: 'Aider default: asks before running shell commands (suggest-shell-commands = true)',
    git: 'Aider default: auto-commits = true (commits each edit locally)',
  },
};
