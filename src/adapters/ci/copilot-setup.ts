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
 * The lines of a step's `run:` script that name a secret (`${{ secrets.X }}`, a token the job made, or a step
 * variable set from a secret), with the secret's name and characters.
 */
export function secretLines(step: Table, run: string): (SecretWrite & { text: string })[] {
  const names = secretVariables(step).filter((n) => /^[A-Za-z_]\w*$/.test(n));
  const secret = new RegExp(
    `\\$\\{\\{[^}]*\\bsecrets\\.([A-Za-z_][\\w-]*)|\\$\\{\\{\\s*(steps\\.[\\w-]+\\.outputs\\.[\\w-]*[Tt]oken[\\w-]*)\\s*\\}\\}${names.length > 0 ? `|\\$\\{?(${names.join('|')})\\b` : ''}`,
  );
  const out: (SecretWrite & { text: string })[] = [];
  let offset = 0;
  for (const text of run.split('\n')) {
    const found = secret.exec(text);
    if (found) {
      const start = offset + found.index;
      out.push({ name: found[1] ?? found[2] ?? found[3]!, start, end: start + found[0].length, line: text.trim().slice(0, 80), text });
    }
    offset += text.length + 1;
  }
  return out;
}

/**
 * Lines of a step's `run:` script that write a secret (`${{ secrets.X }}`, or a step variable set from one) to a
 * file or to `$GITHUB_ENV`, where later steps of the job find it; writes to `$GITHUB_OUTPUT`,
 * `$GITHUB_STEP_SUMMARY`, `$GITHUB_STATE` and `/dev/null` are not.
 */
export function secretWrites(step: Table, run: string): SecretWrite[] {
  return secretLines(step, run).filter((w) => WRITES.test(w.text) && !OWN_OUTPUTS.test(w.text) && !AGENT_LOGIN.test(w.text));
}

/** A write to `$GITHUB_OUTPUT` (`>>`, `>`, `tee -a`), and the output's name at the start of what is echoed. */
const TO_OUTPUT = /(?:>>?|\btee\b[^|;&]*?)\s*["']?\$\{?GITHUB_OUTPUT\b/;
const OUTPUT_NAME = /^\s*(?:echo|printf)\s+(?:-[A-Za-z]+\s+)*["']?([A-Za-z_][\w-]*)=/;
/** The legacy workflow command `::set-output name=<name>::<value>`. */
const SET_OUTPUT = /::set-output\s+name=([A-Za-z_][\w-]*)::/;

/**
 * Lines of a step's `run:` script that write a secret to one of the step's outputs (`echo "token=${{ secrets.X }}"
 * >> "$GITHUB_OUTPUT"`, `tee -a`, `::set-output name=token::`): later steps read it as `steps.<id>.outputs.<output>`.
 */
export function secretOutputs(step: Table, run: string): (SecretWrite & { output: string })[] {
  return secretLines(step, run).flatMap((w) => {
    const output = SET_OUTPUT.exec(w.text)?.[1] ?? (TO_OUTPUT.test(w.text) ? OUTPUT_NAME.exec(w.text)?.[1] : undefined);
    return output === undefined ? [] : [{ ...w, output }];
  });
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
