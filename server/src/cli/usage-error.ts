// An error in how the CLI was called (exit code 2), with a message that names the problem.
export class UsageError extends Error {}
