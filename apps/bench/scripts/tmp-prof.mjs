import { createRng, tf, useBackend } from '@lrkit/core';
import { Mlp, createOptimizer, createTrainer } from '@lrkit/train';
await useBackend('wasm');
const sizes = [784, 512, 512, 10], batch = 256;
const rng = createRng(7);
const xs = new Float32Array(batch * 784); for (let i = 0; i < xs.length; i++) xs[i] = rng.next();
const ys = new Int32Array(batch); for (let i = 0; i < batch; i++) ys[i] = rng.int(10);
const model = Mlp.create({ sizes, rng: createRng(1) });
const optimizer = createOptimizer('adam', model.parameters(), { lr: 1e-3 });
const trainer = createTrainer({ model, optimizer, loss: 'softmax-ce' });
const x = tf.tensor2d(xs, [batch, 784]); const y = tf.tensor1d(ys, 'int32');
for (let i = 0; i < 3; i++) trainer.trainStep(x, y).dispose();
const N = Number(process.argv[2] ?? 10);
// whole-step timing
const times = [];
for (let i = 0; i < N; i++) { const t0 = performance.now(); const l = trainer.trainStep(x, y); l.dataSync(); l.dispose(); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
const flops = 6 * (784*512 + 512*512 + 512*10) * batch;
console.log(`step ms median ${times[N>>1].toFixed(2)} min ${times[0].toFixed(2)} max ${times[N-1].toFixed(2)}; GFLOP/s at median ${(flops / times[N>>1] / 1e6).toFixed(1)}, at min ${(flops / times[0] / 1e6).toFixed(1)}`);
// per-kernel profile: min over several profiled steps, per (kernel, shapes)
const agg = new Map();
for (let r = 0; r < 5; r++) {
  const info = await tf.profile(() => { trainer.trainStep(x, y).dispose(); });
  const seen = new Map();
  for (const k of info.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const idx = (seen.get(key) ?? 0); seen.set(key, idx + 1);
    const kk = key + '#' + idx;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN;
    const a = agg.get(kk) ?? []; a.push(ms); agg.set(kk, a);
  }
}
let total = 0; const rows = [];
for (const [k, a] of agg) { a.sort((p, q) => p - q); const m = a[a.length >> 1]; total += m; rows.push([m, k]); }
for (const [m, k] of rows) console.log(m.toFixed(3).padStart(8), k);
console.log('sum of kernel medians', total.toFixed(2));
