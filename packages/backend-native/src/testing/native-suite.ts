// What the shared kernel suite (backend-cuda's, run against tfjs's cpu backend) does not cover and the CPU
// backend needs: products large enough to cross every block of the own GEMM and every split over threads,
// the same numbers with any thread count, PyTorch's optimizer fixtures, and a whole training run twice.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRng, registerBackend, tf, useBackend } from '@lrkit/core';
import { expectSameAsCpu, kernelSuite, values } from '@lrkit/backend-cuda/testing';
import { createOptimizer, createTrainer, Mlp } from '@lrkit/train';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NativeOptions } from '../config';
import { createNativeBackend, NATIVE, nativeSetup } from '../plugin';

interface OptimizerFixture {
  name: string;
  optimizer: 'adam' | 'adamw' | 'sgd';
  options: Record<string, unknown>;
  initial: number[];
  grads: number[][];
  lrs: number[];
  betas1: number[] | null;
  momenta: number[] | null;
  after: number[][];
}

/** PyTorch 1.13's optimizer steps, from @lrkit/train's fixtures (fixtures/make_fixtures.py there). */
function optimizerFixtures(): OptimizerFixture[] {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('@lrkit/train/package.json')), 'fixtures', 'torch-fixtures.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { optimizers: OptimizerFixture[] }).optimizers;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

/** Five Adam steps of a 37-61-23-5 MLP on a batch of 53 (odd sizes): every weight's bits afterwards. */
async function trainBits(): Promise<Float32Array[]> {
  await useBackend(NATIVE);
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

/** Registers the shared kernel suite and the native cases for the backend set up with `options`. */
export function nativeSuite(label: string, options: NativeOptions, expected: { blas: boolean; isa?: string }): void {
  registerBackend(createNativeBackend(options));
  // Both backends set up before any case, so each case can run alone (vitest -t).
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend(NATIVE);
  });

  describe(`native backend (${label})`, () => {
    it('is set up as asked', async () => {
      await useBackend(NATIVE);
      const setup = nativeSetup()!;
      console.log(`backend-native (${label}): ${JSON.stringify(setup)}`);
      expect(setup.blas !== null).toBe(expected.blas);
      if (expected.isa) expect(setup.isa).toBe(expected.isa);
      if (options.threads) expect(setup.threads).toBe(options.threads);
    });
  });

  kernelSuite(NATIVE);

  describe(`native GEMM across blocks and threads (${label})`, () => {
    // K above the own GEMM's 256-deep block, M and N off every register tile and row block.
    const shapes: Array<[number, number, number]> = [[261, 517, 97], [9, 300, 1031], [130, 1, 67], [1, 777, 1]];
    for (const [M, K, N] of shapes) {
      it(`[${M}x${K}] x [${K}x${N}], all four transposes, fused bias and relu`, async () => {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            await expectSameAsCpu(NATIVE, () => {
              const a = tf.tensor(values(ta ? [K, M] : [M, K], `na${M}`), ta ? [K, M] : [M, K]);
              const b = tf.tensor(values(tb ? [N, K] : [K, N], `nb${N}`), tb ? [N, K] : [K, N]);
              return tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias: tf.tensor(values([N], 'nbias'), [N]), activation: 'relu' });
            }, 2e-3, 1e-4);
          }
        }
      });
    }
    it('transposes of the last two axes (tiled), odd sizes, batched', async () => {
      await expectSameAsCpu(NATIVE, () => {
        const x = tf.tensor(values([3, 37, 70], 'tr'), [3, 37, 70]);
        return [tf.transpose(x, [0, 2, 1]), tf.transpose(tf.tensor(values([257, 33], 'tr2'), [257, 33])), tf.transpose(x, [2, 1, 0]), tf.transpose(x, [1, 0, 2])];
      }, 0, 0);
    });
    it('batched products with a broadcast batch', async () => {
      await expectSameAsCpu(NATIVE, () => tf.matMul(tf.tensor(values([3, 70, 300], 'ba'), [3, 70, 300]), tf.tensor(values([1, 300, 41], 'bb'), [1, 300, 41])), 2e-3, 1e-4);
    });
  });

  describe(`native determinism (${label})`, () => {
    it('five training steps give the same bits with 1, 2 and 3 threads, and again', async () => {
      const runs: Float32Array[][] = [];
      for (const threads of [1, 2, 3, 1]) {
        createNativeBackend({ ...options, threads }).setup();
        expect(nativeSetup()!.threads).toBe(threads);
        runs.push(await trainBits());
      }
      createNativeBackend(options).setup();
      for (const run of runs.slice(1)) {
        run.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(runs[0]![i]!.buffer)), `parameter ${i}`).toBe(true));
      }
    });
  });

  describe(`optimizers against PyTorch 1.13 (${label})`, () => {
    for (const c of optimizerFixtures()) {
      it(`${c.name}: four steps with the group changed between them`, async () => {
        await useBackend(NATIVE);
        const param = tf.variable(tf.tensor1d(c.initial, 'float32'));
        const opt = createOptimizer(c.optimizer, [param], c.options);
        for (let s = 0; s < c.grads.length; s++) {
          const group = opt.paramGroups[0]!;
          group.lr = c.lrs[s]!;
          if (c.betas1) group.betas = [c.betas1[s]!, group.betas![1]];
          if (c.momenta) group.momentum = c.momenta[s]!;
          const grad = tf.tensor1d(c.grads[s]!, 'float32');
          opt.step([grad]);
          grad.dispose();
          // The same tolerance as @lrkit/train's own fixture test on cpu and wasm.
          expect(maxRelDiff(param.dataSync(), c.after[s]!)).toBeLessThan(1e-6);
        }
        opt.dispose();
        param.dispose();
      });
    }
  });
}
