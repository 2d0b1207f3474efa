import { tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from './create';
import { maxRelDiff, testBackends, torchFixtures } from '../test-support';
import type { OptimizerOptions } from '../types';

const fixtures = torchFixtures();

describe.each(testBackends)('optimizers against PyTorch 1.13 on %s', (backend) => {
  it.each(fixtures.optimizers.map((c) => [c.name, c] as const))('%s: four steps with the group changed between them', async (_name, c) => {
    await useBackend(backend);
    const param = tf.variable(tf.tensor1d(c.initial, 'float32'));
    const opt = createOptimizer(c.optimizer, [param], c.options as OptimizerOptions);
    for (let s = 0; s < c.grads.length; s++) {
      const group = opt.paramGroups[0]!;
      group.lr = c.lrs[s]!;
      if (c.betas1) group.betas = [c.betas1[s]!, group.betas![1]];
      if (c.momenta) group.momentum = c.momenta[s]!;
      const grad = tf.tensor1d(c.grads[s]!, 'float32');
      opt.step([grad]);
      grad.dispose();
      // float32 throughout, rounding after each op as torch does: agreement to a few ulps.
      expect(maxRelDiff(param.dataSync(), c.after[s]!)).toBeLessThan(1e-6);
    }
    expect(opt.stepCount).toBe(c.grads.length);
    opt.dispose();
    param.dispose();
  });

  it('Adam first step moves each parameter by lr against the sign of its gradient (hand-computed)', async () => {
    await useBackend(backend);
    // Step 1: m̂ = g, v̂ = g², so the update is -lr * g / (|g| + eps) ≈ -lr * sign(g).
    const param = tf.variable(tf.tensor1d([1, 1, 1], 'float32'));
    const opt = createOptimizer('adam', [param], { lr: 0.1 });
    const grad = tf.tensor1d([3, -0.5, 1e-3], 'float32');
    opt.step([grad]);
    const p = param.dataSync();
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(1.1, 6);
    expect(p[2]).toBeCloseTo(1 - 0.1 * (1e-3 / (1e-3 + 1e-8)), 6);
    grad.dispose();
    opt.dispose();
    param.dispose();
  });

  it('SGD with momentum: the buffer starts as the first gradient (hand-computed)', async () => {
    await useBackend(backend);
    const param = tf.variable(tf.tensor1d([0], 'float32'));
    const opt = createOptimizer('sgd', [param], { lr: 0.5, momentum: 0.9, dampening: 0.5 });
    const grad = tf.tensor1d([2], 'float32');
    opt.step([grad]); // buf = 2 (dampening ignored on the first step) -> p = -1
    expect(param.dataSync()[0]).toBeCloseTo(-1, 6);
    opt.step([grad]); // buf = 0.9*2 + 0.5*2 = 2.8 -> p = -1 - 1.4
    expect(param.dataSync()[0]).toBeCloseTo(-2.4, 6);
    grad.dispose();
    opt.dispose();
    param.dispose();
  });
});

describe('optimizer options', () => {
  it('rejects Nesterov without momentum, naming the field', () => {
    const param = tf.variable(tf.tensor1d([0], 'float32'));
    expect(() => createOptimizer('sgd', [param], { nesterov: true })).toThrow(/nesterov/);
    expect(() => createOptimizer('adam', [param], { lr: -1 })).toThrow(/lr/);
    expect(() => createOptimizer('adam', [param], { betas: [1, 0.9] })).toThrow(/betas\[0\]/);
    param.dispose();
  });

  it('AdamW defaults to weight decay 1e-2, Adam to 0 (PyTorch defaults)', () => {
    const param = tf.variable(tf.tensor1d([0], 'float32'));
    expect(createOptimizer('adamw', [param]).paramGroups[0]!.weightDecay).toBe(1e-2);
    expect(createOptimizer('adam', [param]).paramGroups[0]!.weightDecay).toBe(0);
    param.dispose();
  });
});
