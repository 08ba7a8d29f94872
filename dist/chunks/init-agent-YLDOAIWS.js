import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as c,d}from"./chunk-VY2HAQYG.js";import{e as a,f as i,g as e}from"./chunk-7LOLWC6A.js";import{lstatSync as f}from"node:fs";import{join as g}from"node:path";var p={codex:{path:".codex/config.toml",text:`# Codex settings for this repository, checked by ${e}.
# Edits stay inside the repository; leaving the sandbox needs an approval.
sandbox_mode = "workspace-write"
approval_policy = "on-request"

[sandbox_workspace_write]
# No network for commands the agent runs: ask, or add a reviewed exception, when a task needs it.
network_access = false

[shell_environment_policy]
# Commands see only the core variables (PATH, HOME, \u2026), not tokens from the developer's shell.
inherit = "core"
`},claude:{path:".claude/settings.json",text:`{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "permissions": {
    "defaultMode": "default",
    "ask": ["Bash(npm publish:*)", "Bash(git push:*)", "Bash(docker push:*)", "Bash(kubectl apply:*)", "Bash(terraform apply:*)"],
    "deny": ["Read(./.env)", "Read(./.env.*)", "Read(./secrets/**)", "WebFetch", "WebSearch"]
  }
}
`},gemini:{path:".gemini/settings.json",text:`{
  // Gemini CLI settings for this repository, checked by ${e}.
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
`},aider:{path:".aider.conf.yml",text:`# Aider settings for this repository, checked by ${e}.
# Aider asks before it runs a command or creates a file: keep it that way.
yes-always: false
# Files the agent reads for context; never .env or other secrets.
read:
  - CONVENTIONS.md
`},vscode:{path:".vscode/settings.json",text:`{
  // Copilot agent mode for this repository, checked by ${e}.
  // Every tool call and terminal command is approved by a person.
  "chat.tools.global.autoApprove": false
}
`}},u=Object.keys(p);function y(t){let o=p[t];if(!o)throw new a(`--agent must be one of ${u.join(", ")} (got "${t}")`);return o}function E(t,o,l,n){let{path:h,text:m}=y(o),r=g(t,h);if(f(r,{throwIfNoEntry:!1})&&!l)return n.stderr(`${e}: ${r} already exists; pass --force to overwrite it.
`),2;try{d(r,m,t)}catch(s){throw s instanceof c?new i(`init: ${s.message}`):s}return n.stdout(`Wrote ${r}
`),0}export{u as INIT_AGENTS,y as renderAgentConfig,E as runInitAgent};
