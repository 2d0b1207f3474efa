import { tf } from '@lrkit/core';
import { binaryMetrics } from '../metrics/binary';
import { lossAndGrad } from '../nn/losses';
import type { Mlp } from '../nn/mlp';
import { sigmoid } from '../nn/kernels';
import type { BinaryMetrics } from '../types';

/** P(positive) for scaled float32 rows, through the same forward pass training uses. */
export function probabilities(model: Mlp, x: Float32Array, rows: number): Float32Array {
  const xt = tf.tensor3d(x, [1, rows, model.inputSize], 'float32');
  const logits = model.forward(xt);
  const probs = sigmoid(logits);
  const out = probs.dataSync() as Float32Array;
  const copy = Float32Array.from(out);
  for (const t of [xt, logits, probs]) t.dispose();
  return copy;
}

/** Mean sigmoid BCE on a labelled set (the validation loss reduce-on-plateau reads). */
export function meanLoss(model: Mlp, x: Float32Array, y: Float32Array, rows: number): number {
  const xt = tf.tensor3d(x, [1, rows, model.inputSize], 'float32');
  const yt = tf.tensor3d(y, [1, rows, 1], 'float32');
  const logits = model.forward(xt);
  const { loss, dLogits } = lossAndGrad('sigmoid-bce', logits, yt);
  const value = loss.dataSync()[0]!;
  for (const t of [xt, yt, logits, loss, dLogits]) t.dispose();
  return value;
}

export function evaluateBinary(model: Mlp, x: Float32Array, y: Float32Array, rows: number): BinaryMetrics {
  return binaryMetrics(probabilities(model, x, rows), y, meanLoss(model, x, y, rows));
}
