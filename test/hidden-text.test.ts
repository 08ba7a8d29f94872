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

  it('reports variation selectors that carry data, not the one that picks an emoji presentation', async () => {
    // A character followed by supplement selectors (bytes encoded one per selector), or by a run of basic ones.
    const smuggled = findHiddenText('Be brief.\u{E0120}\u{E0131}\u{E0142}\nDone\uFE01\uFE02\uFE03\n', 'AGENTS.md', 'agents');
    expect(smuggled.map((p) => p.anchor)).toEqual([
      { kind: 'span', span: { start: { line: 1, column: 10 } } },
      { kind: 'span', span: { start: { line: 2, column: 5 } } },
    ]);
    expect(smuggled[0]!.message).toContain('U+E0120 VARIATION SELECTOR');
    expect(findHiddenText('Ship it \u2764\uFE0F and \u263A\uFE0E.\n', 'AGENTS.md', 'agents')).toEqual([]);
  });

  it('applies to agent config files through the engine', async () => {
    const result = await lintFiles({ '.codex/config.toml': 'model = "o3\u2066"\n' });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['1:12:hidden-text']);
  });
});
