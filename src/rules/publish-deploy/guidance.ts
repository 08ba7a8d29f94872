import { findInCommandLine, type CommandCatalog } from '../../shell/catalog.js';
import { recognise, type GuidanceHit, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, oneOf, optionalWords } from '../../guidance/words.js';

/** What "deploy" may be followed by in an order to deploy. */
const DEPLOY_OBJECTS = [
  ...['to', 'the', 'it', 'this', 'that', 'these', 'those', 'your', 'our', 'my', 'changes', 'a', 'an', 'on', 'them', 'everything', 'new'],
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
];
const MERGED = [
  'pr\\b',
  'pull request',
  'mr\\b',
  'merge request',
  'it yourself',
  `(?:it |them )?(?:in)?to ${oneOf(['main', 'master', 'production', 'release'])}`,
];
const LIVE = ['prod', 'production', 'live', 'staging'];
const S = '\\s+';

/** An order to publish, push, merge, release or deploy, as the first words of a clause. */
const PUBLISH_PHRASE = anyPattern(
  ['^(?:re)?deploy', S, optionalWords(['it', 'them']), oneOf(DEPLOY_OBJECTS), '\\b'],
  ['^publish', S, optionalWords(['the', 'a', 'new', 'this', 'our', 'your']), oneOf(PUBLISHED), '\\b'],
  ['^release', S, oneOf(['a\\s+', 'the\\s+', 'new\\s+', 'to\\b', 'version', 'v?\\d'])],
  ['^ship', S, optionalWords(['it']), 'to\\b'],
  ['^push', S, optionalWords(['it', 'them']), oneOf(PUSHED), '\\b'],
  ['^merge', S, optionalWords(['the', 'your', 'this']), oneOf(MERGED)],
  ['^', oneOf(['cut', 'create', 'tag', 'draft']), S, optionalWords(['a', 'the']), optionalWords(['new']), 'release\\b'],
  ['^roll\\s?out', S, oneOf(['to', 'the', 'it', 'changes']), '\\b'],
  ['^promote', S, '(?:it\\s+|the\\s+\\w+\\s+)?to', S, oneOf(LIVE), '\\b'],
);

/** What a statement orders that publishes or deploys, given the commands that do. */
export function publishingIn(reading: StatementReading, catalog: CommandCatalog): string | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') return findInCommandLine(orders.command, catalog.publish);
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    for (const command of clause.commands) {
      const found = findInCommandLine(command, catalog.publish);
      if (found) return found;
    }
    if (clause.wordsOrder && PUBLISH_PHRASE.test(clause.text)) return 'said in prose';
  }
  return undefined;
}

/** Guidance that tells the agent to publish or deploy on its own, by the rule's catalog (built-ins and the policy's `commands`). */
export const findPublishing = (readings: readonly StatementReading[], catalog: CommandCatalog): GuidanceHit[] =>
  recognise(readings, (reading) => publishingIn(reading, catalog));
