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

  it('rejects a non-integer seed', () => {
    expect(() => createRng(1.5)).toThrow(/integer/);
  });
});
