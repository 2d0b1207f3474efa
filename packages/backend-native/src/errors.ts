/** A setting of the user's (an option or environment variable) that cannot be honoured: exit code 2 in the CLI. */
export class NativeConfigError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'NativeConfigError';
  }
}
