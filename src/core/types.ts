/** Severity of a finding; `off` exists only in the policy. */
export type Level = 'error' | 'warning' | 'notice';
export type LevelSetting = Level | 'off';

export const LEVEL_RANK: Record<LevelSetting, number> = { off: 0, notice: 1, warning: 2, error: 3 };

/** 1-based line and column, as annotations and SARIF want them. */
export interface Position {
  line: number;
  column: number;
}
export interface Span {
  start: Position;
  end?: Position;
}

/** A symbolic address of a value inside a parsed file; survives edits, feeds fingerprints and exception matching. */
export type KeyPath = readonly (string | number)[];

/** Where a problem points: a key path resolved lazily by the file's locator, or a known span. */
export type Anchor =
  | { kind: 'key'; path: KeyPath; part: 'key' | 'value' }
  | { kind: 'span'; span: Span };

/** A committed file as read from the repository: repo-relative path with forward slashes, decoded text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A file the entry point could not turn into text; becomes a `config-unparseable` finding. */
export interface UnreadableFile {
  path: string;
  reason: string;
  position?: Position;
}

/** What a rule reports, before the engine gives it a level, a resolved location and a fingerprint. */
export interface Problem {
  ruleId: string;
  file: string;
  agent: string;
  message: string;
  keyPath: KeyPath;
  evidence: string;
  anchor: Anchor;
}

export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  file: string;
  agent: string;
  keyPath: KeyPath;
  evidence: string;
  location: Span;
  fingerprint: string;
}

export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
