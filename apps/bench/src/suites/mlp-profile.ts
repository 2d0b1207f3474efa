// Where an MLP training step's time goes on a backend: the three matmul shapes of one dense layer's
// step (forward x·W, weight gradient xᵀ·dY, input gradient dY·Wᵀ), timed alone in GFLOP/s. A transposed
// operand that runs far slower than the plain product points at the kernel, not at op dispatch.
import { tf } from '@lrkit/core';
import { activate } from '../backends';
import { summarize } from '../stats';
import type { BenchResult } from '../types';
import { now } from './context';

export const MATMUL_VARIANTS = [
  { name: 'x·W (forward)', transposeA: false, transposeB: false },
  { name: 'xᵀ·dY (weight grad, transposeA)', transposeA: true, transposeB: false },
  { name: 'dY·Wᵀ (input grad, transposeB)', transposeA: false, transposeB: true },
] as const;

export async function matmulProfileRows(backend: string, rows: number, inputs: number, outputs: number, reps: number): Promise<BenchResult[]> {
  await activate(backend);
  const x = tf.randomUniform([rows, inputs]);
  const w = tf.randomUniform([inputs, outputs]);
  const dy = tf.randomUniform([rows, outputs]);
  const flops = 2 * rows * inputs * outputs;
  const out: BenchResult[] = [];
  try {
    for (const v of MATMUL_VARIANTS) {
      const [a, b] = v.transposeA ? [x, dy] : v.transposeB ? [dy, w] : [x, w];
      const once = () => {
        const c = tf.matMul(a, b, v.transposeA, v.transposeB);
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
        impl: `tfjs/${backend}`,
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
