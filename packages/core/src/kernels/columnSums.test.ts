// LrkitColumnSums (wasm/matmul.wat's colsum) against the product it replaces, 1ᵀ·x by tfjs-wasm's _FusedMatMul:
// the same bits, with column counts that leave a scalar remainder after the 4-lane loop.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../index';
import { useBackend } from '../registry';
import { createRng } from '../rng';
import { LrkitColumnSums } from './columnSums';

describe('LrkitColumnSums on wasm', () => {
  it.each([[1, 1], [7, 3], [5, 8], [256, 512], [33, 10], [256, 13]])('%i x %i: the same bits as a row of ones times x', async (rows, cols) => {
    await useBackend('wasm');
    const rng = createRng(13).fork(`${rows}x${cols}`);
    const x = tf.tensor3d(Float32Array.from({ length: rows * cols }, () => rng.uniform(-1, 1)), [1, rows, cols]);
    const ones = tf.ones([1, 1, rows]);
    const sums = tf.engine().runKernel(LrkitColumnSums, { x }) as tf.Tensor;
    const product = tf.engine().runKernel(tf._FusedMatMul, { a: ones, b: x }, { transposeA: false, transposeB: false, activation: 'linear', leakyreluAlpha: 0 }) as tf.Tensor;
    expect(sums.shape).toEqual([1, 1, cols]);
    expect(new Uint32Array((sums.dataSync() as Float32Array).slice().buffer)).toEqual(new Uint32Array((product.dataSync() as Float32Array).slice().buffer));
    tf.dispose([x, ones, sums, product]);
  });

  it('is registered for wasm only, and is not one a backend plugin must register', async () => {
    const { lrkitKernelNames } = await import('./register');
    expect(tf.getKernel(LrkitColumnSums, 'wasm')).toBeDefined();
    expect(tf.getKernel(LrkitColumnSums, 'cpu')).toBeUndefined();
    expect(lrkitKernelNames).not.toContain(LrkitColumnSums);
  });

  it('rejects a batch of matrices, naming the kernel and the shape', async () => {
    await useBackend('wasm');
    const x = tf.zeros([2, 3, 4]);
    expect(() => tf.engine().runKernel(LrkitColumnSums, { x })).toThrow(/LrkitColumnSums: x must be \[rows, cols\] or \[1, rows, cols\], got \[2, 3, 4\]/);
    x.dispose();
  });
});
