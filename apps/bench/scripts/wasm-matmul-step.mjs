// The MLP's training step on wasm (784-512-512-10, batch 256, softmax cross-entropy, Adam: the mlp suite's
// job) with @lrkit/core's LrkitMatMul and LrkitColumnSums, against the same step with them unregistered, where
// @lrkit/train's MLP runs tfjs-wasm's _FusedMatMul (XNNPACK) on transposes copied first and bias gradients as
// products by a row of ones: what it did before. Interleaved round by
// round in one process; then both models' weights after the same steps, compared bit for bit; then where the
// new step's time goes (tf.profile, per kernel, median of 5 profiled steps). Run from apps/bench after
// `pnpm build`: `node scripts/wasm-matmul-step.mjs [rounds] [steps per round]`.
import { LrkitColumnSums, LrkitMatMul, tf, useBackend } from '@lrkit/core';
import { interleavedRounds, med, mlpTrainer, range, syntheticBatch, timeSteps } from './step-rounds.mjs';

const rounds = Number(process.argv[2] ?? 7);
const steps = Number(process.argv[3] ?? 10);
const sizes = [784, 512, 512, 10];
const batch = 256;
await useBackend('wasm');
const kernels = [LrkitMatMul, LrkitColumnSums].map((name) => tf.getKernel(name, 'wasm'));
if (!kernels.every(Boolean)) throw new Error('LrkitMatMul or LrkitColumnSums is not registered for wasm: build @lrkit/core first');
const withKernel = (on, fn) => {
  if (!on) for (const k of kernels) tf.unregisterKernel(k.kernelName, 'wasm');
  try {
    return fn();
  } finally {
    if (!on) for (const k of kernels) tf.registerKernel(k);
  }
};

const { x, y } = syntheticBatch(sizes, batch);
const jobs = { lrkit: mlpTrainer(sizes), xnnpack: mlpTrainer(sizes) };
const run = (name, n) => withKernel(name === 'lrkit', () => timeSteps(jobs[name].trainer, x, y, n));
const ms = interleavedRounds(['lrkit', 'xnnpack'], run, rounds, steps);
// The mlp suite's count (src/suites/mlp-common.ts): 6 FLOPs a weight, 4 in the first layer (no input gradient).
const flops = (6 * sizes.slice(1).reduce((s, out, i) => s + sizes[i] * out, 0) - 2 * sizes[0] * sizes[1]) * batch;
const gflops = (a) => a.map((t) => flops / t / 1e6);
const ratios = ms.xnnpack.map((t, i) => t / ms.lrkit[i]);
console.log(`MLP ${sizes.join('-')}, batch ${batch}, Adam, wasm: ${rounds} interleaved rounds of ${steps} steps, ms a step (GFLOP/s as the mlp suite counts them)`);
for (const name of ['xnnpack', 'lrkit']) {
  const what = name === 'lrkit' ? 'LrkitMatMul, transposes read in place, LrkitColumnSums' : 'tfjs-wasm _FusedMatMul, transposes copied, ones products';
  console.log(`  ${what}: ${med(ms[name]).toFixed(2)} ms ${range(ms[name])}, ${med(gflops(ms[name])).toFixed(1)} GFLOP/s ${range(gflops(ms[name]), 1)}`);
}
console.log(`  lrkit's kernels ${med(ratios).toFixed(2)}x faster ${range(ratios)}`);

// The same seed and the same steps on both paths: the same weights, bit for bit.
const bits = (m) => m.parameters().map((p) => new Uint32Array(p.dataSync().slice().buffer));
const same = bits(jobs.lrkit.model).every((w, i) => {
  const other = bits(jobs.xnnpack.model)[i];
  return w.length === other.length && w.every((v, j) => v === other[j]);
});
console.log(`  weights after ${2 + rounds * steps} steps on each path: ${same ? 'identical bit for bit' : 'DIFFERENT'}`);

// Where the new step's time goes.
const byKernel = new Map();
for (let r = 0; r < 5; r++) {
  const info = await tf.profile(() => jobs.lrkit.trainer.trainStep(x, y).dispose());
  const total = new Map();
  for (const k of info.kernels) total.set(k.name, (total.get(k.name) ?? 0) + k.kernelTimeMs);
  for (const [name, t] of total) byKernel.set(name, [...(byKernel.get(name) ?? []), t]);
}
console.log('  per kernel, ms a step (median of 5 profiled steps):');
for (const [name, t] of [...byKernel].sort((p, q) => med(q[1]) - med(p[1]))) console.log(`    ${name} ${med(t).toFixed(2)} ${range(t)}`);
if (!same) process.exit(1);
