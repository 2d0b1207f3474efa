import { describe, expect, it } from 'vitest';
import { DataError, loadCsv, subset, trainTestSplit } from './index';
import type { Dataset } from './index';

/** A permutation source that reverses: the test split must be the permutation's first rows. */
const reverse = {
  permutation(n: number): Int32Array {
    return Int32Array.from({ length: n }, (_, i) => n - 1 - i);
  },
};

function tiny(rows: number): Dataset {
  return {
    featureNames: ['a', 'b'],
    target: 't',
    labels: ['no', 'yes'],
    x: Float64Array.from({ length: rows * 2 }, (_, k) => k),
    y: Int32Array.from({ length: rows }, (_, i) => i % 2),
    rows,
    cols: 2,
  };
}

describe('trainTestSplit', () => {
  it('splits 569 rows 455/114 at 0.2, like scikit-learn', () => {
    const { train, test } = trainTestSplit(loadCsv(), { testFraction: 0.2, rng: reverse });
    expect([train.rows, test.rows]).toEqual([455, 114]);
    expect(train.x.length).toBe(455 * 30);
    expect(test.y.length).toBe(114);
  });

  it('rounds the test size up', () => {
    expect(trainTestSplit(tiny(10), { testFraction: 0.25, rng: reverse }).test.rows).toBe(3);
    expect(trainTestSplit(tiny(10), { testFraction: 0.01, rng: reverse }).test.rows).toBe(1);
  });

  it('takes the test rows from the front of the permutation and copies whole rows', () => {
    const { train, test } = trainTestSplit(tiny(5), { testFraction: 0.4, rng: reverse });
    // permutation [4,3,2,1,0]: test rows 4,3; train rows 2,1,0
    expect(Array.from(test.x)).toEqual([8, 9, 6, 7]);
    expect(Array.from(test.y)).toEqual([0, 1]);
    expect(Array.from(train.x)).toEqual([4, 5, 2, 3, 0, 1]);
    expect(Array.from(train.y)).toEqual([0, 1, 0]);
    expect(train.featureNames).toEqual(['a', 'b']);
    expect(train.labels).toEqual(['no', 'yes']);
  });

  it('refuses fractions outside (0, 1) and splits that leave nothing to train on', () => {
    for (const f of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => trainTestSplit(tiny(5), { testFraction: f, rng: reverse })).toThrow(DataError);
    }
    expect(() => trainTestSplit(tiny(1), { testFraction: 0.5, rng: reverse })).toThrow(/leaves no training rows/);
  });
});

describe('subset', () => {
  it('copies the chosen rows and refuses indices out of range', () => {
    const ds = tiny(3);
    const s = subset(ds, [2, 2, 0]);
    expect(Array.from(s.x)).toEqual([4, 5, 4, 5, 0, 1]);
    s.x[0] = 99;
    expect(ds.x[4]).toBe(4);
    expect(() => subset(ds, [3])).toThrow(/out of range/);
  });
});
