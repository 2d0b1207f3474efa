import { describe, expect, it } from 'vitest';
import { median, summarize } from './stats';

describe('summarize', () => {
  it('takes the middle value of an odd sample, whatever the order', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
  });
  it('averages the two middle values of an even sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('handles one value', () => {
    expect(summarize([7])).toEqual({ median: 7, min: 7, max: 7, n: 1 });
  });
  it('does not reorder the caller’s array', () => {
    const v = [3, 1, 2];
    summarize(v);
    expect(v).toEqual([3, 1, 2]);
  });
  it('refuses an empty sample and non-finite values', () => {
    expect(() => summarize([])).toThrow(/empty/);
    expect(() => summarize([1, Number.NaN])).toThrow(/non-finite/);
    expect(() => summarize([1, Infinity])).toThrow(/non-finite/);
  });
});
