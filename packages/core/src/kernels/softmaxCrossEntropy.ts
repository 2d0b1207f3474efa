import { kernelConfigs, requireInput } from './define';

/**
 * Mean softmax cross-entropy of logits [..., C] against integer class labels, and its gradient with
 * respect to the logits, (softmax(z) - onehot(y)) / N, in one pass (log-sum-exp with the max
 * subtracted, so large logits do not overflow).
 */
export const LrkitSoftmaxCrossEntropy = 'LrkitSoftmaxCrossEntropy';

/**
 * Inputs: `logits` (float32, N*C elements, last dimension C), `labels` (int32, N elements in [0, C)).
 * Outputs: [loss (scalar), dLogits (logits' shape)].
 */
export type LrkitSoftmaxCrossEntropyAttrs = Record<string, never>;

export const softmaxCrossEntropyConfigs = kernelConfigs<LrkitSoftmaxCrossEntropyAttrs>(
  LrkitSoftmaxCrossEntropy,
  ({ inputs, backend, access }) => {
    const name = LrkitSoftmaxCrossEntropy;
    const logitsInfo = requireInput(inputs, 'logits', name);
    const labelsInfo = requireInput(inputs, 'labels', name);
    const classes = logitsInfo.shape[logitsInfo.shape.length - 1] ?? 0;
    if (classes < 1) throw new Error(`${name}: logits need a last dimension of at least 1`);
    const lossInfo = access.alloc(backend, [], 'float32');
    const gradInfo = access.alloc(backend, logitsInfo.shape.slice(), 'float32');
    const z = access.f32(backend, logitsInfo, `${name} logits`);
    const y = access.i32(backend, labelsInfo, `${name} labels`);
    const rows = z.length / classes;
    if (y.length !== rows) throw new Error(`${name}: labels has ${y.length} elements, expected ${rows}`);
    const loss = access.f32(backend, lossInfo, `${name} loss`);
    const grad = access.f32(backend, gradInfo, `${name} dLogits`);
    const scratch = new Float64Array(classes);
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * classes;
      const label = y[r]!;
      if (!(label >= 0 && label < classes)) {
        throw new Error(`${name}: label ${label} at row ${r} is outside [0, ${classes})`);
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (z[o + c]! > max) max = z[o + c]!;
      // One exp per logit: kept in a float64 scratch row, then normalised into the gradient.
      let denom = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.exp(z[o + c]! - max);
        scratch[c] = e;
        denom += e;
      }
      sum += Math.log(denom) - (z[o + label]! - max);
      for (let c = 0; c < classes; c++) grad[o + c] = (scratch[c]! / denom - (c === label ? 1 : 0)) / rows;
    }
    loss[0] = rows > 0 ? sum / rows : NaN;
    return [lossInfo, gradInfo];
  },
);
