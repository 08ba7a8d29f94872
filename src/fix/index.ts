import { toPrintable } from '../core/printable.js';
import type { Finding, Fix, Replacement } from '../core/types.js';
import { redactSecrets } from '../secrets/redact.js';
import { applyReplacements, toReplacements } from './edits.js';
import { lineStarts } from '../sources/lines.js';
import { toJsonFix } from './json.js';
import { toRulesFileFix } from './rules-file.js';
import { toTomlFix } from './toml.js';
import type { FixPlan } from './types.js';
import { toWorkflowFlagFix, toYamlFix } from './yaml.js';

/** Rules with a safe automatic fix in some config format; guidance is the team's text and is never edited. */
export const FIXABLE_RULES = ['sandbox-mode', 'network-access', 'outside-writes', 'publish-deploy', 'destructive-actions', 'secret-access'];

const extensionOf = (file: string): string => /\.([A-Za-z0-9-]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';

function planOf(finding: Finding, text: string): FixPlan | undefined {
  if (finding.confidence !== 'high') return undefined;
  switch (extensionOf(finding.file)) {
    case 'toml':
      return finding.agent === 'codex' ? toTomlFix(finding, text) : undefined;
    case 'rules':
      return finding.agent === 'codex' ? toRulesFileFix(finding, text) : undefined;
    case 'json':
    case 'jsonc':
    case 'code-workspace':
      return toJsonFix(finding, text);
    case 'yml':
    case 'yaml':
      return /(?:^|\/)\.github\/workflows\/[^/]+$/.test(finding.file) ? toWorkflowFlagFix(finding, text) : toYamlFix(finding, text);
    default:
      return undefined;
  }
}

/** The safe fix of a finding in the text it was made from, or undefined when none is known; pure. */
export function toFix(finding: Finding, text: string): Fix | undefined {
  if (!FIXABLE_RULES.includes(finding.ruleId)) return undefined;
  const plan = planOf(finding, text);
  if (!plan || plan.edits.length === 0) return undefined;
  const replacements = toReplacements(text, plan.edits);
  // A fix that replaces a credential shows it in its lines: it is applied by `fix` only, never suggested.
  const lines = plan.sensitive ? undefined : toLines(text, replacements);
  return {
    file: finding.file,
    // Descriptions quote repository values (a list entry): masked and printable, as finding messages are.
    description: toPrintable(redactSecrets(plan.description)),
    replacements,
    ...(plan.sensitive ? { sensitive: true as const } : {}),
    ...(lines ? { lines } : {}),
  };
}

const MAX_TRIED_PER_FILE = 200;
/** Bounds of the lines a suggestion shows (before and after the fix). */
const MAX_SUGGESTED_CHARS = 2000;
const MAX_SUGGESTED_LINES = 20;

/**
 * The whole lines a fix touches (1-based, inclusive) and their text after it, without line breaks at the ends.
 * A fix that removes whole lines leaves an empty text: the suggestion deletes them.
 */
function toLines(text: string, replacements: readonly Replacement[]): Fix['lines'] {
  const first = replacements[0];
  const last = replacements.at(-1);
  if (!first || !last) return undefined;
  const starts = lineStarts(text);
  const start = first.start.line;
  // A removal that ends at the start of the next line ends on the line before.
  const end = last.end.column === 1 && last.end.line > start && last.length > 0 ? last.end.line - 1 : last.end.line;
  const from = starts[start - 1] ?? 0;
  const to = starts[end] ?? text.length;
  const whole = text.slice(from, to);
  // A suggestion is read on a pull request: a fix of long lines (a minified file) is left to `fix`.
  if (whole.length > MAX_SUGGESTED_CHARS || end - start >= MAX_SUGGESTED_LINES) return undefined;
  const after = applyReplacements(
    whole,
    replacements.map((r) => ({ offset: r.offset - from, length: r.length, text: r.text })),
  ).replace(/\r?\n$|\r$/, '');
  const before = whole.replace(/\r?\n$|\r$/, '');
  if (redactSecrets(before) !== before || redactSecrets(after) !== after) return undefined;
  return { start, end, before, text: after };
}

/** The findings with the fixes their files allow; `textOf` gives a checked file's text. */
export function withFixes(findings: readonly Finding[], textOf: (file: string) => string | undefined): Finding[] {
  // Each fixer parses the file again: a bound per file keeps a file with thousands of findings cheap (`fix` repeats).
  const tried = new Map<string, number>();
  return findings.map((finding) => {
    if (!FIXABLE_RULES.includes(finding.ruleId)) return finding;
    const count = tried.get(finding.file) ?? 0;
    if (count >= MAX_TRIED_PER_FILE) return finding;
    tried.set(finding.file, count + 1);
    const text = textOf(finding.file);
    const fix = text === undefined ? undefined : toFix(finding, text);
    return fix ? { ...finding, fix } : finding;
  });
}
