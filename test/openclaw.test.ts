import { describe, expect, it } from 'vitest';
import { namedFiles } from '../src/adapters/index.js';
import { isAgentFile } from '../src/io/repository.js';
import { lintFiles } from './helpers/repo.js';

const READS = '# Tools\n\n**To read:** `cat ~/.config/agentrent/credentials.json`\n';

describe('OpenClaw workspaces', () => {
  it('SOUL.md and HEARTBEAT.md are its files by name; TOOLS.md, USER.md, IDENTITY.md and BOOTSTRAP.md only beside one of them', () => {
    for (const path of ['SOUL.md', 'agents/main/HEARTBEAT.md', 'ws/soul.md']) expect(isAgentFile(path), path).toBe(true);
    const files = [
      { path: 'ws/SOUL.md', text: 'Be kind.\n' },
      { path: 'beat/HEARTBEAT.md', text: '' },
    ];
    const paths = [
      'ws/SOUL.md',
      'ws/TOOLS.md',
      'ws/User.md',
      'ws/notes.md',
      'beat/HEARTBEAT.md',
      'beat/BOOTSTRAP.md',
      'docs/TOOLS.md',
      'ws/sub/TOOLS.md',
    ];
    expect(namedFiles(files, () => paths).sort()).toEqual(['beat/BOOTSTRAP.md', 'ws/TOOLS.md', 'ws/User.md']);
    expect(namedFiles([], () => paths)).toEqual([]);
  });

  it('a workspace file read as guidance is judged as guidance of the agent; the same name elsewhere is not read', async () => {
    const files = { 'ws/SOUL.md': 'Be kind.\n', 'ws/TOOLS.md': READS, 'docs/TOOLS.md': READS };
    const result = await lintFiles(files);
    expect(result.findings.map((f) => `${f.file} ${f.location.start.line}:${f.location.start.column} ${f.ruleId} ${f.agent}`)).toEqual([
      'ws/TOOLS.md 3:3 secret-access openclaw',
    ]);
  });
});
