import { describe, expect, it } from 'vitest';
import { binaryMetrics, rocAuc } from './binary';

describe('binaryMetrics', () => {
  it('counts the confusion matrix at threshold 0.5 and derives the rates (hand-computed)', () => {
    // labels:  1    1    1    0    0    0    0
    // probs:  .9   .6   .2   .7   .1   .5   .3   -> tp 2, fn 1, fp 1, tn 3 (0.5 is not > 0.5)
    const m = binaryMetrics([0.9, 0.6, 0.2, 0.7, 0.1, 0.5, 0.3], [1, 1, 1, 0, 0, 0, 0], 0.25);
    expect(m.confusion).toEqual({ tp: 2, fn: 1, fp: 1, tn: 3 });
    expect(m.accuracy).toBeCloseTo(5 / 7, 12);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    // Positive/negative pairs ranked correctly: .9 beats all 4, .6 beats 3 (.5 .3 .1), .2 beats 1 (.1): 8/12.
    expect(m.rocAuc).toBeCloseTo(8 / 12, 12);
    expect(m.loss).toBe(0.25);
  });

  it('gives zero precision/recall/F1 where nothing is predicted positive', () => {
    const m = binaryMetrics([0.1, 0.2], [1, 0], 0);
    expect([m.precision, m.recall, m.f1]).toEqual([0, 0, 0]);
  });
});

describe('rocAuc', () => {
  it('counts ties as half (scikit-learn roc_auc_score([0,0,1,1],[.1,.4,.35,.8]) = 0.75; ties -> 0.5)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0.2, 0.9], [0, 1])).toBe(1);
  });

  it('is NaN with one class only', () => {
    expect(rocAuc([0.2, 0.9], [1, 1])).toBeNaN();
  });
});
