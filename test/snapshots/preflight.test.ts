import { describe, expect, it } from 'vitest';
import { cli, makeRepo } from '../helpers/repo.js';
import { AGENTS, CREDENTIAL, CREDENTIAL_SECRETS } from './repos.js';
import { NOTHING, SEVERAL } from './preflight-repos.js';
import { scrub, snapshotPath } from './scrub.js';

const FORMATS = { text: 'preflight.txt', markdown: 'preflight.md', json: 'preflight.json' } as const;

/** `preflight` in every format over one repository, each into its own file; a report, so always exit 0. */
async function snapshotPreflight(name: string, files: Record<string, string>): Promise<string[]> {
  const dir = makeRepo(files);
  const written: string[] = [];
  for (const [format, file] of Object.entries(FORMATS)) {
    const run = await cli(['preflight', dir, '--format', format]);
    expect({ format, stderr: run.stderr, code: run.code }).toEqual({ format, stderr: '', code: 0 });
    const text = scrub(run.stdout, { [dir]: '<repo>' });
    await expect.soft(text).toMatchFileSnapshot(snapshotPath(name, file));
    written.push(text);
  }
  return written;
}

describe('snapshots: the preflight over fixture repositories', () => {
  it('several agents: Codex with a custom agent, Claude Code, two workflow steps that start agents', async () => {
    const [text, markdown, json] = await snapshotPreflight('preflight-several', SEVERAL);
    // Each launcher is a block of its own; an agent's files are one block.
    expect(text).toContain('OpenAI Codex (codex): .codex/agents/reviewer.toml, .codex/config.toml');
    expect(markdown).toContain('launched unattended');
    expect(JSON.parse(json!).agents.map((a: { agent: string; kind: string }) => `${a.kind}:${a.agent}`)).toEqual([
      'local:claude-code',
      'local:codex',
      'launcher:codex',
      'launcher:claude-code',
      'guidance:agents-md',
    ]);
  });

  it('a repository that violates several rows', async () => {
    await snapshotPreflight('agents', AGENTS);
  });

  it('nothing committed', async () => {
    const [text, , json] = await snapshotPreflight('preflight-nothing', NOTHING);
    expect(text).toContain('No agent configuration is committed');
    expect(JSON.parse(json!).agents).toEqual([]);
  });

  it('credentials are never printed', async () => {
    const dir = makeRepo(CREDENTIAL);
    for (const format of Object.keys(FORMATS)) {
      const run = await cli(['preflight', dir, '--format', format]);
      for (const secret of CREDENTIAL_SECRETS) expect(run.stdout).not.toContain(secret);
      expect(run.stdout).toContain('secrets readable');
    }
  });
});
