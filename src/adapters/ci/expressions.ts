/** What GitHub Actions expressions in a workflow's values refer to. */
import { EVERY_SECRET } from '../../core/posture.js';

/**
 * A secret an expression reads: `secrets.NAME`, `secrets['NAME']`, `github.token`; or the whole context, by any other
 * use of `secrets` (`toJSON(secrets)`, `secrets[format('NPM_{0}', 'TOKEN')]`, `secrets[matrix.key]`), which can read
 * every secret. Named values are read in any letter case, as the runner reads them; `inputs.secrets` is another value.
 */
const SECRET_REF =
  /(?<![.\w-])secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([A-Za-z_][A-Za-z0-9_-]*)'\s*\])|(?<![.\w-])(secrets)(?![\w-])|(?<![.\w-])github\s*\.\s*token\b/gi;

/**
 * The bodies of a text's `${{ }}` expressions as GitHub reads them: a `}}` inside a single-quoted string does not end
 * one, and an unclosed one reads to the end of the text.
 */
export function expressionBodies(text: string): string[] {
  const bodies: string[] = [];
  for (let i = text.indexOf('${{'); i >= 0;) {
    let j = i + 3;
    let quoted = false;
    for (; j < text.length; j++) {
      if (text[j] === "'") quoted = !quoted;
      else if (!quoted && text[j] === '}' && text[j + 1] === '}') break;
    }
    bodies.push(text.slice(i + 3, j));
    i = j >= text.length ? -1 : text.indexOf('${{', j + 2);
  }
  return bodies;
}

/** The secrets a value's expressions read (`GITHUB_TOKEN` for `github.token`, `*` for all of them), in order, each once. */
export function secretsIn(value: string): string[] {
  const names = new Set<string>();
  if (!value.includes('${{')) return [];
  for (const expression of expressionBodies(value)) {
    // Strings are blanked, so that `'secrets'` as text is not the context; a quoted name in an index stays.
    const body = expression.replace(/'(?:[^']|'')*'/g, (quoted) => (/^'[A-Za-z_][A-Za-z0-9_-]*'$/.test(quoted) ? quoted : "''"));
    for (const ref of body.matchAll(SECRET_REF)) {
      const name = ref[1] ?? ref[2];
      names.add(name ?? (ref[3] !== undefined ? EVERY_SECRET : 'GITHUB_TOKEN'));
    }
  }
  return [...names];
}

/**
 * Conditions that let only some people start a job or step: their association with the repository, their name
 * compared for equality or looked up in a list (`github.actor != 'dependabot[bot]'` lets everyone else in), or a
 * pull request from the repository itself rather than a fork.
 */
const ACTOR = String.raw`(?:\bgithub\s*\.\s*(?:triggering_)?actor|\bsender\s*\.\s*login|\buser\s*\.\s*login)\b`;
const ACTOR_CHECK = new RegExp(
  [
    'author_association',
    String.raw`head\s*\.\s*repo\s*\.\s*(?:full_name|fork)\b`,
    `${ACTOR}\\s*==`,
    `==\\s*${ACTOR}`,
    String.raw`contains\s*\((?:[^()]|\([^()]*\))*,\s*` + ACTOR,
  ].join('|'),
);

/** `github.event_name == 'x'` (either way round), a whole condition of its own. */
const EVENT_NAME = /^(?:github\s*\.\s*event_name\s*==\s*'([\w-]+)'|'([\w-]+)'\s*==\s*github\s*\.\s*event_name)$/;

/**
 * The events an `if:` condition lets a job run for (in lower case), when it requires one by name in a condition joined
 * to the rest by `&&` alone (`github.event_name == 'pull_request' && …`): every such part must hold, so only that
 * event runs it.
 * Undefined when it names none that way, or when an `||`, a `!` or anything the split cannot follow (a quote, a
 * parenthesis left open) may let another through.
 */
export function eventsRequired(condition: unknown): Set<string> | undefined {
  if (typeof condition !== 'string' || condition.length > 4096) return undefined;
  // Wrapped whole, as a plain scalar gives it; with anything around it (`${{ a }} && b`, a block scalar's newline, a
  // space) it is a string, true whatever it says.
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(condition);
  const text = wrapped ? wrapped[1]! : condition;
  if (text.includes('${{') || text.includes('}}')) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (c === '|' || c === '!')) return undefined;
    else if (depth === 0 && c === '&' && text[i + 1] === '&') {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
    if (depth < 0) return undefined;
  }
  if (quoted || depth !== 0) return undefined;
  parts.push(text.slice(start));
  let events: Set<string> | undefined;
  for (const part of parts) {
    const m = EVENT_NAME.exec(part.trim());
    if (!m) continue;
    // GitHub compares strings ignoring case: `'Issues'` is the issues event.
    const name = (m[1] ?? m[2])!.toLowerCase();
    events = events === undefined ? new Set([name]) : new Set([...events].filter((e) => e === name));
  }
  return events;
}

/** Whether an `if:` condition checks who caused the event. */
export const checksActor = (condition: unknown): boolean => typeof condition === 'string' && ACTOR_CHECK.test(condition);

/**
 * Variables an agent CLI reads to reach its model, its key or its endpoint (Claude Code `ANTHROPIC_API_KEY` /
 * `CLAUDE_CODE_OAUTH_TOKEN` / `ANTHROPIC_BASE_URL`, Codex `OPENAI_API_KEY` / `CODEX_API_KEY` / `OPENAI_BASE_URL`,
 * Gemini CLI `GEMINI_API_KEY` / `GOOGLE_API_KEY` / `GOOGLE_GEMINI_BASE_URL`, Cursor `CURSOR_API_KEY`,
 * `AZURE_OPENAI_ENDPOINT`, …): the run needs them, so they are not an exposure by themselves, even when a workflow
 * keeps an endpoint among its secrets.
 */
const MODEL_CREDENTIAL =
  /^(?:ANTHROPIC|CLAUDE_CODE_OAUTH|OPENAI|AZURE_OPENAI|CODEX|GEMINI|GOOGLE|GOOGLE_GEMINI|GOOGLE_GENAI|CURSOR|OPENROUTER|MISTRAL|DEEPSEEK|GROQ|XAI|DASHSCOPE|MOONSHOT|AMP|FACTORY)_(?:API_KEY|AUTH_TOKEN|TOKEN|BASE_URL|API_BASE|API_BASE_URL|ENDPOINT)$/;
export const isModelCredential = (variable: string): boolean => MODEL_CREDENTIAL.test(variable);

/**
 * The model an agent CLI runs, by the variables it documents (Claude Code `ANTHROPIC_MODEL`,
 * `ANTHROPIC_DEFAULT_{HAIKU,SONNET,OPUS}_MODEL`, `ANTHROPIC_SMALL_FAST_MODEL`, `CLAUDE_CODE_SUBAGENT_MODEL`:
 * https://code.claude.com/docs/en/settings#environment-variables; Gemini CLI `GEMINI_MODEL`; `OPENAI_MODEL`).
 */
const MODEL_NAME =
  /^(?:ANTHROPIC|ANTHROPIC_DEFAULT_(?:HAIKU|SONNET|OPUS)|ANTHROPIC_SMALL_FAST|CLAUDE_CODE_SUBAGENT|GEMINI|OPENAI|CODEX)_MODEL$/;
/** A variable that names where or which model, not a key: it may hold only secrets named the same way. */
const NOT_A_KEY = /_(?:BASE_URL|API_BASE|API_BASE_URL|ENDPOINT|MODEL)$/;
/**
 * Whether a variable holding `secrets` is the model's own: a model's key by its name, or a model's endpoint or model
 * name that holds only secrets named as endpoints or models (`OPENAI_BASE_URL: ${{ secrets.NPM_TOKEN }}` hands the
 * agent a token, not an endpoint).
 */
export const isModelVariable = (variable: string, secrets: readonly string[]): boolean =>
  (isModelCredential(variable) || MODEL_NAME.test(variable)) &&
  oneSecret(secrets) &&
  (!NOT_A_KEY.test(variable) || secrets.every((name) => NOT_A_KEY.test(name)));
/** A value that holds one named secret at most: two, or the whole context, are more than a model's key. */
export const oneSecret = (secrets: readonly string[]): boolean => secrets.length <= 1 && !secrets.includes(EVERY_SECRET);
/** Whether an action input or variable named in any case, with `-` or `_` (`anthropic_api_key`), is a model's key. */
export const isModelInput = (name: string): boolean => isModelCredential(name.toUpperCase().replaceAll('-', '_'));

/** A name an expression reads: `vars.X`, `github.event.issue.title`, `steps.a.outputs.b`, a function's. */
const CONTEXT_NAME = /\b([A-Za-z_][\w-]*)((?:\s*\.\s*[A-Za-z_*][\w-]*|\s*\[[^\]]*\])*)/g;
/** The literals and functions an expression may name beside its contexts: any value they make comes from its names. */
const VALUE_WORDS = new Set(['true', 'false', 'null', 'fromjson', 'tojson', 'contains', 'startswith', 'endswith', 'format', 'join']);

/**
 * Whether the value of the `${{ }}` body `body` is set by the repository's admins, not by whoever starts the workflow
 * or a step before: it names only `vars.*`, `secrets.*` and the `env.*` that `envSafe` vouches for, with literals,
 * operators and functions. Anything else (`github.event.*`, `inputs.*`, `steps.*.outputs`, `matrix`) is not.
 */
export function maintainerValue(body: string, envSafe: (name: string) => boolean = () => false): boolean {
  const bare = body.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of bare.matchAll(CONTEXT_NAME)) {
    const head = m[1]!.toLowerCase();
    const rest = (m[2] ?? '').replace(/\s+/g, '');
    if (VALUE_WORDS.has(head) && rest === '') continue;
    if ((head === 'vars' || head === 'secrets') && /^\.[A-Za-z_][\w-]*$/.test(rest)) continue;
    if (head === 'env' && /^\.[A-Za-z_][\w-]*$/.test(rest) && envSafe(rest.slice(1))) continue;
    return false;
  }
  return true;
}
