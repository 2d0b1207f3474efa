// The Adam update of one 784x512 weight on the wasm backend: the WebAssembly SIMD kernel that
// LrkitAdamUpdate now runs (packages/core/wasm/updates.wat), against the JavaScript loop over heap views it
// replaced (reproduced here op for op), interleaved round by round. Run from apps/bench after `pnpm build`.
import { LrkitAdamUpdate, tf, useBackend } from '@lrkit/core';

await useBackend('wasm');
const backend = tf.backend();
const n = 784 * 512;
const make = () => tf.tensor1d(Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.01));
const [p, g, m, v] = [make(), make(), make(), make()];
const f = Math.fround;

function jsLoop() {
  const outInfo = backend.makeOutput([n], 'float32');
  const [pp, gg, mm, vv, out] = [p, g, m, v, outInfo].map((t) => backend.typedArrayFromHeap(t));
  const b1 = f(0.9), b2 = f(0.999), o1 = f(0.1), o2 = f(0.001), eps = f(1e-8), bc = f(0.03), neg = f(-0.01);
  for (let i = 0; i < n; i++) {
    const gi = gg[i];
    const mi = f(f(mm[i] * b1) + f(o1 * gi));
    const vi = f(f(vv[i] * b2) + f(f(o2 * gi) * gi));
    mm[i] = mi;
    vv[i] = vi;
    out[i] = f(pp[i] + f(neg * f(mi / f(f(f(Math.sqrt(vi)) / bc) + eps))));
  }
  backend.disposeData(outInfo.dataId);
}

const attrs = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 3, decoupledWeightDecay: false };
const simd = () => tf.engine().runKernel(LrkitAdamUpdate, { param: p, grad: g, expAvg: m, expAvgSq: v }, attrs).dispose();
const time = (fn, k = 20) => {
  const t = performance.now();
  for (let i = 0; i < k; i++) fn();
  return (performance.now() - t) / k;
};
time(jsLoop, 3);
time(simd, 3);
const js = [];
const sm = [];
for (let r = 0; r < 7; r++) {
  js.push(time(jsLoop));
  sm.push(time(simd));
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const range = (a) => `[${Math.min(...a).toFixed(2)}..${Math.max(...a).toFixed(2)}]`;
const ratios = js.map((x, i) => x / sm[i]);
console.log(
  `Adam update of ${n} floats on wasm, 7 interleaved rounds of 20: JS loop over heap views ${med(js).toFixed(2)} ms ${range(js)}, ` +
    `SIMD kernel ${med(sm).toFixed(2)} ms ${range(sm)}; SIMD ${med(ratios).toFixed(2)}x faster ${range(ratios)}`,
);
