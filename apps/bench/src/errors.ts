/** A message for a row: the error's message, never a stack. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
