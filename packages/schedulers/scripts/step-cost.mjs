// Rough cost of one step() for every built-in, and whether steady-state stepping allocates (counted as
// garbage collections during the timed loop). Not a test: `node --expose-gc scripts/step-cost.mjs [steps]`
// after `pnpm --filter @lrkit/schedulers build`. apps/bench holds the real, side-by-side benchmark.
import { PerformanceObserver } from 'node:perf_hooks';
import { createScheduler } from '../dist/index.js';

const N = Number(process.argv[2] ?? 1e6);
const specs = {
  step: { type: 'step', stepSize: 30 },
  'multi-step': { type: 'multi-step', milestones: [100, 200, 300] },
  constant: { type: 'constant' },
  linear: { type: 'linear' },
  exponential: { type: 'exponential', gamma: 0.999999 },
  polynomial: { type: 'polynomial', totalIters: N },
  'cosine-annealing': { type: 'cosine-annealing', tMax: 1000 },
  'cosine-annealing-warm-restarts': { type: 'cosine-annealing-warm-restarts', t0: 10, tMult: 2 },
  cyclic: { type: 'cyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 100 },
  'one-cycle': { type: 'one-cycle', maxLr: 0.1, totalSteps: N + 1e5 },
  'reduce-on-plateau': { type: 'reduce-on-plateau', patience: 5 },
  sequential: { type: 'sequential', milestones: [100], schedulers: [{ type: 'linear' }, { type: 'cosine-annealing', tMax: 1000 }] },
  chained: { type: 'chained', schedulers: [{ type: 'exponential', gamma: 0.999999 }, { type: 'step', stepSize: 30 }] },
  swa: { type: 'swa', swaLr: 0.01 },
  lambda: { type: 'lambda', lrLambda: (e) => 1 / (1 + e) },
  multiplicative: { type: 'multiplicative', lrLambda: () => 0.999999 },
  'warmup-cosine': { type: 'warmup-cosine', warmupSteps: 100, totalSteps: N },
  'warmup-stable-decay': { type: 'warmup-stable-decay', warmupSteps: 100, stableSteps: N / 2, decaySteps: N / 2, decay: 'cosine' },
  'cosine-timm': { type: 'cosine-timm', tInitial: 1000, cycleLimit: 1000 },
};

let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });

const only = process.argv[3];
for (const [name, spec] of Object.entries(specs)) {
  if (only && name !== only) continue;
  const opt = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
  const s = createScheduler(spec, opt);
  const metric = s.needsMetric;
  for (let k = 0; k < 2e4; k++) s.step(metric ? 1 : undefined); // warm up the JIT
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 10));
  gcs = 0;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < N; k++) s.step(metric ? 1 : undefined);
  const ns = Number(process.hrtime.bigint() - t0) / N;
  await new Promise((r) => setTimeout(r, 10));
  console.log(`${name.padEnd(32)} ${ns.toFixed(1).padStart(7)} ns/step   gc during loop: ${gcs}`);
}
