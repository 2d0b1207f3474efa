/**
 * A training configuration that cannot run (a non-positive epoch count, an unknown optimizer, ...). It is
 * the user's input, so it carries `exitCode = 2` (lrkit's convention: the CLI prints the message alone
 * and exits 2). The message names the config field.
 */
export class TrainConfigError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TrainConfigError';
  }
}
