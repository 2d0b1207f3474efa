import { DataError } from './errors';
import { excerpt } from '@lrkit/io';
import { subset } from './subset';
import type { Dataset, PermutationSource, Split, SplitOptions } from './types';

/**
 * A seeded shuffle split, sized like scikit-learn's train_test_split: the test split has
 * ceil(testFraction * rows) rows (114 of 569 at 0.2), the training split the rest.
 *
 * Unstratified (the default), the first rows of the permutation are the test split, as in scikit-learn's
 * ShuffleSplit. With `stratify: true` every class (the values of `y`) is split in proportion, as
 * `train_test_split(..., stratify=y)`: see `stratifiedTestCounts` for how the rows are apportioned.
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
  if (options.stratify) return stratifiedSplit(ds, nTest, rng, options.what ?? 'test');
  const order = checkedPermutation(rng, ds.rows);
  return { test: subset(ds, order.subarray(0, nTest)), train: subset(ds, order.subarray(nTest)) };
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

function stratifiedSplit(ds: Dataset, nTest: number, rng: PermutationSource, what: string): Split {
  const k = ds.labels.length;
  const byClass: number[][] = Array.from({ length: Math.max(k, 1) }, () => []);
  for (let i = 0; i < ds.rows; i++) {
    const c = ds.y[i]!;
    if (!(c >= 0 && c < k)) throw new RangeError(`row ${i}: label ${c} is outside [0, ${k})`);
    byClass[c]!.push(i);
  }
  const present = byClass.map((rows, c) => ({ c, n: rows.length })).filter((e) => e.n > 0);
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
  const test: number[] = [];
  const train: number[] = [];
  present.forEach((e, j) => {
    const rows = byClass[e.c]!;
    const order = checkedPermutation(rng, rows.length);
    for (let r = 0; r < rows.length; r++) (r < counts[j]! ? test : train).push(rows[order[r]!]!);
  });
  // Classes were taken one after another: shuffle each side so no order leaks from the labels.
  const shuffle = (rows: number[]) => {
    const order = checkedPermutation(rng, rows.length);
    // A loop rather than Int32Array.from with a mapping function, which calls it through a slow path per row.
    const out = new Int32Array(rows.length);
    for (let k = 0; k < out.length; k++) out[k] = rows[order[k]!]!;
    return out;
  };
  return { test: subset(ds, shuffle(test)), train: subset(ds, shuffle(train)) };
}
