import type { AgentPosture } from '../core/posture.js';
import type { LintResult } from '../engine/lint.js';

export interface PostureRow {
  file: string;
  agent: string;
  sandbox: string;
  approval: string;
  network: string;
  writableRoots: string;
  publishDeploy: string;
  secrets: string;
}

const count = (n: number, one: string, many = `${one}s`): string => (n === 0 ? '—' : `${n} ${n === 1 ? one : many}`);

/** One row per agent config file: what it grants, summarised from its facts and its findings. */
export function toPostureMatrix(result: LintResult): PostureRow[] {
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(`${f.file}\0${f.ruleId}`, (counts.get(`${f.file}\0${f.ruleId}`) ?? 0) + 1);
  const findingsOf = (file: string, rule: string): number => counts.get(`${file}\0${rule}`) ?? 0;
  return result.postures.map((p: AgentPosture) => {
    const modes = p.facts.flatMap((f) => (f.kind === 'sandbox' ? [f.mode] : []));
    const bypass = p.facts.some((f) => f.kind === 'bypass');
    const never = p.facts.some((f) => f.kind === 'approval-never');
    const modelReview = p.facts.some((f) => f.kind === 'model-reviewer');
    return {
      file: p.file,
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
