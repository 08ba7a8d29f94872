import { describe, expect, it, vi } from 'vitest';

const set = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', () => ({ setFlagsFromString: (flag: string) => set.push(flag) }));

describe('V8 settings the entry points change after start-up', () => {
  it('never turn regular-expression tiering off (that crashed 1 to 3 runs in 100), only shorten it; TurboFan is off from Node 22', async () => {
    const { tuneV8 } = await import('../src/v8-flags.js');
    tuneV8();
    expect(set).toEqual([
      '--regexp-tier-up-ticks=0',
      '--enable-experimental-regexp-engine-on-excessive-backtracks',
      ...(Number(process.versions.node.split('.')[0]) >= 22 ? ['--no-opt'] : []),
    ]);
  });
});
