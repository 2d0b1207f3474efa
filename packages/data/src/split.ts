import { DataError } from './errors';
import { excerpt } from '@lrkit/io';
import { subset } from './subset';
import type { Dataset, PermutationSource, Split, SplitOptions, SplitRows } from './types';

/**
 * A seeded shuffle split, sized like scikit-learn's train_test_split: the test split has
 * ceil(testFraction * rows) rows (114 of 569 at 0.2), the training split the rest.
 *
 * Unstratified (the default), the first rows of the permutation are the test split, as in scikit-learn's
 * ShuffleSplit. With `stratify: true` every class (the values of `y`) is split in proportion, as
 * `train_test_split(..., stratify=y)`: see `stratifiedTestCounts` for how the rows are apportioned.
 */
export function trainTestSplit(ds: Dataset, options: SplitOptions): Split {
  const { train, test } = splitRowNumbers(ds, options);
  return { test: subset(ds, test), train: subset(ds, train) };
}

/**
 * trainTestSplit's rows without the rows' data: each side's row numbers, in its order (`subset(ds, test)` is
 * trainTestSplit's test split). What it reads of the data set: its size and, to stratify, its classes.
 */
export function splitRowNumbers(ds: SplitRows, options: SplitOptions): { train: Int32Array; test: Int32Array } {
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
  if (options.stratify) return stratifiedSplit(ds, nTest, rng, options.what ?? 'test');
  const order = checkedPermutation(rng, ds.rows);
  return { test: order.subarray(0, nTest), train: order.subarray(nTest) };
}

function checkedPermutation(rng: PermutationSource, n: number): Int32Array {
  const order = rng.permutation(n);
  if (order.length !== n) throw new RangeError(`rng.permutation(${n}) returned ${order.length} indices`);
  return order;
}

/**
 * How many rows of each class go to the test split: each class's share of `nTest` rounded down, then the
 * rows left over one each to the classes with the largest fractional shares (ties: the larger class, then
 * the lower class index; scikit-learn breaks these ties at random, lrkit deterministically). A class never
 * gives all its rows away: at least one stays for training.
 */
export function stratifiedTestCounts(classCounts: readonly number[], nTest: number): number[] {
  const n = classCounts.reduce((a, b) => a + b, 0);
  const exact = classCounts.map((c) => (nTest * c) / n);
  const counts = exact.map((e, k) => Math.min(Math.floor(e), classCounts[k]! - 1));
  let left = nTest - counts.reduce((a, b) => a + b, 0);
  const order = classCounts
    .map((_, k) => k)
    .sort((a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)) || classCounts[b]! - classCounts[a]! || a - b);
  // Round-robin over the ranked classes until every row is placed (a capped class passes its turn).
  while (left > 0) {
    let placed = false;
    for (const k of order) {
      if (left === 0) break;
      if (counts[k]! < classCounts[k]! - 1) {
        counts[k]!++;
        left--;
        placed = true;
      }
    }
    if (!placed) break;
  }
  return counts;
}

function stratifiedSplit(ds: SplitRows, nTest: number, rng: PermutationSource, what: string): { train: Int32Array; test: Int32Array } {
  const k = ds.labels.length;
  const classCounts = new Int32Array(Math.max(k, 1));
  for (let i = 0; i < ds.rows; i++) {
    const c = ds.y[i]!;
    if (!(c >= 0 && c < k)) throw new RangeError(`row ${i}: label ${c} is outside [0, ${k})`);
    classCounts[c]!++;
  }
  const present = Array.from(classCounts, (n, c) => ({ c, n })).filter((e) => e.n > 0);
  const scarce = present.find((e) => e.n < 2);
  if (scarce) {
    throw new DataError(
      `class '${excerpt(ds.labels[scarce.c]!)}' of '${excerpt(ds.target)}' has only 1 row: too few to stratify the ${what} split ` +
        '(every class needs at least 2 rows, one on each side); remove the class or add rows',
    );
  }
  if (nTest < present.length) {
    throw new DataError(
      `the ${what} split would hold ${nTest} rows, fewer than the ${present.length} classes of '${excerpt(ds.target)}': ` +
        'a stratified split needs a row of each; use a larger fraction or more data',
    );
  }
  const counts = stratifiedTestCounts(
    present.map((e) => e.n),
    nTest,
  );
  // Each class's rows in order, the classes one after another: typed arrays sized from the counts, as a
  // million rows pushed to arrays of numbers cost more than the shuffles.
  const start = new Int32Array(classCounts.length + 1);
  for (let c = 0; c < classCounts.length; c++) start[c + 1] = start[c]! + classCounts[c]!;
  const byClass = new Int32Array(ds.rows);
  const filled = start.slice(0, classCounts.length);
  for (let i = 0; i < ds.rows; i++) byClass[filled[ds.y[i]!]!++] = i;
  // Sized from the counts: where every class is down to its one training row, fewer than nTest are placed.
  const nPlaced = counts.reduce((a, b) => a + b, 0);
  const test = new Int32Array(nPlaced);
  const train = new Int32Array(ds.rows - nPlaced);
  let nt = 0;
  let nr = 0;
  present.forEach((e, j) => {
    const rows = byClass.subarray(start[e.c]!, start[e.c + 1]!);
    const order = checkedPermutation(rng, rows.length);
    for (let r = 0; r < rows.length; r++) {
      if (r < counts[j]!) test[nt++] = rows[order[r]!]!;
      else train[nr++] = rows[order[r]!]!;
    }
  });
  // Classes were taken one after another: shuffle each side so no order leaks from the labels.
  const shuffle = (rows: Int32Array) => {
    const order = checkedPermutation(rng, rows.length);
    const out = new Int32Array(rows.length);
    for (let r = 0; r < out.length; r++) out[r] = rows[order[r]!]!;
    return out;
  };
  return { test: shuffle(test), train: shuffle(train) };
}
