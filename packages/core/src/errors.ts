/**
 * A backend that was asked for cannot run here. It is the user's choice that cannot be honoured, so it
 * carries `exitCode = 2` (lrkit's convention for errors caused by input: the CLI prints the message
 * alone and exits 2).
 */
export class BackendUnavailableError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`backend '${backend}' is unavailable: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}
