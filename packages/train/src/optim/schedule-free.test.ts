import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import type { OptimizerName, OptimizerOptions } from '../types';
import { createOptimizer } from './create';
import { maxRelDiff, testBackends } from '../test-support';

interface ScheduleFreeCase {
  name: string;
  optimizer: OptimizerName;
  options: OptimizerOptions;
  initial: number[];
  a: number[];
  b: number[];
  noise: number[][];
  lrs: number[];
  after: number[][];
  z: number[];
  weightSum: number;
  lrMax: number;
}

const fixtures = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'schedule-free-fixtures.json'), 'utf8'),
) as { cases: ScheduleFreeCase[] };

/** Steps `c`'s noisy quadratic, each gradient taken where the optimizer puts the parameters for training. */
function replay(c: ScheduleFreeCase, steps: number, param: tf.Variable, opt: ReturnType<typeof createOptimizer>, from = 0): void {
  const a = tf.tensor1d(c.a, 'float32');
  const b = tf.tensor1d(c.b, 'float32');
  for (let s = from; s < steps; s++) {
    opt.paramGroups[0]!.lr = c.lrs[s]!;
    opt.trainingWeights!(() => {
      const g = tf.tidy(() => tf.add(tf.mul(a, tf.sub(param, b)), tf.tensor1d(c.noise[s]!, 'float32')));
      opt.step([g]);
      g.dispose();
    });
    expect(maxRelDiff(param.dataSync(), c.after[s]!)).toBeLessThan(1e-6);
  }
  a.dispose();
  b.dispose();
}

describe.each(testBackends)('schedule-free optimizers against the paper algorithm in PyTorch on %s', (backend) => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s: x after each of 100 steps', async (_name, c) => {
    await useBackend(backend);
    const param = tf.variable(tf.tensor1d(c.initial, 'float32'));
    const opt = createOptimizer(c.optimizer, [param], c.options);
    replay(c, c.after.length, param, opt);
    const state = opt.stateDict();
    expect(maxRelDiff(state.tensors.z![0]!, c.z)).toBeLessThan(1e-6);
    expect(state.scalars!.weightSum).toBeCloseTo(c.weightSum, 10);
    expect(state.scalars!.lrMax).toBeCloseTo(c.lrMax, 12);
    opt.dispose();
    param.dispose();
  });
});

describe('schedule-free state', () => {
  const c = fixtures.cases[3]!;

  it('a state dict taken mid-run continues bit for bit in a fresh optimizer', () => {
    const straight = tf.variable(tf.tensor1d(c.initial, 'float32'));
    const a = createOptimizer(c.optimizer, [straight], c.options);
    replay(c, 100, straight, a);

    const first = tf.variable(tf.tensor1d(c.initial, 'float32'));
    const b = createOptimizer(c.optimizer, [first], c.options);
    replay(c, 40, first, b);
    const saved = JSON.parse(JSON.stringify({ ...b.stateDict(), tensors: {} })) as ReturnType<typeof b.stateDict>;
    saved.tensors = b.stateDict().tensors;
    const resumed = tf.variable(tf.tensor1d(first.dataSync() as Float32Array, 'float32'));
    const fresh = createOptimizer(c.optimizer, [resumed], c.options);
    fresh.loadStateDict(saved);
    replay(c, 100, resumed, fresh, 40);
    expect(Array.from(resumed.dataSync())).toEqual(Array.from(straight.dataSync()));
    for (const t of [a, b, fresh]) t.dispose();
    for (const t of [straight, first, resumed]) t.dispose();
  });

  it('allocates nothing that outlives a step', () => {
    for (const name of ['sgd-schedule-free', 'adamw-schedule-free'] as const) {
      const param = tf.variable(tf.tensor1d([1, 2, 3], 'float32'));
      const opt = createOptimizer(name, [param], { weightDecay: 0.1 });
      const g = tf.tensor1d([0.5, -1, 2], 'float32');
      opt.trainingWeights!(() => opt.step([g]));
      const live = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) opt.trainingWeights!(() => opt.step([g]));
      expect(tf.memory().numTensors).toBe(live);
      opt.dispose();
      expect(tf.memory().numTensors).toBe(live - (name === 'sgd-schedule-free' ? 1 : 2));
      g.dispose();
      param.dispose();
    }
  });

  it('refuses a step whose gradients were not taken at the training weights', () => {
    const param = tf.variable(tf.tensor1d([1, 2], 'float32'));
    const opt = createOptimizer('sgd-schedule-free', [param]);
    const g = tf.tensor1d([1, 1], 'float32');
    expect(() => opt.step([g])).toThrow(/trainingWeights/);
    g.dispose();
    opt.dispose();
    param.dispose();
  });

  it('holds y inside trainingWeights and x outside, x unchanged when no step is taken', () => {
    const param = tf.variable(tf.tensor1d([1, 3], 'float32'));
    const opt = createOptimizer('sgd-schedule-free', [param], { lr: 0.1, momentum: 0.5 });
    const g = tf.tensor1d([1, -1], 'float32');
    // Step 1 at y = x = z = [1, 3]: z = [0.9, 3.1], c = 1, so x = z.
    opt.trainingWeights!(() => opt.step([g]));
    expect(Array.from(param.dataSync())).toEqual([Math.fround(0.9), Math.fround(3.1)]);
    // Both x and z are [0.9, 3.1] now, so y = x; step 2 then moves z by another 0.1 and x halfway (c = 1/2).
    let inside: number[] = [];
    opt.trainingWeights!(() => {
      inside = Array.from(param.dataSync());
      opt.step([g]);
    });
    expect(inside).toEqual([Math.fround(0.9), Math.fround(3.1)]);
    expect(param.dataSync()[0]).toBeCloseTo(0.85, 6);
    expect(param.dataSync()[1]).toBeCloseTo(3.15, 6);
    // y = 0.5 z + 0.5 x = [0.825, 3.175]; leaving without a step puts x back untouched.
    opt.trainingWeights!(() => {
      expect(param.dataSync()[0]).toBeCloseTo(0.825, 6);
    });
    expect(param.dataSync()[0]).toBeCloseTo(0.85, 6);
    g.dispose();
    opt.dispose();
    param.dispose();
  });

  it('checks its options, naming the field', () => {
    const param = tf.variable(tf.tensor1d([0], 'float32'));
    expect(() => createOptimizer('sgd-schedule-free', [param], { momentum: 1 })).toThrow(/momentum/);
    expect(() => createOptimizer('adamw-schedule-free', [param], { warmupSteps: 1.5 })).toThrow(/warmupSteps/);
    expect(() => createOptimizer('adamw-schedule-free', [param], { r: -1 })).toThrow(/\br\b/);
    expect(createOptimizer('sgd-schedule-free', [param]).paramGroups[0]).toMatchObject({ lr: 1, momentum: 0.9 });
    expect(createOptimizer('adamw-schedule-free', [param]).paramGroups[0]).toMatchObject({ lr: 0.0025, betas: [0.9, 0.999] });
    param.dispose();
  });
});
