import { describe, expect, it } from 'vitest';
import { gradient, suggestLr } from './suggest';

// Curves short enough to work out by hand. suggestLr trims the first iterations/10 points and the last
// five; `pad` adds those five so each rule sees exactly the curve written in the test.
const pad = (xs: number[], v: number) => [...xs, v, v, v, v, v];
const lrsOf = (n: number) => Array.from({ length: n }, (_, i) => 10 ** (i / 4 - 6));

describe('suggestLr: fastai rules on hand-worked curves', () => {
  it('minimum: a tenth of the rate at the lowest loss; the marked point is the minimum itself', () => {
    const lrs = pad([1, 2, 3, 4], 5);
    const s = suggestLr(lrs, pad([3, 1, 2, 5], 9), 6, 'minimum');
    expect(s).toEqual({ method: 'minimum', lr: 0.2, point: { lr: 2, loss: 1 } });
  });

  it('steep: the left end of the segment with the most negative slope per log(lr)', () => {
    const lrs = pad([1, Math.E, Math.E ** 2, Math.E ** 3], 99);
    // slopes per unit log(lr): -1, -2, +1
    const s = suggestLr(lrs, pad([3, 2, 0, 1], 9), 6, 'steep');
    expect(s.lr).toBe(Math.E);
    expect(s.point).toEqual({ lr: Math.E, loss: 2 });
  });

  it('valley: start + floor(len/3) + floor(len/6) of the longest falling run', () => {
    // The longest strictly falling run ends at index 7 with 7 points (indices 1..7), start = 7 - 7 = 0:
    // len/3 = 2.33 -> 2, len/6 = 1.17 -> 1, so index 3.
    const losses = [1, 5, 4, 3, 2, 1.5, 1.2, 1.1, 2];
    const lrs = lrsOf(losses.length);
    const s = suggestLr(pad(lrs, 1), pad(losses, 9), 6, 'valley');
    expect(s.lr).toBe(lrs[3]);
    expect(s.point.loss).toBe(3);
  });

  it('slide: walks a 15-point window left while the gradient differs by more than 0.005 across it', () => {
    // Flat to index 30, then a parabola. The window stops at (r, l) = (29, 14): g[29] = g[14] = 0, and the
    // last rate taken was at l = 15 (while r = 30, where g = 0.05).
    const losses = Array.from({ length: 40 }, (_, i) => (i <= 30 ? 0 : (i - 30) ** 2 * 0.1));
    const lrs = lrsOf(40);
    const s = suggestLr(pad(lrs, 1), pad(losses, 9), 6, 'slide');
    expect(s.lr).toBe(lrs[15]);
    expect(s.point.loss).toBeCloseTo(0, 12);
    // A straight line has one gradient everywhere: the window never moves, lrs[-16] is the answer.
    const line = Array.from({ length: 40 }, (_, i) => 5 - i * 0.1);
    expect(suggestLr(pad(lrs, 1), pad(line, 9), 6, 'slide').lr).toBe(lrs[40 - 16]);
    // A curve shorter than the 15-point window (a short --iterations): the window is the whole curve.
    const short = lrs.slice(0, 10);
    const whole = suggestLr(pad(short, 1), pad(line.slice(0, 10), 9), 6, 'slide');
    expect(whole.lr).toBe(short[0]);
    expect(Number.isFinite(whole.point.loss)).toBe(true);
  });

  it('gradient() is numpy.gradient with unit spacing', () => {
    expect(gradient([1, 4, 9, 16])).toEqual([3, 4, 6, 7]);
  });

  it('leaves out the first tenth and the last five, and cuts the curve at its first NaN', () => {
    const n = 100;
    const lrs = lrsOf(n);
    // The lowest point in the first tenth or the last five must be ignored.
    const losses = Array.from({ length: n }, (_, i) => (i < 10 || i >= 95 ? 0 : 5 + (i - 10) / 100));
    expect(suggestLr(lrs, losses, n, 'minimum').point.lr).toBe(lrs[10]);
    losses[40] = Number.NaN;
    // Only indices 10..39 remain; their lowest loss is at 10.
    expect(suggestLr(lrs, losses, n, 'minimum').point.lr).toBe(lrs[10]);
    losses[15] = -1;
    expect(suggestLr(lrs, losses, n, 'minimum').point.lr).toBe(lrs[15]);
    losses[45] = -5; // after the NaN: not seen
    expect(suggestLr(lrs, losses, n, 'minimum').point.lr).toBe(lrs[15]);
  });

  it('says so when too little of the curve is left', () => {
    expect(() => suggestLr([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], 100, 'valley')).toThrow(/iterations: .*too few to suggest/);
  });
});
