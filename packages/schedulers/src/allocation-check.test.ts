// measureAllocation itself: it must see a loop that allocates, and see nothing in one that does not.
import { describe, expect, it } from 'vitest';
import { measureAllocation } from './allocation.js';

describe('measureAllocation', () => {
  it('sees a loop that allocates an object per call', async () => {
    const keep: { v: number }[] = [];
    const a = await measureAllocation(20_000, (n) => {
      keep.length = 0;
      for (let i = 0; i < n; i++) keep.push({ v: i });
    });
    expect(a.allocates).toBe(true);
    expect(a.bytesPerCall).toBeGreaterThanOrEqual(8);
  });

  it('finds nothing in a loop that only writes numbers into existing storage', async () => {
    const group = { lr: 0.1 };
    const a = await measureAllocation(20_000, (n) => {
      for (let i = 0; i < n; i++) group.lr = 0.1 * Math.cos(i * 1e-3);
    });
    expect(a.bytesPerCall).toBeLessThan(1);
    expect(a.allocates).toBe(false);
  });
});
