import type { KeyPath } from '../../core/types.js';
import { entries, isTable, own, type Table } from '../walk.js';
import type { MapContext } from '../shared/structured.js';
import { anchorIn } from '../shared/commands.js';
import { placeOf } from './embedded.js';

/** Files of the runner a step writes for itself, not for the agent. */
const OWN_OUTPUTS = /\$\{?(?:GITHUB_OUTPUT|GITHUB_STEP_SUMMARY|GITHUB_STATE)\b|\/dev\/null/;
const WRITES = /(?:^|[^<>&\d])>>?|\btee\b/;
/** The agent's own login files (`~/.codex/auth.json`): its credential to reach its model, which the run needs. */
const AGENT_LOGIN = /\/\.(?:codex|claude|gemini|qwen|factory|cursor)\/[\w.-]*(?:auth|credentials|oauth)[\w.-]*/i;

/** Names of a step's `env:` variables set from a secret (`${{ secrets.NPM_TOKEN }}`). */
function secretVariables(step: Table): string[] {
  const env = own(step, 'env');
  if (!isTable(env)) return [];
  return entries(env).flatMap(([name, value]) => (typeof value === 'string' && /\$\{\{[^}]*\bsecrets\./.test(value) ? [name] : []));
}

/** A line of a `run:` script that writes a secret where a later step reads it: `$GITHUB_ENV` or a file. */
export interface SecretWrite {
  name: string;
  /** Offsets of the secret's reference in the script. */
  start: number;
  end: number;
  line: string;
}

/**
 * Lines of a step's `run:` script that write a secret (`${{ secrets.X }}`, or a step variable set from one) to a
 * file or to `$GITHUB_ENV`, where later steps of the job find it; writes to `$GITHUB_OUTPUT`,
 * `$GITHUB_STEP_SUMMARY`, `$GITHUB_STATE` and `/dev/null` are not.
 */
export function secretWrites(step: Table, run: string): SecretWrite[] {
  const names = secretVariables(step).filter((n) => /^[A-Za-z_]\w*$/.test(n));
  const secret = new RegExp(
    `\\$\\{\\{[^}]*\\bsecrets\\.([A-Za-z_][\\w-]*)|\\$\\{\\{\\s*(steps\\.[\\w-]+\\.outputs\\.[\\w-]*[Tt]oken[\\w-]*)\\s*\\}\\}${names.length > 0 ? `|\\$\\{?(${names.join('|')})\\b` : ''}`,
  );
  const out: SecretWrite[] = [];
  let offset = 0;
  for (const line of run.split('\n')) {
    const found = secret.exec(line);
    if (found && WRITES.test(line) && !OWN_OUTPUTS.test(line) && !AGENT_LOGIN.test(line)) {
      const start = offset + found.index;
      out.push({ name: found[1] ?? found[2] ?? found[3]!, start, end: start + found[0].length, line: line.trim().slice(0, 80) });
    }
    offset += line.length + 1;
  }
  return out;
}

/**
 * The `copilot-setup-steps` job of `.github/workflows/copilot-setup-steps.yml` (at `jobPath`): its steps run in the
 * Copilot coding agent's own environment before the agent starts, and what they leave there the agent can read.
 * GitHub's docs ("Customizing the development environment for Copilot coding agent"): only `steps`, `permissions`,
 * `runs-on`, `services`, `snapshot` and `timeout-minutes` of the job are used; the job's token serves the setup steps
 * only ("Copilot will be given its own token"), and the runner is ephemeral, so writes outside the workspace, the
 * token's permissions and a job-level `env:` grant the agent nothing. A line of a `run:` script that writes a secret
 * to a file or to `$GITHUB_ENV` leaves it for the agent to read.
 */
export function addCopilotSetup(ctx: MapContext, job: Table, jobPath: KeyPath): void {
  const steps = own(job, 'steps');
  if (!Array.isArray(steps)) return;
  steps.forEach((step, i) => {
    if (!isTable(step)) return;
    const run = own(step, 'run');
    if (typeof run !== 'string') return;
    const path = [...jobPath, 'steps', i, 'run'];
    const writes = secretWrites(step, run);
    const place = writes.length > 0 ? placeOf(ctx, path, run) : undefined;
    for (const w of writes)
      ctx.add({
        kind: 'env-passthrough',
        detail: `${w.name}, which this setup step leaves where the Copilot agent, starting in the same environment, reads it`,
        keyPath: path,
        anchor: anchorIn(place, path, w.start, w.end),
        evidence: `copilot-setup-steps run "${w.line}"`,
        scope: `job "copilot-setup-steps" step ${i + 1}`,
      });
  });
}
