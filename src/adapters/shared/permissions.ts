import type { Decision } from '../../core/posture.js';
import { splitCommandLine } from '../../shell/shell.js';
import type { KeyPath } from '../../core/types.js';
import { at, type MapContext } from './structured.js';

/** `Tool(argument)` or `Tool`, as Claude Code, Cursor and Gemini write permission entries. */
export function parseToolEntry(entry: string): { tool: string; arg: string | undefined } {
  const m = /^\s*([A-Za-z_][\w.-]*)\s*(?:\((.*)\)\s*)?$/s.exec(entry);
  if (!m) return { tool: entry.trim(), arg: undefined };
  return { tool: m[1]!, arg: m[2]?.trim() };
}

/**
 * Words of a command permission: `npm publish:*` and `git push *` cover `npm publish …` and `git push …`; a `*`
 * glued to the last word (`git*`) matches any characters, spaces included, so it covers `git …` too. Several
 * commands in one permission are joined by a `&&` word.
 */
export function commandWords(arg: string | undefined): string[] {
  if (arg === undefined) return [];
  const cleaned = arg
    .trim()
    .replace(/:\*$/, '')
    .replace(/\s+\*$/, '')
    .replace(/(?<=[\w./-])\*+$/, '')
    .trim();
  // `*`, and a glob of any depth (`Shell(**)`), match every command.
  if (/^\*+$/.test(cleaned) || cleaned === '') return [];
  // Commands joined in one rule (`cd web && npm publish:*`) keep a `&&` between them: the rules read each.
  const words = splitCommandLine(cleaned).flatMap((command, i) => (i === 0 ? command : ['&&', ...command]));
  // A quote opened at the end (`node -e ":*`) starts an argument the prefix leaves free: nothing of it is fixed.
  if (words.at(-1) === '' && /(?:^|[^"'])["']$/.test(cleaned)) words.pop();
  return words;
}

/**
 * Whether a Claude Code command permission names one whole command: `Bash(npm install)` matches that command
 * only, `Bash(npm install:*)` and `Bash(npm install *)` every command that starts with it.
 */
export const isExactCommand = (arg: string | undefined): boolean => arg !== undefined && arg.trim() !== '' && !arg.includes('*');

/** Adds a word-prefix command permission. */
export function addCommandRule(
  ctx: MapContext,
  words: string[],
  decision: Decision,
  path: KeyPath,
  evidence: string,
  precedence: 'most-restrictive' | 'last-match' = 'most-restrictive',
  scope?: string,
  exact = false,
): void {
  ctx.add({
    kind: 'command-rule',
    pattern: words.map((w) => [w]),
    matcher: exact ? { kind: 'prefix', exact } : { kind: 'prefix' },
    decision,
    group: ctx.group,
    precedence,
    order: ctx.facts.length,
    implicitDecision: false,
    ...at(path, evidence, 'value', scope),
  });
}

/** A host from a domain pattern or URL pattern: `*.example.com`, `https://api.example.com/*`. */
export function hostOf(pattern: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(pattern.trim());
  return (m?.[1] ?? pattern).toLowerCase();
}

/** A domain the agent may reach without asking; `*` means any host. */
export function addDomainGrant(ctx: MapContext, domain: string, path: KeyPath, evidence: string, part: 'key' | 'value' = 'value'): void {
  if (/^\*+$|^https?:\/\/\*\/?\*?$/.test(domain.trim())) ctx.add({ kind: 'network', what: 'fetch', ...at(path, evidence, part) });
  else ctx.add({ kind: 'network', what: 'domain', host: hostOf(domain), ...at(path, evidence, part) });
}

/**
 * A command permission written as a regular expression (Kiro's `allowedCommands`, Zed's terminal patterns, Gemini CLI's
 * `commandRegex`); the rules test it against the commands they know.
 */
export function addCommandPattern(
  ctx: MapContext,
  source: string,
  flags: string,
  decision: Decision,
  path: KeyPath,
  evidence: string,
  precedence: 'most-restrictive' | 'last-match' = 'most-restrictive',
): void {
  ctx.add({
    kind: 'command-rule',
    pattern: [],
    matcher: { kind: 'regex', source, flags },
    decision,
    group: ctx.group,
    precedence,
    order: ctx.facts.length,
    implicitDecision: false,
    ...at(path, evidence),
  });
}

/** The host a URL pattern written as a regular expression names: `^https://docs\\.rs/.*` is docs.rs, `.*` any host. */
export const hostOfUrlPattern = (pattern: string): string =>
  pattern.replace(/^\^/, '').replace(/\\\./g, '.').replace(/\.\*/g, '*').replace(/\\/g, '').replace(/\$$/, '');

/**
 * A command permission written as a glob over the whole command line (`git push*`, `npm *`), as OpenCode and Kiro
 * write them; its literal start names the commands the rules try against it.
 */
export function addCommandGlob(
  ctx: MapContext,
  glob: string,
  decision: Decision,
  path: KeyPath,
  evidence: string,
  how: {
    group?: string;
    precedence?: 'most-restrictive' | 'last-match';
    order?: number;
    part?: 'key' | 'value';
    scope?: string;
    optionalTail?: true;
  } = {},
): void {
  ctx.add({
    kind: 'command-rule',
    pattern: (splitCommandLine(glob.replace(/\*$/, '').trim())[0] ?? []).map((w) => [w]),
    matcher: how.optionalTail ? { kind: 'glob', source: glob, optionalTail: true } : { kind: 'glob', source: glob },
    decision,
    group: how.group ?? ctx.group,
    precedence: how.precedence ?? 'most-restrictive',
    order: how.order ?? ctx.facts.length,
    implicitDecision: false,
    ...at(path, evidence, how.part ?? 'value', how.scope),
  });
}
