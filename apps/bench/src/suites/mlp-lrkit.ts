// lrkit's side of the MLP suite: its low-level training API (Mlp.create from sizes, createOptimizer,
// createTrainer with softmax cross-entropy, trainStep on tensors).
import { createRng, tf } from '@lrkit/core';
import { Mlp, createOptimizer, createTrainer } from '@lrkit/train/internal';
import { syntheticBatch, type Stepper } from './mlp-common';

/** A stepper for the MLP suite: one model, optimizer and batch, trained `n` steps per call. */
export async function lrkitMlpStepper(sizes: readonly number[], batch: number): Promise<Stepper> {
  const data = syntheticBatch(sizes, batch);
  const model = Mlp.create({ sizes: [...sizes], rng: createRng(1) });
  const optimizer = createOptimizer('adam', model.parameters(), { lr: 1e-3 });
  const trainer = createTrainer({ model, optimizer, loss: 'softmax-ce' });
  const x = tf.tensor2d(data.x, [batch, data.inputs]);
  const y = tf.tensor1d(data.labels, 'int32');
  return {
    async steps(n) {
      let last: tf.Tensor | undefined;
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = trainer.trainStep(x, y);
      }
      // Reading the last loss waits for the work on an asynchronous backend (as trainOnBatch does).
      await last?.data();
      last?.dispose();
    },
    dispose() {
      x.dispose();
      y.dispose();
      optimizer.dispose();
      model.dispose();
    },
  };
}
