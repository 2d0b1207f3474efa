import { createHash } from 'node:crypto';
import { createRng } from '@lrkit/core';
import {
  applyScaler,
  detectTask,
  fitStandardScaler,
  loadCsv,
  numericTarget,
  trainTestSplit,
  type Dataset,
} from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Preprocessing, Task } from '../types';

/**
 * Rows as laid out for the model's tensors: features float32 row-major; targets float32 0/1 (2 classes),
 * int32 class indices (more classes) or float32 standardised values (regression).
 */
export interface BatchSource {
  x: Float32Array;
  y: Float32Array | Int32Array;
  rows: number;
  cols: number;
  /** Regression: the targets in their own units, float64 as read (metrics are computed against these). */
  targets?: Float64Array;
}

/** Where the data comes from: a CSV path, an in-memory Dataset (@lrkit/data's shape), or the embedded data. */
export type DataSource = string | Dataset | undefined;

export interface PrepareOptions {
  target: string;
  /** 'auto' (or absent): `detectTask`'s rule decides. */
  task?: Task | 'auto';
  testFraction: number;
  /** Carved from the training rows (stratified for classification); 0 for none. */
  valFraction?: number;
  seed: number;
}

/** A data set split, scaled and laid out for training, with what export and prediction need to know. */
export interface PreparedData {
  task: Task;
  taskReason: string;
  taskGuess: boolean;
  /** Class labels in output order; [] for regression. */
  classes: string[];
  preprocessing: Preprocessing;
  train: BatchSource;
  /** The validation split (from the training rows), or null where valFraction is 0. */
  val: BatchSource | null;
  test: BatchSource;
  /**
   * SHA-256 of the data set as loaded (feature names, target name, every value and label): a checkpoint
   * records it, so a resume on other data is refused.
   */
  fingerprint: string;
}

function fingerprintOf(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([ds.featureNames, ds.target, ds.labels, ds.rows, ds.cols]));
  h.update(new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength));
  h.update(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
  return h.digest('hex');
}

function chooseTask(ds: Dataset, asked: Task | 'auto'): { task: Task; reason: string; guess: boolean } {
  if (asked !== 'auto') return { task: asked, reason: 'given', guess: false };
  return detectTask(ds.labels);
}

/** Mean and population standard deviation of the training rows' target (numpy's y.mean(), y.std()). */
function targetScaling(y: Float64Array, target: string): { mean: number; scale: number } {
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

function toFloat32(x: Float64Array, what: string): Float32Array {
  const out = Float32Array.from(x);
  // A value finite in float64 but not in float32 (1e308) would train on Infinity and NaN.
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new TrainConfigError('data', `${what} holds ${x[bad]}, which float32 cannot represent`);
  return out;
}

/**
 * Loads (a path, the embedded data, or an in-memory Dataset), picks the task, splits (seeded; stratified by
 * class for classification), carves the validation split from the training rows, fits the feature scaling
 * (and, for regression, the target's standardisation) on the training rows alone, and lays everything out
 * as float32. The seed's 'split' and 'val' streams decide the rows.
 */
export function prepareData(source: DataSource, options: PrepareOptions): PreparedData {
  const ds = typeof source === 'object' ? source : loadCsv(source, { target: options.target });
  const { task, reason, guess } = chooseTask(ds, options.task ?? 'auto');
  const classification = task === 'classification';
  if (classification && ds.labels.length < 2) {
    throw new TrainConfigError('target', `'${excerpt(ds.target)}' has ${ds.labels.length} class${ds.labels.length === 1 ? ` ('${excerpt(ds.labels[0]!)}')` : 'es'}; classification needs at least 2`);
  }
  // Regression reads the labels as numbers: a non-numeric cell is refused here, naming its row.
  const values = classification ? null : numericTarget(ds.labels, ds.y, ds.target);
  // Rows are split by index so the regression values follow them: y holds the row number during the split.
  const indexed: Dataset = classification ? ds : { ...ds, y: Int32Array.from({ length: ds.rows }, (_, i) => i), labels: [] };
  const rng = createRng(options.seed);
  const split = trainTestSplit(indexed, { testFraction: options.testFraction, rng: rng.fork('split'), stratify: classification });
  let trainRows = split.train;
  let valRows: Dataset | null = null;
  if ((options.valFraction ?? 0) > 0) {
    const carved = trainTestSplit(trainRows, {
      testFraction: options.valFraction!,
      rng: rng.fork('val'),
      stratify: classification,
      what: 'validation',
    });
    trainRows = carved.train;
    valRows = carved.test;
  }
  const scaler = fitStandardScaler(trainRows);
  const preprocessing: Preprocessing = {
    featureNames: [...ds.featureNames],
    mean: Array.from(scaler.mean),
    scale: Array.from(scaler.scale),
    labels: classification ? [...ds.labels] : [],
    target: ds.target,
    task,
  };
  let targetOf: (part: Dataset) => Float32Array | Int32Array;
  if (classification) {
    // Two classes: one sigmoid output and 0/1 float targets; more: int32 class indices for softmax.
    targetOf = ds.labels.length === 2 ? (part) => Float32Array.from(part.y) : (part) => part.y.slice();
  } else {
    const trainY = Float64Array.from(trainRows.y, (i) => values![i]!);
    const { mean, scale } = targetScaling(trainY, ds.target);
    preprocessing.targetMean = mean;
    preprocessing.targetScale = scale;
    targetOf = (part) => Float32Array.from(part.y, (i) => (values![i]! - mean) / scale);
  }
  const lay = (part: Dataset, what: string): BatchSource => {
    const source: BatchSource = {
      x: toFloat32(applyScaler(part, scaler).x, `the scaled ${what} rows`),
      y: targetOf(part),
      rows: part.rows,
      cols: part.cols,
    };
    if (!classification) source.targets = Float64Array.from(part.y, (i) => values![i]!);
    return source;
  };
  return {
    task,
    taskReason: reason,
    taskGuess: guess,
    classes: preprocessing.labels,
    preprocessing,
    train: lay(trainRows, 'training'),
    val: valRows ? lay(valRows, 'validation') : null,
    test: lay(split.test, 'test'),
    fingerprint: fingerprintOf(ds),
  };
}

