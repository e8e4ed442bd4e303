/** A wrong command line or config: the command prints it with a hint and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Nothing could be read (or `--strict` and rows were rejected): exit code 1. */
export class InputError extends Error {
  override readonly name = 'InputError'
}
