import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Where a file snapshot of one output lives: `__out__/<repo>/<output>`, next to the tests. */
export const snapshotPath = (repo: string, output: string): string => `./__out__/${repo}/${output}`;

/**
 * Makes an output independent of the run: the fixture repository's folder, the temporary folder and the commit
 * ids of a fixture (they change with the time of the commit) become placeholders.
 */
export function scrub(text: string, replacements: Record<string, string> = {}): string {
  let out = text;
  const pairs = Object.entries(replacements).flatMap(([value, placeholder]): [string, string][] => {
    // A commit id is also shown shortened.
    if (/^[0-9a-f]{40}$/.test(value)) return [value, value.slice(0, 12), value.slice(0, 7)].map((v) => [v, placeholder]);
    const real = safeRealpath(value);
    return real !== value
      ? [
          [real, placeholder],
          [value, placeholder],
        ]
      : [[value, placeholder]];
  });
  // Longest first, so that a folder inside the temporary folder is not cut in two.
  for (const [value, placeholder] of pairs.sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join(placeholder);
  for (const tmp of new Set([safeRealpath(tmpdir()), tmpdir()])) {
    out = out.replace(new RegExp(`${escapeRegExp(tmp)}/agent-policy-[\\w-]+`, 'g'), '<tmp>');
  }
  return out;
}

const safeRealpath = (path: string): string => {
  if (!path.startsWith('/')) return path;
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
