import { describe, expect, it } from 'vitest';
import { createRng } from '@lrkit/core';
import { randomSamples } from '../random/random';
import { searchSpace, type SearchSpace } from '../space/space';
import type { Distribution } from '../space/distribution';
import { ParzenEstimator, observationWeights } from './parzen';
import { belowCount, tpeSample, type Observation } from './sampler';
import { TPE_DEFAULTS } from './settings';
import { logNormalMass, truncNormDraw, truncNormLogPdf } from './truncnorm';

const space = (settings: Record<string, Distribution>): SearchSpace => searchSpace('tpe', settings, 'test.json');

// A synthetic loss with its minimum at lr 0.01, momentum 0.8, 3 layers... of width 96, adamw.
const synthetic: Record<string, Distribution> = {
  lr: { logUniform: [1e-5, 1] },
  momentum: { uniform: [0, 0.99] },
  batchSize: { int: [8, 256], log: true },
  epochs: { int: [1, 20] },
  optimizer: { choice: ['sgd', 'adam', 'adamw'] },
};
function loss(p: Record<string, unknown>): number {
  const lr = Math.log10(p.lr as number) + 2;
  const m = (p.momentum as number) - 0.8;
  const b = Math.log2(p.batchSize as number) - Math.log2(96);
  const e = ((p.epochs as number) - 12) / 10;
  return lr * lr + 4 * m * m + 0.3 * b * b + e * e + (p.optimizer === 'adamw' ? 0 : 0.5);
}

/** A sequential study (one worker): each trial sampled from the ones before it. */
function study(sample: (n: number, history: Observation[]) => Record<string, unknown>, trials: number): Observation[] {
  const history: Observation[] = [];
  for (let n = 0; n < trials; n++) {
    const params = sample(n, history);
    history.push({ params, score: [-Infinity, loss(params)] });
  }
  return history;
}
const best = (h: Observation[]) => Math.min(...h.map((o) => o.score[1]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

describe('TPE', () => {
  const s = space(synthetic);
  const tpe = (seed: number) => study((n, h) => tpeSample(s, { ...TPE_DEFAULTS, samplerSeed: seed }, n, h), 40);

  it('is reproducible: the same seed and results give the same trials; another seed others', () => {
    expect(tpe(3)).toEqual(tpe(3));
    expect(tpe(4).map((o) => o.params)).not.toEqual(tpe(3).map((o) => o.params));
  });

  it('draws its startup trials at random, then every setting inside its range and kind', () => {
    const h = tpe(1);
    for (const { params: p } of h) {
      expect(p.lr).toBeGreaterThanOrEqual(1e-5);
      expect(p.lr).toBeLessThanOrEqual(1);
      expect(Number.isInteger(p.batchSize) && (p.batchSize as number) >= 8 && (p.batchSize as number) <= 256).toBe(true);
      expect(Number.isInteger(p.epochs) && (p.epochs as number) >= 1 && (p.epochs as number) <= 20).toBe(true);
      expect(['sgd', 'adam', 'adamw']).toContain(p.optimizer);
    }
  });

  it('finds lower losses than random search with the same budget (median of 7 seeds)', () => {
    const seeds = [0, 1, 2, 3, 4, 5, 6];
    const random = seeds.map((seed) => best(randomSamples(s, 40, seed).map((params) => ({ params, score: [-Infinity, loss(params)] as const }))));
    const guided = seeds.map((seed) => best(tpe(seed)));
    expect(median(guided)).toBeLessThan(median(random) * 0.5);
  });

  it('searches a conditional setting only where its condition holds, fitted to the trials that had it', () => {
    const c = space({
      schedule: { choice: [{ type: 'one-cycle', maxLr: 0.1 }, { type: 'cosine-annealing' }] },
      'schedule.maxLr': { logUniform: [1e-3, 1], if: { 'schedule.type': 'one-cycle' } },
      lr: { logUniform: [1e-4, 1] },
    });
    const history: Observation[] = [];
    for (let n = 0; n < 30; n++) {
      const params = tpeSample(c, { ...TPE_DEFAULTS, samplerSeed: 5 }, n, history);
      const oneCycle = (params.schedule as { type: string }).type === 'one-cycle';
      expect('schedule.maxLr' in params).toBe(oneCycle);
      const value = oneCycle ? Math.abs(Math.log10(params['schedule.maxLr'] as number) + 1) : 5;
      history.push({ params, score: [-Infinity, value] });
    }
    // The one-cycle trials win, and TPE keeps choosing them once it has seen that.
    expect(history.slice(20).filter((o) => (o.params.schedule as { type: string }).type === 'one-cycle').length).toBeGreaterThan(6);
  });

  it('ranks pruned trials after every completed one, the longer-running first', () => {
    // Only pruned trials but one: the completed one must be the "below" set whatever its value.
    const s1 = space({ lr: { logUniform: [1e-4, 1] } });
    const h: Observation[] = Array.from({ length: 10 }, (_, i) => ({ params: { lr: 10 ** (-4 + (i * 4) / 10) }, score: [-3, -100] as const }));
    h.push({ params: { lr: 1e-4 }, score: [-Infinity, 50] });
    const draws = Array.from({ length: 20 }, (_, n) => tpeSample(s1, { ...TPE_DEFAULTS, samplerSeed: n }, 11, h).lr as number);
    expect(median(draws)).toBeLessThan(1e-3);
  });

  it("splits as Optuna's default gamma and weights", () => {
    expect([0, 1, 10, 11, 100, 300].map(belowCount)).toEqual([0, 1, 1, 2, 10, 25]);
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30);
    expect(w[4]).toBeCloseTo(1);
    expect(w.slice(5)).toEqual(Array.from({ length: 25 }, () => 1));
  });
});

describe('Parzen estimator', () => {
  it('is a density: it integrates to 1 over a range, and over the bins of an integer range', () => {
    const e = new ParzenEstimator([{ kind: 'number', low: -2, high: 3 }], [[-1.9], [0.5], [2.9]]);
    let sum = 0;
    const steps = 20000;
    for (let i = 0; i < steps; i++) sum += Math.exp(e.logPdf([-2 + ((i + 0.5) * 5) / steps])) * (5 / steps);
    expect(sum).toBeCloseTo(1, 3);
    const bins = new ParzenEstimator([{ kind: 'number', low: 0.5, high: 10.5, bin: 1 }], [[3], [3], [9]]);
    const mass = Array.from({ length: 10 }, (_, i) => Math.exp(bins.logPdf([i + 1])));
    expect(mass.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(mass.indexOf(Math.max(...mass))).toBe(2);
    const choice = new ParzenEstimator([{ kind: 'choice', n: 3 }], [[1], [1], [0]]);
    const p = [0, 1, 2].map((c) => Math.exp(choice.logPdf([c])));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[0]!);
  });

  it("gives Optuna's multivariate Parzen estimator's log densities", () => {
    // Reference values: optuna 3.1's _ParzenEstimator (multivariate, prior weight 1, magic clip) fitted to
    // these trials, with its truncated normal's log density shifted by -log(scale) (Optuna's later fix: 3.1
    // leaves it out, so its density does not integrate to 1); integer and choice dimensions need no fix.
    const L = Math.log;
    const dims = [
      { kind: 'number', low: L(1e-4), high: L(0.3) },
      { kind: 'number', low: L(15.5), high: L(128.5) },
      { kind: 'number', low: 0.5, high: 20.5, bin: 1 },
      { kind: 'number', low: 0, high: 1 },
      { kind: 'choice', n: 3 },
    ] as const;
    const trials = [
      [1e-3, 16, 3, 0.1, 0],
      [0.05, 40, 7, 0.5, 2],
      [0.2, 100, 20, 0.9, 2],
      [3e-4, 128, 1, 0.3, 1],
    ].map(([lr, b, e, u, c]) => [L(lr!), L(b!), e!, u!, c!]);
    const points = [
      [L(2e-3), L(20), 5, 0.2, 2],
      [L(0.1), L(64), 15, 0.8, 0],
    ];
    const all = new ParzenEstimator(dims, trials);
    expect(all.logPdf(points[0]!)).toBeCloseTo(-5.472965372749729, 10);
    expect(all.logPdf(points[1]!)).toBeCloseTo(-6.431341076497842, 10);
    const one = (d: number) => new ParzenEstimator([dims[d]!], trials.map((t) => [t[d]!]));
    expect(points.map((p) => one(2).logPdf([p[2]!]))).toEqual([expect.closeTo(-2.562045910663254, 10), expect.closeTo(-3.666414524535585, 10)]);
    expect(points.map((p) => one(4).logPdf([p[4]!]))).toEqual([expect.closeTo(-0.8754687373539001, 10), expect.closeTo(-1.2321436812926323, 10)]);
  });

  it('draws inside the range, integers on their bins', () => {
    const rng = createRng(1);
    const e = new ParzenEstimator([{ kind: 'number', low: 0.5, high: 4.5, bin: 1 }, { kind: 'number', low: 0, high: 1 }], [[1, 0], [4, 1]]);
    for (const [i, x] of e.sample(rng, 500)) {
      expect([1, 2, 3, 4]).toContain(i);
      expect(x! >= 0 && x! <= 1).toBe(true);
    }
  });
});

describe('truncated normal', () => {
  it('has the log mass of the standard normal, finite far in either tail', () => {
    expect(Math.exp(logNormalMass(-1, 1))).toBeCloseTo(0.682689492137, 10);
    expect(Math.exp(logNormalMass(0, Infinity))).toBeCloseTo(0.5, 12);
    // log(Φ(-40) - Φ(-41)) ≈ -804.6: 0 in double precision, finite in log space.
    expect(logNormalMass(-41, -40)).toBeCloseTo(-804.608, 2);
    expect(logNormalMass(40, 41)).toBeCloseTo(logNormalMass(-41, -40), 10);
    expect(truncNormLogPdf(0, 0, 1, -Infinity, Infinity)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 12);
  });

  it('draws inside its interval with the right mean', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: 20000 }, () => truncNormDraw(rng, 0, 1, 0, Infinity));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // The half-normal's mean is sqrt(2/pi).
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(Math.sqrt(2 / Math.PI), 1);
    const far = Array.from({ length: 100 }, () => truncNormDraw(rng, 0, 1, 6, 7));
    expect(far.every((x) => x >= 6 && x <= 7)).toBe(true);
  });
});
