// Errors caused by what the user handed in (a file, a flag, a model) carry `exitCode = 2`: the CLI prints
// the message alone and exits 2. Anything else thrown from this module is an internal error.

/** A file that cannot be served: not an ONNX model at all, or an ONNX model lrkit did not export. */
export class OnnxModelError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'OnnxModelError';
  }
}

/** Input rows lack a feature the model was trained on. */
export class MissingFeatureError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly missing: string[],
    readonly available: string[],
  ) {
    const list = missing.map((name) => `'${name}'`).join(', ');
    super(
      `the data lacks feature${missing.length > 1 ? 's' : ''} ${list} that the model needs` +
        ` (the data has: ${available.length > 0 ? available.join(', ') : 'no feature columns'})`,
    );
    this.name = 'MissingFeatureError';
  }
}

/** A model, its preprocessing or the export options cannot make a valid ONNX graph. */
export class OnnxExportError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(`ONNX export: ${message}`);
    this.name = 'OnnxExportError';
  }
}

/** The onnxruntime asked for is unknown, not installed, or cannot load here. */
export class OnnxRuntimeError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'OnnxRuntimeError';
  }
}
