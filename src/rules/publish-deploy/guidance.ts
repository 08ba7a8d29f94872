import { findInCommandLine, type CommandCatalog } from '../../shell/catalog.js';
import {
  certainClause,
  firstPerBlock,
  guardedInOtherLanguage,
  type GuidanceHit,
  type OrderClause,
  type StatementReading,
  withoutWaivers,
} from '../../guidance/reading.js';
import { awaitsPersonsYes, clauseOnward, negatedBefore, negatedInClause, stepAfterApproval } from '../../guidance/language.js';
import { invokedToPublish, isProcedureFile } from '../../guidance/files.js';
import { atMost, type Confidence } from '../../core/types.js';
import { anyPattern, oneOf, optionalWords } from '../../guidance/words.js';

/** What "deploy" may be followed by in an order to deploy. */
const DEPLOY_OBJECTS = [
  ...['to', 'the', 'it', 'this', 'that', 'these', 'those', 'your', 'our', 'my', 'changes', 'on', 'them', 'everything', 'new'],
  ...['app', 'application', 'site', 'website', 'service', 'services', 'stack', 'infra', 'infrastructure', 'code', 'build', 'release'],
  ...[
    'prod',
    'production',
    'staging',
    'live',
    'preview',
    'docs',
    'functions?',
    'workers?',
    'containers?',
    'images?',
    'charts?',
    'manifests?',
  ],
  ...['database', 'db', 'schema', 'migrations?', 'frontend', 'backend', 'api'],
];
/** What may be published. */
const PUBLISHED = [
  'package',
  'crate',
  'gem',
  'module',
  'library',
  'release',
  'version',
  'build',
  'app',
  'image',
  'artifact',
  'extension',
  'plugin',
  'site',
  'docs site',
  'wheel',
  'distribution',
  'dist',
  'to',
];
/** Where and what may be pushed. */
const PUSHED = [
  'to',
  'that',
  'this',
  'a',
  'my',
  'it',
  'directly',
  'your',
  'the',
  'changes',
  'commits?',
  'branch(?:es)?',
  'upstream',
  'origin',
  '--force',
  '-f',
  'tags?',
  'main',
  'master',
  // A branch named in code: "push `dev`".
  '`',
  'code',
  'work',
  'all',
  // "Commit the results and push back to main" ("push back" alone is to disagree).
  'back to',
  // "Commit and push PR feedback fixes", "commit and push each".
  'pr\\b',
  'fix(?:es)?',
  'each',
  'updates',
];
const MERGED = [
  'pr\\b',
  'prs\\b',
  'pull requests',
  'through',
  'via',
  'pull request',
  'mr\\b',
  'merge request',
  'it yourself',
  `(?:it |them )?(?:in)?to \`?${oneOf(['main', 'master', 'production', 'release'])}`,
];
const LIVE = ['prod', 'production', 'live', 'staging'];
const S = '\\s+';

/** An order to publish, push, merge, release or deploy, as the first words of a clause. */
const PUBLISH_PHRASE = anyPattern(
  // "Deploy a logging agent" names a product feature; "a"/"an" count only before a deployable thing.
  ['^(?:re)?deploy', S, optionalWords(['it', 'them', 'a', 'an']), oneOf(DEPLOY_OBJECTS), '\\b'],
  ['^publish', S, optionalWords(['the', 'a', 'new', 'this', 'our', 'your']), oneOf(PUBLISHED), '\\b'],
  // "Release the lock" is another sense: what is released must be a release.
  [
    '^release',
    S,
    optionalWords(['a', 'the', 'this', 'our']),
    optionalWords(['new']),
    oneOf(['to\\b', 'versions?\\b', 'v?\\d', 'packages?\\b', 'builds?\\b']),
    // "Release version comes from `fixVersions`": the version of a release, named as a subject.
    '(?!\\s+(?:comes?|is|are|was|were|numbers?|strings?|fields?|tags?|from|of|in)\\b)',
  ],
  ['^ship', S, optionalWords(['it']), 'to\\b'],
  ['^push', S, optionalWords(['it', 'them']), oneOf(PUSHED), '\\b'],
  [
    '^merge',
    S,
    optionalWords(['the', 'your', 'this', 'that', 'each', 'every', 'all']),
    optionalWords(['prior', 'previous', 'open', 'approved', 'green', 'resulting', 'new']),
    oneOf(MERGED),
  ],
  ['^', oneOf(['cut', 'create', 'tag', 'draft']), S, optionalWords(['a', 'the']), optionalWords(['new']), 'release\\b'],
  ['^roll\\s?out', S, oneOf(['to', 'the', 'it', 'changes']), '\\b'],
  // "Enable auto-merge once the checks pass": the merge left to happen unattended.
  ['^', oneOf(['enable', 'turn on', 'set up', 'switch on']), S, optionalWords(['the']), '(?:[\\w-]+\\s+){0,2}?auto-?merge\\b'],
  // "Run a full git push", "do a final deploy": the command named in words.
  [
    '^',
    oneOf(['run', 'do', 'perform', 'execute', 'make']),
    S,
    optionalWords(['a', 'an', 'the']),
    optionalWords(['full', 'final']),
    oneOf(['git push', 'npm publish', 'deploy(?:ment)?']),
    '\\b',
  ],
  ['^promote', S, '(?:it\\s+|the\\s+\\w+\\s+)?to', S, oneOf(LIVE), '\\b'],
);

/** "Merge without waiting for review": the wait for a person skipped. */
const UNWAITED = 'without (?:waiting|asking|a review|review|approval|confirmation|permission)';
/** A bare order to push, merge or deploy with only when or how often: "push regularly", "merge once the checks pass", "commit + push". */
const BARE_ORDER = anyPattern(
  [
    '^',
    // "Squash-merge into main" names how merges are done; with a time ("squash-merge when CI is green") it orders one.
    oneOf(['push', '(?:squash[- ]|rebase[- ])?merge', 'deploy', 'commit\\s*(?:\\+|&|and)\\s*push']),
    '\\s+',
    optionalWords(['it', 'them', 'everything', 'changes', 'the changes', 'your changes']),
    // "Squash-merge to `master`, only with CI green": where to, then when.
    '(?:(?:to|into)\\s+`?(?:main|master|production|prod)`?,?\\s+)?(?:only\\s+)?',
    oneOf([
      'immediately',
      'regularly',
      'frequently',
      'often',
      'automatically',
      'yourself',
      'on your own',
      'right away',
      'afterwards',
      'as well',
      'too',
      'when (?:done|finished|ready|complete)',
      'once',
      'after',
      // "Commit and push before you say done": the push is due by the end of the work, not a precondition of it.
      'before (?:you |the (?:task|session|turn) )?(?:say|says|report|declare|finish|finishes|end|ends|stop|mark|hand|consider|call|wrap)',
      // "Commit and push before re-running the review": the push is a step before the agent's next one.
      'before (?:re-?running|re-?requesting|requesting|starting|moving on|continuing|proceeding|going on|opening|the next)',
      'as soon as',
      'at the end',
      // "Squash-merge when CI is green": once the checks pass.
      'when (?:ci|the checks?|checks|the tests|tests|the build|the pipeline)',
      'with (?:ci|the checks?|checks|the tests|tests|the build) (?:green|passing|passed)',
      // "Push if there are unpushed commits": a state of the repository, not a request, is the condition.
      'if there (?:are|is) (?:any )?(?:unpushed|local|new|outstanding) (?:commits?|changes)',
      UNWAITED,
    ]),
    '\\b',
  ],
  // Releasing and publishing have other senses ("publish it once somebody has got it wrong"): only a manner that leaves
  // the agent alone counts, right after the verb.
  [
    '^',
    oneOf(['release', 'publish', 'ship']),
    '\\s+',
    oneOf(['automatically', 'immediately', 'right away', 'yourself', 'on your own', UNWAITED]),
    '\\b',
  ],
  ['^commit\\s*(?:\\+|&)\\s*push\\b'],
  // "Commit and push before leaving a comment": the push made before the agent answers a review (a merge or deploy
  // before a comment is as often advice against it).
  [
    '^(?:commit\\s*(?:and|&|\\+)\\s*)?push\\s+',
    optionalWords(['it', 'them', 'everything', 'the changes', 'your changes', 'the fixes', 'your fixes']),
    'before (?:leaving|posting|replying|commenting|responding)\\b(?![^.]*\\b(?:discouraged|avoided|not|never)\\b)',
  ],
);
/**
 * "After each change, commit and push.": a time of the agent's own work, then the bare verb as the whole order. A
 * time the user sets ("when the user asks") is left out.
 */
const TIMED_BARE =
  /^\s*(?:(?:after|once|when(?:ever)?|as soon as|at the end of)\b(?![^,.;:]*\b(?:user|asks?|asked|requests?|requested|told|instructed|explicitly)\b)[^,.;:]{1,80},\s*(?:then\s+)?)(?:commit\s*(?:and|&|\+)\s*)?(?:push|merge|deploy)(?:\s+(?:it|them|everything|the changes|your changes|your work))?\s*[.!]*$/i;
/** "Push and create a PR.": the push, as the step that opens the pull request (the sentence's first clause, whole). */
const PUSH_THEN_PR = anyPattern([
  '^push',
  S,
  'and',
  S,
  '(?:then\\s+)?',
  oneOf(['create', 'open', 'raise', 'submit']),
  S,
  '(?:(?:a|an|the)\\s+)?(?:draft\\s+)?',
  oneOf(['prs?', 'pull requests?', 'mrs?', 'merge requests?']),
  // The end of the order, or where the pull request goes: not a question, an option's label, a cell or "… is optional".
  '(?=\\s*(?:[.!;]|$)|\\s+(?:with|using|via|to|into|against|targeting|for|on)\\b)',
]);
/** "Then, commit and push.": the whole order, a step after the one before it ("Commit and push." alone may be a label). */
const THEN_BARE = /^\s*then,?\s+commit,?\s*(?:and|&|\+)\s*push(?:\s+(?:it|them|everything|the changes|your changes|your work))?\s*[.!]*$/i;
/** "Push, `gh pr ready`, repeat": a sentence of steps that starts with the bare verb (not "Deploy: Cloudflare Pages"). */
const BARE_FIRST = /^(?:\*\*)?(?:push|merge|deploy)(?:\*\*)?\s*[,;]/i;
/**
 * "Run `x` to publish …": a command ordered for what it publishes; not one to push events, notifications or messages
 * to a client ("Use `push_event/3` when you need to push events to the client"), another sense.
 */
const TO_PUBLISH =
  /`[^`]*`[^`]{0,40}?\bto (?:publish|deploy|release|ship|push)\b(?!\s+(?:(?:the|an?|some)\s+)?(?:events?|notifications?|messages?)\b)/i;
/** "… commit → push → PR", "commit, push, and PR creation": a pipeline that ends in a push. */
const PIPELINE = /\bcommit(?:s|ting)?\s*(?:,|→|->|\+|&|and|then)\s*(?:and\s+)?push(?:es|ing)?\b/i;
/** "Continue automatically through implementation, tests, commit, and push": a pipeline that pushes, run unasked. */
const AUTOMATIC_PIPELINE =
  /\b(?:continue|proceed|go on|carry on|work)\s+(?:automatically|autonomously|on your own)\s+(?:through|with|until)\b[^.;]{0,200}?\bcommit(?:s|ting)?\s*(?:,|→|->|\+|&|and|then)\s*(?:and\s+)?push(?:es|ing)?\b/i;
/** "Execute `/sync` (… commit → push → PR)": the clause runs the command the sentence says pushes. */
const RUN = /^(?:execute|run|invoke|call|use|trigger)\b/i;
/** "Push with `npm run ship:push`", "Deploy to staging using `make deploy-staging`": the publishing done by a command. */
const PUBLISH_WITH = /^(?:push|deploy|publish|release|ship)\b(?:\s+[\w/-]+){0,3}?\s+(?:with|using|via|through)\b/i;
/** "Add it → commit → push → rebuild": a chain of steps with a push after another step. */
const PUSH_CHAIN = /(?:→|->)\s*push\b/i;
/** "Work is not complete until `git push` succeeds", "YOU must push.": the push is the agent's to make. */
const MUST_PUSH = anyPattern(
  ['\\b(?:not|never) (?:complete|done|finished) until\\b[^.]{0,20}?\\bpush'],
  ['\\byou (?:must|need to|have to) (?:always )?', oneOf(['push', 'merge', 'deploy']), '\\s*(?:[.!]|$)'],
);
/**
 * Pushes that do not say "push": "ensure it lands on the `main` branch", "do not leave local work unpushed",
 * "**Auto-push**: YES".
 */
const LANDS_ON_MAIN =
  /\b(?:ensure|make sure|see to it that)\b[^.]{0,30}?\b(?:lands?|ends? up|gets? merged|is merged)\s+(?:on|in|into)\s+(?:the\s+)?`?(?:main|master|production|prod)\b/i;
/** "Never skip the push step", "don't forget to push": the push is ordered by forbidding to leave it out. */
const NOT_SKIPPED = /\b(?:never|don'?t|do not)\s+(?:skip|omit|forget|leave out)\b[^.]{0,30}?\b(?:push|deploy|publish|merge)/i;
const NOT_LEFT_UNPUSHED = /\b(?:do not|don'?t|never)\s+leave\b[^.]{0,40}?\bun(?:pushed|deployed|merged|published)\b/i;
/** "Use the GitHub tools to commit changes", "All commits use `mcp__github.push_files`": a commit made on GitHub is pushed. */
const GITHUB_COMMITS =
  /\b(?:use|using|via|through|with)\s+(?:the\s+)?github\s+(?:mcp\s+)?(?:tools?|mcp|api|server)\s+to\s+(?:commit|push)\b|\bcommits?\s+(?:(?:are|is)\s+made\s+|go\s+)?(?:use|using|via|through|with)\s+`?mcp__github(?:__|\.)(?:push_files|create_or_update_file)\b/i;
/** "Direct push to main is the only accepted workflow": a push to the main branch allowed as the way of working. */
const DIRECT_PUSH_ACCEPTED =
  /\bdirect(?:ly)?\s+push(?:es|ing)?\s+(?:to|into)\s+`?(?:main|master|production|prod)`?\s+(?:is|are)\s+(?:the\s+)?(?:only\s+)?(?:accepted|allowed|expected|preferred|standard|default|ok|okay|fine|permitted)\b/i;
/** "Pull, commit, push.": the whole sentence a list of git steps that ends in the push (two steps before it at least). */
const GIT_STEPS =
  /^\W{0,4}(?:(?:git\s+)?(?:pull|fetch|add|stage|commit|rebase|test|build)\s*(?:,|→|->|\+|&|and|then)\s*){2,}(?:and\s+|then\s+)?push\s*[.!]*$/i;
/** "Make sure all your modifications are committed and pushed": the push ordered as the state to reach. */
const ENSURED_PUSHED =
  /\b(?:ensure|make sure|see to it)\b[^.]{0,60}?\b(?:are|is|get|gets|have been|has been)\s+(?:(?:all\s+)?committed,?\s+(?:and|&|\+)\s+)?(?:pushed|deployed|published|merged)\b(?!\s+by\b)/i;
/** "Claude will auto-push after success": the agent said to publish by itself. */
const AUTO_VERB =
  /\b(?:you|claude|codex|gemini|copilot|cursor|the agent|agents?)\s+(?:will|should|must|shall|can|may)\s+(?:always\s+)?auto[- ]?(?:push|deploy|merge|publish)(?:es|s)?\b/i;
const AUTO_ON = /\bauto[- ]?(?:push|deploy|merge|publish)(?:ing)?(?:\*\*)?\s*[:=](?:\s*\*\*)?\s*(?:yes|true|on|enabled?)\b/i;
/** "- **Deploy:** `bash sync.sh`", "Deploy = `git push`", "- API deploy: `fly deploy`": a label naming a command, a reference. */
const LABELLED_COMMAND = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?([^\s`*:=][^`:=\n]{0,40}?)(?:\*\*)?\s*[:=](?:\s*\*\*)?\s*`/;
/** Words of an order, not of a name: "Push early so CI starts: `git push`" leads into its command. */
const ORDER_WORDS = /\b(?:so|to|then|when|after|before|first|always|now|and|your|the|it|early|immediately|once)\b/i;
/** Words that make a table row an order rather than a reference: "| release | Run `x` to publish |". */
const ROW_ORDERS = /\b(?:run|execute|invoke|call|then|always|automatically|must|should|do)\b/i;
/** "**Trigger**: push to `main`", "Runs on: push": a pipeline's trigger, which a description names. */
const TRIGGER_LABEL = /^\W*(?:triggers?|triggered (?:by|on)|runs? on|events?|on)\W*:/i;
/** A label of at most three words that are not an order's: "API deploy", "**Force operations**". */
const labelledCommand = (sentence: string): boolean => {
  const label = LABELLED_COMMAND.exec(sentence)?.[1]?.trim();
  return label !== undefined && label.split(/\s+/).length <= 3 && !ORDER_WORDS.test(label);
};
/**
 * A section that documents commands: deployment, release, commands, scripts, infrastructure, reference — in English
 * and the other languages read here. A code block there with no order leading into it shows how, not that, it is done.
 */
const REFERENCE_SECTION =
  /\b(?:deploy(?:ment|ments|ing|s)?|releas(?:e|es|ing)|publish(?:ing)?|commands?|scripts?|infrastructure|reference|usage|set ?up|installation|operations|cheat ?sheet|manual(?:ly)?|how to)\b|部署|发布|命令|デプロイ|リリース|コマンド|배포|명령|деплой|развертыван|развёртыван|команды/iu;

/** A heading that numbers a step of a procedure: "2. Deploy the functions", "Step 7: Push", "Phase 3 — Release". */
const STEP_HEADING = /^(?:(?:step|phase|stage)\s+)?\d{1,3}(?:\.\d{1,3})*(?:[.):]|\s+[-—–])\s/i;
/** Whether the innermost heading of a procedure's section documents commands, not a step of its own. */
function referenceStep(section: string): boolean {
  const at = section.lastIndexOf(' / ');
  const innermost = at < 0 ? section : section.slice(at + 3);
  return !STEP_HEADING.test(innermost) && REFERENCE_SECTION.test(innermost);
}

/** "Every plan must end with `/sync`": an order to run a named command last. */
const ENDS_WITH = /\b(?:must|should|always) (?:end|finish|conclude) with `[^`]+`/i;
/** "Every milestone must be committed and pushed": an obligation stated in the passive. */
const MUST_BE_PUSHED = anyPattern([
  '\\b',
  oneOf(['must', 'should', 'shall', 'need to', 'needs to', 'has to', 'have to', 'is to', 'are to']),
  ' (?:always )?be ',
  '(?:committed,? (?:and|&|\\+) )',
  oneOf(['pushed', 'deployed', 'published', 'merged', 'released']),
  '\\b',
]);
/**
 * After a passive publishing verb, in its own part of the sentence (before an "and" or a comma), words that leave it
 * to a person or a pipeline, or wait for a person: "… merged by a maintainer", "… deployed through CI", "… merged
 * through the merge queue", "… deployed automatically on merge", "… pushed only after the user approves". Not "by
 * default", "by running `make deploy`", "not by the CI pipeline", "as agreed by the team", "at once", nor when the
 * sentence says "yourself".
 */
/** A word of a person's approval, or of a person, after a wait: "after approval", "once a maintainer …", "when reviewed". */
const A_PERSONS_WORD = String.raw`(?:approv\w*|humans?|maintainers?|owners?|sign-?off|manual(?:ly)?|reviews?\b(?!\s+bot))`;
const OWN_PART = String.raw`(?:(?!\band\b)[^.;,]){0,60}?`;
const NOT_THE_AGENTS =
  String.raw`(?:(?=(?:[^.;]|\.(?=\S)){0,160}\byourself\b)|` +
  String.raw`(?!${OWN_PART}(?<!\bnot\s)(?<!\bas\s[a-z]{2,20}\s)\b(?:by|through|via)\s+(?:an?\s+|the\s+|our\s+|your\s+)?(?:maintainers?|humans?|people|persons?|someone|reviewers?|owners?|(?:release\s+)?managers?|team|ci|cd|ci/cd|pipelines?|workflows?|github\s+actions|actions|bots?|pull\s+requests?|prs?|merge\s+requests?|mrs?|merge\s+queues?)\b)` +
  String.raw`(?!${OWN_PART}\bon\s+(?:merge|push|release|tag)\b)` +
  String.raw`(?!${OWN_PART}(?<!\bat\s)\b(?:after|once|when)\b[^.;]{0,40}\b${A_PERSONS_WORD}))`;
/**
 * The passive obligation without a commit holds when it covers every unit of work: "every change must be pushed",
 * "changes should always be deployed to production" (not one left to someone else, "… always be deployed by CI", nor
 * the way it is done, "… always be merged through a pull request").
 */
const MUST_BE_PUSHED_EACH = anyPattern(
  [
    '\\b',
    oneOf(['every', 'each', 'all']),
    '\\s[^.]{0,40}?\\b',
    oneOf(['must', 'should', 'shall', 'needs? to', 'has to', 'have to']),
    ' (?:always )?be (?:immediately )?',
    oneOf(['pushed', 'deployed', 'published', 'merged', 'released']),
    `\\b${NOT_THE_AGENTS}`,
  ],
  [
    '\\b',
    oneOf(['must', 'should', 'shall', 'needs? to', 'has to', 'have to']),
    ' always be (?:immediately )?',
    oneOf(['pushed', 'deployed', 'published', 'merged', 'released']),
    // Not a way or an order of working: "… always be merged through a pull request", "… deployed before the app".
    String.raw`\b(?![^.;]{0,60}\b(?:by|through|via|before|only)\b)(?![^.;]{0,60}\b(?:after|once|when)\b[^.;]{0,40}\b${A_PERSONS_WORD})`,
  ],
);
/**
 * "Do this by default unless the user asks not to push": what the order refers back to is a publishing, the default
 * the user may opt out of.
 */
const OPT_OUT_DEFAULT =
  /^\W*(?:do|perform|run|execute) (?:this|it|these|that|them)\b[^.]*?\bunless\b[^.]{0,80}?\bnot to (?:[\w-]+\/)?(?:push|deploy|publish|merge|release)\b/i;
/** "The user wants all changes always pushed to GitHub": every unit of work wanted published. */
const WANTS_PUSHED = anyPattern([
  '\\b(?:wants?|expects?)\\s+',
  oneOf(['every', 'each', 'all']),
  '\\s+(?:(?!before\\b|until\\b|after\\b|unless\\b|once\\b)[\\w-]+\\s+){1,3}?(?:always |immediately )?',
  oneOf(['pushed', 'deployed', 'published', 'merged', 'released']),
  '\\b',
]);
/**
 * "The user authorizes `git push` to `origin`": the person's permission to publish, given in advance (a permission
 * scoped to after a review is asking first, read before this).
 */
const AUTHORIZED = anyPattern([
  '\\b(?:the user|users|i|we|the (?:repo(?:sitory)? )?owner)\\s+(?:explicitly\\s+|hereby\\s+)?',
  oneOf(['authori[sz]es', 'permits', 'allows']),
  '\\s+(?:you\\s+to\\s+|the agent\\s+to\\s+)?`?(?:git\\s+)?',
  oneOf(['push(?:ing|es)?', 'deploy(?:ing|s|ments?)?', 'merg(?:e|es|ing)', 'publish(?:ing)?', 'releas(?:e|es|ing)']),
  '\\b',
]);
/** "Never merge without waiting for the CI workflow": the merge is ordered once the checks pass. */
const AFTER_CHECKS = anyPattern([
  '\\b',
  oneOf(['never', "don'?t", 'do not']),
  ' ',
  oneOf(['merge', 'push', 'deploy', 'release', 'publish']),
  '\\b[^.]{0,20}?\\b',
  oneOf(['without', 'before', 'until']),
  ' (?:waiting for |running |passing |a |the |green )?[^.]{0,30}?\\b',
  oneOf(['ci', 'checks?', 'tests?', 'workflows?', 'pipeline', 'builds?', 'lint']),
  '\\b',
]);
/** Verbs of publishing a permission or a negated pause names without a command. */
const PUBLISHING_VERBS = ['push', 'merge', 'deploy', 'publish', 'ship'];
/**
 * "Never stop before pushing", "don't wait for approval to deploy": a pause before publishing forbidden, so the
 * publishing is ordered. (A negated ask, "never ask before pushing", is read the same way.)
 */
const NO_PAUSE_BEFORE = anyPattern([
  '\\b',
  oneOf(['never', "don'?t", 'do not', 'no need to']),
  '\\s+',
  oneOf(['stop', 'pause', 'wait', 'hesitate', 'hold off', 'ask', 'check', 'prompt']),
  '\\b[^.]{0,40}?\\b',
  oneOf(['before', 'to', 'until', 'for', 'whether to', 'if (?:you should|to)']),
  // "Never ask whether to commit or push": the commit named first.
  ':?\\s+(?:commit(?:ting)?\\s*(?:or|and|&|\\+|/)\\s*)?',
  oneOf(['push(?:ing)?', 'deploy(?:ing)?', 'merg(?:e|ing)', 'publish(?:ing)?', 'ship(?:ping)?']),
  '\\b',
]);
/** "`npm run check` decides whether you may push", "safe to merge through": a permission to publish, no command named. */
const MAY_PUBLISH = anyPattern(
  [
    "\\byou(?:'re| are)?\\s+",
    oneOf(['may', 'can', 'are (?:allowed|free|permitted|cleared) to', "(?:'re|are) (?:allowed|free|permitted|cleared) to"]),
    '\\s+(?:now\\s+|then\\s+|safely\\s+|also\\s+|always\\s+)?',
    oneOf(PUBLISHING_VERBS),
    '\\b',
  ],
  ['\\b', oneOf(['safe', 'ok', 'okay', 'fine', 'allowed', 'permitted', 'cleared']), '\\s+to\\s+', oneOf(PUBLISHING_VERBS), '\\b'],
);
/** "Before you can push, …", "so that you may deploy": the permission is a purpose or a precondition, not a grant. */
const NOT_GRANTED = /\b(?:before|until|so|that|whether or not|in order)\s+$/i;
/**
 * "Determine if the PR is safe to merge", "If the PR is deemed safe to merge:", "Is this PR safe to merge?": in the
 * same clause as an `if` or `whether`, or asked, that something is safe to publish is the question or the condition
 * set, not a grant ("If CI passes, it is safe to merge" grants it in a clause of its own; "the check decides whether
 * you may push" names the agent's permission).
 */
const ASKED_OR_CONDITION = /\b(?:if|whether|unless)\b[^,;:.!?()]*$/i;
/** The second form of `MAY_PUBLISH`: something is safe to publish (the first, "you may push", names who may). */
const SAFE_TO = /^\W*(?:safe|ok|okay|fine|allowed|permitted|cleared)\b/i;
/** A command or tool whose name says it pushes, deploys or publishes: `git_commit_push`, `/deploy-prod`. */
const PUBLISHING_NAME = /(?:^|[_:/.-])(?<!pre-|pre_|post-|post_)(?:push|deploy|publish|merge)(?:$|[_:.-])(?!notification)/i;
/** A script runner and the name of what it runs: `npm run deploy`, `yarn release`, `make publish`, `just deploy`. */
const RUNS_BY_NAME = /^(?:(?:npm|pnpm)\s+run(?:-script)?|(?:yarn|bun)(?:\s+run)?|make|just|task|rake|mise\s+run)\s+([\w:./-]+)(?:\s|$)/;
/** A script file a command runs: `bash scripts/deploy.sh`, `npx hardhat run scripts/deploy.ts`, `python publish.py`. */
const SCRIPT_FILE = /\.(?:sh|bash|zsh|ps1|py|js|mjs|cjs|ts|rb|sol)$/i;
/** A test of a script (`deploy.test.ts`, `test_deploy.py`, Foundry's `Deploy.t.sol`), which runs nothing it names. */
const TEST_FILE = /^(?:tests?|spec)[._-]|[._-](?:tests?|spec|t)\.[a-z]+$/i;
/** Programs that run the script file after them: shells, interpreters, and runners' `run` (`hardhat run`, `deno run`). */
const RUNS_FILE = /^(?:bash|sh|zsh|dash|ksh|pwsh|powershell|python[\d.]*|node|deno|bun|ruby|perl|tsx|ts-node|run)$/;
/** A database's schema pushed by a script (`db:push`, `db-push`, `schema:push`), which readers take as no release. */
const SCHEMA_SCRIPT = /(?:^|[:._-])(?:db|schema|prisma|drizzle)[:._-]push(?:$|[:._-])/i;
/** A dry run of a script named for publishing (`release:publish:dry`, `deploy-dry-run`), which publishes nothing. */
export const DRY_NAME = /(?:^|[:._-])dry(?:[:._-]|$)|dry-?run/i;
/**
 * A script that looks at a deploy and makes none: after the last word of publishing in its name come only words of
 * looking and of where (`deploy:check:prod`, `deploy:diff`, `deploy-status`, `deploy:logs`); not one that goes on to
 * act (`deploy:plan-and-apply`, `deploy:diff:apply`) or ends in publishing (`release-check-and-publish`).
 */
function looksOnly(name: string): boolean {
  const parts = name.toLowerCase().split(/[:._-]+/);
  const last = parts.findLastIndex((p) => /^(?:push|deploy|publish|release|merge|ship)$/.test(p));
  const after = parts.slice(last + 1);
  return (
    last >= 0 &&
    after.some((p) => /^(?:check|diff|status|verify|plan|logs?|lint)$/.test(p)) &&
    after.every((p) => /^(?:check|diff|status|verify|plan|logs?|lint|prod|production|staging|stage|dev|preview|all|local)$/.test(p))
  );
}
/** A name that says it pushes, deploys or publishes, merging left out: in code, `merge_sarif.py` merges data. */
const SHIPPING_NAME = /(?:^|[_:/.-])(?<!pre-|pre_|post-|post_)(?:push|deploy|publish)(?:$|[_:.-])(?!notification)/i;
/**
 * A command named for publishing: a script called so (`./scripts/deploy.sh`), run by a runner's script name
 * (`npm run deploy`) or as a script file (`npx hardhat run scripts/deploy.ts`). A reading of a name, never certain.
 */
function namedForPublishing(command: string, names = PUBLISHING_NAME): boolean {
  const words = command.trim().split(/\s+/);
  // `$CI_MERGE_REQUEST_IID`: a variable, not a command; `push_event/3`: a function named, not called.
  if (words.length === 1) return !words[0]!.startsWith('$') && !/\/\d{1,2}$/.test(words[0]!) && names.test(words[0]!);
  const byName = RUNS_BY_NAME.exec(command.trim());
  // `npm run release:publish:dry`: a dry run publishes nothing, nor does a database's schema push (`npm run db:push`)
  // or a script that only looks at a deploy (`npm run deploy:check`).
  if (byName) return names.test(byName[1]!) && !DRY_NAME.test(byName[1]!) && !SCHEMA_SCRIPT.test(byName[1]!) && !looksOnly(byName[1]!);
  // Each command of a list on its own (`cd infra && ./deploy.sh`).
  if (/&&|;|\|\|/.test(command)) return command.split(/&&|;|\|\|/).some((part) => part.trim() !== '' && namedForPublishing(part, names));
  const scriptNamed = (word: string): boolean => {
    const name = word.slice(word.lastIndexOf('/') + 1);
    return SCRIPT_FILE.test(name) && !TEST_FILE.test(name) && names.test(name);
  };
  // Asking a script about itself runs nothing of it (`./deploy.sh --help`).
  if (words.some((w) => /^(?:--help|-h|--version|--dry-run)$/.test(w))) return false;
  // A script run by its path, after the variables set for it and `sudo` (`STAGE=prod ./scripts/deploy.sh --all`).
  const first = words.find((w) => !/^[A-Za-z_]\w*=/.test(w) && w !== 'sudo');
  if (first !== undefined && first.includes('/') && !first.startsWith('$') && scriptNamed(first)) return true;
  // A script file a shell, an interpreter or a runner runs, past the runner's options (`bash -e scripts/deploy.sh`),
  // not one a command only reads (`git diff scripts/deploy.sh`).
  let runner = '';
  return words.slice(1).some((word, i) => {
    // The last word before this one that is no option, kept as the words go by: one pass over a long line.
    if (!words[i]!.startsWith('-')) runner = words[i]!;
    return RUNS_FILE.test(runner.slice(runner.lastIndexOf('/') + 1)) && scriptNamed(word);
  });
}

/**
 * A line of code that runs a script named for shipping: by a runner (`npm run deploy`, `bash scripts/deploy.sh`) or
 * as a file of its own (`./deploy.sh`). A word alone that is no file (`/deploy`, the slash command a user types;
 * `MERGE_TO=develop`) runs nothing.
 */
function runsShippingScript(command: string): boolean {
  const words = command.trim().split(/\s+/);
  if (words.length === 1 && !(words[0]!.startsWith('./') || SCRIPT_FILE.test(words[0]!))) return false;
  return namedForPublishing(command, SHIPPING_NAME);
}
const HUMAN_GATE = /\b(?:human|approv\w*|review\w*|user|maintainer|owner|confirm\w*|permission|sign-?off|lgtm)\b/i;

/** "`push-changes`: run checks, commit and push": a list that names a command or skill and says what it does. */
const DEFINITION = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?`[^`]+`(?:\*\*)?\s*(?::|—|–|-\s)/;
/** "GitHub Actions: push a tag to publish": what the CI workflow does, not an order. */
const CI_LABEL =
  /^(?:[-*+]\s+)?(?:\*\*)?(?:github actions?|ci(?:\/cd)?|cd|workflows?|pipelines?|automation|release workflow)(?:\*\*)?\s*:/i;
/** "If the user explicitly asks, you may push", "only when the user requests it": a conditional guardrail. */
const ON_REQUEST =
  /\b(?:if|when|whenever|only (?:if|when|after))\s+(?:the user|a user|a human|the maintainer|you are|you're|you get|i)\s+(?:explicitly\s+|specifically\s+)?(?:asks?|requests?|says?(?: so)?|writes|types|tells you|instructs?|asked|requested|told|instructed|approves?)\b/i;
/** "Run `git push` only when asked", "until instructed": the publishing waits for the word of someone else. */
const ONLY_WHEN_ASKED =
  /\b(?:only (?:when|if|after|once)|until)\s+(?:explicitly\s+|specifically\s+)?(?:asked|requested|instructed|told|approved)\b/i;
/** What is published, named where a request names what it asks for. */
const PUBLISHING_WORDS = /\b(?:push\w*|deploy\w*|publish\w*|releas\w*|merg\w*|ship\w*|commit\w*|prs?|pull requests?)\b/i;
/**
 * A request that keeps the publishing to the user's word: "if the user asks, push", "when the user asks you to deploy". A
 * request for other work ("when the user asks for a code change, … push it") starts the work, and the push is still the agent's.
 */
function requestedPublishing(sentence: string): boolean {
  const request = ON_REQUEST.exec(sentence);
  if (!request) return false;
  const asked = /^[^,.;:—]{0,80}/.exec(sentence.slice(request.index + request[0].length))![0];
  return !/^\s*(?:you\s+)?(?:for|to)\s/i.test(asked) || PUBLISHING_WORDS.test(asked);
}
/** "After the human has approved, merge the PR": the publishing waits for a person's approval. */
const HUMAN_APPROVED =
  /\b(?:after|once|when)\b[^.]{0,60}?\b(?:human|user|maintainer|reviewer|owner)s?\b[^.]{0,15}?\b(?:has |have )?(?:approved|approves|signed off|given (?:the |their )?(?:go-ahead|approval))\b/i;
/** "Deploy these only to the Mac Mini": the sentence restricts where, it does not order. */
const RESTRICTED = /\bonly (?:to|on|in|from|onto)\b/i;
/** A deploy kept on the developer's machine. */
const LOCAL_DEPLOY =
  /\b(?:locally|localhost|to (?:a |the )?local (?:chain|network|node|cluster|environment|server|machine)|on (?:a |the |your )?local (?:chain|network|node|cluster|machine))\b/i;
/** "Use `x` to deploy", "releases must be created via `gh release`": the means of publishing. */
const METHOD =
  /^\W*(?:always\s+)?use\s+`[^`]+`\s+(?:to|for)\s+(?:deploy|publish|releas|ship|push|merg)|\b(?:must|should|are to|is to|shall)\s+(?:only\s+)?be\s+(?:created|done|made|published|deployed|released|cut|run)(?:\/\w+)?\s+(?:only\s+)?(?:via|through|with|using)\s+`/i;
/** Words that say when publishing is done, which make a means an order. */
const TRIGGER = /\b(?:after|when|once|every|each|automatically|immediately|as soon as|right away|yourself|then)\b/i;
/** A cell of a table of who runs what naming someone other than the agent. */
const OWNER_CELL =
  /^\s*(?:\*\*)?(?:humans?|maintainers?|release managers?|owners?|the team|ci|cd|ci\/cd|github actions|the pipeline|release workflow|you \(human\)|developers?|ops|sre)(?:\s+only)?(?:\*\*)?\s*$/i;
/** Subcommands that only look or rehearse. */
const READ_ONLY = /\b(?:kubectl rollout (?:status|history)|helm (?:status|history|list)|--dry-run\b)/i;
/**
 * `gh pr merge [<pr>] --disable-auto [-R <repo>]` turns a pending auto-merge off: the option with nothing else that
 * merges (a merge method, `--admin`, a body it could be the value of).
 */
function turnsAutoMergeOff(words: readonly string[]): boolean {
  if (words[0] !== 'gh' || words[1] !== 'pr' || words[2] !== 'merge') return false;
  let off = false;
  let target = 0;
  for (let i = 3; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--disable-auto') off = true;
    else if (w === '-R' || w === '--repo') i++;
    else if (w.startsWith('--repo=')) continue;
    else if (!w.startsWith('-') && ++target === 1) continue;
    else return false;
  }
  return off;
}

/**
 * Prose that is not the agent's order even when it reads like one: a list that defines a command, what CI does,
 * a conditional guardrail ("if the user asks, you may …", "after the human has approved, merge"), a guard in another language, a row of a table of who
 * runs what naming someone else.
 */
export function notTheAgents(reading: StatementReading, clauses: readonly OrderClause[]): boolean {
  const sentence = reading.statement.text;
  if (
    DEFINITION.test(sentence) ||
    CI_LABEL.test(sentence) ||
    requestedPublishing(sentence) ||
    ONLY_WHEN_ASKED.test(sentence) ||
    HUMAN_APPROVED.test(sentence) ||
    stepAfterApproval(sentence) ||
    guardedInOtherLanguage(clauses, sentence)
  )
    return true;
  return reading.statement.source === 'table' && sentence.split('|').some((cell) => OWNER_CELL.test(cell));
}

/** What a statement orders (publishing, destroying …), and how sure the reading is. */
export interface OrderReading {
  what: string;
  confidence: Confidence;
}

/** The whole command `gh pr merge <pr> --disable-auto`, its pull request perhaps a placeholder (`<number>`). */
const DISABLE_AUTO_ONLY = /^\s*gh\s+pr\s+merge(?:\s+(?:<[\w.-]{1,40}>|[\w#/:.-]{1,200}))?\s+--disable-auto\s*$/;

/** `git push origin --delete old-branch`, `git push -d origin tag`: a remote branch or tag removed, nothing published. */
function deletesRemoteRef(words: readonly string[]): boolean {
  if (words[0] !== 'git' || words[1] !== 'push') return false;
  const options = words.slice(2).filter((w) => w.startsWith('-'));
  return options.some((w) => w === '--delete' || w === '-d') && options.every((w) => /^(?:--delete|-d|-q|--quiet|-v|--verbose)$/.test(w));
}

const publishCommand = (command: string, catalog: CommandCatalog): string | undefined =>
  READ_ONLY.test(command) || DISABLE_AUTO_ONLY.test(command)
    ? undefined
    : findInCommandLine(command, catalog.publish, (words) => turnsAutoMergeOff(words) || deletesRemoteRef(words));

/**
 * Where a command in a sentence is named, not ordered: one of several examples in brackets, some of which publish
 * nothing, after words that order no publishing ("Use plain git commands only (e.g. `git status`, `git push`)");
 * after "before any" ("Before any `git push` to GitHub, source the loader"); or as the object of what blocks it
 * ("`--disallowedTools` blocks `git push --force`"). `at` is the backtick that opens the command.
 */
function namedNotOrdered(sentence: string, at: number, publishes: (code: string) => boolean, standing: () => boolean): boolean {
  if (at < 0) return false;
  const before = sentence.slice(Math.max(0, at - 200), at);
  const open = before.lastIndexOf('(');
  if (open >= 0 && !before.slice(open).includes(')') && EXAMPLES.test(before.slice(open + 1))) {
    const close = sentence.indexOf(')', at);
    const spans = [...sentence.slice(at - before.length + open, close < 0 ? at + 400 : close).matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    if (spans.length >= 2 && spans.some((code) => !publishes(code)) && !PUBLISHING_BEFORE.test(before.slice(0, open)) && !standing())
      return true;
  }
  return BEFORE_ANY.test(before) || BLOCKED_BY.test(before);
}
const STANDING_ORDER = /\b(?:always|every|each|all|must|after (?:pushing|merging|committing))\b/i;
const PUBLISHING_BEFORE = /\b(?:ship|deploy|publish|releas|push|merg)\w*/i;
const EXAMPLES = /^\s*(?:e\.g\.?|eg\.?|i\.e\.?|for example|for instance|such as|like)[\s,:]/i;
const BEFORE_ANY = /\bbefore (?:any|every|each)\s+(?:`[^`]{0,80}`\s*(?:,|\/|or\b|and\b)?\s*){0,8}$/i;
/**
 * What a verb blocks, as its object, nothing but code, commas and "and"/"or" between: a verb that only blocks
 * ("forbids", "denies"), or "blocks" after the code or setting that does ("`--disallowedTools` blocks `git push`").
 */
const BLOCKED_BY =
  /(?:\b(?:forbids?|forbidden|prevents?|disallows?|disallowed|denies|denied|rejects?|refuses?)|(?:`[^`]{1,80}`|\b(?:hooks?|rules?|settings?|polic(?:y|ies)|guards?))\s+(?:blocks?|blocked))\s+(?:`[^`]{0,80}`\s*,?\s*(?:(?:and|or)\s+)?){0,12}$/i;

/** A clause read with another language's word lists that names publishing, in its words or its code ("立即 `git push`"). */
const foreignPublishing = (foreign: NonNullable<OrderClause['foreign']>, catalog: CommandCatalog): boolean =>
  foreign.names.has('publish') || foreign.code.some((code) => publishCommand(code, catalog) !== undefined);

/** The publishing a statement orders: a command of the catalog (near-certain), or prose that reads as an order to publish (a reading). */
export function readPublishing(reading: StatementReading, catalog: CommandCatalog): OrderReading | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') {
    const found = publishCommand(orders.command, catalog);
    if (found) return { what: found, confidence: 'high' };
    // A line of code in a procedure (a command, workflow, skill or subagent) that runs a script named for publishing
    // (`bash scripts/deploy.sh`), as "Run `…`" does in prose. In standing guidance such lines are a reference of the
    // project's commands (`npm run deploy:all  # Deploy all sites`).
    return isProcedureFile(reading.statement.file) && runsShippingScript(orders.command)
      ? { what: 'a command named for publishing', confidence: 'medium' }
      : undefined;
  }
  if (orders.kind !== 'prose') return undefined;
  const sentence = reading.statement.text;
  if (notTheAgents(reading, orders.clauses)) return undefined;
  // "Trigger: push to `main`": the event a pipeline runs on, described.
  if (TRIGGER_LABEL.test(sentence)) return undefined;
  // "Deploy it locally (`yarn deploy`)": a deploy to the developer's own machine publishes nothing.
  if (LOCAL_DEPLOY.test(sentence) && !/\b(?:push|publish|releas|merg)/i.test(sentence)) return undefined;
  // "Always use `./deploy.sh` to deploy the API": which tool publishing is done with, not that it is done now.
  const method = METHOD.test(sentence) && !TRIGGER.test(sentence);
  const table = reading.statement.source === 'table';
  const restricted = RESTRICTED.test(sentence);
  // Tested once per sentence, not per clause: a sentence may have thousands of clauses.
  // "Before committing and pushing, run `x`": the push is a precondition's, not ordered.
  const pipelineAt = PIPELINE.exec(sentence);
  const pipeline = pipelineAt !== null && !/\bbefore\s+$/i.test(sentence.slice(Math.max(0, pipelineAt.index - 12), pipelineAt.index));
  const labelled = labelledCommand(sentence);
  let prose: string | undefined;
  // Tested once per sentence, when a publish command is named.
  let standing: boolean | undefined;
  const named = (at: number): boolean =>
    namedNotOrdered(
      sentence,
      at,
      (code) => publishCommand(code, catalog) !== undefined,
      () => (standing ??= STANDING_ORDER.test(sentence)),
    );
  for (const clause of orders.clauses) {
    for (const [i, command] of clause.commands.entries()) {
      const found = publishCommand(command, catalog);
      // A label naming a command is a reference: what the command is called, not an order to run it; so is a table
      // row that pairs a command with what it does and orders nothing ("| `npx wrangler deploy` | Deploy |").
      if (found && !labelled && !method && !(table && !ROW_ORDERS.test(sentence)) && !named(clause.places[i] ?? -1))
        return { what: found, confidence: table || !certainClause(clause) ? 'medium' : 'high' };
    }
    if (prose || restricted || method) continue;
    // Another language: publishing named in a clause that forbids nothing, in its words or its code ("立即 `git push`"),
    // said to be done unasked or always.
    const { foreign } = clause;
    if (foreign && !foreign.conditional && orders.unasked && foreignPublishing(foreign, catalog)) prose = 'said in prose';
    if (clause.wordsOrder && (PUBLISH_PHRASE.test(clause.text) || BARE_ORDER.test(clauseOnward(sentence, clause.start, false))))
      prose = 'said in prose';
    else if (clause.wordsOrder && clause === orders.clauses[0] && BARE_FIRST.test(sentence)) prose = 'said in prose';
    else if (clause.wordsOrder && clause === orders.clauses[0] && PUSH_THEN_PR.test(sentence.slice(clause.start, clause.start + 200)))
      prose = 'said in prose';
    else if (clause.commands.length > 0 && TO_PUBLISH.test(clause.text)) prose = 'a command run to publish';
    else if (clause.wordsOrder && clause.commands.length > 0 && RUN.test(clause.text) && pipeline)
      prose = 'a command that commits and pushes';
    else if (
      clause.wordsOrder &&
      (RUN.test(clause.text) || PUBLISH_WITH.test(clause.text)) &&
      clause.commands.some((c) => namedForPublishing(c))
    )
      prose = 'a command named for publishing';
  }
  if (prose) return { what: prose, confidence: 'medium' };
  if (PUSH_CHAIN.test(sentence) && orders.clauses.some((c) => c.wordsOrder))
    return { what: 'a chain of steps that pushes', confidence: 'medium' };
  const automatic = AUTOMATIC_PIPELINE.exec(sentence);
  if (automatic && !negatedInClause(sentence, automatic.index)) return { what: 'a chain of steps that pushes', confidence: 'medium' };
  return publishingInSentence(sentence);
}

/** Orders a sentence gives as a whole: a pipeline that pushes, a passive obligation, a merge once the checks pass. */
function publishingInSentence(sentence: string): OrderReading | undefined {
  if (ENDS_WITH.test(sentence) && PIPELINE.test(sentence)) return { what: 'a command that commits and pushes', confidence: 'medium' };
  for (const re of [
    LANDS_ON_MAIN,
    THEN_BARE,
    NOT_LEFT_UNPUSHED,
    NOT_SKIPPED,
    AUTO_ON,
    TIMED_BARE,
    GIT_STEPS,
    ENSURED_PUSHED,
    AUTO_VERB,
    GITHUB_COMMITS,
    DIRECT_PUSH_ACCEPTED,
    WANTS_PUSHED,
    AUTHORIZED,
    OPT_OUT_DEFAULT,
  ]) {
    const m = re.exec(sentence);
    if (m && (re === NOT_LEFT_UNPUSHED || re === NOT_SKIPPED || !negatedInClause(sentence, m.index)))
      return { what: 'said in prose', confidence: 'medium' };
  }
  const must = MUST_BE_PUSHED.exec(sentence) ?? MUST_BE_PUSHED_EACH.exec(sentence);
  if (must && !negatedBefore(sentence, must.index)) return { what: 'said in prose', confidence: 'medium' };
  const mustPush = MUST_PUSH.exec(sentence);
  if (mustPush && !negatedInClause(sentence, mustPush.index)) return { what: 'said in prose', confidence: 'medium' };
  if (NO_PAUSE_BEFORE.test(sentence)) return { what: 'said in prose', confidence: 'medium' };
  const may = MAY_PUBLISH.exec(sentence);
  if (
    may &&
    !negatedInClause(sentence, may.index) &&
    !NOT_GRANTED.test(sentence.slice(Math.max(0, may.index - 20), may.index)) &&
    !(
      SAFE_TO.test(may[0]) &&
      (ASKED_OR_CONDITION.test(sentence.slice(Math.max(0, may.index - 120), may.index)) || /^[^.!]*\?/.test(sentence.slice(may.index)))
    )
  )
    return { what: 'permission to publish', confidence: 'medium' };
  const after = AFTER_CHECKS.exec(sentence);
  if (after && !HUMAN_GATE.test(after[0])) return { what: 'once the checks pass', confidence: 'medium' };
  return undefined;
}

/** What a statement orders that publishes or deploys, given the commands that do. */
export const publishingIn = (reading: StatementReading, catalog: CommandCatalog): string | undefined =>
  readPublishing(reading, catalog)?.what;

/**
 * A lead-in that only names the procedure its code block shows, a label not an order: "Quick coordinator deploy
 * (prod, EigenCloud):", "Production deploy:", "Coordinator release:"; at most six words, none a verb that orders or a
 * word that sets a time, and no comma. "Deploy the coordinator:" and "After the tests pass, deploy:" order it.
 */
const NAMES_PROCEDURE =
  /^\W{0,4}(?!(?:run|deploy|push|publish|release|merge|execute|use|then|now|next|first|finally|always|please|do|make|start|build|install|ship|upload|apply|tag|create|bump|trigger|invoke|call|open|submit|commit|after|when|once|if|before|also|to|for|and|you|we)\b)(?:[A-Za-z][\w.-]*\s+){1,5}(?:deploy(?:ment)?s?|releases?|publish(?:ing)?|rollouts?|runbook|procedure|process|steps)(?:\s*\([^(),]{0,40}(?:,[^(),]{0,40})?\))?(?:\*\*)?\s*[:：]\s*$/i;

/** A recognised order, with how sure the reading is. */
export interface OrderHit extends GuidanceHit {
  confidence: Confidence;
}

/**
 * The hits of a recogniser that reads orders with how sure it is, one per block; code a hand-off introduces
 * ("Maintainers release with:", a paragraph that orders nothing) is theirs to run, not the agent's.
 */
export function findOrders(
  readings: readonly StatementReading[],
  read: (reading: StatementReading, index: number) => OrderReading | undefined,
): OrderHit[] {
  const hits: OrderHit[] = [];
  let intro: StatementReading | undefined;
  // Whether the words of the lead-in order the code after them, read once for the lead-in, not once per line of its block.
  let introOrders = false;
  for (const [index, reading] of readings.entries()) {
    const { statement } = reading;
    if (statement.source === 'prose') {
      intro = reading;
      introOrders =
        reading.orders.kind === 'prose' &&
        !NAMES_PROCEDURE.test(statement.text) &&
        reading.orders.clauses.some((c) => c.wordsOrder || c.foreign !== undefined);
    }
    // The paragraph that leads into this statement's block, if the last one read does.
    const lead =
      intro !== undefined && intro.statement.block === statement.block && intro.statement.file === statement.file ? intro : undefined;
    const handedOff =
      statement.source === 'shell' &&
      lead !== undefined &&
      (lead.orders.kind === 'none' || (lead.orders.kind === 'prose' && lead.orders.clauses.length === 0));
    const found = handedOff ? undefined : read(reading, index);
    // A code block in a section that documents commands, with no order leading into it, shows how it is done, not that it is.
    // A procedure's own headings name its steps ("# Release process / ## Step 7: Push"): only the innermost one says
    // whether a section documents commands, and a numbered step ("### 2. Deploy the functions") documents none.
    const shown =
      found !== undefined &&
      statement.source === 'shell' &&
      lead === undefined &&
      statement.section !== undefined &&
      (isProcedureFile(statement.file) ? referenceStep(statement.section) : REFERENCE_SECTION.test(statement.section));
    // A command shown in a code block is certain only when words lead into it and order it.
    const ordered = statement.source !== 'shell' || (lead !== undefined && introOrders);
    if (found && !shown)
      hits.push({
        statement,
        quote: reading.quoteFor(found.what),
        ...found,
        // Not ordered by words: medium at most.
        confidence: ordered ? found.confidence : atMost(found.confidence, 'medium'),
      });
  }
  return firstPerBlock(hits);
}

/**
 * A step that stops for the user's go-ahead before the procedure goes on, as the whole sentence: "Present the proposed
 * version to the user and ask for confirmation before proceeding.", "Show the PR title and number, confirm with user
 * before proceeding", "Wait for the user's approval before continuing.", "Do not proceed until the user confirms the
 * version.", "Wait for explicit approval before committing.", "Ask for confirmation by showing:". What it goes on to
 * may name publishing ("… before proceeding with the merge"); anything else ("… before proceeding with the migration"),
 * or anything after it ("…; that is no longer needed", "… for documentation edits"), makes it no such step. Only the
 * reader is addressed: a lead-in verb of showing, then the step.
 */
const CONFIRMATION_STEP = new RegExp(
  String.raw`^(?:\d{1,3}[.)]\s+)?(?:` +
    String.raw`(?:(?:present|show|display|summari[sz]e|list|print|report|explain)\b[^.!?;:"“”‘’<>\[\]~]{0,120}?(?:,\s*|\s+and\s+|\s+then\s+))?` +
    String.raw`(?:(?:ask|prompt)(?: (?:the )?user)?(?: for| to)? (?:an? |the |explicit )*(?:confirm(?:ation)?|approv(?:al|e)|go-ahead)|confirm with (?:the )?user|(?:get|obtain|request|wait for|await) (?:the |an? )?(?:user'?s?|explicit)(?: explicit)? (?:confirmation|approval|go-ahead))` +
    String.raw`(?:(?: (?:it|this|them|the \w+))? before (?:proceeding|continuing|going (?:on|further)|moving on)( (?:with|to) [^.!?;:]{1,60})?` +
    // "… before committing", the step that goes on: publishing after it waits for the same yes.
    String.raw`|(?: (?:it|this|them|the \w+))? before (?:committing|pushing|merging|deploying|publishing|releasing|tagging)` +
    // "Ask for confirmation by showing:" and the list of what to show.
    String.raw`| by (?:showing|listing|presenting|displaying)\b[^.!?;:"“”]{0,80}:)` +
    String.raw`|do not (?:proceed|continue) until the user (?:confirms|approves|says yes)(?: [^.!?;:]{1,40})?` +
    String.raw`)\s*[.!]?$`,
  'i',
);

/** What a procedure's summary does not say: a command line, or that it goes on without asking. */
const SUMMARY_UNLIKE =
  /`[^`]*\s[^`]*`|\bwithout (?:asking|confirm|approv|prompt|waiting)|\b(?:never|don't|do not) (?:ask|confirm|wait)|\bunasked\b/i;

/** Typographic apostrophes and invisible characters, read as the sentence is seen. */
const normalised = (text: string): string =>
  text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .replace(/\*\*|__/g, '')
    .trim();

/**
 * The statements of a procedure (a command, skill or subagent: one run from start to end) that come after a step
 * stopping for the user's confirmation (CONFIRMATION_STEP, a whole prose sentence, not guarded), with the procedure's
 * opening paragraph when it sums up what the procedure does ("Create a new release for the project.") without a command
 * line or a waiver. A human says yes before a publishing step after it runs, so the step is a low-confidence reading:
 * a notice, never dropped, since a sentence only says the agent will ask.
 */
function afterConfirmation(readings: readonly StatementReading[]): Set<StatementReading> {
  const after = new Set<StatementReading>();
  let file: string | undefined;
  let procedure = false;
  let confirmed = false;
  let opening: StatementReading[] = [];
  let firstBlock: number | undefined;
  let commented: number | undefined;
  for (const reading of readings) {
    const { statement } = reading;
    if (statement.file !== file) {
      file = statement.file;
      procedure = isProcedureFile(file);
      confirmed = false;
      opening = [];
      firstBlock = undefined;
      commented = undefined;
    }
    if (!procedure) continue;
    if (confirmed) {
      // A sentence that waives asking ends what the step gates ("Never ask for approval. Run `git push`."), unless it
      // waives it only for other work ("Never ask for approval for lint fixes").
      if (reading.waivesApproval && (NAMES_PUBLISHING.test(statement.text) || !SCOPED_WAIVER.test(statement.text))) confirmed = false;
      else after.add(reading);
      continue;
    }
    if (statement.source !== 'prose') continue;
    // A paragraph with an HTML comment in it may hide the sentence from readers: none of it is a step.
    if (statement.text.includes('<!--')) commented = statement.block;
    // The first prose block, when it is a paragraph at the margin (a list item or a quote is a step, not a summary).
    firstBlock ??= statement.position.column === 1 ? (statement.block ?? -1) : -1;
    const text = normalised(statement.text);
    if (statement.block === firstBlock && !reading.waivesApproval && !SUMMARY_UNLIKE.test(text)) opening.push(reading);
    const step = CONFIRMATION_STEP.exec(text);
    if (step !== null && !statement.guarded && statement.block !== commented && (!step[1] || NAMES_PUBLISHING.test(step[1]))) {
      confirmed = true;
      for (const summary of opening) after.add(summary);
    }
  }
  return after;
}

/** A lead-in that states what every unit of work (changes, commits, features, tasks) must be, its items saying what: "Before moving on, ALL changes must be:". */
const EVERY_MUST_BE =
  /\b(?:every|each|all)\s+(?:(?:of\s+)?(?:the|your|my|our)\s+)?(?:\w+\s+){0,2}?(?:changes?|commits?|work|features?|fixes|fix|tasks?|modifications?|edits?|updates?)\b[^.:]{0,40}?\b(?:must|should|shall|needs? to|has to|have to)\s+(?:always\s+)?be\s*[:：]\s*$/i;
/** An item that names the state as published: "**Pushed to Remote Repository**", "Deployed to staging". */
const PUBLISHED_STATE = new RegExp(
  `^(?:[-*+]\\s+|\\d+[.)]\\s+)?(?:\\[[ xX]\\]\\s+)?(?:\\*\\*)?(?:pushed|deployed|published|merged|released)\\b${NOT_THE_AGENTS}`,
  'i',
);

/**
 * The passive obligation split over a lead-in and its list: "ALL changes must be:" leading into "2. **Pushed to Remote
 * Repository**:" says every change must be pushed (Ralph's AGENT.md template), as the sentence written whole does.
 */
function requiredAsState(readings: readonly StatementReading[], index: number): OrderReading | undefined {
  const { statement } = readings[index]!;
  if (statement.lead === undefined || statement.source !== 'prose' || statement.guarded || !PUBLISHED_STATE.test(statement.text))
    return undefined;
  for (let i = index - 1; i >= 0 && i >= index - MAX_LED; i--) {
    const before = readings[i]!.statement;
    if (before.file !== statement.file) return undefined;
    if (before.block === statement.lead)
      return !before.guarded && EVERY_MUST_BE.test(before.text) ? { what: 'said in prose', confidence: 'medium' } : undefined;
  }
  return undefined;
}

/** Guidance that tells the agent to publish or deploy on its own, by the rule's catalog (built-ins and the policy's `commands`); one finding per block. */
export function findPublishing(readings: readonly StatementReading[], catalog: CommandCatalog): OrderHit[] {
  const confirmed = afterConfirmation(readings);
  return findOrders(readings, (reading, index) => {
    const found = readPublishing(reading, catalog) ?? waivedForPublishing(readings, index, catalog) ?? requiredAsState(readings, index);
    return found && (confirmed.has(reading) || invokedToPublish(reading.statement.file)) ? { ...found, confidence: 'low' } : found;
  });
}

/** A waiver kept to some work: "… approval for formatting fixes", not "… approval for anything". */
const SCOPED_WAIVER =
  /\b(?:approval|confirmation|permission|asking)\s+(?:for|on|about|with|during|when)\s+(?!(?:any|every|all|anything|everything)\b)\w/i;

/**
 * Publishing named where approval is waived: "git push", "deploying", "merges"; not git's read-only `merge-base`,
 * `merge-tree` and `merge-file`.
 */
const NAMES_PUBLISHING =
  /\b(?:push(?:es|ing)?|deploy(?:s|ing|ments?)?|publish(?:es|ing)?|releas(?:e|es|ing)|merg(?:e|es|ing)(?!-(?:base|tree|file)\b))\b/i;

/** "Do this …", "Do it …": an order whose object is what was said before it. */
const REFERS_BACK =
  /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?(?:do|run|perform|apply|execute) (?:this|it|these|that|them|all (?:of )?(?:this|these|them))\b/i;
const refersBack = (text: string, orders: StatementReading['orders']): boolean =>
  REFERS_BACK.test(text) ||
  // In another language, a waiver that names nothing but doing or changing ("Не спрашивай — делай автоматически после
  // каждого изменения").
  (orders.kind === 'prose' &&
    orders.language !== undefined &&
    orders.clauses.every(
      (c) => c.mixed === true || (c.foreign?.code.length === 0 && [...c.foreign.names].every((n) => n === 'run' || n === 'write')),
    ));

/** How many statements of the list a lead-in leads into are read for what it waives. */
const MAX_LED = 50;

/**
 * A standing waiver of approval whose scope names publishing, in its own sentence, the next one of its paragraph or
 * what it leads into: "Never ask for confirmation — just act. Includes git push and deploying.", "Never ask before: - pushing".
 * A lead-in in another language that says to do what its list names unasked or always ("依頼しなくても次を行う:") is one too.
 */
export function waivedForPublishing(
  readings: readonly StatementReading[],
  index: number,
  catalog: CommandCatalog,
  wide = true,
): OrderReading | undefined {
  const reading = readings[index]!;
  const { statement, orders } = reading;
  // A lead-in ends in ":" or has a list right after it ("다음을 수행한다." and the steps).
  const leads = /[:：]\s*$/.test(statement.text) || readings[index + 1]?.statement.lead === statement.block;
  const foreignLead =
    leads && orders.kind === 'prose' && orders.unasked === true && orders.clauses.some((c) => c.foreign && !c.foreign.conditional);
  if (!reading.waivesApproval && !foreignLead) return undefined;
  // "Read-only production inspection is pre-authorized: heroku logs, heroku releases": what is waived only looks; "Allow
  // sync git … after user confirmed the step": what is waived waits for a person's yes.
  if (READ_ONLY_WAIVER.test(statement.text) || awaitsPersonsYes(statement.text)) return undefined;
  const what = reading.waivesApproval ? 'approval waived for publishing' : 'said in prose';
  const found = { what, confidence: 'medium' as const };
  // In a list of approvals given ahead (Cursor's `allow_instructions`, which its auto-run classifier follows), an entry
  // whose own words approve publishing is a grant, as a settings entry is: a certain reading.
  const own = reading.statement.approves === true ? { what, confidence: 'high' as const } : found;
  // "Unit tests are pre-approved; deploys need sign-off": a waiver of its subject grants only what the subject names.
  const subject = reading.waivesApproval && orders.kind === 'prose' && orders.language === undefined ? reading.waiverSubject : undefined;
  if (subject !== undefined) return textPublishes(subject) ? own : undefined;
  // Its own words, and the next sentence of its paragraph or what a waiver ending in ":" leads into; a waiver read
  // with another language's word lists, only its own.
  const next = readings[index + 1];
  const foreign = orders.kind === 'prose' && orders.language !== undefined;
  const follows =
    next?.statement.file === statement.file &&
    !foreign &&
    (next.statement.block === statement.block || leads) &&
    next.orders.kind !== 'none';
  if (namesPublishing(reading, catalog, false, !reading.waivesApproval)) return own;
  if (follows && namesPublishing(next, catalog, false)) return found;
  // Read wide (publish-deploy's own reading; sandbox-mode leaves a waiver to it only for the words above): the
  // statement a waiver with no object of its own speaks of, when that statement orders something ("Do this
  // automatically …", "Не спрашивай — делай автоматически"), and the items of the list it leads into.
  if (!wide) return undefined;
  const before = readings[index - 1];
  if (
    before?.statement.file === statement.file &&
    refersBack(statement.text, orders) &&
    ordersSomething(before) &&
    namesPublishing(before, catalog, false)
  )
    return found;
  if (leads)
    for (const item of readings.slice(index + 1, index + 1 + MAX_LED)) {
      if (item.statement.file !== statement.file || item.statement.lead !== statement.block) break;
      // An item that orders publishing on its own is reported there.
      if ((item === next && follows) || item.orders.kind === 'none' || readPublishing(item, catalog) !== undefined) continue;
      if (namesPublishing(item, catalog, true)) return found;
    }
  return undefined;
}

/** A waiver for what only reads: "read-only inspection is pre-approved". */
const READ_ONLY_WAIVER = /^\W*read-?only\b/i;

/** "- pushing to `main`", "- deploy the site": a list item that starts with publishing, not one that mentions it ("- the release notes"). */
const ITEM_PUBLISHING =
  /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?(?:git push|push(?:es|ing)?|deploy(?:s|ing)?|publish(?:es|ing)?|releas(?:e|es|ing)(?!\s+notes?)|merg(?:e|es|ing))\b/i;

/** Whether a statement names publishing: read with its language's word lists, or in English (as a list item's first words when `item`). */
function namesPublishing(reading: StatementReading, catalog: CommandCatalog, item: boolean, precondition = false): boolean {
  const { orders, statement } = reading;
  // Read with its language's word lists: a clause that forbids is not among the clauses; in a lead-in that waives
  // nothing, one that ends in "before" ("`git push` 前必须确保:") names what its steps come before.
  if (orders.kind === 'prose' && orders.language !== undefined)
    return orders.clauses.some(
      (c) => c.foreign !== undefined && !(precondition && c.foreign.before) && foreignPublishing(c.foreign, catalog),
    );
  if (item) return ITEM_PUBLISHING.test(statement.text);
  return textPublishes(withoutWaivers(statement.text));
}
const EVERY_PUBLISHING_NAME = new RegExp(NAMES_PUBLISHING.source, 'gi');
/** What leads a database's schema push: `db:`, `db `, `db-`. */
const SCHEMA_PUSH = /\bdb[:\s-]$/i;
/** Whether a text (a statement, a waiver's subject) names publishing, not denied where it does. */
function textPublishes(text: string): boolean {
  // The first word of publishing that is not part of a path or a file's name ("`scripts/watch-kimi-push.sh`"), nor a
  // database's schema push (`npm run db:push`, `supabase db push`), which readers take as no release.
  const named = [...text.matchAll(EVERY_PUBLISHING_NAME)].find(
    (m) =>
      !inFileName(text, m.index, m.index + m[0].length) &&
      !(/^push$/i.test(m[0]) && SCHEMA_PUSH.test(text.slice(Math.max(0, m.index - 3), m.index))),
  );
  return named !== undefined && !negatedInClause(text, named.index) && !DENIED_AFTER.test(text.slice(named.index));
}
/** Whether the characters from `start` to `end` lie in a path or a file name: a word with a `/` or a file's ending. */
function inFileName(text: string, start: number, end: number): boolean {
  const from = text.slice(0, start).search(/\S*$/);
  const to = end + (/^\S*/.exec(text.slice(end))?.[0].length ?? 0);
  const token = text.slice(from, to).replace(/^[\x60"'([*]+|[\x60"')\]*,;:!?]+$|\.$/g, '');
  return token.includes('/') || /\.[a-z0-9]{1,5}$/i.test(token);
}
/** "… ; deploys never do", "but pushing is not": the clause that names publishing denies it after the word. */
const DENIED_AFTER = /^[^.;:!?,]*?\b(?:never|not)\s+(?:do|does|is|are|can|may)\b|^[^.;:!?,]*?\b(?:isn't|aren't|don't|doesn't)\b/i;

/** A statement that orders something: a command, an imperative clause, or a clause read with another language's lists. */
const ordersSomething = ({ orders }: StatementReading): boolean =>
  orders.kind === 'command' ||
  (orders.kind === 'prose' && (orders.language !== undefined ? orders.clauses.length > 0 : orders.clauses.some((c) => c.wordsOrder)));
