import { describe, expect, it } from 'vitest';
import { parseStarlark, StarlarkError } from '../src/adapters/codex/starlark.js';

describe('starlark subset parser', () => {
  it('parses multi-line calls, comments, keywords, alternatives and variables', () => {
    const calls = parseStarlark(`# header
ALTS = ["publish", "unpublish"]
prefix_rule(
    pattern = ["npm", ALTS],  # alternatives
    decision = 'forbidden',
    justification = """Releases
go through CI""",
)
host_executable(name = "git", paths = ["/usr/bin/git"]); prefix_rule(["ls"], "allow")
`);
    expect(calls.map((c) => c.name)).toEqual(['prefix_rule', 'host_executable', 'prefix_rule']);
    const first = calls[0]!;
    expect(first.keywords.get('pattern')!.value).toMatchObject({
      type: 'list',
      items: [{ value: 'npm' }, { type: 'list', items: [{ value: 'publish' }, { value: 'unpublish' }] }],
    });
    expect(first.keywords.get('decision')!.value).toMatchObject({
      type: 'string',
      value: 'forbidden',
      span: { start: { line: 5, column: 16 } },
    });
    expect(first.keywords.get('justification')!.value).toMatchObject({ value: 'Releases\ngo through CI' });
    expect(calls[2]!.positional.map((p) => p.type)).toEqual(['list', 'string']);
  });

  it('handles escapes, raw strings, implicit concatenation and +', () => {
    const [call] = parseStarlark('f(a = "a\\tb" "c", b = r"\\d+", c = ["x"] + ["y"], d = -1, e = True)');
    expect(call!.keywords.get('a')!.value).toMatchObject({ value: 'a\tbc' });
    expect(call!.keywords.get('b')!.value).toMatchObject({ value: '\\d+' });
    expect(call!.keywords.get('c')!.value).toMatchObject({ type: 'list', items: [{ value: 'x' }, { value: 'y' }] });
    expect(call!.keywords.get('d')!.value).toMatchObject({ type: 'number', value: -1 });
    expect(call!.keywords.get('e')!.value).toMatchObject({ type: 'bool', value: true });
  });

  const bad: [string, string, number, number][] = [
    ['unterminated string', 'prefix_rule(pattern = ["git)\n', 1, 24],
    ['missing paren', 'prefix_rule(pattern = ["git"]\n', 2, 1],
    ['statement', 'if x:\n  pass\n', 1, 1],
    ['stray character', 'prefix_rule(pattern = ["a"]) ?\n', 1, 30],
    ['duplicate keyword', 'f(a = 1, a = 2)\n', 1, 10],
  ];
  for (const [name, text, line, column] of bad) {
    it(`rejects ${name} with its position`, () => {
      try {
        parseStarlark(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(StarlarkError);
        expect((error as StarlarkError).position).toEqual({ line, column });
      }
    });
  }

  it('refuses deep nesting without overflowing', () => {
    expect(() => parseStarlark(`f(${'['.repeat(100_000)})`)).toThrow(/nesting deeper than 64/);
  });

  it('refuses values that grow past a budget with +, at the + that crosses it, quickly', () => {
    // Each variable extends the last: the lists grow with the square of the file's length.
    const chain = Array.from({ length: 16_000 }, (_, i) => `v${i} = ${i ? `v${i - 1} + ["x"]` : '["git"]'}`).join('\n');
    // Each line doubles a string.
    const doubling = ['s0 = "xxxxxxxx"', ...Array.from({ length: 60 }, (_, i) => `s${i + 1} = s${i} + s${i}`)].join('\n');
    for (const [text, line] of [
      [chain, 1414],
      [doubling, 17],
    ] as const) {
      const start = performance.now();
      try {
        parseStarlark(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(StarlarkError);
        expect((error as StarlarkError).message).toMatch(/grow past 1,000,000 items or characters/);
        expect((error as StarlarkError).position.line).toBe(line);
      }
      expect(performance.now() - start).toBeLessThan(2_000);
    }
    // Ordinary use stays far below it.
    expect(parseStarlark(`A = ["npm"] + ["publish"]\nprefix_rule(pattern = A + ["--tag"])\n`)[0]!.positional).toEqual([]);
  });
});
