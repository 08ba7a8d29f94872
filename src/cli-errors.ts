/** A command line that cannot run: printed with the usage text, exit code 2. */
export class UsageError extends Error {}
