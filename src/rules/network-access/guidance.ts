import { clauseOnward, conditionBefore, negatedBefore, onRequest } from '../../guidance/language.js';
import {
  neverAsksFor,
  orderedOutright,
  recognise,
  type GuidanceHit,
  type Recognised,
  type StatementReading,
} from '../../guidance/reading.js';
import { anyPattern, IN_SENTENCE, oneOf, optionalWords, startPattern } from '../../guidance/words.js';
import { splitCommandLine } from '../../shell/shell.js';
import { remoteHost } from '../shared/commands.js';

/** Settings, as written in a config line or on a command line, that switch the network on. */
const NETWORK_SETTINGS = [
  String.raw`\bnetwork_access\s*=\s*true\b`,
  String.raw`"?sandboxNetworkAccess"?\s*:\s*true\b`,
  String.raw`\bweb_search\s*=\s*["']live["']`,
  String.raw`"?allowNetwork"?\s*:\s*true\b`,
  String.raw`sandbox_workspace_write\.network_access=true`,
  // Cursor's escalation of a shell command to the network: `required_permissions: ["full_network"]` ("all" leaves the
  // sandbox altogether: sandbox-mode's).
  String.raw`\brequired_permissions\b[^\]\n]{0,40}["'](?:full_network|network)["']`,
  String.raw`\[\s*["']full_network["']\s*\]`,
];
const NETWORK_CONFIG = new RegExp(NETWORK_SETTINGS.join('|'), 'i');

/** A download piped into a shell: `curl … | sh`, `iwr … | iex`. */
const POWERSHELL_DOWNLOADERS = ['iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod'];
const DOWNLOADERS = ['curl', 'wget', ...POWERSHELL_DOWNLOADERS];
const SHELLS = ['sh', 'bash', 'zsh', 'fish', 'dash'];
const PIPE_TO_SHELL = anyPattern(
  [String.raw`\b`, oneOf(DOWNLOADERS), String.raw`\b[^|]{0,400}\|\s*(?:sudo\s+)?`, oneOf(SHELLS), String.raw`\b`],
  [String.raw`\b`, oneOf(POWERSHELL_DOWNLOADERS), String.raw`\b[^|]{0,400}\|\s*iex\b`],
);
const SEARCH_FLAG = /\bcodex\b[^`|]{0,80}\s--search\b/i;

/** Verbs that open the network and what they open; verbs that lift a restriction and the restrictions. */
const OPEN = ['enable', 'turn on', 'allow', 'open', 'unblock', 'grant', 'grant yourself'];
const NETWORKS = ['network', 'internet', 'web', 'outbound'];
const LIFT = ['disable', 'turn off', 'bypass', 'ignore'];
const RESTRICTIONS = ['firewall', 'network (?:sandbox|restrictions?|isolation|policy)', 'egress'];
/** Verbs that fetch, and the words that leave what they fetch open: "install whatever you need", "install missing packages". */
const FETCH = ['install', 'download', 'fetch'];
const ANYTHING = ['any', 'whatever', 'anything', 'missing'];
/** Verbs that fetch only when what they take is a package: "add any packages you need", not "add types if missing". */
const ADD = ['add', 'pull'];
const PACKAGES = String.raw`(?:packages?|dependenc(?:y|ies)|deps|librar(?:y|ies)|modules|crates|gems|images)`;
/** Manners that leave the fetching to the agent: "install packages yourself", "use curl freely". */
const FREELY = ['yourself', 'freely', 'as needed', 'on your own', 'at will', 'without asking', 'whenever', 'any ?time'];
/** Web search and fetch tools, as the agents name them. */
const WEB_TOOLS = [
  'web[ _-]?search(?:es)?',
  'web[ _-]?fetch',
  'internet search(?:es)?',
  'online search(?:es)?',
  'google search(?:es)?',
  'search engines?',
  // Cursor's `@Web` context: a web search for the prompt; Copilot's `#fetch` tool.
  '@web\\b',
  '#fetch\\b',
];
/** Documentation and research services an agent reaches over the web (an MCP server or a tool): a lookup in them is web use. */
const LOOKUP_SERVICES = ['context ?7', 'deepwiki', 'perplexity', 'firecrawl', 'tavily', 'exa (?:search|mcp)', 'brave[ -]search'];
/** "Always use Context7 MCP tools when generating code", "use mcp sequentialthinking & context7": a lookup service used as a step. */
const LOOKUP = startPattern([
  '^',
  oneOf(['use', 'call', 'query', 'consult', 'reference', 'fetch', 'pull', 'get', 'retrieve', 'check']),
  String.raw`\b${IN_SENTENCE}{0,40}?\b`,
  oneOf(LOOKUP_SERVICES),
  String.raw`\b`,
]);
const LOOKUP_NAME = new RegExp(`\\b${oneOf(LOOKUP_SERVICES)}\\b`, 'i');
const LOOKUP_NAME_END = new RegExp(`${oneOf(LOOKUP_SERVICES)}$`, 'i');
/**
 * Whether the service a `LOOKUP` names is the service: not a part of a path or a file's name
 * (`.edison/config/context7.yaml`), nor a word of another command in code (`edison config show context7`). Its site
 * (`context7.com`), its MCP server's package (`@upstash/context7-mcp`, started by `npx`) and its tools
 * (`mcp__context7__query-docs`) are the service.
 */
function namesService(onward: string): boolean {
  const match = LOOKUP.exec(onward);
  if (!match) return false;
  const at = match.index + match[0].search(LOOKUP_NAME_END);
  const token = /\S*$/.exec(onward.slice(0, at))![0] + /^\S*/.exec(onward.slice(at))![0];
  const bare = token.replace(/^[`'"([]+|[`'")\],.;:!?]+$/g, '');
  if (/\.(?:ya?ml|json|jsonc|toml|md|txt|cfg|conf|ini|env|lock|sh|py|[mc]?js|ts)$/i.test(bare)) return false;
  if (bare.includes('/') && !bare.startsWith('@') && !bare.includes('://')) return false;
  const ticks = onward.slice(0, at).split('`').length - 1;
  if (ticks % 2 === 0) return true;
  const first = onward.slice(onward.lastIndexOf('`', at) + 1).split(/\s/)[0] ?? '';
  return LOOKUP_NAME.test(first) || /^(?:mcp|npx|bunx|uvx|pnpx|pipx|docker)\b/i.test(first);
}
/** "Check `firecrawl` from the orchestrator context": a flag of the run read, not the service called. */
const FLAG_CHECK =
  /^check\s+[\x60"']?[\w-]+[\x60"']?(?:\s*(?:,|and|or)\s*[\x60"']?[\w-]+[\x60"']?){0,4}\s+(?:from|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:context|config(?:uration)?|settings|state|flags?|env(?:ironment)?)\b/i;
/** "… when available": the service is used if it is there, a condition. */
const WHEN_AVAILABLE = /\b(?:when|if|where)\s+(?:it\s+is\s+|it's\s+|they\s+are\s+)?available\b/i;
/** "WebFetch/WebSearch: use curl or Context7": a mapping that names the equivalent of a web tool, not an order to use it. */
const TOOL_MAPPING = /\b(?:web ?fetch|web ?search)\b[\w/ ]{0,30}:\s*$/i;
/** The web as a source: "check live documentation", "research it online". */
const ONLINE = ['on the web', 'on the internet', String.raw`(?:live|online|web) (?:documentation|docs|sources|resources)`];
const NETWORK_PHRASE = startPattern(
  ['^', oneOf(OPEN), String.raw`\b${IN_SENTENCE}{0,30}?\b`, oneOf(NETWORKS), String.raw`\b`],
  ['^', oneOf(LIFT), String.raw`\b${IN_SENTENCE}{0,20}?\b`, oneOf(RESTRICTIONS)],
  ['^', oneOf(FETCH), String.raw`\b(?: or (?:uninstall|update|upgrade|remove))?${IN_SENTENCE}{0,40}?\b`, oneOf(ANYTHING), String.raw`\b`],
  [
    '^',
    oneOf(ADD),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(ANYTHING),
    String.raw`\b${IN_SENTENCE}{0,20}?\b`,
    PACKAGES,
    String.raw`\b`,
  ],
  [
    '^',
    oneOf(ADD),
    String.raw`\b${IN_SENTENCE}{0,30}?\b`,
    PACKAGES,
    String.raw`\b${IN_SENTENCE}{0,20}?\b`,
    oneOf(ANYTHING),
    String.raw`\b`,
  ],
  ['^', oneOf(['install', 'download']), String.raw`\b${IN_SENTENCE}{0,50}?\b`, oneOf(FREELY), String.raw`\b`],
  // "Install dependencies using tools like `npm`, `pip`, `apt`": any package, by any manager.
  [
    '^',
    oneOf(['install', 'add']),
    String.raw`\b(?: or (?:uninstall|update|upgrade|remove))?${IN_SENTENCE}{0,30}?\b(?:dependencies|packages|libraries|modules)\s+`,
    oneOf(['using', 'with', 'via']),
    String.raw`\s+`,
    oneOf(['tools like', 'any', 'whichever', 'whatever']),
    String.raw`\b`,
  ],
  ['^', oneOf(['browse', 'surf', 'search']), String.raw`\s+`, optionalWords(['the']), oneOf(['web', 'internet', 'online']), String.raw`\b`],
  // "Use the web to research the documentation first": the web itself as the tool of a step.
  ['^use\\s+(?:the\\s+)?(?:web|internet)\\s+(?:to|for)\\b'],
  ['^', oneOf(['fetch', 'download', 'curl']), String.raw`\s+`, oneOf(['any', 'arbitrary', 'whatever']), String.raw`\b`],
  ['^', oneOf(['use', 'run', 'do', 'perform', 'make', 'call', 'invoke', 'try']), String.raw`\b${IN_SENTENCE}{0,20}?`, oneOf(WEB_TOOLS)],
  [
    '^',
    oneOf([
      'research',
      'look (?:it |things |this |them )?up',
      'search',
      'verify',
      'check',
      'confirm',
      'consult',
      'read',
      'fetch',
      'browse',
      'query',
    ]),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(ONLINE),
    String.raw`\b`,
  ],
  ['^research\\b[^.]{0,40}?\\bonline\\b'],
  // "Research with web search before every task", "verify facts using WebFetch": a web tool as the means of the work.
  [
    '^',
    oneOf([
      'research',
      'verify',
      'check',
      'confirm',
      'look (?:it |things |this |them )?up',
      'investigate',
      'validate',
      'consult',
      'search',
      'gather',
    ]),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(['with', 'using', 'via', 'through', 'by']),
    String.raw`\s+(?:a\s+|the\s+)?`,
    oneOf(WEB_TOOLS),
  ],
  // "Fetch and reference the following documentation": pages named below, fetched.
  [
    '^',
    oneOf(['fetch', 'retrieve']),
    String.raw`\b${IN_SENTENCE}{0,30}?\b`,
    oneOf(['the following', 'these', 'those']),
    String.raw`\s+`,
    oneOf(['documentation', 'docs', 'documents', 'pages', 'urls', 'links', 'resources']),
    String.raw`\b`,
  ],
  // "Fetch and read these URLs", "get the file list from the url `https://…`": pages fetched from the web.
  [
    '^',
    oneOf(['fetch', 'visit', 'browse']),
    String.raw`\b${IN_SENTENCE}{0,20}?\b`,
    oneOf(['urls?', 'web ?pages?', 'websites?']),
    String.raw`\b`,
  ],
  [
    '^',
    oneOf(['get', 'fetch', 'download', 'retrieve', 'pull']),
    String.raw`\b${IN_SENTENCE}{0,80}?\bfrom\s+(?:the\s+)?`,
    oneOf(['url', 'link', 'web', 'internet', 'https?:']),
  ],
  // "Codex may use `curl` or any other means for accessing web data": any means of reaching the web.
  ['^use\\b[^.]{0,30}?\\bany (?:other )?(?:means|tools?|way)\\b[^.]{0,30}?\\b', oneOf(['web', 'internet', 'online', 'network'])],
  // "Check online", "verify facts online": online as the place looked in, not "check that the API is online".
  [
    '^',
    oneOf(['check', 'verify', 'search', 'look (?:it |things |this |them )?up']),
    String.raw`\s+(?:(?!(?:is|are|be|was|were|stays?|that)\b)[\w-]+\s+){0,3}online\b`,
  ],
  // "WebSearch first, always": a search tool named as the first step of the work; "WebFetch the original pages",
  // "WebSearch for broad discovery": the tool's name used as the verb of a step.
  ['^', oneOf(WEB_TOOLS), String.raw`\s+first\b`],
  [
    '^(?:\\(\\d+\\)\\s*)?',
    oneOf(['web ?fetch', 'web ?search']),
    String.raw`\s+(?:for|the|each|every|all|official|original|relevant|latest|current)\s${IN_SENTENCE}{0,80}?\b(?:before|first|always|every|each|must)\b`,
  ],
  // "Use the docs server to fetch the latest documentation": fresh documentation is on the web.
  [
    '^',
    oneOf(['use', 'call', 'query', 'fetch', 'pull', 'get', 'retrieve', 'look up']),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(['latest', 'current', 'up-to-date', 'live']),
    String.raw`\s+`,
    oneOf(['docs', 'documentation']),
    String.raw`\b`,
  ],

  [
    '^',
    oneOf(['use', 'run', 'call']),
    String.raw`\b${IN_SENTENCE}{0,20}?\b`,
    oneOf(['curl', 'wget', 'http clients?']),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(FREELY),
  ],
);

/** "Fetch the official docs (WebFetch) before answering": the tool that fetches, named in brackets after the order. */
const FETCH_WITH_TOOL = startPattern([
  '^',
  oneOf(['fetch', 'pull', 'read', 'check', 'verify', 'look up', 'search', 'consult', 'research']),
  String.raw`\b[^.():;]{0,40}\(\s*`,
  oneOf(['web[ _-]?fetch', 'web[ _-]?search']),
  // "(WebSearch + WebFetch)": the tools that do it, in brackets.
  String.raw`\b[^()]{0,30}\)`,
]);

/** "If dependencies are missing, install them": whatever is missing, fetched. */
const MISSING = /\b(?:dependencies|packages|modules|libraries|tools)\b[^.]{0,20}?\b(?:missing|not installed|absent)\b/i;
const INSTALL_THEM = /^install (?:them|it|those)\b/i;

/** "Install missing dependencies with `pnpm install`": what the lockfile pins, no package of the agent's choosing. */
const LOCKFILE_INSTALL =
  /`(?:npm (?:ci|install|i)|pnpm (?:install|i)|yarn(?: install)?|bun install|uv sync|poetry install|pip3? install -r [^`]{1,200}|bundle(?: install)?|go mod download|cargo fetch)`/i;

/** "Add any packages you need with `npm install`": packages of the agent's choosing, whatever the command. */
const CHOSEN = /\b(?:any|whatever|anything)\b/i;

/** A label that makes the code after it the product's own install line for its users: "Installation: `curl … | sh`". */
const FOR_USERS = /\b(?:installation|distribution|end[- ]users?|for users)\b[^.:]{0,30}:\s*$/i;

const opensNetwork = (command: string): boolean => PIPE_TO_SHELL.test(command) || SEARCH_FLAG.test(command) || NETWORK_CONFIG.test(command);

/** ssh's options that take a value (`-i key`, `-p 22`, `-o Option=value`): the word after them is not the host. */
const SSH_VALUE_OPTIONS = new Set([
  '-b',
  '-c',
  '-D',
  '-E',
  '-e',
  '-F',
  '-I',
  '-i',
  '-J',
  '-L',
  '-l',
  '-m',
  '-O',
  '-o',
  '-p',
  '-Q',
  '-R',
  '-S',
  '-W',
  '-w',
]);
/** Programs that open a shell on another host, and `sshpass`, which runs one of them with a password. */
const REMOTE_SHELLS = new Set(['ssh', 'autossh', 'mosh']);

/**
 * A command that connects to a host it names: `ssh deploy@203.0.113.7`, `ssh -i key.pem root@host`, `sshpass -p … ssh
 * host`, `scp build.tgz host:/srv/`. A grant of a host is the team's to give (`allowed-domains`), not a guidance
 * file's. A host written as `...` names none.
 */
function connectsToHost(command: string): boolean {
  if (!/\b(?:ssh|mosh|scp|rsync)\b/.test(command)) return false;
  const words = splitCommandLine(command.slice(0, 2_000))[0] ?? [];
  let i = 0;
  while (words[i] === 'sudo' || words[i] === 'sshpass') {
    i++;
    // sshpass -p secret | -f file | -e | -P prompt: the options before the program it runs.
    while (words[i]?.startsWith('-')) i += /^-[pfPd]$/.test(words[i]!) ? 2 : 1;
  }
  const program = words[i]?.replace(/^.*\//, '');
  if (program === 'scp' || program === 'rsync')
    return words.slice(i + 1).some((w) => !w.startsWith('-') && /^(?:[\w.-]+@)?[\w.-]+:/.test(w) && !/^[a-z]+:\/\//i.test(w));
  if (program === undefined || !REMOTE_SHELLS.has(program)) return false;
  for (let k = i + 1; k < words.length; k++) {
    const word = words[k]!;
    if (SSH_VALUE_OPTIONS.has(word)) k++;
    else if (!word.startsWith('-')) return word !== '...' && word !== '…';
  }
  return false;
}

/**
 * What a statement orders that uses the network freely, and how sure the reading is; in Cursor's allow instructions,
 * what it approves ahead ("Allow WebFetch for research", "Fetch calls to github.com are fine"), when nothing it
 * names reads more surely ("Allow `curl … | sh`" is the download piped to a shell it names, at its own confidence).
 * An approval there is a grant Cursor's auto-run classifier follows, as a settings entry is: a certain reading.
 */
const networkIn = (reading: StatementReading): Recognised | undefined =>
  networkOrdered(reading) ??
  (reading.statement.approves &&
  reading.waivesApproval &&
  !onRequest(reading.statement.text) &&
  APPROVED_NETWORK.test(reading.waiverSubject ?? '') &&
  !keptToLoopback(reading.statement.text)
    ? { what: 'network use approved ahead', confidence: 'high' }
    : undefined) ??
  (reading.waivesApproval && !onRequest(reading.statement.text) && namesNetworkWork(neverAsksFor(reading.statement.text))
    ? { what: 'approval waived for network use', confidence: 'medium' }
    : undefined);

/**
 * "Allow curl to http://localhost:3000 for health checks": an approval that names only this machine. Every URL it
 * gives is loopback, and with them taken out it names no other host (`evil.example`, `10.0.0.2:80`) and no place
 * beyond ("any", "external", "public" hosts); a text too long to read whole is not kept to it.
 */
function keptToLoopback(text: string): boolean {
  if (text.length > 4_000) return false;
  const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`'"<>()]+/gi;
  const urls = [...text.matchAll(url)].map((m) => m[0]);
  if (urls.length === 0 || !urls.every((u) => remoteHost(u) === undefined)) return false;
  const rest = text.replace(url, ' ');
  return !OTHER_HOST.test(rest) && !BEYOND.test(rest);
}
/** A host named without a scheme: a dotted name or address (`evil.example`, `10.0.0.2`), or one with a port. */
const OTHER_HOST = /(?:^|[\s`'"(,;:])(?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\b|\b[a-z][\w-]*:\d{1,5}\b/i;
/** Words that reach past the hosts an approval names. */
const BEYOND = /\b(?:any|every|all|external|public|other|remote|arbitrary|internet|web)\b/i;

function networkOrdered(reading: StatementReading): Recognised | undefined {
  const { orders } = reading;
  const sentence = reading.statement.text;
  // A line of a code block shows a command or a setting; only words that order it make a reading certain.
  if (orders.kind === 'command')
    return opensNetwork(orders.command)
      ? { what: 'a download piped to a shell or the network switched on', confidence: 'medium' }
      : connectsToHost(orders.command)
        ? { what: 'a connection to a host', confidence: 'medium' }
        : undefined;
  if (orders.kind === 'setting')
    return NETWORK_CONFIG.test(orders.text) ? { what: 'network switched on', confidence: 'medium' } : undefined;
  if (orders.kind !== 'prose') return undefined;
  // "Search the web only if needed", "if the user explicitly asks, you may …": use kept to need or request.
  if (onRequest(sentence)) return undefined;
  // "Research it using WebSearch or documentation": the web one source among others, not a required one.
  if (WEB_OR_DOCS.test(sentence)) return undefined;
  // In another language, a condition anywhere in the sentence ("(если требуется)") keeps a use it names to need.
  const anyConditional = orders.clauses.some((c) => c.foreign?.conditional === true);
  for (const clause of orders.clauses) {
    if (FOR_USERS.test(sentence.slice(Math.max(0, clause.start - 60), clause.start))) continue;
    const command = clause.commands.find(opensNetwork);
    if (command !== undefined)
      return {
        what: 'a download piped to a shell or the network switched on',
        confidence: orderedOutright(sentence, clause, command, reading.statement.section) ? 'high' : 'medium',
      };
    if (clause.wordsOrder && clause.commands.some(connectsToHost)) return { what: 'a connection to a host', confidence: 'medium' };
    // Another language: web search said to be done unasked or always, or whatever is missing installed.
    const names = clause.foreign?.names;
    // A lookup service named in code counts as named in words ("必须先调用 `context7`").
    const web = names?.has('web') === true || clause.foreign?.code.some((code) => LOOKUP_NAME.test(code)) === true;
    // Web search or a lookup service said to be used ("используй MCP context7 для внешних библиотек"), as "use
    // Context7" is in English, or said to be used unasked or always.
    if (
      names &&
      !clause.foreign!.conditional &&
      ((web && (orders.unasked || (names.has('run') && !anyConditional && !DEFINED.test(sentence)))) ||
        (names.has('install') && names.has('missing')))
    )
      return { what: 'said in prose', confidence: 'medium' };
    if (!clause.wordsOrder) continue;
    if (INSTALL_THEM.test(clause.text) && MISSING.test(sentence.slice(Math.max(0, clause.start - 100), clause.start)))
      return { what: 'said in prose', confidence: 'medium' };
    const onward = clauseOnward(sentence, clause.start, false);
    // "Use Context7 when you need library documentation": the lookup kept to need, as "only if needed" keeps it.
    const own = ownPart(sentence, clause.start);
    if (NEED_LIMITED.test(own)) continue;
    // "Only fetch URLs the user gave you, or those implied", said by this clause from its start; "… as a fallback",
    // said in this clause: its use kept to the user's word or to need.
    const before = Math.min(clause.start, 12);
    const limited = ownPart(sentence, clause.start - before);
    const userNamed = USER_NAMED_ONLY.exec(limited);
    const keptToUser =
      userNamed !== null && userNamed.index <= before + 12 && !WIDENED.test(limited.slice(userNamed.index + userNamed[0].length));
    if ((keptToUser || NEEDED_OR_FALLBACK.test(clause.text)) && !ANY_ADDRESS.test(own)) continue;
    if (
      LOOKUP.test(onward) &&
      namesService(onward) &&
      !FLAG_CHECK.test(onward) &&
      !conditionBefore(sentence, clause.start) &&
      !WHEN_AVAILABLE.test(sentence) &&
      !TOOL_MAPPING.test(sentence.slice(Math.max(0, clause.start - 40), clause.start))
    )
      return { what: 'a documentation lookup on the web made a standing step', confidence: 'medium' };
    if (
      (NETWORK_PHRASE.test(onward) && (!LOCKFILE_INSTALL.test(onward) || CHOSEN.test(onward)) && !TOPIC_LIMITED.test(onward)) ||
      PIPE_TO_SHELL.test(clause.text) ||
      FETCH_WITH_TOOL.test(clauseOnward(sentence, clause.start, true))
    )
      return { what: 'said in prose', confidence: 'medium' };
  }
  // "Do not rely solely on training data when fresher information may exist online": a negation that sends it online.
  if (NOT_FROM_MEMORY.test(sentence)) return { what: 'said in prose', confidence: 'medium' };
  // "`WebFetch` / `WebSearch` (mandatory outside research)": a web tool the work must use.
  if (MANDATORY_TOOL.test(sentence) || ALL_TOOLS_WITH_WEB.test(sentence))
    return { what: 'a web tool made a required step', confidence: 'medium' };
  // "`curl` is allowed": a downloader left free.
  const free = DOWNLOADER_FREE.exec(sentence);
  if (free && !negatedBefore(sentence, free.index + free[0].length - 1)) return { what: 'a downloader left free', confidence: 'medium' };
  // A line of Copilot's `#fetch` tool with its address: the page is fetched whenever the instructions are read.
  if (FETCH_LINE.test(sentence)) return { what: 'a page fetched from the web', confidence: 'medium' };
  return undefined;
}

/**
 * What a list of approvals names that reaches the network: a web tool, a browser, a web scraper, a downloader, fetches
 * from hosts, package installs ("package manager installs", "install dependencies", "installation of … packages").
 */
const APPROVED_NETWORK =
  /\b(?:web\s?fetch|web\s?search|web (?:access|requests?|lookups?|research)|curl|wget|fetch(?:es)? (?:calls?|requests?)|network (?:access|calls?|requests?)|internet access|browser (?:tools?|actions?|install)|firecrawl|(?:npm|pnpm|yarn|bun|pip3?|uv|cargo|gem|go) (?:install|add|get)|(?:package(?: manager)?|dependency|pip) installs?|install(?:ing|ation)?(?: of)?(?: [\w-]+){0,6}? (?:dependencies|packages))\b/i;

/**
 * Network use named as the work a refusal to ask is said of, item by item of its list: network work itself
 * ("installing packages", "web requests", "network access"), or "network" as an item of a list of work ("for ordinary
 * shell, network, git, or deploy work"). Not work on something the network names ("before refactoring the fetch
 * calls", "mocking network calls"), nor a list of other things ("on network, storage or UI bugs").
 */
function namesNetworkWork(scope: string | undefined): boolean {
  if (scope === undefined) return false;
  const workList = WORK_HEAD.test(scope.trimEnd());
  return scope.split(/,|\bor\b|\band\b/i).some((written) => {
    const item = written.trim();
    const gerund = /^[a-z]+ing\b/i.exec(item)?.[0];
    if (gerund !== undefined && !NETWORK_GERUND.test(gerund)) return false;
    return APPROVED_NETWORK.test(item) || NETWORK_USE.test(item) || (workList && /^(?:network|internet)$/i.test(item));
  });
}
/** Gerunds of network work, whose object is what they reach or get. */
const NETWORK_GERUND = /^(?:installing|fetching|downloading|browsing|searching|accessing|calling|using)$/i;
/** The noun a list of work ends in. */
const WORK_HEAD = /\b(?:work|tasks?|operations?|actions?|commands?|tools?|calls?|access|use|activity|steps?)$/i;
/** Network use by name. */
const NETWORK_USE = /\b(?:network|internet)\s+(?:access|use|activity|work|operations?)\b|^(?:fetching|downloading|browsing)\b/i;

/** "`WebSearchService`: …": a list item that defines what a named thing does, not an order. */
const DEFINED = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?`[^`]+`(?:\*\*)?\s*[:：]/;

/** "… when you need library documentation", "… when researching APIs", "(when needed)": use kept to a need. */
const NEED_LIMITED =
  /\b(?:when|if)\s+(?:you\s+)?(?:need(?:ed)?|required|necessary|unsure|uncertain|in doubt|researching|stuck)\b|\((?:only\s+)?(?:when|if|as)\s+(?:needed|necessary|required)\)/i;
/** "… when current API documentation is needed", "… as a fallback": the same, unless it reaches any address. */
const NEEDED_OR_FALLBACK =
  /\b(?:when|if)\s+(?:[\w-]+[\s/]+){0,4}(?:documentation|docs|reference|examples|information|details)\s+(?:is|are)\s+(?:needed|required|necessary)\b|\bas\s+(?:a\s+)?fallback\b(?!\s+(?:is|are|was|would)\b)/i;

/**
 * "Only fetch URLs the user gave you", "only pages explicitly requested or clearly implied by the user": fetching kept
 * to what the user named, "only" on the verb of fetching; not "not only …", "the only URLs …" or "beyond only …", and
 * not beside any address ("any URL").
 */
const FETCHING = '(?:fetch|open|visit|browse|read|access|load|download|request|crawl|scrape|use)';
const USER_NAMED_ONLY = new RegExp(
  String.raw`(?:(?<!\b(?:not|the|and)\s+)\bonly\s+(?:ever\s+)?${FETCHING}\b|\b${FETCHING}\s+only)\b[^.;,]{0,30}?\b(?:urls?|links?|pages?|sites?|websites?|addresses|hosts?|domains?)\s+` +
    String.raw`(?:(?:that\s+)?(?:the\s+)?(?:users?|humans?|developers?|maintainers?|owners?)(?:'s)?\s+(?:explicitly\s+|specifically\s+)?` +
    String.raw`(?:gave|gives|given|provides?|provided|asks? for|asked for|requests?|requested|names?|named|shares?|shared|mentions?|mentioned|supplies|supplied|pastes?|pasted)\b` +
    String.raw`|(?:explicitly\s+|specifically\s+)?(?:requested|provided|given|named|shared|supplied|pasted)\b[^.;]{0,40}?\bby\s+the\s+(?:user|human|developer|maintainer|owner)s?\b)`,
  'i',
);
/** Words after the user's URLs that add others: "plus anything linked", "or URLs in the issue", "and follow links". */
const WIDENED =
  /\b(?:plus|and|or|also|as well as|along with|follow\w*)\b(?!\s+(?:clearly\s+|explicitly\s+)?(?:implied|requested|named|given|provided|shared)\s+by\s+the\s+user)/i;
const ANY_ADDRESS =
  /\b(?:any|arbitrary|every|all|whatever|whichever)\s+(?:\w+\s+)?(?:urls?|links?|pages?|sites?|websites?|hosts?|domains?)\b/i;

/** A clause and what hangs on it (a bracket, a trailing condition), up to the next clause of its own (";", a sentence end). */
const ownPart = (sentence: string, start: number): string => {
  const rest = sentence.slice(start, start + 300);
  const end = rest.search(/[;!?]|\.(?:\s|$)/);
  return end < 0 ? rest : rest.slice(0, end);
};

/** "Use web search for unfamiliar technologies": the web kept to topics the model may not know, a condition. */
const TOPIC_LIMITED = /\b(?:for|on|about)\s+(?:unfamiliar|unknown|niche|obscure)\b/i;

/** A web tool named with the word that makes it required: "WebSearch (mandatory)", "WebFetch is required". */
const MANDATORY_TOOL = new RegExp(
  String.raw`\b(?:web ?fetch|web ?search)\b[\s\x60*/,+&a-z]{0,40}?(?:\(\s*)?\b(?:mandatory|required|compulsory|is a must)\b`,
  'i',
);

/** "WebSearch or documentation", "the docs or a web search": the web offered beside a local source. */
const WEB_OR_DOCS =
  /\b(?:web ?search(?:es)?|web ?fetch|the web|online)`?\s+or\s+(?:the\s+|local\s+|project\s+|official\s+)?(?:docs|documentation|codebase|code|source)\b|\b(?:docs|documentation)\s+or\s+(?:a\s+)?`?(?:web ?search|the web)\b/i;
/** "Use all tools: MCP, web search, thinking": web search among the tools every task uses. */
const ALL_TOOLS_WITH_WEB = /^\W*use\s+(?:all|every|these|the following)\s+(?:available\s+)?tools?\W*:[^.]{0,80}?\bweb ?search\b/i;
/** "`curl` is allowed", "wget is fine to use": a downloader said to be free to use, with no host named (bounded gaps: linear). */
const DOWNLOADER_FREE =
  /(?:^|[.;])[^\w`]{0,8}`?(?:curl|wget)(?:\.exe)?`?[^\w\s]{0,3}\s+(?:is|are)\s+(?:always\s+)?(?:allowed|permitted|fine|ok(?:ay)?)\b(?!\s+(?:only|for|to|against|on|with)\b)/i;

/** `#fetch https://…` on a line of its own. */
const FETCH_LINE = /^[ \t]*#fetch[ \t]+https?:\/\/\S/m;

/** Not relying on what the model knows, with the web named as where to look instead. */
const NOT_FROM_MEMORY =
  /\b(?:do not|don't|never)\s+(?:rely|depend|trust)\s+(?:solely |only |just |purely )?(?:on|in)\s+(?:your |the model's |its )?(?:training(?: data)?|memory|(?:prior |built-in |own )?knowledge)\b[^.]{0,80}?\b(?:online|on the web|on the internet|web search|search the web|the web)\b/i;

/** Guidance that tells the agent to use the network freely. */
export const findNetworkUse = (readings: readonly StatementReading[]): GuidanceHit[] => recognise(readings, networkIn);
