import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScheduler, preview } from './index.js';

const lr = fc.double({ min: 1e-6, max: 10, noNaN: true });
const factor = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const metric = fc.double({ min: -100, max: 100, noNaN: true });

/** Random specs of every JSON built-in, with options drawn from their valid ranges. */
const leaf = fc.oneof(
  fc.record({ type: fc.constant('step'), stepSize: fc.integer({ min: 1, max: 10 }), gamma: factor }),
  fc.record({ type: fc.constant('multi-step'), milestones: fc.array(fc.integer({ min: 0, max: 30 })).map((m) => m.sort((a, b) => a - b)), gamma: factor }),
  fc.record({ type: fc.constant('constant-factor'), factor, totalIters: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ type: fc.constant('linear'), startFactor: factor, endFactor: fc.double({ min: 0, max: 1, noNaN: true }), totalIters: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ type: fc.constant('exponential'), gamma: fc.double({ min: 0.5, max: 1.1, noNaN: true }) }),
  fc.record({ type: fc.constant('polynomial'), totalIters: fc.integer({ min: 1, max: 20 }), power: fc.double({ min: 0, max: 3, noNaN: true }) }),
  fc.record({ type: fc.constant('cosine-annealing'), tMax: fc.integer({ min: 1, max: 20 }), etaMin: fc.double({ min: 0, max: 1e-3, noNaN: true }) }),
  fc.record({ type: fc.constant('cosine-annealing-warm-restarts'), t0: fc.integer({ min: 1, max: 8 }), tMult: fc.integer({ min: 1, max: 3 }), stepsPerEpoch: fc.option(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ type: fc.constant('cyclic'), baseLr: fc.double({ min: 0, max: 0.01, noNaN: true }), maxLr: lr, stepSizeUp: fc.integer({ min: 1, max: 10 }), mode: fc.constantFrom('triangular', 'triangular2', 'exp_range'), gamma: factor }),
  fc.record({ type: fc.constant('swa'), swaLr: lr, annealEpochs: fc.integer({ min: 0, max: 10 }), annealStrategy: fc.constantFrom('cos', 'linear') }),
  fc.record({ type: fc.constant('warmup-cosine'), warmupSteps: fc.integer({ min: 0, max: 5 }), totalSteps: fc.integer({ min: 6, max: 40 }) }),
  fc.record({ type: fc.constant('warmup-stable-decay'), warmupSteps: fc.integer({ min: 0, max: 5 }), stableSteps: fc.integer({ min: 0, max: 5 }), decaySteps: fc.integer({ min: 1, max: 10 }), decay: fc.constantFrom('linear', 'cosine', '1-sqrt') }),
  fc.record({ type: fc.constant('inverse-sqrt'), warmupSteps: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ type: fc.constant('cosine-timm'), tInitial: fc.integer({ min: 1, max: 10 }), cycleMul: fc.double({ min: 0.5, max: 3, noNaN: true }), cycleLimit: fc.integer({ min: 1, max: 4 }), kDecay: fc.double({ min: 0.2, max: 3, noNaN: true }), noiseRange: fc.constant([0]) }),
  fc.record({ type: fc.constant('exponential-decay'), decaySteps: fc.integer({ min: 1, max: 10 }), decayRate: factor, staircase: fc.boolean() }),
  fc.record({ type: fc.constant('inverse-time'), decaySteps: fc.integer({ min: 1, max: 10 }), decayRate: fc.double({ min: 0, max: 5, noNaN: true }) }),
  fc.record({ type: fc.constant('reduce-on-plateau'), patience: fc.integer({ min: 0, max: 3 }), factor, minLr: fc.double({ min: 0, max: 1e-3, noNaN: true }) }),
);

const spec = fc.oneof(
  { weight: 3, arbitrary: leaf },
  fc.tuple(leaf, leaf, fc.integer({ min: 1, max: 15 })).map(([a, b, m]) => ({ type: 'sequential', schedulers: [a, b], milestones: [m] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ type: 'chained', schedulers: [a, b] })),
  fc.tuple(leaf, fc.integer({ min: 1, max: 6 })).map(([s, w]) => ({ type: 'warmup', warmupSteps: w, schedule: s })),
);

// LRKIT_FC_RUNS=<n> multiplies the runs for a deeper local search.
const scale = Number(process.env.LRKIT_FC_RUNS ?? 1) || 1;

describe('invariants (fast-check)', () => {
  it('a sequential of schedules that never set initial_lr keeps the starting rate (found by fast-check)', () => {
    const plateau = { type: 'reduce-on-plateau', patience: 0, factor: 0.01, minLr: 0 };
    const p = preview({ type: 'sequential', schedulers: [plateau, plateau], milestones: [1] }, { steps: 3, lrs: [1e-6], metrics: [0, 0, 0] });
    expect(p.lrs).toEqual([[1e-6], [1e-6], [1e-6], [1e-8]]);
  });

  it('the rate is never NaN (nor infinite) for any valid spec', () => {
    fc.assert(
      fc.property(spec, fc.array(lr, { minLength: 1, maxLength: 3 }), fc.array(metric, { minLength: 40, maxLength: 40 }), (s, lrs, metrics) => {
        const p = preview(s, { steps: 40, lrs, metrics, momentum: 0.9 });
        for (const row of p.lrs) for (const v of row) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 * scale },
    );
  });

  it('reduce-on-plateau never goes below minLr, alone or composed', () => {
    fc.assert(
      fc.property(
        fc.record({ patience: fc.integer({ min: 0, max: 3 }), factor, cooldown: fc.integer({ min: 0, max: 2 }), mode: fc.constantFrom('min', 'max'), thresholdMode: fc.constantFrom('rel', 'abs') }),
        fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
        fc.boolean(),
        fc.array(metric, { minLength: 60, maxLength: 60 }),
        (opts, minLr, chained, metrics) => {
          const plateau = { type: 'reduce-on-plateau', ...opts, minLr };
          const s = chained ? { type: 'chained', schedulers: [{ type: 'exponential', gamma: 1 }, plateau] } : plateau;
          const p = preview(s, { steps: 60, lrs: [0.1, 0.2], metrics });
          for (const row of p.lrs) for (const v of row) expect(v).toBeGreaterThanOrEqual(minLr);
        },
      ),
      { numRuns: 200 * scale },
    );
  });

  it('resume is the identity at any step, for random specs', () => {
    fc.assert(
      fc.property(spec, fc.integer({ min: 0, max: 30 }), fc.array(metric, { minLength: 30, maxLength: 30 }), (s, stop, metrics) => {
        const groups = () => [{ lr: 0.1, momentum: 0.9 }, { lr: 0.02, momentum: 0.9 }];
        const o1 = { paramGroups: groups() };
        const a = createScheduler(s, o1);
        const o2 = { paramGroups: groups() };
        let b = createScheduler(s, o2);
        for (let k = 1; k <= 30; k++) {
          if (k - 1 === stop) {
            const saved = JSON.parse(JSON.stringify(b.stateDict())) as unknown;
            o2.paramGroups = groups();
            b = createScheduler(s, o2);
            b.loadStateDict(saved);
          }
          a.step(metrics[k - 1]);
          b.step(metrics[k - 1]);
          expect(o2.paramGroups).toEqual(o1.paramGroups);
        }
      }),
      { numRuns: 200 * scale },
    );
  });

  it('preview equals stepping a scheduler by hand', () => {
    fc.assert(
      fc.property(spec, fc.array(metric, { minLength: 20, maxLength: 20 }), (s, metrics) => {
        const p = preview(s, { steps: 20, lrs: [0.1, 0.3], metrics, momentum: 0.9 });
        const o = { paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.3, momentum: 0.9 }] };
        const sch = createScheduler(s, o);
        const rows = [sch.getLastLr()];
        for (let k = 0; k < 20; k++) {
          sch.step(metrics[k]);
          rows.push(sch.getLastLr());
        }
        expect(p.lrs).toEqual(rows);
      }),
      { numRuns: 100 * scale },
    );
  });
});
