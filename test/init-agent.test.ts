import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_AGENTS, renderAgentConfig } from '../src/cli/init-agent.js';
import { cli, makeRepo } from './helpers/repo.js';

describe('init --agent', () => {
  for (const agent of INIT_AGENTS) {
    for (const policy of ['default', 'strict']) {
      it(`${agent}: the starting config passes check under the ${policy} policy with no finding at all`, async () => {
        const dir = makeRepo({ '.agent-policy.yml': `extends: ${policy}\n` });
        const init = await cli(['init', dir, '--agent', agent]);
        expect(init.code).toBe(0);
        const { path } = renderAgentConfig(agent);
        expect(init.stdout).toBe(`Wrote ${join(dir, path)}\n`);
        // Checked as committed: an untracked agent file is only reported as not checked.
        execFileSync('git', ['add', '-A'], { cwd: dir, stdio: 'ignore' });
        const run = await cli(['check', dir, '--format', 'json', '--fail-on', 'notice']);
        const report = JSON.parse(run.stdout) as { findings: unknown[]; summary: { files: number } };
        expect(report.findings).toEqual([]);
        expect(report.summary.files).toBe(1);
        expect(run.code).toBe(0);
      });
    }
  }

  it('the configs say why, where the format takes comments', () => {
    for (const agent of ['codex', 'gemini', 'aider', 'vscode']) expect(renderAgentConfig(agent).text).toMatch(/^\s*(#|\/\/) /m);
    expect(JSON.parse(renderAgentConfig('claude').text)).toMatchObject({ permissions: { defaultMode: 'default' } });
  });

  it('refuses to overwrite without --force, and an unknown agent is a usage error', async () => {
    const dir = makeRepo({ '.codex/config.toml': 'model = "mine"\n' });
    const refused = await cli(['init', dir, '--agent', 'codex']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; pass --force');
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe('model = "mine"\n');
    expect((await cli(['init', dir, '--agent', 'codex', '--force'])).code).toBe(0);
    expect(readFileSync(join(dir, '.codex/config.toml'), 'utf8')).toBe(renderAgentConfig('codex').text);
    const unknown = await cli(['init', dir, '--agent', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--agent must be one of codex, claude, gemini, aider, vscode');
    expect((await cli(['check', dir, '--agent', 'codex'])).stderr).toContain('--agent goes with init');
  });
});
