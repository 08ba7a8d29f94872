import { posix } from 'node:path';
import type { core } from 'zod/mini';
import { LEVEL_RANK, type LevelSetting, type Position } from '../core/types.js';
import { RULE_IDS, RULE_METAS } from '../rules/index.js';
import { BUILTIN_POLICIES } from './builtin.js';
import { PolicyLoadError, type PolicyError } from './errors.js';
import { parseYaml, type ParsedYaml } from './yaml.js';
import { policySchema, settingsSchema, type PolicyException, type PolicyFile, type PolicySettings } from './schema.js';

export { PolicyLoadError, type PolicyError } from './errors.js';

export interface ResolvedRule {
  level: LevelSetting;
  options: Record<string, unknown>;
}

export interface ResolvedException extends PolicyException {
  /** The policy file that declares it, and the position of its `id:` key. */
  file: string;
  position: Position;
  /** The parent policy that forbids local exceptions, when this one was declared under it. */
  forbiddenBy?: string;
}

export interface ResolvedPolicy {
  /** The policy the run started from: a file path, or `default` / `strict` when embedded. */
  source: { kind: 'file' | 'embedded'; path: string };
  /** From the starting policy up to the root it extends. */
  chain: string[];
  rules: Record<string, ResolvedRule>;
  settings: PolicySettings;
  exceptions: ResolvedException[];
  /** Rule keys (`level` and options) and settings some policy in the chain set explicitly; what a child may not loosen. */
  explicit: { rules: Record<string, string[]>; settings: string[] };
}

/** Where a policy comes from: a file (relative to the working directory or repository) or a repository on GitHub. */
export type PolicyLocation =
  | { kind: 'local'; path: string }
  | { kind: 'remote'; owner: string; repo: string; path: string; ref: string };

/** Reads a policy; undefined when it does not exist. Throws with a message when it cannot be read. */
export type PolicyReader = (location: PolicyLocation) => Promise<string | undefined>;

const REMOTE = /^([\w.-]+)\/([\w.-]+)\/(.+)@([^@\s]+)$/;

/** `owner/repo/path/to/policy.yml@ref` as a location, or undefined. */
export function parseRemoteLocation(text: string): PolicyLocation | undefined {
  const m = REMOTE.exec(text);
  return m ? { kind: 'remote', owner: m[1]!, repo: m[2]!, path: m[3]!, ref: m[4]! } : undefined;
}

export const locationName = (l: PolicyLocation): string => (l.kind === 'local' ? l.path : `${l.owner}/${l.repo}/${l.path}@${l.ref}`);

const EMPTY: ResolvedPolicy = {
  source: { kind: 'embedded', path: '' },
  chain: [],
  rules: Object.fromEntries(RULE_METAS.map((meta) => [meta.id, { level: meta.defaultLevel, options: meta.options.parse({}) as Record<string, unknown> }])),
  settings: settingsSchema.parse({}),
  exceptions: [],
  explicit: { rules: {}, settings: [] },
};

/** Loads a policy, or the embedded default when there is none, with its whole `extends` chain. */
export async function resolvePolicy(file: { location: PolicyLocation; text: string } | undefined, read: PolicyReader): Promise<ResolvedPolicy> {
  if (!file) return resolveBuiltin('default');
  return resolveFile(file.location, file.text, read, []);
}

export function resolveBuiltin(name: string): ResolvedPolicy {
  const merged = merge(EMPTY, validate({ file: name, data: BUILTIN_POLICIES[name], position: () => ({ line: 1, column: 1 }) }));
  return { ...merged, source: { kind: 'embedded', path: name }, chain: [name] };
}

/** The location `extends` names, relative to the policy that names it. */
function parentLocation(child: PolicyLocation, target: string): PolicyLocation | undefined {
  const remote = parseRemoteLocation(target);
  if (remote) return remote;
  if (!/^\.{0,2}\//.test(target) && !/\.ya?ml$/.test(target)) return undefined;
  if (child.kind === 'remote') {
    if (target.startsWith('/')) return { ...child, path: posix.normalize(target.slice(1)) };
    return { ...child, path: posix.normalize(posix.join(posix.dirname(child.path), target)) };
  }
  return { kind: 'local', path: posix.isAbsolute(target) ? target : posix.normalize(posix.join(posix.dirname(child.path), target)) };
}

async function resolveFile(location: PolicyLocation, text: string, read: PolicyReader, seen: string[]): Promise<ResolvedPolicy> {
  const name = locationName(location);
  const parsed = validate(parseYaml(name, text));
  const target = parsed.file.extends;
  const fail = (message: string): never => {
    throw new PolicyLoadError([{ file: name, ...parsed.yaml.position(['extends']), message }]);
  };
  let parent = EMPTY;
  if (target !== undefined && Object.hasOwn(BUILTIN_POLICIES, target)) parent = resolveBuiltin(target);
  else if (target !== undefined) {
    const where = parentLocation(location, target);
    if (!where) return fail(`extends "${target}" is neither an embedded policy (default, strict), a relative path (./file.yml) nor owner/repo/path.yml@ref`);
    const parentName = locationName(where);
    if (parentName === name || seen.includes(parentName)) fail(`extends "${target}" forms a cycle: ${[...seen, name, parentName].join(' → ')}`);
    let parentText: string | undefined;
    try {
      parentText = await read(where);
    } catch (error) {
      if (error instanceof PolicyLoadError) throw error;
      fail(`extends "${target}": ${parentName} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (parentText === undefined) fail(`extends "${target}": no policy file at ${parentName}`);
    parent = await resolveFile(where, parentText!, read, [...seen, name]);
  }
  const merged = merge(parent, parsed);
  return { ...merged, source: { kind: 'file', path: name }, chain: [name, ...parent.chain] };
}

interface Validated {
  yaml: ParsedYaml;
  file: PolicyFile;
}

/** Schema validation, every issue reported at its line. */
function validate(yaml: ParsedYaml): Validated {
  const result = policySchema.safeParse(yaml.data);
  if (result.success) return { yaml, file: result.data };
  const errors = result.error.issues.map((issue) => toPolicyError(yaml, issue));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new PolicyLoadError(errors);
}

function toPolicyError(yaml: ParsedYaml, issue: core.$ZodIssue): PolicyError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length > 0 ? path.join('.') : 'policy';
  let message: string;
  let position: Position;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    position = yaml.position(path, key);
    message =
      path.length === 1 && path[0] === 'rules'
        ? `unknown rule "${key}"; the rules are: ${RULE_IDS.join(', ')}`
        : `${[...path, key].join('.')}: unknown key "${key}"`;
  } else {
    position = yaml.position(path);
    const value = valueAt(yaml.data, path);
    if (issue.code === 'invalid_value') message = `${where}: must be one of ${issue.values.map((v) => String(v)).join(', ')} (found ${show(value)})`;
    else if (issue.code === 'invalid_type') message = value === undefined ? `${where}: is required` : `${where}: must be ${article(issue.expected)} (found ${show(value)})`;
    else if (issue.code === 'too_small') {
      const n = Number(issue.minimum);
      message = `${where}: ${issue.origin === 'array' ? `needs at least ${n} entr${n === 1 ? 'y' : 'ies'}` : issue.origin === 'string' ? 'must not be empty' : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${n} (found ${show(value)})`}`;
    } else message = `${where}: ${value === undefined ? '' : `${show(value)} `}${issue.message}`;
  }
  return { file: yaml.file, ...position, message };
}

const article = (t: string): string => (t === 'int' ? 'a whole number' : t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`);
const show = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : JSON.stringify(v) ?? String(v));

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/**
 * Applies a policy on top of the one it extends: levels a parent set may only rise, lists of commands and
 * paths only grow, lists of what is allowed only shrink, required switches stay on, exceptions accumulate.
 */
function merge(parent: ResolvedPolicy, child: Validated): ResolvedPolicy {
  const errors: PolicyError[] = [];
  const raw = (child.yaml.data ?? {}) as { rules?: Record<string, Record<string, unknown>>; settings?: Record<string, unknown> };
  const parentName = parent.source.path;
  const err = (path: (string | number)[], message: string): void => {
    errors.push({ file: child.yaml.file, ...child.yaml.position(path), message });
  };
  const explicit = { rules: { ...parent.explicit.rules }, settings: [...parent.explicit.settings] };
  const rules: Record<string, ResolvedRule> = {};
  for (const meta of RULE_METAS) {
    const before = parent.rules[meta.id]!;
    const given = raw.rules?.[meta.id];
    const parsed = (child.file.rules as Record<string, Record<string, unknown> | undefined>)[meta.id];
    if (!given || !parsed) {
      rules[meta.id] = before;
      continue;
    }
    const parentSet = new Set(parent.explicit.rules[meta.id] ?? []);
    explicit.rules[meta.id] = [...new Set([...parentSet, ...Object.keys(given)])];
    let level = before.level;
    if (Object.hasOwn(given, 'level')) {
      const wanted = parsed.level as LevelSetting;
      if (parentSet.has('level') && LEVEL_RANK[wanted] < LEVEL_RANK[before.level]) {
        err(['rules', meta.id, 'level'], `rules.${meta.id}.level: "${wanted}" would lower "${before.level}" set by ${parentName}; an extending policy may raise a level, never lower it`);
      } else level = wanted;
    }
    const options: Record<string, unknown> = { ...before.options };
    for (const [name, how] of Object.entries(meta.optionMerge)) {
      if (!Object.hasOwn(given, name)) continue;
      const mine = parsed[name];
      const theirs = before.options[name];
      if (how === 'add') options[name] = [...new Set([...(theirs as string[]), ...(mine as string[])])];
      else if (how === 'require') {
        if (theirs === true && mine === false) err(['rules', meta.id, name], `rules.${meta.id}.${name}: ${parentName} requires it; an extending policy cannot turn it off`);
        else options[name] = mine;
      } else {
        const widened = (mine as string[]).filter((x) => !(theirs as string[]).includes(x));
        if (parentSet.has(name) && widened.length > 0) {
          err(['rules', meta.id, name], `rules.${meta.id}.${name}: ${widened.map((w) => `"${w}"`).join(', ')} is not allowed by ${parentName}; an extending policy may only narrow this list`);
        } else options[name] = mine;
      }
    }
    rules[meta.id] = { level, options };
  }

  const settings = { ...parent.settings };
  const given = raw.settings ?? {};
  const parentSetting = (key: string): boolean => parent.explicit.settings.includes(key);
  if (Object.hasOwn(given, 'max-exception-days')) {
    const mine = child.file.settings['max-exception-days'];
    if (parentSetting('max-exception-days') && mine > parent.settings['max-exception-days']) {
      err(['settings', 'max-exception-days'], `settings.max-exception-days: ${mine} is longer than the ${parent.settings['max-exception-days']} days ${parentName} allows`);
    } else settings['max-exception-days'] = mine;
  }
  if (Object.hasOwn(given, 'expiry-warning-days')) settings['expiry-warning-days'] = child.file.settings['expiry-warning-days'];
  if (Object.hasOwn(given, 'allow-local-exceptions')) {
    const mine = child.file.settings['allow-local-exceptions'];
    if (mine && !parent.settings['allow-local-exceptions']) {
      err(['settings', 'allow-local-exceptions'], `settings.allow-local-exceptions: ${parentName} does not allow local exceptions; an extending policy cannot allow them`);
    } else settings['allow-local-exceptions'] = mine;
  }
  explicit.settings = [...new Set([...explicit.settings, ...Object.keys(given)])];
  if (errors.length > 0) throw new PolicyLoadError(errors);

  const forbiddenBy = parent.settings['allow-local-exceptions'] ? undefined : parent.source.path;
  const exceptions: ResolvedException[] = [
    ...parent.exceptions,
    ...child.file.exceptions.map((e, i) => ({ ...e, file: child.yaml.file, position: child.yaml.position(['exceptions', i], 'id'), ...(forbiddenBy ? { forbiddenBy } : {}) })),
  ];
  return { source: parent.source, chain: parent.chain, rules, settings, exceptions, explicit };
}

