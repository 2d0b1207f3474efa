import type { Dataset } from './types';

/** The rows of `ds` at `indices`, in that order, as a new Dataset (the data is copied). */
export function subset(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const { cols } = ds;
  const n = indices.length;
  const x = new Float64Array(n * cols);
  const y = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= ds.rows) {
      throw new RangeError(`row index ${i} is out of range for a data set of ${ds.rows} rows`);
    }
    // A loop, not x.set(subarray(...)): a view object per row cost more than the copy.
    for (let j = 0, from = i * cols, to = k * cols; j < cols; j++) x[to + j] = ds.x[from + j]!;
    y[k] = ds.y[i]!;
  }
  return { ...ds, featureNames: [...ds.featureNames], labels: [...ds.labels], x, y, rows: n };
}
