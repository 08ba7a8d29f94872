import type { AgentPosture } from '../core/posture.js';
import type { LintResult } from '../engine/lint.js';
import { formatKeyPath } from '../core/types.js';

export interface PostureRow {
  file: string;
  /** The part of the file, for an agent one step of a workflow starts (`workflow "ci" job "review" step "2"`). */
  unit?: string;
  agent: string;
  sandbox: string;
  approval: string;
  network: string;
  writableRoots: string;
  publishDeploy: string;
  secrets: string;
}

const count = (n: number, one: string, many = `${one}s`): string => (n === 0 ? '—' : `${n} ${n === 1 ? one : many}`);

/**
 * One row per agent config file, or per unattended agent of a file that starts several (each step of a workflow):
 * what it grants, summarised from its facts and its findings. A file's findings count for its one posture; in a
 * file of several they count for the posture whose fact they point at.
 */
export function toPostureMatrix(result: LintResult): PostureRow[] {
  const perFile = new Map<string, number>();
  for (const p of result.postures) perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
  const counts = new Map<string, number>();
  const bump = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const owner = new Map<string, number>();
  result.postures.forEach((p, i) => {
    if (perFile.get(p.file)! > 1) for (const f of p.facts) owner.set(`${p.file}\0${formatKeyPath(f.keyPath)}`, i);
  });
  for (const f of result.findings) {
    if ((perFile.get(f.file) ?? 0) <= 1) bump(`${f.file}\0${f.ruleId}`);
    else {
      const i = owner.get(`${f.file}\0${formatKeyPath(f.keyPath)}`);
      if (i !== undefined) bump(`${i}\0${f.ruleId}`);
    }
  }
  return result.postures.map((p: AgentPosture, i) => {
    const findingsOf = (file: string, rule: string): number =>
      counts.get((perFile.get(file) ?? 0) <= 1 ? `${file}\0${rule}` : `${i}\0${rule}`) ?? 0;
    const modes = p.facts.flatMap((f) => (f.kind === 'sandbox' ? [f.mode] : []));
    const bypass = p.facts.some((f) => f.kind === 'bypass');
    const never = p.facts.some((f) => f.kind === 'approval-never');
    const modelReview = p.facts.some((f) => f.kind === 'model-reviewer');
    return {
      file: p.file,
      ...(p.unit === undefined ? {} : { unit: p.unit }),
      agent: p.agent,
      sandbox: bypass ? 'bypassed' : modes.length > 0 ? [...new Set(modes)].join(', ') : 'default',
      approval: never ? 'never asks' : modelReview ? 'model reviews' : bypass ? 'bypassed' : 'default',
      network: count(findingsOf(p.file, 'network-access'), 'grant'),
      writableRoots: count(p.facts.filter((f) => f.kind === 'writable-root').length, 'root'),
      publishDeploy: count(findingsOf(p.file, 'publish-deploy'), 'auto-allowed'),
      secrets: count(findingsOf(p.file, 'secret-access'), 'exposure', 'exposures'),
    };
  });
}
