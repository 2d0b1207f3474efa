import { createRng } from '@lrkit/core';
import { trainTestSplit, type Dataset } from '@lrkit/data';
import type { PrepareOptions } from './types';

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
