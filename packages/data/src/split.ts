import { DataError } from './errors';
import { subset } from './subset';
import type { Dataset, Split, SplitOptions } from './types';

/**
 * A seeded shuffle split, sized like scikit-learn's train_test_split: the test split has
 * ceil(testFraction * rows) rows (114 of 569 at 0.2), the training split the rest. The first rows of
 * the permutation are the test split, as in scikit-learn's ShuffleSplit.
 */
export function trainTestSplit(ds: Dataset, options: SplitOptions): Split {
  const { testFraction, rng } = options;
  if (!(typeof testFraction === 'number' && testFraction > 0 && testFraction < 1)) {
    throw new DataError(`the test fraction must be a number between 0 and 1 (exclusive), got ${String(testFraction)}`);
  }
  const nTest = Math.ceil(testFraction * ds.rows);
  const nTrain = ds.rows - nTest;
  if (nTrain < 1) {
    throw new DataError(
      `a test fraction of ${testFraction} leaves no training rows out of ${ds.rows}; use a smaller fraction or more data`,
    );
  }
  const order = rng.permutation(ds.rows);
  if (order.length !== ds.rows) {
    throw new RangeError(`rng.permutation(${ds.rows}) returned ${order.length} indices`);
  }
  return { test: subset(ds, order.subarray(0, nTest)), train: subset(ds, order.subarray(nTest)) };
}
