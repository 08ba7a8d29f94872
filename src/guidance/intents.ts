import { commandsIn, findInCommandLine, type CommandCatalog } from '../shell/catalog.js';
import { detectSecret, type SecretMatch } from '../secrets/literal.js';
import { redactSecrets } from '../secrets/redact.js';
import type { SecretPathMatcher } from '../secrets/paths.js';
import { secretRead } from '../shell/secret-read.js';
import { asksFirst, isGuardIntro, isImperative, leadingVerb, negatedBefore, negationsIn, splitClauses } from './language.js';
import type { Statement } from './statements.js';

export type GuidanceRule = 'sandbox-mode' | 'network-access' | 'outside-writes' | 'publish-deploy' | 'secret-access';

/** What a statement tells the agent to do that a rule forbids. */
export interface GuidanceHit {
  rule: GuidanceRule;
  statement: Statement;
  /** What was recognised: a command, a flag, or a phrase. */
  what: string;
  /** The statement as quoted in the finding, credentials redacted. */
  quote: string;
}

// ---- recognisers; each is linear (bounded classes, literal alternations) ----

const BYPASS_FLAG =
  /--dangerously-bypass-approvals-and-sandbox|--dangerously-skip-permissions|--dangerously-allow-all|--yolo\b|--permission-mode[= ]bypassPermissions|--approval-mode[= ]yolo|(?:-s|--sandbox)[= ]danger-full-access|\bdanger-full-access\b|\bbypassPermissions\b|--allow-all-tools\b|--allow-all(?![-\w])|(?:-a|--ask-for-approval)[= ]never\b|\bapproval_policy\s*=\s*["']never["']|--yes-always\b|(?:^|\s)\/yolo\b|\bcursor-agent\b[^`|]{0,80}\s(?:--force|-f)\b/i;
const BYPASS_PHRASE =
  /^(?:run|start|launch|use|enable|turn on|switch (?:to|on)|put (?:yourself |it )?in(?:to)?|go|operate|work)\b[^.]{0,40}?\b(?:yolo|full[- ]access|bypass(?:permissions| mode)?|dangerous(?:ly)? mode|autopilot|turbo mode|brave mode|run everything|auto-?approve(?: mode)?)\b|^(?:disable|turn off|skip|bypass|ignore|switch off)\b[^.]{0,20}?\b(?:the )?(?:sandbox(?:ing)?|permission (?:prompts?|checks?|system)|approval(?: prompt)?s?|confirmation(?: prompt)?s?|safety checks?)\b|^(?:auto-?approve|approve)\s+(?:everything|all|every)\b/i;
const NO_ASK =
  /\b(?:never|don'?t|do not|no need to)\s+(?:ask|request|seek|wait)\s+(?:for\s+)?(?:the user'?s?\s+|my\s+|a human'?s?\s+|human\s+|any\s+)?(?:permission|approval|confirmation|consent|sign-?off)\b|\bno need to (?:ask|confirm)\b|\b(?:never|don'?t|do not) (?:ask|check|confirm) (?:before|first)\b/i;
const WITHOUT_ASKING = /\bwithout (?:asking for |requesting |seeking )?(?:approval|confirmation|permission|consent|sign-?off)\b/i;
/** "Do not ask for permission unless it is destructive or touches production": a scoped guardrail. */
const SCOPED_EXCEPTION = /\bunless\b[^.]{0,200}\b(?:destructive|production|prod|deploy|publish|push|credential|secret|irreversible|expensive|risky|dangerous|outside|delete|external)/i;
const ROUTINE = /\b(?:tests?|lint(?:er|ing)?|format(?:ting)?|build|typecheck|read(?:ing)?|edit(?:ing|s)?|refactor(?:ing)?|small|minor|trivial|routine|safe|local(?:ly)?|commits?|files? in the (?:repo|repository|project))\b/i;

const DEPLOY_OBJECT = '(?:to|the|it|this|that|these|those|your|our|my|changes|app|application|site|website|service|services|stack|infra|infrastructure|code|build|release|new|a|an|on|them|everything|prod|production|staging|live|preview|docs|functions?|workers?|containers?|images?|charts?|manifests?|database|db|schema|migrations?|frontend|backend|api)\\b';
const PUBLISH_PHRASE = new RegExp(
  [
    `^(?:re)?deploy\\s+(?:it\\s+|them\\s+)?${DEPLOY_OBJECT}`,
    '^publish\\s+(?:the\\s+|a\\s+|new\\s+|this\\s+|our\\s+|your\\s+)?(?:package|crate|gem|module|library|release|version|build|app|image|artifact|extension|plugin|site|docs site|wheel|distribution|dist|to)\\b',
    '^release\\s+(?:a\\s+|the\\s+|new\\s+|to\\b|version|v?\\d)',
    '^ship\\s+(?:it\\s+)?to\\b',
    '^push\\s+(?:it\\s+|them\\s+)?(?:to|directly|your|the|changes|commits?|branch(?:es)?|upstream|origin|--force|-f|tags?|main|master)\\b',
    '^merge\\s+(?:the\\s+|your\\s+|this\\s+)?(?:pr\\b|pull request|mr\\b|merge request|it yourself|(?:it |them )?(?:in)?to (?:main|master|production|release))',
    '^(?:cut|create|tag|draft)\\s+(?:a\\s+|the\\s+)?(?:new\\s+)?release\\b',
    '^roll\\s?out\\s+(?:to|the|it|changes)\\b',
    '^promote\\s+(?:it\\s+|the\\s+\\w+\\s+)?to\\s+(?:prod|production|live|staging)\\b',
  ].join('|'),
  'i',
);
const SECRET_READ_PHRASE =
  /^(?:read|cat|open|print|echo|show|dump|display|output|log|export|source|load|copy|paste|grab|retrieve|inspect|reveal|expose|share|send|upload|look at)\b[^.]{0,60}?(?:\.env\b|api[ _-]?keys?\b|secrets?\b|credentials?\b|tokens?\b|passwords?\b|private[ _-]keys?\b|ssh[ _-]keys?\b|\.pem\b|id_rsa|id_ed25519|\.aws\/|\.ssh\/|\.npmrc|\.netrc|keychain)|^(?:use|get|take|fetch|pull|find)\b[^.]{0,40}?\b(?:api[ _-]?keys?|secrets?|credentials?|tokens?|passwords?|keys?)\b[^.]{0,30}?\b(?:from|in|stored in|at|inside)\b[^.]{0,30}?(?:\.env|~\/|\.aws|\.ssh|keychain|\.npmrc|\.netrc|credentials file)/i;
/** What follows a command named as a subject when it is described: a third-person or modal verb. */
const DESCRIBED = /^(?:is|are|was|were|will|would|should|can|cannot|can't|could|must|may|might|has|have|had|does|doesn't|did|fails?|works|runs|returns|prints|outputs|refuses|requires|needs|takes|creates|uses|calls|handles|deploys|publishes|pushes|triggers|writes|reads|succeeds|errors|breaks|exits|means|lets|allows|turns|disables|enables|skips|bypasses|only|also|then|alone|here|there)\b|^[a-z]+s\b/i;

/** Copying a template such as `.env.example` writes a file; it reads no secret. */
const FROM_TEMPLATE = /\b(?:copy|cp|duplicate|rename)\b[^.]{0,30}\.env\.(?:example|sample|template|dist|defaults)\b/i;
const ENV_VAR_REFERENCE = /\b(?:environment variables?|env vars?|process\.env|os\.environ|getenv|secret manager|secrets manager|vault)\b/i;
const NETWORK_PHRASE =
  /^(?:enable|turn on|allow|open|unblock|grant(?: yourself)?)\b[^.]{0,30}?\b(?:network|internet|web|outbound)\b|^(?:disable|turn off|bypass|ignore)\b[^.]{0,20}?\b(?:firewall|network (?:sandbox|restrictions?|isolation|policy)|egress)|^(?:install|download|fetch|pull|add)\b[^.]{0,40}?\b(?:any|whatever|anything)\b|^(?:browse|surf|search)\s+(?:the\s+)?(?:web|internet)\b|^(?:fetch|download|curl)\s+(?:any|arbitrary|whatever)\b/i;
const NETWORK_CONFIG = /\bnetwork_access\s*=\s*true\b|"?sandboxNetworkAccess"?\s*:\s*true\b|\bweb_search\s*=\s*["']live["']|"?allowNetwork"?\s*:\s*true\b|sandbox_workspace_write\.network_access=true/i;
const PIPE_TO_SHELL = /\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|]{0,400}\|\s*(?:sudo\s+)?(?:ba|z|fi|da)?sh\b|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|]{0,400}\|\s*iex\b/i;
const SEARCH_FLAG = /\bcodex\b[^`|]{0,80}\s--search\b/i;
const OUTSIDE_PHRASE =
  /^(?:write|save|edit|modify|create|put|copy|move|place|update|change|append|delete|remove|overwrite|touch|store)\b[^.]{0,60}?(?:outside (?:of )?(?:the |this |your )?(?:repo|repository|project|workspace|working (?:directory|tree))|~\/|\$HOME\b|\bhome (?:directory|folder|dir)\b|\/etc\/|\/usr\/|\/opt\/|\/var\/|system[- ](?:wide|files|directories|folders|config)|\bglobal\b[^.]{0,15}\b(?:config|configuration|settings)\b|dotfiles?\b)/i;
const OUTSIDE_FLAG = /--add-dir\b|--include-directories\b|--allow-all-paths\b|\bgit config --global\b|\bwritable_roots\s*=\s*\[\s*["']|"?additionalDirectories"?\s*:\s*\[\s*"/i;
const OUTSIDE_REDIRECT = /(?:>>?|\btee(?:\s+-a)?)\s*["']?(?:~\/|\$HOME\b|\/etc\/|\/usr\/|\/opt\/|\/var\/|\/Library\/)/;
const SECRET_ECHO = /\b(?:echo|printf|print)\b[^|;&]{0,80}\$\{?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)[A-Z0-9_]*\}?/;

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** Whether most letters outside inline code are Latin: the language heuristics below only read English. */
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

const quoteOf = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 160 ? `${oneLine.slice(0, 157)}...` : oneLine;
};

/** Literal credentials in any statement, guardrail or not: a pasted secret is leaked wherever it sits. */
function literalSecrets(statement: Statement): SecretMatch | undefined {
  // An assignment needs its `=` or `:`; most sentences have neither.
  if (statement.text.includes('=') || statement.text.includes(':')) for (const m of statement.text.matchAll(/([A-Za-z_][A-Za-z0-9_]{0,60})\s*[=:]\s*["'`]?([^\s"'`]{8,500})/g)) {
    const found = detectSecret(m[2]!, m[1]!);
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

export interface Analysis {
  catalog: CommandCatalog;
  isSecretPath: SecretPathMatcher;
}

/** What a command line does that a rule forbids. */
function commandHits(command: string, { catalog, isSecretPath }: Analysis): [GuidanceRule, string][] {
  const hits: [GuidanceRule, string][] = [];
  if (BYPASS_FLAG.test(command)) hits.push(['sandbox-mode', BYPASS_FLAG.exec(command)![0]]);
  const publish = findInCommandLine(command, catalog.publish);
  if (publish) hits.push(['publish-deploy', publish]);
  if (PIPE_TO_SHELL.test(command) || SEARCH_FLAG.test(command) || NETWORK_CONFIG.test(command)) hits.push(['network-access', 'a download piped to a shell or the network switched on']);
  const read = commandsIn(command).map((c) => secretRead(c, isSecretPath)).find(Boolean);
  if (read || SECRET_ECHO.test(command)) hits.push(['secret-access', read ?? 'a secret variable']);
  if (OUTSIDE_FLAG.test(command) || OUTSIDE_REDIRECT.test(command)) hits.push(['outside-writes', 'a write outside the repository']);
  return hits;
}

/** One statement: every rule it breaks, at most once each. */
export function analyzeStatement(statement: Statement, analysis: Analysis): GuidanceHit[] {
  const hits = new Map<GuidanceRule, GuidanceHit>();
  const literal = literalSecrets(statement);
  let quote: string | undefined;
  const hit = (rule: GuidanceRule, what: string): void => {
    // Every credential in the sentence is masked before the quote is cut, so a cut never shows part of one.
    quote ??= quoteOf(redactSecrets(statement.text, literal ? [literal.text] : []));
    if (!hits.has(rule)) hits.set(rule, { rule, statement, what, quote });
  };
  if (literal) hit('secret-access', `a literal ${literal.kind}`);
  if (statement.guarded) return [...hits.values()];
  const sentence = statement.text;
  const noAsk = NO_ASK.test(sentence) || WITHOUT_ASKING.test(sentence);
  if (!noAsk && asksFirst(sentence)) return [...hits.values()];

  if (statement.source === 'shell') {
    for (const [rule, what] of commandHits(statement.code[0] ?? '', analysis)) hit(rule, what);
    return [...hits.values()];
  }
  if (statement.source === 'config') {
    if (BYPASS_FLAG.test(sentence) || /"?defaultMode"?\s*[:=]\s*"bypassPermissions"|\bsandbox_mode\s*=\s*["']danger-full-access/.test(sentence)) hit('sandbox-mode', 'a bypass setting');
    if (NETWORK_CONFIG.test(sentence)) hit('network-access', 'network switched on');
    if (OUTSIDE_FLAG.test(sentence)) hit('outside-writes', 'an extra writable root');
    return [...hits.values()];
  }

  // Negation and imperatives are read in English; prose mostly in another script is left to its code blocks.
  if (!readsAsEnglish(sentence)) return [...hits.values()];

  // "Don't do this: `…`", "Forbidden: …": everything after a guarding lead-in is an example of what not to do.
  const colon = sentence.indexOf(':');
  if (colon > 0 && isGuardIntro(sentence.slice(0, colon))) return [...hits.values()];

  // Prose, table rows and comments: clause by clause. A clause that continues a list ("…, `b` or `c`")
  // or a coordinated verb ("never commit and push") shares the negation of the clause before it.
  let previousNegated = false;
  const clauses = splitClauses(sentence);
  // "Do not A, B, or C": the items of an enumeration share the negation of the first.
  const enumeration = clauses.some((c) => c.coordinated);
  for (const clause of clauses) {
    const { rest, offset } = leadingVerb(clause.text);
    const contrast = /^\s*(?:but|instead|rather|then|just|otherwise|so)\b/i.test(clause.text);
    const continues = !contrast && (clause.coordinated || rest.startsWith('`') || enumeration);
    const inherited: boolean = continues && previousNegated;
    const negatedAt = negationsIn(clause.text);
    previousNegated = inherited || negatedAt(clause.text.length);
    if (!isImperative(rest)) continue;
    // "`git push` is refused…", "`--yolo` turns off…": a command named as the subject is described, not ordered.
    if (rest.startsWith('`') && DESCRIBED.test(rest.replace(/^`[^`]*`\s*(?:\([^)]*\)\s*)?/, ''))) continue;
    const negated = (index: number): boolean => inherited || negatedAt(index);
    // Commands and flags in the clause's inline code.
    const codeFirst = rest.startsWith('`');
    for (const m of clause.text.slice(offset).matchAll(/`([^`]+)`/g)) {
      if (negated(offset + m.index!)) continue;
      // A lone word in backticks with no verb before it names a thing (`env`, `--yolo`:), it is no order.
      if (codeFirst && !/\S\s+\S/.test(m[1]!.trim())) continue;
      for (const [rule, what] of commandHits(m[1]!, analysis)) hit(rule, what);
    }
    const tail = clause.text.slice(offset);
    const flag = codeFirst ? null : BYPASS_FLAG.exec(tail);
    if (flag && !negated(offset + flag.index)) hit('sandbox-mode', flag[0]);
    // The verb itself may be the prohibition ("Avoid …", "Stop …").
    if (negated(offset + (/^\S+/.exec(rest)?.[0].length ?? 0))) continue;
    // In a table, a row's first words are a label ("Deploy infrastructure | `bun run deploy`"): only its commands count.
    if (statement.source === 'table') continue;
    if (BYPASS_PHRASE.test(rest)) hit('sandbox-mode', 'a bypass mode');
    if (PUBLISH_PHRASE.test(rest)) hit('publish-deploy', 'publishing or deploying on its own');
    if (SECRET_READ_PHRASE.test(rest) && !ENV_VAR_REFERENCE.test(rest) && !FROM_TEMPLATE.test(rest)) hit('secret-access', 'reading secrets');
    if (NETWORK_PHRASE.test(rest) || PIPE_TO_SHELL.test(tail)) hit('network-access', 'using the network freely');
    if (OUTSIDE_PHRASE.test(rest) || OUTSIDE_FLAG.test(tail)) hit('outside-writes', 'writing outside the repository');
  }
  // "Never ask for confirmation" as a standing instruction: the agent stops asking for anything.
  if (noAsk && !hits.has('publish-deploy') && !ROUTINE.test(sentence) && !SCOPED_EXCEPTION.test(sentence)) {
    const m = NO_ASK.exec(sentence) ?? WITHOUT_ASKING.exec(sentence)!;
    const clause = splitClauses(sentence).find((c) => m.index >= c.start && m.index < c.start + c.text.length);
    const ownNegation = NO_ASK.test(sentence) ? false : clause !== undefined && negatedBefore(clause.text, m.index - clause.start);
    if (!ownNegation) hit('sandbox-mode', 'never asking for approval');
  }
  return [...hits.values()];
}

/** Every rule the statements break; cached per statements list and analysis, since five rules ask. */
const cache = new WeakMap<readonly Statement[], WeakMap<Analysis, GuidanceHit[]>>();
export function analyzeGuidance(statements: readonly Statement[], analysis: Analysis): GuidanceHit[] {
  let byAnalysis = cache.get(statements);
  if (!byAnalysis) cache.set(statements, (byAnalysis = new WeakMap()));
  let hits = byAnalysis.get(analysis);
  if (!hits) byAnalysis.set(analysis, (hits = statements.flatMap((s) => analyzeStatement(s, analysis))));
  return hits;
}
