import { ruleTester } from './helpers/rule-tester.js';

const C = '.codex/config.toml';
const R = '.codex/rules/team.rules';

ruleTester('sandbox-mode', {
  valid: [
    { files: { [C]: 'sandbox_mode = "workspace-write"\napproval_policy = "on-request"\n' } },
    { files: { [C]: 'sandbox_mode = "read-only"\n[profiles.x]\ndefault_permissions = ":workspace"\n' } },
    { files: { [C]: 'sandbox_mode = "danger-full-access"\n' }, policy: 'rules:\n  sandbox-mode: { allowed: [danger-full-access, workspace-write] }\n' },
    // In a sandbox, "never" fails closed: nothing escapes it (the usual pairing for unattended runs).
    { files: { [C]: 'approval_policy = "never"\n' } },
    { files: { [C]: 'sandbox_mode = "workspace-write"\napproval_policy = "never"\n' } },
    // Trust picks workspace-write with approvals on request, the team default.
    { files: { [C]: '[projects."/home/me/x"]\ntrust_level = "trusted"\n' } },
  ],
  invalid: [
    { files: { [C]: 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n' }, errors: [{ line: 1, column: 16, message: /never stops to ask/ }] },
    { files: { [C]: 'sandbox_mode = "read-only"\n' }, policy: 'rules:\n  sandbox-mode: { allowed: [workspace-write] }\n', errors: [{ line: 1, message: /allowed: workspace-write/ }] },
  ],
});

ruleTester('network-access', {
  valid: [
    { files: { [C]: 'web_search = "cached"\n[sandbox_workspace_write]\nnetwork_access = false\n' } },
    { files: { [C]: '[permissions.p.network]\nenabled = true\nmode = "limited"\ndomains = { "registry.npmjs.org" = "allow" }\n[features]\nnetwork_proxy = true\n' }, policy: 'rules:\n  network-access: { allowed-domains: ["*.npmjs.org"] }\n' },
    { files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' } },
    { files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' }, policy: 'rules:\n  network-access: { check-mcp-hosts: true, allowed-domains: [mcp.example.com] }\n' },
    { files: { [R]: 'prefix_rule(pattern = ["curl"], decision = "prompt")\n' } },
  ],
  invalid: [
    { files: { [C]: '[mcp_servers.a]\nurl = "https://mcp.example.com"\n' }, policy: 'extends: strict\n', errors: [{ line: 2, message: /mcp\.example\.com, which is not in allowed-domains/ }] },
    { files: { [C]: '[permissions.p.network]\nenabled = true\nmode = "full"\n' }, errors: [{ line: 3, message: /every command/ }] },
    { files: { [R]: 'prefix_rule(pattern = [["curl", "wget"], "-sSL"])\n' }, errors: [{ line: 1, message: /curl/ }] },
  ],
});

ruleTester('outside-writes', {
  valid: [
    { files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["build", "./out", "a/../b"]\n' } },
    { files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/opt/cache"]\n' }, policy: 'rules:\n  outside-writes: { allowed-roots: ["/opt/*"] }\n' },
    { files: { [C]: '[permissions.p.filesystem]\n":tmpdir" = "write"\n"src/**" = "write"\n"/etc" = "read"\n' } },
  ],
  invalid: [
    {
      files: { [C]: '[sandbox_workspace_write]\nwritable_roots = ["/opt/cache", "$HOME/.npm", "C:\\\\Users\\\\me"]\n' },
      errors: [{ line: 2, column: 19 }, { line: 2, column: 33 }, { line: 2, column: 47 }],
    },
    { files: { [C]: '[permissions.p.filesystem]\n":root" = "write"\n' }, errors: [{ line: 2, message: /:root/ }] },
  ],
});

ruleTester('publish-deploy', {
  valid: [
    { files: { [R]: 'prefix_rule(pattern = ["git", "push"], decision = "prompt")\nprefix_rule(pattern = ["git"], decision = "allow")\n' } },
    { files: { [R]: 'prefix_rule(pattern = ["npm", ["test", "run"]], decision = "allow")\n' } },
    { files: { [C]: '[mcp_servers.deploy.tools.get_status]\napproval_mode = "approve"\n' } },
    { files: { [C]: 'notify = ["notify-send", "done"]\n' } },
  ],
  invalid: [
    { files: { [R]: 'prefix_rule(pattern = ["make", "release"], decision = "allow")\n' }, policy: 'rules:\n  publish-deploy: { commands: ["make release"] }\n', errors: [{ line: 1, message: /make release/ }] },
    { files: { [R]: 'prefix_rule(\n  pattern = ["gh", "release", "create"],\n  decision = "allow",\n)\n' }, errors: [{ line: 3, column: 14 }] },
    { files: { [R]: 'prefix_rule(pattern = ["sudo"])\nprefix_rule(pattern = ["npx", "vercel"])\n' }, errors: [{ line: 1, message: /npm publish/ }, { line: 2, message: /vercel/ }] },
    { files: { [C]: 'approvals_reviewer = "auto_review"\n' }, errors: [{ line: 1, message: /a model, not a human/ }] },
    { files: { [C]: '[mcp_servers.infra.tools.terraform_apply]\napproval_mode = "approve"\n' }, errors: [{ line: 2 }] },
  ],
});

ruleTester('secret-access', {
  valid: [
    { files: { [C]: '[mcp_servers.gh]\nbearer_token_env_var = "GITHUB_TOKEN"\nenv = { GITHUB_TOKEN = "${GITHUB_TOKEN}" }\n' } },
    { files: { [C]: '[shell_environment_policy]\ninherit = "all"\nignore_default_excludes = false\n' } },
    { files: { [C]: 'model = "o3"\n' } },
    { files: { [R]: 'prefix_rule(pattern = ["cat", ".env.example"], decision = "allow")\n' } },
  ],
  invalid: [
    { files: { [C]: 'model = "o3"\n' }, policy: 'rules:\n  secret-access: { require-env-filter: true }\n', errors: [{ line: 1, column: 1, message: /requires an environment filter/ }] },
    { files: { [C]: '[shell_environment_policy]\nset = { A = "1" }\n' }, policy: 'extends: strict\n', errors: [{ line: 1, message: /requires an environment filter/ }] },
    { files: { [C]: '[permissions.p.filesystem]\n"~/.aws/credentials" = "read"\n' }, errors: [{ line: 2 }] },
    { files: { [R]: 'prefix_rule(pattern = ["cat", "config/prod.key"])\n' }, policy: 'rules:\n  secret-access: { paths: ["config/*.key"] }\n', errors: [{ line: 1 }] },
    { files: { [C]: '[[hooks.SessionStart]]\ncommand = "source .env && echo ok"\n' }, errors: [{ line: 2, message: /reads \.env automatically/ }] },
  ],
});
