/** A command line that cannot run: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** A run that cannot go on for a reason the message gives whole (no usage text): exit code 2. */
export class RunError extends Error {}
