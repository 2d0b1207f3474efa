import { createRng, tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import { createTrainer } from './trainer';
import { testBackends } from '../test-support';

describe.each(testBackends)('trainStep on %s', (backend) => {
  it('the next forward pass sees the updated weights (no stale cached weights) and leaks no tensors', async () => {
    await useBackend(backend);
    const model = Mlp.create({ sizes: [6, 8, 1], rng: createRng(1) });
    const optimizer = createOptimizer('adam', model.parameters(), { lr: 0.05 });
    const trainer = createTrainer({ model, optimizer, loss: 'sigmoid-bce' });
    const rng = createRng(2);
    const x = tf.tensor2d(Array.from({ length: 24 }, () => rng.uniform(-1, 1)), [4, 6]);
    const y = tf.tensor3d([1, 0, 1, 0], [1, 4, 1]);
    const x3 = tf.reshape(x, [1, 4, 6]);
    for (let i = 0; i < 3; i++) trainer.trainStep(x, y).dispose();
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const l = trainer.trainStep(x, y);
      losses.push(l.dataSync()[0]!);
      l.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    // Fitting 4 rows with a big lr: the loss must fall step after step.
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]!);
    const fresh = Mlp.fromJSON(model.toJSON());
    const a = model.forward(x3);
    const b = fresh.forward(x3);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    for (const t of [a, b, x, x3, y]) t.dispose();
    fresh.dispose();
    optimizer.dispose();
    model.dispose();
  });

  it('trains a softmax cross-entropy MLP (the bench model, small)', async () => {
    await useBackend(backend);
    const model = Mlp.create({ sizes: [10, 16, 16, 3], rng: createRng(3) });
    const optimizer = createOptimizer('sgd', model.parameters(), { lr: 0.1, momentum: 0.9 });
    const trainer = createTrainer({ model, optimizer, loss: 'softmax-ce' });
    const rng = createRng(4);
    const x = tf.tensor2d(Array.from({ length: 80 }, () => rng.uniform(-1, 1)), [8, 10]);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32');
    const first = trainer.trainStep(x, y);
    let last = first;
    for (let i = 0; i < 30; i++) {
      if (last !== first) last.dispose();
      last = trainer.trainStep(x, y);
    }
    expect(last.dataSync()[0]!).toBeLessThan(first.dataSync()[0]! * 0.5);
    for (const t of [first, last, x, y]) t.dispose();
    optimizer.dispose();
    model.dispose();
  });
});
