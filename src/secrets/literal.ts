/** A credential found in a committed value: what it looks like, never the value itself. */
export interface SecretMatch {
  kind: string;
  /** The matched text, for redaction; never printed. */
  text: string;
}

interface Shape {
  kind: string;
  pattern: RegExp;
}

// Every pattern is linear: bounded repetitions of single character classes, no nested quantifiers.
const SHAPES: readonly Shape[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/ },
  { kind: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/ },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,100}\b/ },
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,300}/ },
  { kind: 'OpenAI API key', pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300}/ },
  { kind: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/ },
  { kind: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,200}/ },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,250}\b/ },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'Google OAuth client secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![0-9A-Za-z_-])/ },
  { kind: 'Supabase access token', pattern: /\bsbp_[a-f0-9]{40}\b/ },
  { kind: 'Supabase secret key', pattern: /\bsb_secret_[A-Za-z0-9_-]{20,200}/ },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{34,100}\b/ },
  { kind: 'Groq API key', pattern: /\bgsk_[A-Za-z0-9]{48,100}\b/ },
  { kind: 'Linear API key', pattern: /\blin_api_[A-Za-z0-9]{40,100}\b/ },
];

const JWT = /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{0,20}:\/\/([^\s/:@]{1,200}):([^\s/@]{1,200})@([^\s/:?#]{1,255})/i;
const FLAG_VALUE =
  /(?:^|[\s&?;,])-{0,2}([A-Za-z_-]{0,40}(?:token|secret|password|passwd|api[_-]?key|apikey)[A-Za-z_-]{0,40})[=:]\s?([^\s&;,"']{12,500})/i;
const SECRET_NAME =
  /(secret|token|passw(?:or)?d|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credential|bearer|authorization|auth[-_]?key|auth[-_]?token|session[-_]?key|cookie)/i;
/** Names that hold a reference to a secret (an env-var name, a file path, a helper), not the secret. */
const REFERENCE_NAME =
  /(_env_var|_env|env_vars?|_file|_path|_helper|_command|_cmd|_url|_uri|_name|_names|_id|_ids|_header|_headers|_prefix|_type|_limit|_count|_budget|max_tokens?|tokens_?|_length)$/i;
const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i;

/** `${VAR}`, `$VAR`, `<your-token>`, `{{ secret }}`, `env:X`, `op://…` and the usual filler words are not secrets. */
export function isPlaceholder(value: string): boolean {
  return (
    /\$\{[^}]{0,200}\}|\{\{[^}]{0,200}\}\}|<[^<>]{1,100}>|%[A-Za-z_][A-Za-z0-9_]{0,100}%/.test(value) ||
    /^\$[A-Za-z_]/.test(value) ||
    // One character over and over: `xxx`, `****`, `0000`; after a key's prefix, a placeholder's glyph three times or
    // more (`npg_xxx`, `sk-****`), not a chosen password's (`admin_1111`).
    /^(.)\1+$/.test(value) ||
    /^(?:[A-Za-z]{2,10}[_-]){1,3}(?:x{3,}|X{3,}|\*{3,}|•{3,}|#{3,})$/.test(value) ||
    /^(?:env|input|secret|secrets|vault|op|keychain|file):/i.test(value) ||
    /x{6,}|X{6,}|\*{3,}|\.{3}|•{3,}|0{8,}|abcdef(?:gh)?ij|your[-_ ]|my[-_]?(?:api[-_]?)?(?:key|token|secret)|change[-_ ]?me|replace[-_ ]?(?:me|with)|placeholder|example|dummy|fake|redacted|sample|insert[-_ ]|test[-_]?(?:key|token|secret)|^<|^todo$/i.test(
      value,
    )
  );
}

/**
 * An example of a generated key: its body counts up ("sk_live_1234567890abcdef", "AKIA12345678ABCDEFGH"), with at
 * most two breaks in the count, and holds eight digits in a row. A real key with "12345678" added to it still has a
 * random body; a password a person chose is not judged by this.
 */
const COUNTED = '12345678';
const KEY_PREFIX = /^(?:(?:[a-z]{2,10}[_-]){1,3}|AKIA|ASIA|ABIA|ACCA|AIza|GOCSPX-)/;
function countedExample(key: string): boolean {
  if (!key.includes(COUNTED)) return false;
  const body = key
    .replace(KEY_PREFIX, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  let breaks = 0;
  for (let i = 1; i < body.length && breaks <= 2; i++)
    if (body.charCodeAt(i) - body.charCodeAt(i - 1) !== 1 && !(body[i - 1] === '9' && body[i] === '0')) breaks++;
  return breaks <= 2;
}

/** An all-caps identifier such as `GITHUB_TOKEN`: the name of a variable, not its value. */
const isEnvVarName = (value: string): boolean => /^[A-Z][A-Z0-9_]{1,100}$/.test(value);

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = value.length;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** Random-looking: long enough, no spaces, mixed letters and digits, high entropy, not a path or a URL. */
export function looksRandom(value: string, maxLength = 1000): boolean {
  if (value.length < 16 || value.length > maxLength || /[\s(){}[\]<>]/.test(value)) return false;
  if (/^(?:[./~]|[A-Za-z]:\\)|:\/\//.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  if (isEnvVarName(value) || /^[\d.:_-]+$/.test(value)) return false;
  return shannonEntropy(value) >= 3.5;
}

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && !REFERENCE_NAME.test(name);

/** Strips an auth scheme so `Bearer abc…` is judged by its token. */
export const stripScheme = (value: string): string => value.replace(/^(?:Bearer|Basic|Token|token|Bot|ApiKey)\s+/, '');

/**
 * Finds a literal credential in a committed value. `keyName` is the key or flag the value sits under;
 * high-entropy values count only under secret-like names, known credential shapes count anywhere.
 */
export function detectSecret(value: string, keyName = ''): SecretMatch | undefined {
  if (value.length < 8) return undefined;
  // An example of a key is none, whatever name it is given; a key after it is read.
  const examples: string[] = [];
  for (const shape of SHAPES) {
    for (let rest = value, m = shape.pattern.exec(rest); m; m = shape.pattern.exec(rest)) {
      // A match cut short at its longest goes on in what follows it: that is no example.
      const cut = /[\w-]/.test(rest[m.index + m[0].length] ?? '');
      if (cut || !countedExample(m[0])) {
        if (!isPlaceholder(m[0])) return { kind: shape.kind, text: m[0] };
        break;
      }
      examples.push(m[0]);
      rest = rest.slice(m.index + m[0].length);
    }
  }
  const jwt = JWT.exec(value);
  if (jwt && (isSecretName(keyName) || jwtRole(jwt[0]) === 'service_role')) return { kind: 'JSON Web Token', text: jwt[0] };
  const url = URL_PASSWORD.exec(value);
  if (url) {
    const password = url[2]!;
    if (!isPlaceholder(password) && !LOOPBACK_HOSTS.test(url[3]!)) return { kind: 'password inside a URL', text: password };
  }
  const flag = FLAG_VALUE.exec(value);
  if (flag && !isPlaceholder(flag[2]!) && looksRandom(flag[2]!)) return { kind: `literal value for ${flag[1]!}`, text: flag[2]! };
  if (isSecretName(keyName)) {
    // Beside an example, each word of the rest is judged.
    const tokens =
      examples.length === 0
        ? [stripScheme(value.trim())]
        : examples
            .reduce((rest, example) => rest.replaceAll(example, ' '), value)
            .split(/\s+/)
            .map((word) => word.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''));
    const token = tokens.find((t) => !isPlaceholder(t) && looksRandom(t));
    if (token !== undefined) return { kind: `high-entropy value under "${keyName}"`, text: token };
  }
  return undefined;
}

function jwtRole(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { role?: unknown };
    return typeof payload.role === 'string' ? payload.role : undefined;
  } catch {
    return undefined;
  }
}
