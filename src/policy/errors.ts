/** One problem with a policy file, at its 1-based line and column. */
export interface PolicyError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A policy that cannot be used: every problem as `file:line:col: message`. */
export class PolicyLoadError extends Error {
  constructor(readonly errors: PolicyError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  }
}
