// Momentum / beta1 cycling (one-cycle) reaches the optimizer's update, checked against tfjs' update rules
// recomputed in float64 with the schedule's rates and momenta; optimizers without momentum refuse it.
import { describe, expect, it } from 'vitest';
import { tf } from '@lrkit/core';
import { preview, ScheduleSpecError } from '@lrkit/schedulers';
import { scheduleOptimizer } from './schedule-optimizer.js';
import type { TfjsOptimizerName } from './optimizer-groups.js';
import { BASE_LR, forEachBackend, makeOptimizer, X_ROWS } from './test-helpers.js';

const STEPS = 8;
/** The gradient of step k: a fixed vector (the loss is sum(w * g_k)). */
const GRADS = X_ROWS.slice(0, STEPS);

/**
 * tfjs-core 4.22's update rules (src/optimizers/*_optimizer.ts) for one weight entry, with the rate and
 * momentum / beta1 of each step. Adam's and Adamax's bias correction start from the beta1 given to the
 * constructor (0.9) and multiply in each step's beta1: that is what tfjs does.
 */
function reference(name: TfjsOptimizerName, lrs: number[], moms: number[], eps: number, j: number): number[] {
  const out: number[] = [];
  let a = 0, b = 0, acc1 = 0.9, acc2 = 0.999;
  for (let k = 0; k < lrs.length; k++) {
    const g = GRADS[k]![j]!, lr = lrs[k]!, mu = moms[k]!;
    if (name === 'momentum') {
      a = mu * a + g;
      out.push(-lr * a);
    } else if (name === 'rmsprop') {
      a = 0.9 * a + 0.1 * g * g;
      b = mu * b + (lr * g) / Math.sqrt(a + eps);
      out.push(-b);
    } else if (name === 'adam') {
      a = mu * a + (1 - mu) * g;
      b = 0.999 * b + 0.001 * g * g;
      out.push((-lr * (a / (1 - acc1))) / (Math.sqrt(b / (1 - acc2)) + eps));
      acc1 *= mu;
      acc2 *= 0.999;
    } else {
      a = mu * a + (1 - mu) * g;
      b = Math.max(0.999 * b, Math.abs(g));
      out.push((-lr / (1 - acc1)) * (a / (b + eps)));
      acc1 *= mu;
    }
  }
  return out;
}

const CYCLING: TfjsOptimizerName[] = ['momentum', 'rmsprop', 'adam', 'adamax'];

forEachBackend(() => {
  describe.each(CYCLING)('one-cycle on tf.train.%s', (name) => {
    it('writes the cycled momentum / beta1 where the update really reads it', () => {
      const base = BASE_LR[name];
      const spec = { type: 'one-cycle', maxLr: base, totalSteps: STEPS };
      const optimizer = makeOptimizer(name);
      const schedule = scheduleOptimizer(optimizer, spec);
      const w = tf.variable(tf.zeros([2]));
      const lrs: number[] = [], moms: number[] = [], ws: number[][] = [Array.from(w.dataSync())];
      for (let k = 0; k < STEPS; k++) {
        lrs.push(schedule.lr);
        moms.push(schedule.momentum!);
        const g = tf.tensor1d(GRADS[k]!);
        optimizer.minimize(() => tf.sum(tf.mul(w, g)), false, [w]);
        g.dispose();
        ws.push(Array.from(w.dataSync()));
        schedule.step();
      }
      const expected = preview(spec, { steps: STEPS, lrs: [base], momentum: 0.9 });
      expect(lrs).toEqual(expected.lrs.slice(0, STEPS).map((r) => r[0]));
      expect(moms).toEqual(expected.momentum!.slice(0, STEPS).map((r) => r[0]));
      expect(new Set(moms).size).toBeGreaterThan(3);
      const eps = tf.backend().epsilon();
      for (let j = 0; j < 2; j++) {
        const ref = reference(name, lrs, moms, eps, j);
        for (let k = 0; k < STEPS; k++) {
          const d = ws[k + 1]![j]! - ws[k]![j]!;
          // float32 weights: the update is read back to within a couple of ulps of the weights themselves.
          const ulps = 2 ** -22 * Math.max(Math.abs(ws[k]![j]!), Math.abs(ws[k + 1]![j]!));
          expect(Math.abs(d - ref[k]!), `step ${k}, weight ${j}`).toBeLessThan(1e-4 * Math.abs(ref[k]!) + ulps);
        }
      }
      w.dispose();
      optimizer.dispose();
    });
  });

  it("rmsprop with momentum coasts after the rate reaches 0 (tfjs folds the rate into its buffer: README's caveat)", () => {
    const optimizer = tf.train.rmsprop(0.1, 0.9, 0.5);
    const schedule = scheduleOptimizer(optimizer, { type: 'multi-step', milestones: [2], gamma: 0, interval: 'step' });
    const w = tf.variable(tf.zeros([2]));
    const ws = [Array.from(w.dataSync())];
    for (let k = 0; k < 4; k++) {
      const g = tf.tensor1d(GRADS[k]!);
      optimizer.minimize(() => tf.sum(tf.mul(w, g)), false, [w]);
      g.dispose();
      ws.push(Array.from(w.dataSync()));
      schedule.step();
    }
    expect(schedule.lr).toBe(0);
    // Steps 2 and 3 ran at rate 0, yet moved by the decaying buffer: half the previous move each time.
    const d = (k: number) => ws[k + 1]![0]! - ws[k]![0]!;
    expect(d(2)).toBeCloseTo(0.5 * d(1), 6);
    expect(d(3)).toBeCloseTo(0.5 * d(2), 6);
    w.dispose();
  });

  describe.each(['sgd', 'adagrad', 'adadelta'] as const)('tf.train.%s, which has no momentum', (name) => {
    it('refuses a momentum-cycling schedule up front, naming cycleMomentum, and runs it without', () => {
      const optimizer = makeOptimizer(name);
      const spec = { type: 'one-cycle', maxLr: 0.1, totalSteps: STEPS };
      expect(() => scheduleOptimizer(optimizer, spec)).toThrow(ScheduleSpecError);
      expect(() => scheduleOptimizer(optimizer, spec)).toThrow(
        `schedule.cycleMomentum: tf.train.${name} has no momentum to cycle: set cycleMomentum: false`,
      );
      const schedule = scheduleOptimizer(optimizer, { ...spec, cycleMomentum: false });
      expect(schedule.momentum).toBeNull();
      expect(schedule.lr).toBeCloseTo(0.1 / 25, 15);
      optimizer.dispose();
    });
  });
});
