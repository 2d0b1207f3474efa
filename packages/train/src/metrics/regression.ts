import type { RegressionMetrics } from '../types';

/**
 * RMSE, MAE and R^2 of predictions against targets, both in the target's own units (float64). R^2 is
 * scikit-learn's r2_score: 1 - SS_res / SS_tot (NaN where the targets are constant).
 */
export function regressionMetrics(predictions: ArrayLike<number>, targets: ArrayLike<number>, loss: number): RegressionMetrics {
  const n = targets.length;
  if (predictions.length !== n) throw new Error(`${predictions.length} predictions for ${n} targets`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += targets[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const e = predictions[i]! - targets[i]!;
    ssRes += e * e;
    abs += Math.abs(e);
    ssTot += (targets[i]! - mean) ** 2;
  }
  return {
    kind: 'regression',
    rmse: Math.sqrt(ssRes / n),
    mae: abs / n,
    r2: ssTot > 0 ? 1 - ssRes / ssTot : NaN,
    loss,
  };
}
