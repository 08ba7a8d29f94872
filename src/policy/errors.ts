/** One problem with a policy file, at its 1-based line and column. */
export interface PolicyError {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Set when the file is fine but names a remote policy the run may not read (a pull request's new `extends`). */
  untrusted?: true;
}

/** A policy that cannot be used: every problem as `file:line:col: message`. */
export class PolicyLoadError extends Error {
  constructor(readonly errors: PolicyError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  }
}
