import { LrkitSigmoidBce, LrkitSoftmaxCrossEntropy, type tf } from '@lrkit/core';
import type { LossName } from '../types';
import { runFused } from './kernels';

/** The mean loss (a scalar) and its gradient with respect to the logits, from one fused kernel. */
export interface LossAndGrad {
  loss: tf.Tensor;
  dLogits: tf.Tensor;
}

const kernelByLoss: Record<LossName, string> = {
  'sigmoid-bce': LrkitSigmoidBce,
  'softmax-ce': LrkitSoftmaxCrossEntropy,
};

export function lossAndGrad(name: LossName, logits: tf.Tensor, labels: tf.Tensor): LossAndGrad {
  const kernel = kernelByLoss[name];
  if (!kernel) throw new Error(`unknown loss '${name}'`);
  const [loss, dLogits] = runFused(kernel, { logits, labels });
  return { loss: loss!, dLogits: dLogits! };
}
