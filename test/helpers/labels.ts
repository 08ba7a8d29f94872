/**
 * Labelled fixtures: a line ending in `# NOT OK rule-id [rule-id…]` (or `// NOT OK …` in JSONC) must produce exactly those findings at that
 * line; every other line must produce none. `# OK` marks lines that look risky but are fine (documentation).
 */
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /(?:#|\/\/)\s*NOT OK\s+([a-z-]+(?:\s+[a-z-]+)*)\s*$/.exec(line);
    if (m) for (const rule of m[1]!.split(/\s+/)) out.push(`${i + 1}:${rule}`);
  });
  return out.sort();
}
