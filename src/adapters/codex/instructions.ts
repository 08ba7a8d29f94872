import type { Locator } from '../../core/locator.js';
import type { EmbeddedGuidance } from '../../guidance/embedded.js';
import { embeddedGuidance } from '../shared/guidance.js';
import type { FileText } from '../shared/text-place.js';
import { own, type Table } from '../walk.js';

/** Config keys whose string Codex gives the model as instructions (`developer_instructions` a developer message). */
const INSTRUCTION_KEYS = ['developer_instructions', 'instructions'] as const;

/**
 * The instructions a Codex config layer carries (a custom agent's role file above all), as guidance placed at
 * their characters inside the TOML string; a string the locator cannot place reads at its key.
 */
export function codexInstructions(file: string, doc: Table, locator: Locator, text: FileText): EmbeddedGuidance[] {
  const out: EmbeddedGuidance[] = [];
  for (const key of INSTRUCTION_KEYS) {
    const value = own(doc, key);
    if (typeof value !== 'string' || value.trim() === '') continue;
    out.push(embeddedGuidance(file, 'codex', { text, locator }, [key], value));
  }
  return out;
}
