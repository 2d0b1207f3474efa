import type { Rng } from '@lrkit/core';

/**
 * PyTorch's default nn.Linear initialisation: kaiming_uniform_(a=sqrt(5)) on the weight, which works out
 * to U(-1/sqrt(fanIn), 1/sqrt(fanIn)), and the bias from the same range. The weight comes back row-major
 * [inputSize][outputSize] (y = x W + b), drawn in that order from `rng`.
 */
export function initDense(inputSize: number, outputSize: number, rng: Rng): { weight: Float32Array; bias: Float32Array } {
  // gain = sqrt(2 / (1 + a^2)) = sqrt(1/3); bound = sqrt(3) * gain / sqrt(fanIn) = 1 / sqrt(fanIn).
  const bound = 1 / Math.sqrt(inputSize);
  const weight = new Float32Array(inputSize * outputSize);
  for (let i = 0; i < weight.length; i++) weight[i] = rng.uniform(-bound, bound);
  const bias = new Float32Array(outputSize);
  for (let i = 0; i < bias.length; i++) bias[i] = rng.uniform(-bound, bound);
  return { weight, bias };
}
