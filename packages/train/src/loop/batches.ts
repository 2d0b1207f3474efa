import { tf, type Rng } from '@lrkit/core';

/** Training rows as float32, laid out once, from which each epoch's shuffled minibatches are copied. */
export interface BatchSource {
  x: Float32Array;
  /** Labels as float32 0/1 (the sigmoid BCE kernel's input). */
  y: Float32Array;
  rows: number;
  cols: number;
}

export interface Minibatch {
  /** [1, batchRows, cols] */
  x: tf.Tensor;
  /** [1, batchRows, 1] */
  y: tf.Tensor;
  rows: number;
}

/**
 * One epoch's minibatches in the order of a fresh permutation from `rng` (PyTorch's DataLoader with
 * shuffle=True: every row once, the last batch smaller when batchSize does not divide the rows). Each
 * batch's rows are gathered in JavaScript and uploaded as one tensor: no gather kernel, no index tensor.
 */
export function* shuffledBatches(source: BatchSource, batchSize: number, rng: Rng): Generator<Minibatch> {
  const { rows, cols } = source;
  const order = rng.permutation(rows);
  for (let start = 0; start < rows; start += batchSize) {
    const n = Math.min(batchSize, rows - start);
    const xb = new Float32Array(n * cols);
    const yb = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      const row = order[start + r]!;
      xb.set(source.x.subarray(row * cols, row * cols + cols), r * cols);
      yb[r] = source.y[row]!;
    }
    yield { x: tf.tensor3d(xb, [1, n, cols], 'float32'), y: tf.tensor3d(yb, [1, n, 1], 'float32'), rows: n };
  }
}
