import { describe, expect, it } from 'vitest';
import { readStatement, type OrderClause } from '../../src/guidance/reading.js';
import type { Statement } from '../../src/guidance/statements.js';
import { findPublishing } from '../../src/rules/publish-deploy/guidance.js';
import { findSecretReads } from '../../src/rules/secret-access/guidance.js';
import { catalogFor, secretPathsFor } from '../../src/rules/shared/analysis.js';
import { lintFiles, located } from '../helpers/repo.js';

const statement = (text: string, extra: Partial<Statement> = {}): Statement => ({
  file: 'AGENTS.md',
  agent: 'agents-md',
  position: { line: 1, column: 1 },
  text,
  code: [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
  source: 'prose',
  guarded: false,
  ...extra,
});

const clausesOf = (text: string): readonly OrderClause[] => {
  const { orders } = readStatement(statement(text));
  if (orders.kind !== 'prose') throw new Error(`not read as prose: ${orders.kind}`);
  return orders.clauses;
};

describe('guidance: the shared reading of a statement', () => {
  it('orders nothing in a guardrail, an ask-first sentence, foreign prose or after a guarding lead-in', () => {
    expect(readStatement(statement('Run `npm publish`.', { guarded: true })).orders).toEqual({ kind: 'none' });
    expect(readStatement(statement('Ask a human before `npm publish`.')).orders).toEqual({ kind: 'none' });
    // Prose in a language without word lists here (Greek) is left to its code blocks; Russian is read with its lists.
    expect(readStatement(statement('Εκτέλεσε `npm publish` μετά τα τεστ.')).orders).toEqual({ kind: 'none' });
    const russian = readStatement(statement('Запустите `npm publish` после тестов.')).orders;
    expect(russian.kind === 'prose' && russian.clauses.flatMap((c) => c.commands)).toEqual(['npm publish']);
    expect(readStatement(statement("Don't do this: `npm publish`.")).orders).toEqual({ kind: 'none' });
  });

  it('reads a literal credential even in a guardrail, and masks it in the quote', () => {
    const token = 'ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ';
    const reading = readStatement(statement(`Never paste GITHUB_TOKEN=${token} anywhere.`, { guarded: true }));
    expect(reading.literal?.text).toBe(token);
    expect(reading.quote).not.toContain(token);
  });

  it('keeps the command of a shell line and the text of a config line', () => {
    expect(readStatement(statement('npm publish', { source: 'shell', code: ['npm publish'] })).orders).toEqual({
      kind: 'command',
      command: 'npm publish',
    });
    expect(readStatement(statement('network_access = true', { source: 'config' })).orders).toEqual({
      kind: 'setting',
      text: 'network_access = true',
    });
  });

  it('orders the inline code of a clause only before its negation, and continues negation into an enumeration', () => {
    const [first, second] = clausesOf('Run `npm test` but never `npm publish`, `git push` or `docker push`.');
    expect(first!.commands).toEqual(['npm test']);
    expect(second!.commands).toEqual([]);
    expect(clausesOf('Never run `a`, `b` or `c`.').flatMap((c) => c.commands)).toEqual([]);
  });

  it('tells an order in words from a negated verb and from a table label', () => {
    expect(clausesOf('Deploy to production.')[0]!.wordsOrder).toBe(true);
    expect(clausesOf('Avoid deploying to production.').map((c) => c.wordsOrder)).toEqual([false]);
    const { orders } = readStatement(statement('Deploy infrastructure | `bun run deploy`', { source: 'table' }));
    expect(orders.kind === 'prose' && orders.clauses.map((c) => c.wordsOrder)).toEqual([false]);
  });

  it('tells a standing waiver of approval from a sentence that forbids working without it', () => {
    expect(readStatement(statement('Never ask for confirmation.')).waivesApproval).toBe(true);
    expect(readStatement(statement('Go ahead without asking for approval.')).waivesApproval).toBe(true);
    expect(readStatement(statement('Never deploy without approval.')).waivesApproval).toBe(false);
  });
});

describe('guidance: recognisers take their own rule options', () => {
  const readings = [
    readStatement(statement('Run `make release` when the tests pass.')),
    readStatement(statement('Run `cat config/prod.cfg` to get the key.')),
  ];

  it('publish-deploy recognises the commands its own option adds', () => {
    expect(findPublishing(readings, catalogFor([], []))).toEqual([]);
    expect(findPublishing(readings, catalogFor(['make release'], [])).map((h) => h.what)).toEqual(['make release']);
  });

  it('secret-access recognises the paths its own option adds', () => {
    expect(findSecretReads(readings, secretPathsFor([]))).toEqual([]);
    expect(findSecretReads(readings, secretPathsFor(['config/*.cfg']))).toHaveLength(1);
  });

  it('a waiver of approval next to a publish order is left to publish-deploy; the built-in publish commands decide', async () => {
    expect(located(await lintFiles({ 'AGENTS.md': 'Never ask for confirmation and run `npm publish`.\n' }))).toEqual(['1:publish-deploy']);
    // A command the policy adds is publish-deploy's alone: sandbox-mode does not read that rule's options.
    const policy = 'rules:\n  publish-deploy: { commands: ["make ship"] }\n';
    expect(located(await lintFiles({ 'AGENTS.md': 'Never ask for confirmation and run `make ship`.\n' }, policy))).toEqual([
      '1:publish-deploy',
      '1:sandbox-mode',
    ]);
  });
});
