import { describe, expect, it } from 'vitest';
import { parseAssignments } from '../src/sources/assignments.js';
import { lintFiles, makeRepo } from './helpers/repo.js';

// Ralph for Claude Code runs `claude -p` in a loop on `.ralph/PROMPT.md`, with `--allowedTools` from the `ALLOWED_TOOLS`
// of the project's `.ralphrc` (https://github.com/frankbria/ralph-claude-code, lib/ralphrc.sh and ralph_loop.sh).
const found = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files)).findings.map((f) => `${f.location.start.line}:${f.location.start.column} ${f.ruleId}`);

describe('a .ralphrc is read as data, as Ralph reads it', () => {
  it('bare, single- and double-quoted values, after export and before a comment; the last assignment wins', () => {
    const parsed = parseAssignments(
      '\ufeff# Ralph\nA=one\n  export B="two words" # note\nC=\'three\'\nA=four\nnot an assignment\n\nD="x"y\n',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect({ ...parsed.value }).toEqual({ A: 'four', B: 'two words', C: 'three' });
    expect(parsed.locator.locate(['A'], 'key').start).toEqual({ line: 5, column: 1 });
    expect(parsed.locator.locate(['B'], 'key').start).toEqual({ line: 3, column: 10 });
    expect(parsed.locator.locate(['B'], 'value').start).toEqual({ line: 3, column: 12 });
  });

  it('a value a shell would expand or run is skipped, and an earlier plain one stays', () => {
    for (const value of [
      '"${TOOLS:-Bash(*)}"',
      '"$(cat tools)"',
      '"`cat tools`"',
      'Bash(*)',
      'a;b',
      '"a\\\\b"',
      '"a\u0007"',
      '"a\u0085"',
    ]) {
      const parsed = parseAssignments(`T=kept\nT=${value}\n`);
      expect(parsed.ok && { ...parsed.value }, value).toEqual({ T: 'kept' });
    }
    // A name that is an object's own property in JavaScript is only a name.
    const parsed = parseAssignments('__proto__=x\nconstructor=y\n');
    expect(parsed.ok && Object.keys(parsed.value)).toEqual(['__proto__', 'constructor']);
  });

  it("blanks are a shell's: a vertical tab or form feed separates, a no-break space does not, a NUL byte is dropped", () => {
    const read = (text: string): unknown => {
      const parsed = parseAssignments(text);
      return parsed.ok && { ...parsed.value };
    };
    expect(read('T="a"\u000b# note\n')).toEqual({ T: 'a' });
    expect(read('T="a"\f# note\n')).toEqual({ T: 'a' });
    expect(read('export\u000bT="a"\n')).toEqual({ T: 'a' });
    expect(read('T="a\u0000b"\n')).toEqual({ T: 'ab' });
    expect(read('T="a"\nT="b"\u00a0\n')).toEqual({ T: 'a' });
    expect(read('T="a"\n\u00a0T="b"\n')).toEqual({ T: 'a' });
    expect(read('T="a"\n\ufeffT="b"\n')).toEqual({ T: 'b' });
  });
});

describe('Ralph: ALLOWED_TOOLS are Claude Code permission rules that run unasked', () => {
  it('each entry is judged as a permissions.allow entry, at its own column', async () => {
    const rc = 'ALLOWED_TOOLS="Write,Read,Edit,Bash(git commit *),Bash(git push *), Bash(npm *),Bash(pytest)"\n';
    expect(await found({ '.ralphrc': rc })).toEqual(['1:51 publish-deploy', '1:69 network-access', '1:69 publish-deploy']);
    expect(await found({ '.ralphrc': "ALLOWED_TOOLS='Write,Read,Bash(*)'\n" })).toEqual(['1:27 sandbox-mode']);
    expect(await found({ '.ralphrc': 'ALLOWED_TOOLS=WebFetch,WebSearch\n' })).toEqual(['1:15 network-access', '1:24 network-access']);
    // Written with spaces, the list is split as Claude Code splits its --allowedTools argument.
    expect(await found({ '.ralphrc': 'ALLOWED_TOOLS="Write Read Bash(git diff *) Bash"\n' })).toEqual(['1:44 sandbox-mode']);
    expect(await found({ '.ralphrc': 'ALLOWED_TOOLS="Write,Read,Edit,Bash(git status),Bash(pytest)"\n' })).toEqual([]);
  });

  it("the project's .claude deny entries still win, in the .ralphrc's own folder", async () => {
    const rc = 'ALLOWED_TOOLS="Bash(git push *)"\n';
    const deny = '{ "permissions": { "deny": ["Bash(git push:*)"] } }\n';
    expect(await found({ '.ralphrc': rc, '.claude/settings.json': deny })).toEqual([]);
    expect(await found({ 'app/.ralphrc': rc, 'app/.claude/settings.json': deny })).toEqual([]);
    expect(await found({ 'app/.ralphrc': rc, 'other/.claude/settings.json': deny })).toEqual(['1:16 publish-deploy']);
  });

  it('the last assignment wins; CLAUDE_ALLOWED_TOOLS is read when ALLOWED_TOOLS is not; names Ralph ignores change nothing', async () => {
    expect(await found({ '.ralphrc': 'ALLOWED_TOOLS="Bash(*)"\nALLOWED_TOOLS="Read"\n' })).toEqual([]);
    expect(await found({ '.ralphrc': 'CLAUDE_ALLOWED_TOOLS="Write,Bash(*)"\n' })).toEqual(['1:29 sandbox-mode']);
    expect(await found({ '.ralphrc': 'CLAUDE_ALLOWED_TOOLS="Bash(*)"\nALLOWED_TOOLS="Read"\n' })).toEqual([]);
    expect(await found({ '.ralphrc': 'CLAUDE_ALLOWED_TOOLS="Bash(*)"\nALLOWED_TOOLS=""\n' })).toEqual(['1:23 sandbox-mode']);
    // An empty CLAUDE_ALLOWED_TOOLS passes no list at all.
    expect(await found({ '.ralphrc': 'CLAUDE_ALLOWED_TOOLS=""\nMAX_CALLS_PER_HOUR=100\n' })).toEqual([]);
    expect(await found({ '.ralphrc': 'CODEX_MODEL=gpt-5\nSANDBOX_MODE=""\nALLOWED_TOOLS="Bash(*)"\n' })).toEqual(['3:16 sandbox-mode']);
  });

  it("with no list of its own, or an empty or rejected one, Ralph's default list is judged at the file's start", async () => {
    const defaults = ['destructive-actions', 'network-access', 'publish-deploy', 'publish-deploy'];
    const rules = async (text: string): Promise<string[]> => (await found({ '.ralphrc': text })).map((f) => f.split(' ')[1]!);
    expect(await rules('MAX_CALLS_PER_HOUR=100\n')).toEqual(defaults);
    expect(await rules('ALLOWED_TOOLS=""\nMAX_CALLS_PER_HOUR=100\n')).toEqual(defaults);
    expect(await rules('ALLOWED_TOOLS="${ALLOWED_TOOLS:-Read}"\nSESSION_CONTINUITY=true\n')).toEqual(defaults);
    // A rejected list alone still makes the file Ralph's.
    expect(await rules('ALLOWED_TOOLS="${ALLOWED_TOOLS:-Read}"\n')).toEqual(defaults);
    expect(await rules("ALLOWED_TOOLS='Read,Bash(*)'#c\n")).toEqual(defaults);
    expect(await found({ '.ralphrc': 'MAX_CALLS_PER_HOUR=100\n' })).toContain('1:1 publish-deploy');
    // Another tool's file of that name sets none of Ralph's names.
    expect(await found({ '.ralphrc': '{ "prompt": "docs/ralph.md" }\n' })).toEqual([]);
  });

  it('a list written in a form Ralph skips is where its default list is reported, saying why', async () => {
    // `ralph enable` once wrote the list over several lines, which Ralph's line-by-line reader skips.
    const multiline = 'PROJECT_NAME="x"\nALLOWED_TOOLS="\\\nRead,\\\nBash(ls *)\\\n"\nMAX_CALLS_PER_HOUR=100\n';
    const { findings } = await lintFiles({ '.ralphrc': multiline });
    expect(findings.map((f) => `${f.location.start.line}:${f.location.start.column} ${f.ruleId}`)).toEqual([
      '2:1 destructive-actions',
      '2:1 network-access',
      '2:1 publish-deploy',
      '2:1 publish-deploy',
    ]);
    expect(findings[2]!.message).toMatch(
      /^ALLOWED_TOOLS is written in a form Ralph does not read .*, so Ralph's default allow "Bash\(git push \*\)"/,
    );
    // Skipped for CLAUDE_ALLOWED_TOOLS, at its own line; a later assignment Ralph reads is the list.
    expect(await found({ '.ralphrc': 'MAX_CALLS_PER_HOUR=1\nCLAUDE_ALLOWED_TOOLS="$(cat tools)"\n' })).toContain('2:1 publish-deploy');
    expect(await found({ '.ralphrc': 'ALLOWED_TOOLS="\\\nRead\\\n"\nALLOWED_TOOLS="Read"\n' })).toEqual([]);
  });

  it('an assignment with a blank outside ASCII is reported and not read: shells read it by their locale', async () => {
    for (const line of ['ALLOWED_TOOLS="Read"\u3000# note', 'export\u3000ALLOWED_TOOLS="Read"', 'ALLOWED_TOOLS=Read\u2003Write'])
      expect(await found({ '.ralphrc': `ALLOWED_TOOLS="Write,Bash(*)"\n${line}\n` }), line).toEqual([
        '1:22 sandbox-mode',
        '2:1 config-unparseable',
      ]);
    // In a comment it changes nothing.
    expect(await found({ '.ralphrc': '# Don\u00a0t change\nALLOWED_TOOLS="Read"\n' })).toEqual([]);
  });

  it('a list is read whole: repeated entries count once, and a list too long to read is reported', async () => {
    expect(await found({ '.ralphrc': `ALLOWED_TOOLS="${'Read,'.repeat(5000)}Bash(*)"\n` })).toEqual(['1:25016 sandbox-mode']);
    const many = Array.from({ length: 1001 }, (_, i) => `Bash(tool${i})`).join(',');
    expect(await found({ '.ralphrc': `ALLOWED_TOOLS="${many}"\n` })).toEqual(['1:1 config-unparseable']);
  });

  it('a literal credential in any value is reported', async () => {
    const token = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
    expect(await found({ '.ralphrc': `GITHUB_TOKEN="${token}"\n` })).toEqual(['1:14 secret-access']);
  });

  it("the loop's prompt, and the build and run instructions it sends Claude Code to, are guidance", async () => {
    expect(await found({ '.ralph/PROMPT.md': '# Loop\n\nAfter each task, run `git push origin main`.\n' })).toEqual(['3:1 publish-deploy']);
    // Ralph's own AGENT.md template: every feature pushed before the next.
    const agent =
      'Before moving to the next feature, ALL changes must be:\n\n1. **Committed**\n2. **Pushed to Remote Repository**:\n   ```bash\n   git push origin <branch-name>\n   ```\n';
    expect(await found({ '.ralph/AGENT.md': agent })).toEqual(['4:6 publish-deploy']);
  });

  it('a .ralphrc at the root or deep in a monorepo is listed as an agent file', async () => {
    const { listRepositoryFiles } = await import('../src/sources/discover.js');
    const { startAgentListing } = await import('../src/sources/candidates.js');
    const paths = ['.ralphrc', 'packages/a b/.ralphrc', '.ralph/PROMPT.md'];
    const root = makeRepo({ ...Object.fromEntries(paths.map((p) => [p, 'X=1\n'])), 'src/.ralphrc.bak': '' });
    const listing = await listRepositoryFiles(root, startAgentListing(root));
    for (const p of paths) expect(listing.files, p).toContain(p);
    expect(listing.files).not.toContain('src/.ralphrc.bak');
  });
});
