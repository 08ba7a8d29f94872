import type { AgentHints, AgentPosture, Fact, FactBase } from '../../core/posture.js';
import type { KeyPath, Position, Problem, SourceFile } from '../../core/types.js';
import { agentPath } from '../../sources/agent-paths.js';
import { parseJson } from '../../sources/json.js';
import { parseToml } from '../../sources/toml.js';
import { parseAssignments } from '../../sources/assignments.js';
import type { Parsed } from '../../sources/parsed.js';
import { fileStartLocator, type Locator } from '../../core/locator.js';
import { parseYamlText } from '../../sources/yaml.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { splitFrontMatter } from '../../guidance/statements.js';
import { formatKeyPath } from '../../core/types.js';
import { inTemplate, parseReading, readingOf, unparseable, type Adapter, type AdapterOutput, type KeyDoc } from '../types.js';
import type { CommandSite } from './commands.js';
import { embeddedGuidance } from './guidance.js';
import { fileText } from './text-place.js';
import { isTable, showSetting, stringLeaves, type Table } from '../walk.js';

/** What a file mapping gets: the parsed root and a place to put facts. */
export interface MapContext {
  file: string;
  root: Table;
  /** The folder a file's permission entries merge in (e.g. `.claude`), for precedence across files. */
  group: string;
  facts: Fact[];
  envFilter: AgentPosture['envFilter'];
  add: (fact: Fact) => void;
  /** The file's text and locator, to place facts at characters inside string values (absent for unparsed files). */
  site?: CommandSite;
  /**
   * A part of the file the agent rejects or ignores (a shape it does not accept), reported as `config-unparseable`;
   * `notice`: the agent skips it and runs on (a notice, not a failure).
   */
  reject?(path: KeyPath, message: string, notice?: boolean): void;
  /**
   * A string value the agent gives its model as instructions: read as guidance, placed inside the string; `agent`,
   * when the file is not one agent's own (a workflow's step).
   */
  addGuidance?(path: KeyPath, value: string, agent?: string): void;
  /**
   * A sentence that approves ahead what it names (Cursor's `autoRun.allow_instructions`): read as guidance, where a
   * leading "Allow" approves its object as "Auto-approve" does.
   */
  addApproval?(path: KeyPath, value: string): void;
}

export interface FileKind {
  /** The file's path glob (`agentPath`): in any folder, in any letter case. */
  path: string;
  /**
   * `json`: the tool reads strict JSON (comments are reported); `jsonc`: comments allowed; `markdown`: YAML front
   * matter is the settings and the markdown is guidance; `toml`: TOML; `assignments`: shell variable assignments read
   * as data (`NAME="value"`, never run); `none`: not parsed.
   */
  format: 'json' | 'jsonc' | 'yaml' | 'toml' | 'markdown' | 'assignments' | 'none';
  map(ctx: MapContext): void;
}

/** Common fact fields for a value at `path`. */
export function at(path: KeyPath, evidence: string, part: 'key' | 'value' = 'value', scope?: string): FactBase {
  return { keyPath: path, anchor: { kind: 'key', path, part }, evidence, ...(scope === undefined ? {} : { scope }) };
}

/**
 * A fact with its key path, and the key its anchor names, moved by `rebase`: settings read from a part of a file
 * (a workspace's `settings`, a set in a Nix module) placed where they sit in it.
 */
export const rebased = (fact: Fact, rebase: (path: KeyPath) => KeyPath): Fact => ({
  ...fact,
  keyPath: rebase(fact.keyPath),
  anchor: fact.anchor.kind === 'key' ? { ...fact.anchor, path: rebase(fact.anchor.path) } : fact.anchor,
});

/** At the start of the file, for facts about the file as a whole. */
export const atFileStart = (evidence: string): FactBase => ({
  keyPath: [],
  anchor: { kind: 'span', span: { start: { line: 1, column: 1 } } },
  evidence,
});

/**
 * A committed personal settings file (`settings.local.json`): the file itself is a finding, at its start, and what it
 * sets is read as the shared settings it overrides are.
 */
export const personalSettings = (
  path: string,
  format: 'json' | 'jsonc',
  personal: { holds: string; ignoredBy?: string; documentedBy?: string },
  map: (ctx: MapContext) => void,
): FileKind => ({
  path,
  format,
  map: (ctx) => {
    ctx.add({ kind: 'personal-file', ...personal, ...atFileStart(path) });
    map(ctx);
  },
});

/** `key = value` evidence for a JSON or YAML setting. */
export const setting = (path: KeyPath, value: unknown): string => showSetting(path, value).replace(/ = /, ': ');

/** Builds an adapter for JSON, JSONC, YAML and TOML files: parsing, unparseable problems, literal scanning. */
export function structuredAdapter(def: {
  id: string;
  name: string;
  kinds: readonly FileKind[];
  keys: readonly KeyDoc[];
  hints?: AgentHints;
}): Adapter {
  const kinds = def.kinds.map((kind) => ({ kind, path: agentPath(kind.path) }));
  const entryOf = (path: string) => kinds.find((k) => k.path.test(path));
  const kindOf = (path: string): FileKind | undefined => entryOf(path)?.kind;
  return {
    id: def.id,
    name: def.name,
    keys: def.keys,
    ...(def.hints ? { hints: def.hints } : {}),
    patterns: kinds.map((k) => k.path),
    matches: (path) => kindOf(path) !== undefined,
    toPostures(files: readonly SourceFile[]): AdapterOutput {
      const postures: AgentPosture[] = [];
      const problems: Problem[] = [];
      const guidance: EmbeddedGuidance[] = [];
      for (const file of files) {
        const { kind, path } = entryOf(file.path)!;
        const reading = readingOf(file, path.installedAs(file.path));
        const problem = (message: string, position?: Position): Problem => {
          const found = unparseable(def.id, file.path, message, position);
          return reading.template ? inTemplate(found) : found;
        };
        let root: unknown = {};
        let locator: Locator = fileStartLocator;
        if (kind.format === 'markdown') guidance.push({ file: file.path, agent: def.id, text: reading.text });
        if (kind.format !== 'none') {
          const parser = PARSERS[kind.format];
          const parsed = parseReading(reading, parser.parse);
          if (!parsed.ok) {
            const [first] = parsed.problems;
            if (kind.format === 'markdown')
              // The agents log such front matter and go on without it (its tools pre-approve nothing); a more
              // lenient reader might still take it, so it is reported, as a notice.
              problems.push({
                ...problem(
                  `cannot parse the YAML front matter: ${first.message}. Its keys could not be checked; the markdown after it is still read as guidance`,
                  first.position,
                ),
                notice: true,
              });
            else problems.push(problem(`cannot parse ${parser.language}: ${first.message}`, first.position));
            continue;
          }
          for (const warning of parsed.warnings) problems.push(problem(warning.message, warning.position));
          root = parsed.value;
          locator = parsed.locator;
        }
        const table = isTable(root) ? root : {};
        const facts: Fact[] = [];
        const slash = file.path.lastIndexOf('/');
        const site = kind.format === 'none' ? undefined : { text: fileText(file.text), locator };
        const ctx: MapContext = {
          file: file.path,
          root: table,
          group: slash < 0 ? '' : file.path.slice(0, slash),
          facts,
          envFilter: 'n/a',
          add: (f) => facts.push(f),
          ...(site ? { site } : {}),
          reject: (path, message, notice) => {
            const position = locator.locate(path, 'key').start;
            problems.push({ ...unparseable(def.id, file.path, message, position), keyPath: path, ...(notice ? { notice } : {}) });
          },
          addGuidance: (path, value) => {
            if (site && value.trim() !== '') guidance.push(embeddedGuidance(file.path, def.id, site, path, value));
          },
          addApproval: (path, value) => {
            if (site && value.trim() !== '') guidance.push({ ...embeddedGuidance(file.path, def.id, site, path, value), approvals: true });
          },
        };
        kind.map(ctx);
        // Every string value is a place a literal credential can sit, unless the mapping already judged it.
        const covered = new Set(facts.filter((f) => f.kind === 'literal').map((f) => formatKeyPath(f.keyPath)));
        for (const leaf of stringLeaves(root)) {
          if (covered.has(formatKeyPath(leaf.path))) continue;
          facts.push({ kind: 'literal', value: leaf.value, keyName: leaf.keyName, ...at(leaf.path, setting(leaf.path, leaf.value)) });
        }
        const posture: AgentPosture = { agent: def.id, file: file.path, facts, envFilter: ctx.envFilter, locator };
        postures.push(reading.installedAs ? { ...posture, installedAs: reading.installedAs } : posture);
      }
      return guidance.length > 0 ? { postures, problems, guidance } : { postures, problems };
    },
  };
}

/** How each parsed format is read, and the name a parse error gives it. */
const PARSERS: Record<Exclude<FileKind['format'], 'none'>, { parse: (text: string) => Parsed; language: string }> = {
  json: { parse: (text) => parseJson(text, true), language: 'JSON' },
  jsonc: { parse: (text) => parseJson(text, false), language: 'JSON' },
  yaml: { parse: parseYamlText, language: 'YAML' },
  toml: { parse: parseToml, language: 'TOML' },
  markdown: { parse: parseFrontMatter, language: 'YAML' },
  assignments: { parse: parseAssignments, language: 'shell assignments' },
};

/**
 * A markdown file's front matter as YAML; when that fails, as Claude Code reads it, which takes a value with `: ` in
 * it as text (`description: Use when: …`; its loader tolerates such front matter where a strict YAML parser fails,
 * https://github.com/anthropics/claude-plugins-community/issues/2390): such values quoted, and parsed again. The keys
 * of a front matter that only a lenient reader takes are still the ones an agent honours.
 */
function parseFrontMatter(text: string): Parsed {
  const yaml = frontMatterYaml(text);
  const strict = parseYamlText(yaml);
  if (strict.ok) return strict;
  const quoted = quoteColonValues(yaml);
  if (quoted === yaml) return strict;
  const lenient = parseYamlText(quoted);
  return lenient.ok ? lenient : strict;
}

/** A `key: value` line (or a list item's); its value is checked by hand, not by a pattern that could backtrack. */
const KEY_LINE = /^(\s*(?:-\s+)?[A-Za-z_][\w.-]*:[ \t]+)(\S.*)$/;

/**
 * The YAML with every plain value that holds `: ` or ends in `:` (which strict YAML reads as a nested mapping) written
 * in double quotes, line for line.
 */
const quoteColonValues = (yaml: string): string =>
  yaml
    .split('\n')
    .map((line) => {
      const m = KEY_LINE.exec(line);
      if (!m) return line;
      const value = m[2]!.trimEnd();
      const plain = !/^["'[{|>&*!%@`#]/.test(value);
      return plain && (/:[ \t]/.test(value) || value.endsWith(':')) ? `${m[1]!}${JSON.stringify(value)}` : line;
    })
    .join('\n');

/** The YAML front matter of a markdown file, at its own lines (the fence line and the body blank), for positions. */
const frontMatterYaml = (markdown: string): string => {
  // Agents read `---` YAML front matter only; a `+++` block is markdown to them.
  if (!markdown.startsWith('---')) return '';
  const { lines } = splitFrontMatter(markdown);
  return lines.length === 0 ? '' : `\n${lines.join('\n')}`;
};

/** Strings of an array at `path`, with their paths. */
export function stringsAt(root: Table, path: KeyPath): [string, KeyPath][] {
  let v: unknown = root;
  for (const p of path) v = isTable(v) && typeof p === 'string' && Object.hasOwn(v, p) ? v[p] : undefined;
  return Array.isArray(v) ? v.flatMap((s, i) => (typeof s === 'string' ? [[s, [...path, i]] as [string, KeyPath]] : [])) : [];
}

/** The value at a path of plain keys, or undefined. */
export function valueAt(root: Table, path: KeyPath): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (!isTable(v) || typeof p !== 'string' || !Object.hasOwn(v, p)) return undefined;
    v = v[p];
  }
  return v;
}
