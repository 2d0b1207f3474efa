// A run's results as flat, named numbers: what `lrkit train --json` prints and what sweeps rank trials by.
// Written once here so the CLI's summary and a sweep's trial metrics can never disagree on a name.
import type { ConfusionMatrix, EpochLog, EpochRecord, TrainResult } from '../types';

/** Every metric name a summary can carry; which are present depends on the task. */
export const SUMMARY_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'rmse', 'mae', 'r2', 'loss', 'valLoss', 'testLoss'] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** The metrics where smaller is better (errors and losses); for the rest larger is better. */
export const LOWER_IS_BETTER: ReadonlySet<SummaryMetric> = new Set(['logLoss', 'rmse', 'mae', 'loss', 'valLoss', 'testLoss']);

export type MetricsSummary = Partial<Record<SummaryMetric, number>> & { confusion?: ConfusionMatrix | number[][] };

/**
 * The test metrics of the task (2 classes: accuracy, precision, recall, f1, rocAuc, logLoss, confusion;
 * more classes: the same, macro-averaged, without rocAuc; regression: rmse, mae, r2 in the target's units),
 * plus `loss` (the last epoch's mean training loss), `valLoss` (where measured) and `testLoss`.
 */
export function summarizeMetrics(result: TrainResult): MetricsSummary {
  const m = result.metrics;
  const last = result.history.at(-1);
  const out: MetricsSummary =
    m.kind === 'regression'
      ? { rmse: m.rmse, mae: m.mae, r2: m.r2 }
      : m.kind === 'binary'
        ? { accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, rocAuc: m.rocAuc, logLoss: m.logLoss, confusion: m.confusion }
        : { accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, logLoss: m.logLoss, confusion: m.confusion };
  if (last) out.loss = last.loss;
  if (last?.valLoss !== undefined) out.valLoss = last.valLoss;
  out.testLoss = m.loss;
  return out;
}

/** The validation fields an epoch may carry, in the order a record lists them. */
const VAL_FIELDS = ['valLoss', 'valAccuracy', 'valRmse'] as const;

/** An epoch's log as a history entry: epoch, loss, lr, and the validation loss and metric where measured. */
export function epochRecord(log: EpochLog): EpochRecord {
  const out: EpochRecord = { epoch: log.epoch, loss: log.loss, lr: log.lr };
  for (const key of VAL_FIELDS) if (log[key] !== undefined) out[key] = log[key];
  return out;
}
