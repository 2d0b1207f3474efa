// lrkit's boundary convention, checked on every schedule beyond PyTorch: k counts step() calls (k = 0
// right after construction); a phase of N steps that starts at step s has its start value at k = s and
// its end value at k = s + N, which is also the first value of the next phase.
import { describe, expect, it } from 'vitest';
import { preview } from '../index.js';

const run = (spec: Record<string, unknown>, steps: number, lrs = [1, 0.5]) => preview(spec, { steps, lrs }).lrs;
const near = (a: number, b: number) => expect(a).toBeCloseTo(b, 14);

describe('boundary convention', () => {
  it('warmup-cosine: start factor at 0, peak at warmupSteps, floor at totalSteps', () => {
    const r = run({ type: 'warmup-cosine', warmupSteps: 4, totalSteps: 12, minLr: [0.1, 0.05], startFactor: 0.2 }, 14);
    expect(r[0]).toEqual([0.2, 0.1]);
    near(r[2]![0]!, 0.6);
    expect(r[4]).toEqual([1, 0.5]);
    near(r[8]![0]!, 0.55);
    expect(r[12]).toEqual([0.1, 0.05]);
    expect(r[14]).toEqual([0.1, 0.05]);
  });

  it('warmup-stable-decay: peak at W, held until W+S, minLr at W+S+D', () => {
    for (const decay of ['linear', 'cosine', '1-sqrt']) {
      const r = run({ type: 'warmup-stable-decay', warmupSteps: 2, stableSteps: 3, decaySteps: 4, decay, minLr: 0.01 }, 12);
      expect(r[0]![0]).toBe(0);
      near(r[1]![0]!, 0.5);
      expect(r[2]![0]).toBe(1);
      expect(r[5]![0]).toBe(1);
      expect(r[6]![0]).toBeLessThan(1);
      expect(r[9]![0]).toBe(0.01);
      expect(r[12]![0]).toBe(0.01);
    }
    const lin = run({ type: 'warmup-stable-decay', warmupSteps: 0, stableSteps: 0, decaySteps: 4 }, 4, [1]);
    expect(lin.map((x) => x[0])).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });

  it('inverse-sqrt: linear from 0 to the peak at warmupSteps, then 1/sqrt', () => {
    const r = run({ type: 'inverse-sqrt', warmupSteps: 4 }, 12, [1]);
    expect(r.slice(0, 5).map((x) => x[0])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    near(r[12]![0]!, Math.sqrt(4 / 12));
  });

  it('cosine-with-restarts: each cycle starts at the peak and the last ends at minLr at totalSteps', () => {
    const r = run({ type: 'cosine-with-restarts', warmupSteps: 2, totalSteps: 14, cycles: 3 }, 16, [1]);
    expect(r[2]![0]).toBe(1);
    expect(r[6]![0]).toBe(1);
    expect(r[10]![0]).toBe(1);
    near(r[4]![0]!, 0.5);
    expect(r[14]![0]).toBe(0);
  });

  it('warmup wrapper: reaches the inner schedule`s first rate at warmupSteps, then the inner runs from its step 0', () => {
    const inner = { type: 'step', stepSize: 2, gamma: 0.5 };
    const r = run({ type: 'warmup', warmupSteps: 3, schedule: inner }, 8, [1]);
    const alone = run(inner, 5, [1]);
    expect(r.slice(0, 3).map((x) => x[0])).toEqual([0, 1 / 3, 2 / 3]);
    expect(r.slice(3)).toEqual(alone);
    const exp = run({ type: 'warmup', warmupSteps: 2, mode: 'exponential', startFactor: 0.01, schedule: inner }, 2, [1]);
    expect(exp.map((x) => x[0])).toEqual([0.01, 0.1, 1]);
  });

  it('warmup at a sequential milestone starts over, as if alone', () => {
    const w = { type: 'warmup', warmupSteps: 2, schedule: { type: 'cosine-annealing', tMax: 4 } };
    const seq = run({ type: 'sequential', milestones: [3], schedulers: [{ type: 'constant-factor', factor: 0.5, totalIters: 10 }, w] }, 9, [1]);
    expect(seq.slice(0, 3).map((x) => x[0])).toEqual([0.5, 0.5, 0.5]);
    expect(seq.slice(3)).toEqual(run(w, 6, [1]));
  });

  it('keras: piecewise-constant switches at the boundary step; exponential-decay and inverse-time', () => {
    expect(run({ type: 'piecewise-constant', boundaries: [2, 4], values: [1, 0.5, 0.1] }, 5, [1]).map((x) => x[0])).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(run({ type: 'exponential-decay', decaySteps: 2, decayRate: 0.5, staircase: true }, 4, [1]).map((x) => x[0])).toEqual([1, 1, 0.5, 0.5, 0.25]);
    near(run({ type: 'exponential-decay', decaySteps: 2, decayRate: 0.5 }, 1, [1])[1]![0]!, Math.SQRT1_2);
    expect(run({ type: 'inverse-time', decaySteps: 1, decayRate: 1 }, 3, [1]).map((x) => x[0])).toEqual([1, 0.5, 1 / 3, 0.25]);
  });

  it('cosine-timm: warmup from warmupLrInit, cycles decay, floor after cycleLimit; noise is seeded', () => {
    const r = run({ type: 'cosine-timm', tInitial: 4, cycleDecay: 0.5, cycleLimit: 2, warmupT: 2, warmupLrInit: 0.1, warmupPrefix: true }, 12, [1]);
    expect(r[0]![0]).toBe(0.1);
    near(r[1]![0]!, 0.55);
    expect(r[2]![0]).toBe(1);
    expect(r[6]![0]).toBe(0.5);
    expect(r[10]![0]).toBe(0);
    const noisy = { type: 'cosine-timm', tInitial: 10, noiseRange: [0], noisePct: 0.1 };
    const a = run(noisy, 10, [1]);
    expect(run(noisy, 10, [1])).toEqual(a);
    expect(run({ ...noisy, noiseSeed: 7 }, 10, [1])).not.toEqual(a);
    const plain = run({ type: 'cosine-timm', tInitial: 10 }, 10, [1]);
    a.slice(0, 10).forEach((row, k) => expect(Math.abs(row[0]! / plain[k]![0]! - 1)).toBeLessThan(0.1 + 1e-12));
  });
});
