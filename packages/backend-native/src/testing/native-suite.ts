// What the shared kernel suite (@lrkit/backend-addon's, run against tfjs's cpu backend) does not cover and the CPU
// backend needs: products large enough to cross every block of the own GEMM and every split over threads.
// PyTorch's optimizer fixtures and training runs at several thread counts on native are @lrkit/train's tests
// (src/backend/native.test.ts): they need the trainer, and @lrkit/train depends on this package.
import { registerBackend, tf, useBackend } from '@lrkit/core';
import { expectSameAsCpu, kernelSuite, values } from '@lrkit/backend-addon/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NativeOptions } from '../config';
import { createNativeBackend, NATIVE, nativeSetup } from '../plugin';

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
}
