import { tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from './create';
import { checkOptimizerFixture, testBackends, torchFixtures } from '../test-support';

const fixtures = torchFixtures();

describe.each(testBackends)('optimizers against PyTorch 1.13 on %s', (backend) => {
  it.each(fixtures.optimizers.map((c) => [c.name, c] as const))('%s: four steps with the group changed between them', async (_name, c) => {
    await useBackend(backend);
    checkOptimizerFixture(c);
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
