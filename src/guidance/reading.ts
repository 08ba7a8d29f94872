/**
 * The shared reading of guidance statements: each statement is read once — whether it orders anything at all,
 * its clauses with their negation, the inline code it orders, the literal secrets it carries and the quote a
 * finding shows — and the rules' recognisers look only at this reading. Nothing here knows a rule.
 */
import { CONFIDENCE_RANK, type Confidence } from '../core/types.js';
import { detectSecret, type SecretMatch } from '../secrets/literal.js';
import { redactSecrets } from '../secrets/redact.js';
import {
  askFirstAt,
  asksFirst,
  conditionBefore,
  guardsInOtherLanguage,
  isGuardIntro,
  awaitsApproval,
  isImperative,
  leadingVerb,
  negatedBefore,
  negatedFrom,
  splitClauses,
} from './language.js';
import {
  asksFirstIn,
  conditionEndIn,
  foreignClauses,
  languageOf,
  namesIn,
  saysUnasked,
  waiverIn,
  type ForeignName,
  type Language,
} from './languages.js';
import type { Statement } from './statements.js';
import { anyPattern, oneOf, optionalWords } from './words.js';

/** What a statement tells the agent to do that a rule forbids. */
export interface GuidanceHit {
  statement: Statement;
  /** What was recognised: a command, a flag, or a phrase. */
  what: string;
  /** The statement as quoted in the finding, credentials redacted. */
  quote: string;
  /** How sure the reading is, when the recogniser says (a finding is `high` otherwise). */
  confidence?: Confidence;
}

/** What a recogniser found: what it names, or that with how sure the reading is. */
export type Recognised = string | { what: string; confidence: Confidence };

/** An imperative clause of a prose statement: an order addressed to the agent. */
export interface OrderClause {
  /** The clause from its verb on (lead-in words removed). */
  text: string;
  /** Where `text` starts in the statement's text: what follows it in the sentence is `statement.text.slice(start)`. */
  start: number;
  /** The clause starts with inline code: flags in it name a thing rather than order it. */
  codeFirst: boolean;
  /** The inline code the clause orders: not negated, and not a lone word named first. */
  commands: readonly string[];
  /** Where each of `commands` stands in the statement's text: the backtick that opens it. */
  places: readonly number[];
  /** Where negation starts in `text`: every index at or after it is negated (0: all of it; Infinity: none). */
  negatedFrom: number;
  /** The words, not only the commands, give the order: the verb is not negated and the clause is no table label. */
  wordsOrder: boolean;
  /** Read as English in a sentence that another language's word lists read too ("Always run `x` per la sessione"). */
  mixed?: true;
  /** Read with the word lists of another language: which, what the clause names, and its inline code. */
  foreign?: {
    language: string;
    names: ReadonlySet<ForeignName>;
    code: readonly string[];
    /** A condition comes before the clause ends ("未インストールの場合"): what its words name is done only then. */
    conditional: boolean;
    /** The clause ends in "before" ("`git push` 前"): what it names is what the order comes before. */
    before: boolean;
  };
}

/** What a statement orders: nothing, a shell command line, a config line, or imperative prose clauses. */
export type Orders =
  | { kind: 'none' }
  | { kind: 'command'; command: string }
  | { kind: 'setting'; text: string }
  | {
      kind: 'prose';
      clauses: readonly OrderClause[];
      /** The language other than English it was read in, with that language's word lists. */
      language?: string;
      /** Said in another language to be done without asking, or always ("確認せず", "mutlaka"). */
      unasked?: boolean;
      /** Said in another language to be done without asking, not only by oneself ("確認せず", "sin preguntar"). */
      waives?: boolean;
      /** Said in another language to ask for nothing at all ("NO solicites confirmación", "모든 작업을 승인 요청 없이"). */
      waivesAll?: boolean;
    };

export interface StatementReading {
  statement: Statement;
  /** A literal credential in the statement, guardrail or not: a pasted secret is leaked wherever it sits. */
  literal: SecretMatch | undefined;
  orders: Orders;
  /** A prose statement that tells the agent not to ask for approval at all ("never ask for confirmation"). */
  waivesApproval: boolean;
  /** What the statement's waiver of approval speaks of (`waiverSubject`), read once for every rule. */
  readonly waiverSubject: string | undefined;
  /** The statement as a finding quotes it: one line, cut at 160 characters, every credential masked first. */
  readonly quote: string;
  /** The quote, or when its cut drops the words that made `what` (a command, a setting), the part of the statement around them. */
  quoteFor(what: string): string;
}

// "Never ask for permission", "without asking for approval": a standing instruction not to ask.
const CONSENT = ['permission', 'approval', 'confirmation', 'consent', 'sign-?off'];
const REFUSALS = ['never', "don['\u2019]?t", 'do not', 'no need to'];
/** Publishing the agent is told not to ask to do ("to push", "to `git push`", "to open a PR"). */
const PUBLISH_WORK = String.raw`(?:\x60?git\s+)?(?:commit|push|deploy|merge|release|publish|ship)\b|open (?:a |the )?(?:pr|pull request)\b`;
/** Whom the agent would ask: the user, an operator, a maintainer. */
const ASKED = '(?:the |your )?(?:users?|operators?|humans?|maintainers?|owners?|me|us|anyone)';
const NO_ASK = anyPattern(
  [
    '\\b',
    oneOf(REFUSALS),
    '\\s+',
    // "Don't re-ask permission for its sub-steps": asked once, never again; "Never pause for confirmation on edits".
    // "Never wait on human confirmation", "never ask for allow/approve/permission prompts".
    oneOf(['ask', 're-?ask', 'request', 'seek', 'wait(?:\\s+on)?', 'pause', 'stop']),
    '\\s+(?:again\\s+|repeatedly\\s+)?(?:for\\s+)?',
    optionalWords(["the user'?s?", 'my', "a human'?s?", 'human', 'any', 'yes/no', 'explicit', 'manual']),
    '(?:(?:allow|approve|accept|yes)\\s*/\\s*){0,3}',
    oneOf(CONSENT),
    // "Don't ask for confirmation of information already provided" is about questions, not approvals; "don't ask
    // for permission to be creative", about a manner of working.
    '\\b(?![^.]{0,60}\\balready\\b)(?!\\s+to\\s+be\\b)',
  ],
  ['\\bno need to ', oneOf(['ask', 'confirm']), '\\b'],
  // "No confirmation needed for deployments", "neither automated nor human approval required before merging".
  ['\\b(?:no|neither)\\b(?:(?!\\bwithout\\b)[^.;]){0,50}?\\b', oneOf(CONSENT), 's?\\s+(?:is\\s+|are\\s+)?(?:needed|required|necessary)\\b'],
  [
    '\\b',
    oneOf(['never', "don'?t", 'do not']),
    ' ',
    oneOf(['ask', 'check', 'confirm']),
    // "do not ask the user first", "don't check with the user first": whoever is named, asking first is what is refused.
    '(?: with)?(?: (?:the |your )?(?:users?|humans?|maintainers?|me|us|anyone))? ',
    oneOf(['before', 'first']),
    '\\b',
  ],
  // "Never ask to commit, push, or open a PR", "never ask me to `git push`": asking to publish refused. Not asking
  // "about" it ("about release notes wording" is a question), nor "whether to" push, which readers take as not offering.
  ['\\b', oneOf(REFUSALS), '\\s+ask(?:\\s+', ASKED, ')?\\s+to\\s+(?=', PUBLISH_WORK, ')'],
  // "Never ask the user to press Allow", "don't ask me to approve each step": the approval prompt itself refused.
  [
    '\\b',
    oneOf(REFUSALS),
    '\\s+ask\\s+',
    ASKED,
    '\\s+to\\s+',
    oneOf(['press', 'click', 'approve', 'accept', 'allow', 'grant', 'authori[sz]e']),
    '\\b(?![^.]{0,60}\\balready\\b)',
  ],
  // "Do not wait for them to click Run / Approve on tool calls": the approval prompt's answer not waited for.
  [
    '\\b',
    oneOf(REFUSALS),
    '\\s+wait\\s+for\\s+(?:them|',
    ASKED,
    ')\\s+to\\s+(?:(?:press|click)\\s+\\W*(?:run|approve|allow|accept|always allow)\\b|',
    oneOf(['approve', 'accept', 'allow', 'confirm']),
    '\\s+(?:(?:each|every|any|the|their|your)\\s+)?(?:tool(?:\\s+calls?)?|commands?)\\b)',
  ],
  // "Never block or require manual approval for any agent action".
  [
    '\\b',
    oneOf(['never', "don['\\u2019]?t", 'do not']),
    '\\s+(?:block\\s+or\\s+)?require\\s+',
    optionalWords(['manual', 'explicit', 'human', 'user', 'any']),
    oneOf(CONSENT),
    '\\b',
  ],
);
/** Waivers of what a clause names as its subject: the commands it says run unasked, or are approved ahead. */
const SUBJECT_WAIVERS: string[][] = [
  // "Git add, git commit and pushing feature branches all run without asking.": commands said to run unasked (not
  // "proceed without asking", a manner of working; not "without asking questions").
  [
    '\\b(?:runs?|be run|executed?)\\s+without (?:asking|prompting)(?: (?:the user|a human|anyone|anybody|me|us))?(?: first)?',
    '(?=\\s*(?:[.;:!)]|,\\s*(?:as long as|provided|once|when|after)\\b|$))',
  ],
  // "Merging a green pull request with `gh pr merge` is pre-authorized": permission given ahead of the work.
  ['\\b(?:is|are|been|be)\\s+(?:(?!not\\b|never\\b|no\\b)\\w+\\s+){0,3}(?:pre|auto)[-\\u2010\\u2011 ]?(?:authori[sz]ed|approved)\\b'],
  // "At every phase transition (review, push, PR creation) proceed without asking the user.": asking refused for what
  // the clause names before it, where the clause ends (not "without asking questions", "without asking why").
  ['\\bwithout asking(?:\\s+', ASKED, ')?(?:\\s+first)?(?=\\s*(?:[.;:!)\\u2014*]|,\\s*(?!but\\b)|$))'],
  // "Treat deletions, overwrites and pushes as already approved": the same, said as how to take them.
  // One try per run of blanks (not one per blank of it), and "treat" looked for only where the rest matched.
  // "Treat a release as confirmed only when the tag is pushed" is a condition, not an approval.
  [
    '(?<!\\s)\\s+as\\s+(?:(?:already\\s+|pre-?)(?:approved|authori[sz]ed|confirmed)|(?:approved|authori[sz]ed)',
    '(?!\\s+(?:only|if|when|once|after|until|unless|by)\\b))\\b(?<=\\btreat\\b.{1,200})',
  ],
];
const SUBJECT_WAIVER = anyPattern(...SUBJECT_WAIVERS);
/**
 * "Auto-approve git fetch and git push on this repository" (Cursor's `autoRun.allow_instructions`): what follows runs
 * unasked; not a file named so ("`auto-approve-compound-npm.sh` | …"), nor the setting ("Auto-approve is disabled").
 */
const AUTO_APPROVE = [
  '(?:^[^\\w\\x60]*|[,;]\\s*(?:(?:but|and|yet|then)\\s+)?)(?:always\\s+)?auto[-\\u2010\\u2011 ]?approve(?=[\\s:])(?!\\s+(?:is|was|are|has|have|stays|remains|mode|settings?)\\b)',
];
const AUTO_APPROVE_AT = anyPattern(AUTO_APPROVE);
/** In a list of approvals (`Statement.approves`), "Allow `git push`", "Permit …" approve what follows as "Auto-approve" does. */
const ALLOW_LEAD = /^[^\w\x60]*(?:always\s+)?(?:allow|permit|approve)(?=\s)(?!\s+(?:is|was|are|to|for|only)\b)/i;
/** Where a waiver of approval by its leading verb starts: "Auto-approve …", or "Allow …" in a list of approvals. */
const approvingLead = (text: string, approves: boolean): RegExpExecArray | null =>
  AUTO_APPROVE_AT.exec(text) ?? (approves ? ALLOW_LEAD.exec(text) : null);
/** In a list of approvals, "`npm install` is fine", "Fetch calls to github.com are fine": what the sentence names is approved. */
const APPROVED_TAIL =
  /\b(?:is|are)\s+(?:all\s+|always\s+)?(?:fine|ok|okay|allowed|expected|routine|permitted|acceptable|(?:pre-?)?approved|(?:pre-?)?authori[sz]ed)\b(?!\s+(?:by|only)\b)/i;
/** Where a statement in a list of approvals says it approves: a leading "Allow", or a trailing "is fine". */
const approvedAt = (text: string): RegExpExecArray | null => ALLOW_LEAD.exec(text) ?? APPROVED_TAIL.exec(text);
/**
 * Where the object of "Auto-approve …" ends: another clause, an exception, a new sentence. The blanks before a word
 * are matched from their first only (`(?<!\s)`), so that a long run of them is tried once, not once per blank.
 */
const OBJECT_END = /[;:]|,?(?<!\s)\s+(?:but|yet|except|unless)\b|\.\s/i;
/** Where the object of an approval goes on to what it is for: "… used to prepare that commit+push", "… in preparation for the release". */
const PREPARES = /\s(?:(?:used|needed|required)\s+)?to\s+prepare\b|\sin\s+preparation\s+for\b/i;
/** Where the object of an approval goes on after a phrase in it: ", plus …", ", and …", ", then …", "; …". */
const JOINT = /,\s*(?:plus|and|then|including|also)\b|\s(?:plus|then)\s|;/i;
/** A time that opens a sentence, up to its comma: "After a successful merge into develop, …", "Once CI is green, …". */
const OPENING_TIME = /^[^\p{L}\p{N}]{0,6}(?:after|once|when(?:ever)?|following)\b[^,;:]{0,160},\s*/iu;
/** What only points back to what came before it: "that is fine", "it is routine". */
const POINTS_BACK = /^\W*(?:that|it|this|these|those|which|they|so|all of (?:that|it|this|them))\b/i;
/** A remark in brackets, in a list, that takes nothing back: not "(no npm install)", "(except main)", "(ask first)". */
const ITEM_REMARK = /\((?!\s*(?:no|not|never|except|excluding|without|but|ask|only)\b)[^()]{0,200}\)/gi;
/** Words in a remark that keep something out of an approval or behind a person: "(please ask before git push)". */
const TAKES_BACK =
  /\b(?:no|not|never|without|except|excluding|ask|asks|asking|approval|approve|approves|confirm|confirms|sign-?off|requires?|needs?|only|but|denied|blocked|forbidden)\b/i;
/**
 * What a colon introduces, up to the next end of an object that is not another colon, a bracket or a dash that sets
 * a remark apart, or a word that takes back what follows ("ls, cat — ask before git push", "npm test (no npm
 * install)", "ls, never curl"); undefined when nothing is listed. A remark in brackets that takes nothing back
 * ("branch (including -D/-d), …, push") is one item's: the list goes on after it, and the remark is no item.
 */
function listAfterColon(rest: string): string | undefined {
  const plain = rest.replace(ITEM_REMARK, (remark) => ' '.repeat(remark.length));
  const end = plain.search(/[;(\u2013\u2014]|,?(?<!\s)\s+(?:but|yet|except|unless|no|not|never|ask)\b|\s-\s|\.\s/i);
  // A remark that takes back stays out of what is approved ("git diff (ask before git push)" approves no push); one
  // that adds ("git commit (and git push to main)") is approved with its item.
  const kept = rest.replace(ITEM_REMARK, (remark) => (TAKES_BACK.test(remark) ? ' '.repeat(remark.length) : remark));
  const list = end < 0 ? kept : kept.slice(0, end);
  return /\w/.test(list) ? list : undefined;
}

/**
 * The subject a waiver of the kind above speaks of: the words of its part of the sentence before it ("pushing feature
 * branches all" in "Tests run; pushing feature branches all run without asking"); undefined when the statement has
 * none. An exception in the subject ("everything except deploys") is no grant of what it excepts.
 */
function waiverSubject(text: string, approves: boolean): string | undefined {
  // "Auto-approve `npm test`, but ask before `git push`": what it approves is its object, up to another clause.
  const auto = approvingLead(text, approves);
  if (auto) {
    const after = text.slice(auto.index + auto[0].length);
    const end = after.search(OBJECT_END);
    // "Auto-approve these commands:" leads into what it approves: read as any waiver that leads into a list.
    if (end >= 0 && /^:\s*$/.test(after.slice(end))) return undefined;
    // In a list of approvals, "Allow standard git write commands: git add, git push" approves what the colon lists
    // too; not what a read-only object lists ("Allow read-only git inspection: status, log, merge-base").
    const listed =
      approves && end >= 0 && after[end] === ':' && !/^\W*read-?only\b(?!\s+(?:and|or)\b)/i.test(after.slice(0, end))
        ? listAfterColon(after.slice(end + 1))
        : undefined;
    const object = end < 0 ? after : `${after.slice(0, end)}${listed === undefined ? '' : ` ${listed}`}`;
    if (DENYING_SUBJECT.test(object)) return '';
    // "Allow git status/diff/log used to prepare that commit+push": what the approved work prepares is not approved,
    // up to where the object goes on ("…, plus git push --force to main").
    const purpose = PREPARES.exec(object);
    if (purpose === null) return object;
    const tail = object.slice(purpose.index + purpose[0].length);
    const next = tail.search(JOINT);
    return `${object.slice(0, purpose.index)}${next < 0 ? '' : ` ${tail.slice(next)}`}`;
  }
  // "Package installs are fine: `npm install`, …": the whole sentence names what is approved.
  // An exception takes back what follows it ("Deploying is pre-authorized, except on Fridays"), not what it follows;
  // a time that opens the sentence ("After a successful merge into develop, cleanup … is routine") is when, not what.
  if (approves && APPROVED_TAIL.test(text)) {
    if (DENYING_SUBJECT.test(text)) return '';
    const exception = EXCEPTION.exec(text);
    const subject = exception ? text.slice(0, exception.index) : text;
    // Not when what follows the time only points back to it ("Whenever you run npm publish, that is fine").
    const rest = subject.replace(OPENING_TIME, '');
    return rest === subject || POINTS_BACK.test(rest) ? subject : rest;
  }
  const m = SUBJECT_WAIVER.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  // Where the waiver's part of the sentence starts: after the last clause break before it (a loop, not a spread: a
  // sentence may hold more breaks than a call takes arguments).
  // A break inside inline code (`npm run db:push`) is part of the command, not of the sentence.
  const plain = before.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
  let start = 0;
  for (const re of [/[;:!?]|\.(?=\s|$)/g, /,\s*(?:but|yet)\b/gi])
    for (const x of plain.matchAll(re)) start = Math.max(start, x.index + x[0].length);
  const subject = before.slice(start);
  return EXCEPTION.test(subject) ? '' : subject;
}
const EXCEPTION = /\b(?:except|other than|apart from|besides)\b/i;

const WITHOUT_ASKING = anyPattern(
  [
    '\\bwithout ',
    optionalWords(['asking for', 'requesting', 'seeking', 'waiting for']),
    optionalWords(['manual', 'explicit', 'user', 'human', 'any']),
    oneOf(CONSENT),
    '\\b',
  ],
  // "without stopping to ask the user for confirmation", "without having to ask for approval".
  [
    '\\bwithout (?:stopping|pausing|having|needing) to (?:ask|check with|wait for)(?: (?:the |a )?(?:users?|humans?|maintainers?|me|us|anyone))?(?: for)? ',
    optionalWords(['manual', 'explicit', 'any', 'their', 'your']),
    oneOf(CONSENT),
    '\\b',
  ],
  // "without being asked", "without waiting for the user to ask": the user's request is not waited for.
  [
    '\\bwithout (?:being (?:asked|told|prompted)|waiting for (?:the user|a human|anyone|me|the human) to (?:ask|say so|request|confirm|approve))\\b',
  ],
  ...SUBJECT_WAIVERS,
  AUTO_APPROVE,
);

/** Words that describe a command named as a subject: a third-person or modal verb, or an adverb. */
const DESCRIBING = [
  ...[
    'is',
    'are',
    'was',
    'were',
    'will',
    'would',
    'should',
    'can',
    'cannot',
    "can't",
    'could',
    'must',
    'may',
    'might',
    'has',
    'have',
    'had',
    'does',
    "doesn't",
    'did',
  ],
  ...[
    'fails?',
    'works',
    'runs',
    'returns',
    'prints',
    'outputs',
    'refuses',
    'requires',
    'needs',
    'takes',
    'creates',
    'uses',
    'calls',
    'handles',
  ],
  ...[
    'deploys',
    'publishes',
    'pushes',
    'triggers',
    'writes',
    'reads',
    'succeeds',
    'errors',
    'breaks',
    'exits',
    'means',
    'lets',
    'allows',
    'turns',
  ],
  ...['disables', 'enables', 'skips', 'bypasses', 'only', 'also', 'then', 'alone', 'here', 'there'],
];
/**
 * What follows a command named as a subject when it is described: one of those words, or any word ending in s that
 * is no adverb or pronoun ("`x` as usual", "`x` afterwards", "`x` this time" order it).
 */
const DESCRIBED = anyPattern(
  ['^(?:(?:always|also|often|usually|automatically|still|typically|normally|generally|only)\\s+)?', oneOf(DESCRIBING), '\\b'],
  ['^(?:always|also|often|usually|automatically|still|typically|normally|generally|only)\\s+[a-z]+s\\b'],
  [
    '^(?!(?:as|always|afterwards|regardless|this|thus|unless|perhaps|sometimes|besides|nevertheless|towards|upwards|its|his|hers|ours|yours|theirs)\\b)[a-z]+s\\b',
  ],
);

/** Code named as a subject, with a gloss in brackets it may have. */
const CODE_SUBJECT = /^`[^`]*`\s*(?:\([^)]*\)\s*)?/;
/**
 * "- `git push` failure → report", "`git push` rejected → pull and retry": what happened to a command named as the
 * subject, as the whole clause, the condition of what an arrow after it leads to. Before a colon it is read as ever
 * ("`git push` rejected: push again with force" goes on to order the push).
 */
const EVENT_OF_CODE = /^(?:failures?|failed|errors?|rejected|succeeded|hangs|timed out|times out)\s*$/i;
/** "`git push` is refused…", "`--yolo` turns off…": a command named as the subject is described, not ordered. */
const describesCode = (rest: string): boolean => DESCRIBED.test(rest.replace(CODE_SUBJECT, ''));
/**
 * What is said of commands named together ("`a` or `b` would allow …", "`a` and `b` are run by CI") that describes
 * them: a verb of supposition, or that someone or something else runs them; not what asks for or allows them ("are
 * to be run", "are the final step", "could follow any change"). Narrower than `describesCode`: a word after the last
 * of a list ("… and `c` as usual", "… and `release.yml` handles the rest") says nothing of the others.
 */
const JOINED_DESCRIBED =
  /^(?:would|might)\b|^(?:are|were)\s+(?:[a-z]+ly\s+)?(?:run|executed|handled|done|performed|triggered|invoked|called|used)\s+(?:by|in|from|on)\b/i;
/** Whether code named with others, in a clause joined by "or" or "and", is described rather than ordered. */
const describesJoined = (rest: string): boolean => JOINED_DESCRIBED.test(rest.replace(CODE_SUBJECT, ''));
/** The "or" that joins a clause to the one before it, when code follows it ("… or `b` would allow …"). */
const JOINING_OR = /^(?:or|nor)\s+(?=`)/i;

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** Whether most letters outside inline code are Latin: the language heuristics only read English. */
function readsAsEnglish(text: string): boolean {
  const prose = text.replace(/`[^`]*`/g, ' ');
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        letters++;
        latin++;
      }
      continue;
    }
    // Past ASCII the Unicode tables decide, a code point at a time.
    const point = prose.codePointAt(i)!;
    if (point > 0xffff) i++;
    const char = String.fromCodePoint(point);
    if (LETTER.test(char)) letters++;
    if (LATIN.test(char)) latin++;
  }
  return letters === 0 || latin / letters >= 0.7;
}

const QUOTE_LIMIT = 160;

/** A cut quote whose code span the cut left open is closed, so that the quote still reads as code then prose. */
const closed = (cut: string): string => ((cut.match(/`/g) ?? []).length % 2 === 1 ? `${cut}\`` : cut);

/** A quote with an unpaired double quote (one the statement opens or closes beyond it) shows them as single ones. */
const paired = (quote: string): string => ((quote.match(/"/g) ?? []).length % 2 === 1 ? quote.replaceAll('"', "'") : quote);

/** The statement on one line; a shell line continuation (`\` at a line's end) is the space it stands for. */
const oneLineOf = (text: string): string =>
  text
    .replace(/\\[ \t]*(?:\r?\n|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const quoteOf = (text: string): string => {
  const oneLine = oneLineOf(text);
  return paired(oneLine.length > QUOTE_LIMIT ? `${closed(oneLine.slice(0, QUOTE_LIMIT - 3))}...` : oneLine);
};

/** The words of a recogniser's `what` to look for in the statement: its code spans, its bracketed part, then the whole. */
const triggersOf = (what: string): string[] =>
  [...[...what.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), ...[...what.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!), what].filter(
    (t) => t.length >= 3,
  );

/** The part of a long statement around `at`, cut at word boundaries, marked `...` where it was cut. */
function quoteAround(oneLine: string, at: number, length: number): string {
  const room = QUOTE_LIMIT - 6;
  let start = Math.max(0, Math.min(at - Math.floor((room - length) / 2), oneLine.length - room));
  const space = oneLine.lastIndexOf(' ', start);
  if (start > 0 && space > 0 && start - space < 20) start = space + 1;
  const end = Math.min(oneLine.length, start + room);
  return paired(`${start > 0 ? '...' : ''}${closed(oneLine.slice(start, end))}${end < oneLine.length ? '...' : ''}`);
}

/** Literal credentials in any statement, guardrail or not. */
function literalSecrets(statement: Statement): SecretMatch | undefined {
  // An assignment needs its `=` or `:`; most sentences have neither.
  if (statement.text.includes('=') || statement.text.includes(':'))
    for (const m of statement.text.matchAll(/([A-Za-z_][A-Za-z0-9_]{0,60})\s*[=:]\s*["'`]?([^\s"'`]{8,500})/g)) {
      const found = detectSecret(m[2]!, m[1]);
      if (found) return found;
    }
  return longWords(statement.text, (token) => detectSecret(token));
}

/** ASCII separators of words a credential can be: spaces, quotes, brackets, commas. */
const SEPARATORS = new Uint8Array(128);
for (const c of ' \t\n\v\f\r`"\'()<>[]{},') SEPARATORS[c.charCodeAt(0)] = 1;
const OTHER_SPACE = /\s/;

/** The first result `visit` gives for a word of 16 to 4,000 characters; one pass, no regular expression per word. */
function longWords<T>(text: string, visit: (word: string) => T | undefined): T | undefined {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c < 128 ? SEPARATORS[c] === 0 : !OTHER_SPACE.test(text[i]!)) continue;
    const length = i - start;
    if (length >= 16 && length <= 4000) {
      const found = visit(text.slice(start, i));
      if (found !== undefined) return found;
    }
    start = i + 1;
  }
  return undefined;
}

/** A list item that is a command line written without code marks: "git push", "npm publish". */
const PLAIN_COMMAND =
  /^(?:git|gh|npm|pnpm|yarn|bun|npx|docker|kubectl|helm|terraform|vercel|netlify|fly|flyctl|firebase|wrangler|supabase|gcloud|aws|az|cargo|twine|poetry|pip3?|uv|brew|apt(?:-get)?|curl|wget|ssh|scp|rsync|make|just)(?:\s+[^\s.,;:!?]+){1,10}\s*$/;
/** A heading that says what is under it runs without asking: "Auto-run commands", "Allowed without asking", "자동 실행 대상". */
const UNASKED_HEADING =
  /\b(?:auto[- ]?(?:run|execut\w*|approv\w*)|without (?:asking|confirmation|approval|permission)|no (?:per-command )?(?:confirmation|approval|permission)s? (?:needed|required)|(?:needs?|requires?) no (?:confirmation|approval|permission)|pre-?approved)\b|자동\s?실행|자동\s?승인|自動実行|自動承認|確認不要|承認不要|自动执行|自動執行|无需确认|無需確認/iu;
/** Words that turn such a heading around: "Auto-run disabled", "Never auto-approve", "Commands that require approval". */
const UNASKED_UNDONE = /\b(?:not|never|no longer|disabled|forbidden|requires?|needs?)\b|금지|禁止|不可|不要自动/i;
/** Whether the innermost heading in force says its items run without asking. */
function unaskedSection(section: string | undefined): boolean {
  if (section === undefined) return false;
  const at = section.lastIndexOf(' / ');
  const heading = at < 0 ? section : section.slice(at + 3);
  // "No confirmation needed", "needs no approval": the waiver itself, not a word that turns it around.
  const waiver = /\bno (?:per-command )?(?:confirmation|approval|permission)s? (?:needed|required)\b|\b(?:needs?|requires?) no\b/gi;
  return UNASKED_HEADING.test(heading) && !UNASKED_UNDONE.test(heading.replace(waiver, ''));
}

const NONE: Orders = { kind: 'none' };
const NO_COMMANDS: string[] = [];
const NO_PLACES: number[] = [];

/** What a statement orders, after the gates that make it a guardrail or leave it unread. */
function ordersOf(statement: Statement, noAsk: boolean): Orders {
  if (statement.guarded || statement.reference === true) return NONE;
  const sentence = statement.text;
  // A waiver does not read as asking first ("deploy without asking for approval"); asking first in another part of the
  // sentence keeps what comes after it to a confirmation ("Auto-approve `npm test`, but ask before `git push`"): the
  // words before it are read alone ("Auto-approve `git push`, but ask before `rm -rf`" still waives for the push).
  if (!noAsk && asksFirst(sentence)) return NONE;
  const askedAt = noAsk ? askFirstAt(withoutWaivers(sentence)) : -1;
  // From the start of the clause that asks: its subject is what needs the confirmation ("but `npm publish` requires a human").
  const clause = askedAt < 0 ? undefined : splitClauses(sentence).findLast((c) => c.start <= askedAt);
  if (clause !== undefined) {
    // The asking clause blanked out, so that the words before and after it keep their places ("Ask before `rm -rf`,
    // but auto-approve `git push`").
    const rest = `${sentence.slice(0, clause.start)}${' '.repeat(clause.text.length)}${sentence.slice(clause.start + clause.text.length)}`;
    return rest.trim() === '' || askFirstAt(withoutWaivers(rest)) >= 0 ? NONE : ordersOf({ ...statement, text: rest }, noAsk);
  }
  if (statement.source === 'shell') return { kind: 'command', command: statement.code[0] ?? '' };
  if (statement.source === 'config') return { kind: 'setting', text: sentence };
  // "## Auto-run commands" and a list item "git push" in plain text: the item is the command the heading lets run.
  if (statement.source === 'prose' && PLAIN_COMMAND.test(sentence) && unaskedSection(statement.section))
    return { kind: 'command', command: sentence.trim() };
  // Negation and imperatives are read in English, or with the word lists of the other languages read here; prose
  // in any other language is left to its code blocks.
  const english = readsAsEnglish(sentence);
  const language = languageOf(sentence, english);
  const foreign = language && foreignOrders(sentence, language);
  if (foreign && (!english || foreign.guards)) return foreign.orders;
  if (!english) return NONE;
  // "Don't do this: `…`", "Forbidden: …": everything after a guarding lead-in is an example of what not to do.
  const colon = sentence.indexOf(':');
  // "When Jerome approves: `git push origin main`": what follows waits for that approval.
  // "If no upstream, suggest setting one: `git push -u …`": what follows is offered to the user.
  if (
    colon > 0 &&
    (isGuardIntro(sentence.slice(0, colon)) || awaitsApproval(sentence.slice(0, colon)) || SUGGESTED.test(sentence.slice(0, colon)))
  )
    return foreign ? foreign.orders : NONE;
  const clauses = orderClauses(sentence, statement.source === 'table');
  // In Latin letters, words of another language that guard nothing do not hide an English order: code and English
  // verbs read the same among them ("Always run `x` per la sessione"). Where that language's lists recognise nothing
  // at all the sentence is read as English; where they read something too, both readings count, the English one as
  // a reading that is never certain, as the other language's is.
  if (!foreign || foreign.silent) return { kind: 'prose', clauses };
  const orders = foreign.orders as Extract<Orders, { kind: 'prose' }>;
  // Only clauses led by an English verb: code first is followed by that language's words, which may describe it.
  const mixed = clauses.filter((c) => !c.codeFirst).map((c): OrderClause => ({ ...c, mixed: true }));
  return mixed.length === 0 ? orders : { ...orders, clauses: [...orders.clauses, ...mixed] };
}

/** Whether a clause's reading can be certain: not read with another language's lists, nor as English among them. */
export const certainClause = (clause: OrderClause): boolean => clause.foreign === undefined && clause.mixed !== true;

/** A template's blank with an example, to be filled in: "[Specify deployment command, e.g., `npm run deploy`]". */
const PLACEHOLDER =
  /\[(?:specify|add|insert|describe|enter|fill in|replace|todo|tbd|placeholder)\b[^\]\n]{0,80}?\b(?:e\.g\.|for example|such as)[^\]\n]{0,300}\]/gi;

/**
 * A lead-in whose clause offers what follows to the user: "If no upstream, suggest setting one", not "Push the branch
 * (we recommend using the upstream flag)".
 */
const SUGGESTED =
  /^\W{0,4}(?:(?:if|when|unless|in case)\b[^,;:]{0,80},\s*)?(?:then\s+)?(?:suggest|recommend|propose|offer)\s+(?:running|setting|using|adding|creating)\b[^`:.;(),]{0,30}$/i;

/** A clause that supposes rather than orders: "Anytime you'd run …", "if you would push …". */
const SUPPOSED = /^(?:any ?time|whenever|if|unless|in case)\b|\b(?:would|could|might)\b|\w'd\b/i;
/** A clause that is one item of a list of commands: its code alone ("`git push --force`", "or `git clean -f`"). */
const LIST_ITEM = /^`[^`]+`\s*(?:[.;]\s*)?$/;

/** A purpose clause: "To release a new version", "In order to deploy". */
const PURPOSE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:in order\s+)?to\s+[a-z]/i;

/** An order to have a person run something: "remind the user to run …", "ask the maintainer to …". */
const HANDED_TO_PERSON =
  /^(?:(?:remind|tell|ask|instruct|advise|prompt|have|let|get|guide|help|direct|point|suggest(?: that)?|recommend(?: that)?)\s+(?:the |a |your )?(?:user|human|operator|maintainer|developer|owner|team)s?\b|(?:suggest|recommend|propose|offer)\s+(?:running\s+|to run\s+)?`)/i;

/**
 * Code right after "rather than" or "in place of" is the alternative a clause turns down; right after "without", or
 * the word for it in a sentence read as English though written in another language ("irreversivel sem `npm
 * unpublish`"), what is not run. Only that code: what comes after it is read as ever.
 */
const NOT_TAKEN = /(?<![\p{L}])(?:rather than|in place of|without|sem|sin|sans|ohne|senza)\s+(?:\*\*)?$/iu;
/** "Prefer X over `y`": the code after "over" is what the preference turns down. */
const PREFER = /^(?:always\s+)?(?:prefer|favou?r)\b/i;
const OVER = /\bover\s+(?:\*\*)?$/i;
/**
 * "Halt if a request for `sudo` is detected", "Stop when `sudo` is needed": code that a condition of an order to stop
 * or ask names as what comes up, not what the agent runs ("If `npm publish` fails, retry" still ran it; "Go ahead
 * when `npm publish` is needed" runs it).
 */
const CONDITION_NAMES = /\b(?:if|when|whenever|once|unless)\b(?:(?!\b(?:then|run|use|execute)\b)[^,;:.!?`]){0,30}$/i;
/** An order to stop or ask, which such a condition is the trigger of: "Halt …", "Stop and ask …", "Warn the user …". */
const STOPS =
  /^\s*(?:(?:immediately|always|then|just)\s+)?(?:halt|stop|abort|pause|ask|warn|inform|notify|alert|escalate|flag|refuse|report|consult|check with)\b(?!\s+(?:nothing|nobody|no one|none)\b)/i;
/** After the condition, the sentence ends or goes on only to stop or ask: ", and clearly inform the user that …". */
const ONLY_STOPS_AFTER =
  /^\s*(?:[.!]?\s*$|,?\s*(?:and|then)\s+(?:\w+ly\s+)?(?:halt|stop|abort|pause|ask|warn|inform|notify|alert|escalate|flag|report|consult|wait|tell)\b)/i;
/**
 * What goes on to run the code after all, or to do something else than stop or ask: "… and go ahead with it", "…,
 * then run it anyway", "…; you may run it", "… and then publish".
 */
const RUNS_IT_ANYWAY =
  /\b(?:it|them|anyway|regardless|go ahead|proceed|yourself|without (?:asking|approval|confirmation))\b|;|\b(?:and|then|after that|afterwards|but|plus)\s+(?!(?:\w+ly\s+)?(?:halt|stop|abort|pause|ask|warn|inform|notify|alert|escalate|flag|refuse|report|consult|wait|tell)\b)[a-z]/i;
const COMES_UP =
  /^\s*(?:is|are|gets?|was|were)\s+(?:\w+ly\s+)?(?:requested|detected|needed|required|prompted|asked for|suggested|mentioned|missing|unavailable|not (?:installed|available))\b/i;

/** A clause that describes with a verb of purpose: "… uses X to build", "… is used to deploy". */
const DESCRIBED_PURPOSE = /\b(?:uses?|used|is|are|was|were|runs?|has|have|relies on|lets?)\b[^,;]{0,80}\bto\s+[a-z]+\b[^,;]*$/i;

/**
 * An example in code that the clause says what it is ("e.g. `netlify deploy` is draft by default"): a copula and
 * what it is, not that it is fine, expected or the way to do it.
 */
const EXAMPLE_DESCRIBED =
  /^(?:e\.g\.|i\.e\.|for (?:example|instance)),?\s+`[^`]+`\s+(?:is|are|was|were)\s+(?!(?:not\s+)?(?:fine|ok|okay|allowed|permitted|expected|required|mandatory|needed|safe|encouraged|preferred|recommended|welcome|the (?:way|default way|command)|how|what|to\b|run|used|done|always|our|your)\b)[a-z]/i;

/** "The user will — in the target folder — `git fetch`, then `git push`": a person's command, used as the verb. */
const PERSON_WILL =
  /\b(?:the |a )?(?:human|maintainer|release manager|owner|operator|user)s? (?:will|must|should) (?:then |now |later |manually |themselves )?(?:[—–]\s?[^—–.`]{1,60}[—–]\s?)?`/i;
/** A clause that speaks to the agent, or of us, again. */
const TO_THE_AGENT = /\b(?:you|yourself|your|we|us|the agent)\b/i;

/**
 * Whether the clauses from `from` on go on with code alone until one, joined by "or" or "and", describes it (`rests`:
 * each clause's words after its lead-in).
 */
function listDescribed(clauses: readonly { coordinated: boolean }[], rests: readonly string[], from: number): boolean {
  for (let i = from; i < clauses.length && i < from + 8; i++) {
    const rest = rests[i]!.replace(JOINING_OR, '');
    if (!rest.startsWith('`')) return false;
    if (clauses[i]!.coordinated && describesJoined(rest)) return true;
    if (!LIST_ITEM.test(rest)) return false;
  }
  return false;
}

/** Words that go on with the clause before a bracket ("… (curl, wget) to fetch URLs"); a verb starts a clause of its own. */
const RESUMED = /^\s*(?:to|for|from|with|in|into|on|onto|at|via|as|by|without|against|over|under|through|inside|outside)\b/i;
/**
 * Words before a bracket that forbid doing something ("Do not use shell commands", "Never run"), not ones that deny a
 * need or a problem ("You never need to ask", "It is never a problem", "There are no restrictions").
 */
const PROHIBITS =
  /\b(?:do not|don'?t|never|must not|mustn'?t|should not|shouldn'?t|cannot|can'?t|avoid)\s+(?:ever\s+)?(?!(?:need|have|ask|wait|hesitate|be|a|an|the|any|problem|worry|bother)\b)[a-z]/i;
/**
 * What a bracket holds when it only names examples of what its clause speaks of ("(`curl`, `wget`, etc.)",
 * "(force-push, reset --hard)"): names and flags, no order of its own ("(use `curl` instead)", "(push to main)").
 */
const NAMES_ONLY =
  /^\((?!\s*(?:use|run|call|try|do|prefer|fetch|go|switch|push|deploy|publish|merge|release)\b)(?:(?!\b(?:the|an?|to|for|with|from|into|onto|on|in|instead|rather|yourself|it|them|then|now|always)\b)[^()])*\)$/i;
/** Whether the bracket from `open` to `close` is an aside: it names only, and the clause before it goes on after it. */
const namesOnlyAside = (sentence: string, open: number, close: number): boolean =>
  NAMES_ONLY.test(sentence.slice(open, close + 1)) && RESUMED.test(sentence.slice(close + 1));

/**
 * Whether the clause that ends at the bracket matching the one closed at `close` (looked for over at most 400
 * characters) was negated; `negated` holds, by index, whether each clause before was.
 */
function negatedBeforeBracket(
  sentence: string,
  clauses: readonly { start: number }[],
  negated: readonly (boolean | undefined)[],
  close: number,
): boolean {
  let depth = 0;
  for (let i = close - 1; i >= Math.max(0, close - 400); i--) {
    if (sentence[i] === ')') depth++;
    else if (sentence[i] === '(' && depth-- === 0) {
      // The last clause that starts before the bracket holds the words before it.
      for (let j = negated.length - 1; j >= 0; j--)
        if (clauses[j]!.start < i) return negated[j] === true && PROHIBITS.test(sentence.slice(clauses[j]!.start, i));
      return false;
    }
  }
  return false;
}

/**
 * Prose, table rows and comments, clause by clause. A clause that continues a list ("…, `b` or `c`") or a
 * coordinated verb ("never commit and push") shares the negation of the clause before it.
 */
function orderClauses(sentence: string, tableRow: boolean): OrderClause[] {
  const out: OrderClause[] = [];
  // Which characters lie in a template's blank: marked once, so that each code span is looked up at once.
  let blanks: Uint8Array | undefined;
  if (sentence.includes('['))
    for (const m of sentence.matchAll(PLACEHOLDER)) (blanks ??= new Uint8Array(sentence.length)).fill(1, m.index, m.index + m[0].length);
  const inPlaceholder = (at: number): boolean => blanks?.[at] === 1;
  let previousNegated = false;
  const clauses = splitClauses(sentence);
  // Each clause's words after its lead-in, read once: a list looks ahead at the clauses after its item.
  const leads = clauses.map((c) => leadingVerb(c.text));
  const rests = leads.map((l) => l.rest);
  // "Do not A, B, or C": the items of an enumeration share the negation of the first.
  const enumeration = clauses.some((c) => c.coordinated);
  let previousOrdered = false;
  // The clause before supposed and ended in code ("anytime you'd run `a`"): a list this clause may go on with.
  let previousListed = false;
  // A description that ends in an infinitive ("The repo uses CI to build images"), which a coordinated verb continues.
  let previousInfinitive = false;
  // Whether each clause was negated (by index; one a description goes on with is not): the clause after a closing
  // bracket goes on with the clause before its opening one ("Do not use shell commands (curl, wget) to fetch URLs").
  const negated: (boolean | undefined)[] = [];
  // Where a person's command starts ("the user will `git fetch`"): the code after it in its clause is theirs, and so is
  // a list that goes on from it in code alone ("…, then `git push`"), up to a clause with words and code of its own.
  const person = sentence.includes('`') ? PERSON_WILL.exec(sentence) : null;
  let handing = false;
  // Whether the last bracket before where the scan has reached opens one: read once, as the clauses go on.
  let scanned = 0;
  let inBracket = false;
  for (const [index, clause] of clauses.entries()) {
    const { rest, offset } = leads[index]!;
    const end = clause.start + clause.text.length;
    // Positions in `rest` from which code is the person's (Infinity: none of it).
    let theirsFrom = Infinity;
    if (person && clause.start <= person.index && person.index < end) {
      theirsFrom = Math.max(0, person.index - clause.start - offset);
      handing = true;
    } else if (handing) {
      // An aside in brackets ("(applies `main/.env`; no-op if none)") says what the person's command does.
      for (; scanned < clause.start; scanned++)
        if (sentence[scanned] === '(') inBracket = true;
        else if (sentence[scanned] === ')') inBracket = false;
      const aside = inBracket || sentence[clause.start] === '(';
      const ownOrder = rest.includes('`') && !rest.startsWith('`') && (!aside || isImperative(rest));
      // A semicolon or a colon starts a clause of its own: "The user will `git pull`; deploy now."
      const ownClause = !aside && /[;:]\s*$/.test(sentence.slice(Math.max(0, clause.start - 8), clause.start));
      if (ownOrder || ownClause || (!aside && TO_THE_AGENT.test(clause.text))) handing = false;
      else theirsFrom = 0;
    }
    const close = clause.start - 1;
    const open = sentence[close] === ')' ? sentence.lastIndexOf('(', close) : -1;
    const resumes =
      open >= 0 && close - open <= 200 && namesOnlyAside(sentence, open, close) && negatedBeforeBracket(sentence, clauses, negated, close);
    const continuesInfinitive = previousInfinitive && clause.coordinated;
    // Its end only: the infinitive that a coordinated verb continues is the clause's last (and the test stays short).
    previousInfinitive = !isImperative(rest) && DESCRIBED_PURPOSE.test(clause.text.slice(-300));
    // "… uses CI to build images and push them": the second verb is the description's, not an order.
    if (continuesInfinitive) {
      previousOrdered = false;
      continue;
    }
    const contrast = /^\s*(?:but|instead|rather|then|just|otherwise|so)\b/i.test(clause.text);
    const continues = !contrast && (clause.coordinated || rest.startsWith('`') || enumeration);
    const inherited: boolean = (continues && previousNegated) || (resumes && !contrast);
    const negationEnd = negatedFrom(clause.text);
    previousNegated = inherited || negationEnd <= clause.text.length;
    negated[index] = previousNegated;
    const ordered = previousOrdered;
    previousOrdered = false;
    const listed = previousListed;
    previousListed = false;
    if (!isImperative(rest)) {
      // "Anytime you would run `a`, `b` or `c`": code in a condition or a supposition starts a list that orders nothing.
      previousListed = SUPPOSED.test(rest) && rest.trimEnd().endsWith('`');
      // "Push both `dev` and the tag with `git push origin dev v1.2`": a clause joined by "and" with no verb of its
      // own continues the order before it; only its code counts, its words order nothing.
      if (ordered && clause.coordinated && !previousNegated && !tableRow && rest.includes('`')) {
        const spans = [...rest.matchAll(/`([^`]+)`/g)].filter((m) => m.index < theirsFrom && /\S\s+\S/.test(m[1]!.trim()));
        if (spans.length > 0)
          out.push({
            text: rest,
            start: clause.start + offset,
            codeFirst: false,
            commands: spans.map((m) => m[1]!),
            places: spans.map((m) => clause.start + offset + m.index),
            negatedFrom: Infinity,
            wordsOrder: false,
          });
      }
      continue;
    }
    const codeFirst = rest.startsWith('`');
    if (codeFirst && describesCode(rest)) continue;
    // "- `git push` failure → report": what happened to the command, when an arrow leads on from it to what to do.
    if (codeFirst && EVENT_OF_CODE.test(rest.replace(CODE_SUBJECT, '')) && /^\s*(?:→|->|=>)/.test(sentence.slice(end, end + 8))) continue;
    // "Safer defaults (e.g. `netlify deploy` is draft by default)": an example the clause goes on to describe.
    if (EXAMPLE_DESCRIBED.test(rest)) continue;
    // "… or `b` would allow …": code joined by "or" that the clause describes, read as narrowly as the last of a list
    // ("… or `git push --force` as appropriate" still orders it).
    if (JOINING_OR.test(rest) && describesJoined(rest.replace(JOINING_OR, ''))) continue;
    // "`a` or `b` would allow …", "`a`, `b` and `c` are run by CI": code alone, one of a list whose last item, joined
    // by "or" or "and", goes on to describe it.
    if (codeFirst && LIST_ITEM.test(rest) && listDescribed(clauses, rests, index + 1)) continue;
    // Only an item of the list: code alone, not code with an order of its own after it ("`npm publish` right away").
    if (codeFirst && continues && listed && LIST_ITEM.test(rest)) {
      previousListed = true;
      continue;
    }
    // "To release a new version: …", "To deploy, run `x`": a purpose that opens the sentence orders nothing itself.
    if (clause.start === 0 && PURPOSE.test(clause.text)) continue;
    // "Remind the user to run `chezmoi apply`": the command is the person's to run.
    if (HANDED_TO_PERSON.test(rest)) continue;
    // Positions from here on are in `rest`.
    const from = inherited ? 0 : Math.max(0, negationEnd - offset);
    let commands: string[] = NO_COMMANDS;
    const places: number[] = [];
    // Only code before the negation can be ordered.
    if (rest.includes('`')) {
      for (const m of rest.matchAll(/`([^`]+)`/g)) {
        if (m.index >= from || m.index >= theirsFrom) break;
        // A lone word in backticks with no verb before it names a thing (`env`, `--yolo`:), it is no order.
        if (codeFirst && !/\S\s+\S/.test(m[1]!.trim())) continue;
        // "[Specify the deploy command, e.g. `npm run deploy`]": an example in a template's blank, to be filled in.
        if (inPlaceholder(clause.start + offset + m.index)) continue;
        // "If `sudo` is requested, stop": code named by a condition.
        if (STOPS.test(rest) && CONDITION_NAMES.test(rest.slice(Math.max(0, m.index - 40), m.index))) {
          const after = sentence.slice(clause.start + offset + m.index + m[0].length);
          const up = COMES_UP.exec(after);
          if (up && ONLY_STOPS_AFTER.test(after.slice(up[0].length)) && !RUNS_IT_ANYWAY.test(after)) continue;
        }
        // "Prefer the prebuilt binary over `cargo install x`", "… rather than `npm i -g x`": the road not taken.
        if (
          NOT_TAKEN.test(rest.slice(Math.max(0, m.index - 40), m.index)) ||
          (PREFER.test(rest) && OVER.test(rest.slice(Math.max(0, m.index - 20), m.index)))
        )
          continue;
        if (commands === NO_COMMANDS) commands = [];
        commands.push(m[1]!);
        places.push(clause.start + offset + m.index);
      }
    }
    // The verb itself may be the prohibition ("Avoid …", "Stop …"); in a table, a row's first words are a
    // label ("Deploy infrastructure | `bun run deploy`"): only its commands count.
    const wordsOrder = (/^\S+/.exec(rest)?.[0].length ?? 0) < from && !tableRow && theirsFrom > 0;
    out.push({ text: rest, start: clause.start + offset, codeFirst, commands, places, negatedFrom: from, wordsOrder });
    previousOrdered = wordsOrder;
  }
  return out;
}

/**
 * Prose in another language, clause by clause with its word lists: a clause that forbids orders nothing; the inline
 * code of a clause with a verb that runs is ordered, unless a "not that" comes after it ("`git clone` ではなく").
 */
function foreignOrders(sentence: string, language: Language): ForeignReading {
  if (asksFirstIn(sentence, language) || language.describes.test(sentence.replace(/`[^`]*`/g, ' ')))
    return { orders: NONE, guards: true, silent: false };
  const clauses: OrderClause[] = [];
  let unasked = false;
  let waives = false;
  let waivesAll = false;
  // A clause is conditional when a condition word comes before its end: found once, not once per clause.
  const conditionEnd = conditionEndIn(
    sentence.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length)),
    language,
  );
  // "Sempre rode comandos, builds, `git push` e …": the verb of the first clause runs the code its list goes on to name.
  let runs = false;
  const read = blankQuotedQuestions(sentence);
  let forbids = false;
  for (const clause of foreignClauses(read, language)) {
    if (clause.negated) {
      forbids = true;
      runs = false;
      continue;
    }
    const prose = clause.text.replace(/`[^`]*`/g, ' ');
    if (saysUnasked(prose, language)) unasked = true;
    const spans = [...clause.text.matchAll(/`([^`]+)`/g)].filter((m) => m.index >= clause.notBefore);
    const code = spans.map((m) => m[1]!);
    const names = namesIn(prose, language);
    runs ||= names.has('run');
    const conditional = clause.before || conditionEnd <= clause.start + clause.text.length;
    const waiver = conditional ? undefined : waiverIn(prose, language);
    waives ||= waiver !== undefined;
    waivesAll ||= waiver === 'all';
    clauses.push({
      text: clause.text,
      start: clause.start,
      codeFirst: false,
      commands: runs ? code : NO_COMMANDS,
      places: runs ? spans.map((m) => clause.start + m.index) : NO_PLACES,
      negatedFrom: Infinity,
      wordsOrder: false,
      foreign: {
        language: language.name,
        names,
        code,
        conditional,
        before: clause.before,
      },
    });
  }
  const guards = forbids || clauses.some((c) => c.foreign!.conditional);
  return {
    orders: { kind: 'prose', clauses, language: language.name, unasked, waives, waivesAll },
    guards,
    silent: !guards && !unasked && !waives && clauses.every((c) => c.foreign!.names.size === 0),
  };
}

/** A sentence read with another language's word lists: its orders, and what the lists recognised in it. */
interface ForeignReading {
  orders: Orders;
  /** A negation, a condition, asking first or a description: the sentence guards or describes in that language. */
  guards: boolean;
  /** The lists recognised no word of the sentence. */
  silent: boolean;
}

/**
 * The text with the words of each quoted question blanked out, quotes and offsets kept: "Não peça \"aprova o
 * deploy?\"", "never ask \"shall I push?\"" name a question not to ask, not an order.
 */
const blankQuotedQuestions = (text: string): string =>
  text.includes('?')
    ? text.replace(
        /(["“«])([^"”»\n]{0,200}\?)(["”»])/g,
        (_, open: string, inner: string, close: string) => open + ' '.repeat(inner.length) + close,
      )
    : text;

/**
 * A guardrail word of a language without word lists here ("ohne Freigabe", "sin permiso"): prose the English reader
 * read, in a language it does not know. Prose read with another language's lists has weighed its own words.
 */
export const guardedInOtherLanguage = (clauses: readonly OrderClause[], sentence: string): boolean =>
  !clauses.some((c) => c.foreign) && guardsInOtherLanguage(sentence);

/** Whether a text says never to ask for approval at all ("never ask for confirmation"), not only "without approval". */
export const neverAsks = (text: string): boolean => NO_ASK.test(text);

/**
 * What a refusal to ask is said of, when its own words name it: "Never wait on human confirmation for shell, network
 * or deploy work" is said of "shell, network or deploy work". Up to an exception, a contrast or the sentence's end.
 */
export function neverAsksFor(text: string): string | undefined {
  const m = NO_ASK.exec(text);
  if (!m) return undefined;
  const scope = /^\s*(?:for|on|before)\s+([^.;:!?(—–]*)/i.exec(text.slice(m.index + m[0].length))?.[1];
  return scope?.split(/\b(?:but|except|unless|other than|apart from|however|always|ask|asks|needs?|requires?|when|if)\b/i, 1)[0];
}

const EVERY_NO_ASK = new RegExp(NO_ASK.source, 'gi');
const EVERY_WITHOUT_ASKING = new RegExp(WITHOUT_ASKING.source, 'gi');
/** The text with its waivers of approval blanked out ("neither … nor human approval required"), so that their own negation does not reach what they waive. */
export const withoutWaivers = (text: string): string =>
  text.replace(EVERY_NO_ASK, (w) => ' '.repeat(w.length)).replace(EVERY_WITHOUT_ASKING, (w) => ' '.repeat(w.length));

/** Whether a statement tells the agent not to ask for approval, and does not itself forbid working that way. */
function waivesApprovalIn(sentence: string, approves: boolean): boolean {
  if (NO_ASK.test(sentence)) return true;
  const m = WITHOUT_ASKING.exec(sentence) ?? (approves ? approvedAt(sentence) : null);
  if (!m) return false;
  // "Never deploy without approval" forbids, "deploy without asking for approval" orders. A bracket before the waiver
  // that its clause goes on after is an aside ("Do not run destructive commands (reset, rebase) without confirmation").
  const text = sentence.includes(')')
    ? sentence.replace(/\([^()]{0,200}\)/g, (aside, at: number) =>
        at + aside.length <= m.index &&
        namesOnlyAside(sentence, at, at + aside.length - 1) &&
        PROHIBITS.test(sentence.slice(Math.max(0, at - 80), at))
          ? ' '.repeat(aside.length)
          : aside,
      )
    : sentence;
  const clause = splitClauses(text).find((c) => m.index >= c.start && m.index < c.start + c.text.length);
  if (clause === undefined) return true;
  // "Nothing is pre-approved", "None of the deploys are", "Only `npm test` is": the waiver's subject denies or narrows it.
  return !negatedBefore(clause.text, m.index - clause.start) && !DENYING_SUBJECT.test(clause.text) && !DENYING_SUBJECT.test(sentence);
}
// "No worries, …" and "No, …" open a sentence without denying its subject.
const DENYING_SUBJECT = /^\W*(?:nothing|none|neither|only|no\b(?!\s*[,!]|\s+(?:worries|problem|need|doubt)\b))\b/i;

/**
 * Whether a clause orders one of its commands outright: no condition or fallback before it in the sentence ("if
 * it crashes, `x`", "→ `x`"), and not a remark in brackets ("Apply dotfiles (`x` with …)").
 */
export function orderedOutright(sentence: string, clause: OrderClause, command: string, section?: string): boolean {
  // A reading by another language's word lists is never certain.
  if (!certainClause(clause)) return false;
  // "## Prerequisites / - UV (Python package manager): `curl -LsSf https://astral.sh/uv/install.sh | sh`": a tool the
  // work needs, named with the command that gets it, a reference more than an order.
  if (
    section !== undefined &&
    PREREQUISITE_SECTION.test(section.slice(section.lastIndexOf(' / ') + 1)) &&
    labelNamesTool(sentence, command) &&
    (INSTALL.test(command) || INSTALL_SCRIPT.test(command)) &&
    !STANDING.test(sentence)
  )
    return false;
  // "- macOS: `brew install jq`": how to install on one platform among others, a reference more than an order; only
  // an install, and only with no word that makes it standing.
  if (
    (PLATFORM_LABEL.test(sentence) || (INSTALL_LABEL.test(sentence) && !command.startsWith('sudo'))) &&
    INSTALL.test(command) &&
    !STANDING.test(sentence)
  )
    return false;
  const found = sentence.indexOf(`\`${command}\``, clause.start);
  const at = found < 0 ? clause.start : found;
  if (conditionBefore(sentence, at)) return false;
  let depth = 0;
  for (let i = Math.max(0, at - 400); i < at; i++) {
    const c = sentence[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth === 0;
}

/** A section of what must be there before the work starts. */
const PREREQUISITE_SECTION = /^\W*(?:prerequisites?|requirements|required tools|dependencies|system requirements)\W*$/i;
/** A list item that names a tool, maybe what it is, then the command that gets it: "- UV (Python package manager): `x`". */
const TOOL_LABEL = /^(?:[-*+]\s+)?(?:\*\*)?[\w.@/+ -]{1,40}(?:\s*\([^()]{0,60}\))?(?:\*\*)?\s*[:：]\s*`/;
/**
 * Whether the item's label names the tool its command gets: its first word is in the command ("- UV (…): `curl
 * https://astral.sh/uv/install.sh | sh`"), not an order put as a label ("- First run: `curl … | sh`").
 */
function labelNamesTool(sentence: string, command: string): boolean {
  const label = TOOL_LABEL.exec(sentence);
  const name = label && /[A-Za-z][\w.+-]+/.exec(label[0].replace(/^(?:[-*+]\s+)?(?:\*\*)?/, ''))?.[0];
  if (typeof name !== 'string' || ORDER_WORD.test(name)) return false;
  const at = command.toLowerCase().indexOf(name.toLowerCase());
  // The name as a whole word of the command (`/uv/`, `@anthropic-ai/claude-code`, `get.docker.com`).
  return at >= 0 && !/[A-Za-z0-9]/.test(command[at - 1] ?? '') && !/[A-Za-z0-9]/.test(command[at + name.length] ?? '');
}
/** A label's first word that orders or names a step, not a tool ("- Install: `x`", "- First run: `x`", "- Get: `x`"). */
const ORDER_WORD =
  /^(?:install(?:ation|er|ing)?|run|execute|exec|get|bootstrap|set(?:up)?|download|fetch|first|then|next|step|always|now|use|add|start|init(?:iali[sz]e)?|configure|update|upgrade|https?|sh|bash|zsh|curl|wget|sudo|script|command|cmd|one|quick)$/i;
/** A tool's own installer, downloaded and run: `curl -LsSf https://astral.sh/uv/install.sh | sh`. */
const INSTALL_SCRIPT = /^(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b/;

/** A list item labelled with the platform its command is for. */
const PLATFORM_LABEL =
  /^(?:[-*+]\s+)?(?:\*\*)?(?:macos|mac|os x|osx|linux|ubuntu|debian|fedora|arch(?: linux)?|alpine|windows|wsl|freebsd|homebrew)(?:\s*\([^)]{0,30}\))?(?:\*\*)?\s*[:：]/i;

/**
 * A label that names the command after it as the way to install something: "- **Install:** `x`", "Install with: `x`".
 * Only such a label: "Before anything else, install: `x`" or "Then install: `x`" order it.
 */
const INSTALL_LABEL = /^(?:[-*+] {1,4})?(?:\*\*)?install(?:ation)?(?: (?:with|via|using))?(?::\*\*|\*\*:|:|：)[ \t]*(?:\*\*[ \t]*)?`/i;

/** A package manager's install. */
const INSTALL =
  /^(?:sudo\s+)?(?:brew|apt(?:-get)?|dnf|yum|pacman|apk|zypper|port|snap|flatpak|choco|winget|scoop|nix-env|npm|pnpm|yarn|bun|pipx?|pip3|uv|cargo|go|gem)\s+(?:(?:tool|global)\s+)?(?:install|add|i|tap|-S)\b/;
/** Words that make an order standing whatever its label. */
const STANDING = /\b(?:always|must|every|each|immediately|now|automatically)\b/i;

/** Reads one statement. */
export function readStatement(statement: Statement): StatementReading {
  return new Reading(statement);
}

class Reading implements StatementReading {
  readonly literal: SecretMatch | undefined;
  readonly orders: Orders;
  readonly waivesApproval: boolean;
  #quote: string | undefined;
  #subject: { value: string | undefined } | undefined;
  #maskedText: string | undefined;

  constructor(readonly statement: Statement) {
    this.literal = literalSecrets(statement);
    const approves = statement.approves === true;
    const noAsk = statement.guarded
      ? false
      : NO_ASK.test(statement.text) || WITHOUT_ASKING.test(statement.text) || (approves && approvedAt(statement.text) !== null);
    this.orders = ordersOf(statement, noAsk);
    const { orders } = this;
    this.waivesApproval = orders.kind === 'prose' && (orders.waives === true || (noAsk && waivesApprovalIn(statement.text, approves)));
  }

  get waiverSubject(): string | undefined {
    return (this.#subject ??= { value: waiverSubject(this.statement.text, this.statement.approves === true) }).value;
  }

  get quote(): string {
    return (this.#quote ??= quoteOf(this.#masked()));
  }

  quoteFor(what: string): string {
    const quote = this.quote;
    if (!quote.endsWith('...')) return quote;
    const oneLine = oneLineOf(this.#masked());
    const lower = oneLine.toLowerCase();
    for (const trigger of triggersOf(what)) {
      const at = lower.indexOf(trigger.toLowerCase());
      if (at < 0) continue;
      return at + trigger.length <= QUOTE_LIMIT - 3 ? quote : quoteAround(oneLine, at, trigger.length);
    }
    return quote;
  }

  #masked(): string {
    return (this.#maskedText ??= redactSecrets(this.statement.text, this.literal ? [this.literal.text] : []));
  }
}

/** The reading of every statement, made once per statements list, since every rule that reads guidance reads it. */
const cache = new WeakMap<readonly Statement[], readonly StatementReading[]>();
export function readGuidance(statements: readonly Statement[]): readonly StatementReading[] {
  let readings = cache.get(statements);
  if (!readings) cache.set(statements, (readings = statements.map(readStatement)));
  return readings;
}

/** The hits of one recogniser: at most one per statement, the first thing it recognises there. */
export function recognise(
  readings: readonly StatementReading[],
  recogniser: (reading: StatementReading) => Recognised | undefined,
): GuidanceHit[] {
  const hits: GuidanceHit[] = [];
  for (const reading of readings) {
    const found = recogniser(reading);
    if (found === undefined) continue;
    const what = typeof found === 'string' ? found : found.what;
    const confidence = typeof found === 'string' ? undefined : found.confidence;
    hits.push({ statement: reading.statement, what, ...(confidence === undefined ? {} : { confidence }), quote: reading.quoteFor(what) });
  }
  return hits;
}

/**
 * One hit per block: the sentences of a paragraph, and the code block a paragraph introduces with ":", say
 * one thing, so a rule reports it once, at its most certain hit (the first of those): a command in the block
 * outranks the prose that leads into it.
 */
export function firstPerBlock<T extends GuidanceHit>(hits: readonly T[]): T[] {
  const rank = (hit: T): number => CONFIDENCE_RANK[hit.confidence ?? 'high'];
  const best = new Map<string, T>();
  for (const hit of hits) {
    if (hit.statement.block === undefined) continue;
    const key = `${hit.statement.file}\0${hit.statement.block}`;
    const kept = best.get(key);
    if (kept === undefined || rank(hit) > rank(kept)) best.set(key, hit);
  }
  return hits.filter((hit) => hit.statement.block === undefined || best.get(`${hit.statement.file}\0${hit.statement.block}`) === hit);
}
