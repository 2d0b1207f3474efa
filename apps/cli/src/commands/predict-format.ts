// `lrkit predict`'s report and its two printed forms, a table and JSON, made a chunk of rows at a time: the
// output of a table of millions of rows is never one string (its lines alone would take hundreds of MB).
import type { OnnxRuntimeName, Task } from '@lrkit/train';

export interface PredictReport {
  task: Task;
  target: string;
  /** The model's classes in output order; [] for regression. */
  modelLabels: string[];
  /** Classification: P(class 1) per row (2 classes) or k per row, row-major (more). Empty for regression. */
  probabilities: Float32Array;
  /** Classification: the predicted label per row. Empty for regression. */
  labels: string[];
  /** Regression: the predicted value per row, in the target's units. */
  predictions?: Float32Array;
  /** Fraction of rows predicted right (classification, where the CSV has the target column). */
  accuracy?: number;
  /** The task's other metrics where the CSV has the target column (see metricsOf). */
  metrics?: Record<string, unknown>;
  /** Rows scored against the target, where some rows' target is a gap (those are predicted, not scored). */
  scoredRows?: number;
  /** The onnxruntime that ran the model. */
  runtime: OnnxRuntimeName;
}

/** Rows formatted into one chunk: a few hundred kB of text. */
const ROWS_PER_CHUNK = 16_384;

/** `rows` rows as text, ROWS_PER_CHUNK at a time: `row(i)` is row i's text, `separator` goes between rows. */
function* rowChunks(rows: number, row: (i: number) => string, separator: string): Generator<string> {
  for (let start = 0; start < rows; start += ROWS_PER_CHUNK) {
    const end = Math.min(rows, start + ROWS_PER_CHUNK);
    const parts: string[] = [];
    for (let i = start; i < end; i++) parts.push(row(i));
    yield (start > 0 ? separator : '') + parts.join(separator);
  }
}

const f4 = (x: unknown): string => (typeof x === 'number' ? x.toFixed(4) : String(x));

/** The table: a header, a line per row, then the metrics and the runtime. */
export function* textChunks(report: PredictReport): Generator<string> {
  const lines = (rows: number, row: (i: number) => string) => rowChunks(rows, (i) => `${row(i)}\n`, '');
  if (report.task === 'regression') {
    const predictions = report.predictions!;
    yield `row\t${report.target}\n`;
    yield* lines(predictions.length, (i) => `${i + 1}\t${predictions[i]!.toPrecision(7)}`);
    const m = report.metrics;
    if (m) yield `RMSE ${f4(m.rmse)}, MAE ${f4(m.mae)}, R^2 ${f4(m.r2)} (${report.scoredRows ?? predictions.length} rows, against '${report.target}')\n`;
    return;
  }
  const k = report.modelLabels.length;
  const { probabilities: p, labels } = report;
  if (k === 2) {
    yield `row\tP(${report.target}=${report.modelLabels[1]})\tprediction\n`;
    yield* lines(labels.length, (i) => `${i + 1}\t${p[i]!.toFixed(6)}\t${labels[i]}`);
  } else {
    yield `row\tprediction\t${report.modelLabels.map((l) => `P(${l})`).join('\t')}\n`;
    yield* lines(labels.length, (i) => `${i + 1}\t${labels[i]}\t${Array.from(p.subarray(i * k, i * k + k), (v) => v.toFixed(6)).join('\t')}`);
  }
  if (report.accuracy !== undefined) {
    const scored = report.scoredRows ?? labels.length;
    const right = Math.round(report.accuracy * scored);
    yield `accuracy ${report.accuracy.toFixed(4)} (${right}/${scored} rows, against '${report.target}')\n`;
  }
  const m = report.metrics;
  if (m) yield `macro precision ${f4(m.precision)}, recall ${f4(m.recall)}, F1 ${f4(m.f1)}, log loss ${f4(m.logLoss)}\n`;
  yield `runtime ${report.runtime}\n`;
}

/** A JSON array of `rows` items, `item(i)` the JSON of item i: what JSON.stringify writes for the array. */
class JsonRows {
  constructor(
    readonly rows: number,
    readonly item: (i: number) => string,
  ) {}
}

/**
 * A JSON object, as JSON.stringify writes it (no spaces; a member whose value is undefined left out), a
 * JsonRows member's items streamed a chunk at a time.
 */
function* jsonObjectChunks(members: Record<string, unknown>): Generator<string> {
  let first = true;
  for (const [key, value] of Object.entries(members)) {
    const head = `${first ? '{' : ','}${JSON.stringify(key)}:`;
    if (value instanceof JsonRows) {
      yield `${head}[`;
      yield* rowChunks(value.rows, value.item, ',');
      yield ']';
    } else {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) continue;
      yield head + text;
    }
    first = false;
  }
  yield first ? '{}' : '}';
}

/** The JSON form, by task: see the --json flag's help. */
export function* jsonChunks(report: PredictReport): Generator<string> {
  let out: Record<string, unknown>;
  const numbers = (values: Float32Array) => new JsonRows(values.length, (i) => JSON.stringify(values[i]));
  const labels = new JsonRows(report.labels.length, (i) => JSON.stringify(report.labels[i]));
  if (report.task === 'regression') {
    out = { predictions: numbers(report.predictions!), ...report.metrics };
  } else if (report.modelLabels.length === 2) {
    // Today's binary output, unchanged.
    out = { probabilities: numbers(report.probabilities), labels };
    if (report.accuracy !== undefined) out.accuracy = report.accuracy;
  } else {
    const k = report.modelLabels.length;
    const p = report.probabilities;
    out = {
      classes: report.modelLabels,
      labels,
      probabilities: new JsonRows(report.labels.length, (i) => JSON.stringify(Array.from(p.subarray(i * k, i * k + k)))),
    };
    if (report.accuracy !== undefined) out.accuracy = report.accuracy;
    Object.assign(out, report.metrics);
  }
  out.runtime = report.runtime;
  yield* jsonObjectChunks(out);
  yield '\n';
}

export const formatText = (report: PredictReport): string => Array.from(textChunks(report)).join('');
export const formatJson = (report: PredictReport): string => Array.from(jsonChunks(report)).join('');
