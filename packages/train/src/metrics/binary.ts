import type { BinaryMetrics } from '../types';
import { binaryLogLoss } from './multiclass';

/**
 * Binary classification metrics at threshold 0.5 (predicted positive where p > 0.5, as
 * `model(x) > 0.5` in PyTorch). Precision, recall and F1 are 0 where undefined (scikit-learn's
 * zero_division=0); ROC AUC is NaN where the labels hold only one class.
 */
export function binaryMetrics(probs: ArrayLike<number>, labels: ArrayLike<number>, loss: number): BinaryMetrics {
  if (probs.length !== labels.length) throw new Error(`${probs.length} probabilities for ${labels.length} labels`);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < probs.length; i++) {
    const predicted = probs[i]! > 0.5;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  const n = probs.length;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    kind: 'binary',
    accuracy: n > 0 ? (tp + tn) / n : NaN,
    precision,
    recall,
    f1,
    rocAuc: rocAuc(probs, labels),
    confusion: { tp, fp, tn, fn },
    loss,
    logLoss: binaryLogLoss(probs, labels),
  };
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting half (average ranks), which equals the trapezoidal
 * area scikit-learn's roc_auc_score computes.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSumPositives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
