import { describe, expect, it } from 'vitest';
import { findHiddenText } from '../src/rules/hidden-text.js';
import { lintFiles } from './helpers/repo.js';

describe('hidden-text', () => {
  it('reports each line once, naming every code point, at the first one', async () => {
    const text = 'model = "o3"\n# ok\u202Eevil\u200B\u200B\nx = 1 # \u{E0041}\u{E0042}\n';
    const found = findHiddenText(text, 'f', 'codex');
    expect(found.map((p) => p.anchor)).toEqual([
      { kind: 'span', span: { start: { line: 2, column: 5 } } },
      { kind: 'span', span: { start: { line: 3, column: 9 } } },
    ]);
    expect(found[0]!.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE ×2');
    expect(found[1]!.message).toContain('U+E0041 TAG CHARACTER');
  });

  it('ignores a leading BOM and the joiners inside emoji', async () => {
    expect(findHiddenText('\uFEFFmodel = "o3" # 👩‍💻 👨‍👩‍👧\n', 'f', 'codex')).toEqual([]);
    expect(findHiddenText('a\n\uFEFFb\n', 'f', 'codex')).toHaveLength(1);
  });

  it('applies to agent config files through the engine', async () => {
    const result = await lintFiles({ '.codex/config.toml': 'model = "o3\u2066"\n' });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['1:12:hidden-text']);
  });
});
