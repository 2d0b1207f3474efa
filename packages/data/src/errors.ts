/**
 * Bad data from the user: a missing file, a malformed CSV, a missing target column, an impossible split.
 * It carries `exitCode = 2` (lrkit's convention for errors caused by input: the CLI prints the message
 * alone and exits 2).
 */
export class DataError extends Error {
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataError';
  }
}
