// `lrkit predict`: runs an exported ONNX model over rows of data in any table format (raw rows for a model
// that holds its column plan, numeric feature columns for one that does not), with onnxruntime-node where it is installed
// and onnxruntime-web (WebAssembly, always installed) otherwise, or the one --runtime names.
import type { Command } from 'commander';
import type * as DataModule from '@lrkit/data';
import type { ColumnPlan, Dataset } from '@lrkit/data';
import type * as TrainModule from '@lrkit/train/internal';
import type { OnnxModel, OnnxRuntimeChoice } from '@lrkit/train';
import { setFlagsFromString } from 'node:v8';
import { oneOf } from '@lrkit/app-kit';
import { jsonChunks, textChunks, type PredictReport } from './predict-format';

export type { PredictReport } from './predict-format';

/** --runtime's choices; @lrkit/train validates the same names (and LRKIT_ONNX_RUNTIME) again. */
const RUNTIME_CHOICES: readonly OnnxRuntimeChoice[] = ['auto', 'onnxruntime-node', 'onnxruntime-web'];

export interface PredictOptions {
  model: string;
  data: string;
  json?: boolean;
  runtime?: OnnxRuntimeChoice;
}

/**
 * Classification metrics against the data's own labels (`actual`, by name per row; null where the target is a
 * gap: that row is not scored), compared by name since the data's encoding may differ from training's. Rows
 * whose label the model does not know count as wrong in accuracy and are left out of the rest (macro
 * precision / recall / F1, log loss, confusion), which need a model class.
 */
function classificationMetrics(train: typeof TrainModule, report: PredictReport, actual: readonly (string | null)[]): void {
  const k = report.modelLabels.length;
  const index = new Map(report.modelLabels.map((l, i) => [l, i]));
  let right = 0;
  let scored = 0;
  const known: number[] = [];
  const classes: number[] = [];
  actual.forEach((name, i) => {
    if (name === null) return;
    scored++;
    if (report.labels[i] === name) right++;
    const c = index.get(name);
    if (c !== undefined) {
      known.push(i);
      classes.push(c);
    }
  });
  if (scored === 0) return;
  report.accuracy = right / scored;
  if (scored < actual.length) report.scoredRows = scored;
  if (k === 2) return; // today's binary report: accuracy alone
  const probs = new Float32Array(known.length * k);
  known.forEach((row, j) => probs.set(report.probabilities.subarray(row * k, row * k + k), j * k));
  const m = train.multiclassMetrics(probs, classes, k, Number.NaN);
  report.metrics = { precision: m.precision, recall: m.recall, f1: m.f1, logLoss: m.logLoss, confusion: m.confusion };
  if (known.length < scored) report.metrics.unknownLabelRows = scored - known.length;
}

/** What the data says of each row's target, where it has the target column: names, or numbers (regression). */
interface Truth {
  names?: (string | null)[];
  values?: Float64Array;
}

/**
 * A table in another format than CSV as the numeric feature rows a matrix model takes (the model's features
 * must be number columns without gaps, as in training), with its target column's class names where present.
 */
async function matrixOf(data_: typeof DataModule, model: OnnxModel, path: string): Promise<Dataset> {
  const table = await data_.readTable(path);
  const features = table.columns.filter((c) => c.name !== model.target && model.featureNames.includes(c.name));
  for (const c of features) {
    const gap = c.kind === 'number' ? c.values.findIndex(Number.isNaN) : -1;
    if (c.kind === 'text') throw new data_.DataError(`${path}: feature '${c.name}' holds text; this model takes numbers (it holds no column plan)`);
    if (gap >= 0) throw new data_.DataError(`${path}: feature '${c.name}', data row ${gap + 1} is a gap; this model takes numbers (it holds no column plan)`);
  }
  const cols = features.length;
  const x = new Float64Array(table.rows * cols);
  features.forEach((c, j) => c.values.forEach((v, i) => (x[i * cols + j] = v as number)));
  const target = table.columns.find((c) => c.name === model.target);
  const names = target === undefined ? [] : Array.from({ length: table.rows }, (_, i) => data_.levelAt(target, i));
  const { labels, y } = names.length > 0 && !names.includes(null) ? data_.encodeLabels(names as string[]) : { labels: [], y: new Int32Array(0) };
  return { featureNames: features.map((c) => c.name), target: model.target, labels, x, y, rows: table.rows, cols };
}

/** The prediction and the truth from feature rows, for a model that takes a feature matrix. */
async function predictMatrix(data_: typeof DataModule, train: typeof TrainModule, model: OnnxModel, path: string) {
  // The model says which column it predicts; that column is scored against, never fed to the model. A CSV
  // is read as it always was (its layouts and messages); another format through readTable.
  const data = data_.formatOf(path) === 'csv' ? data_.loadCsv(path, { target: model.target, targetOptional: true }) : await matrixOf(data_, model, path);
  const prediction = await train.predictOnnx(model, data);
  const truth: Truth = {};
  if (data.labels.length > 0 && data.y.length === data.rows) {
    if (model.task === 'regression') truth.values = data_.numericTarget(data.labels, data.y, model.target);
    else truth.names = Array.from(data.y, (c) => data.labels[c]!);
  }
  return { prediction, truth };
}

/** The prediction and the truth from raw rows in any format readTable reads, for a model holding its plan. */
async function predictRaw(data_: typeof DataModule, train: typeof TrainModule, model: OnnxModel, plan: ColumnPlan, path: string) {
  // Gaps are read with the tokens the plan was fitted with, so a cell means here what it meant in training.
  const table = await data_.readTable(path, { na: plan.na });
  const prediction = await train.predictOnnxTable(model, table);
  const column = table.columns.find((c) => c.name === model.target);
  const truth: Truth = {};
  if (column !== undefined) {
    const rows = Array.from({ length: table.rows }, (_, i) => i);
    if (model.task === 'regression') truth.values = Float64Array.from(rows, (i) => data_.numberAt(column, i, table.source));
    else truth.names = rows.map((i) => data_.levelAt(column, i));
  }
  return { prediction, truth };
}

/** Loads the model and the data, runs every row; the data's target column, when present, gives the metrics. */
export async function runPredict(options: Pick<PredictOptions, 'model' | 'data' | 'runtime'>): Promise<PredictReport> {
  // Loaded here, not at the top: every other lrkit command (and --help) would pay for tfjs and onnxruntime.
  const [data_, train] = await Promise.all([import('@lrkit/data') as Promise<typeof DataModule>, import('@lrkit/train/internal') as Promise<typeof TrainModule>]);
  const model: OnnxModel = await train.loadOnnxModel(options.model, options.runtime ? { runtime: options.runtime } : {});
  try {
    const { prediction, truth } = model.plan
      ? await predictRaw(data_, train, model, model.plan, options.data)
      : await predictMatrix(data_, train, model, options.data);
    if (prediction.task === 'regression') {
      const report: PredictReport = {
        task: 'regression',
        target: model.target,
        modelLabels: [],
        probabilities: new Float32Array(0),
        labels: [],
        predictions: prediction.predictions,
        runtime: model.runtime,
      };
      if (truth.values) {
        // Rows whose target is a gap are not scored.
        const scored = truth.values.reduce<number[]>((rows, v, i) => (Number.isNaN(v) ? rows : (rows.push(i), rows)), []);
        if (scored.length > 0) {
          const predicted = scored.length === truth.values.length ? prediction.predictions : Float32Array.from(scored, (i) => prediction.predictions[i]!);
          const actual = scored.length === truth.values.length ? truth.values : Float64Array.from(scored, (i) => truth.values![i]!);
          const m = train.regressionMetrics(predicted, actual, Number.NaN);
          report.metrics = { rmse: m.rmse, mae: m.mae, r2: m.r2 };
          if (scored.length < truth.values.length) report.scoredRows = scored.length;
        }
      }
      return report;
    }
    const report: PredictReport = {
      task: 'classification',
      target: model.target,
      modelLabels: prediction.classes,
      probabilities: prediction.probabilities,
      labels: prediction.labels,
      runtime: model.runtime,
    };
    if (truth.names) classificationMetrics(train, report, truth.names);
    return report;
  } finally {
    await model.close();
  }
}

/**
 * V8's budget for optimising a WebAssembly function (roughly the bytes of it run first), 10 times its default.
 * Serving a model that holds its column plan, onnxruntime-web runs some very large functions of its own just
 * past the default budget while it creates the session and runs the first batch; V8 then compiles them again
 * in the background (2 s of CPU for 344 penguins, against 0.6 s at this budget), and Node waits for those
 * compiles before the process ends: a few seconds of waiting on a busy machine. Functions run for every row
 * of a big table pass this budget early all the same (3M rows take the same CPU time either way).
 */
const WASM_TIERING_BUDGET = 18_000_000;

/**
 * Writes the chunks one after the other, each once the last is taken: what waits to be written is a chunk,
 * not the whole output. Each write's callback, not 'drain', says it is taken: in the work thread a write
 * the stream buffered instead is not sent on once the command is done, and would be lost.
 */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    await new Promise<void>((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
  }
}

export function register(program: Command): void {
  program
    .command('predict')
    .description('run an exported ONNX model (lrkit train --export) over rows of data with onnxruntime')
    .requiredOption('--model <path>', 'the .onnx file lrkit exported')
    .requiredOption(
      '--data <path>',
      "the rows, CSV, TSV, JSON, NDJSON or Parquet: raw columns for a model holding its column plan (text, gaps, levels never seen), " +
        "numeric feature columns for one without. Any column order; the target column is optional (it gives the metrics)",
    )
    .option(
      '--json',
      'print JSON instead of a table: {"probabilities", "labels", "accuracy"} (2 classes), ' +
        '{"classes", "labels", "probabilities": [[...k]...], metrics} (more), {"predictions", "rmse", "mae", "r2"} (regression)',
    )
    .option(
      '--runtime <name>',
      'auto (onnxruntime-node where installed, else onnxruntime-web), onnxruntime-node or onnxruntime-web; default: LRKIT_ONNX_RUNTIME, else auto',
      oneOf('--runtime', RUNTIME_CHOICES),
    )
    .action(async (options: PredictOptions) => {
      // Before onnxruntime-web's WebAssembly is instantiated: V8 reads the budget then. The command owns its
      // process (the work thread), so the flag changes nothing else's.
      setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
      const report = await runPredict(options);
      await writeChunks(process.stdout, options.json ? jsonChunks(report) : textChunks(report));
    });
}
