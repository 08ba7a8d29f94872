/** The deepest nesting any parsed agent or policy file may have; deeper files are reported, not walked. */
export const MAX_DEPTH = 64;

/** Nesting depth of a parsed value, counted with an explicit stack; stops counting past `limit`. */
export function measureDepth(root: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return max;
}

/**
 * Deepest bracket nesting in JSON-like text, skipping strings and comments; linear, no parser involved.
 * Run before parsers that recurse (jsonc-parser), so hostile nesting is refused instead of overflowing.
 */
export function bracketDepth(text: string, limit: number): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return { depth: max, offset: i };
      }
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    }
  }
  return { depth: max, offset: -1 };
}
