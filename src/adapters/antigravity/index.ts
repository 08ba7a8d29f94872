import type { Fact } from '../../core/posture.js';
import type { KeyPath, Span } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import { invokedToPublish } from '../../guidance/files.js';
import { addShellCommandAt } from '../shared/commands.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';

const WORKFLOWS = '.agent/workflows/*.md';
const WORKFLOWS_2 = '.agents/workflows/*.md';
const TURBO_RUNS = 'publish-deploy, network-access, outside-writes, secret-access, destructive-actions';

const KEYS: readonly KeyDoc[] = [
  {
    file: WORKFLOWS,
    key: '`// turbo-all` line',
    rule: 'sandbox-mode',
    note: 'every command the workflow runs is run without asking (medium confidence in a workflow named for publishing, which the user invokes to publish)',
  },
  {
    file: WORKFLOWS,
    key: '`// turbo` line: the commands of the step after it (its fenced code, else its inline code); inside a block of shell lines, the lines after it up to a blank line',
    rule: TURBO_RUNS,
    note: 'commands run without asking: publishing, network use, writes outside the repository, secret reads, destruction (medium confidence in a workflow named for publishing)',
  },
  { file: WORKFLOWS, key: 'the markdown', rule: 'every rule', note: 'read as guidance' },
  { file: WORKFLOWS_2, key: 'the same as `.agent/workflows/*.md`', rule: 'every rule', note: 'Antigravity 2.0 folder' },
];

/** The most commands of `// turbo` steps read in one workflow. */
const MAX_TURBO_COMMANDS = 500;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line that starts a step of its own (`3. Deploy`, `- Build`) or a section: where a `// turbo` step ends. */
const STEP_START = /^\s*(?:\d+[.)]|[-*+])\s|^\s*#{1,6}\s/;
const INLINE_CODE = /`([^`\n]+)`/g;

interface Line {
  text: string;
  number: number;
  inCode: boolean;
  /** The line opens or closes a fenced block. */
  fence: boolean;
  /** Inside a fenced block, whether it holds shell lines (no language, `bash`, `powershell`, `cmd` …), where `//` is no comment. */
  shell?: boolean;
}

/** Languages of a fenced block whose lines a shell runs. */
const SHELL_BLOCK = /^(?:|bash|sh|shell|zsh|fish|console|shell-session|terminal|powershell|pwsh|ps1|ps|cmd|bat|batch)$/i;

/**
 * The file's lines, each with whether it is inside a fenced code block (CommonMark fences, not nested). Read by
 * line, not through the markdown parser: an annotation is a line of its own above a step, wherever the parser
 * would put it (a paragraph's last line, a list item's continuation).
 */
function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let open: string | undefined;
  let shell = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const fence = FENCE.exec(line)?.[1];
    if (open === undefined && fence !== undefined) {
      open = fence;
      shell = SHELL_BLOCK.test(
        line
          .slice(line.indexOf(fence) + fence.length)
          .trim()
          .split(/\s/, 1)[0]!,
      );
      out.push({ text: line, number: i + 1, inCode: false, fence: true });
    } else if (open !== undefined && fence?.startsWith(open[0]!) && fence.length >= open.length && line.trim() === fence) {
      open = undefined;
      out.push({ text: line, number: i + 1, inCode: false, fence: true });
    } else if (open !== undefined) out.push({ text: line, number: i + 1, inCode: true, fence: false, shell });
    else out.push({ text: line, number: i + 1, inCode: false, fence: false });
  });
  return out;
}

/** A line that is the annotation: outside code, or in a block of shell lines, where `//` is no comment. */
const isMarker = (line: Line, marker: string): boolean => (!line.inCode || line.shell === true) && line.text.trim() === marker;
const spanOf = (line: Line, column: number, length: number): Span => ({
  start: { line: line.number, column },
  end: { line: line.number, column: column + length },
});

/**
 * An Antigravity workflow's turbo annotations: `// turbo-all` lets the agent run every command of the workflow
 * without asking (a rule allowing any command, kept to this file), `// turbo` the commands of the step after it,
 * each read as a command that runs without a prompt and placed at its characters. A workflow named for publishing
 * runs when the user invokes it by name to publish (`/deploy`, `/auto-push`), which may be meant as the approval of
 * its steps: findings on them are `medium`, notices under the default `guidance-min-confidence: high` (a model may
 * pick a workflow too, so they stay reported).
 */
function mapWorkflow(ctx: MapContext): void {
  const text = ctx.site?.text.text;
  if (!text?.includes('// turbo')) return;
  const named = invokedToPublish(ctx.file);
  const add = (fact: Fact): void => ctx.add(named ? { ...fact, confidence: 'medium' } : fact);
  const lines = linesOf(text);
  let commands = 0;
  lines.forEach((line, i) => {
    if (isMarker(line, '// turbo-all')) {
      const column = line.text.indexOf('//') + 1;
      add({
        kind: 'command-rule',
        pattern: [],
        matcher: { kind: 'glob', source: '*' },
        decision: 'allow',
        // Only this workflow's commands: no other file's rule combines with it.
        group: ctx.file,
        precedence: 'most-restrictive',
        order: ctx.facts.length,
        implicitDecision: false,
        keyPath: ['// turbo-all', line.number],
        anchor: { kind: 'span', span: spanOf(line, column, '// turbo-all'.length) },
        evidence: '`// turbo-all`',
      });
      return;
    }
    if (!isMarker(line, '// turbo')) return;
    const step = line.inCode ? blockStepAfter(lines, i + 1) : stepAfter(lines, i + 1);
    for (const { line: at, column, command } of commandsOf(step)) {
      if (commands++ >= MAX_TURBO_COMMANDS) return;
      const path: KeyPath = ['// turbo', at.number, column];
      addShellCommandAt(
        add,
        { runs: [[0, at.number, column]], length: command.length },
        command,
        path,
        '`// turbo` step',
        `\`// turbo\` step (line ${line.number})`,
      );
    }
  });
}

/** The lines of the step that starts at the first non-blank line from `from`: up to the next step, section or marker. */
function stepAfter(lines: readonly Line[], from: number): Line[] {
  let first = from;
  while (first < lines.length && lines[first]!.text.trim() === '') first++;
  const step: Line[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    const outside = !line.inCode && !line.fence;
    if (i > first && outside && (STEP_START.test(line.text) || line.text.trim().startsWith('// turbo'))) break;
    step.push(line);
  }
  return step;
}

/**
 * The lines after a `// turbo` written inside a fenced block of shell lines, up to a blank line, the block's end or
 * another marker: the commands it marks, as the model that reads the workflow takes them (`// turbo`, `# Push`, `git
 * push`). In a block of a language whose comments start with `//`, it is a comment of that code.
 */
function blockStepAfter(lines: readonly Line[], from: number): Line[] {
  const step: Line[] = [];
  for (let i = from; i < lines.length && lines[i]!.inCode; i++) {
    const text = lines[i]!.text.trim();
    if (text === '' || text.startsWith('// turbo')) break;
    step.push(lines[i]!);
  }
  return step;
}

/** A step's commands: each line of its fenced code (comments and blank lines left out), else its inline code. */
function commandsOf(step: readonly Line[]): { line: Line; column: number; command: string }[] {
  const fenced = step.filter((l) => l.inCode);
  if (fenced.length > 0) {
    return fenced.flatMap((line) => {
      const command = line.text.trim().replace(/^\$\s+/, '');
      if (command === '' || command.startsWith('#')) return [];
      return [{ line, column: line.text.indexOf(command) + 1, command }];
    });
  }
  return step.flatMap((line) =>
    [...line.text.matchAll(INLINE_CODE)].map((m) => ({ line, column: m.index + 2, command: m[1]! })).filter((c) => c.command.trim() !== ''),
  );
}

/**
 * Google Antigravity: workspace workflows (`.agent/workflows/*.md`, `.agents/workflows/*.md` since 2.0) are read as
 * guidance and for their turbo annotations; its workspace rules are guidance only (`src/guidance/files.ts`).
 */
export const antigravityAdapter = structuredAdapter({
  id: 'antigravity',
  name: 'Google Antigravity',
  keys: KEYS,
  kinds: [
    { path: WORKFLOWS, format: 'markdown', map: mapWorkflow },
    { path: WORKFLOWS_2, format: 'markdown', map: mapWorkflow },
  ],
});
