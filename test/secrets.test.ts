import { describe, expect, it } from 'vitest';
import { detectSecret, isPlaceholder } from '../src/secrets/literal.js';
import { redactSecrets } from '../src/secrets/redact.js';
import { secretPathMatcher } from '../src/secrets/paths.js';

describe('literal secret detection', () => {
  const real: [string, string, string?][] = [
    ['GitHub token', 'ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ'],
    ['GitHub fine-grained token', 'github_pat_11AQ7ZK2Y0mL9xV3bN8cR4_tW6pE1sD5fG9hJ2kL7zX3cV8bN4mQ1wE6rT0yU5iO9pA3sD7fG2hJ'],
    ['OpenAI API key', 'sk-proj-Q9fj38DkqPz02LmXcV7bNw4TtYr5Ua1SeHg6'],
    ['Anthropic API key', 'sk-ant-api03-R2d9Xq7Lm3Vb8Nc1Zs6Kf4Hj0Pw5Ty2Ue9Io3Ga7Sd1Fg5Hj8Kl2Zx4Cv6Bn0Mq'],
    ['AWS access key ID', 'AKIA2JQ5ZK4WNV7XBR3M'],
    ['Slack token', 'xoxb-2210987654-1093847561923-Rk2Lq9Zx7Vb3Nm8Pq4Ws'],
    ['Stripe key', 'sk_live_51Hq2Lm9Xz4Vb8Nc3Ks7Jd2Wq'],
    ['Google API key', 'AIzaSyD9x2Lq7Vb3Nm8Pq4Ws1Ke6Rt0Yu5Io9Pa'],
    ['Supabase access token', 'sbp_07a3c9e1f25b48d60c7e2a9f13b5d8e4067a1c92'],
    ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['password inside a URL', 'postgres://admin:S3cr3tPassw0rd@db.prod.example.net:5432/app'],
    // A chosen password may hold the digits and letters examples count up with.
    ['password inside a URL', 'postgres://admin:Acme1234567890abcdef@db.prod.example.net:5432/app'],
    ['high-entropy value under "api_key"', '9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jP', 'api_key'],
    ['high-entropy value under "Authorization"', 'Bearer 9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jP', 'Authorization'],
    ['literal value for api-key', '--api-key=9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jP'],
  ];
  for (const [kind, value, key] of real) {
    it(`finds a ${kind}`, () => expect(detectSecret(value, key)?.kind).toBe(kind));
  }

  const safe: [string, string?][] = [
    ['${GITHUB_TOKEN}', 'GITHUB_TOKEN'],
    ['$OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['<your-token>', 'token'],
    ['env:API_KEY', 'api_key'],
    ['${input:github_token}', 'token'],
    ['Bearer ${TRACKER_TOKEN}', 'Authorization'],
    ['GITHUB_PERSONAL_ACCESS_TOKEN', 'bearer_token_env_var'],
    ['DEPLOYBOT_TOKEN', 'token'],
    ['4096', 'max_tokens'],
    ['sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'OPENAI_API_KEY'],
    ['AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id'],
    ['postgres://postgres:postgres@localhost:5432/dev', 'DATABASE_URL'],
    ['postgres://user:${DB_PASSWORD}@db.example.net/app', 'DATABASE_URL'],
    ['https://mcp.example.com/mcp', 'url'],
    ['/home/user/.config/token', 'token_path'],
    ['op://vault/item/password', 'password'],
    ['gpt-5-codex', 'model'],
    ['correct horse battery staple', 'password'],
    ['@modelcontextprotocol/server-github', 'args'],
  ];
  for (const [value, key] of safe) {
    it(`leaves ${JSON.stringify(value)} under ${String(key)} alone`, () => expect(detectSecret(value, key)).toBeUndefined());
  }

  it('recognizes placeholders', () => {
    for (const p of ['${X}', '$X', '<token>', '{{ secrets.X }}', 'env:X', 'your-api-key-here', 'changeme', 'REPLACE_ME'])
      expect(isPlaceholder(p)).toBe(true);
    expect(isPlaceholder('9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jP')).toBe(false);
    // One character repeated stands in for a value: `postgresql://postgres:xxx@host`.
    for (const p of ['xxx', '****', '0000']) expect(isPlaceholder(p)).toBe(true);
    // So does one after a key's prefix: Neon's `npg_`, OpenAI's `sk-` (`postgresql://owner:npg_xxx@ep-x.neon.tech/db`).
    for (const p of ['npg_xxx', 'sk-****', 'sk_live_xxxx']) expect(isPlaceholder(p)).toBe(true);
    expect(detectSecret('postgresql://neondb_owner:npg_xxx@ep-x-pooler.us-east-1.aws.neon.tech/neondb')).toBeUndefined();
    // A chosen password of one character repeated after a word is still one.
    for (const p of ['npg_xK9q', 'pg_aab', 'admin_1111', 'pw-99999999', 'Qx-zzzzzz']) expect(isPlaceholder(p), p).toBe(false);
    // Counted digits make a generated key's shape an example (`sk_live_1234567890abcdef` in a "hardcoded secret"
    // lesson); a chosen password holding them is still one (above).
    const stripe = ['sk', 'live', '1234567890abcdef'].join('_');
    expect(detectSecret(`const API_KEY = '${stripe}';`)).toBeUndefined();
    expect(detectSecret(stripe, 'API_KEY')).toBeUndefined();
    expect(detectSecret(`before: ${stripe}, after: sk_live_51Hq2Lm9Xz4Vb8Nc3Ks7Jd2Wq`)?.text).toBe('sk_live_51Hq2Lm9Xz4Vb8Nc3Ks7Jd2Wq');
    // A random key with the digits added, before or after, is still a key; so is a random value beside an example.
    const github = ['ghp', 'R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ12345678'].join('_');
    expect(detectSecret(github)?.kind).toBe('GitHub token');
    expect(detectSecret(['sk', '12345678qrstuvwxyzmn-sk-proj-Q9fj38DkqPz02LmXcV7bNw4TtYr5Ua1SeHg6'].join('-'))?.kind).toBe(
      'OpenAI API key',
    );
    // A match cut at its longest goes on: no example.
    expect(detectSecret(`sk-${'1234567890'.repeat(30)}Q9fj38DkqPz02LmXcV7bNw4TtYr5Ua1SeHg6`)?.kind).toBe('OpenAI API key');
    const aws = ['AKIA', '12345678ABCDEFGH'].join('');
    expect(detectSecret(aws)).toBeUndefined();
    expect(detectSecret(`${aws}/9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jPq2Ws4Xe6Rt`, 'AWS_SECRET_ACCESS_KEY')?.text).toBe(
      '9fK2mQ7xL4vT8nR3wZ6yB1cD5eH0jPq2Ws4Xe6Rt',
    );
    expect(detectSecret(`const API_KEY = '${stripe.replace('5678', '5a7Q')}';`)?.kind).toBe('Stripe key');
    expect(detectSecret("DB_URL = 'postgresql://postgres:xxx@xxx.railway.app:5432/railway'")).toBeUndefined();
    expect(detectSecret("DB_URL = 'postgresql://postgres:s3cr3tPw@db.railway.app:5432/railway'")?.kind).toBe('password inside a URL');
  });

  it('redacts without revealing the secret', () => {
    const out = redactSecrets('token = "ghp_R8sT2uVwX9yZ1aB3cD4eF5gH6iJ7kL8mN0pQ"');
    expect(out).toBe('token = "ghp_…(40 chars)"');
  });

  it('runs in linear time on hostile input', () => {
    const hostile = `${'sk-'.repeat(50_000)}${'a'.repeat(100_000)}:${'/'.repeat(50_000)}@`;
    const start = performance.now();
    detectSecret(hostile, 'token');
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('secret paths', () => {
  const isSecret = secretPathMatcher(['config/*.key.json']);
  it('matches the built-in list at any depth, home and absolute forms included', () => {
    for (const p of [
      '.env',
      './.env',
      'app/.env.production',
      '~/.aws/credentials',
      '//Users/a/.ssh/id_rsa',
      'certs/server.pem',
      'secrets/db.json',
      'config/prod.key.json',
      '**/.env',
      '*.pem',
      '~/.claude/telegram.env',
      'deploy/prod.env',
      '.envrc',
      '~/.zsh_history',
      '~/.bash_history',
      // A glob over one named user's home reaches that user's keys.
      '//Users/oscar.m/**',
      '/home/dev/*',
      '//c/Users/Ana/**',
      'C:/Users/Ana/**',
      '/root/**',
      '//var/root/**',
      // A glob over a folder that holds a secret file: the GitHub CLI's, Docker's, the cluster's, their parents.
      '~/.config/gh/**',
      '~/.config/**',
      '/home/node/.docker/*',
      '~/.kube/**',
      '~/.aws/*',
    ]) {
      expect(isSecret(p), p).toBe(true);
    }
  });
  it('leaves templates and ordinary files alone', () => {
    for (const p of [
      '.env.example',
      'app/.env.sample',
      'example.env',
      'config/local.sample.env',
      'src/index.ts',
      'README.md',
      'src/**/*.ts',
      'docs/keys.md',
      'src/env.ts',
      // The public half of a key pair, and the hosts ssh has met.
      '~/.ssh/id_ed25519.pub',
      '~/.ssh/deploy_key.pub',
      '~/.ssh/known_hosts',
      // Inside a home, a folder that holds no keys.
      '//Users/oscar.m/projects/**',
      '/home/dev/notes/*.md',
      // Folders that only end like one (`config`, `gh`), or hold the name of a secret file under another folder.
      'src/config/**',
      '/tmp/.gh-mount/**',
      'tools/gh/**',
      '.config/gh/*.md',
    ])
      expect(isSecret(p), p).toBe(false);
  });
});
