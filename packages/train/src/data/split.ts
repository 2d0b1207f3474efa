import { createRng } from '@lrkit/core';
import { splitRowNumbers, type SplitRows } from '@lrkit/data';
import type { BatchSource, PreparedData, PrepareOptions } from './types';

/** Each split's row numbers, in its order. */
export interface RowSplit {
  train: Int32Array;
  val: Int32Array | null;
  test: Int32Array;
}

/** `values` at `rows`, in that order. */
export function pick(values: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]!]!;
  return out;
}

/**
 * The seeded split of `ds`'s rows: the test split from the 'split' stream, then the validation split
 * carved from the training rows with the 'val' stream (both stratified by class for classification). Row
 * numbers only: each part's data is read once, by the caller, for the rows it ends up with.
 */
export function splitRows(ds: SplitRows, options: PrepareOptions, stratify: boolean): RowSplit {
  const rng = createRng(options.seed);
  const split = splitRowNumbers(ds, { testFraction: options.testFraction, rng: rng.fork('split'), stratify });
  if (!((options.valFraction ?? 0) > 0)) return { train: split.train, val: null, test: split.test };
  const trainRows: SplitRows = { ...ds, rows: split.train.length, y: stratify ? pick(ds.y, split.train) : new Int32Array(split.train.length) };
  const carved = splitRowNumbers(trainRows, { testFraction: options.valFraction!, rng: rng.fork('val'), stratify, what: 'validation' });
  return { train: pick(split.train, carved.train), val: pick(split.train, carved.test), test: split.test };
}

/** The prepared data from the task chosen, the preprocessing fitted and each split laid out by `lay`. */
export function assemble<P>(
  chosen: { task: PreparedData['task']; reason: string; guess: boolean },
  preprocessing: PreparedData['preprocessing'],
  parts: { train: P; val: P | null; test: P },
  lay: (part: P, what: string) => BatchSource,
  rest: Pick<PreparedData, 'fingerprint' | 'embeddings' | 'plan'>,
): PreparedData {
  return {
    task: chosen.task,
    taskReason: chosen.reason,
    taskGuess: chosen.guess,
    classes: preprocessing.labels,
    preprocessing,
    train: lay(parts.train, 'training'),
    val: parts.val ? lay(parts.val, 'validation') : null,
    test: lay(parts.test, 'test'),
    ...rest,
  };
}
