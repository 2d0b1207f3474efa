import { tf } from '@lrkit/core';
import type { DropoutMasks } from '../nn/dropout';
import { lossAndGrad } from '../nn/losses';
import type { ForwardCache, Mlp } from '../nn/mlp';
import type { LossName, Optimizer } from '../types';
import { clipGradNorm } from './clip';

export interface TrainerOptions {
  model: Mlp;
  optimizer: Optimizer;
  loss: LossName;
  /** Scale the gradients so their total L2 norm is at most this before each step (null or absent: no clipping). */
  clipGradNorm?: number | null;
}

export interface Trainer {
  /**
   * One optimizer step on a minibatch: forward, loss, backward by hand, fused parameter updates.
   * x: [rows, inputSize] or [1, rows, inputSize] float32; y: the loss's labels (see LossName).
   * `masks`: dropout masks for this batch (see nn/dropout.ts), the caller's.
   * Returns the batch's mean loss as a scalar tensor the caller disposes (read it when you need it:
   * reading forces a sync on asynchronous backends). x and y stay the caller's.
   */
  trainStep(x: tf.Tensor, y: tf.Tensor, masks?: DropoutMasks): tf.Tensor;
}

export function createTrainer({ model, optimizer, loss, clipGradNorm: maxNorm }: TrainerOptions): Trainer {
  return {
    trainStep(x, y, masks) {
      // The one place the loop switches weights: a schedule-free optimizer takes its gradients at y and
      // leaves the parameters at the averaged x that everything else reads.
      return optimizer.trainingWeights ? optimizer.trainingWeights(() => step(x, y, masks)) : step(x, y, masks);
    },
  };

  function step(x: tf.Tensor, y: tf.Tensor, masks: DropoutMasks | undefined): tf.Tensor {
    const x3 = x.rank === 3 ? x : tf.reshape(x, [1, x.shape[0]!, x.shape[1]!]);
    const cache: ForwardCache = { inputs: [], outputs: [] };
    if (masks) cache.masks = masks;
    const logits = model.forward(x3, cache);
    const { loss: value, dLogits } = lossAndGrad(loss, logits, y);
    let grads = model.backward(cache, dLogits);
    if (maxNorm !== undefined && maxNorm !== null) grads = clipGradNorm(grads, maxNorm);
    optimizer.step(grads);
    for (const g of grads) g.dispose();
    dLogits.dispose();
    logits.dispose();
    if (x3 !== x) x3.dispose();
    return value;
  }
}
