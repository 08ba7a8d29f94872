import picomatch from 'picomatch';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { choose, evaluate, FAIL_ON, toRuleSet } from './pipeline.js';
import type { Values } from './options.js';
import { toPrintable } from '../core/printable.js';
import type { Finding, Fix } from '../core/types.js';
import type { CheckResult } from '../engine/result.js';
import { applyReplacements } from '../fix/edits.js';
import { FIXABLE_RULES } from '../fix/index.js';
import { writeFixedFile } from '../io/fixed-file.js';
import { OutputError } from '../io/output-file.js';
import { loadRepository, locateCheckout } from '../io/repository.js';
import { TOOL_NAME } from '../meta.js';
import { renderUnifiedDiff } from '../report/diff.js';
import { redactSecrets } from '../secrets/redact.js';

/** A fix moves an entry or removes one, which can make another fix of the same file; each round re-checks. */
const MAX_ROUNDS = 64;
/** Options of `check --fix` that shape the report, not the fixes: left out of the checks between rounds. */
const ONLY_CHECK = ['format', 'output', 'base', 'within', 'min-confidence', 'max-warnings', 'quiet'] as const;

interface Applied {
  file: string;
  line: number;
  ruleId: string;
  description: string;
}

/** What the fixes did: the check of the fixed files, what was fixed, and the texts before and after. */
export interface FixRun {
  result: CheckResult;
  applied: Applied[];
  before: Map<string, string>;
  after: Map<string, string>;
  /** Credentials the fixes replaced, masked wherever a diff shows them. */
  secrets: string[];
}

const overlaps = (a: Fix, b: Fix): boolean =>
  a.replacements.some((x) =>
    b.replacements.some((y) => x.offset === y.offset || (x.offset < y.offset + y.length && y.offset < x.offset + x.length)),
  );

/** Which findings a run may fix: `--rule`, `--path` (and the PATHs of `check --fix`) narrow them. */
function selector(values: Values, includes?: (file: string) => boolean): (finding: Finding) => boolean {
  const rules = toRuleSet(values.rule);
  for (const id of rules ?? [])
    if (!FIXABLE_RULES.includes(id)) throw new UsageError(`--rule: ${id} has no automatic fixes (${FIXABLE_RULES.join(', ')} have)`);
  const paths = values.path && values.path.length > 0 ? picomatch(values.path, { dot: true }) : undefined;
  return (f) => f.fix !== undefined && (!rules || rules.has(f.ruleId)) && (!paths || paths(f.file)) && (!includes || includes(f.file));
}

/**
 * Fixes the repository's agent files in memory, round after round, each round checked again: a fix that leaves
 * its file unparseable is undone and the file left alone. Nothing is written here.
 */
export async function planFixes(dir: string, values: Values, io: CliIO, includes?: (file: string) => boolean): Promise<FixRun> {
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  const wanted = selector(values, includes);
  const repo = await loadRepository(dir);
  const before = new Map(repo.files.map((f) => [f.path, f.text]));
  const texts = new Map(before);
  const files = (): Promise<typeof repo> =>
    Promise.resolve({ ...repo, files: repo.files.map((f) => ({ path: f.path, text: texts.get(f.path)! })) });
  const checkOnly: Values = Object.fromEntries(Object.entries(values).filter(([k]) => !(ONLY_CHECK as readonly string[]).includes(k)));
  const judge = (): Promise<CheckResult> => evaluate(dir, checkOnly, io, { mode: 'check', failOn }, files);
  const applied: Applied[] = [];
  const secrets: string[] = [];
  const frozen = new Set<string>();
  let result = await judge();
  const broken = new Set(result.findings.filter((f) => f.ruleId === 'config-unparseable').map((f) => f.file));
  let previous = new Map<string, { text: string; applied: Applied[] }>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A file the last round made unparseable goes back to what it was, and keeps it.
    const regressed = result.findings.filter((f) => f.ruleId === 'config-unparseable' && !broken.has(f.file) && previous.has(f.file));
    if (regressed.length > 0) {
      for (const f of regressed) {
        const undo = previous.get(f.file)!;
        texts.set(f.file, undo.text);
        frozen.add(f.file);
        for (const a of undo.applied) applied.splice(applied.indexOf(a), 1);
      }
      result = await judge();
    }
    const byFile = new Map<string, { finding: Finding; fix: Fix }[]>();
    const seen = new Set<string>();
    for (const finding of result.findings) {
      if (!wanted(finding) || frozen.has(finding.file)) continue;
      const fix = finding.fix!;
      const key = `${fix.file}\0${JSON.stringify(fix.replacements)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), { finding, fix }]);
    }
    if (byFile.size === 0) break;
    previous = new Map();
    for (const [file, candidates] of byFile) {
      const text = texts.get(file);
      if (text === undefined) continue;
      const taken: Fix[] = [];
      const done: Applied[] = [];
      for (const { finding, fix } of candidates) {
        if (taken.some((t) => overlaps(t, fix))) continue;
        taken.push(fix);
        done.push({ file, line: finding.location.start.line, ruleId: finding.ruleId, description: fix.description });
        if (fix.sensitive)
          for (const r of fix.replacements) {
            secrets.push(text.slice(r.offset, r.offset + r.length).replace(/^["']|["']$/g, ''));
          }
      }
      previous.set(file, { text, applied: done });
      texts.set(
        file,
        applyReplacements(
          text,
          taken.flatMap((t) => t.replacements),
        ),
      );
      applied.push(...done);
    }
    result = await judge();
  }
  const after = new Map([...texts].filter(([path, text]) => before.get(path) !== text));
  return { result, applied, before, after, secrets: secrets.filter((s) => s.length >= 8) };
}

/** The lines `fix` prints for what it fixed (or would fix), safe for a terminal. */
function describe(run: FixRun, dryRun: boolean): string {
  const lines = run.applied
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .map((a) => `${a.file}:${a.line}: ${a.ruleId}: ${a.description}`);
  const n = run.applied.length;
  const files = run.after.size;
  lines.push(
    n === 0
      ? 'No findings with a safe automatic fix.'
      : `${dryRun ? 'Would fix' : 'Fixed'} ${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`,
  );
  const left = run.result.outcome.failing;
  if (left > 0)
    lines.push(
      `${left} finding${left === 1 ? '' : 's'} at or above --fail-on ${left === 1 ? 'remains' : 'remain'}; run \`${TOOL_NAME} check\` to see them.`,
    );
  return toPrintable(lines.join('\n'), { keepLineBreaks: true }) + '\n';
}

/**
 * Writes the fixed files (their paths are relative to the top of the repository, also when `dir` is a folder of
 * it); a file that cannot be written is said on stderr and its fixes are dropped from `run`. False when one failed.
 */
function writeFixes(dir: string, run: FixRun, io: CliIO): boolean {
  const { root } = locateCheckout(dir);
  let ok = true;
  for (const [path, text] of run.after) {
    try {
      writeFixedFile(root, path, run.before.get(path)!, text);
    } catch (error) {
      if (!(error instanceof OutputError)) throw error;
      io.stderr(`${TOOL_NAME}: not fixed: ${error.message}\n`);
      run.after.delete(path);
      run.applied = run.applied.filter((a) => a.file !== path);
      ok = false;
    }
  }
  return ok;
}

/** `fix [DIR]`: applies the safe fixes (or with `--dry-run` prints them as a diff); exit 1 while findings remain (or would be fixed). */
export async function runFix(dir: string, values: Values, io: CliIO): Promise<number> {
  const dryRun = values['dry-run'] === true;
  const run = await planFixes(dir, values, io);
  if (dryRun) {
    const diffs = [...run.after].map(([path, text]) => renderUnifiedDiff(path, run.before.get(path)!, text)).join('');
    io.stdout(toPrintable(redactSecrets(diffs, run.secrets), { keepLineBreaks: true }));
  }
  const written = dryRun || writeFixes(dir, run, io);
  io.stdout(describe(run, dryRun));
  // A dry run changed nothing: what it would fix still counts against the repository.
  return written && !run.result.outcome.failed && !(dryRun && run.applied.length > 0) ? 0 : 1;
}

/** `check --fix`: the fixes first (said on stderr, so that the report alone is on stdout), then the check. */
export async function applyFixesBeforeCheck(dir: string, values: Values, io: CliIO, includes?: (file: string) => boolean): Promise<void> {
  const run = await planFixes(dir, values, io, includes);
  writeFixes(dir, run, io);
  if (run.applied.length > 0)
    io.stderr(describe({ ...run, result: { ...run.result, outcome: { ...run.result.outcome, failing: 0 } } }, false));
}
