/**
 * A bad flag or flag value. lrkit's convention for errors caused by input: `exitCode = 2`, and the CLI
 * prints the message alone (which names the flag), without a stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isUsageError(err: unknown): err is UsageError {
  return err instanceof Error && (err as { exitCode?: unknown }).exitCode === 2;
}

/** A message for a row: the error's message, never a stack. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
