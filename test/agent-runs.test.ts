import { describe, expect, it } from 'vitest';
import type { Fact } from '../src/core/posture.js';
import { addAgentRuns, type AgentRun } from '../src/adapters/shared/agent-runs.js';
import { fileText, textPlace } from '../src/adapters/shared/text-place.js';
import { parseJson } from '../src/sources/json.js';
import { parseYamlText } from '../src/sources/yaml.js';
import { lintFiles } from './helpers/repo.js';

const PATH = ['jobs', 'a', 'steps', 0, 'run'];

/** The facts of a line as `kind detail @ evidence`, and the runs it starts. */
function read(line: string, argumentsOf?: string): { facts: string[]; runs: AgentRun[] } {
  const facts: Fact[] = [];
  const runs = addAgentRuns((f) => facts.push(f), line, undefined, PATH, 'workflow step', argumentsOf ? { argumentsOf } : {});
  return { facts: facts.map(show), runs };
}

function show(f: Fact): string {
  const detail =
    f.kind === 'sandbox'
      ? f.mode
      : f.kind === 'bypass'
        ? f.grants
        : f.kind === 'network'
          ? `${f.what}${f.host ? ` ${f.host}` : ''}`
          : f.kind === 'writable-root'
            ? f.path
            : f.kind === 'command-rule'
              ? `${f.decision} ${f.pattern.map((p) => p.join('|')).join(' ')}`
              : f.kind === 'tool-approval'
                ? `${f.server}/${f.tool}`
                : f.kind === 'path-access'
                  ? `${f.access} ${f.path}`
                  : '';
  return `${f.kind}${detail ? ` ${detail}` : ''} @ ${f.evidence}`;
}

const facts = (line: string, argumentsOf?: string): string[] => read(line, argumentsOf).facts;

describe('Codex (NOT OK)', () => {
  it('--sandbox / -s danger-full-access, with = or a separate value', () => {
    expect(facts('codex exec --sandbox danger-full-access "fix it"')).toEqual([
      'sandbox danger-full-access @ --sandbox danger-full-access',
    ]);
    expect(facts('codex exec -s danger-full-access')).toEqual(['sandbox danger-full-access @ -s danger-full-access']);
    expect(facts('codex --sandbox=danger-full-access exec x')).toEqual(['sandbox danger-full-access @ --sandbox danger-full-access']);
    expect(facts('codex exec -sdanger-full-access')).toEqual(['sandbox danger-full-access @ -s danger-full-access']);
    expect(facts('codex exec -s=danger-full-access -csandbox_mode=danger-full-access')).toEqual([
      'sandbox danger-full-access @ -s danger-full-access',
      'sandbox danger-full-access @ -c sandbox_mode=danger-full-access',
    ]);
  });
  it('--dangerously-bypass-approvals-and-sandbox and its alias --yolo', () => {
    expect(facts('codex exec --dangerously-bypass-approvals-and-sandbox "x"')).toEqual([
      'bypass skip-all-prompts @ --dangerously-bypass-approvals-and-sandbox',
    ]);
    expect(facts('codex exec --yolo')).toEqual(['bypass skip-all-prompts @ --yolo']);
  });
  it('--ask-for-approval / -a never', () => {
    expect(facts('codex -a never -s danger-full-access')).toEqual([
      'approval-never @ -a never',
      'sandbox danger-full-access @ -s danger-full-access',
    ]);
    expect(facts('codex --ask-for-approval never')).toEqual(['approval-never @ --ask-for-approval never']);
    expect(facts('codex --ask-for-approval on-request')).toEqual([]);
  });
  it('-c overrides read as config.toml keys', () => {
    expect(facts('codex exec -c sandbox_mode=danger-full-access')).toEqual([
      'sandbox danger-full-access @ -c sandbox_mode=danger-full-access',
    ]);
    expect(facts(`codex exec -c 'sandbox_mode="danger-full-access"'`)).toEqual([
      'sandbox danger-full-access @ -c sandbox_mode="danger-full-access"',
    ]);
    expect(facts('codex exec --config approval_policy=never')).toEqual(['approval-never @ --config approval_policy=never']);
    expect(facts('codex exec -c sandbox_workspace_write.network_access=true')).toEqual([
      'network sandbox-network @ -c sandbox_workspace_write.network_access=true',
    ]);
    expect(facts(`codex exec -c 'sandbox_workspace_write.writable_roots=["/etc"]'`)).toEqual([
      'writable-root /etc @ -c sandbox_workspace_write.writable_roots=["/etc"]',
    ]);
    expect(facts('codex exec -c web_search=live')).toEqual(['network web-search @ -c web_search=live']);
    expect(facts('codex exec --config=sandbox_mode=danger-full-access')).toEqual([
      'sandbox danger-full-access @ --config sandbox_mode=danger-full-access',
    ]);
  });
  it('--add-dir, --search, --not-so-yolo', () => {
    expect(facts('codex exec --add-dir ../other --add-dir ~/x')).toEqual([
      'writable-root ../other @ --add-dir ../other',
      'writable-root ~/x @ --add-dir ~/x',
    ]);
    expect(facts('codex --search "look it up"')).toEqual(['network web-search @ --search']);
    expect(facts('codex exec --not-so-yolo')).toEqual(['model-reviewer @ --not-so-yolo']);
  });
  it('--full-auto is workspace-write (allowed by default, judged by a stricter policy)', () => {
    expect(facts('codex exec --full-auto "x"')).toEqual(['sandbox workspace-write @ --full-auto']);
  });
});

describe('Codex (OK)', () => {
  it('ordinary runs and settings give nothing', () => {
    expect(facts('codex exec "summarise the diff"')).toEqual([]);
    expect(facts('codex exec -m o3 -c model=o3 --json')).toEqual([]);
    expect(facts('codex exec -c sandbox_mode=read-only')).toEqual(['sandbox read-only @ -c sandbox_mode=read-only']);
    expect(facts('codex exec --sandbox workspace-write')).toEqual(['sandbox workspace-write @ --sandbox workspace-write']);
  });
  it('a flag after -- or inside the prompt is not a flag', () => {
    expect(facts('codex exec -- --yolo')).toEqual([]);
    expect(facts('codex exec "run --yolo please"')).toEqual([]);
    expect(facts('codex exec -m yolo -p danger-full-access')).toEqual([]);
  });
  it('an option is not the value of the option before it', () => {
    expect(facts('codex exec -m --yolo')).toEqual(['bypass skip-all-prompts @ --yolo']);
    expect(facts('codex --sandbox --yolo')).toEqual(['bypass skip-all-prompts @ --yolo']);
  });
});

describe('Claude Code (NOT OK)', () => {
  it('--dangerously-skip-permissions and --permission-mode bypassPermissions', () => {
    expect(facts('claude -p "fix" --dangerously-skip-permissions')).toEqual(['bypass skip-all-prompts @ --dangerously-skip-permissions']);
    expect(facts('claude -p --permission-mode bypassPermissions "x"')).toEqual([
      'bypass skip-all-prompts @ --permission-mode bypassPermissions',
    ]);
    expect(facts('claude -p --permission-mode=auto')).toEqual(['bypass model-approves @ --permission-mode auto']);
    expect(facts('claude -p --permission-mode acceptEdits')).toEqual([]);
  });
  it('--allowedTools / --allowed-tools entries read as settings.json permissions', () => {
    expect(facts('claude -p --allowedTools "Bash(git push:*)" Edit')).toEqual([
      'command-rule allow git push @ --allowedTools Bash(git push:*)',
    ]);
    expect(facts('claude -p --allowed-tools "Bash(npm publish:*),WebFetch"')).toEqual([
      'command-rule allow npm publish @ --allowed-tools Bash(npm publish:*)',
      'network fetch @ --allowed-tools WebFetch',
    ]);
    expect(facts('claude -p --allowedTools "Bash(git log, git diff) WebSearch"')).toEqual([
      'command-rule allow git log, git diff @ --allowedTools Bash(git log, git diff)',
      'network web-search @ --allowedTools WebSearch',
    ]);
    expect(facts('claude -p --allowedTools=mcp__github')).toEqual(['tool-approval github/* @ --allowedTools mcp__github']);
  });
  it('--disallowedTools entries are deny rules', () => {
    expect(facts('claude -p --disallowedTools "Bash(rm:*)"')).toEqual(['command-rule deny rm @ --disallowedTools Bash(rm:*)']);
  });
  it('--add-dir takes every folder up to the next option', () => {
    expect(facts('claude --add-dir ../a ~/b -p x')).toEqual(['writable-root ../a @ --add-dir ../a', 'writable-root ~/b @ --add-dir ~/b']);
  });
  it('--settings and --mcp-config as inline JSON', () => {
    expect(facts(`claude -p --settings '{"permissions":{"defaultMode":"bypassPermissions","allow":["Bash(git push:*)"]}}'`)).toEqual([
      expect.stringMatching(/^bypass skip-all-prompts @ --settings /),
      expect.stringMatching(/^command-rule allow git push @ --settings /),
    ]);
    expect(facts(`claude -p --mcp-config '{"mcpServers":{"web":{"type":"http","url":"https://mcp.example.com/x"}}}'`)).toEqual([
      expect.stringMatching(/^network remote-server mcp.example.com @ --mcp-config /),
    ]);
    expect(facts('claude -p --settings ./ci-settings.json --mcp-config mcp.json')).toEqual([]);
  });
});

describe('Gemini CLI (NOT OK)', () => {
  it('--yolo / -y and --approval-mode yolo', () => {
    expect(facts('gemini --yolo -p "x"')).toEqual(['bypass approve-all-tool-calls @ --yolo']);
    expect(facts('gemini -y')).toEqual(['bypass approve-all-tool-calls @ -y']);
    expect(facts('gemini --approval-mode yolo')).toEqual(['bypass approve-all-tool-calls @ --approval-mode yolo']);
    expect(facts('gemini --approval-mode=auto_edit')).toEqual([]);
    expect(facts('gemini --yolo=true')).toEqual(['bypass approve-all-tool-calls @ --yolo']);
    expect(facts('gemini --yolo=false -y=false')).toEqual([]);
  });
  it('--allowed-tools and --include-directories, comma separated', () => {
    expect(facts('gemini --allowed-tools "run_shell_command(git push),web_fetch"')).toEqual([
      'command-rule allow git push @ --allowed-tools run_shell_command(git push)',
      'network fetch @ --allowed-tools web_fetch',
    ]);
    expect(facts('gemini --include-directories ../a,/etc')).toEqual([
      'writable-root ../a @ --include-directories ../a',
      'writable-root /etc @ --include-directories /etc',
    ]);
  });
  it('the values of other options are skipped', () => {
    expect(facts('gemini -m yolo -p --approval-mode')).toEqual([]);
    expect(facts('gemini -p "fix it" -y')).toEqual(['bypass approve-all-tool-calls @ -y']);
  });
});

describe('Qwen Code (NOT OK)', () => {
  it('Gemini-like switches and Claude-style or Qwen tool names', () => {
    expect(read('qwen -y').runs[0]).toMatchObject({ agent: 'gemini-cli', program: 'qwen' });
    expect(facts('qwen --yolo -p x')).toEqual(['bypass approve-all-tool-calls @ --yolo']);
    expect(facts('qwen --approval-mode yolo')).toEqual(['bypass approve-all-tool-calls @ --approval-mode yolo']);
    expect(facts('qwen --approval-mode auto')).toEqual(['bypass model-approves @ --approval-mode auto']);
    expect(facts('qwen --allowed-tools "run_shell_command(git push)" "Bash(npm publish)"')).toEqual([
      'command-rule allow git push @ --allowed-tools run_shell_command(git push)',
      'command-rule allow npm publish @ --allowed-tools Bash(npm publish)',
    ]);
    expect(facts('qwen --exclude-tools "Bash(rm:*)"')).toEqual(['command-rule deny rm @ --exclude-tools Bash(rm:*)']);
    expect(facts('qwen --add-dir ../x,~/y')).toEqual(['writable-root ../x @ --add-dir ../x', 'writable-root ~/y @ --add-dir ~/y']);
  });
});

describe('Cursor CLI (NOT OK)', () => {
  it('--force / -f / --yolo and --sandbox disabled', () => {
    expect(read('cursor-agent -p --force "x"').runs[0]).toMatchObject({ agent: 'cursor' });
    expect(facts('cursor-agent -p --force "x"')).toEqual(['bypass allow-all-tools @ --force']);
    expect(facts('cursor-agent -p -f')).toEqual(['bypass allow-all-tools @ -f']);
    expect(facts('cursor-agent --yolo')).toEqual(['bypass allow-all-tools @ --yolo']);
    expect(facts('cursor-agent --sandbox disabled -p x')).toEqual(['bypass no-sandbox @ --sandbox disabled']);
  });
  it('OK: print mode alone, the sandbox on', () => {
    expect(facts('cursor-agent -p "review" --output-format json --sandbox enabled')).toEqual([]);
  });
});

describe('OpenCode (NOT OK)', () => {
  it('opencode run --auto and its hidden aliases, --share', () => {
    expect(facts('opencode run --auto "fix"')).toEqual(['bypass allow-all-tools @ --auto']);
    expect(facts('npx -y opencode-ai run --dangerously-skip-permissions x')).toEqual([
      'bypass allow-all-tools @ --dangerously-skip-permissions',
    ]);
    expect(facts('opencode run --yolo x')).toEqual(['bypass allow-all-tools @ --yolo']);
    expect(facts('opencode run --share x')).toEqual(['session-sharing @ --share']);
  });
  it('OK: a plain run and other commands', () => {
    expect(facts('opencode run -m anthropic/x "hi"')).toEqual([]);
    expect(read('opencode auth login --auto').runs).toEqual([]);
  });
});

describe('Aider (NOT OK)', () => {
  it('--yes-always, and --yes (the prefix argparse accepts)', () => {
    expect(facts('aider --yes-always --message "x"')).toEqual(['bypass confirm-all @ --yes-always']);
    expect(facts('uvx --from aider-chat aider --yes -m x')).toEqual(['bypass confirm-all @ --yes']);
    expect(facts('pipx run aider-chat --yes-always')).toEqual(['bypass confirm-all @ --yes-always']);
  });
  it('OK: --message alone', () => {
    expect(facts('aider --message "--yes-always is not set"')).toEqual([]);
  });
});

describe('GitHub Copilot CLI (NOT OK)', () => {
  it('--allow-all / --yolo and each --allow-all-*', () => {
    expect(facts('copilot -p x --allow-all')).toEqual(['bypass skip-all-prompts @ --allow-all']);
    expect(facts('copilot -p x --yolo')).toEqual(['bypass skip-all-prompts @ --yolo']);
    expect(facts('copilot -p x --allow-all-tools')).toEqual(['bypass allow-all-tools @ --allow-all-tools']);
    expect(facts('copilot -p x --allow-all-paths')).toEqual(['writable-root / @ --allow-all-paths']);
    expect(facts('copilot -p x --allow-all-urls')).toEqual(['network fetch @ --allow-all-urls']);
  });
  it('through the GitHub CLI: gh copilot, its flags after -- or straight after it', () => {
    expect(facts('gh copilot -- --allow-all-tools --allow-all-urls')).toEqual([
      'bypass allow-all-tools @ --allow-all-tools',
      'network fetch @ --allow-all-urls',
    ]);
    expect(facts('gh copilot -p "Summarize" --yolo')).toEqual(['bypass skip-all-prompts @ --yolo']);
    expect(read('gh copilot -- --yolo').runs.map((r) => r.program)).toEqual(['gh copilot --']);
    expect(read('gh pr list --json copilot').runs).toEqual([]);
  });
  it("--allow-tool / --deny-tool entries in Copilot's syntax", () => {
    expect(facts(`copilot -p x --allow-tool='shell(git push:*), write(/etc/hosts), url(api.example.com), github'`)).toEqual([
      'command-rule allow git push @ --allow-tool shell(git push:*)',
      'writable-root /etc/hosts @ --allow-tool write(/etc/hosts)',
      'network domain api.example.com @ --allow-tool url(api.example.com)',
      'tool-approval github/* @ --allow-tool github',
    ]);
    expect(facts(`copilot -p x --allow-tool shell`)).toEqual(['command-rule allow  @ --allow-tool shell']);
    expect(facts(`copilot -p x --allow-tool 'github(create_issue),read,memory,url'`)).toEqual([
      'tool-approval github/create_issue @ --allow-tool github(create_issue)',
      'network fetch @ --allow-tool url',
    ]);
    expect(facts(`copilot -p x --deny-tool 'shell(rm)'`)).toEqual(['command-rule deny rm @ --deny-tool shell(rm)']);
  });
  it('--allow-url, --add-dir, --share-gist', () => {
    expect(facts('copilot -p x --allow-url=https://api.example.com/v1')).toEqual([
      'network domain api.example.com @ --allow-url https://api.example.com/v1',
    ]);
    expect(facts('copilot -p x --add-dir=../other')).toEqual(['writable-root ../other @ --add-dir ../other']);
    expect(facts('npx @github/copilot -p x --share-gist')).toEqual(['session-sharing @ --share-gist']);
  });
});

describe('Amp and Factory Droid (NOT OK)', () => {
  it('amp --dangerously-allow-all', () => {
    expect(facts('amp -x "fix" --dangerously-allow-all')).toEqual(['bypass skip-all-prompts @ --dangerously-allow-all']);
    expect(facts('npx -y @ampcode/cli --dangerously-allow-all -x hi')).toEqual(['bypass skip-all-prompts @ --dangerously-allow-all']);
  });
  it('droid exec --skip-permissions-unsafe and --auto high', () => {
    expect(facts('droid exec --skip-permissions-unsafe "x"')).toEqual(['bypass skip-all-prompts @ --skip-permissions-unsafe']);
    expect(facts('droid exec --auto high "x"')).toEqual(['bypass allow-all-tools @ --auto high']);
    expect(facts('droid exec --auto medium "x"')).toEqual([]);
  });
});

describe('how an agent is started', () => {
  it('through wrappers, package runners, shells and substitutions (NOT OK)', () => {
    for (const line of [
      'npx @openai/codex exec --yolo',
      'npx -y @openai/codex@0.50.0 exec --yolo',
      'bunx @openai/codex --yolo',
      'pnpm dlx @openai/codex --yolo',
      'npx -p @openai/codex codex exec --yolo',
      'sudo -u ci env FOO=1 timeout 600 codex --yolo',
      // env's `-S` string is split into the words env reads on: the agent and its flags are in it.
      "env -S 'FOO=1 codex --yolo'",
      'env -iS"codex --yolo"',
      'env --split-string="timeout 600 codex" --yolo',
      // As env splits the string: quotes, `\_` between words, a `-S` given many times, and `-S` strings inside it.
      `env -S "'codex' --yolo"`,
      "env -S 'codex\\_--yolo'",
      `env -S -S -S -S -S -S 'codex --yolo'`,
      `env -S '-S -S -S -S -S -S codex --yolo'`,
      `env -S "-S 'FOO=1 codex' --yolo"`,
      'OPENAI_API_KEY=x /usr/local/bin/codex --yolo',
      'sh -c "codex exec --yolo"',
      "bash -lc 'cd x && codex --yolo'",
      'echo $(codex --yolo)',
      'cd repo && codex --yolo | tee log',
    ])
      expect(facts(line), line).toEqual(['bypass skip-all-prompts @ --yolo']);
    expect(read('npx -y @anthropic-ai/claude-code -p x --dangerously-skip-permissions').runs).toEqual([
      { agent: 'claude-code', program: 'npx -y @anthropic-ai/claude-code', start: 0, end: 32, facts: 1 },
    ]);
    expect(read('npx @google/gemini-cli@latest --yolo').runs[0]).toMatchObject({ agent: 'gemini-cli', facts: 1 });
  });
  it("inside a container: the command docker, Podman or Compose run or exec, and a shell entry point's script (NOT OK)", () => {
    for (const line of [
      'docker run --rm -it -e OPENAI_API_KEY -v "$PWD:/w" -w /w node:22 codex exec --yolo',
      'docker run --rm --network=host --cpu-shares 512 img npx @openai/codex --yolo',
      'docker container run -c 2 img codex --yolo',
      'podman run --rm img sh -c "codex exec --yolo"',
      'docker run --rm "${CI_IMAGE}" -lc \'\n  set -e\n  timeout 60m codex exec --yolo "$P"\n\'',
      'docker exec -it -u node box codex --yolo',
      'docker compose -f ci.yml run --rm -e X agent codex --yolo',
      'docker-compose exec -T agent bash -lc "codex --yolo"',
      'kubectl exec -it pod-1 -c main -- codex --yolo',
      'kubectl -n ci exec pod-1 -- codex --yolo',
      'docker --context ci run --rm img codex --yolo',
      'docker -H tcp://h:2375 run img codex --yolo',
      'docker run -itv /a:/b img codex --yolo',
      'podman run --uidmap 0:1:1 --timezone UTC img codex --yolo',
      'nerdctl run img codex --yolo',
      'docker compose run --cap-add SYS_ADMIN agent codex --yolo',
      'docker run --entrypoint codex img --yolo',
      'docker run --entrypoint=codex img --yolo',
    ])
      expect(facts(line), line).toEqual(['bypass skip-all-prompts @ --yolo']);
    // The flag is located at its characters inside the container's command.
    const line = 'docker run --rm img codex --yolo';
    expect(read(line).runs).toEqual([{ agent: 'codex', program: 'codex', start: 20, end: 25, facts: 1 }]);
    // A container given no command, an image named like an agent, another docker command: no agent run.
    for (const none of ['docker run --rm -e X img', 'docker run codex --yolo', 'docker pull codex', 'docker build -t claude .'])
      expect(read(none), none).toEqual({ facts: [], runs: [] });
  });
  it('a line that starts no agent gives nothing (OK)', () => {
    for (const line of [
      'echo claude --dangerously-skip-permissions',
      'grep codex --yolo',
      'cat gemini.txt',
      './claude/run.sh --yolo',
      'git commit -m "codex --yolo"',
      'npx codex --yolo',
      'npm install -g @openai/codex',
      'claude mcp add x -- npx y --yolo',
      'codex login --yolo',
      'claude --version',
    ]) {
      const r = read(line);
      expect(r, line).toEqual({ facts: [], runs: [] });
    }
    expect(read('codex exec "hello"').runs).toEqual([{ agent: 'codex', program: 'codex', start: 0, end: 5, facts: 0 }]);
  });
  it('an argument string given alone (a vendor action input)', () => {
    expect(facts('--permission-mode bypassPermissions\n--allowedTools "Bash(git push:*)"', 'claude-code')).toEqual([
      'bypass skip-all-prompts @ --permission-mode bypassPermissions',
      'command-rule allow git push @ --allowedTools Bash(git push:*)',
    ]);
    expect(facts('--sandbox danger-full-access', 'codex')).toEqual(['sandbox danger-full-access @ --sandbox danger-full-access']);
    expect(facts('--yolo', 'unknown-agent')).toEqual([]);
    // openai/codex-action's codex-args also takes a JSON array of strings.
    expect(facts('["--sandbox", "danger-full-access", "-c", "sandbox_workspace_write.network_access=true"]', 'codex')).toEqual([
      'sandbox danger-full-access @ --sandbox danger-full-access',
      'network sandbox-network @ -c sandbox_workspace_write.network_access=true',
    ]);
    expect(facts('["--config=approval_policy=\\u0022never\\u0022"]', 'codex')).toEqual([
      'approval-never @ --config approval_policy="never"',
    ]);
  });
  it('hostile input is bounded', () => {
    const many = Array.from({ length: 500 }, () => 'codex --yolo').join('; ');
    const r = read(many);
    expect(r.runs.length).toBe(16);
    const deep = `${'sh -c "'.repeat(50)}codex --yolo`;
    expect(read(deep).runs).toEqual([]);
    // Only the first 64 KiB of a line are read: 6,553 of 20,000 entries (the last one cut) give a fact.
    const long = `claude -p --allowedTools "${'Bash(x:*),'.repeat(20000)}"`;
    expect(read(long).runs[0]!.facts).toBe(Math.floor((64 * 1024 - 'claude -p --allowedTools "'.length) / 10));
  });
});

describe('locations', () => {
  it('a flag inside a quoted YAML string is anchored at its characters', () => {
    const yaml = ['jobs:', '  a:', '    steps:', '      - run: "codex exec --sandbox danger-full-access \\"x\\""', ''].join('\n');
    const parsed = parseYamlText(yaml);
    if (!parsed.ok) throw new Error('yaml');
    const value = (parsed.value as { jobs: { a: { steps: { run: string }[] } } }).jobs.a.steps[0]!.run;
    const place = textPlace(fileText(yaml), parsed.locator.locate(PATH, 'value'), value);
    const out: Fact[] = [];
    addAgentRuns((f) => out.push(f), value, place, PATH, 'workflow step');
    expect(out.map((f) => f.anchor)).toEqual([{ kind: 'span', span: { start: { line: 4, column: 26 }, end: { line: 4, column: 54 } } }]);
    expect(out[0]!.keyPath).toEqual(PATH);
  });
  it('a flag inside a JSON string with escapes is anchored at its characters', () => {
    const json = '{\n  "scripts": {\n    "agent": "claude -p \\"fix\\" --dangerously-skip-permissions"\n  }\n}\n';
    const parsed = parseJson(json, true);
    if (!parsed.ok) throw new Error('json');
    const path = ['scripts', 'agent'];
    const value = (parsed.value as { scripts: { agent: string } }).scripts.agent;
    const place = textPlace(fileText(json), parsed.locator.locate(path, 'value'), value);
    const out: Fact[] = [];
    addAgentRuns((f) => out.push(f), value, place, path, 'npm script', { scope: 'script "agent"' });
    expect(out).toEqual([
      expect.objectContaining({
        kind: 'bypass',
        scope: 'script "agent"',
        anchor: { kind: 'span', span: { start: { line: 3, column: 33 }, end: { line: 3, column: 63 } } },
      }),
    ]);
  });
  it('an argument in a JSON array is anchored at its characters, past escapes', () => {
    const json = '{"codex-args": "[\\"-s\\", \\"danger-full-access\\"]"}';
    const parsed = parseJson(json, true);
    if (!parsed.ok) throw new Error('json');
    const value = (parsed.value as Record<string, string>)['codex-args']!;
    const place = textPlace(fileText(json), parsed.locator.locate(['codex-args'], 'value'), value);
    const out: Fact[] = [];
    addAgentRuns((f) => out.push(f), value, place, ['codex-args'], 'codex-args', { argumentsOf: 'codex' });
    // `-s` starts at column 20 (after `{"codex-args": "[\"`); the value ends before `\"]`.
    expect(out.map((f) => f.anchor)).toEqual([{ kind: 'span', span: { start: { line: 1, column: 20 }, end: { line: 1, column: 46 } } }]);
  });
  it('without a place, the key is the anchor', () => {
    const out: Fact[] = [];
    addAgentRuns((f) => out.push(f), 'gemini --yolo', undefined, ['x'], 't');
    expect(out[0]!.anchor).toEqual({ kind: 'key', path: ['x'], part: 'value' });
  });
});

describe('an allowed command that starts an agent', () => {
  it("grants what the agent's flags grant, at the rule, in every agent's rules; not when asked or left open", async () => {
    const result = await lintFiles({
      '.claude/settings.json': JSON.stringify(
        {
          permissions: {
            allow: [
              'Bash(claude --dangerously-skip-permissions:*)',
              'Bash(npx @anthropic-ai/claude-code -p --permission-mode bypassPermissions:*)',
              // A wildcard is a word that grants nothing; a flag written after it is read. Free arguments let the agent
              // add one: `gemini *` and `codex exec:*` allow any command.
              'Bash(gemini *)',
              'Bash(codex exec:*)',
              'Bash(qwen * --yolo)',
              // An ask rule beside it is not weighed here: the allow is reported as written.
              'Bash(gemini --yolo -p:*)',
            ],
            ask: ['Bash(gemini --yolo:*)'],
          },
        },
        null,
        1,
      ),
      '.claude/commands/gy.md': '---\nallowed-tools: Bash(gemini --model gemini-3-pro-preview -y -p:*)\n---\nAsk Gemini.\n',
      '.codex/rules/default.rules':
        'prefix_rule(pattern = ["codex", ["exec", "e"], "--yolo"], decision = "allow")\nprefix_rule(pattern = ["claude", "--dangerously-skip-permissions"], decision = "forbidden")\n' +
        // Every alternative is read: the agent as the ninth.
        'prefix_rule(pattern = [["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "gemini"], "--yolo"], decision = "allow")\n',
      'opencode.json': '{"permission": {"bash": {"*": "ask", "qwen --yolo *": "allow"}}}\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.location.start.line}:${f.ruleId}`).sort()).toEqual([
      '.claude/commands/gy.md:2:sandbox-mode',
      '.claude/settings.json:4:sandbox-mode',
      '.claude/settings.json:5:sandbox-mode',
      // With free arguments the agent can add its switch that skips every prompt: any command.
      '.claude/settings.json:6:sandbox-mode',
      '.claude/settings.json:7:sandbox-mode',
      '.claude/settings.json:8:sandbox-mode',
      '.claude/settings.json:9:sandbox-mode',
      '.codex/rules/default.rules:1:sandbox-mode',
      '.codex/rules/default.rules:3:sandbox-mode',
      'opencode.json:1:sandbox-mode',
    ]);
    const message = result.findings.find((f) => f.file === '.claude/commands/gy.md')!.message;
    expect(message).toContain('-y (');
    expect(message).toContain('started without asking through');
    expect(message).toContain('Bash(gemini --model gemini-3-pro-preview -y -p:*)');
  });
});

describe('OpenCode given its config in the environment', () => {
  it('OPENCODE_PERMISSION and OPENCODE_CONFIG_CONTENT set for the run are read as its config, at the value', async () => {
    const result = await lintFiles({
      'run.sh': [
        `OPENCODE_PERMISSION='{"bash":{"*":"allow"},"edit":{"*":"allow"}}' \\`,
        '  opencode run "fix it"',
        `env OPENCODE_CONFIG_CONTENT='{"permission":{"webfetch":"allow"}}' opencode run x`,
        // Asking, another program, and a variable OpenCode does not read: nothing.
        `OPENCODE_PERMISSION='{"bash":"ask"}' opencode run y`,
        `OPENCODE_PERMISSION='{"bash":"allow"}' ./other-tool`,
        `OPENCODE_THEME='{"bash":"allow"}' opencode run z`,
        // A value built at run time, or a string: not known, said so.
        'OPENCODE_PERMISSION="$P" opencode run a',
        `OPENCODE_CONFIG_CONTENT="$(cat c.json)" opencode run b`,
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual([
      '1:1:sandbox-mode',
      '3:5:network-access',
      '7:1:config-unparseable',
      '8:1:config-unparseable',
    ]);
    expect(result.findings[0]!.message).toContain('OPENCODE_PERMISSION={"bash"');
  });
});
