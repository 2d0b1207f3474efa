// How `lrkit train` shows a result: text for people, one JSON line for programs.
import type { TrainResult } from '@lrkit/train';

const f4 = (x: number): string => x.toFixed(4);

export function formatResult(result: TrainResult): string {
  const m = result.metrics;
  const [neg = '0', pos = '1'] = result.preprocessing.labels;
  const c = m.confusion;
  const cells = [
    ['', `pred ${neg}`, `pred ${pos}`],
    [`actual ${neg}`, String(c.tn), String(c.fp)],
    [`actual ${pos}`, String(c.fn), String(c.tp)],
  ];
  const widths = [0, 1, 2].map((j) => Math.max(...cells.map((row) => row[j]!.length)));
  const table = cells.map((row) => `  ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`);
  return [
    `Test Accuracy: ${f4(m.accuracy)}`,
    `Precision: ${f4(m.precision)}, Recall: ${f4(m.recall)}, F1: ${f4(m.f1)}, ROC AUC: ${f4(m.rocAuc)}, Test Loss: ${f4(m.loss)}`,
    `Confusion matrix (positive class: ${pos}):`,
    ...table,
    `Trained ${result.config.epochs} epochs on ${result.backend} in ${Math.round(result.trainMs)} ms ` +
      `(${result.trainSize} training rows, ${result.testSize} test rows, seed ${result.config.seed})`,
  ].join('\n');
}

/** The `--json` line's object: test metrics, the run's settings, timing. */
export function resultJson(result: TrainResult, extra: { exported?: string } = {}): Record<string, unknown> {
  const m = result.metrics;
  const cfg = result.config;
  return {
    accuracy: m.accuracy,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    rocAuc: m.rocAuc,
    confusion: m.confusion,
    /** Mean training loss of the last epoch (what the last `Epoch` line shows). */
    loss: result.history.at(-1)?.loss ?? null,
    testLoss: m.loss,
    trainMs: result.trainMs,
    backend: result.backend,
    epochs: cfg.epochs,
    seed: cfg.seed,
    batchSize: cfg.batchSize,
    optimizer: cfg.optimizer,
    lr: cfg.lr,
    hidden: cfg.hidden,
    schedule: cfg.schedule,
    data: cfg.data,
    target: cfg.target,
    labels: result.preprocessing.labels,
    trainSize: result.trainSize,
    testSize: result.testSize,
    ...(extra.exported ? { exported: extra.exported } : {}),
  };
}
