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

/**
 * A checkpoint file that cannot be resumed: not JSON, a field of the wrong type or out of range, or parts
 * that disagree with each other or with the model. `file` is the checkpoint's path, `at` the JSON path of
 * the offending field (`model.layers[0].weight`); it is input, so exit 2 like any TrainConfigError.
 */
export class CheckpointError extends TrainConfigError {
  constructor(
    readonly file: string,
    readonly at: string,
    readonly reason: string,
  ) {
    super('resume', `${file}: ${at === '' ? '' : `${at}: `}${reason}`);
    this.name = 'CheckpointError';
  }
}
