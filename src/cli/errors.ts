/** A command line that cannot run: one line that names the problem and points at `--help`, exit code 2. */
export class UsageError extends Error {}

/** A run that cannot go on for a reason the message gives whole: exit code 2. */
export class RunError extends Error {}
