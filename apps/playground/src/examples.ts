/** Specs to start from, one per family of schedules: the "add an example" menu (sized for 100 steps). */
export const EXAMPLES: readonly { name: string; spec: Record<string, unknown> }[] = [
  {
    name: 'linear warmup, then cosine (sequential)',
    spec: { type: 'sequential', milestones: [10], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 10 }, { type: 'cosine-annealing', tMax: 90 }] },
  },
  { name: 'one-cycle (cycles momentum)', spec: { type: 'one-cycle', maxLr: 0.1, totalSteps: 100 } },
  { name: 'warmup, stable, decay (WSD)', spec: { type: 'warmup-stable-decay', warmupSteps: 10, stableSteps: 60, decaySteps: 30, decay: '1-sqrt' } },
  { name: 'cosine with warm restarts (SGDR)', spec: { type: 'cosine-annealing-warm-restarts', t0: 10, tMult: 2, etaMin: 0.001 } },
  { name: 'cyclic, triangular2 (cycles momentum)', spec: { type: 'cyclic', baseLr: 0.001, maxLr: 0.1, stepSizeUp: 10, mode: 'triangular2' } },
  { name: 'step decay', spec: { type: 'step', stepSize: 30, gamma: 0.1 } },
  { name: 'inverse square root after warmup', spec: { type: 'inverse-sqrt', warmupSteps: 10 } },
  { name: 'exponential decay, halved for 20 steps (chained, constant-factor)', spec: { type: 'chained', schedulers: [{ type: 'exponential', gamma: 0.97 }, { type: 'constant-factor', factor: 0.5, totalIters: 20 }] } },
  { name: 'cosine over the whole run (tMax left out: the steps fill it)', spec: { type: 'cosine-annealing', etaMin: 0.001 } },
];
