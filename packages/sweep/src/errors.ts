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

/**
 * A sweep that ran but came to nothing, or lost what it ran on: every trial failed, the queue server went
 * away. It carries `exitCode = 1` (a failure, not bad input); the message says what happened and what was
 * kept.
 */
export class SweepFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'SweepFailure';
  }
}
