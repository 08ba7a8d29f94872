import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { toCodeSpan, toMarkdownText as md, toTerminalPath as shownPath, toTerminalText as oneLine } from './escape.js';
import { QUESTION_TITLES } from './preflight-defaults.js';
import { UNANSWERABLE, type Preflight, type PreflightAnswer, type PreflightBlock, type PreflightStatus } from './preflight.js';

/** The three answers, as every format shows them. */
export const STATUS_MARK: Record<PreflightStatus, string> = { ok: '✓', violation: '✗', default: '—' };

const LEGEND = '✓ within the policy · ✗ violates it (rule id) · — not set: the default applies';

const where = (a: PreflightAnswer): string => (a.at ? `${a.at.file}:${a.at.position.line}:${a.at.position.column}` : '');
const extra = (a: PreflightAnswer): string => (a.more > 0 ? ` (+${a.more} more)` : '');
const moreFiles = (b: PreflightBlock): string => (b.moreFiles > 0 ? ` and ${b.moreFiles} more` : '');
const moreProblems = (b: PreflightBlock): string =>
  b.moreProblems > 0 ? `${b.moreProblems} more file problem${b.moreProblems === 1 ? '' : 's'} (see agent-policy check)` : '';
const heading = (b: PreflightBlock): string =>
  b.kind === 'guidance'
    ? `Guidance (${b.agent}), read by the agents that load it`
    : `${b.name} (${b.agent})${b.kind === 'launcher' ? ' launched unattended' : ''}`;

/** Text for a terminal: one block per agent, an answer a line. */
export function renderPreflightText(preflight: Preflight): string {
  const out = [`Preflight: the guide's checklist answered from the committed files (${LEGEND}).`, ''];
  const width = Math.max(...Object.values(QUESTION_TITLES).map((t) => t.length));
  for (const block of preflight.blocks) {
    out.push(
      `${oneLine(heading(block))}: ${block.files.map(shownPath).join(', ')}${moreFiles(block)}${block.unit ? ` ${oneLine(block.unit)}` : ''}`,
    );
    for (const a of block.answers) {
      const rules = a.rules.length > 0 ? `  [${a.rules.join(', ')}]` : '';
      const place = a.at ? `  ${shownPath(a.at.file)}:${a.at.position.line}:${a.at.position.column}` : '';
      out.push(`  ${STATUS_MARK[a.status]} ${QUESTION_TITLES[a.question].padEnd(width)}  ${oneLine(a.text)}${extra(a)}${rules}${place}`);
    }
    if (block.kind === 'guidance' && block.answers.length === 0) out.push('  nothing it says bears on the checklist');
    for (const p of block.problems)
      out.push(`  ! ${p.ruleId}  ${shownPath(p.file)}:${p.position.line}:${p.position.column}  ${oneLine(p.text)}`);
    if (block.moreProblems > 0) out.push(`  ! ${moreProblems(block)}`);
    out.push('');
  }
  if (preflight.blocks.length === 0) out.push('No agent configuration is committed: every agent run here uses its own defaults.', '');
  if (preflight.omitted > 0)
    out.push(`${preflight.omitted} more agent configurations are not shown; --format json has the same limit.`, '');
  out.push('Not answerable from committed files:', ...UNANSWERABLE.map((q) => `  - ${q}`), '', oneLine(preflight.policy.note));
  return `${out.join('\n')}\n`;
}

/** Repository text in a table cell; our own wording (defaults) as escaped text. */
const answerCell = (a: PreflightAnswer): string =>
  `${a.quoted ? toCodeSpan(a.text, { inTable: true }) : md(a.text)}${extra(a)}${a.rules.length > 0 ? ` (${a.rules.map(md).join(', ')})` : ''}`;

function markdownBlock(block: PreflightBlock, level: string): string[] {
  const files = `${block.files.map((f) => toCodeSpan(f)).join(', ')}${moreFiles(block)}`;
  const out = [`${level} ${md(heading(block))}: ${files}${block.unit ? ` ${md(block.unit)}` : ''}`, ''];
  if (block.answers.length > 0) {
    out.push('| | question | answer | where |', '|---|---|---|---|');
    for (const a of block.answers)
      out.push(
        `| ${STATUS_MARK[a.status]} | ${QUESTION_TITLES[a.question]} | ${answerCell(a)} | ${a.at ? toCodeSpan(where(a), { inTable: true }) : ''} |`,
      );
  } else if (block.kind === 'guidance') out.push('Nothing it says bears on the checklist.');
  for (const p of block.problems) out.push('', `⚠️ ${md(p.ruleId)} at ${toCodeSpan(`${p.file}:${p.position.line}`)}: ${md(p.text)}`);
  if (block.moreProblems > 0) out.push('', `⚠️ ${moreProblems(block)}`);
  out.push('');
  return out;
}

/** Markdown (a PR, an issue, a wiki page): a table per agent. */
export function renderPreflightMarkdown(preflight: Preflight): string {
  const out = ['## Preflight', '', `The guide's checklist answered from the committed files: ${LEGEND}.`, ''];
  for (const block of preflight.blocks) out.push(...markdownBlock(block, '###'));
  if (preflight.blocks.length === 0) out.push('No agent configuration is committed: every agent run here uses its own defaults.', '');
  if (preflight.omitted > 0) out.push(`${preflight.omitted} more agent configurations are not shown.`, '');
  out.push('**Not answerable from committed files:**', '', ...UNANSWERABLE.map((q) => `- ${q}`), '', md(preflight.policy.note), '');
  return out.join('\n');
}

/** The job summary's section: one line per agent, what violates the policy named; bounded by `budget` bytes. */
export function renderPreflightSummary(preflight: Preflight, budget: number): string[] {
  if (preflight.blocks.length === 0) return [];
  const out = [
    '### Preflight',
    '',
    `What each agent may do, from the committed files (${LEGEND}); the whole checklist: \`${TOOL_NAME} preflight\`.`,
    '',
  ];
  let size = Buffer.byteLength(out.join('\n'));
  let shown = 0;
  for (const block of preflight.blocks) {
    const count = (s: PreflightStatus): number => block.answers.filter((a) => a.status === s).length;
    const bad = block.answers
      .filter((a) => a.status === 'violation')
      .map((a) => `✗ ${QUESTION_TITLES[a.question]} (${a.rules.map(md).join(', ')})`);
    const ok = count('ok');
    const problems = block.problems.length + block.moreProblems;
    const unset = count('default');
    const parts = [
      ...bad,
      ...(ok > 0 ? [`✓ ${ok} within the policy`] : []),
      ...(unset > 0 ? [`— ${unset} at the defaults`] : []),
      ...(block.answers.length === 0 ? ['nothing it says bears on the checklist'] : []),
      ...(problems > 0 ? [`⚠️ ${problems} file problem${problems === 1 ? '' : 's'}`] : []),
    ];
    const line = `- **${md(heading(block))}** ${block.files.map((f) => toCodeSpan(f)).join(', ')}${moreFiles(block)}${block.unit ? ` ${md(block.unit)}` : ''}: ${parts.join(' · ')}`;
    const added = Buffer.byteLength(line) + 1;
    if (size + added > budget) break;
    out.push(line);
    size += added;
    shown++;
  }
  const left = preflight.blocks.length - shown + preflight.omitted;
  if (left > 0) out.push(`- ${left} more agent configuration${left === 1 ? '' : 's'} not listed here.`);
  out.push('');
  return out;
}

/** The public JSON of `preflight --format json`, schema version 1 (docs/json-output.md). */
export interface JsonPreflightV1 {
  schemaVersion: 1;
  report: 'preflight';
  tool: { name: string; version: string };
  policy: { source: string; embedded: boolean };
  agents: {
    agent: string;
    name: string;
    kind: PreflightBlock['kind'];
    files: string[];
    unit: string | null;
    answers: {
      question: string;
      title: string;
      status: PreflightStatus;
      rules: string[];
      path: string | null;
      line: number | null;
      column: number | null;
      text: string;
      quoted: boolean;
      more: number;
    }[];
    problems: { ruleId: string; path: string; line: number; column: number; message: string }[];
    moreFiles: number;
    moreProblems: number;
  }[];
  omitted: number;
  unanswerable: string[];
}

export function renderPreflightJson(preflight: Preflight): string {
  const report: JsonPreflightV1 = {
    schemaVersion: 1,
    report: 'preflight',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    policy: { source: preflight.policy.source, embedded: preflight.policy.embedded },
    agents: preflight.blocks.map((b) => ({
      agent: b.agent,
      name: b.name,
      kind: b.kind,
      files: b.files,
      moreFiles: b.moreFiles,
      unit: b.unit ?? null,
      answers: b.answers.map((a) => ({
        question: a.question,
        title: QUESTION_TITLES[a.question],
        status: a.status,
        rules: a.rules,
        path: a.at?.file ?? null,
        line: a.at?.position.line ?? null,
        column: a.at?.position.column ?? null,
        text: a.text,
        quoted: a.quoted,
        more: a.more,
      })),
      problems: b.problems.map((p) => ({
        ruleId: p.ruleId,
        path: p.file,
        line: p.position.line,
        column: p.position.column,
        message: p.text,
      })),
      moreProblems: b.moreProblems,
    })),
    omitted: preflight.omitted,
    unanswerable: [...UNANSWERABLE],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
