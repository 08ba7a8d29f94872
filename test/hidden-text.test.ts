import { describe, expect, it } from 'vitest';
import { findHiddenText } from '../src/rules/hidden-text/index.js';
import { lintFiles } from './helpers/repo.js';

describe('hidden-text', () => {
  it('reports each line once, naming every code point, at the first one', () => {
    const text = 'model = "o3"\n# ok\u202Eevil\u200B\u200B\nx = 1 # \u{E0041}\u{E0042}\n';
    const found = findHiddenText(text);
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [2, 5],
      [3, 9],
    ]);
    expect(found[0]!.characters).toBe('U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE ×2');
    expect(found[1]!.characters).toContain('U+E0041 TAG CHARACTER');
  });

  it('ignores a leading BOM and the joiners inside emoji', () => {
    expect(findHiddenText('\uFEFFmodel = "o3" # 👩‍💻 👨‍👩‍👧\n')).toEqual([]);
    expect(findHiddenText('a\n\uFEFFb\n')).toHaveLength(1);
  });

  it('reports variation selectors that carry data, not the one that picks an emoji presentation', () => {
    // A character followed by supplement selectors (bytes encoded one per selector), or by a run of basic ones.
    const smuggled = findHiddenText('Be brief.\u{E0120}\u{E0131}\u{E0142}\nDone\uFE01\uFE02\uFE03\n');
    expect(smuggled.map((p) => [p.line, p.column])).toEqual([
      [1, 10],
      [2, 5],
    ]);
    expect(smuggled[0]!.characters).toContain('U+E0120 VARIATION SELECTOR');
    expect(findHiddenText('Ship it \u2764\uFE0F and \u263A\uFE0E.\n')).toEqual([]);
  });

  it('applies to agent config files through the engine', async () => {
    const result = await lintFiles({ '.codex/config.toml': 'model = "o3\u2066"\n' });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['1:12:hidden-text']);
  });
});
