// Every tfjs optimizer really trains at the schedule's rate, step by step, inside model.fit; and a
// schedule that reaches 0 stops the weights then, and not before.
import { describe, expect, it } from 'vitest';
import { tf } from '@lrkit/core';
import { preview } from '@lrkit/schedulers';
import { lrScheduler } from './callback.js';
import { SUPPORTED_OPTIMIZERS } from './optimizer-groups.js';
import { BASE_LR, BATCH, deltas, forEachBackend, kernelRecorder, linearModel, makeOptimizer, X_ROWS } from './test-helpers.js';

const EPOCHS = 3;
const BATCHES = X_ROWS.length / BATCH; // 4
const STEPS = EPOCHS * BATCHES; // 12

/** Rises for 4 steps, falls to exactly 0 at step 10, stays there. */
const RISE_AND_FALL = {
  type: 'sequential',
  milestones: [4],
  schedulers: [
    { type: 'linear', startFactor: 0.25, endFactor: 1, totalIters: 4 },
    { type: 'linear', startFactor: 1, endFactor: 0, totalIters: 6 },
  ],
};

async function train(spec: object | null, name: (typeof SUPPORTED_OPTIMIZERS)[number]) {
  const model = linearModel(makeOptimizer(name));
  const rec = kernelRecorder(() => model);
  const callbacks = spec ? [lrScheduler(spec), rec.callback] : [rec.callback];
  const xs = tf.tensor2d(X_ROWS);
  const ys = tf.zeros([X_ROWS.length, 1]);
  const history = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks });
  xs.dispose();
  ys.dispose();
  return { deltas: deltas(rec.kernels), history };
}

/** The rate step k used, read off the weights: its update over the update of a constant-rate twin. */
function usedRates(scheduled: number[], constant: number[], baseLr: number): number[] {
  return scheduled.map((d, k) => (d / constant[k]!) * baseLr);
}

describe('the schedule under test', () => {
  it('reaches exactly 0 at step 10 and is positive before', () => {
    const { lrs } = preview({ ...RISE_AND_FALL, interval: 'step' }, { steps: STEPS, lrs: [1] });
    expect(lrs[10]![0]).toBe(0);
    expect(lrs.slice(0, 10).every((r) => r[0]! > 0)).toBe(true);
  });
});

forEachBackend(() => {
  describe.each(SUPPORTED_OPTIMIZERS)('tf.train.%s', (name) => {
    const base = BASE_LR[name];

    it('trains each batch at the per-step schedule\'s rate, the first at the initial rate, and stops at 0', async () => {
      const spec = { ...RISE_AND_FALL, interval: 'step' };
      const expected = preview(spec, { steps: STEPS, lrs: [base] }).lrs.map((r) => r[0]!);
      const constant = await train(null, name);
      const scheduled = await train(spec, name);
      expect(scheduled.deltas).toHaveLength(STEPS);
      const used = usedRates(scheduled.deltas, constant.deltas, base);
      for (let k = 0; k < STEPS; k++) {
        if (expected[k] === 0) {
          // A zero rate stops the weights exactly...
          expect(scheduled.deltas[k], `step ${k}`).toBe(0);
        } else {
          // ...and not before: every earlier step moved them, by the scheduled rate.
          expect(scheduled.deltas[k], `step ${k}`).not.toBe(0);
          expect(used[k]! / expected[k]!, `step ${k}`).toBeCloseTo(1, 4);
        }
      }
      expect(expected[0]).toBe(base * 0.25);
      expect(scheduled.deltas.slice(10)).toEqual([0, 0]);
    });

    it('holds the per-epoch schedule\'s rate through each epoch and logs it as lr', async () => {
      const expected = preview(RISE_AND_FALL, { steps: EPOCHS, lrs: [base] }).lrs.map((r) => r[0]!);
      const constant = await train(null, name);
      const scheduled = await train(RISE_AND_FALL, name);
      const used = usedRates(scheduled.deltas, constant.deltas, base);
      for (let k = 0; k < STEPS; k++)
        expect(used[k]! / expected[Math.floor(k / BATCHES)]!, `step ${k}`).toBeCloseTo(1, 4);
      expect(scheduled.history.history.lr).toEqual(expected.slice(0, EPOCHS));
    });
  });
});
