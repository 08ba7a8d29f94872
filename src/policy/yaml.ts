import type { Position } from '../core/types.js';
import { parseYamlText } from '../sources/yaml.js';

export interface PolicyError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class PolicyLoadError extends Error {
  constructor(readonly errors: PolicyError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  }
}

export interface ParsedYaml {
  file: string;
  data: unknown;
  /** The 1-based position of the node at `path`, or of its nearest existing ancestor; with `key`, of that key. */
  position(path: readonly (string | number)[], key?: string): Position;
}

/** Parses a policy file; every YAML problem becomes a policy error at its line. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new PolicyLoadError(parsed.problems.map((p) => ({ file, ...p.position, message: p.message })));
  return {
    file,
    data: parsed.value,
    position: (path, key) => (key === undefined ? parsed.locator.locate(path, 'value') : parsed.locator.locate([...path, key], 'key')).start,
  };
}
