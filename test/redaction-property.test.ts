import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSecret } from '../src/secrets/literal.js';
import { renderAll } from './helpers/outputs.js';
import { lintFiles } from './helpers/repo.js';

/** Cases per credential kind in `npm test`; set AGENT_POLICY_FUZZ_RUNS for a longer run. */
const RUNS = Number(process.env.AGENT_POLICY_FUZZ_RUNS ?? 6);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}_-`;
const BASE64 = `${ALNUM}+/`;

/** A string of `chars` whose length is drawn from [min, max], the bounds themselves weighted up. */
const charsOf = (chars: string, min: number, max: number): fc.Arbitrary<string> =>
  fc
    .oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max }))
    .chain((length) => fc.array(fc.constantFrom(...Array.from(chars)), { minLength: length, maxLength: length }))
    .map((a) => a.join(''));

/** A public prefix and a random tail; total length within 8–4,000 and what the kind's shape allows. */
const prefixed = (prefix: fc.Arbitrary<string> | string, chars: string, min: number, max: number): fc.Arbitrary<[string, string]> =>
  (typeof prefix === 'string' ? fc.constant(prefix) : prefix).chain((p) =>
    charsOf(chars, min, Math.min(max, 4000 - p.length)).map((tail): [string, string] => [p, tail]),
  );

/**
 * A credential and how it sits in a config: `value` is what must never be shown past its first 4
 * characters; `keyed` goes under a secret-like key (API_TOKEN); `inline` goes where there is no key
 * (command lines, sentences, URLs).
 */
interface Sample {
  kind: string;
  /** The part of `value` every such credential starts with (`ghp_`, `https://hooks.slack.com/services/`): not secret. */
  prefix: string;
  value: string;
  keyed: string;
  inline: string;
}

const shaped = (kind: string, arb: fc.Arbitrary<[string, string]>): [string, fc.Arbitrary<Sample>] => [
  kind,
  arb.map(([prefix, tail]) => ({ kind, prefix, value: prefix + tail, keyed: prefix + tail, inline: prefix + tail })),
];

const jwtPart = (min: number, max: number): fc.Arbitrary<string> => charsOf(URLSAFE, min, max);
const KINDS: [string, fc.Arbitrary<Sample>][] = [
  shaped('GitHub token', prefixed(fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'), ALNUM, 36, 255)),
  shaped('GitHub fine-grained token', prefixed('github_pat_', `${ALNUM}_`, 22, 255)),
  shaped('GitLab token', prefixed('glpat-', URLSAFE, 20, 100)),
  shaped('Anthropic API key', prefixed('sk-ant-', URLSAFE, 20, 300)),
  shaped('OpenAI API key', prefixed(fc.constantFrom('sk-', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'), URLSAFE, 20, 300)),
  shaped('AWS access key ID', prefixed(fc.constantFrom('AKIA', 'ASIA', 'ABIA', 'ACCA'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16, 16)),
  shaped('Slack token', prefixed(fc.constantFrom('xoxb-', 'xoxp-', 'xoxa-', 'xoxs-'), `${ALNUM}-`, 10, 250)),
  shaped('Slack webhook URL', prefixed('https://hooks.slack.com/services/', `${ALNUM}_/`, 20, 200)),
  shaped('Stripe key', prefixed(fc.constantFrom('sk_live_', 'sk_test_', 'rk_live_'), ALNUM, 16, 250)),
  shaped('Google API key', prefixed('AIza', URLSAFE, 35, 35)),
  shaped('Google OAuth client secret', prefixed('GOCSPX-', URLSAFE, 28, 28)),
  shaped('Supabase access token', prefixed('sbp_', '0123456789abcdef', 40, 40)),
  shaped('Supabase secret key', prefixed('sb_secret_', URLSAFE, 20, 200)),
  shaped('npm token', prefixed('npm_', ALNUM, 36, 36)),
  shaped('Hugging Face token', prefixed('hf_', ALNUM, 34, 100)),
  shaped('Groq API key', prefixed('gsk_', ALNUM, 48, 100)),
  shaped('Linear API key', prefixed('lin_api_', ALNUM, 40, 100)),
  shaped(
    'private key',
    prefixed(
      fc.constantFrom('-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----'),
      BASE64,
      0,
      3960,
    ),
  ),
  [
    'JSON Web Token',
    fc.tuple(jwtPart(8, 1300), jwtPart(8, 1300), jwtPart(8, 1300)).map(([h, p, s]) => {
      const value = `eyJ${h}.eyJ${p}.${s}`;
      return { kind: 'JSON Web Token', prefix: 'eyJ', value, keyed: value, inline: `API_TOKEN=${value}` };
    }),
  ],
  [
    'password inside a URL',
    charsOf(`${ALNUM}!$&*+;=._~-`, 8, 200).map((value) => ({
      kind: 'password inside a URL',
      prefix: '',
      value,
      keyed: `postgres://deploy:${value}@db.prod.example.net:5432/app`,
      inline: `https://deploy:${value}@intranet.example.net/x`,
    })),
  ],
  [
    'literal value for a flag',
    charsOf(ALNUM, 16, 500).map((value) => ({
      kind: 'literal value for a flag',
      prefix: '',
      value,
      keyed: value,
      inline: `--api-key=${value}`,
    })),
  ],
  [
    'high-entropy value under a secret-like key',
    charsOf(ALNUM, 16, 1000).map((value) => ({
      kind: 'high-entropy value under a secret-like key',
      prefix: '',
      value,
      keyed: value,
      inline: `API_TOKEN=${value}`,
    })),
  ],
];

/** Only values the checker itself calls credentials. */
const detected = (s: Sample): boolean => detectSecret(s.keyed, 'API_TOKEN') !== undefined && detectSecret(s.inline) !== undefined;

const q = (s: string): string => JSON.stringify(s);

/** Every file kind the checker reads, each holding the credential where a finding quotes it. */
function repository(s: Sample, other: Sample, position: number): Record<string, string> {
  const { keyed, inline } = s;
  const host = s.kind === 'password inside a URL' ? `deploy:${s.value}@intranet.example.net` : 'intranet.example.net';
  const url = s.kind === 'password inside a URL' ? inline : `https://mcp.example.net/x?${inline}`;
  const mcp = {
    mcpServers: {
      local: { command: 'npx', args: ['-y', 'server', inline], env: { API_TOKEN: keyed } },
      remote: { type: 'http', url, headers: { Authorization: `Bearer ${keyed}`, 'X-Api-Key': keyed } },
    },
  };
  const sentences = [
    `Deploy with ${inline} now.`,
    `Run \`npm publish --registry x ${inline}\` to release.`,
    `${inline} is the token; push to production with it and with ${other.inline}.`,
  ];
  return {
    '.codex/config.toml': `notify = ["sh", "-c", ${q(`curl -H "Authorization: Bearer ${keyed}" ${url}`)}]\n[mcp_servers.local]\ncommand = "npx"\nargs = [${q(inline)}]\nenv = { API_TOKEN = ${q(keyed)} }\n[mcp_servers.remote]\nurl = ${q(url)}\nhttp_headers = { Authorization = ${q(`Bearer ${keyed}`)} }\n[model_providers.p]\nexperimental_bearer_token = ${q(keyed)}\n`,
    '.codex/rules/release.rules': `prefix_rule(pattern = ["curl", ${q(inline)}], decision = "allow")\nprefix_rule(pattern = ["npm", "publish", ${q(inline)}])\n`,
    '.claude/settings.json': JSON.stringify({
      permissions: {
        allow: [
          `Bash(curl -H "X-Token: ${keyed}" https://api.example.net)`,
          `Bash(npm publish ${inline})`,
          `WebFetch(domain:${host})`,
          `Read(${inline})`,
        ],
      },
      env: { API_TOKEN: keyed },
    }),
    '.mcp.json': JSON.stringify(mcp),
    '.gemini/settings.json': JSON.stringify({
      ...mcp,
      tools: { allowed: [`run_shell_command(curl ${inline})`, `run_shell_command(npm publish ${inline})`] },
    }),
    '.cursor/cli.json': JSON.stringify({ permissions: { allow: [`Shell(curl ${inline})`, `Shell(npm publish ${inline})`] } }),
    '.cursor/mcp.json': JSON.stringify(mcp),
    '.vscode/mcp.json': JSON.stringify({ servers: mcp.mcpServers }),
    '.vscode/settings.json': JSON.stringify({
      'chat.tools.terminal.autoApprove': { [`curl ${inline}`]: true, [`npm publish ${inline}`]: true },
    }),
    'opencode.json': JSON.stringify({
      mcp: { local: { type: 'local', command: ['npx', inline], environment: { API_TOKEN: keyed } } },
      permission: { bash: { [`curl ${inline}`]: 'allow', [`npm publish ${inline}`]: 'allow' } },
    }),
    '.aider.conf.yml': `openai-api-key: ${q(keyed)}\napi-key:\n  - ${q(`openai=${keyed}`)}\nyes-always: true\n`,
    'AGENTS.md': `# Release\n\n${sentences.slice(position).concat(sentences.slice(0, position)).join(' ')}\n\n- Publish with \`npm publish --otp ${inline}\` and ${other.inline}.\n`,
  };
}

const policy = (s: Sample): string =>
  [
    'exceptions:',
    '  - id: net',
    '    rule: network-access',
    '    paths: [".claude/settings.json"]',
    `    match: ${q(s.inline)}`,
    `    reason: ${q(`token ${s.inline} rotated`)}`,
    '    owner: "@acme/docs"',
    '    expires: 2026-12-01',
  ].join('\n');

/**
 * Outputs that show more than the first 4 characters of a credential (or more than its public prefix), or
 * any 12 characters of it in a row past that prefix.
 */
function leaks(outputs: Record<string, string>, { value, prefix }: Sample): string[] {
  const windows = [value.slice(0, Math.max(5, prefix.length + 1))];
  for (let i = Math.max(0, prefix.length - 11); i + 12 <= value.length; i += 6) windows.push(value.slice(i, i + 12));
  return Object.entries(outputs)
    .filter(([, text]) => windows.some((w) => text.includes(w)))
    .map(([name]) => name);
}

describe('no output shows a credential past its first 4 characters', () => {
  const anyKind = fc.oneof(...KINDS.map(([, arb]) => arb)).filter(detected);
  for (const [kind, arb] of KINDS) {
    it(
      `${kind}: every file kind, every position, every renderer`,
      async () => {
        await fc.assert(
          fc.asyncProperty(arb.filter(detected), anyKind, fc.nat({ max: 2 }), async (sample, other, position) => {
            const result = await lintFiles(repository(sample, other, position), policy(sample));
            expect(result.findings.length).toBeGreaterThan(10);
            const outputs = renderAll(result);
            expect(leaks(outputs, sample)).toEqual([]);
            expect(leaks(outputs, other)).toEqual([]);
          }),
          // Shrinking strings of thousands of characters takes minutes; the first counterexample is shown as found.
          { numRuns: RUNS, endOnFailure: true },
        );
      },
      Math.max(60_000, RUNS * 1_000),
    );
  }
});

describe('credentials that markdown would read as markup', () => {
  // The first one's `-_p` opens emphasis and the second one's `t_-` closes it: markdown alone drops both underscores.
  const [opens, closes] = ['sb_secret_Qw3rTy8uIo-_p4sDfG7hJkL9zXcV2bNm5aS', 'sb_secret_-_JNmj3fv4zFMVty3b5NaTuLa3ZwMcdgfIwBl'] as const;
  const keys = [opens, closes];
  const samples: Sample[] = keys.map((key) => ({ kind: 'Supabase secret key', prefix: 'sb_secret_', value: key, keyed: key, inline: key }));
  const sentence = `Use ${opens} for staging and ${closes} to push to production.`;

  it('are read whole in guidance: detected, and masked in every output', async () => {
    const result = await lintFiles({ 'AGENTS.md': `# Release\n\n${sentence}\n` });
    expect(result.findings.map((f) => f.message).join('\n')).toContain('literal Supabase secret key');
    for (const sample of samples) expect(leaks(renderAll(result), sample)).toEqual([]);
  });

  it('private-use characters in the text neither hide nor show them; a text that holds every one is reported', async () => {
    const some = Array.from({ length: 8 }, (_, i) => String.fromCharCode(0xe000 + i * 0x100 + 0x41)).join('');
    const result = await lintFiles({ 'AGENTS.md': `# Release\n\n<!-- ${some} -->\n\n${sentence}\n` });
    expect(result.findings.map((f) => f.message).join('\n')).toContain('literal Supabase secret key');
    for (const sample of samples) expect(leaks(renderAll(result), sample)).toEqual([]);
    const every = Array.from({ length: 0xf900 - 0xe000 }, (_, i) => String.fromCharCode(0xe000 + i)).join('');
    const full = await lintFiles({ 'AGENTS.md': `# Release\n\n<!-- ${every} -->\n\n${sentence}\n` });
    expect(full.findings.map((f) => f.message).join('\n')).toContain('holds every private-use character');
    for (const sample of samples) expect(leaks(renderAll(full), sample)).toEqual([]);
  });

  it('the markdown around them keeps its structure: a credential that ends a comment does not hide what follows', async () => {
    const text = `<!-- token: Xk9mQ2vL8pR4wZ7q-->\n\nIf the branch has diverged, run \`git reset --hard origin/main\` to clean up.\n`;
    const result = await lintFiles({ 'AGENTS.md': text });
    expect(result.findings.map((f) => f.ruleId)).toContain('destructive-actions');
  });
});

describe('a credential at the edge of a quoted excerpt', () => {
  it('is masked before the excerpt is cut, so no part of it past its prefix shows', async () => {
    // An include name of 68 characters puts the key across the 80-character cut of the message that quotes it.
    const key = 'AKIAQWERTYUIOPASDFGH';
    const result = await lintFiles({
      '.github/workflows/a.yml':
        'name: A\non: issue_comment\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n',
      Makefile: `-include ${'a'.repeat(68)}/${key}\nall:\n\ttrue\n`,
      'mk/agent.mk': 'review:\n\tclaude -p x --dangerously-skip-permissions\n',
    });
    expect(result.findings.map((f) => f.message).join('\n')).toContain('which is not read');
    const outputs = renderAll(result);
    expect(Object.entries(outputs).filter(([, text]) => text.includes(key.slice(0, 6)))).toEqual([]);
  });
});
