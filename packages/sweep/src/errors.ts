/**
 * A sweep that cannot run as written: a file that is not JSON, an unknown field, an empty grid, a queue
 * that cannot be reached... It carries `exitCode = 2`, lrkit's convention for errors caused by input; the
 * message names the file and field, or the URL.
 */
export class SweepInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'SweepInputError';
  }
}
