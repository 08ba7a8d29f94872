import { spanInText, type TextPlace } from '../core/posture.js';
import { lineStarts } from '../sources/lines.js';
import { toStatements, type Statement } from './statements.js';

/**
 * Guidance text an agent file carries inside itself: the markdown of a command or custom agent (its front matter
 * is read apart), or a string of instructions in a TOML config. The guidance reader reads it as it reads AGENTS.md.
 */
export interface EmbeddedGuidance {
  file: string;
  agent: string;
  text: string;
  /** Where each character of `text` sits in the file (a string value); absent when `text` is the whole file. */
  place?: TextPlace;
  /** Each of its sentences approves ahead what it names ("Allow `git push` to feature branches"). */
  approvals?: boolean;
}

/**
 * The statements of a file's guidance texts, placed in the file: a statement's position in its text is carried
 * through the text's place. Blocks are numbered across the texts, so two texts of one file never share a block.
 */
export function toEmbeddedStatements(texts: readonly EmbeddedGuidance[]): Statement[] {
  const out: Statement[] = [];
  let blocks = 0;
  for (const guidance of texts) {
    const statements = toStatements(guidance.file, guidance.agent, guidance.text);
    const { place } = guidance;
    const starts = place ? lineStarts(guidance.text) : [];
    const base = blocks;
    for (const statement of statements) {
      const block = statement.block === undefined ? undefined : statement.block + base;
      if (block !== undefined && block > blocks) blocks = block;
      const offset = (starts[statement.position.line - 1] ?? 0) + statement.position.column - 1;
      out.push({
        ...statement,
        ...(block === undefined ? {} : { block }),
        ...(guidance.approvals === true ? { approves: true } : {}),
        ...(place ? { position: spanInText(place, offset, offset + 1).start } : {}),
      });
    }
  }
  return out;
}
