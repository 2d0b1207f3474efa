import type { BatchSource } from '../data/prepare';
import { binaryMetrics } from '../metrics/binary';
import { multiclassMetrics } from '../metrics/multiclass';
import { regressionMetrics } from '../metrics/regression';
import { lossAndGrad } from '../nn/losses';
import type { Mlp } from '../nn/mlp';
import { sigmoid } from '../nn/kernels';
import type { EpochLog, LossName, Metrics, Preprocessing } from '../types';
import { targetTensor } from './batches';

/** The logits of scaled float32 rows (and their embedding codes, for a model with embeddings), row-major [rows][outputs]. */
export function logitsOf(model: Mlp, x: Float32Array, rows: number, codes?: Int32Array): Float32Array {
  const xt = model.input(x, rows, codes);
  const logits = model.forward(xt);
  const copy = Float32Array.from(logits.dataSync() as Float32Array);
  xt.dispose();
  logits.dispose();
  return copy;
}

/** Row-wise softmax of logits [rows][k], in float64 with the max subtracted (as the CE kernel computes it). */
export function softmaxRows(logits: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[o + c]!);
    let denom = 0;
    for (let c = 0; c < k; c++) denom += Math.exp(logits[o + c]! - max);
    for (let c = 0; c < k; c++) out[o + c] = Math.exp(logits[o + c]! - max) / denom;
  }
  return out;
}

/**
 * What the model outputs for scaled float32 rows, through the same forward pass training uses:
 * 'sigmoid' P(class 1) per row; 'softmax' k probabilities per row; 'linear' the (standardised) value.
 */
export function probabilities(model: Mlp, x: Float32Array, rows: number, codes?: Int32Array): Float32Array {
  if (model.output === 'sigmoid') {
    const xt = model.input(x, rows, codes);
    const logits = model.forward(xt);
    const probs = sigmoid(logits);
    const copy = Float32Array.from(probs.dataSync() as Float32Array);
    for (const t of [xt, logits, probs]) t.dispose();
    return copy;
  }
  const logits = logitsOf(model, x, rows, codes);
  return model.output === 'softmax' ? softmaxRows(logits, model.outputSize) : logits;
}

/** The mean training loss on a labelled set (what validation and the test loss report). */
export function meanLoss(model: Mlp, source: BatchSource, loss: LossName): number {
  const xt = model.input(source.x, source.rows, source.codes);
  const yt = targetTensor(source.y, source.rows);
  const logits = model.forward(xt);
  const out = lossAndGrad(loss, logits, yt);
  const value = out.loss.dataSync()[0]!;
  for (const t of [xt, yt, logits, out.loss, out.dLogits]) t.dispose();
  return value;
}

/** Regression predictions in the target's units: the standardised output mapped back (float64). */
export function unscale(values: ArrayLike<number>, pre: Preprocessing): Float64Array {
  if (pre.targetMean === undefined || pre.targetScale === undefined) throw new Error('the preprocessing has no target scaling (not a regression model)');
  return Float64Array.from(values as ArrayLike<number>, (v) => v * pre.targetScale! + pre.targetMean!);
}

/** The task's metrics of `model` on a labelled set (the test split): see BinaryMetrics, MulticlassMetrics, RegressionMetrics. */
export function evaluate(model: Mlp, source: BatchSource, preprocessing: Preprocessing, loss: LossName): Metrics {
  const value = meanLoss(model, source, loss);
  const out = probabilities(model, source.x, source.rows, source.codes);
  if (model.output === 'sigmoid') return binaryMetrics(out, source.y, value);
  if (model.output === 'softmax') return multiclassMetrics(out, source.y, model.outputSize, value);
  if (!source.targets) throw new Error('a regression set needs its targets in their own units');
  return regressionMetrics(unscale(out, preprocessing), source.targets, value);
}

/**
 * What an epoch's log reports of the validation split's metrics `m`: its loss, and the task's metric as the test metrics compute
 * it (accuracy for classification; RMSE in the target's units for regression), as Keras reports val_loss and
 * val_accuracy.
 */
export function scoresOf(m: Metrics): Pick<EpochLog, 'valLoss' | 'valAccuracy' | 'valRmse'> {
  return m.kind === 'regression' ? { valLoss: m.loss, valRmse: m.rmse } : { valLoss: m.loss, valAccuracy: m.accuracy };
}
