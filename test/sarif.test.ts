import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../src/rules/index.js';
import { cli, makeRepo } from './helpers/repo.js';

const require = createRequire(import.meta.url);
// A CommonJS module whose export is the class itself.
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

describe('sarif', () => {
  const dir = makeRepo({
    'deploy/.codex/config.toml': '[profiles.yolo]\nsandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = true\n',
    'my dir/.codex/rules/r.rules': 'prefix_rule(pattern = ["git", "push"])\n',
    'bad/.codex/config.toml': 'x = \n',
  });
  /** The parts of the SARIF log these tests read (the schema test checks the whole). */
  interface ReadResult {
    ruleId: string;
    ruleIndex: number;
    partialFingerprints: Record<string, string>;
    locations: [{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }];
  }
  let log: { runs: [{ tool: { driver: { rules: { id: string; help: { text: string }; helpUri: string }[] } }; results: ReadResult[] }] };
  beforeAll(async () => {
    log = JSON.parse((await cli(['check', dir, '--format', 'sarif'])).stdout) as typeof log;
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('declares every rule with help text, and results use bare rule ids with locations and fingerprints', () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_IDS);
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(40);
      expect(rule.helpUri).toContain(`docs/rules/${rule.id}.md`);
    }
    expect(run.results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      'config-unparseable',
      'network-access',
      'publish-deploy',
      'sandbox-mode',
    ]);
    for (const result of run.results) {
      expect(RULE_IDS).toContain(result.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.partialFingerprints['agentPolicyFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\//);
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
    }
    const spaced = run.results.find((r: { ruleId: string }) => r.ruleId === 'publish-deploy');
    expect(spaced?.locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/.codex/rules/r.rules');
  });

  it('carries each safe fix as SARIF fixes whose replacements, made by line and column, give what `fix` writes', async () => {
    interface Region {
      startLine: number;
      startColumn: number;
      endLine: number;
      endColumn: number;
    }
    interface Change {
      artifactLocation: { uri: string };
      replacements: { deletedRegion: Region; insertedContent?: { text: string } }[];
    }
    const results = (
      log.runs[0].results as (ReadResult & { fixes?: { description: { text: string }; artifactChanges: Change[] }[] })[]
    ).filter((r) => r.fixes);
    expect(results.map((r) => r.ruleId).sort()).toEqual(['network-access', 'publish-deploy', 'sandbox-mode']);
    const file = 'deploy/.codex/config.toml';
    let text = readFileSync(join(dir, file), 'utf8');
    const offsetOf = (line: number, column: number): number =>
      text
        .split('\n')
        .slice(0, line - 1)
        .reduce((n, l) => n + l.length + 1, 0) +
      column -
      1;
    const edits = results
      .flatMap((r) => r.fixes![0]!.artifactChanges)
      .filter((c) => c.artifactLocation.uri === file)
      .flatMap((c) => c.replacements)
      .map((r) => ({
        from: offsetOf(r.deletedRegion.startLine, r.deletedRegion.startColumn),
        to: offsetOf(r.deletedRegion.endLine, r.deletedRegion.endColumn),
        text: r.insertedContent?.text ?? '',
      }))
      .sort((a, b) => b.from - a.from);
    for (const e of edits) text = text.slice(0, e.from) + e.text + text.slice(e.to);
    await cli(['fix', dir]);
    expect(text).toBe(readFileSync(join(dir, file), 'utf8'));
    expect(text).toContain('sandbox_mode = "workspace-write"');
    expect(readFileSync(join(dir, 'my dir/.codex/rules/r.rules'), 'utf8')).toBe(
      'prefix_rule(pattern = ["git", "push"], decision = "prompt")\n',
    );
  });
});
