import { tf } from '@lrkit/core';
import { lossAndGrad } from '../nn/losses';
import type { ForwardCache, Mlp } from '../nn/mlp';
import type { LossName, Optimizer } from '../types';

export interface TrainerOptions {
  model: Mlp;
  optimizer: Optimizer;
  loss: LossName;
}

export interface Trainer {
  /**
   * One optimizer step on a minibatch: forward, loss, backward by hand, fused parameter updates.
   * x: [rows, inputSize] or [1, rows, inputSize] float32; y: the loss's labels (see LossName).
   * Returns the batch's mean loss as a scalar tensor the caller disposes (read it when you need it:
   * reading forces a sync on asynchronous backends). x and y stay the caller's.
   */
  trainStep(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
}

export function createTrainer({ model, optimizer, loss }: TrainerOptions): Trainer {
  return {
    trainStep(x, y) {
      // The one place the loop switches weights: a schedule-free optimizer takes its gradients at y and
      // leaves the parameters at the averaged x that everything else reads.
      return optimizer.trainingWeights ? optimizer.trainingWeights(() => step(x, y)) : step(x, y);
    },
  };

  function step(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
    const x3 = x.rank === 3 ? x : tf.reshape(x, [1, x.shape[0]!, x.shape[1]!]);
    const cache: ForwardCache = { inputs: [], outputs: [] };
    const logits = model.forward(x3, cache);
    const { loss: value, dLogits } = lossAndGrad(loss, logits, y);
    const grads = model.backward(cache, dLogits);
    optimizer.step(grads);
    for (const g of grads) g.dispose();
    dLogits.dispose();
    logits.dispose();
    if (x3 !== x) x3.dispose();
    return value;
  }
}
