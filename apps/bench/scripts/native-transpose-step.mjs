// The MLP's training step on native (784-512-512-10, batch 256, softmax cross-entropy, Adam: the mlp suite's
// job) with the backward pass's transposes passed to the product as flags (the BLAS, or the own GEMM's packing,
// reads the operand in place: what @lrkit/train does on native), against the same step with each transposed
// operand copied first by a Transpose kernel (what it did before, and still does on cpu and cuda). The copy
// path is @lrkit/train's own code unchanged, run on the same addon registered a second time under a name that
// is not in kernels.ts's `takesTransposeFlags`. Interleaved round by round in one process; then both models'
// weights after the same steps, compared bit for bit. Run from apps/bench after `pnpm build`:
// `node scripts/native-transpose-step.mjs [threads] [rounds] [steps per round]` (add LRKIT_NATIVE_BLAS=none
// for the own GEMM).
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { registerAddonBackend } from '@lrkit/backend-addon';
import { createNativeBackend, nativeSetup } from '@lrkit/backend-native';
import { registerBackend, tf, useBackend } from '@lrkit/core';
import { interleavedRounds, med, mlpTrainer, range, syntheticBatch, timeSteps } from './step-rounds.mjs';

const threads = Number(process.argv[2] ?? 1);
const rounds = Number(process.argv[3] ?? 7);
const steps = Number(process.argv[4] ?? 10);
const sizes = [784, 512, 512, 10];
const batch = 256;

registerBackend(createNativeBackend({ threads }));
await useBackend('native');
// The same addon object (Node loads a .node file once per process), so the same pool, BLAS and kernels.
const require = createRequire(import.meta.url);
const addon = require(join(dirname(require.resolve('@lrkit/backend-native')), '..', 'build', 'Release', 'lrkit_native.node'));
const COPIES = 'native-copies';
registerAddonBackend(addon, { name: COPIES, priority: -1 });

function job(backend) {
  tf.setBackend(backend);
  return { backend, ...syntheticBatch(sizes, batch), ...mlpTrainer(sizes) };
}
const jobs = { flags: job('native'), copies: job(COPIES) };
const run = (name, n) => {
  const j = jobs[name];
  tf.setBackend(j.backend);
  return timeSteps(j.trainer, j.x, j.y, n);
};
const ms = interleavedRounds(['flags', 'copies'], run, rounds, steps);
const ratios = ms.copies.map((t, i) => t / ms.flags[i]);
const saved = ms.copies.map((t, i) => t - ms.flags[i]);
const setup = nativeSetup();
console.log(
  `MLP ${sizes.join('-')}, batch ${batch}, Adam, native (${setup.isa}, ${setup.threads} thread(s), ${setup.blas ?? `own GEMM: ${setup.blasWhy}`}): ` +
    `${rounds} interleaved rounds of ${steps} steps, ms a step`,
);
console.log(`  transposes copied first:   ${med(ms.copies).toFixed(2)} ms ${range(ms.copies)}`);
console.log(`  transposes as flags:       ${med(ms.flags).toFixed(2)} ms ${range(ms.flags)}`);
console.log(`  flags ${med(ratios).toFixed(3)}x faster ${range(ratios, 3)}, ${med(saved).toFixed(2)} ms a step saved ${range(saved)}`);

// The same seed and the same steps on both paths: the same weights, bit for bit? (The own GEMM always; OpenBLAS
// on large products, while its small-matrix kernels sum a transposed operand in another order: kernels.ts.)
const weights = (j) => {
  tf.setBackend(j.backend);
  return j.model.parameters().map((p) => p.dataSync());
};
const a = weights(jobs.flags);
const b = weights(jobs.copies);
const differing = a.filter((w, i) => !Buffer.from(w.buffer).equals(Buffer.from(b[i].buffer))).length;
let worst = 0;
a.forEach((w, i) => w.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b[i][j]) / Math.max(1, Math.abs(b[i][j]))))));
console.log(
  `  weights after ${2 + rounds * steps} steps on each path: ` +
    (differing === 0 ? 'identical bit for bit' : `${differing} of ${a.length} parameters differ, by at most ${worst.toExponential(1)} relative`),
);
