// Serving an exported model with onnxruntime (node where installed, else web: see runtime.ts). The runtime
// is imported on first load, not at package import, so `lrkit train` never pays for it.
import { InputFileError, readInputFile } from '@lrkit/io';
import type { RawPlanInput, RawTable } from '@lrkit/data';
import { rawPlanInputs } from '@lrkit/data';
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { OnnxModelError } from './errors';
import { argmaxRows } from '../metrics/multiclass';
import { matchFeatures } from './match-features';
import { planFeeds, planInputsProblem } from './plan-feeds';
import { readModelInfo } from './read-model';
import { loadOnnxRuntime, resolveOnnxRuntime, sizeWebThreadPool } from './runtime';
import type { FeatureTable, LoadOnnxModelOptions, OnnxModel, OnnxPrediction, PredictOnnxOptions } from './types';

/**
 * The largest model file loadOnnxModel reads by default: 256 MiB. An lrkit MLP with layers of a few thousand
 * units is a few MB; the bound is against a path that is no model at all (a device, a huge file).
 */
export const DEFAULT_MAX_MODEL_BYTES = 256 * 1024 * 1024;

type Feeds = Record<string, Tensor>;

/** The graph's output for `rows` rows, copied out so the caller owns plain memory; the tensors are released. */
async function runFeeds(session: InferenceSession, outputName: string, rows: number, feeds: () => Feeds): Promise<Float32Array> {
  if (rows === 0) return new Float32Array(0);
  const inputs = feeds();
  const output = (await session.run(inputs))[outputName]!;
  const values = new Float32Array(output.data as Float32Array);
  for (const t of Object.values(inputs)) t.dispose();
  output.dispose();
  return values;
}

/** What is wrong with a feature-matrix graph's one input, or undefined: the metadata names its columns. */
function featureInputProblem(session: InferenceSession, f: number): string | undefined {
  if (session.inputNames.length !== 1) return 'the graph must have exactly one input';
  const meta = session.inputMetadata[0];
  const width = meta?.isTensor ? meta.shape[1] : undefined;
  return typeof width === 'number' && width !== f ? `the graph takes ${width} features but its metadata names ${f}` : undefined;
}

/** Loads an lrkit-exported ONNX model: its metadata and an onnxruntime session ready to run repeatedly. */
export async function loadOnnxModel(path: string, options: LoadOnnxModelOptions = {}): Promise<OnnxModel> {
  let bytes: Uint8Array;
  try {
    // Only a regular file, of bounded size: /dev/zero or a FIFO would be read until memory runs out.
    bytes = readInputFile(path, { what: 'model file', maxBytes: options.maxBytes ?? DEFAULT_MAX_MODEL_BYTES });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new OnnxModelError(path, error.reason === 'not found' ? 'no such file' : error.reason);
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
  const problem = info.plan ? planInputsProblem(info.plan, session.inputNames) : featureInputProblem(session, info.featureNames.length);
  if (problem !== undefined || session.outputNames.length !== 1 || !inputName || !outputName) {
    await session.release();
    throw new OnnxModelError(path, problem ?? 'the graph must have exactly one output');
  }
  const f = info.featureNames.length;
  // One output per row, or one per class beyond 2: what the metadata's task and labels say.
  const outputs = info.task === 'classification' && info.labels.length > 2 ? info.labels.length : 1;
  const outputMeta = session.outputMetadata[0];
  const outWidth = outputMeta?.isTensor ? outputMeta.shape[1] : undefined;
  if (typeof outWidth === 'number' && outWidth !== outputs) {
    await session.release();
    throw new OnnxModelError(path, `the graph gives ${outWidth} values per row but its metadata says ${outputs} (${info.task}, ${info.labels.length} labels)`);
  }

  return {
    ...info,
    path,
    runtime,
    session,
    async run(x: Float32Array, rows: number): Promise<Float32Array> {
      if (info.plan) throw new OnnxModelError(path, 'the model holds its column plan and takes raw columns (predictOnnxTable), not a feature matrix');
      if (!Number.isInteger(rows) || rows < 0 || x.length !== rows * f) {
        throw new RangeError(`run(): ${x.length} values are not ${rows} rows of ${f} features`);
      }
      return runFeeds(session, outputName, rows, () => ({ [inputName]: new ort.Tensor('float32', x, [rows, f]) }));
    },
    async runInputs(inputs: readonly RawPlanInput[], rows: number): Promise<Float32Array> {
      if (!info.plan) throw new OnnxModelError(path, 'the model holds no column plan: it takes a feature matrix (predictOnnx)');
      return runFeeds(session, outputName, rows, () => planFeeds(ort, inputs, rows));
    },
    async close(): Promise<void> {
      await session.release();
    },
  };
}

/**
 * Rows fed to onnxruntime per session.run by predictOnnx and predictOnnxTable. onnxruntime holds a batch's
 * input tensors (a string tensor per text column: one JS string per cell) and its output at once, so the
 * batch, not the table, bounds that memory. Measured on 3M rows of flights (a date, a number, two text
 * columns), onnxruntime-node: 65,536 rows peak about 150 MB over the table as read; 16,384 take 15% more CPU,
 * 262,144 peak 400 MB over it.
 */
export const DEFAULT_PREDICT_BATCH_ROWS = 65_536;

/**
 * The model's output for rows 0..rows-1, `batchRows` at a time: `runBatch(start, end)` gives rows start..end-1.
 * The outputs are gathered into one array, the same values one run over every row gives (each row's output
 * depends on that row alone). No rows is one call with none, so the caller's checks of its columns still run.
 */
async function runInBatches(model: OnnxModel, rows: number, batchRows: number, runBatch: (start: number, end: number) => Promise<Float32Array>): Promise<Float32Array> {
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows is ${batchRows}, not a positive integer`);
  const width = model.task === 'classification' && model.labels.length > 2 ? model.labels.length : 1;
  if (rows === 0) return runBatch(0, 0);
  const out = new Float32Array(rows * width);
  for (let start = 0; start < rows; start += batchRows) {
    const end = Math.min(rows, start + batchRows);
    const values = await runBatch(start, end);
    if (values.length !== (end - start) * width) {
      throw new OnnxModelError(model.path, `the graph gave ${values.length} values for ${end - start} rows, not ${width} per row`);
    }
    out.set(values, start * width);
  }
  return out;
}

/** Rows start..end-1 as row indices, the form rawPlanInputs takes. */
function rowRange(start: number, end: number): Int32Array {
  return Int32Array.from({ length: end - start }, (_, r) => start + r);
}

/**
 * The model's prediction for every row of `table`, its columns matched to the model's by name: the
 * probabilities and predicted label (classification) or the value (regression). Rows are fed `batchRows`
 * at a time (default DEFAULT_PREDICT_BATCH_ROWS).
 */
export async function predictOnnx(model: OnnxModel, table: FeatureTable, options: PredictOnnxOptions = {}): Promise<OnnxPrediction> {
  if (model.plan) throw new OnnxModelError(model.path, 'the model holds its column plan and takes raw columns: predict with predictOnnxTable on a table as read (readTable)');
  const out = await runInBatches(model, table.rows, options.batchRows ?? DEFAULT_PREDICT_BATCH_ROWS, (start, end) =>
    model.run(matchFeatures(model.featureNames, table, { start, end }), end - start),
  );
  return predictionOf(model, out, table.rows);
}

/**
 * The prediction of a model that holds its column plan for every row of `table` as read (@lrkit/data's
 * readTable): the columns the plan uses are taken by name, raw (text, gaps, levels never seen); the target
 * column and any other column are not read. A missing column is a DataError naming it. Rows are read and
 * fed `batchRows` at a time (default DEFAULT_PREDICT_BATCH_ROWS).
 */
export async function predictOnnxTable(model: OnnxModel, table: RawTable, options: PredictOnnxOptions = {}): Promise<OnnxPrediction> {
  if (!model.plan) throw new OnnxModelError(model.path, 'the model holds no column plan: it takes a feature matrix (predictOnnx)');
  const plan = model.plan;
  const out = await runInBatches(model, table.rows, options.batchRows ?? DEFAULT_PREDICT_BATCH_ROWS, (start, end) =>
    model.runInputs(rawPlanInputs(plan, table, { rows: rowRange(start, end) }), end - start),
  );
  return predictionOf(model, out, table.rows);
}

function predictionOf(model: OnnxModel, out: Float32Array, rows: number): OnnxPrediction {
  // NaN is no answer: thresholded it would be the first label, and a regression's would print as null.
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const width = rows === 0 ? 1 : out.length / rows;
    throw new OnnxModelError(model.path, `the model's output for data row ${Math.floor(bad / width) + 1} is ${out[bad]}, not a number it can answer with (its weights or stored scaling overflow float32)`);
  }
  if (model.task === 'regression') return { task: 'regression', predictions: out };
  const k = model.labels.length;
  const labels = k === 2 ? Array.from(out, (p) => model.labels[p > 0.5 ? 1 : 0]!) : Array.from(argmaxRows(out, k), (c) => model.labels[c]!);
  return { task: 'classification', classes: [...model.labels], probabilities: out, labels };
}
