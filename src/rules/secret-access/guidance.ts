import { clauseOnward, conditionBefore } from '../../guidance/language.js';
import { orderedOutright, recognise, type GuidanceHit, type Recognised, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, IN_SENTENCE, oneOf, startPattern } from '../../guidance/words.js';
import type { SecretPathMatcher } from '../../secrets/paths.js';
import { commandsIn, TOKEN_PRINTERS } from '../../shell/catalog.js';
import { secretRead } from '../../shell/secret-read.js';
import { startsWithWords, unwrapCommand } from '../../shell/shell.js';
import { parseCommandLine } from '../../shell/syntax.js';

/**
 * Logging, not logging in ("Log in with …", "Log into the registry"); "log into the job output" still writes a value
 * out.
 */
const LOG = String.raw`log(?!\s+(?:into|in\s+to|in(?!\s+to\b))\b(?!\s+(?:the\s+)?(?:job\s+|build\s+|ci\s+)?(?:output|stdout|stderr|logs?)\b))`;
/** Verbs that read, show or pass on what they name. */
const READ = [
  ...['read', 'cat', 'open', 'print', 'echo', 'show', 'dump', 'display', 'output', LOG],
  ...['export', 'source', 'load'],
  ...['copy', 'paste', 'grab', 'retrieve', 'inspect', 'reveal', 'expose', 'share', 'send', 'upload', 'look at'],
];
/** `.env` and its variants, not a template of it (`.env.example`, `.env.local.sample`): the template's word comes last. */
const ENV_FILE = String.raw`\.env(?![a-z])(?![.\w-]*[.-](?:example|sample|template|dist|defaults|schema)(?![\w-]|\.\w))`;
/**
 * A model's or a design system's tokens, which come in numbers ("input tokens", "MAX_OUTPUT_TOKENS", "50k tokens",
 * "design tokens"), and tokens counted ("token usage", "token limit"): no credential. A sentence that names only these
 * reads no secret; one that names a credential too ("the token budget and the auth token") is read as it is.
 */
const MODEL_TOKENS =
  /(?:(?<![A-Za-z])(?:input|output|prompt|completion|context|max|llm|model|thinking|reasoning|total|design)|(?<![A-Za-z0-9])\d{1,12}[km]?)[ _-]?tokens\b|\btokens?[ _-](?:counts?|usage|limits?|budgets?|window)\b/gi;
/** What may name a secret in other words: a home path, a variable, an upper-case name, keys, cookies, logins. */
const SECRETISH =
  /~\/|\$[A-Za-z_{]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b|\b(?:keys?|cookies?|sessions?|auth\w*|logins?|bearer|oauth\w*|sk|pat|config\.json)\b/;
/** Whether a sentence names no secret once a model's tokens are taken out of it. */
const onlyModelTokens = (sentence: string): boolean => {
  const rest = sentence.replace(MODEL_TOKENS, (t) => ' '.repeat(t.length));
  return rest !== sentence && !SECRET_MENTION.test(rest) && !SECRETISH.test(rest);
};
/** Secrets and the files that hold them; not a template of `.env` (`.env.example`). */
const SECRETS = [
  ENV_FILE,
  String.raw`api[ _-]?keys?\b`,
  String.raw`secrets?\b`,
  String.raw`credentials?\b`,
  String.raw`tokens?\b`,
  String.raw`passwords?\b`,
  String.raw`private[ _-]keys?\b`,
  String.raw`ssh[ _-]keys?\b`,
  String.raw`\.pem\b`,
  ...['id_rsa', 'id_ed25519', String.raw`\.aws\/`, String.raw`\.ssh\b`, String.raw`\.npmrc`, String.raw`\.netrc`, 'keychain'],
  ...[String.raw`\.config\/gh\b`, String.raw`gh\/hosts\.yml\b`, String.raw`\.kube\/config\b`, String.raw`\.git-credentials\b`],
];
/** Any secret or file of secrets named. */
const SECRET_MENTION = new RegExp(oneOf(SECRETS), 'i');
/** Files that hold secrets, named as files: `.env` and its variants (templates excepted), keys, credential stores. */
const SECRET_FILES = [
  ENV_FILE,
  ...[
    'id_rsa',
    'id_ed25519',
    String.raw`\.pem\b`,
    String.raw`\.ssh\b`,
    String.raw`\.aws\/credentials`,
    String.raw`\.config\/gh\b`,
    String.raw`\.netrc`,
    String.raw`\.npmrc`,
  ],
];
/** "Check `.env` for the API keys", "you may edit `.env` files": verbs that open a secret file to read or change it. */
const OPEN_FILE = [
  // "Check that `.env` is ignored" verifies; "check `.env` for the keys" reads it.
  ...['check(?! (?:that|whether|if)\\b)', 'look (?:in|at|into|through)', 'consult', 'grep', 'inspect', 'read', 'open', 'view'],
  ...['edit', 'modify', 'update', 'change', 'rewrite'],
];
/** "Use the API key from `.env`": verbs that take a secret, the secrets, and the stores they are taken from. */
const TAKE = ['use', 'get', 'take', 'fetch', 'pull', 'find'];
const SECRET_NAMES = ['api[ _-]?keys?', 'secrets?', 'credentials?', 'tokens?', 'passwords?', 'keys?'];
const STORES = [
  String.raw`\.env`,
  String.raw`~\/`,
  String.raw`\.aws`,
  String.raw`\.ssh`,
  'keychain',
  String.raw`\.npmrc`,
  String.raw`\.netrc`,
  'credentials file',
];
const SECRET_READ_PHRASE = startPattern(
  ['^', oneOf(READ), String.raw`\b${IN_SENTENCE}{0,60}?`, oneOf(SECRETS)],
  [
    '^',
    oneOf(TAKE),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(SECRET_NAMES),
    String.raw`\b${IN_SENTENCE}{0,30}?\b`,
    oneOf(['from', 'in', 'stored in', 'at', 'inside']),
    String.raw`\b${IN_SENTENCE}{0,30}?`,
    oneOf(STORES),
  ],
);
const SECRET_FILE_PHRASE = startPattern(
  ['^', oneOf(OPEN_FILE), String.raw`\b${IN_SENTENCE}{0,40}?`, oneOf(SECRET_FILES)],
  // "Verify that the API key is present in the `.env` file": seeing that it is there reads the file.
  [
    '^',
    oneOf(['verify', 'check', 'confirm', 'ensure', 'make sure']),
    String.raw`\b${IN_SENTENCE}{0,40}?\b`,
    oneOf(SECRET_NAMES),
    String.raw`\b${IN_SENTENCE}{0,40}?\b(?:is|are)\s+(?:present|set|defined|configured|there|available)\s+in\b${IN_SENTENCE}{0,20}?`,
    oneOf(SECRET_FILES),
  ],
);
/** Copying a template such as `.env.example` writes a file; it reads no secret. */
const FROM_TEMPLATE = new RegExp(
  String.raw`\b(?:copy|cp|duplicate|rename)\b[^.]{0,30}\.env\.` +
    oneOf(['example', 'sample', 'template', 'dist', 'defaults']) +
    String.raw`\b`,
  'i',
);
/** Secrets passed by reference, not read from a file. */
const ENV_VAR_REFERENCE = new RegExp(
  String.raw`\b` +
    oneOf([
      'environment variables?',
      'env vars?',
      String.raw`process\.env`,
      String.raw`os\.environ`,
      'getenv',
      'secret manager',
      'secrets manager',
      'vault',
    ]) +
    String.raw`\b`,
  'i',
);
/** `echo $API_TOKEN`: printing a secret-named variable. */
const SECRET_ECHO = new RegExp(
  String.raw`\b(?:echo|printf|print)\b[^|;&]{0,80}\$\{?[A-Z0-9_]*` +
    oneOf(['KEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'CREDENTIAL']) +
    String.raw`[A-Z0-9_]*\}?`,
);

/**
 * Reading the environment of a service or a process, where its credentials live: `systemctl show … -p Environment`,
 * `/proc/<pid>/environ`, `docker inspect` of `.Config.Env`, a secret-named variable filtered out of `env`.
 */
const ENVIRONMENT_READ = anyPattern(
  [String.raw`\bsystemctl\s+show\b[^|;&]{0,200}?(?:--property[= ]|-p\s*)["']?Environment\b`],
  [String.raw`/proc/[^\s/]{1,20}/environ\b`],
  [String.raw`\bdocker\s+(?:container\s+)?inspect\b[^|;&]{0,200}?\.Config\.Env\b`],
  [String.raw`\b(?:printenv|env|set)\s*\|\s*grep\b[^|;&]{0,80}?`, oneOf(['TOKEN', 'KEY', 'SECRET', 'PASSWORD', 'PASSWD', 'CREDENTIAL'])],
);

/**
 * The environment filtered for a path (`env | rg /nix/store`): what it prints holds no credential. A name is matched
 * inside longer names (`grep HOME` prints HOMEBREW_GITHUB_API_TOKEN, `grep AWS` the AWS keys), an inverted match
 * (`grep -v PATH`) prints the rest, and an address with a scheme (`grep ://`) may carry a password.
 */
const ENV_FILTERED =
  /(?<![\w.$/-])(?:printenv|env|set|export -p)\s*\|\s*(?:grep|rg|ag)\s+(?:-(?![a-z]*v)[a-z]+\s+){0,3}(["']?)([\w/.:@-]{3,80})\1(?=\s*(?:$|[|;&)]))/gi;
const HARMLESS_FILTER = /^\/(?!.*:\/\/)[\w/.-]{2,}$/;
const withoutFilteredEnvironment = (command: string): string =>
  command.includes('|')
    ? command.replace(ENV_FILTERED, (whole, _quote: string, pattern: string) =>
        HARMLESS_FILTER.test(pattern) ? ' '.repeat(whole.length) : whole,
      )
    : command;

/** A subcommand path, right after the program and its options, and the options it must be given. */
interface Intake {
  path: readonly string[];
  flags?: readonly string[];
  /** A registry login: its one operand is the server, which must be a known registry (not a number, not a name). */
  server?: true;
}
const LOGIN: readonly Intake[] = [{ path: ['login'], server: true }];
/**
 * The logins and secret stores that take a credential on standard input and show none of it, by program
 * (`docker login … --password-stdin`, `gh auth login --with-token`, `gh secret set NAME`, `wrangler secret put NAME`,
 * `vercel env add NAME`, `fly secrets import`, Laravel Cloud's `cloud auth:token --add`). Any other program may print,
 * send or run what it reads.
 */
const CREDENTIAL_INTAKES: Readonly<Record<string, readonly Intake[]>> = {
  ...Object.fromEntries(['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'oras'].map((program) => [program, LOGIN])),
  crane: [{ path: ['auth', 'login'], server: true }],
  helm: [{ path: ['registry', 'login'], server: true }],
  gh: [{ path: ['auth', 'login'], flags: ['--with-token'] }, { path: ['secret', 'set'] }],
  wrangler: [{ path: ['secret', 'put'] }],
  vercel: [{ path: ['env', 'add'] }],
  ...Object.fromEntries(['fly', 'flyctl'].map((program) => [program, [{ path: ['secrets', 'import'] }, { path: ['secrets', 'set'] }]])),
  cloud: [{ path: ['auth:token'] }, { path: ['secret:create'] }],
};
/**
 * The registries and hosts a login is taken to without naming who owns them: Docker Hub, GitHub's, Quay, GitLab's,
 * npm's and the clouds' own (`<account>.dkr.ecr.<region>.amazonaws.com`, `<name>.azurecr.io`, `<region>-docker.pkg.dev`).
 */
const KNOWN_REGISTRY =
  /^(?:https?:\/\/)?(?:(?:registry-1\.|index\.)?docker\.io|ghcr\.io|(?:docker\.pkg\.|npm\.pkg\.)?github\.com|quay\.io|gcr\.io|registry\.gitlab\.com|registry\.npmjs\.org|[\w-]+\.dkr\.ecr\.[\w-]+\.amazonaws\.com|[\w-]+\.azurecr\.io|[\w-]+-docker\.pkg\.dev)\/?$/i;
/** A plain word: a name, a value, no place to send to (a host, an address, a path, a variable, a glob the shell expands). */
const PLAIN = /^[\w-]+$/;
/** Options that name where a credential goes (`-R owner/repo`, `-o org`, `--hostname`, Docker's `-H`, `--context`). */
const WHERE = /^(?:-[ROHcoh]|--(?:repo|org|host|hostname|registry|server|context|config|url))(?:=|$)|^-[ROHoh]\S/;
/** Options whose value is a user's name, which may be a variable (`-u "$CI_REGISTRY_USER"`), or a password. */
const USER_OPTION = /^(?:-u|--username|-p|--password)$/;
/** Wrappers a login may be run under that change nothing of where it sends (`sudo -E` and `env` may). */
const PLAIN_WRAPPERS = new Set(['sudo', 'time', 'nice', 'nohup', 'command', 'exec']);
/**
 * Whether a command takes a credential piped into it without showing it: a login or a secret store of
 * `CREDENTIAL_INTAKES`, its subcommand right after the program and its options, run directly or by a plain wrapper
 * (`sudo`, `time`; not `xargs`, a package runner, `env` or an assignment), at no place it names but a known registry.
 * A login to another host, or a store in a repository the line names, may hand the credential to anyone: still a read.
 */
function takesCredential(given: readonly string[]): boolean {
  const at = given.findIndex((w) => !PLAIN_WRAPPERS.has(w));
  const intakes = CREDENTIAL_INTAKES[given[at] ?? ''];
  if (intakes === undefined) return false;
  // The words after the program as written, its global options kept (Docker's `-H tcp://…` names the daemon).
  const rest = given.slice(at + 1);
  const start = rest.findIndex((w) => !w.startsWith('-'));
  const intake = intakes.find(
    (i) => i.path.every((word, k) => rest[start + k] === word) && (i.flags ?? []).every((flag) => rest.includes(flag)),
  );
  if (start < 0 || intake === undefined) return false;
  return rest.every((w, i) => {
    if (i >= start && i < start + intake.path.length) return true;
    // An option naming a place is judged by its value: the word after it or after its `=`.
    if (WHERE.test(w)) {
      const value = w.includes('=') ? w.slice(w.indexOf('=') + 1) : /^-[ROHoh]\S/.test(w) ? '' : (rest[i + 1] ?? '');
      return KNOWN_REGISTRY.test(value);
    }
    const after = i > 0 ? rest[i - 1]! : '';
    if (w.startsWith('-') || WHERE.test(after)) return true;
    if (USER_OPTION.test(after)) return /^[\w.@$-]+$/.test(w);
    return KNOWN_REGISTRY.test(w) || (intake.server !== true && PLAIN.test(w));
  });
}
/**
 * The line with each credential printed only into a login or a secret store blanked out: `aws ecr get-login-password
 * | docker login --password-stdin`, `echo "$TOKEN" | gh auth login --with-token` hand the credential on unseen, the
 * way each tool's docs log in. A printer that also writes elsewhere (`>&2`, `> file`) or runs a command inside it
 * (`$(cat .env)`) stays a read, and so does a file read into one (`cat .env | …`).
 */
function withoutPipedCredentials(line: string): string {
  if (!line.includes('|')) return line;
  const { commands } = parseCommandLine(line).script;
  let out = line;
  commands.forEach((c, i) => {
    const into = commands[i + 1];
    // Only a line that starts with the printer: a command before it may set where the login sends (`export
    // DOCKER_HOST=…;`, a function named `docker`, `cd` into another repository).
    if (i > 0 || line.slice(0, c.start).trim() !== '') return;
    if (c.next !== '|' || into === undefined || c.redirects.length > 0 || c.words.some((w) => w.subs.length > 0)) return;
    if (!takesCredential(into.words.map((w) => w.text))) return;
    const words = unwrapCommand(c.words.map((w) => w.text));
    const text = line.slice(c.start, c.end);
    if (TOKEN_PRINTERS.some((p) => startsWithWords(words, p)) || SECRET_ECHO.test(text))
      out = out.slice(0, c.start) + ' '.repeat(c.end - c.start) + out.slice(c.end);
  });
  return out;
}

/** `gh auth status --show-token` (`-t`): the status with the token in it. */
const showsToken = (words: readonly string[]): boolean =>
  startsWithWords(words, ['gh', 'auth', 'status']) && words.some((w) => /^-[a-z]*t/.test(w) || w.startsWith('--show-token'));

/** What a command line reads that holds secrets. */
function commandReadsSecret(line: string, isSecretPath: SecretPathMatcher): string | undefined {
  const command = withoutPipedCredentials(withoutFilteredEnvironment(line));
  for (const written of commandsIn(command)) {
    const read = secretRead(written, isSecretPath);
    if (read) return read;
    const words = unwrapCommand(written);
    const printer = TOKEN_PRINTERS.find((p) => startsWithWords(words, p));
    if (printer) return `a credential printed by \`${printer.join(' ')}\``;
    if (showsToken(words)) return 'a credential printed by `gh auth status --show-token`';
  }
  if (ENVIRONMENT_READ.test(command)) return 'the environment of a service or process';
  return SECRET_ECHO.test(command) ? 'a secret variable' : undefined;
}

/** What a statement leaks or orders that reads secrets, and how sure the reading is. */
function secretIn(reading: StatementReading, isSecretPath: SecretPathMatcher): Recognised | undefined {
  if (reading.literal) return { what: `a literal ${reading.literal.kind}`, confidence: 'high' };
  const { orders } = reading;
  const sentence = reading.statement.text;
  if (orders.kind === 'command') {
    // A line of a code block shows a command; only words that order it make a reading certain.
    const what = commandReadsSecret(orders.command, isSecretPath);
    return what === undefined ? undefined : { what, confidence: 'medium' };
  }
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    // "If the values need comparing, inspect `.env.local`": a read tied to a task that needs it.
    const conditional = conditionBefore(sentence, clause.start);
    for (const command of clause.commands) {
      const what = commandReadsSecret(command, isSecretPath);
      if (what !== undefined) return { what, confidence: orderedOutright(sentence, clause, command) ? 'high' : 'medium' };
    }
    if (!clause.wordsOrder || conditional) continue;
    const { text } = clause;
    const onward = clauseOnward(sentence, clause.start, true);
    if (
      (SECRET_READ_PHRASE.test(text) || SECRET_FILE_PHRASE.test(onward)) &&
      !onlyModelTokens(sentence) &&
      !ENV_VAR_REFERENCE.test(onward) &&
      !FROM_TEMPLATE.test(onward) &&
      !LEAK_SCAN.test(onward)
    )
      return { what: 'said in prose', confidence: 'medium' };
  }
  // Cursor's allow instructions: "Allow reading .env files", "Sourcing ~/.secrets/load.sh is fine"; a read of a
  // secret file the sentence names in code was judged above, at its own confidence.
  if (reading.statement.approves && reading.waivesApproval && APPROVED_SECRET_READ.test(reading.waiverSubject ?? ''))
    return { what: 'a read of secrets approved ahead', confidence: 'medium' };
  return undefined;
}

/** "Inspect the logs for leaked secrets": a search for secrets that should not be there, which reads none. */
const LEAK_SCAN =
  /\b(?:for|of|no)\s+(?:any\s+)?(?:leaked|leaking|exposed|hard-?coded|committed|accidentally committed|plaintext|stray)\s+(?:secrets?|credentials?|keys?|tokens?|passwords?)\b/i;

/** What a list of approvals names that reads secrets: a reading verb, then a secret file or secrets. */
const APPROVED_SECRET_READ =
  /\b(?:read(?:ing|s)?|cat|print(?:ing|s)?|view(?:ing|s)?|open(?:ing|s)?|sourc(?:e|es|ing)|load(?:ing|s)?|inspect(?:ing|s)?)\b(?:(?!\b(?:no|not|never|without)\b|\.\s)[^;]){0,40}?(?:\.env\b(?![.-]?(?:example|sample|template))|\bsecrets?\b|\bcredentials?\b|\bprivate keys?\b|\.pem\b|~\/\.ssh\b|~\/\.aws\b)/i;

/** Guidance that carries a literal credential or tells the agent to read secrets, by the rule's matcher of secret files. */
export const findSecretReads = (readings: readonly StatementReading[], isSecretPath: SecretPathMatcher): GuidanceHit[] =>
  recognise(readings, (reading) => secretIn(reading, isSecretPath));
