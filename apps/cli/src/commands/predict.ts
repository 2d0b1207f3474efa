// `lrkit predict`: runs an exported ONNX model over a CSV's rows, with onnxruntime-node where it is installed
// and onnxruntime-web (WebAssembly, always installed) otherwise, or the one --runtime names.
import type { Command } from 'commander';
import type { Dataset } from '@lrkit/data';
import type { OnnxModel, OnnxPrediction, OnnxRuntimeChoice, OnnxRuntimeName } from '@lrkit/train';
import { oneOf } from '../options';

/** --runtime's choices; @lrkit/train validates the same names (and LRKIT_ONNX_RUNTIME) again. */
const RUNTIME_CHOICES: readonly OnnxRuntimeChoice[] = ['auto', 'onnxruntime-node', 'onnxruntime-web'];

export interface PredictOptions {
  model: string;
  data: string;
  json?: boolean;
  runtime?: OnnxRuntimeChoice;
}

export interface PredictReport extends OnnxPrediction {
  /** Fraction of rows whose predicted label equals the CSV's target, where the CSV has the target column. */
  accuracy?: number;
  target: string;
  /** The model's label names: the probability is of modelLabels[1]. */
  modelLabels: string[];
  /** The onnxruntime that ran the model. */
  runtime: OnnxRuntimeName;
}

/** Rows predicted right, comparing label names (the CSV's own label encoding may differ from training's). */
function accuracyOf(predicted: string[], data: Dataset): number {
  let right = 0;
  for (let i = 0; i < data.rows; i++) if (predicted[i] === data.labels[data.y[i]!]) right++;
  return right / data.rows;
}

/** Loads the model and the data, runs every row; the CSV's target column, when present, gives accuracy. */
export async function runPredict(options: Pick<PredictOptions, 'model' | 'data' | 'runtime'>): Promise<PredictReport> {
  // Loaded here, not at the top: every other lrkit command (and --help) would pay for tfjs and onnxruntime.
  const [{ loadCsv }, { loadOnnxModel, predictOnnx }] = await Promise.all([import('@lrkit/data'), import('@lrkit/train')]);
  const model: OnnxModel = await loadOnnxModel(options.model, options.runtime ? { runtime: options.runtime } : {});
  try {
    // The model says which column it predicts; that column is scored against, never fed to the model.
    const data = loadCsv(options.data, { target: model.target, targetOptional: true });
    const prediction = await predictOnnx(model, data);
    const report: PredictReport = { ...prediction, target: model.target, modelLabels: model.labels, runtime: model.runtime };
    // A CSV read without its target column has no labels to score against.
    if (data.labels.length > 0 && data.y.length === data.rows) report.accuracy = accuracyOf(prediction.labels, data);
    return report;
  } finally {
    await model.close();
  }
}

export function formatText(report: PredictReport): string {
  const lines = [`row\tP(${report.target}=${report.modelLabels[1]})\tprediction`];
  report.probabilities.forEach((p, i) => lines.push(`${i + 1}\t${p.toFixed(6)}\t${report.labels[i]}`));
  if (report.accuracy !== undefined) {
    const right = Math.round(report.accuracy * report.labels.length);
    lines.push(`accuracy ${report.accuracy.toFixed(4)} (${right}/${report.labels.length} rows, against '${report.target}')`);
  }
  lines.push(`runtime ${report.runtime}`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: PredictReport): string {
  const out: { probabilities: number[]; labels: string[]; accuracy?: number; runtime?: OnnxRuntimeName } = {
    probabilities: Array.from(report.probabilities),
    labels: report.labels,
  };
  if (report.accuracy !== undefined) out.accuracy = report.accuracy;
  out.runtime = report.runtime;
  return `${JSON.stringify(out)}\n`;
}

export function register(program: Command): void {
  program
    .command('predict')
    .description('run an exported ONNX model (lrkit train --export) over a CSV with onnxruntime')
    .requiredOption('--model <path>', 'the .onnx file lrkit exported')
    .requiredOption('--data <path>', "CSV with the model's feature columns (any order; the target column is optional)")
    .option('--json', 'print {"probabilities": [...], "labels": [...], "accuracy": ..., "runtime": ...} instead of a table')
    .option(
      '--runtime <name>',
      'auto (onnxruntime-node where installed, else onnxruntime-web), onnxruntime-node or onnxruntime-web; default: LRKIT_ONNX_RUNTIME, else auto',
      oneOf('--runtime', RUNTIME_CHOICES),
    )
    .action(async (options: PredictOptions) => {
      const report = await runPredict(options);
      process.stdout.write(options.json ? formatJson(report) : formatText(report));
    });
}
