import type { Dataset, StandardScaler } from './types';

/**
 * Fits standard scaling like scikit-learn's StandardScaler: per-feature mean and population standard
 * deviation (ddof 0). A constant feature gets scale 1, with scikit-learn's test for "constant" (a variance
 * within rounding error of zero), so it maps to 0 instead of dividing by ~0.
 */
export function fitStandardScaler(ds: Pick<Dataset, 'x' | 'rows' | 'cols'>): StandardScaler {
  const { rows, cols, x } = ds;
  if (rows < 1) throw new RangeError('cannot fit a scaler on a data set with no rows');
  // Row by row (the order x is stored in), each column's sums still taken over its rows in order, so the
  // numbers are those of a column-by-column loop, without its stride through memory.
  const sum = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) for (let j = 0; j < cols; j++, k++) sum[j] = sum[j]! + x[k]!;
  const mean = sum.map((s) => s / rows);
  // Two passes: the sum of squared deviations, not E[x^2] - E[x]^2, which cancels badly.
  const ss = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const d = x[k]! - mean[j]!;
      ss[j] = ss[j]! + d * d;
    }
  }
  const scale = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const variance = ss[j]! / rows;
    scale[j] = isConstant(variance, mean[j]!, rows) ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}

// scikit-learn's _is_constant_feature: the variance is no larger than its own rounding error bound.
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/** A copy of `ds` with every feature scaled: (x - mean) / scale. */
export function applyScaler(ds: Dataset, scaler: StandardScaler): Dataset {
  const { rows, cols, x } = ds;
  if (scaler.mean.length !== cols || scaler.scale.length !== cols) {
    throw new RangeError(`the scaler was fitted on ${scaler.mean.length} features, the data set has ${cols}`);
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      out[k] = (x[k]! - scaler.mean[j]!) / scaler.scale[j]!;
    }
  }
  return { ...ds, featureNames: [...ds.featureNames], labels: [...ds.labels], x: out, y: ds.y.slice() };
}
