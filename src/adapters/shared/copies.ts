import type { AgentPosture, Fact } from '../../core/posture.js';
import type { SourceFile } from '../../core/types.js';
import { parseJson } from '../../sources/json.js';
import type { Adapter, AdapterOutput, KeyDoc } from '../types.js';
import { structuredAdapter, type MapContext } from './structured.js';

/**
 * A posture of a file kept where its agent does not read it, read as `target` would be once installed: every fact
 * but a credential written in it is a reading (`medium`), and its rules make a group of the file's own, so that they never
 * combine with those of a file an agent reads beside it (a deny in a copy takes nothing away from the agent's files).
 */
export function asCopy(posture: AgentPosture, id: string, target: string): AgentPosture {
  // A credential written in the file leaks wherever the file is: a fact, whatever the file is for.
  const facts = ownGroup(posture, id).map((fact): Fact =>
    fact.kind === 'literal' || fact.kind === 'inline-credential' ? fact : { ...fact, confidence: 'medium' },
  );
  return { ...posture, agent: id, facts, installedAs: { target, by: 'copy' } };
}

/**
 * A posture's facts with the rules in a group of the file's own (`<id>:<file>`): they take precedence among
 * themselves only, never over or under another file's beside it.
 */
export function ownGroup(posture: AgentPosture, id: string): Fact[] {
  const group = `${id}:${posture.file}`;
  return posture.facts.map((fact): Fact => ('group' in fact ? { ...fact, group } : fact));
}

/**
 * An agent's JSON settings kept elsewhere, under `names` in any folder: read, with `map`, only when no adapter before
 * it read the file and the file parses to what `recognise` says is that agent's (`mayHold`: a cheap text test first).
 */
export function settingsCopyAdapter(def: {
  id: string;
  name: string;
  keys: readonly KeyDoc[];
  names: readonly string[];
  target: string;
  mayHold: RegExp;
  recognise: (value: unknown) => boolean;
  map: (ctx: MapContext) => void;
}): Adapter {
  const base = structuredAdapter({
    id: def.id,
    name: def.name,
    keys: def.keys,
    kinds: def.names.map((path) => ({ path, format: 'jsonc' as const, map: def.map })),
  });
  return {
    ...base,
    // Only a file that parses and holds what the agent's settings hold: any other is another program's.
    admits: (file: SourceFile) => {
      if (!def.mayHold.test(file.text)) return false;
      const parsed = parseJson(file.text, false);
      return parsed.ok && def.recognise(parsed.value);
    },
    toPostures(files, context): AdapterOutput {
      const out = base.toPostures(files, context);
      return { ...out, postures: out.postures.map((posture) => asCopy(posture, def.id, def.target)) };
    },
    fallback: true,
  };
}
