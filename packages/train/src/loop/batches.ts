import { tf, type Rng } from '@lrkit/core';
import type { BatchSource } from '../data/prepare';

export type { BatchSource };

export interface Minibatch {
  /** [1, batchRows, cols] */
  x: tf.Tensor;
  /** float32 targets: [1, batchRows, 1]; int32 class indices: [batchRows]. */
  y: tf.Tensor;
  rows: number;
  /** The batch's embedding codes (row-major [rows][embeddings]), where the source has them. */
  codes?: Int32Array;
}

/** The targets of `rows` rows as the loss kernels take them (float32 [1, n, 1], or int32 [n] for softmax). */
export function targetTensor(y: Float32Array | Int32Array, rows: number): tf.Tensor {
  return y instanceof Int32Array ? tf.tensor1d(y, 'int32') : tf.tensor3d(y, [1, rows, 1], 'float32');
}

/**
 * One epoch's minibatches in the order of a fresh permutation from `rng` (PyTorch's DataLoader with
 * shuffle=True: every row once, the last batch smaller when batchSize does not divide the rows; with
 * `dropLast`, DataLoader's drop_last=True: that short batch left out). Each batch's rows are gathered in
 * JavaScript and uploaded as one tensor: no gather kernel, no index tensor.
 */
export function* shuffledBatches(source: BatchSource, batchSize: number, rng: Rng, dropLast = false): Generator<Minibatch> {
  const { rows, cols } = source;
  const order = rng.permutation(rows);
  const end = dropLast ? rows - (rows % batchSize) : rows;
  for (let start = 0; start < end; start += batchSize) {
    const n = Math.min(batchSize, rows - start);
    const xb = new Float32Array(n * cols);
    const yb = source.y instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
    const k = source.codes ? source.codes.length / rows : 0;
    const cb = source.codes ? new Int32Array(n * k) : undefined;
    for (let r = 0; r < n; r++) {
      const row = order[start + r]!;
      xb.set(source.x.subarray(row * cols, row * cols + cols), r * cols);
      yb[r] = source.y[row]!;
      cb?.set(source.codes!.subarray(row * k, row * k + k), r * k);
    }
    const batch: Minibatch = { x: tf.tensor3d(xb, [1, n, cols], 'float32'), y: targetTensor(yb, n), rows: n };
    if (cb) batch.codes = cb;
    yield batch;
  }
}
