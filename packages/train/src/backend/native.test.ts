// @lrkit/train on the native backend (moved here from backend-native's suite, which cannot depend on this
// package now that this one loads it): PyTorch 1.13's optimizer fixtures, and five training steps that give
// the same bits at 1, 2 and 3 threads, in each of the native set-ups users get: the system BLAS with the
// best instruction set, the portable loops without BLAS, and the own GEMM split over more threads than cores.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { checkNativeAvailability, createNativeBackend, nativeSetup, type NativeAddon, type NativeOptions } from '@lrkit/backend-native';
import { registerAddonBackend } from '@lrkit/backend-addon';
import { values } from '@lrkit/backend-addon/testing';
import { createRng, tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../loop/trainer';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import { checkOptimizerFixture, maxRelDiff, torchFixtures } from '../test-support';
import { registerOptionalBackends } from './optional';

const NATIVE = 'native';
const availability = checkNativeAvailability();
const setups: Array<[string, NativeOptions]> = [
  ['BLAS if installed, best instruction set, 2 threads', { threads: 2 }],
  ['portable loops, no BLAS, 1 thread', { threads: 1, blas: 'none', isa: 'base' }],
  ['no BLAS, best instruction set, 3 threads', { threads: 3, blas: 'none' }],
];

/** Sets the process's native addon up as `options` says (a plugin's set-up reconfigures it). */
async function configure(options: NativeOptions): Promise<void> {
  await registerOptionalBackends();
  await useBackend(NATIVE);
  await createNativeBackend(options).setup();
}

/**
 * The native addon registered a second time under a name that is not in kernels.ts's `takesTransposeFlags`:
 * the same kernels, pool and BLAS, with the backward pass's transposed operands copied first, as on cpu.
 */
const COPIES = 'native-copies';
let copiesRegistered = false;
function registerCopies(): void {
  if (copiesRegistered) return;
  const require = createRequire(import.meta.url);
  const addonPath = join(dirname(require.resolve('@lrkit/backend-native')), '..', 'build', 'Release', 'lrkit_native.node');
  registerAddonBackend(require(addonPath) as NativeAddon, { name: COPIES, priority: -1 });
  copiesRegistered = true;
}

/** Five Adam steps of a 37-61-23-5 MLP on a batch of 53 (odd sizes): every weight's bits afterwards. */
function trainBits(): Float32Array[] {
  const rng = createRng(3);
  const x = tf.tensor2d(values([53, 37], 'tx'), [53, 37]);
  const y = tf.tensor1d(Int32Array.from({ length: 53 }, () => rng.int(5)), 'int32');
  const model = Mlp.create({ sizes: [37, 61, 23, 5], rng: createRng(11) });
  const optimizer = createOptimizer('adam', model.parameters(), { lr: 1e-2 });
  const trainer = createTrainer({ model, optimizer, loss: 'softmax-ce' });
  for (let s = 0; s < 5; s++) trainer.trainStep(x, y).dispose();
  const out = model.parameters().map((p) => p.dataSync() as Float32Array);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return out;
}

if (!availability.available) console.warn(`train on native: skipped: ${availability.reason}`);

describe.skipIf(!availability.available)('@lrkit/train on the native backend', () => {
  for (const [label, options] of setups) {
    describe(label, () => {
      it('five training steps give the same bits with 1, 2 and 3 threads, and again', async () => {
        const runs: Float32Array[][] = [];
        for (const threads of [1, 2, 3, 1]) {
          await configure({ ...options, threads });
          expect(nativeSetup()!.threads).toBe(threads);
          runs.push(trainBits());
        }
        for (const run of runs.slice(1)) {
          run.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(runs[0]![i]!.buffer)), `parameter ${i}`).toBe(true));
        }
      });

      it('transposes passed to the product as flags: the copies\' bits on the own GEMM, within rounding on a BLAS', async () => {
        await configure(options);
        const flags = trainBits();
        registerCopies();
        await tf.setBackend(COPIES);
        let copies: Float32Array[];
        try {
          copies = trainBits();
        } finally {
          await tf.setBackend(NATIVE);
        }
        // native runs no Transpose kernel in a training step; the copies' registration does.
        const kernelsOfAStep = async (backend: string) => {
          await tf.setBackend(backend);
          try {
            return (await tf.profile(() => trainBits())).kernelNames;
          } finally {
            await tf.setBackend(NATIVE);
          }
        };
        expect(await kernelsOfAStep(NATIVE)).not.toContain('Transpose');
        expect(await kernelsOfAStep(COPIES)).toContain('Transpose');
        // OpenBLAS's small-matrix kernels sum a transposed operand in another order (kernels.ts).
        const ownGemm = nativeSetup()!.blas === null;
        flags.forEach((w, i) => {
          if (ownGemm) expect(Buffer.from(w.buffer).equals(Buffer.from(copies[i]!.buffer)), `parameter ${i}`).toBe(true);
          else expect(maxRelDiff(w, copies[i]!), `parameter ${i}`).toBeLessThan(1e-5);
        });
      });

      for (const c of torchFixtures().optimizers) {
        it(`${c.name} against PyTorch 1.13: four steps with the group changed between them`, async () => {
          await configure(options);
          // The same check, and tolerance, as the fixture test on cpu and wasm (optimizers.test.ts).
          checkOptimizerFixture(c);
        });
      }
    });
  }
});
