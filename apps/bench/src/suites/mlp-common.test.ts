import { describe, expect, it } from 'vitest';
import { stepsFor, syntheticBatch, trainFlopsPerSample } from './mlp-common';

describe('trainFlopsPerSample', () => {
  it('counts 6 FLOPs per weight (forward 2, backward 4), 4 in the first layer (no input gradient)', () => {
    expect(trainFlopsPerSample([784, 512, 512, 10])).toBe(4 * 784 * 512 + 6 * (512 * 512 + 512 * 10));
    expect(trainFlopsPerSample([3, 2])).toBe(24);
  });
});

describe('stepsFor', () => {
  it('aims at the target time, at least 2 and at most 1000 steps', () => {
    expect(stepsFor(300, 10)).toBe(30);
    expect(stepsFor(300, 1000)).toBe(2);
    expect(stepsFor(300, 0.001)).toBe(1000);
    expect(stepsFor(300, 0)).toBe(1000);
    expect(stepsFor(300, 1000, 1)).toBe(1);
  });
});

describe('syntheticBatch', () => {
  it('is seeded, in range, with one-hot rows matching the labels', () => {
    const a = syntheticBatch([4, 3], 5);
    const b = syntheticBatch([4, 3], 5);
    expect(a.x).toEqual(b.x);
    expect(a.x.length).toBe(20);
    for (const v of a.x) expect(v >= 0 && v < 1).toBe(true);
    for (let i = 0; i < 5; i++) {
      const row = Array.from(a.oneHot.slice(i * 3, i * 3 + 3));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      expect(row[a.labels[i]!]).toBe(1);
    }
  });
});
