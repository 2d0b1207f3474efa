import type { MulticlassMetrics } from '../types';

/** scikit-learn's log_loss clipping: probabilities kept in [eps, 1 - eps] so one confident miss stays finite. */
export const LOG_LOSS_EPS = 1e-15;

/** The predicted class of each row: the first class with the highest probability (numpy's argmax). */
export function argmaxRows(probs: ArrayLike<number>, classes: number): Int32Array {
  const rows = probs.length / classes;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[r * classes + c]! > probs[r * classes + best]!) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * Metrics of k-class probabilities (`probs` row-major [rows][k]) against class indices: accuracy, macro
 * precision / recall / F1 (each class's score averaged with equal weight; 0 where undefined, scikit-learn's
 * zero_division=0), the confusion matrix confusion[actual][predicted], and log loss.
 */
export function multiclassMetrics(probs: ArrayLike<number>, labels: ArrayLike<number>, classes: number, loss: number): MulticlassMetrics {
  const rows = labels.length;
  if (probs.length !== rows * classes) throw new Error(`${probs.length} probabilities for ${rows} rows of ${classes} classes`);
  const predicted = argmaxRows(probs, classes);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let right = 0;
  let logLoss = 0;
  for (let r = 0; r < rows; r++) {
    const actual = labels[r]!;
    confusion[actual]![predicted[r]!]!++;
    if (predicted[r] === actual) right++;
    const p = Math.min(Math.max(probs[r * classes + actual]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    logLoss -= Math.log(p);
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (let c = 0; c < classes; c++) {
    const tp = confusion[c]![c]!;
    const predictedC = confusion.reduce((s, row) => s + row[c]!, 0);
    const actualC = confusion[c]!.reduce((s, v) => s + v, 0);
    const p = predictedC > 0 ? tp / predictedC : 0;
    const rc = actualC > 0 ? tp / actualC : 0;
    precision += p;
    recall += rc;
    f1 += p + rc > 0 ? (2 * p * rc) / (p + rc) : 0;
  }
  return {
    kind: 'multiclass',
    accuracy: rows > 0 ? right / rows : NaN,
    precision: precision / classes,
    recall: recall / classes,
    f1: f1 / classes,
    confusion,
    loss,
    logLoss: rows > 0 ? logLoss / rows : NaN,
  };
}

/** Binary log loss of P(class 1) against 0/1 labels, clipped as scikit-learn's log_loss. */
export function binaryLogLoss(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probs[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return labels.length > 0 ? sum / labels.length : NaN;
}
