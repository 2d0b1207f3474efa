import { describe, expect, it } from 'vitest';
import { DataError, detectTask, loadCsv, numericTarget, splitRowNumbers, stratifiedTestCounts, subset, trainTestSplit } from './index';
import type { Dataset } from './index';

/** A seeded-enough permutation source for tests: a fixed LCG shuffle (Fisher-Yates). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return {
    permutation(n: number): Int32Array {
      const out = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

function classes(counts: number[]): Dataset {
  const y = counts.flatMap((c, k) => Array.from({ length: c }, () => k));
  return {
    featureNames: ['i'],
    target: 'kind',
    labels: counts.map((_, k) => `c${k}`),
    x: Float64Array.from(y.map((_, i) => i)),
    y: Int32Array.from(y),
    rows: y.length,
    cols: 1,
  };
}

const countOf = (ds: Dataset, k: number) => ds.y.filter((v) => v === k).length;

describe('stratified trainTestSplit', () => {
  it('keeps each class in proportion, like scikit-learn (breast cancer 357/212 at 0.2: 72/42 in test)', () => {
    const { train, test } = trainTestSplit(loadCsv(), { testFraction: 0.2, rng: lcg(1), stratify: true });
    expect([train.rows, test.rows]).toEqual([455, 114]);
    // scikit-learn's train_test_split(..., stratify=y, test_size=0.2) gives 72 B and 42 M in the test split.
    expect([countOf(test, 0), countOf(test, 1)]).toEqual([72, 42]);
    // Every row lands on exactly one side.
    const ids = [...train.x.filter((_, k) => k % 30 === 0), ...test.x.filter((_, k) => k % 30 === 0)];
    expect(ids).toHaveLength(569);
  });

  it('apportions by the largest remainder and never empties a class of its training rows', () => {
    expect(stratifiedTestCounts([50, 50, 50], 30)).toEqual([10, 10, 10]);
    expect(stratifiedTestCounts([59, 71, 48], 36)).toEqual([12, 14, 10]); // wine: 11.93, 14.36, 9.71
    expect(stratifiedTestCounts([2, 2], 3)).toEqual([1, 1]); // capped at count - 1: the rest cannot be placed
    const split = trainTestSplit(classes([5, 3, 2]), { testFraction: 0.3, rng: lcg(2), stratify: true });
    // 3 test rows: shares 1.5, 0.9, 0.6 -> 1, 0, 0, then one each to the largest remainders (0.9, 0.6).
    expect([0, 1, 2].map((k) => countOf(split.test, k))).toEqual([1, 1, 1]);
  });

  it('is a function of the rng: the same stream, the same split', () => {
    const a = trainTestSplit(classes([20, 10]), { testFraction: 0.2, rng: lcg(3), stratify: true });
    const b = trainTestSplit(classes([20, 10]), { testFraction: 0.2, rng: lcg(3), stratify: true });
    const c = trainTestSplit(classes([20, 10]), { testFraction: 0.2, rng: lcg(4), stratify: true });
    expect(Array.from(b.test.x)).toEqual(Array.from(a.test.x));
    expect(Array.from(c.test.x)).not.toEqual(Array.from(a.test.x));
  });

  it('refuses a class with one row and a test split smaller than the class count, naming them', () => {
    expect(() => trainTestSplit(classes([5, 1]), { testFraction: 0.3, rng: lcg(1), stratify: true })).toThrow(
      /class 'c1' of 'kind' has only 1 row: too few to stratify the test split/,
    );
    expect(() => trainTestSplit(classes([5, 5, 5]), { testFraction: 0.1, rng: lcg(1), stratify: true })).toThrow(DataError);
    expect(() => trainTestSplit(classes([5, 5, 5]), { testFraction: 0.1, rng: lcg(1), stratify: true, what: 'validation' })).toThrow(
      /the validation split would hold 2 rows, fewer than the 3 classes/,
    );
  });
});

describe('detectTask and numericTarget', () => {
  it('text is classes; few distinct integers are classes (said to be a guess); other numbers are regression', () => {
    expect(detectTask(['setosa', 'versicolor'])).toMatchObject({ task: 'classification', guess: false });
    expect(detectTask(['0', '1', '2'])).toMatchObject({ task: 'classification', guess: true });
    expect(detectTask(['0', '1', '2']).reason).toMatch(/a guess/);
    expect(detectTask(['1.5', '2', '3'])).toMatchObject({ task: 'regression', guess: false });
    expect(detectTask(Array.from({ length: 21 }, (_, i) => String(i)))).toMatchObject({ task: 'regression' });
    // Not decimal literals: hex and Infinity are text, so the target is classes.
    expect(detectTask(['0x1F', '2'])).toMatchObject({ task: 'classification', guess: false });
    expect(detectTask(['Infinity', '2'])).toMatchObject({ task: 'classification' });
  });

  it('reads a numeric target, naming the first row whose value is not a number', () => {
    expect(Array.from(numericTarget(['1.5', '10'], [1, 0, 1], 'y'))).toEqual([10, 1.5, 10]);
    expect(() => numericTarget(['1.5', 'n/a'], [0, 0, 1], 'y')).toThrow(/target 'y': data row 3 holds 'n\/a', which is not a number/);
  });
});

describe('splitRowNumbers', () => {
  it("is trainTestSplit's rows, in their order, stratified or not, from the size and classes alone", () => {
    const ds = loadCsv();
    for (const stratify of [false, true]) {
      const split = trainTestSplit(ds, { testFraction: 0.25, rng: lcg(4), stratify });
      const { train, test } = splitRowNumbers({ rows: ds.rows, y: ds.y, labels: ds.labels, target: ds.target }, { testFraction: 0.25, rng: lcg(4), stratify });
      expect(subset(ds, train)).toEqual(split.train);
      expect(subset(ds, test)).toEqual(split.test);
    }
  });
});
