import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('pins the stream, so a change to the generator cannot pass unnoticed', () => {
    const r = createRng(1);
    expect(r.next()).toBe(0.5686059948349658);
    expect(Array.from(createRng(1).permutation(5))).toEqual([4, 0, 1, 3, 2]);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const r = createRng(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('makes permutations of 0..n-1 and independent forks', () => {
    const p = createRng(5).permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const root = createRng(5);
    expect(root.fork('split').next()).toBe(createRng(5).fork('split').next());
    expect(root.fork('split').next()).not.toBe(root.fork('init').next());
  });

  it('rejects a seed that is not a safe non-negative integer', () => {
    expect(() => createRng(1.5)).toThrow(/integer/);
    expect(() => createRng(-1)).toThrow(/from 0 to 2\*\*53 - 1/);
    expect(() => createRng(2 ** 53)).toThrow(/from 0 to 2\*\*53 - 1/);
  });

  it('gives seeds that differ only past 32 bits different streams, forks included (2**32 is not 0)', () => {
    const draws = (seed: number, label: string): number[] => {
      const r = createRng(seed).fork(label);
      return [r.next(), r.next()];
    };
    for (const label of ['split', 'init', 'shuffle']) {
      expect(draws(2 ** 32, label)).not.toEqual(draws(0, label));
      expect(draws(2 ** 32 + 42, label)).not.toEqual(draws(42, label));
      expect(draws(3 * 2 ** 32 + 7, label)).not.toEqual(draws(2 ** 32 + 7, label));
    }
    // Seeds below 2**32 fork as before: the pinned stream of seed 1's 'split' fork.
    expect(createRng(1).fork('split').next()).toBe(0.016392176696500504);
    expect(createRng(42).fork('init').next()).toBe(0.40106753783029614);
  });
});
