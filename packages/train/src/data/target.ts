// The target's side of preparing a data set, shared by numeric tables and planned ones: the task, the
// class targets as the losses take them, the regression target's standardisation, and float32 checks.
import { detectTask, type Dataset, type StandardScaler } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Task } from '../types';

export function chooseTask(labels: readonly string[], asked: Task | 'auto'): { task: Task; reason: string; guess: boolean } {
  if (asked !== 'auto') return { task: asked, reason: 'given', guess: false };
  return detectTask(labels);
}

/** Class indices as the loss takes them: 0/1 float targets for one sigmoid output (2 classes), int32 indices for softmax. */
export function labelTargets(y: Int32Array, classes: number): Float32Array | Int32Array {
  return classes === 2 ? Float32Array.from(y) : y.slice();
}

/** Mean and population standard deviation of the training rows' target (numpy's y.mean(), y.std()). */
export function targetScaling(y: Float64Array, target: string): { mean: number; scale: number } {
  let sum = 0;
  for (const v of y) sum += v;
  const mean = sum / y.length;
  let ss = 0;
  for (const v of y) ss += (v - mean) * (v - mean);
  const scale = Math.sqrt(ss / y.length);
  if (!Number.isFinite(mean) || !Number.isFinite(scale)) {
    throw new TrainConfigError('target', `'${excerpt(target)}' holds values too large to standardise (their mean or spread overflows)`);
  }
  if (scale === 0) throw new TrainConfigError('target', `'${excerpt(target)}' has the same value in every training row: nothing to regress`);
  // An exported model keeps both in float32 and maps its predictions back with them.
  if (!Number.isFinite(Math.fround(mean)) || !Number.isFinite(Math.fround(scale)) || Math.fround(scale) === 0) {
    throw new TrainConfigError('target', `'${excerpt(target)}' holds values whose mean (${mean}) or spread (${scale}) float32 cannot hold, as an exported model keeps them`);
  }
  return { mean, scale };
}

/**
 * The rows of `ds`, scaled as @lrkit/data's applyScaler scales them and laid out as float32: one pass, no
 * float64 copy. A plain loop: a callback per value cost more than the arithmetic.
 */
export function scaledFloat32Rows(ds: Pick<Dataset, 'x' | 'rows' | 'cols'>, scaler: StandardScaler, what: string): Float32Array {
  const { cols, x } = ds;
  const { mean, scale } = scaler;
  const out = new Float32Array(ds.rows * cols);
  for (let r = 0, k = 0; r < ds.rows; r++) {
    for (let j = 0; j < cols; j++, k++) {
      const v = (x[k]! - mean[j]!) / scale[j]!;
      out[k] = v;
      // The stored value is checked: one finite in float64 but not in float32 (1e308) would train on
      // Infinity and NaN.
      if (!Number.isFinite(out[k]!)) throw new TrainConfigError('data', `${what} holds ${v}, which float32 cannot represent`);
    }
  }
  return out;
}
