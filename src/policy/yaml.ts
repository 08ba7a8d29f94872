import type { Position } from '../core/types.js';
import { parseYamlText } from '../sources/yaml.js';
import { PolicyLoadError } from './errors.js';

export { PolicyLoadError, type PolicyError } from './errors.js';

export interface ParsedYaml {
  file: string;
  data: unknown;
  /** The 1-based position of the node at `path`, or of its nearest existing ancestor; with `key`, of that key. */
  position(path: readonly (string | number)[], key?: string): Position;
}

/** Whether a YAML text holds nothing but blank lines, comments and document markers. */
const isBlank = (text: string): boolean => text.split('\n').every((line) => /^\s*(?:#.*|---\s*|\.\.\.\s*)?$/.test(line));

/** Parses a policy file; every YAML problem becomes a policy error at its line. A blank file has `null` data. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new PolicyLoadError(parsed.problems.map((p) => ({ file, ...p.position, message: p.message })));
  return {
    file,
    data: isBlank(text) ? null : parsed.value,
    position: (path, key) =>
      (key === undefined ? parsed.locator.locate(path, 'value') : parsed.locator.locate([...path, key], 'key')).start,
  };
}
