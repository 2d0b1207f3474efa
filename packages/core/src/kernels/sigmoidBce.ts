import { kernelConfigs, requireInput, requireSameSize } from './define';

/**
 * Mean binary cross-entropy of sigmoid(logits) against 0/1 labels, through the numerically stable
 * logits form max(z, 0) - z*y + log(1 + exp(-|z|)), and its gradient with respect to the logits,
 * (sigmoid(z) - y) / N, in one pass.
 */
export const LrkitSigmoidBce = 'LrkitSigmoidBce';

/** Inputs: `logits`, `labels` (float32, same size N). Outputs: [loss (scalar), dLogits (logits' shape)]. */
export type LrkitSigmoidBceAttrs = Record<string, never>;

export const sigmoidBceConfigs = kernelConfigs<LrkitSigmoidBceAttrs>(LrkitSigmoidBce, ({ inputs, backend, access }) => {
  const name = LrkitSigmoidBce;
  const logitsInfo = requireInput(inputs, 'logits', name);
  const labelsInfo = requireInput(inputs, 'labels', name);
  // Allocate first: on wasm an allocation can grow the heap and detach earlier views.
  const lossInfo = access.alloc(backend, [], 'float32');
  const gradInfo = access.alloc(backend, logitsInfo.shape.slice(), 'float32');
  const z = access.f32(backend, logitsInfo, `${name} logits`);
  const y = access.f32(backend, labelsInfo, `${name} labels`);
  requireSameSize(z, y, 'labels', name);
  const loss = access.f32(backend, lossInfo, `${name} loss`);
  const grad = access.f32(backend, gradInfo, `${name} dLogits`);
  const n = z.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i]!;
    const yi = y[i]!;
    const e = Math.exp(-Math.abs(zi));
    sum += (zi > 0 ? zi : 0) - zi * yi + Math.log1p(e);
    const p = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
    grad[i] = (p - yi) / n;
  }
  loss[0] = n > 0 ? sum / n : NaN;
  return [lossInfo, gradInfo];
});
