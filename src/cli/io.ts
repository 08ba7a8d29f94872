/** Everything the CLI reads from and writes to its process, passed in so that tests can run it in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The clock, read once per run. */
  now: () => Date;
}
