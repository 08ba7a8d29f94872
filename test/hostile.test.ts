import { describe, expect, it } from 'vitest';
import { lintFiles, located } from './helpers/repo.js';

const C = '.codex/config.toml';

describe('hostile agent files never crash the check', () => {
  const cases: [string, string][] = [
    ['arrays nested 100,000 deep', `a = ${'['.repeat(100_000)}`],
    ['inline tables nested 10,000 deep', `a = ${'{ b = '.repeat(10_000)}1${' }'.repeat(10_000)}`],
    ['a 10,000-segment dotted key', `${Array.from({ length: 10_000 }, () => 'a').join('.')} = 1`],
    ['a 10,000-segment table header', `[${Array.from({ length: 10_000 }, () => 'a').join('.')}]\nx = 1`],
    ['1,000,000 unclosed brackets', '['.repeat(1_000_000)],
    ['NUL bytes', 'model = "o3\0"\n\0\0'],
    ['binary noise', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ];
  for (const [name, text] of cases) {
    it(`${name}: a config-unparseable finding, no crash`, async () => {
      const result = await lintFiles({ [C]: text });
      expect(result.findings.map((f) => f.ruleId)).toContain('config-unparseable');
      expect(result.findings.every((f) => f.location.start.line >= 1 && f.location.start.column >= 1)).toBe(true);
    });
  }

  it('__proto__, constructor and prototype keys leave Object.prototype untouched', async () => {
    const text =
      '[__proto__]\npolluted = "yes"\n[constructor.prototype]\npolluted = "yes"\n[profiles.__proto__]\nsandbox_mode = "danger-full-access"\n';
    const result = await lintFiles({ [C]: text, '.codex/rules/x.rules': '__proto__ = ["git"]\nprefix_rule(pattern = __proto__)\n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(located(result, C)).toEqual(['6:sandbox-mode']);
  });

  it('a 200,000-key table and a 5 MB string are handled', async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `k${i} = ${i}`).join('\n');
    expect((await lintFiles({ [C]: many })).findings).toEqual([]);
    expect((await lintFiles({ [C]: `x = "${'a'.repeat(5_000_000)}"\n` })).findings).toEqual([]);
  });

  it('regex-DoS-shaped strings are judged in linear time', async () => {
    const evil = `x = "${'-----BEGIN '.repeat(20_000)}${'sk-ant-'.repeat(20_000)}${'a://b:'.repeat(20_000)}"\n`;
    const start = performance.now();
    await lintFiles({ [C]: evil, '.codex/rules/r.rules': `prefix_rule(pattern = ["${'a '.repeat(50_000)}"])\n` });
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it('a label, key or value followed by a long run of blanks is read in linear time', async () => {
    // Each of these took a minute or more when two runs of blanks around an optional part could split the run any way.
    const blanks = ' '.repeat(100_000);
    const start = performance.now();
    for (const line of ['install:', 'yolo:', 'auto-push:', '- always', '- **Deploy:**'])
      await lintFiles({ 'AGENTS.md': `${line}${blanks}x\n` });
    await lintFiles({
      '.claude/settings.json': JSON.stringify({
        permissions: { allow: [`Bash${blanks}x`] },
        env: { OTEL_LOGS_EXPORTER: `${blanks}x`, OTEL_LOG_USER_PROMPTS: '1' },
      }),
    });
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('a sentence of 400,000 blanks, plain or no-break, is read in linear time', async () => {
    // "… as already approved" was tried from every blank of such a run: a minute for 400,000 of them.
    const start = performance.now();
    for (const blank of [' ', '\u00a0'])
      await lintFiles({ 'AGENTS.md': `Never${blank.repeat(400_000)}treat pushes${blank.repeat(1_000)}as approved.\n` });
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('a megabyte of "treat … as approved" is read in linear time', async () => {
    const start = performance.now();
    await lintFiles({ 'AGENTS.md': `Treat ${'x as approved '.repeat(80_000)}\n` });
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('a pattern with many alternatives is bounded, and still judged', async () => {
    // 50^8 word lists if expanded in full; the first ones are read, and they already allow `npm publish`.
    const alts = (first: string): string => `[${[`"${first}"`, ...Array.from({ length: 49 }, (_, i) => `"w${i}"`)].join(', ')}]`;
    const text = `prefix_rule(pattern = [${alts('npm')}, ${alts('publish')}, ${Array.from({ length: 6 }, () => alts('x')).join(', ')}])\n`;
    const result = await lintFiles({ '.codex/rules/r.rules': text });
    expect(located(result, '.codex/rules/r.rules')).toEqual(['1:publish-deploy']);
  });
});

describe('what a hostile file puts in a finding is bounded', () => {
  it('a 70,000-character value gives a message of at most 4,000 characters and evidence of at most 2,000, cut with …', async () => {
    const entry = `Bash(git push ${'x'.repeat(70_000)}:*)`;
    const result = await lintFiles({ '.claude/settings.json': JSON.stringify({ permissions: { allow: [entry] } }) });
    const [finding] = result.findings;
    expect(finding!.ruleId).toBe('publish-deploy');
    expect(finding!.message.length).toBeLessThanOrEqual(4_000);
    expect(finding!.message).toMatch(/^allow "Bash\(git push x{100}.*x… \(\d+ characters in all, sha256 [0-9a-f]{12}\)$/);
    expect(finding!.evidence.length).toBeLessThanOrEqual(2_000);
    expect(finding!.evidence).toMatch(/x… \(70\d{3} characters in all, sha256 [0-9a-f]{12}\)$/);
  });

  it('two values that differ only past the cut give different messages and evidence: a baseline tells them apart', async () => {
    const at = async (end: string) =>
      (
        await lintFiles({
          '.claude/settings.json': JSON.stringify({ permissions: { allow: [`Bash(git push ${'a'.repeat(5_000)}${end}:*)`] } }),
        })
      ).findings[0]!;
    const [one, two] = [await at('one'), await at('two')];
    expect(one.message).not.toBe(two.message);
    expect(one.evidence).not.toBe(two.evidence);
  });
});
