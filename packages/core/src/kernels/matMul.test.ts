// LrkitMatMul (wasm/matmul.wat) against tfjs-wasm's own _FusedMatMul on the same product, with the transposed
// operand copied first as the MLP did before: the same bits, on shapes that leave remainders in every loop
// (m % 4, n % 8) and on the MLP's power-of-two shapes; and within float32 rounding of tfjs-cpu.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../index';
import { useBackend } from '../registry';
import { createRng } from '../rng';
import { LrkitMatMul } from './matMul';

function values(n: number, seed: string): Float32Array {
  const rng = createRng(11).fork(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

interface Case {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  bias: boolean;
  activation: 'linear' | 'relu';
}

/** The product on the active backend, by tfjs's _FusedMatMul (transposes materialised) or LrkitMatMul. */
function product(c: Case, kernel: string): Float32Array {
  const a = tf.tensor3d(values(c.m * c.k, 'a'), c.transposeA ? [1, c.k, c.m] : [1, c.m, c.k]);
  const b = tf.tensor3d(values(c.k * c.n, 'b'), c.transposeB ? [1, c.n, c.k] : [1, c.k, c.n]);
  const bias = c.bias ? tf.tensor1d(values(c.n, 'bias')) : undefined;
  const attrs = { transposeA: c.transposeA, transposeB: c.transposeB, activation: c.activation, leakyreluAlpha: 0 };
  let out: tf.Tensor;
  if (kernel === LrkitMatMul) {
    out = tf.engine().runKernel(LrkitMatMul, { a, b, ...(bias ? { bias } : {}) }, attrs) as tf.Tensor;
  } else {
    const at = c.transposeA ? tf.transpose(a, [0, 2, 1]) : a;
    const bt = c.transposeB ? tf.transpose(b, [0, 2, 1]) : b;
    out = tf.engine().runKernel(tf._FusedMatMul, { a: at, b: bt, ...(bias ? { bias } : {}) }, { ...attrs, transposeA: false, transposeB: false }) as tf.Tensor;
    if (at !== a) at.dispose();
    if (bt !== b) bt.dispose();
  }
  expect(out.shape).toEqual([1, c.m, c.n]);
  const result = (out.dataSync() as Float32Array).slice();
  tf.dispose([a, b, out, ...(bias ? [bias] : [])]);
  return result;
}

const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 8, 8], [13, 17, 19], [9, 2, 16], [6, 33, 10], [64, 64, 64]];
const cases: Case[] = [];
for (const [m, k, n] of shapes) {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      const i = cases.length;
      cases.push({ m, k, n, transposeA, transposeB, bias: i % 2 === 0, activation: i % 3 === 0 ? 'relu' : 'linear' });
    }
  }
}
// The MLP's products at 784-512-512-10, batch 256: forward, weight gradient (Aᵀ), input gradient (Bᵀ).
cases.push(
  { m: 256, k: 784, n: 512, transposeA: false, transposeB: false, bias: true, activation: 'relu' },
  { m: 784, k: 256, n: 512, transposeA: true, transposeB: false, bias: false, activation: 'linear' },
  { m: 256, k: 512, n: 512, transposeA: false, transposeB: true, bias: false, activation: 'linear' },
  { m: 512, k: 256, n: 10, transposeA: true, transposeB: false, bias: false, activation: 'linear' },
);

describe('LrkitMatMul on wasm', () => {
  for (const c of cases) {
    const label = `${c.m}x${c.k}x${c.n}${c.transposeA ? ' Aᵀ' : ''}${c.transposeB ? ' Bᵀ' : ''}${c.bias ? ' +bias' : ''} ${c.activation}`;
    it(`${label}: the same bits as tfjs-wasm's _FusedMatMul${c.m * c.k * c.n > 1e6 ? '' : ', close to tfjs-cpu'}`, async () => {
      await useBackend('wasm');
      const ours = product(c, LrkitMatMul);
      const xnnpack = product(c, tf._FusedMatMul);
      expect(new Uint32Array(ours.buffer)).toEqual(new Uint32Array(xnnpack.buffer));
      // tfjs-cpu takes seconds on the MLP's shapes: the bit-for-bit check above covers them.
      if (c.m * c.k * c.n > 1e6) return;
      await useBackend('cpu');
      const reference = product(c, tf._FusedMatMul);
      for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - reference[i]!)).toBeLessThan(1e-5 * Math.max(1, c.k));
    });
  }

  it('returns its scratch: fifty products leave the heap as large as one did', async () => {
    await useBackend('wasm');
    const memory = (tf.backend() as unknown as { wasm: { asm: { memory: WebAssembly.Memory } } }).wasm.asm.memory;
    const a = tf.tensor3d(values(300 * 200, 'a'), [1, 200, 300]);
    const b = tf.tensor3d(values(200 * 500, 'b'), [1, 500, 200]);
    const once = () => (tf.engine().runKernel(LrkitMatMul, { a, b }, { transposeA: true, transposeB: true, activation: 'linear' }) as tf.Tensor).dispose();
    once();
    const bytes = memory.buffer.byteLength;
    // Each call takes 0.65 MB of scratch (both operands packed): fifty unreturned would grow the heap by 32 MB.
    for (let i = 0; i < 50; i++) once();
    expect(memory.buffer.byteLength).toBe(bytes);
    tf.dispose([a, b]);
  });

  it('rejects mismatched inner sizes and a wrong bias, naming them', async () => {
    await useBackend('wasm');
    const a = tf.zeros([1, 2, 3]);
    const b = tf.zeros([1, 4, 5]);
    const bias = tf.zeros([4]);
    const attrs = { transposeA: false, transposeB: false, activation: 'linear' };
    expect(() => tf.engine().runKernel(LrkitMatMul, { a, b }, attrs)).toThrow(/a gives 3 columns to multiply, b 4 rows/);
    expect(() => tf.engine().runKernel(LrkitMatMul, { a, b: a }, { ...attrs, transposeB: true, activation: 'sigmoid' })).toThrow(
      /activation must be 'linear' or 'relu', got 'sigmoid'/,
    );
    expect(() => tf.engine().runKernel(LrkitMatMul, { a, b: a, bias }, { ...attrs, transposeB: true })).toThrow(/bias must be float32 \[2\]/);
    tf.dispose([a, b, bias]);
  });

  it('is registered for wasm only, and is not one a backend plugin must register', async () => {
    const { lrkitKernelNames } = await import('./register');
    expect(tf.getKernel(LrkitMatMul, 'wasm')).toBeDefined();
    expect(tf.getKernel(LrkitMatMul, 'cpu')).toBeUndefined();
    expect(lrkitKernelNames).not.toContain(LrkitMatMul);
  });
});
