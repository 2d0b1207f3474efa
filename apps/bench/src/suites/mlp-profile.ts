// Where an MLP training step's time goes on a backend: the three matmul shapes of one dense layer's
// step (forward x·W, weight gradient xᵀ·dY, input gradient dY·Wᵀ), timed alone in GFLOP/s. A transposed
// operand that runs far slower than the plain product points at the kernel, not at op dispatch. Where the
// backend has @lrkit/core's LrkitMatMul (wasm), the same three products through it, which is what
// @lrkit/train's MLP runs there (scripts/wasm-matmul-step.mjs profiles the whole step).
import { LrkitMatMul, tf } from '@lrkit/core';
import { activate } from '../backends';
import { summarize } from '../stats';
import type { BenchResult } from '../types';
import { now } from './context';

type T = ReturnType<typeof tf.randomUniform>;

const lrkit = (a: T, b: T, transposeA: boolean, transposeB: boolean): T =>
  tf.engine().runKernel(LrkitMatMul, { a, b }, { transposeA, transposeB, activation: 'linear' }) as T;

/**
 * Each variant computes one product of a dense layer's step from x [rows, in], W [in, out], dY [rows, out];
 * one with `kernel` runs only where the backend registers that kernel, and is lrkit's row.
 */
export const MATMUL_VARIANTS: readonly { name: string; kernel?: string; run(x: T, w: T, dy: T): T }[] = [
  { name: 'x·W (forward)', run: (x, w) => tf.matMul(x, w) },
  { name: 'xᵀ·dY (weight grad, transposeA)', run: (x, _w, dy) => tf.matMul(x, dy, true, false) },
  { name: 'dY·Wᵀ (input grad, transposeB)', run: (_x, w, dy) => tf.matMul(dy, w, false, true) },
  // The same products with the operand transposed first, then a plain product: what a step could do.
  { name: 'xᵀ·dY via tf.transpose, then plain', run: (x, _w, dy) => tf.tidy(() => tf.matMul(tf.transpose(x), dy)) },
  { name: 'dY·Wᵀ via tf.transpose, then plain', run: (_x, w, dy) => tf.tidy(() => tf.matMul(dy, tf.transpose(w))) },
  { name: 'x·W (forward), LrkitMatMul', kernel: LrkitMatMul, run: (x, w) => lrkit(x, w, false, false) },
  { name: 'xᵀ·dY (weight grad), LrkitMatMul, xᵀ read in place', kernel: LrkitMatMul, run: (x, _w, dy) => lrkit(x, dy, true, false) },
  { name: 'dY·Wᵀ (input grad), LrkitMatMul, Wᵀ read in place', kernel: LrkitMatMul, run: (_x, w, dy) => lrkit(dy, w, false, true) },
];

export async function matmulProfileRows(backend: string, threads: number, rows: number, inputs: number, outputs: number, reps: number): Promise<BenchResult[]> {
  await activate(backend, threads);
  const x = tf.randomUniform([rows, inputs]);
  const w = tf.randomUniform([inputs, outputs]);
  const dy = tf.randomUniform([rows, outputs]);
  const flops = 2 * rows * inputs * outputs;
  const out: BenchResult[] = [];
  try {
    for (const v of MATMUL_VARIANTS) {
      if (v.kernel && !tf.getKernel(v.kernel, backend)) continue;
      const once = () => {
        const c = v.run(x, w, dy);
        c.dataSync();
        c.dispose();
      };
      once();
      const gflops: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = now();
        once();
        gflops.push(flops / ((now() - t0) * 1e6));
      }
      const s = summarize(gflops);
      out.push({
        suite: 'mlp',
        impl: `${v.kernel ? 'lrkit' : 'tfjs'}/${backend}`,
        metric: `matMul ${v.name}`,
        value: s.median,
        unit: 'GFLOP/s',
        min: s.min,
        max: s.max,
        samples: s.n,
        better: 'higher',
        status: 'ok',
        note: `${rows}x${inputs} by ${inputs}x${outputs}: where the training step's time goes`,
      });
    }
  } finally {
    tf.dispose([x, w, dy]);
  }
  return out;
}
