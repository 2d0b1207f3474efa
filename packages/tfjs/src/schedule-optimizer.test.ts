// scheduleOptimizer for custom loops (optimizer.minimize), and the optimizer adapter it is built on.
import { describe, expect, it } from 'vitest';
import { tf } from '@lrkit/core';
import { createScheduler, preview, ScheduleSpecError } from '@lrkit/schedulers';
import { optimizerGroups, SUPPORTED_OPTIMIZERS } from './optimizer-groups.js';
import { scheduleOptimizer } from './schedule-optimizer.js';
import { forEachBackend, makeOptimizer, X_ROWS } from './test-helpers.js';

/** Train w (2 entries) for `steps` minimize() calls on fixed gradients, stepping the schedule after each. */
function run(optimizer: tf.Optimizer, w: tf.Variable, schedule: { step(): void; readonly lr: number }, steps: number, from = 0) {
  const lrs: number[] = [];
  for (let k = from; k < from + steps; k++) {
    lrs.push(schedule.lr);
    const g = tf.tensor1d(X_ROWS[k % X_ROWS.length]!);
    optimizer.minimize(() => tf.sum(tf.mul(w, g)), false, [w]);
    g.dispose();
    schedule.step();
  }
  return lrs;
}

const SPEC = { type: 'warmup-cosine', warmupSteps: 3, totalSteps: 10 };

forEachBackend(() => {
  describe.each(SUPPORTED_OPTIMIZERS)('tf.train.%s in a custom loop', (name) => {
    it('steps at the schedule\'s rates, and state() / loadState() continue it exactly on a new optimizer', async () => {
      const base = 0.02;
      const expected = preview(SPEC, { steps: 10, lrs: [base] }).lrs.map((r) => r[0]);

      const optS = makeOptimizer(name, base);
      const wS = tf.variable(tf.zeros([2]));
      const straight = scheduleOptimizer(optS, SPEC);
      expect(straight.interval).toBe('step');
      expect(run(optS, wS, straight, 10)).toEqual(expected.slice(0, 10));
      expect(straight.lr).toBe(expected[10]);

      const opt1 = makeOptimizer(name, base);
      const w1 = tf.variable(tf.zeros([2]));
      const first = scheduleOptimizer(opt1, SPEC);
      run(opt1, w1, first, 4);
      const saved = JSON.stringify(first.state());

      // A new optimizer of the same kind, at some other rate: the saved state brings the schedule's back.
      const opt2 = makeOptimizer(name, 0.5);
      const second = scheduleOptimizer(opt2, SPEC);
      second.loadState(JSON.parse(saved));
      expect(second.steps).toBe(4);
      expect(second.lr).toBe(expected[4]);
      if (name !== 'adamax') {
        // (tfjs' adamax cannot save its moments: getWeights() throws "not implemented".)
        await opt2.setWeights(await opt1.getWeights());
        const w2 = tf.variable(w1.clone());
        expect(run(opt2, w2, second, 6, 4)).toEqual(expected.slice(4, 10));
        expect(Array.from(w2.dataSync())).toEqual(Array.from(wS.dataSync()));
      }
    });

    it('makes a rate assigned to the field by hand (ignored by tfjs sgd / momentum) the one that trains', () => {
      const optimizer = makeOptimizer(name, 0.1);
      (optimizer as unknown as { learningRate: number }).learningRate = 0.05;
      const schedule = scheduleOptimizer(optimizer, { type: 'step', stepSize: 5 });
      expect(schedule.lr).toBe(0.05);
      if (name !== 'sgd') return; // the update equals -lr * g for sgd alone
      const w = tf.variable(tf.zeros([2]));
      const g = tf.tensor1d([1, 2]);
      optimizer.minimize(() => tf.sum(tf.mul(w, g)), false, [w]);
      expect(Array.from(w.dataSync())).toEqual([Math.fround(-0.05), Math.fround(-0.1)]);
    });

    it('leaks no tensors, and survives tf.tidy around step()', () => {
      const optimizer = makeOptimizer(name, 0.1);
      const w = tf.variable(tf.zeros([2]));
      const cycles = name === 'momentum' || name === 'rmsprop' || name === 'adam' || name === 'adamax';
      const schedule = scheduleOptimizer(optimizer, { type: 'cyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2, cycleMomentum: cycles });
      run(optimizer, w, schedule, 2); // the optimizer makes its slots on the first step
      const before = tf.memory().numTensors;
      for (let k = 0; k < 5; k++) tf.tidy(() => schedule.step());
      run(optimizer, w, schedule, 3);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('refusals', () => {
  it('a non-tfjs optimizer', () => {
    expect(() => scheduleOptimizer({ learningRate: 0.1 } as never, { type: 'step', stepSize: 1 })).toThrow(
      'optimizer: expected a tfjs optimizer made by tf.train.sgd / momentum / adam / adamax / adagrad / adadelta / rmsprop, got Object',
    );
    expect(() => optimizerGroups(null as never)).toThrow(ScheduleSpecError);
  });

  it('a Scheduler with more than one param group', () => {
    const s = createScheduler({ type: 'step', stepSize: 1 }, { paramGroups: [{ lr: 0.1 }, { lr: 0.2 }] });
    expect(() => scheduleOptimizer(tf.train.sgd(0.1), s)).toThrow('schedule: the scheduler drives 2 param groups; a tfjs optimizer has one rate');
  });

  it('a bad spec, naming the option', () => {
    expect(() => scheduleOptimizer(tf.train.adam(0.1), { type: 'cosine-annealing', tmax: 10 })).toThrow("schedule.tmax: unknown option (did you mean 'tMax'?)");
  });

  it("a length left out in a loop of one's own, where no run is known to fill it", () => {
    const run = () => scheduleOptimizer(tf.train.adam(0.1), { type: 'cosine-annealing' });
    expect(run).toThrow(ScheduleSpecError);
    expect(run).toThrow(/^schedule\.tMax: is left out, and the run's step count is not known here/);
  });
});

describe('optimizerGroups', () => {
  it('reads and writes the rate, momentum and betas of the optimizer itself', () => {
    const adam = tf.train.adam(0.1, 0.8, 0.99);
    const g = optimizerGroups(adam).paramGroups[0];
    expect([g.lr, g.betas![0], g.betas![1], Array.isArray(g.betas)]).toEqual([0.1, 0.8, 0.99, true]);
    g.lr = 0.05;
    g.betas![0] = 0.7;
    expect(adam.getConfig()).toMatchObject({ learningRate: 0.05, beta1: 0.7, beta2: 0.99 });
    expect(() => {
      g.betas![1] = 0.5;
    }).toThrow(TypeError);

    const momentum = tf.train.momentum(0.1, 0.9);
    const m = optimizerGroups(momentum).paramGroups[0];
    m.momentum = 0.5;
    expect(momentum.getConfig()).toMatchObject({ learningRate: 0.1, momentum: 0.5 });
    expect(optimizerGroups(tf.train.sgd(0.1)).paramGroups[0]).toEqual({ lr: 0.1 });
  });
});
