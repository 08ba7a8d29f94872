import { recognise, type GuidanceHit, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, oneOf } from '../../guidance/words.js';

/** Switches and settings that give the agent a writable folder outside the repository. */
const EXTRA_ROOTS = [
  String.raw`--add-dir\b`,
  String.raw`--include-directories\b`,
  String.raw`--allow-all-paths\b`,
  String.raw`\bgit config --global\b`,
  String.raw`\bwritable_roots\s*=\s*\[\s*["']`,
  String.raw`"?additionalDirectories"?\s*:\s*\[\s*"`,
];
const OUTSIDE_FLAG = new RegExp(EXTRA_ROOTS.join('|'), 'i');

/** Folders outside any repository, as a path starts. */
const SYSTEM_FOLDERS = ['~/', String.raw`\$HOME\b`, '/etc/', '/usr/', '/opt/', '/var/'];
/** A shell redirect or `tee` into one of them. */
const OUTSIDE_REDIRECT = new RegExp(String.raw`(?:>>?|\btee(?:\s+-a)?)\s*["']?` + oneOf([...SYSTEM_FOLDERS, '/Library/']));

/** Verbs that write, and the places outside the repository they may write to. */
const WRITE = [
  'write',
  'save',
  'edit',
  'modify',
  'create',
  'put',
  'copy',
  'move',
  'place',
  'update',
  'change',
  'append',
  'delete',
  'remove',
  'overwrite',
  'touch',
  'store',
];
const PROJECT = ['repo', 'repository', 'project', 'workspace', 'working (?:directory|tree)'];
const OUTSIDE_PLACES = [
  `outside (?:of )?(?:the |this |your )?${oneOf(PROJECT)}`,
  ...SYSTEM_FOLDERS,
  String.raw`\bhome (?:directory|folder|dir)\b`,
  'system[- ](?:wide|files|directories|folders|config)',
  String.raw`\bglobal\b[^.]{0,15}\b(?:config|configuration|settings)\b`,
  String.raw`dotfiles?\b`,
];
const OUTSIDE_PHRASE = anyPattern(['^', oneOf(WRITE), String.raw`\b[^.]{0,60}?`, oneOf(OUTSIDE_PLACES)]);

const writesOutside = (command: string): boolean => OUTSIDE_FLAG.test(command) || OUTSIDE_REDIRECT.test(command);

/** What a statement orders that writes outside the repository. */
function outsideWriteIn(reading: StatementReading): string | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') return writesOutside(orders.command) ? 'a write outside the repository' : undefined;
  if (orders.kind === 'setting') return OUTSIDE_FLAG.test(orders.text) ? 'an extra writable root' : undefined;
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    if (clause.commands.some(writesOutside)) return 'a write outside the repository';
    if (clause.wordsOrder && (OUTSIDE_PHRASE.test(clause.text) || OUTSIDE_FLAG.test(clause.text))) return 'said in prose';
  }
  return undefined;
}

/** Guidance that tells the agent to write outside the repository. */
export const findOutsideWrites = (readings: readonly StatementReading[]): GuidanceHit[] => recognise(readings, outsideWriteIn);
