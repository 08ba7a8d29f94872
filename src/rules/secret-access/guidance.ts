import { recognise, type GuidanceHit, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, oneOf } from '../../guidance/words.js';
import type { SecretPathMatcher } from '../../secrets/paths.js';
import { commandsIn } from '../../shell/catalog.js';
import { secretRead } from '../../shell/secret-read.js';

/** Verbs that read, show or pass on what they name. */
const READ = [
  ...['read', 'cat', 'open', 'print', 'echo', 'show', 'dump', 'display', 'output', 'log', 'export', 'source', 'load'],
  ...['copy', 'paste', 'grab', 'retrieve', 'inspect', 'reveal', 'expose', 'share', 'send', 'upload', 'look at'],
];
/** Secrets and the files that hold them. */
const SECRETS = [
  String.raw`\.env\b`,
  String.raw`api[ _-]?keys?\b`,
  String.raw`secrets?\b`,
  String.raw`credentials?\b`,
  String.raw`tokens?\b`,
  String.raw`passwords?\b`,
  String.raw`private[ _-]keys?\b`,
  String.raw`ssh[ _-]keys?\b`,
  String.raw`\.pem\b`,
  ...['id_rsa', 'id_ed25519', String.raw`\.aws\/`, String.raw`\.ssh\/`, String.raw`\.npmrc`, String.raw`\.netrc`, 'keychain'],
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
const SECRET_READ_PHRASE = anyPattern(
  ['^', oneOf(READ), String.raw`\b[^.]{0,60}?`, oneOf(SECRETS)],
  [
    '^',
    oneOf(TAKE),
    String.raw`\b[^.]{0,40}?\b`,
    oneOf(SECRET_NAMES),
    String.raw`\b[^.]{0,30}?\b`,
    oneOf(['from', 'in', 'stored in', 'at', 'inside']),
    String.raw`\b[^.]{0,30}?`,
    oneOf(STORES),
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

/** What a command line reads that holds secrets. */
function commandReadsSecret(command: string, isSecretPath: SecretPathMatcher): string | undefined {
  const read = commandsIn(command)
    .map((c) => secretRead(c, isSecretPath))
    .find(Boolean);
  return read || SECRET_ECHO.test(command) ? (read ?? 'a secret variable') : undefined;
}

/** What a statement leaks or orders that reads secrets. */
function secretIn(reading: StatementReading, isSecretPath: SecretPathMatcher): string | undefined {
  if (reading.literal) return `a literal ${reading.literal.kind}`;
  const { orders } = reading;
  if (orders.kind === 'command') return commandReadsSecret(orders.command, isSecretPath);
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    for (const command of clause.commands) {
      const read = commandReadsSecret(command, isSecretPath);
      if (read !== undefined) return read;
    }
    const { text } = clause;
    if (clause.wordsOrder && SECRET_READ_PHRASE.test(text) && !ENV_VAR_REFERENCE.test(text) && !FROM_TEMPLATE.test(text))
      return 'said in prose';
  }
  return undefined;
}

/** Guidance that carries a literal credential or tells the agent to read secrets, by the rule's matcher of secret files. */
export const findSecretReads = (readings: readonly StatementReading[], isSecretPath: SecretPathMatcher): GuidanceHit[] =>
  recognise(readings, (reading) => secretIn(reading, isSecretPath));
