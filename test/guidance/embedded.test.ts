import { describe, expect, it } from 'vitest';
import { toEmbeddedStatements } from '../../src/guidance/embedded.js';
import { textPlace, fileText, yamlScalarPlace } from '../../src/adapters/shared/text-place.js';
import { parseYamlText } from '../../src/sources/yaml.js';
import { parseToml } from '../../src/sources/toml.js';
import { lintFiles } from '../helpers/repo.js';

/** The statements of a TOML file's string at `key`, placed in the file. */
function statementsOf(toml: string, key: string): { text: string; line: number; column: number; block: number | undefined }[] {
  const parsed = parseToml(toml);
  if (!parsed.ok) throw new Error('fixture does not parse');
  const value = parsed.value[key] as string;
  const place = textPlace(fileText(toml), parsed.locator.locate([key], 'value'), value);
  expect(place).toBeDefined();
  return toEmbeddedStatements([{ file: 'a.toml', agent: 'codex', text: value, place: place! }]).map((s) => ({
    text: s.text,
    line: s.position.line,
    column: s.position.column,
    block: s.block,
  }));
}

describe('guidance embedded in an agent file', () => {
  it('places statements of a multi-line TOML string at their lines in the file', () => {
    const toml = 'name = "w"\ndeveloper_instructions = """\nRead AGENTS.md first.\n\n  Then push with `git push`.\n"""\n';
    expect(statementsOf(toml, 'developer_instructions')).toEqual([
      { text: 'Read AGENTS.md first.', line: 3, column: 1, block: 1 },
      { text: 'Then push with `git push`.', line: 5, column: 3, block: 2 },
    ]);
  });

  it('places statements of a one-line string past its escapes', () => {
    const toml = 'instructions = "Read the docs.\\n\\tPush with `git push` when done."\n';
    const [, second] = statementsOf(toml, 'instructions');
    // `Push` follows `instructions = "Read the docs.\n\t` (34 characters) on line 1: each escape takes two columns.
    expect(second).toMatchObject({ text: 'Push with `git push` when done.', line: 1, column: 35 });
  });

  it('numbers blocks across the texts of one file, so two texts never share a block', () => {
    const statements = toEmbeddedStatements([
      { file: 'a.toml', agent: 'codex', text: 'One.\n\nTwo.', place: { runs: [[0, 1, 1]], length: 9 } },
      { file: 'a.toml', agent: 'codex', text: 'Three.', place: { runs: [[0, 5, 1]], length: 6 } },
    ]);
    expect(statements.map((s) => s.block)).toEqual([1, 2, 3]);
  });

  it('reads a command file whose front matter does not parse as guidance still, and reports the front matter as a notice', async () => {
    const text = '---\nallowed-tools: [Bash(git push:*)\n---\n\nPush to main with `git push origin main` after each change.\n';
    const result = await lintFiles({ '.claude/commands/wrap-up.md': text });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.ruleId}:${f.level}`)).toEqual([
      '2:config-unparseable:notice',
      '5:publish-deploy:error',
    ]);
  });

  it('leaves settings written inline under [agents.<role>] unread, as Codex does', async () => {
    const toml = '[agents.researcher]\ndescription = "r"\nweb_search = "live"\nsandbox_mode = "danger-full-access"\n';
    const result = await lintFiles({ '.codex/config.toml': toml });
    expect(result.findings).toEqual([]);
  });
});

describe('guidance in JSON and YAML strings', () => {
  it('places a Cursor allow instruction at its characters inside the JSON string', async () => {
    const json = '{ "autoRun": { "allow_instructions": [\n    "Tests are fine. Deploy with `fly deploy` after they pass."\n  ] } }\n';
    const result = await lintFiles({ '.cursor/permissions.json': json });
    expect(result.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['2:22:publish-deploy']);
  });

  it('reads a leading "Allow" as an approval only in a list of approvals', async () => {
    const sentence = 'Allow npx netlify-cli deploy to the site with --prod.';
    const cursor = await lintFiles({
      '.cursor/permissions.json': `{ "autoRun": { "allow_instructions": [${JSON.stringify(sentence)}] } }\n`,
    });
    expect(cursor.findings.map((f) => `${f.location.start.line}:${f.location.start.column}:${f.ruleId}`)).toEqual(['1:40:publish-deploy']);
    const agents = await lintFiles({ 'AGENTS.md': `${sentence}\n` });
    expect(agents.findings).toEqual([]);
  });

  it('reads what each allow instruction approves ahead, and only that', async () => {
    const cases: [string, string[]][] = [
      // What a colon lists after "Allow …" is approved with it.
      ['Allow standard git write commands: git add, git commit, git push, git pull.', ['publish-deploy']],
      ['Allow Lighthouse and bundle analysis: npx lighthouse, npx @next/bundle-analyzer, curl.', ['network-access']],
      // …not when the object is read-only, nor git's read-only merge-base.
      ['Allow read-only git inspection: status, diff, log, merge-base, push --dry-run.', []],
      ['Allow git merge-base and git status.', []],
      // "are approved", "is pre-authorized" approve their subject as "is fine" does.
      ['WebSearch and WebFetch for research are approved.', ['network-access']],
      ['Firecrawl search, scrape and docs-search are pre-authorized.', ['network-access']],
      ['Package installs and build commands that modify node_modules are approved.', ['network-access']],
      ['Read-only file inspection and MCP browser tools for QA are approved.', ['network-access']],
      ['Allow npm and vite commands used to install dependencies and run the app.', ['network-access']],
      // Every install of a package manager is not every command.
      ['All pip and package manager installs run without prompting.', ['network-access']],
      // Every command, shell or action approved ahead.
      ['All shell commands run without prompting.', ['sandbox-mode']],
      ['Allow all local shell, git, gh, pip, and MCP clicks.', ['sandbox-mode']],
      ['User granted standing full approval for ALL agent actions in this repo.', ['sandbox-mode']],
      ['Full approval for all shell commands.', ['sandbox-mode']],
      ['Allow any and all commands.', ['sandbox-mode']],
      ['Allow all of the commands without asking.', ['sandbox-mode']],
      ['Allow all of the commands listed below.', []],
      ['Allow all shell commands that only read files.', []],
      ['Allow all commands only in the sandbox.', []],
      ['Unit tests are approved.', []],
      // Said of every command without approving it.
      ['Every command must be reviewed first.', []],
      ['All agent actions are logged.', []],
      // What a colon lists, up to a remark or a word that takes it back.
      ['Allow safe commands: ls, cat — ask before git push or npm publish.', []],
      ['Allow build commands: npm run build, npm test (no npm install, no curl).', []],
      ['Allow local commands: ls, cat, never curl.', []],
      ['Allow read-only and write git commands: git push, npm publish.', ['publish-deploy']],
      // Approved by someone else is not approved ahead; an exception takes back only what follows it.
      ['Pushes are approved by a human before they run.', []],
      ['Deploying to production is pre-authorized, except on Fridays.', ['publish-deploy']],
    ];
    for (const [sentence, rules] of cases) {
      const result = await lintFiles({
        '.cursor/permissions.json': `{ "autoRun": { "allow_instructions": [${JSON.stringify(sentence)}] } }\n`,
      });
      expect([sentence, result.findings.map((f) => f.ruleId)]).toEqual([sentence, rules]);
    }
  });

  it('reads "all" of work as every command unless it is all installs of something', async () => {
    const rules = async (sentence: string) => (await lintFiles({ 'AGENTS.md': `${sentence}\n` })).findings.map((f) => f.ruleId);
    expect(await rules('All programs run without asking.')).toEqual(['sandbox-mode']);
    expect(await rules('All dev commands run without asking.')).toEqual(['sandbox-mode']);
    expect(await rules('All pip installs run without asking.')).not.toContain('sandbox-mode');
  });

  it('places lines of YAML literal, folded and plain scalars at their lines and indentation', () => {
    const yaml =
      'a: |-\n  First line.\n    Indented.\n\n  After a blank.\nb: >\n  One\n  folded.\nc: plain text\n  continued\nd: |\n  x\n    \n  y\n   \n';
    const parsed = parseYamlText(yaml);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const runs = (key: string) => {
      const value = (parsed.value as Record<string, string>)[key]!;
      return yamlScalarPlace(fileText(yaml), parsed.locator.locate([key], 'value'), value)?.runs;
    };
    expect(runs('a')).toEqual([
      [0, 2, 3],
      [12, 3, 3],
      [25, 5, 3],
    ]);
    expect(runs('b')).toEqual([
      [0, 7, 3],
      [4, 8, 3],
    ]);
    expect(runs('c')).toEqual([
      [0, 9, 4],
      [11, 10, 3],
    ]);
    // A blank line longer than the indentation keeps the blanks past it in a literal block.
    expect((parsed.value as Record<string, string>).d).toBe('x\n  \ny\n \n');
    expect(runs('d')).toEqual([
      [0, 12, 3],
      [2, 13, 3],
      [5, 14, 3],
      [7, 15, 3],
    ]);
  });
});
