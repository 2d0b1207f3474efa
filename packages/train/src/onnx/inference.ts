// Serving an exported model with onnxruntime (node where installed, else web: see runtime.ts). The runtime
// is imported on first load, not at package import, so `lrkit train` never pays for it.
import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-web';
import { OnnxModelError } from './errors';
import { matchFeatures } from './match-features';
import { readModelInfo } from './read-model';
import { loadOnnxRuntime, resolveOnnxRuntime, sizeWebThreadPool } from './runtime';
import type { FeatureTable, LoadOnnxModelOptions, OnnxModel, OnnxPrediction } from './types';

/** Loads an lrkit-exported ONNX model: its metadata and an onnxruntime session ready to run repeatedly. */
export async function loadOnnxModel(path: string, options: LoadOnnxModelOptions = {}): Promise<OnnxModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OnnxModelError(path, code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`);
  }
  const choice = resolveOnnxRuntime(options.runtime);
  const info = readModelInfo(bytes, path);
  const { name: runtime, ort } = await loadOnnxRuntime(choice);
  if (runtime === 'onnxruntime-web') sizeWebThreadPool(ort, options.sessionOptions?.intraOpNumThreads);
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, options.sessionOptions ?? {});
  } catch (error) {
    throw new OnnxModelError(path, `${runtime} cannot load the model: ${(error as Error).message}`);
  }
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1 || !inputName || !outputName) {
    await session.release();
    throw new OnnxModelError(path, 'the graph must have exactly one input and one output');
  }
  const f = info.featureNames.length;
  // The metadata names the columns; the graph must take exactly that many.
  const inputMeta = session.inputMetadata[0];
  const width = inputMeta?.isTensor ? inputMeta.shape[1] : undefined;
  if (typeof width === 'number' && width !== f) {
    await session.release();
    throw new OnnxModelError(path, `the graph takes ${width} features but its metadata names ${f}`);
  }

  return {
    ...info,
    path,
    runtime,
    session,
    async run(x: Float32Array, rows: number): Promise<Float32Array> {
      if (!Number.isInteger(rows) || rows < 0 || x.length !== rows * f) {
        throw new RangeError(`run(): ${x.length} values are not ${rows} rows of ${f} features`);
      }
      if (rows === 0) return new Float32Array(0);
      const input = new ort.Tensor('float32', x, [rows, f]);
      const outputs = await session.run({ [inputName]: input });
      const output = outputs[outputName]!;
      const data = output.data as Float32Array;
      input.dispose();
      // Copy out so the caller owns plain memory; the output tensor is then released.
      const probabilities = new Float32Array(data);
      output.dispose();
      return probabilities;
    },
    async close(): Promise<void> {
      await session.release();
    },
  };
}

/** P(class 1) and the predicted label for every row of `table`, its columns matched to the model's by name. */
export async function predictOnnx(model: OnnxModel, table: FeatureTable): Promise<OnnxPrediction> {
  const x = matchFeatures(model.featureNames, table);
  const probabilities = await model.run(x, table.rows);
  const labels = Array.from(probabilities, (p) => model.labels[p > 0.5 ? 1 : 0]!);
  return { probabilities, labels };
}
