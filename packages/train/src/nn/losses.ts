import { LrkitSigmoidBce, LrkitSoftmaxCrossEntropy, tf } from '@lrkit/core';
import type { LossName } from '../types';
import { runFused } from './kernels';

/** The mean loss (a scalar) and its gradient with respect to the logits. */
export interface LossAndGrad {
  loss: tf.Tensor;
  dLogits: tf.Tensor;
}

const fusedKernels: Partial<Record<LossName, string>> = {
  'sigmoid-bce': LrkitSigmoidBce,
  'softmax-ce': LrkitSoftmaxCrossEntropy,
};

/**
 * Mean squared error, PyTorch's MSELoss: mean((z - y)^2), gradient 2 (z - y) / N. Regression has one
 * output, so this is a handful of ops on an [1, N, 1] tensor; no fused kernel is worth it.
 */
function mse(logits: tf.Tensor, targets: tf.Tensor): LossAndGrad {
  return tf.tidy(() => {
    const diff = tf.sub(logits, targets);
    const n = diff.size;
    return { loss: tf.mean(tf.square(diff)), dLogits: tf.mul(diff, tf.scalar(2 / n, 'float32')) };
  }) as LossAndGrad;
}

/**
 * The loss and its gradient from logits: the classification losses in one fused kernel dispatch each
 * (@lrkit/core's LrkitSigmoidBce, LrkitSoftmaxCrossEntropy); labels as LossName describes.
 */
export function lossAndGrad(name: LossName, logits: tf.Tensor, labels: tf.Tensor): LossAndGrad {
  if (name === 'mse') return mse(logits, labels);
  const kernel = fusedKernels[name];
  if (!kernel) throw new Error(`unknown loss '${String(name)}'`);
  const [loss, dLogits] = runFused(kernel, { logits, labels });
  return { loss: loss!, dLogits: dLogits! };
}
