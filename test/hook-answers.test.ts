import { describe, expect, it } from 'vitest';
import { fallThroughAllow } from '../src/adapters/scripts/hook-answers.js';
import { lintFiles, makeRepo } from './helpers/repo.js';

const lineOf = (text: string, part: string): number => text.split('\n').findIndex((l) => l.includes(part)) + 1;

/** A deny list in shell: three patterns blocked, every other command allowed. */
const DENY_LIST = `#!/bin/bash
input=$(cat)
cmd=$(echo "$input" | jq -r '.tool_input.command // ""')
if [[ "$cmd" == *"git push"* ]]; then
  echo '{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny"}}'
  exit 0
fi
case "$cmd" in
  rm\\ -rf*) echo '{"hookSpecificOutput": {"permissionDecision": "deny"}}'; exit 0 ;;
esac
# everything else runs
echo '{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "allow"}}'
`;

/** An allow list in shell: two commands allowed, the rest left to the prompt. */
const ALLOW_LIST = `#!/bin/bash
cmd=$(jq -r '.tool_input.command')
if [[ "$cmd" == "npm test" || "$cmd" == "npm run lint" ]]; then
  echo '{"hookSpecificOutput": {"permissionDecision": "allow"}}'
fi
exit 0
`;

describe('hook scripts that answer allow to every call they do not block', () => {
  it('a deny list in shell: the last answer, outside every condition', () => {
    expect(fallThroughAllow('.claude/hooks/guard.sh', DENY_LIST)).toMatchObject({ line: lineOf(DENY_LIST, '"allow"') });
  });

  it('an allow list, an allow on a condition of its own line, a last answer that denies: none', () => {
    expect(fallThroughAllow('.claude/hooks/guard.sh', ALLOW_LIST)).toBeUndefined();
    expect(fallThroughAllow('.claude/hooks/a.sh', `[[ "$c" == ls* ]] && echo '{"permission":"allow"}'\n`)).toBeUndefined();
    expect(fallThroughAllow('.claude/hooks/a.sh', `echo '{"permission":"allow"}'\necho '{"permission":"deny"}'\n`)).toBeUndefined();
    expect(
      fallThroughAllow('.cursor/hooks/a.js', `const ok = check();\nprint(ok ? { permission: "allow" } : { permission: "ask" });\n`),
    ).toBeUndefined();
  });

  it('a shell function that answers, called last outside any condition, answers there', () => {
    const text = [
      'deny() { printf \'{"permission": "deny"}\\n\'; exit 0; }',
      'allow() {',
      '  printf \'{"continue": true, "permission": "allow"}\\n\'',
      '  exit 0',
      '}',
      'cmd=$(jq -r .command)',
      '[ -z "$cmd" ] && allow',
      'matches "curl.*-d" && deny "uploads are blocked"',
      'allow',
      '',
    ].join('\n');
    expect(fallThroughAllow('.cursor/hooks/deny.sh', text)).toMatchObject({ line: 9, column: 1 });
    // Called only on a condition: nothing falls through to it.
    expect(fallThroughAllow('.cursor/hooks/deny.sh', text.replace('\nallow\n', '\nexit 0\n'))).toBeUndefined();
  });

  it('Python: the allow at the level of its function, after the denies; not inside a branch', () => {
    const guard = [
      'import json, sys',
      'def main():',
      '    cmd = json.load(sys.stdin).get("command", "")',
      '    if "git push" in cmd:',
      '        print(json.dumps({"permission": "deny"}))',
      '        return 0',
      '    print(json.dumps({"permission": "allow"}))',
      '    return 0',
      'if __name__ == "__main__":',
      '    raise SystemExit(main())',
      '',
    ].join('\n');
    expect(fallThroughAllow('.cursor/hooks/guard.py', guard)).toMatchObject({ line: 7 });
    const branch = guard.replace(
      '    print(json.dumps({"permission": "allow"}))',
      '    elif cmd == "ls":\n        print(json.dumps({"permission": "allow"}))',
    );
    expect(fallThroughAllow('.cursor/hooks/guard.py', branch)).toBeUndefined();
  });

  it('JS: at the top or in a function body, not in an if block', () => {
    const top = 'const input = require("fs").readFileSync(0, "utf-8");\nprocess.stdout.write(JSON.stringify({ permission: "allow" }));\n';
    expect(fallThroughAllow('.cursor/hooks/auto.js', top)).toMatchObject({ line: 2 });
    const fn =
      'process.stdin.on("end", () => {\n  if (bad(cmd)) {\n    out({ permission: "deny" });\n    return;\n  }\n  out({ permission: "allow" });\n});\n';
    expect(fallThroughAllow('.cursor/hooks/auto.mjs', fn)).toMatchObject({ line: 6 });
    const inIf = 'if (cmd.startsWith("npm test")) {\n  out({ permission: "allow" });\n}\n';
    expect(fallThroughAllow('.cursor/hooks/auto.ts', inIf)).toBeUndefined();
  });

  it('a Stop hook that approves stopping answers no permission', () => {
    const stop =
      'input=$(cat)\nif [ "$(echo "$input" | jq .stop_hook_active)" = true ]; then exit 0; fi\necho \'{"decision": "approve"}\'\n';
    expect(fallThroughAllow('.claude/hooks/stop.sh', stop)).toBeUndefined();
  });

  it('reads what a first reading got wrong: a colon in a condition, escaped quotes, JS bodies without braces, regular expression literals', () => {
    const py =
      'import json, sys\ncmd = json.load(sys.stdin)["tool_input"]["command"]\nif cmd.startswith("https://x:"):\n    print(json.dumps({"permissionDecision": "allow"}))\n';
    expect(fallThroughAllow('.claude/hooks/a.py', py)).toBeUndefined();
    const helperPy = 'def allow():\n    print(\'{"permission": "allow"}\')\nif safe(cmd):\n    allow()\n';
    expect(fallThroughAllow('.cursor/hooks/a.py', helperPy)).toBeUndefined();
    const escaped =
      'if [[ "$c" == *push* ]]; then echo "{\\"decision\\": \\"block\\"}"; exit 0; fi\necho "{\\"decision\\": \\"approve\\"}" # tool_name\n';
    expect(fallThroughAllow('.claude/hooks/a.sh', escaped)).toMatchObject({ line: 2 });
    const message =
      'if [[ "$c" == rm* ]]; then\n  echo \'{"permissionDecision":"deny","reason":"Blocked; if you must, ask"}\'\n  exit 0\nfi\necho \'{"permissionDecision":"allow"}\'\n';
    expect(fallThroughAllow('.claude/hooks/a.sh', message)).toMatchObject({ line: 5 });
    const braceless =
      'const cmd = input.tool_input.command;\nif (/^ls\\b/.test(cmd))\n  console.log(JSON.stringify({ permission: "allow" }));\n';
    expect(fallThroughAllow('.cursor/hooks/a.js', braceless)).toBeUndefined();
    const literal =
      'if (!/[;&|`\'"$]/.test(cmd) && /^[a-z ]{1,40}$/.test(cmd)) {\n  console.log(JSON.stringify({ permission: "allow" }));\n}\n';
    expect(fallThroughAllow('.cursor/hooks/a.js', literal)).toBeUndefined();
    const helperJs = 'function allow() {\n  console.log(JSON.stringify({ permission: "allow" }));\n}\nif (/^ls/.test(cmd)) allow();\n';
    expect(fallThroughAllow('.cursor/hooks/a.js', helperJs)).toBeUndefined();
    // A Stop hook's `decision` is about stopping: it reads no tool call.
    expect(fallThroughAllow('.claude/hooks/stop.sh', 'echo \'{"decision":"approve"}\'\n')).toBeUndefined();
  });

  // A read that is not linear takes minutes on these (a 1 MB line of spaces: 326 s before); the timeout says so.
  it('reads a hostile script of nearly a megabyte in one pass: long lines, many functions, deep nesting', () => {
    const lines = [
      `allow() { echo '{"permissionDecision":"allow"}'; }\n;${' '.repeat(900_000)}x\nallow\n`,
      `console.log(JSON.stringify({permissionDecision:'allow'}))\n${'if {'.repeat(220_000)}\n`,
      `${'function a(\n'.repeat(60_000)}console.log(JSON.stringify({ permission: "allow" }))\n`,
      `then${' '.repeat(500_000)}\necho '{"permission":"allow"}'\n`,
      `${'function a() {\n'.repeat(60_000)}console.log(JSON.stringify({ permission: "allow" }))\n`,
      `echo '{"permission":"allow"}' ${'? if '.repeat(150_000)}\n`,
    ];
    for (const [i, text] of lines.entries())
      fallThroughAllow(i === 0 || i === 3 || i === 5 ? '.claude/hooks/a.sh' : '.cursor/hooks/a.js', text);
  }, 30_000);

  it('is a finding of sandbox-mode at the answer, in the hook folders of the agents, JS and TS included', async () => {
    const result = await lintFiles({
      '.claude/hooks/guard.sh': DENY_LIST,
      '.cursor/hooks/auto-allow.js': 'process.stdout.write(JSON.stringify({ permission: "allow" }));\n',
      '.factory/hooks/allow.ts': 'console.log(JSON.stringify({ hookSpecificOutput: { permissionDecision: "allow" } }));\n',
      '.claude/hooks/only-tests.sh': ALLOW_LIST,
      // Not a hook folder: a script elsewhere is not read for its answers.
      'scripts/auto-allow.js': 'process.stdout.write(JSON.stringify({ permission: "allow" }));\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort()).toEqual(
      [
        `.claude/hooks/guard.sh:${lineOf(DENY_LIST, '"allow"')}:sandbox-mode`,
        '.cursor/hooks/auto-allow.js:1:sandbox-mode',
        '.factory/hooks/allow.ts:1:sandbox-mode',
      ].sort(),
    );
    const finding = result.findings.find((f) => f.file === '.cursor/hooks/auto-allow.js')!;
    expect(finding.confidence).toBe('medium');
    expect(finding.message).toContain('approves every tool call without asking');
  });

  it('a git checkout lists hook scripts in JS and TS', async () => {
    const { isAgentFile } = await import('../src/io/repository.js');
    const { listRepositoryFiles } = await import('../src/sources/discover.js');
    const { startAgentListing } = await import('../src/sources/candidates.js');
    const paths = ['.cursor/hooks/a.js', '.claude/hooks/sub/b.mjs', '.factory/hooks/c.ts', '.gemini/hooks/d.cjs'];
    for (const p of paths) expect(isAgentFile(p), p).toBe(true);
    expect(isAgentFile('src/hooks/a.js')).toBe(false);
    const root = makeRepo({ ...Object.fromEntries(paths.map((p) => [p, 'x\n'])), 'src/index.js': '' });
    const listing = await listRepositoryFiles(root, startAgentListing(root));
    for (const p of paths) expect(listing.files, p).toContain(p);
  });
});
