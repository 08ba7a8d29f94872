import { describe, expect, it } from 'vitest';
import { prRepo } from '../action/harness.js';
import { cli, makeRepo } from '../helpers/repo.js';
import { AGENTS, BASE_AFTER, BASE_BEFORE, CLEAN, CREDENTIAL, CREDENTIAL_SECRETS, EXCEPTIONS } from './repos.js';
import { scrub, snapshotPath } from './scrub.js';

/*
 * One file per output under __out__/<repository>/: a change of wording or layout shows as a diff of that file.
 * After a deliberate change, review the diff and accept it with `vitest run test/snapshots -u`.
 */

const CHECK_FORMATS = { text: 'check.txt', json: 'check.json', sarif: 'check.sarif', github: 'check.github.txt' } as const;
const REVIEW_FORMATS = { text: 'review.txt', json: 'review.json', markdown: 'review.md' } as const;

/** Every check and review format of the CLI over one repository, each into its own file; the exit codes as expected. */
async function snapshotCli(
  name: string,
  dir: string,
  codes: { check: number; review: number },
  extra: string[] = [],
  replacements: Record<string, string> = {},
): Promise<string[]> {
  const written: string[] = [];
  const outputs: [string[], string, number][] = [
    ...Object.entries(CHECK_FORMATS).map(([format, file]): [string[], string, number] => [
      ['check', dir, '--format', format, ...extra],
      file,
      codes.check,
    ]),
    ...(extra.length === 0
      ? Object.entries(REVIEW_FORMATS).map(([format, file]): [string[], string, number] => [
          ['review', dir, '--format', format],
          file,
          codes.review,
        ])
      : []),
  ];
  for (const [args, file, code] of outputs) {
    const run = await cli(args);
    expect({ args: args.slice(2), stderr: run.stderr, code: run.code }).toEqual({ args: args.slice(2), stderr: '', code });
    const text = scrub(run.stdout, { [dir]: '<repo>', ...replacements });
    await expect.soft(text).toMatchFileSnapshot(snapshotPath(name, file));
    written.push(text);
  }
  return written;
}

describe('snapshots: every CLI output over the fixture repositories', () => {
  it('(a) a clean repository', async () => {
    await snapshotCli('clean', makeRepo(CLEAN), { check: 0, review: 0 });
  });

  it('(b) several agents with findings of every rule, hidden text and an unparseable config', async () => {
    const dir = makeRepo(AGENTS);
    await snapshotCli('agents', dir, { check: 1, review: 0 });
    // The terminal's colours, as FORCE_COLOR asks for them.
    const colored = await cli(['check', dir], process.cwd(), { FORCE_COLOR: '1' });
    await expect.soft(scrub(colored.stdout, { [dir]: '<repo>' })).toMatchFileSnapshot(snapshotPath('agents', 'check.color.txt'));
  });

  it('(c) exceptions in every status', async () => {
    await snapshotCli('exceptions', makeRepo(EXCEPTIONS), { check: 1, review: 1 });
  });

  it('(d) a comparison with a base revision that also changes the policy', async () => {
    const { dir, baseSha, headSha } = prRepo(BASE_BEFORE, BASE_AFTER);
    await snapshotCli('base', dir, { check: 1, review: 0 }, ['--base', baseSha], { [baseSha]: '<base-sha>', [headSha]: '<head-sha>' });
  });

  it('(e) credentials are masked in every output', async () => {
    const written = await snapshotCli('credential', makeRepo(CREDENTIAL), { check: 1, review: 0 });
    for (const text of written) for (const secret of CREDENTIAL_SECRETS) expect(text).not.toContain(secret);
  });
});
