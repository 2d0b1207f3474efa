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
   * reading forces a sync on asynchronous backends). x and y stay the caller's. `codes`: the batch's
   * embedding codes, for a model with embeddings (x is then the float inputs alone).
   */
  trainStep(x: tf.Tensor, y: tf.Tensor, masks?: DropoutMasks, codes?: Int32Array): tf.Tensor;
}

export function createTrainer({ model, optimizer, loss, clipGradNorm: maxNorm }: TrainerOptions): Trainer {
  return {
    trainStep(x, y, masks, codes) {
      // The one place the loop switches weights: a schedule-free optimizer takes its gradients at y and
      // leaves the parameters at the averaged x that everything else reads.
      return optimizer.trainingWeights ? optimizer.trainingWeights(() => step(x, y, masks, codes)) : step(x, y, masks, codes);
    },
  };

  function step(x: tf.Tensor, y: tf.Tensor, masks: DropoutMasks | undefined, codes: Int32Array | undefined): tf.Tensor {
    let x3 = x.rank === 3 ? x : tf.reshape(x, [1, x.shape[0]!, x.shape[1]!]);
    const cache: ForwardCache = { inputs: [], outputs: [] };
    if (masks) cache.masks = masks;
    if (model.embeddings.length > 0) {
      // The embeddings' vectors are gathered at the current weights (a schedule-free step's y included).
      const floats = x3;
      x3 = model.input(floats.dataSync() as Float32Array, floats.shape[1]!, codes);
      if (floats !== x) floats.dispose();
      cache.codes = codes!;
    }
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
