// What the two step-comparison scripts (native-transpose-step.mjs, wasm-matmul-step.mjs) share: the mlp
// suite's job as a trainer on one synthetic batch, the timing of n steps, the interleaved rounds and their
// summaries.
import { createRng, tf } from '@lrkit/core';
import { Mlp, createOptimizer, createTrainer } from '@lrkit/train/internal';

/** One synthetic batch (seed 7), on the active backend. */
export function syntheticBatch(sizes, batch) {
  const rng = createRng(7);
  const x = tf.tensor2d(Float32Array.from({ length: batch * sizes[0] }, () => rng.next()), [batch, sizes[0]]);
  const y = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(sizes[sizes.length - 1])), 'int32');
  return { x, y };
}

/** The mlp suite's model (seed 1), Adam 1e-3 and softmax cross-entropy, on the active backend. */
export function mlpTrainer(sizes) {
  const model = Mlp.create({ sizes, rng: createRng(1) });
  const optimizer = createOptimizer('adam', model.parameters(), { lr: 1e-3 });
  return { model, trainer: createTrainer({ model, optimizer, loss: 'softmax-ce' }) };
}

/** Ms a step over n steps, the last one's loss read back (so the work is done, not queued). */
export function timeSteps(trainer, x, y, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const loss = trainer.trainStep(x, y);
    if (i === n - 1) loss.dataSync();
    loss.dispose();
  }
  return (performance.now() - t0) / n;
}

/** Two warm-up steps of each, then `rounds` rounds of `steps` steps, the names taking turns: ms a step by name. */
export function interleavedRounds(names, run, rounds, steps) {
  for (const name of names) run(name, 2);
  const ms = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) for (const name of names) ms[name].push(run(name, steps));
  return ms;
}

export const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
export const range = (a, d = 2) => `[${Math.min(...a).toFixed(d)}..${Math.max(...a).toFixed(d)}]`;
