// GEMM throughput of the cuda backend through tfjs (dispatch included), for the GEMM choice in the README:
//   LRKIT_CUDA_GEMM=own    node packages/backend-cuda/bench/gemm.mjs
//   LRKIT_CUDA_GEMM=cublas node packages/backend-cuda/bench/gemm.mjs
// Prints one line per shape: M x K x N, ms per product, GFLOP/s.
import { registerBackend, tf, useBackend } from '@lrkit/core';
import { cudaBackend } from '../dist/index.js';

registerBackend(cudaBackend);
await useBackend('cuda');
const shapes = [
  [1024, 784, 1024], [1024, 1024, 1024], [1024, 1024, 10], // the bench MLP's forward products
  [1024, 1024, 784], [784, 1024, 1024], // and the shapes its backward pass multiplies
  [4096, 4096, 4096],
];
console.log(`gemm: ${process.env.LRKIT_CUDA_GEMM || 'own'}`);
for (const [M, K, N] of shapes) {
  const a = tf.randomUniform([M, K]);
  const b = tf.randomUniform([K, N]);
  const once = () => tf.dispose(tf.matMul(a, b));
  for (let i = 0; i < 5; i++) once();
  await tf.matMul(a, b).data(); // drains the stream
  const reps = Math.max(5, Math.min(200, Math.round(2e11 / (2 * M * K * N))));
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) once();
  const last = tf.matMul(a, b);
  await last.data(); // waits for every product queued before it
  const ms = (performance.now() - t0) / (reps + 1);
  console.log(`${M} x ${K} x ${N}: ${ms.toFixed(3)} ms, ${((2 * M * K * N) / ms / 1e6).toFixed(0)} GFLOP/s`);
  tf.dispose([a, b, last]);
}
