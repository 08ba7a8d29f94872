import type { Position } from '../../core/types.js';
import type { KeyDoc } from '../types.js';
import type { FileKind, MapContext } from '../shared/structured.js';
import { own } from '../walk.js';
import { assignedNames, skippedAssignment } from '../../sources/assignments.js';
import { entryAnchor, toolEntries } from './front-matter.js';
import { mapPermissionEntry } from './permissions.js';

/**
 * Ralph for Claude Code (https://github.com/frankbria/ralph-claude-code) runs `claude -p` in a loop, unattended, on the
 * prompt in `.ralph/PROMPT.md`, with `--allowedTools` from the project's `.ralphrc`: its `ALLOWED_TOOLS` when not
 * empty, else its `CLAUDE_ALLOWED_TOOLS` as set (empty: no list), else Ralph's own default list; a value Ralph rejects
 * counts as unset (`ralph_loop.sh`, `load_ralphrc`). Each entry is a Claude Code permission rule that runs without a prompt. Ralph reads the file as
 * `NAME=value` data (`lib/ralphrc.sh`), the last assignment winning, and ignores names it does not know (the Codex
 * fork's `APPROVAL_POLICY`, `SANDBOX_MODE`, `CODEX_MODEL` among them).
 */
const RALPHRC = '.ralphrc';
const PROMPT = '.ralph/PROMPT.md';
/**
 * The project's build and run instructions the loop's prompt sends Claude Code to (`ralph enable` writes both: its
 * PROMPT.md says "AGENT.md: Project build and run instructions", templates/PROMPT.md).
 */
const AGENT = '.ralph/AGENT.md';
/** Ralph's list when the file sets none (ralph_loop.sh, December 2026). */
const DEFAULT_TOOLS =
  'Write,Read,Edit,Bash(git add *),Bash(git commit *),Bash(git diff *),Bash(git log *),Bash(git status),Bash(git status *),Bash(git push *),Bash(git pull *),Bash(git fetch *),Bash(git checkout *),Bash(git branch *),Bash(git stash *),Bash(git merge *),Bash(git tag *),Bash(npm *),Bash(pytest)';
/** More entries than Claude Code would be given in any real list: the file is reported, not read in part. */
const MAX_TOOLS = 1000;

/** One of the names Ralph's own files set (its loop's and its template's): a file assigning none is another tool's. */
const RALPH_NAME =
  /^(?:(?:CLAUDE_)?ALLOWED_TOOLS|CLAUDE_[A-Z_]+|CB_[A-Z_]+|RALPH_[A-Z_]+|SESSION_[A-Z_]+|SANDBOX_[A-Z0-9_]+|SYNC_[A-Z_]+|MAX_CALLS_PER_HOUR|MAX_TOKENS_PER_HOUR|MAX_CONSECUTIVE_[A-Z_]+|PROJECT_NAME|PROJECT_TYPE|TASK_SOURCES|GITHUB_TASK_LABEL|BEADS_FILTER|PROMPT_FILE|FIX_PLAN_FILE|AGENT_FILE|OPTIONAL_SECTIONS|TEST_PERCENTAGE_THRESHOLD|COMMENT_INTERVAL)$/;

/**
 * The list Ralph passes: `ALLOWED_TOOLS` when it is not empty, else `CLAUDE_ALLOWED_TOOLS` as the file sets it (empty:
 * no list at all), else its default list.
 */
function mapRalphrc(ctx: MapContext): void {
  const allowed = own(ctx.root, 'ALLOWED_TOOLS');
  const claude = own(ctx.root, 'CLAUDE_ALLOWED_TOOLS');
  const name =
    typeof allowed === 'string' && allowed !== '' ? 'ALLOWED_TOOLS' : typeof claude === 'string' ? 'CLAUDE_ALLOWED_TOOLS' : undefined;
  const written = name === undefined ? undefined : (own(ctx.root, name) as string);
  const text = ctx.site?.text.text ?? '';
  // Its value accepted or not, a name of Ralph's makes the file Ralph's.
  if (written === undefined && !assignedNames(text).some((n) => RALPH_NAME.test(n))) return;
  const tools = written ?? DEFAULT_TOOLS;
  // A list the file writes in a form Ralph skips (going on over several lines, or holding `$`): Ralph's default list
  // runs in its place, and is reported where the file meant to set its own.
  let skipped: { name: string; at: Position } | undefined;
  for (const n of written === undefined ? ['ALLOWED_TOOLS', 'CLAUDE_ALLOWED_TOOLS'] : []) {
    const at = skippedAssignment(text, n);
    if (at !== undefined) {
      skipped = { name: n, at };
      break;
    }
  }
  const fallback =
    skipped === undefined
      ? "with no ALLOWED_TOOLS set, Ralph's default"
      : `${skipped.name} is written in a form Ralph does not read (a value going on over several lines, or one a shell would expand), so Ralph's default`;
  const entries = toolEntries(tools);
  const keyPath = [name ?? 'ALLOWED_TOOLS'];
  if (new Set(entries.map((e) => e.entry)).size > MAX_TOOLS) {
    ctx.reject?.(keyPath, `${keyPath[0]!} holds more than ${MAX_TOOLS} different entries: it was not read, and its rules are not judged`);
    return;
  }
  // The project's own `.claude` settings, whose deny and ask entries still win over the command line's allows.
  const slash = ctx.file.lastIndexOf('/');
  const group: MapContext = { ...ctx, group: `${slash < 0 ? '' : ctx.file.slice(0, slash + 1)}.claude` };
  const seen = new Set<string>();
  // Ralph splits the list at commas and Claude Code each argument at commas and spaces outside parentheses: a list
  // written with spaces ("Write Read Bash") is as many rules.
  for (const { entry, offset } of entries) {
    if (seen.has(entry)) continue;
    seen.add(entry);
    const anchor =
      written !== undefined
        ? entryAnchor(ctx, keyPath, tools, offset)
        : skipped === undefined
          ? undefined
          : ({ kind: 'span', span: { start: skipped.at } } as const);
    const add =
      written === undefined
        ? (fact: Parameters<MapContext['add']>[0]) =>
            ctx.add({ ...fact, evidence: `${fallback} ${fact.evidence}`, ...(anchor === undefined ? {} : { anchor }) })
        : anchor
          ? (fact: Parameters<MapContext['add']>[0]) => ctx.add({ ...fact, anchor })
          : ctx.add;
    mapPermissionEntry({ ...group, add }, entry, 'allow', keyPath);
  }
}

export const RALPH_KINDS: readonly FileKind[] = [
  { path: RALPHRC, format: 'assignments', map: mapRalphrc },
  // Its front matter, if any, is not read by Ralph: the whole file is the prompt.
  { path: PROMPT, format: 'markdown', map: () => undefined },
  { path: AGENT, format: 'markdown', map: () => undefined },
];

export const RALPH_KEYS: readonly KeyDoc[] = [
  {
    file: RALPHRC,
    key: 'ALLOWED_TOOLS, else CLAUDE_ALLOWED_TOOLS (Claude Code permission rules separated by commas, passed as --allowedTools); with neither, Ralph’s default list',
    rule: 'every rule',
    note: 'each rule runs without a prompt in the unattended loop, read as a permissions.allow entry is; the project’s .claude deny and ask entries still win. Ralph’s default list (git push, npm and git stash among it) is judged in a file that sets Ralph’s names but no list: at the list Ralph skips (written over several lines, or holding $), else at the file’s start',
  },
  { file: RALPHRC, key: 'any value', rule: 'secret-access', note: 'literal credentials' },
  { file: PROMPT, key: '(the prompt)', rule: 'every rule', note: 'guidance: the prompt the loop hands Claude Code on every turn' },
  {
    file: AGENT,
    key: '(the instructions)',
    rule: 'every rule',
    note: "guidance: the build and run instructions the loop's prompt sends Claude Code to",
  },
];
