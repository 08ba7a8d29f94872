import picomatch from 'picomatch';

/**
 * Whether a glob from repository data is matched as a pattern: at most 200 characters and four wildcards, and
 * none of the extended syntax (`+(a)`, `@(a|b)`, `{a,b}`) whose nesting makes a pattern backtrack for minutes on
 * a long name. The caller fails closed on another.
 */
export const isPlainGlob = (glob: string): boolean => glob.length <= 200 && glob.split(/[*?[]/).length <= 5 && !/[(){}]/.test(glob);

/** A matcher for plain globs (`isPlainGlob`), reading none of the extended syntax nor a leading `!`; undefined when one is not plain. */
export function plainGlobMatcher(
  globs: string | readonly string[],
  options: { dot?: boolean } = {},
): ((path: string) => boolean) | undefined {
  const list = typeof globs === 'string' ? [globs] : globs;
  if (!list.every(isPlainGlob)) return undefined;
  return picomatch([...list], { ...options, noextglob: true, nobrace: true, nonegate: true });
}
