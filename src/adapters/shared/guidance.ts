import type { Locator } from '../../core/locator.js';
import type { KeyPath } from '../../core/types.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { textPlace, yamlScalarPlace, type FileText } from './text-place.js';

/**
 * A string value the agent gives its model as instructions, as guidance placed at its characters in the file (a
 * JSON or TOML string, a YAML scalar); a string that cannot be placed reads at its key.
 */
export function embeddedGuidance(
  file: string,
  agent: string,
  site: { text: FileText; locator: Locator },
  path: KeyPath,
  value: string,
): EmbeddedGuidance {
  const span = site.locator.locate(path, 'value');
  const place = textPlace(site.text, span, value) ??
    yamlScalarPlace(site.text, span, value) ?? { runs: [[0, span.start.line, span.start.column]], length: 0 };
  return { file, agent, text: value, place };
}
