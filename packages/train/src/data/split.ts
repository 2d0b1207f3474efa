import { createRng } from '@lrkit/core';
import { trainTestSplit, type Dataset } from '@lrkit/data';
import type { BatchSource, PreparedData, PrepareOptions } from './types';

/**
 * The seeded split of `ds`'s rows: the test split from the 'split' stream, then the validation split
 * carved from the training rows with the 'val' stream (both stratified by class for classification).
 */
export function splitRows(ds: Dataset, options: PrepareOptions, stratify: boolean): { train: Dataset; val: Dataset | null; test: Dataset } {
  const rng = createRng(options.seed);
  const split = trainTestSplit(ds, { testFraction: options.testFraction, rng: rng.fork('split'), stratify });
  if (!((options.valFraction ?? 0) > 0)) return { train: split.train, val: null, test: split.test };
  const carved = trainTestSplit(split.train, { testFraction: options.valFraction!, rng: rng.fork('val'), stratify, what: 'validation' });
  return { train: carved.train, val: carved.test, test: split.test };
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
