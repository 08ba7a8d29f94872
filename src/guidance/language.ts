/**
 * The small amount of English a guardrail checker needs: sentences, clauses, negation, "ask first",
 * delegation to CI or a human, and imperative clauses addressed to the agent. Every pattern is linear:
 * bounded repetitions of character classes, alternations of literals, no nested quantifiers.
 */

/** Sentence boundaries outside inline code: `.`, `!`, `?` followed by space, and hard line breaks. */
export function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') inCode = !inCode;
    else if (
      !inCode &&
      (c === '.' || c === '!' || c === '?') &&
      /\s/.test(text[i + 1] ?? ' ') &&
      // Abbreviations in English, French ("ex.", "p. ex."), German ("z. B.", "bzw.") and Spanish ("p. ej."), when what
      // follows does not start a sentence (a capital after "etc." does: "Never force-push etc. Push when done.").
      !(
        /\b(?:e\.g|i\.e|etc|vs|cf|ex|eg|ie|incl|approx|z\.\s?b|bzw|usw|ggf|p\.\s?ej|ej|p\.\s?ex)$/i.test(
          text.slice(Math.max(0, i - 6), i),
        ) && !/^\s+\p{Lu}/u.test(text.slice(i + 1, i + 4))
      )
    ) {
      out.push({ start, end: i + 1 });
      start = i + 1;
    } else if (!inCode && c === '\n' && text[i + 1] === '\n') {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

const GUARD_HEADING =
  /\b(never|forbidden|prohibited|boundar(?:y|ies)|restrict(?:ed|ions?)|don'?t|do not|must not|not allowed|disallowed|avoid|dangerous|danger zone|guardrails?|safety|red lines?|off[- ]limits|what not to do|anti-?patterns?|hard rules|requires? (?:human )?approval|requires? (?:asking|confirmation)|needs? (?:approval|confirmation|asking)|ask first|ask before|human[- ]only|humans only|for humans|maintainers only|manual only|blocked|(?<!permission )denied|deny ?list|blocklist|no[- ]go)\b|🚫|⛔|❌/i;

/**
 * The same in the other languages guidance is written in: "禁止" (Chinese and Japanese), "금지" (Korean), "запрещено" and
 * "никогда" (Russian), "yasak" and "asla" (Turkish), "interdit", "prohibido", "verboten", "proibido", "vietato".
 */
const FOREIGN_GUARD_HEADING =
  /禁止|严禁|厳禁|禁用|금지|(?<![\p{L}])(?:запрещ\p{L}*|нельзя|никогда|yasak\p{L}*|asla|interdit\p{L}*|prohibid\p{L}*|verboten|proibid\p{L}*|vietat\p{L}*)(?![\p{L}])/iu;

/**
 * A negation of stopping, asking, guessing or forgetting ("Do Not Stop Early", "Don't ask, just do it", "Never assume",
 * "Don't forget to"): what follows is what to do instead, not a list of what is forbidden.
 */
const NOT_GUARDING = /\b(?:never|don'?t|do not|must not)\s+(?:stop|quit|give up|ask|prompt|wait|pause|hesitate|guess|assume|forget)\w*/gi;

/**
 * A heading that says what the agent itself does not do, as the whole heading: "What this skill does NOT do", "Things
 * we won't do"; not "What the release bot doesn't do".
 */
const NOT_DONE_HEADING =
  /^\W{0,4}(?:what|things)\s+(?:this\s+(?:skill|command|agent|subagent|droid|workflow|plugin|prompt|rule|mode)|the\s+(?:agent|assistant|ai)|we|i|you|it)\s+(?:does not|doesn'?t|do not|don'?t|will not|won'?t|never)\s+do\W{0,4}$/i;
/**
 * A heading that says, from its first word, that its items need someone's yes: "Still requires an explicit ask",
 * "Needs explicit user approval"; not "Deploying (requires manual approval in the GitHub environment)".
 */
const NEEDS_YES_HEADING =
  /^\W{0,4}(?:(?:still|always|also)\s+)?(?:requires?|needs?)\s+(?:an?\s+)?(?:(?:explicit|human|user|manual|prior)\s+){1,2}(?:approval|confirmation|ask(?:ing)?|permission|sign-?off)\W{0,4}$/i;

/** A heading under which everything is a guardrail: "Never", "Forbidden commands", "Boundaries", … */
export const isGuardHeading = (text: string): boolean =>
  GUARD_HEADING.test(text.replace(NOT_GUARDING, ' ')) ||
  NOT_DONE_HEADING.test(text) ||
  NEEDS_YES_HEADING.test(text) ||
  FOREIGN_GUARD_HEADING.test(text);

/** "Mutlaka sor:", "Спросить:", "Preguntar antes:": a lead-in in another language that asks first for what follows. */
const FOREIGN_ASK_INTRO =
  /(?<![\p{L}])(?:sor|onay al|izin al|pregunta(?:r)?|consulta(?:r)?|fragen|frage|demande(?:r)?|pergunt(?:e|ar)|спроси(?:ть)?|уточни(?:ть)?|согласуй|согласовать)(?![\p{L}])/iu;

/** "Never prompt before:", "Don't ask for permission to:": a pause forbidden, so what follows is done unasked. */
const NO_PAUSE_INTRO = /\b(?:never|don'?t|do not|no need to)\s+(?:ask|prompt|check|confirm|wait|pause|stop|hesitate)\b/i;

/** "Before using these flags, request user approval:": a lead-in that starts by asking first for what follows. */
const REQUEST_APPROVAL_INTRO =
  /^\W{0,4}(?:before\b[^,:]{0,80},\s*)?(?:request|get|obtain|seek)\s+(?:the\s+)?(?:user'?s?\s+|explicit\s+|human\s+)?(?:approval|confirmation|permission)(?:\s+(?:via|using|through|with)\s+\S{1,60}|\s+from\s+(?:the\s+)?(?:user|human|maintainer|owner)s?)?\s*:\s*$/i;

/** A lead-in that makes what follows a list of prohibitions: "Never run these:", "Forbidden:", "Bad example:". */
export const isGuardIntro = (text: string): boolean =>
  !NO_PAUSE_INTRO.test(text) &&
  (isGuardHeading(text) ||
    REQUEST_APPROVAL_INTRO.test(text) ||
    FOREIGN_ASK_INTRO.test(text) ||
    /\b(bad|wrong|incorrect|not this|instead of|should not|shouldn'?t|cannot|can'?t|must never|do ?not use|ask (?:a human|first|before)|not by (?:you|the agent|agents|an agent|the ai)(?=\s*[:.;]|\s*$))\b/i.test(
      text,
    ));

/** A row of a command table marked as forbidden or needing approval. */
export const isGuardRow = (cells: readonly string[]): boolean =>
  cells.some(
    (c) =>
      /^\s*(?:\*\*)?(?:no|never|❌|🚫|⛔|✗|forbidden|blocked|deny|denied|prohibited|not allowed|disallowed|ask(?: first)?|requires? (?:human )?approval|human only|manual(?: only)?|approval required|needs approval)\b/i.test(
        c,
      ) || /^\s*(?:❌|🚫|⛔|✗)/.test(c),
  );

/** Words of a table row that order rather than describe ("Always run …", "after every change", "must"). */
const ROW_ORDER =
  /\b(?:run|execute|invoke|always|must|should|never|after|every|each|then|automatically|before|ensure|make sure|use|when|once|first|yourself|immediately|now|without)\b/i;
/**
 * Whether a table row orders something in its own words, its code left out: a row that does not ("| `--add-dir` |
 * Grant access to more folders |", "| jq | `brew install jq` |", "| Deploy | `npm run deploy` |") pairs a thing with
 * what it is or how it is got, a reference for whoever reads it.
 */
export const rowOrders = (row: string): boolean => ROW_ORDER.test(row.replace(/`[^`]*`/g, ' '));

const INSTALL_HEADER = /^\s*(?:\*\*)?(?:install(?:ation)?(?: (?:command|commands|with|via|method))?|how to install)(?:\*\*)?\s*$/i;
const FLAG_HEADER = /^\s*(?:\*\*)?(?:cli )?(?:flags?|options?|switch(?:es)?)(?:\*\*)?\s*$/i;
/** A command that installs a tool: a package manager's or a platform installer's. */
const INSTALL_COMMAND =
  /^\s*(?:sudo\s+)?(?:brew|apt(?:-get)?|dnf|yum|pacman|apk|port|choco|scoop|winget|snap|npm|pnpm|yarn|bun|pip3?|pipx|uv|cargo|go|gem|mise|asdf)\s+(?:(?:global|tool)\s+)?(?:install|add|i|get)\b/i;

/**
 * A row of a reference table that is what its header says: the install command of each tool in a column of installs
 * ("| Tool | Purpose | Install |" over `brew install jq`), or a flag and what it does under a first column of flags
 * ("| Flag | Effect |" over `--add-dir <paths>`). Any other row under such a header is read as a row of any table.
 */
export function isReferenceRow(header: readonly string[], cells: readonly { text: string; code: readonly string[] }[]): boolean {
  const install = header.findIndex((h) => INSTALL_HEADER.test(h));
  if (install >= 0) {
    const code = cells[install]?.code ?? [];
    return code.length > 0 && code.every((c) => INSTALL_COMMAND.test(c));
  }
  return header.length >= 2 && FLAG_HEADER.test(header[0]!) && /^\s*\x60?-/.test(cells[0]?.text ?? '');
}

/** A table header of a procedure, whose rows are steps to take: a column of steps ("| # | Step |", "| What to run |"). */
export const isProcedureHeader = (cells: readonly string[]): boolean =>
  cells.some((c) => /^\s*(?:\*\*)?(?:steps?|what to (?:do|run)|commands? to run)(?:\*\*)?\s*$/i.test(c));

/** "No approval needed", "confirmation not required": an item that waives asking, inside a list that asks first. */
export const waivesAsking = (text: string): boolean =>
  /\bno (?:approval|confirmation|permission)s? (?:is )?(?:needed|required)\b|\b(?:approval|confirmation|permission) (?:is )?not (?:needed|required)\b/i.test(
    text,
  );

/** "✅ Always:", "Allowed:", "You may:" — an instruction even inside a guardrail section. */
export const isPositiveMarker = (text: string): boolean =>
  /^\s*(?:(?:✅|✔️?|\*\*)\s*)?(?:\*\*)?(?:always|allowed|you (?:may|can)|ok to|do)\b(?:\s*\*\*)?\s*:/i.test(text) || /^\s*✅/.test(text);

/**
 * Clause boundaries inside a sentence: punctuation and the conjunctions that start a new instruction. An arrow
 * ends a case and starts what to do in it ("Recent facts → search first").
 * A clause that starts with "and"/"or"/"nor" shares the verb phrase before it, so it inherits its negation
 * ("never commit and push" forbids both).
 */
export function splitClauses(sentence: string): { text: string; start: number; coordinated: boolean }[] {
  const out: { text: string; start: number; coordinated: boolean }[] = [];
  const re = /[,;:—–()→]|\s-\s|\b(?:but|then|and|or|so|otherwise|instead|except|unless|just|whereas)\b/gi;
  let start = 0;
  // Inline code never holds a clause boundary. Boundaries come in order, so one pointer walks the spans.
  const codeSpans = [...sentence.matchAll(/`[^`]*`/g)].map((m) => [m.index, m.index + m[0].length] as const);
  let span = 0;
  const inSpan = (i: number): boolean => {
    while (span < codeSpans.length && codeSpans[span]![1] <= i) span++;
    return span < codeSpans.length && i > codeSpans[span]![0] && i < codeSpans[span]![1];
  };
  for (const m of sentence.matchAll(re)) {
    if (inSpan(m.index)) continue;
    out.push({ text: sentence.slice(start, m.index), start, coordinated: /^(?:and|or)\b/i.test(sentence.slice(start)) });
    start = m.index + (/^[,;:—–()→]$/.test(m[0]) ? 1 : 0);
  }
  out.push({ text: sentence.slice(start), start, coordinated: /^(?:and|or)\b/i.test(sentence.slice(start)) });
  return out.filter((c) => c.text.trim() !== '');
}

const NEGATION =
  /\b(?:never|not|no|don'?t|doesn'?t|won'?t|can'?t|cannot|shouldn'?t|mustn'?t|isn'?t|aren'?t|avoid(?:ing)?|refrain|forbid(?:den)?|prohibit(?:ed)?|disallow(?:ed)?|ban(?:ned)?|nor|stop)\b|❌|🚫|⛔|✗/i;
/** Phrases whose negation flips back to an instruction: "don't forget to", "never hesitate to". */
const DOUBLE_NEGATIVE =
  /\b(?:don'?t|do not|never) (?:forget|hesitate|wait|fail)\b(?: to)?|\bnot only\b|\bno matter\b|\bno longer (?:need to )?ask\b|\bno need to (?:ask|confirm|wait|check)\b|\b(?:don'?t|do not|never) (?:ask|check|confirm|wait)\b[^.]{0,40}\b(?:before|for|first)\b/gi;

/** Whether the words before `index` in a clause negate or forbid what is at `index`. */
export function negatedBefore(clause: string, index: number): boolean {
  const before = clause.slice(0, index).replace(DOUBLE_NEGATIVE, ' ');
  return NEGATION.test(before);
}

/**
 * Whether the clause of a sentence holding `index` negates what is there: negation in another clause ("NEVER say
 * 'ready when you are' - YOU must push") does not reach it, but a clause joined by "and"/"or" shares the negation
 * of the one before ("never commit and push").
 */
export function negatedInClause(sentence: string, index: number): boolean {
  let previous = false;
  for (const clause of splitClauses(sentence)) {
    const end = clause.start + clause.text.length;
    const negated: boolean = (clause.coordinated && previous) || negatedBefore(clause.text, Math.min(index, end) - clause.start);
    if (index < end) return negated;
    previous = negated;
  }
  return false;
}

/**
 * `negatedBefore` for every position of one clause, in time linear in the clause: where the first negation
 * ends (Infinity if none); a position at or after it is negated. Double negatives are blanked out of the whole
 * clause once, so "never ask before `x`" reads as the instruction it is.
 */
export function negatedFrom(clause: string): number {
  const blanked = clause.replace(DOUBLE_NEGATIVE, (phrase) => ' '.repeat(phrase.length));
  const m = NEGATION.exec(blanked);
  return m ? m.index + m[0].length : Infinity;
}

/** Somebody else does it, or a human approves first: a guardrail whatever else the sentence says. */
const ASK_FIRST = [
  /\b(?:ask|check with|confirm with|consult (?:with )?(?:the |a |your )?(?:users?|humans?|team|maintainers?|owners?|leads?|reviewers?|security|someone|a person|me|us)\b|ping|get (?:explicit )?(?:approval|sign-?off|permission|confirmation|a review)|request (?:approval|permission|a review)|wait for (?:approval|a human|review|confirmation|sign-?off)|seek (?:approval|permission))\b[^.]{0,80}\b(?:before|first|prior to|until)\b/i,
  /\bask (?:(?:the |your )?(?:users?|humans?|maintainers?|me|us) )?(?:first|before|for (?:approval|permission|confirmation))\b/i,
  /\b(?:only|solely) (?:after|once|when|with|if)\b[^.]{0,40}\b(?:human|manual|explicit|maintainer|owner|reviewer|user|approv|confirm|sign-?off|review)/i,
  /\b(?:requires?|needs?|must have|must get|subject to|pending|gated (?:on|by)|behind)\b[^.]{0,40}\b(?:human|manual|explicit|maintainer|owner|reviewer|user'?s?|approv|confirm|sign-?off|review)/i,
  /\b(?:a |the )?(?:human|maintainer|release manager|owner|reviewer|on-?call|team lead|lead|person|someone|admin|operator|user)s? (?:must |will |should |always )?(?:approves?|runs?|does|handles?|performs?|triggers?|releases?|deploys?|publishes?|merges?|pushes|confirms?|signs? off|reviews?|decides?)\b/i,
  /\b(?:only|solely|exclusively) (?:through|via|by|in|from|using) (?:the |a |our )?(?:ci|cd|ci\/cd|pipeline|release (?:workflow|process|pipeline)|github actions?|workflows?|release)/i,
  /\b(?:is|are|gets?) (?:done|handled|performed|run|triggered|managed|automated|owned|gated) (?:only )?(?:by|through|via|in) (?:ci|cd|the pipeline|github actions|a human|humans|the release workflow|maintainers?|the team)/i,
  /\bwith (?:explicit |prior |human )?(?:approval|permission|confirmation|sign-?off)\b/i,
  /\b(?:is|are)\s+(?:strictly\s+|always\s+)?(?:forbidden|prohibited|not allowed|disallowed|banned|blocked|off-limits|never allowed|not permitted)\b/i,
  /\b(?:ask|let|have) (?:the |a |your )?(?:platform |infra |infrastructure |release |security |ops |devops |sre |on-?call )?(?:team|human|maintainers?|owners?|lead|reviewers?|release manager)\b/i,
  /\b(?:dry[- ]run|--dry-run|plan only)\b/i,
  // "`npm publish` (humans only)", "maintainers only", "not for agents": a hand-off marked on the command.
  /\((?:for\s+)?(?:humans?|maintainers?|owners?|people|manual(?:ly)?)(?:\s+only)?\)|\b(?:humans?|maintainers?|owners?)[- ]only\b|\bnot for (?:the )?(?:agents?|ai|assistants?|llms?)\b/i,
];

/** "Ask whether to commit and push", "ask the user if they want it deployed": asking before it. */
const ASK_WHETHER = /\bask (?:(?:the |your )?(?:users?|humans?|maintainers?|me|us) )?(?:whether|if) (?:to|they|you|i|we|it|this|that)\b/i;
/** A refusal earlier in the clause ("never ever ask whether …", "do not ask if …"), which turns the asking around. */
const REFUSED_BEFORE = /\b(?:never|not|n't|no need to|without|stop)\b[^.;:!?]{0,60}$/i;

/** Where a sentence first says to ask before acting, or -1. */
export function askFirstAt(sentence: string): number {
  const at = Math.min(...ASK_FIRST.map((re) => re.exec(sentence)?.index ?? Infinity));
  if (at !== Infinity) return at;
  const m = ASK_WHETHER.exec(sentence);
  return m !== null && !REFUSED_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index)) ? m.index : -1;
}

export const asksFirst = (sentence: string): boolean => {
  if (ASK_FIRST.some((re) => re.test(sentence))) return true;
  const m = ASK_WHETHER.exec(sentence);
  return m !== null && !REFUSED_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index));
};

/** Words that may come before the verb of an imperative clause addressed to the agent. */
const LEAD_IN =
  /^(?:\s|[-*+>#]|\d+[.)]|\*\*[^*]{0,40}\*\*:?|[^\s\w`'"$~./\\]{1,3}|(?:then|finally|also|always|just|only(?![^.]{0,120}?\b(?:when|if|after|once|unless|until|in case|with)\b)|simply|please|now|next|first|afterwards|immediately|automatically|directly|once done|when done|go ahead and|feel free to|make sure (?:to|you)|remember to|be sure to|don'?t forget to|do not forget to|never forget to|don'?t hesitate to|you (?:can|may|should|must|will|need to|have to|are (?:allowed|free|expected|encouraged|permitted) to)|you'?re (?:allowed|free|expected|encouraged|permitted) to|it'?s (?:ok|okay|fine) to|it is (?:ok|okay|fine) to|(?:the )?agents? (?:can|may|should|must|will)|(?:(?:openai|anthropic'?s?|google|github) )?(?:codex|claude(?: code)?|copilot|gemini(?: cli)?|cursor|aider|opencode|the assistant|the ai|ai agents?) (?:can|may|should|must|will|is allowed to)|try to|to|and|but|yet|so)\b\s*)+/i;

/** The clause with its lead-in removed, and where the rest starts. */
export function leadingVerb(clause: string): { rest: string; offset: number } {
  const m = LEAD_IN.exec(clause);
  const offset = m ? m[0].length : 0;
  return { rest: clause.slice(offset), offset };
}

/** Words a descriptive sentence starts with; an instruction starts with a verb instead. */
const NOT_A_VERB =
  /^(?:the|a|an|this|that|these|those|our|we|it|its|it'?s|there|here|each|every|some|ci|cd|my|your|his|her|their|when|whenever|anytime|if|after|before|once|as|since|because|although|though|while|which|who|what|where|why|how|i|you|they|he|she|one|no|not|any|both|either|neither|most|many|much|more|less|few|several|such|other|another|same|all|only|also|even|note|nb|for|in|on|at|by|from|with|without|of|to|via|per|alongside|beside|besides|under|into|onto|across|through|throughout|between|among|against|within|inside|around|behind|beyond|during|until|unlike|including|regarding|despite|upon|towards?|is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|shall|should|may|might|must|never|always|usually|often|sometimes|currently|today|now|new|old|main|default|example|examples|e\.g|i\.e)\b/i;

/** A verb used as the subject of a description: "Push to `main` triggers the deploy", "Merge into main runs the release". */
const NOUN_SUBJECT =
  /^[A-Za-z]+\s+(?:to|on|into|onto|from|of|in)\s+\S{1,60}\s+(?:automatically\s+)?(?:triggers|starts|kicks off|runs|deploys|publishes|builds|causes|fires|launches|updates|redeploys|auto-deploys|creates|is|are|will|goes)\b/i;

/**
 * Whether a clause (lead-in removed) gives an order: it starts with inline code, or with a word that is
 * not a determiner, pronoun or preposition and does not read as a third-person, past or -ing form
 * ("Deploys happen…", "Deploying is…", "Released on…").
 */
export function isImperative(rest: string): boolean {
  const text = rest.trimStart();
  if (text.startsWith('`')) return true;
  if (NOUN_SUBJECT.test(text)) return false;
  const m = /^([A-Za-z][A-Za-z-]*)(?:\s+([A-Za-z']+))?(?:\s+([A-Za-z']+))?/.exec(text);
  if (!m) return false;
  const [, first, second, third] = m as unknown as [string, string, string | undefined, string | undefined];
  // "Do a web search", "do the following": "do" with an object is the verb, not an auxiliary.
  if (/^do$/i.test(first) && /^(?:a|an|the|some)$/i.test(second ?? '')) return true;
  if (NOT_A_VERB.test(first)) return false;
  if (
    /(?:[^s]s|ing|ed)$/i.test(first) &&
    !/^(?:press|access|pass|process|bless|focus|discuss|address|embed|need|feed|seed|proceed|succeed|exceed|bring|ping|sing|string)$/i.test(
      first,
    )
  )
    return false;
  if (
    second !== undefined &&
    /^(?:is|are|was|were|uses|runs|happens|lives|goes|gets|has|have|will|should|can|must|may|needs|requires|depends|means|takes|belongs)$/i.test(
      second,
    )
  )
    return false;
  // "GitHub releases must be created via …": a two-word subject before a modal or a copula.
  if (third !== undefined && /^(?:is|are|was|were|must|should|will|can|may|might|has|have|needs|requires)$/i.test(third)) return false;
  return true;
}

/** A condition the rest of a sentence depends on: "if …", "when …", "unless …", "in case …", "→" (a fallback). */
const CONDITION = /\b(?:if|when|whenever|unless|in case|in the event|fallback)\b|→/i;

/** Whether the words of a sentence before `index` (at most 200 characters back) make what follows conditional. */
export const conditionBefore = (sentence: string, index: number): boolean =>
  CONDITION.test(sentence.slice(Math.max(0, index - 200), index));

/** Use kept to a condition or a request: "only if needed", "only when the user asks", "if the user explicitly asks". */
const ON_REQUEST = new RegExp(
  [
    String.raw`\bonly\s+(?:if|when|where|once|after|in case|as (?:needed|necessary|required))\b`,
    String.raw`\b(?:if|when) (?:really |absolutely |strictly )?(?:needed|necessary|required)\b`,
    String.raw`\b(?:if|when|unless|until|once)\s+(?:the\s+|a\s+)?(?:user|human|developer|maintainer|owner|operator|you are|you're|explicitly)s?\b[^.]{0,30}?\b(?:asks?|asked|requests?|requested|instructs?|instructed|wants?|says?|approves?|approved|tells?|told)\b`,
    String.raw`\b(?:unless|until|only when|only if)\s+(?:explicitly\s+|specifically\s+)?(?:asked|requested|instructed|told|approved)\b`,
    String.raw`\bon (?:explicit |specific )?(?:request|demand)\b`,
  ].join('|'),
  'i',
);
/**
 * A person's yes to the step itself, as the words that end the text: "… after user confirmed the step", "… once the
 * user approves it". Not a yes to something else ("… once the owner approves the budget, `terraform apply` too"), not
 * a standing grant ("until the user confirms otherwise"), not a request for the work ("when the user asked for
 * deploy"): an approval keyed to one of those is still given ahead.
 */
const PERSON_CONFIRMED =
  /\b(?:after|once|when)\s+(?:the\s+)?(?:user|human|maintainer|owner)s?\s+(?:has\s+|have\s+)?(?:explicitly\s+)?(?:confirms?|confirmed|approves?|approved)(?:\s+(?:it|them|this|each|the (?:step|push|deploy|release|merge|change)s?))?\s*[.!]?\s*$/i;
/** Where a leading condition may start: after a list marker, a step number or bold. */
const LEADING = String.raw`^[^\p{L}\p{N}\x60]{0,6}(?:\d{1,3}[.)]\s+)?(?:\*\*)?\s*`;
/** Who approving is no person's approval: a pipeline, a bot, an agent, a test. */
const NOT_A_PERSON = String.raw`(?:(?:a|an|the|our|its)\s+)?(?:[\w-]+\s+)?(?:ci|cd|bots?|checks?|tests?|test suite|pipelines?|linters?|automation|workflows?|github|actions|jenkins|buildkite|circleci|travis|gitlab|argo\w*|atlantis|claude|codex|gemini|copilot|cursor|devin|jules|dependabot|renovate|mergify|coderabbit|sonar\w*|snyk|\w+bot|\w+\[bot\])`;
/**
 * An approval a text waits for before what follows, said as its leading condition: "If approved:", "After explicit
 * approval:", "When the user approves, …", the user's yes to a question put ("If they agree, …"); in French, Spanish
 * and Portuguese "Si approuvé :", "Après validation :", "Si se aprueba", "Após aprovação". Not an approval given by a pipeline, a bot or an agent ("If approved by CI"), and
 * not one named later in the text ("…, the PR is merged after approval"): that condition is on something else.
 */
const APPROVAL_AWAITED = new RegExp(
  LEADING +
    `(?:${[
      String.raw`(?:if|when|once|after)\s+(?:explicitly\s+)?approved\b(?!\s+by\s+${NOT_A_PERSON}\b)`,
      String.raw`after\s+(?:(?:explicit|human|their|your|the user'?s?)\s+)?(?:approval|sign-?off)\b(?!\s+(?:by|from)\s+${NOT_A_PERSON}\b)`,
      String.raw`(?:if|when|once|after|until)\s+(?:the\s+)?(?:user|human|maintainer|owner)s?\s+(?:explicitly\s+)?(?:approves?|approved|confirms?|confirmed|says so|signs off)\b`,
      // The user's answer to a question put to them: "If they agree, run …:", "Upon the user's confirmation, …". Not a
      // yes or a confirmation that names no person ("If yes, publish:", "**yes** → push:" may answer the agent's own
      // check; "After confirmation from CI" is a pipeline's; "your go-ahead" is the agent's own).
      String.raw`(?:if|when|once|after)\s+(?:the\s+user|they)\s+(?:agrees?|agreed|says?\s+yes|answers?\s+yes|accepts?|accepted)\b`,
      String.raw`(?:on|upon|after)\s+(?:the\s+(?:user|human|maintainer|owner)'?s)\s+(?:explicit\s+)?(?:confirmation|go-ahead)\b(?!\s+(?:from|by|of|via|that)\b)`,
      String.raw`(?:si\s+(?:c'est\s+|(?:il|elle)\s+est\s+)?(?:approuvé|validé)e?|(?:une fois|après)\s+(?:(?:approuvé|validé)e?|(?:l'|la\s+)?(?:approbation|validation|accord))|si\s+(?:se\s+aprueba|es\s+aprobad[oa]|(?:é|for)\s+aprovad[oa])|(?:después de|tras|após|depois da)\s+(?:la\s+|a\s+)?(?:aprobación|aprovação))(?![\p{L}])(?!\s+(?:par|por|pela|pelo)\s+(?:la\s+|le\s+|el\s+|a\s+|o\s+)?(?:ci|bot|tests?|pipeline)\b)`,
    ].join('|')})`,
  'iu',
);
/**
 * "When Jerome approves: …", "Until Maria confirms, …": an approval a named person gives, said as the leading
 * condition. A name only (a capital, then small letters), and none of a pipeline, a bot or an agent ("When Claude
 * approves", "When Dependabot approves" stay the agent's own steps).
 */
const NAMED_APPROVAL = new RegExp(
  LEADING +
    String.raw`(?:[Ii]f|[Ww]hen|[Oo]nce|[Aa]fter|[Uu]ntil|[Uu]nless)\s+(\p{Lu}\p{Ll}{1,20})\s+(?:explicitly\s+)?(?:approves|approved|confirms|confirmed|agrees|says so|signs off|gives the go-ahead)\b`,
  'u',
);
const NO_PERSON = new RegExp(`^${NOT_A_PERSON}$`, 'i');

/** Whether a text keeps what it allows to need or to a request: a conditional guardrail. */
export const onRequest = (text: string): boolean =>
  // "Before ending a session (or when the user says so), write …": a request added as another time, not the only one.
  ON_REQUEST.test(text.includes('(') ? text.replace(/\(\s*or\b[^()]{0,200}\)/gi, ' ') : text) || awaitsApproval(text);

/** Whether a text waits for a person's yes to what it allows: as its leading condition, or after it. */
export const awaitsPersonsYes = (text: string): boolean => (PERSON_CONFIRMED.test(text) && !STANDING.test(text)) || awaitsApproval(text);
/** An approval said to stand: "all future pushes", "from now on", "without asking" — no yes to one step. */
const STANDING =
  /\b(?:future|from now on|for the rest of|always|without (?:asking|a prompt|prompting|approval)|every time|any time|each time)\b/i;

/**
 * "Merge to main after approval.", "**Deploy** once the user confirms": a publishing step whose own words end in the
 * approval it waits for, the whole sentence (not "Push, and the PR is merged after approval": that waits for the
 * merge).
 */
const STEP_AFTER_APPROVAL = new RegExp(
  LEADING +
    // The words between hold no code, no second step and no other time ("Deploy with `x` and push after approval",
    // "Push now or after approval").
    String.raw`(?:merge|push|deploy|publish|release|ship|tag)\b(?:(?!\b(?:and|then|or|before|without|now|immediately|right away)\b)[^.,;:!?\x60&+/]){0,60}?\s(?:after|once|upon|following)\s+` +
    String.raw`(?:(?:explicit|human|their|your|the|user'?s?|maintainer'?s?|reviewer'?s?|written)\s+){0,2}` +
    String.raw`(?:approval|sign-?off|confirmation|go-ahead|(?:user|human|maintainer|reviewer)s?\s+(?:approves?|confirms?|signs off))\b` +
    String.raw`(?!\s+(?:by|from)\s+${NOT_A_PERSON}\b)(?:\s*[.!])?$`,
  'i',
);

/** Whether a publishing step waits for the approval its own words end in. */
export const stepAfterApproval = (text: string): boolean => STEP_AFTER_APPROVAL.test(text.replaceAll('**', '').trimEnd());

/** Whether a text starts by waiting for someone's approval: "When Jerome approves", "If approved", "Après validation". */
export function awaitsApproval(text: string): boolean {
  if (APPROVAL_AWAITED.test(text)) return true;
  const named = NAMED_APPROVAL.exec(text);
  return named !== null && !NO_PERSON.test(named[1]!);
}

/**
 * A lead-in that leaves what follows to the user: a choice offered ("prompt the user and offer these options:"), a
 * request it waits for ("If the user types `#deploy`, …:", "Si el usuario escribe …:"), a procedure for when a
 * release is wanted ("To release a new version:"), or text to show the user ("Print:", "Provide the user with the
 * following guidance:"). What follows is done only then, or not by the agent.
 */
const LEFT_TO_USER = new RegExp(
  [
    String.raw`\b(?:ask|prompt|offer)\b[^.:]{0,40}?\b(?:the user|the human|them)\b`,
    // "If Node.js is missing, inform the user that it is required and suggest:": what follows is suggested to the user,
    // for the user to run; not "tell the user what changed and then run:".
    String.raw`(?:^|[,;]\s*)(?:inform|tell|advise|warn)\s+(?:the\s+)?(?:user|human)\b[^.:]{0,80}\b(?:suggest|recommend|offer)(?:\s+(?:these|the|some|two|three|following))?(?:\s+(?:options|choices|alternatives|fixes|commands|steps))?\s*:\s*$`,
    String.raw`\boffer\s+(?:the user\s+)?(?:exactly\s+|these\s+|the following\s+)*(?:\d+\s+)?(?:options|choices)\b`,
    String.raw`\b(?:if|when)\s+(?:the\s+)?user\s+(?:types|writes|sends|enters)\b`,
    String.raw`\b(?:si|cuando)\s+el\s+usuario\b[^.:]{0,30}?\b(?:escribe|pide|solicita|dice|indica|aprueba)\b`,
    String.raw`(?:когда|если)\s+пользователь\s+(?:просит|попросит)`,
    String.raw`^\s*(?:to|for)\s+(?:releas|publish|deploy|ship)\w*\b[^:]{0,80}:\s*$`,
    // "Provide the user with the following guidance:": what follows is given to the user, named in at most three
    // words (not "Show the user these commands, then run them:").
    String.raw`\b(?:provide|give|send|show)\s+(?:the\s+)?(?:user|human)s?\s+(?:with\s+)?(?:the\s+following|these|this|some)\b(?:\s+[\w-]+){0,3}\s*:\s*$`,
    // "Print:", "Output to the user:": the text that follows is shown, not run.
    String.raw`^\W{0,4}(?:\d{1,3}[a-z]?[.)]\s*)?(?:print|output|display|show|echo|report|reply|respond)(?:\s+(?:with|back))?(?:\s+(?:this|the following|exactly|something like(?: this)?))?(?:\s+to\s+the\s+user)?\s*:\s*$`,
  ].join('|'),
  'i',
);
export const leavesToUser = (intro: string): boolean => LEFT_TO_USER.test(intro) || ON_REQUEST.test(intro) || awaitsApproval(intro);

/**
 * A guardrail said in another language the English heuristics do not read: French, Spanish, Portuguese,
 * Italian, German or Turkish words for "never", "not" or "without asking" ("Ne pas `git push` sans demande
 * explicite"). Read by rules that would otherwise take the command in it as an order.
 */
const OTHER_LANGUAGE_GUARD =
  /\b(?:ne (?:pas|jamais)|jamais|sans (?:demande|autorisation|accord|validation|confirmation)|interdit|nunca|sin (?:permiso|autorizaci[oó]n|confirmaci[oó]n)|prohibido|n[ãa]o|sem (?:permiss[ãa]o|autoriza[çc][ãa]o|confirma[çc][ãa]o)|proibido|senza (?:permesso|autorizzazione|conferma)|vietato|nicht|niemals|ohne (?:erlaubnis|freigabe|best[äa]tigung|r[üu]ckfrage)|verboten|onay (?:iste|almadan|al)|yasak)(?![\p{L}])/iu;
export const guardsInOtherLanguage = (sentence: string): boolean => OTHER_LANGUAGE_GUARD.test(sentence);

/**
 * The sentence from `start` (a clause's verb) on, through the clauses that continue it (a list after commas,
 * "or …"), up to a colon, semicolon or arrow, or the first negation; at most 200 characters. Brackets end it too,
 * unless `throughBrackets`: then a remark or an example list in brackets ("configs (e.g., `.env`)") is read
 * through, with "e.g."/"i.e." kept from reading as sentence ends.
 */
export function clauseOnward(sentence: string, start: number, throughBrackets: boolean): string {
  const window = sentence.slice(start, start + 200);
  const tail = throughBrackets ? window.replace(/\b(e\.g|i\.e)\./gi, 'eg, ') : window;
  const stop = (throughBrackets ? /[:;→]/ : /[:;()→]/).exec(tail);
  const cut = stop ? tail.slice(0, stop.index) : tail;
  const negated = negatedFrom(cut);
  return negated === Infinity ? cut : cut.slice(0, negated);
}
