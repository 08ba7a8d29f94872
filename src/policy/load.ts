import { posix } from 'node:path';
import { detectSecret } from '../secrets/literal.js';
import type { core } from 'zod/mini';
import { CONFIDENCE_RANK, LEVEL_RANK, type LevelSetting, type Position } from '../core/types.js';
import { RULE_IDS, RULE_METAS } from '../rules/index.js';
import { BUILTIN_POLICIES } from './builtin.js';
import { PolicyLoadError, type PolicyError } from './errors.js';
import { parseYaml, type ParsedYaml } from './yaml.js';
import { locationName, looksRemoteWithoutRef, parseRemoteLocation, repoPath, type PolicyLocation } from './location.js';
import { closestWord } from './suggest.js';
import { exceptionSchema, policySchema, settingsSchema, type PolicyException, type PolicyFile, type PolicySettings } from './schema.js';

export { PolicyLoadError, type PolicyError } from './errors.js';
export { locationName, parseRemoteLocation, type PolicyLocation, type RemoteLocation } from './location.js';

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

/** One `ignore` entry: a repository-relative glob, and where it is written. */
export interface ResolvedIgnore {
  pattern: string;
  file: string;
  position: Position;
  /** The parent policy that forbids local exceptions, when this entry was added under it. */
  forbiddenBy?: string;
}

export interface ResolvedPolicy {
  /** The policy the run started from: a file path, or `default` / `strict` when embedded. */
  source: { kind: 'file' | 'embedded'; path: string };
  /** From the starting policy up to the root it extends. */
  chain: string[];
  /** Where each file of the chain was read from (embedded policies have none). */
  locations: PolicyLocation[];
  rules: Record<string, ResolvedRule>;
  settings: PolicySettings;
  exceptions: ResolvedException[];
  /** Agent files not checked at all, from every policy of the chain. */
  ignore: ResolvedIgnore[];
  /** Rule keys (`level` and options) and settings some policy in the chain set explicitly; what a child may not loosen. */
  explicit: { rules: Record<string, string[]>; settings: string[] };
  /** Where the starting policy file sets `extends`, `rules.<id>.<key>` and `settings.<key>`: where a change to them is shown. */
  positions: Record<string, Position>;
}

/**
 * Reads a policy; undefined when it does not exist. Throws `PolicyReadError` with a message (never the file's
 * contents) when it cannot or may not be read.
 */
export type PolicyReader = (location: PolicyLocation) => Promise<string | undefined>;

/** A policy that exists but cannot or may not be read: too large, not a regular file, not trusted. */
export class PolicyReadError extends Error {
  /** Where in the file reading stopped (invalid UTF-8), when known. */
  constructor(
    message: string,
    readonly position?: Position,
  ) {
    super(message);
  }
}

/** A remote policy that only trusted configuration may name, named by a file a pull request controls. */
export class UntrustedPolicyError extends PolicyReadError {}

const EMPTY: ResolvedPolicy = {
  source: { kind: 'embedded', path: '' },
  chain: [],
  locations: [],
  rules: Object.fromEntries(RULE_METAS.map((meta) => [meta.id, { level: meta.defaultLevel, options: meta.options.parse({}) }])),
  settings: settingsSchema.parse({}),
  exceptions: [],
  ignore: [],
  explicit: { rules: {}, settings: [] },
  positions: {},
};

/** Loads a policy, or the embedded default when there is none, with its whole `extends` chain. */
export async function resolvePolicy(
  file: { location: PolicyLocation; text: string } | undefined,
  read: PolicyReader,
): Promise<ResolvedPolicy> {
  if (!file) return resolveBuiltin('default');
  return resolveFile(file.location, file.text, read, []);
}

export function resolveBuiltin(name: string): ResolvedPolicy {
  const merged = merge(EMPTY, validate({ file: name, data: BUILTIN_POLICIES[name], position: () => ({ line: 1, column: 1 }) }));
  return { ...merged, source: { kind: 'embedded', path: name }, chain: [name] };
}

/**
 * The location `extends` names, relative to the policy that names it, or why it cannot be one. A policy in the
 * repository extends only files of the repository (or remote and embedded policies): never an absolute path,
 * never a path that climbs out of it; a remote one extends within its own repository.
 */
function parentLocation(child: PolicyLocation, target: string): PolicyLocation | string {
  const remote = parseRemoteLocation(target);
  if (remote) return remote;
  if (!/^\.{0,2}\//.test(target) && !/\.ya?ml$/.test(target))
    return 'is neither an embedded policy (default, strict), a relative path (./file.yml) nor owner/repo/path.yml@ref';
  if (child.kind === 'external')
    return { kind: 'external', path: posix.isAbsolute(target) ? target : posix.join(posix.dirname(child.path), target) };
  if (posix.isAbsolute(target)) {
    if (child.kind === 'repo')
      return 'is an absolute path; a policy in the repository extends files of the repository, by a path relative to itself';
    const inRepo = repoPath(target.slice(1));
    return inRepo === undefined ? 'leaves the repository of the policy that names it' : { ...child, path: inRepo };
  }
  const path = repoPath(posix.join(posix.dirname(child.path), target));
  if (path === undefined)
    return child.kind === 'repo'
      ? 'leaves the repository; a policy in the repository extends only files inside it'
      : 'leaves the repository of the policy that names it';
  return { ...child, path };
}

/** A value from a policy file, quoted only when it is a short plain word or path that cannot carry a secret. */
export function shownValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return /^[A-Za-z0-9_./@:-]{1,60}$/.test(value) && detectSecret(value, 'value') === undefined ? JSON.stringify(value) : 'a string';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : `a ${typeof value}`;
}

async function resolveFile(location: PolicyLocation, text: string, read: PolicyReader, seen: string[]): Promise<ResolvedPolicy> {
  const name = locationName(location);
  const parsed = validate(parseYaml(name, text));
  const target = parsed.file.extends;
  const fail = (message: string, untrusted = false): never => {
    const error: PolicyError = {
      file: name,
      ...parsed.yaml.position(['extends']),
      message: `extends ${shownValue(target)}${message.startsWith(':') ? '' : ' '}${message}`,
    };
    throw new PolicyLoadError([untrusted ? { ...error, untrusted } : error]);
  };
  let parent = EMPTY;
  if (target !== undefined && Object.hasOwn(BUILTIN_POLICIES, target)) parent = resolveBuiltin(target);
  else if (target !== undefined) {
    const where = parentLocation(location, target);
    if (typeof where === 'string') return fail(where);
    const parentName = locationName(where);
    if (parentName === name || seen.includes(parentName)) fail(`forms a cycle: ${[...seen, name, parentName].join(' → ')}`);
    let parentText: string | undefined;
    try {
      parentText = await read(where);
    } catch (error) {
      if (error instanceof PolicyLoadError) throw error;
      fail(
        `: ${parentName} could not be read: ${error instanceof PolicyReadError ? error.message : 'an internal error'}`,
        error instanceof UntrustedPolicyError,
      );
    }
    if (parentText === undefined)
      fail(
        `: no policy file at ${parentName}${looksRemoteWithoutRef(target) ? ' (a central policy is written owner/repo/path@ref: the @ref is missing)' : ''}`,
      );
    parent = await resolveFile(where, parentText!, read, [...seen, name]);
  }
  const merged = merge(parent, parsed);
  return {
    ...merged,
    source: { kind: 'file', path: name },
    chain: [name, ...parent.chain],
    locations: [location, ...parent.locations],
    positions: keyPositions(parsed),
  };
}

/** The positions of the keys a policy file sets, by dotted name. */
function keyPositions({ yaml }: Validated): Record<string, Position> {
  const data = (yaml.data ?? {}) as { extends?: unknown; rules?: unknown; settings?: unknown };
  const positions: Record<string, Position> = {};
  if (data.extends !== undefined) positions.extends = yaml.position([], 'extends');
  const keys = (v: unknown): string[] => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  for (const id of keys(data.rules)) {
    positions[`rules.${id}`] = yaml.position(['rules'], id);
    for (const key of keys((data.rules as Record<string, unknown>)[id]))
      positions[`rules.${id}.${key}`] = yaml.position(['rules', id], key);
  }
  for (const key of keys(data.settings)) positions[`settings.${key}`] = yaml.position(['settings'], key);
  return positions;
}

interface Validated {
  yaml: ParsedYaml;
  file: PolicyFile;
}

/**
 * Schema validation, every issue reported at its line. An empty file is an error (it would silently stand for the
 * embedded default); `rule-id: off` is shorthand for `rule-id: { level: off }`.
 */
function validate(yaml: ParsedYaml): Validated {
  if (yaml.data === null || yaml.data === undefined)
    throw new PolicyLoadError([
      {
        file: yaml.file,
        line: 1,
        column: 1,
        message: 'the policy file is empty; write at least "version: 1", or remove the file to use the embedded default',
      },
    ]);
  const expanded: ParsedYaml = { ...yaml, data: expandShorthands(yaml.data) };
  const result = policySchema.safeParse(expanded.data);
  if (result.success) return { yaml: expanded, file: result.data };
  const errors = result.error.issues.flatMap((issue) => toPolicyErrors(expanded, issue));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new PolicyLoadError(errors);
}

/** `rules: { network-access: off }` as `rules: { network-access: { level: off } }`. */
function expandShorthands(data: unknown): unknown {
  const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMapping(data) || !isMapping(data.rules)) return data;
  const rules = Object.fromEntries(Object.entries(data.rules).map(([id, v]) => [id, typeof v === 'string' ? { level: v } : v]));
  return { ...data, rules };
}

/** The keys a policy may have where an unknown key was found. */
function knownKeys(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return Object.keys(policySchema.shape);
  if (path[0] === 'rules' && path.length === 1) return RULE_IDS;
  if (path[0] === 'rules' && path.length === 2) {
    const meta = RULE_METAS.find((m) => m.id === path[1]);
    return meta ? ['level', ...Object.keys(meta.options.shape)] : [];
  }
  if (path[0] === 'settings') return Object.keys(settingsSchema.shape);
  if (path[0] === 'exceptions') return Object.keys(exceptionSchema.shape);
  return [];
}

/** Every unknown key of one issue, each at its own line with the nearest known key as a suggestion. */
function toPolicyErrors(yaml: ParsedYaml, issue: core.$ZodIssue): PolicyError[] {
  if (issue.code !== 'unrecognized_keys') return [toPolicyError(yaml, issue)];
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length > 0 ? path.join('.') : 'policy';
  return issue.keys.map((key) => {
    const shown = shownValue(key);
    const known = knownKeys(path);
    const suggestion = closestWord(key, known);
    const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
    const message = !shown.startsWith('"')
      ? `${where}: an unknown key (its name is not shown: it is not a plain word)`
      : path.length === 1 && path[0] === 'rules'
        ? `unknown rule ${shown}${hint || `; the rules are: ${RULE_IDS.join(', ')}`}`
        : `${[...path, key].join('.')}: unknown key ${shown}${hint || (known.length > 0 ? `; the keys here are: ${known.join(', ')}` : '')}`;
    return { file: yaml.file, ...yaml.position(path, key), message };
  });
}

function toPolicyError(yaml: ParsedYaml, issue: core.$ZodIssue): PolicyError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length > 0 ? path.join('.') : 'policy';
  let message: string;
  let position: Position;
  {
    position = yaml.position(path);
    const value = valueAt(yaml.data, path);
    if (issue.code === 'invalid_value')
      message = `${where}: must be one of ${issue.values.map((v) => String(v)).join(', ')} (found ${shownValue(value)})`;
    else if (issue.code === 'invalid_type')
      message = value === undefined ? `${where}: is required` : `${where}: must be ${article(issue.expected)} (found ${shownValue(value)})`;
    else if (issue.code === 'too_small') {
      const n = Number(issue.minimum);
      message = `${where}: ${issue.origin === 'array' ? `needs at least ${n} entr${n === 1 ? 'y' : 'ies'}` : issue.origin === 'string' ? 'must not be empty' : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${n} (found ${shownValue(value)})`}`;
    } else {
      const shown = shownValue(value);
      message = `${where}: ${value === undefined ? '' : shown.startsWith('"') ? `${shown} ` : 'the value '}${issue.message}`;
    }
  }
  return { file: yaml.file, ...position, message };
}

const article = (t: string): string =>
  t === 'int' ? 'a whole number' : t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`;

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
        err(
          ['rules', meta.id, 'level'],
          `rules.${meta.id}.level: "${wanted}" would lower "${before.level}" set by ${parentName}; an extending policy may raise a level, never lower it`,
        );
      } else level = wanted;
    }
    const options: Record<string, unknown> = { ...before.options };
    for (const [name, how] of Object.entries(meta.optionMerge)) {
      if (!Object.hasOwn(given, name)) continue;
      const mine = parsed[name];
      const theirs = before.options[name];
      if (how === 'add') options[name] = [...new Set([...(theirs as string[]), ...(mine as string[])])];
      else if (how === 'require') {
        if (theirs === true && mine === false)
          err(['rules', meta.id, name], `rules.${meta.id}.${name}: ${parentName} requires it; an extending policy cannot turn it off`);
        else options[name] = mine;
      } else {
        const widened = (mine as string[]).filter((x) => !(theirs as string[]).includes(x));
        if (parentSet.has(name) && widened.length > 0) {
          err(
            ['rules', meta.id, name],
            `rules.${meta.id}.${name}: ${widened.map((w) => `"${w}"`).join(', ')} is not allowed by ${parentName}; an extending policy may only narrow this list`,
          );
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
      err(
        ['settings', 'max-exception-days'],
        `settings.max-exception-days: ${mine} is longer than the ${parent.settings['max-exception-days']} days ${parentName} allows`,
      );
    } else settings['max-exception-days'] = mine;
  }
  if (Object.hasOwn(given, 'expiry-warning-days')) settings['expiry-warning-days'] = child.file.settings['expiry-warning-days'];
  if (Object.hasOwn(given, 'allow-local-exceptions')) {
    const mine = child.file.settings['allow-local-exceptions'];
    if (mine && !parent.settings['allow-local-exceptions']) {
      err(
        ['settings', 'allow-local-exceptions'],
        `settings.allow-local-exceptions: ${parentName} does not allow local exceptions; an extending policy cannot allow them`,
      );
    } else settings['allow-local-exceptions'] = mine;
  }
  if (Object.hasOwn(given, 'guidance-min-confidence')) {
    // A lower minimum counts more findings: an extending policy may lower it, never raise it above a parent's.
    const mine = child.file.settings['guidance-min-confidence'];
    const theirs = parent.settings['guidance-min-confidence'];
    if (parentSetting('guidance-min-confidence') && CONFIDENCE_RANK[mine] > CONFIDENCE_RANK[theirs]) {
      err(
        ['settings', 'guidance-min-confidence'],
        `settings.guidance-min-confidence: "${mine}" would raise "${theirs}" set by ${parentName}; an extending policy may lower the minimum (count more findings), never raise it`,
      );
    } else settings['guidance-min-confidence'] = mine;
  }
  explicit.settings = [...new Set([...explicit.settings, ...Object.keys(given)])];
  if (errors.length > 0) throw new PolicyLoadError(errors);

  const forbiddenBy = parent.settings['allow-local-exceptions'] ? undefined : parent.source.path;
  const exceptions: ResolvedException[] = [
    ...parent.exceptions,
    ...child.file.exceptions.map((e, i) => ({
      ...e,
      file: child.yaml.file,
      position: child.yaml.position(['exceptions', i], 'id'),
      ...(forbiddenBy ? { forbiddenBy } : {}),
    })),
  ];
  // An ignored file escapes every rule: under a parent that forbids local exceptions, it is as forbidden as one.
  const ignore: ResolvedIgnore[] = [
    ...parent.ignore,
    ...child.file.ignore.map((pattern, i) => ({
      pattern,
      file: child.yaml.file,
      position: child.yaml.position(['ignore', i]),
      ...(forbiddenBy ? { forbiddenBy } : {}),
    })),
  ];
  return {
    source: parent.source,
    chain: parent.chain,
    locations: parent.locations,
    rules,
    settings,
    exceptions,
    ignore,
    explicit,
    positions: {},
  };
}
