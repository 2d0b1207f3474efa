// The printed forms, made a chunk of rows at a time, are the text one string for the whole table would be:
// JSON.stringify's output exactly, and a line per row.
import { describe, expect, it } from 'vitest';
import { formatJson, formatText, jsonChunks, textChunks, type PredictReport } from './predict-format';

// More rows than one chunk holds, and not a multiple of it.
const ROWS = 40_000;
const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.abs(Math.sin(i * 12.9898 + seed)));

const regression: PredictReport = {
  task: 'regression',
  target: 'delay',
  modelLabels: [],
  probabilities: new Float32Array(0),
  labels: [],
  predictions: values(ROWS, 1).map((v) => v * 300 - 20),
  // NaN as JSON writes it (null), undefined left out.
  metrics: { rmse: 31.5, mae: 18.25, r2: Number.NaN, skipped: undefined },
  runtime: 'onnxruntime-node',
};
const binary: PredictReport = {
  task: 'classification',
  target: 'diagnosis',
  modelLabels: ['B', 'M'],
  probabilities: values(ROWS, 2),
  labels: Array.from(values(ROWS, 2), (p) => (p > 0.5 ? 'M' : 'B')),
  accuracy: 0.75,
  runtime: 'onnxruntime-web',
};
const classes = ['a "quoted" one', 'b\\c', 'ünï'];
const multiclass: PredictReport = {
  task: 'classification',
  target: 'kind',
  modelLabels: classes,
  probabilities: values(ROWS * 3, 3),
  labels: Array.from({ length: ROWS }, (_, i) => classes[i % 3]!),
  accuracy: 0.5,
  metrics: { precision: 0.5, recall: 0.25, f1: 1 / 3, logLoss: 1.1, confusion: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] },
  scoredRows: ROWS - 1,
  runtime: 'onnxruntime-node',
};

/** What JSON.stringify writes for the report as one object: the form before chunking. */
function wholeJson(r: PredictReport): string {
  let out: Record<string, unknown>;
  if (r.task === 'regression') out = { predictions: Array.from(r.predictions!), ...r.metrics };
  else if (r.modelLabels.length === 2) out = { probabilities: Array.from(r.probabilities), labels: r.labels, accuracy: r.accuracy };
  else {
    const k = r.modelLabels.length;
    const probabilities = r.labels.map((_, i) => Array.from(r.probabilities.subarray(i * k, i * k + k)));
    out = { classes: r.modelLabels, labels: r.labels, probabilities, accuracy: r.accuracy, ...r.metrics };
  }
  return `${JSON.stringify({ ...out, runtime: r.runtime })}\n`;
}

describe('predict output', () => {
  it.each([['regression', regression], ['2 classes', binary], ['3 classes', multiclass]] as const)('%s: the JSON is JSON.stringify of the whole report', (_, report) => {
    expect(formatJson(report)).toBe(wholeJson(report));
    JSON.parse(formatJson(report));
  });

  it.each([['regression', regression], ['2 classes', binary], ['3 classes', multiclass]] as const)('%s: no chunk holds the whole table', (_, report) => {
    for (const chunks of [textChunks(report), jsonChunks(report)]) {
      const sizes = Array.from(chunks, (c) => c.length);
      expect(sizes.length).toBeGreaterThan(3);
      expect(Math.max(...sizes)).toBeLessThan(sizes.reduce((a, b) => a + b, 0) / 2);
    }
  });

  it('the table: a header, a line per row, the metrics, the runtime', () => {
    const lines = formatText(multiclass).split('\n');
    expect(lines).toHaveLength(ROWS + 5);
    expect(lines[0]).toBe('row\tprediction\tP(a "quoted" one)\tP(b\\c)\tP(ünï)');
    const p = multiclass.probabilities;
    expect(lines[ROWS]).toBe(`${ROWS}\ta "quoted" one\t${p[ROWS * 3 - 3]!.toFixed(6)}\t${p[ROWS * 3 - 2]!.toFixed(6)}\t${p[ROWS * 3 - 1]!.toFixed(6)}`);
    expect(lines.slice(ROWS + 1)).toEqual([
      `accuracy 0.5000 (20000/${ROWS - 1} rows, against 'kind')`,
      'macro precision 0.5000, recall 0.2500, F1 0.3333, log loss 1.1000',
      'runtime onnxruntime-node',
      '',
    ]);
    const text = formatText(regression).split('\n');
    expect(text).toHaveLength(ROWS + 3);
    expect(text[1]).toBe(`1\t${regression.predictions![0]!.toPrecision(7)}`);
    expect(text[ROWS + 1]).toBe(`RMSE 31.5000, MAE 18.2500, R^2 NaN (${ROWS} rows, against 'delay')`);
  });
});
