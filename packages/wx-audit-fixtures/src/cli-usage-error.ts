/** Raised for a usage error: the CLI prints it with the command's help and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
