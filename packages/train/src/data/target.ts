// The target's side of preparing a data set, shared by numeric tables and planned ones: the task, the
// class targets as the losses take them, the regression target's standardisation, and float32 checks.
import { detectTask } from '@lrkit/data';
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

export function toFloat32(x: ArrayLike<number>, what: string): Float32Array {
  const out = Float32Array.from(x);
  // A value finite in float64 but not in float32 (1e308) would train on Infinity and NaN.
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new TrainConfigError('data', `${what} holds ${x[bad]}, which float32 cannot represent`);
  return out;
}
