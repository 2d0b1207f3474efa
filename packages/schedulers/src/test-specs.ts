// Specs that exercise every built-in, shared by the resume and property tests (not part of the build:
// only tests import it).
export interface SpecCase {
  name: string;
  spec: Record<string, unknown>;
  steps: number;
  /** metrics are needed (reduce-on-plateau somewhere) */
  metric?: boolean;
  adam?: boolean;
}

export const SPEC_CASES: SpecCase[] = [
  { name: 'step', spec: { type: 'step', stepSize: 3, gamma: 0.5 }, steps: 20 },
  { name: 'multi-step', spec: { type: 'multi-step', milestones: [2, 5, 5, 9] }, steps: 15 },
  { name: 'constant', spec: { type: 'constant' }, steps: 10 },
  { name: 'constant-factor', spec: { type: 'constant-factor', factor: 0.5, totalIters: 4 }, steps: 10 },
  { name: 'linear', spec: { type: 'linear', startFactor: 0.1, totalIters: 6 }, steps: 10 },
  { name: 'exponential', spec: { type: 'exponential', gamma: 0.9 }, steps: 20 },
  { name: 'polynomial', spec: { type: 'polynomial', totalIters: 8, power: 2 }, steps: 12 },
  { name: 'cosine-annealing', spec: { type: 'cosine-annealing', tMax: 7, etaMin: 0.001 }, steps: 30 },
  { name: 'cosine-annealing-warm-restarts', spec: { type: 'cosine-annealing-warm-restarts', t0: 3, tMult: 2, stepsPerEpoch: 3 }, steps: 40 },
  { name: 'cyclic', spec: { type: 'cyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: 'triangular2' }, steps: 30 },
  { name: 'one-cycle', spec: { type: 'one-cycle', maxLr: [0.1, 0.2], totalSteps: 25, threePhase: true }, steps: 25 },
  { name: 'one-cycle adam', spec: { type: 'one-cycle', maxLr: 0.003, totalSteps: 16 }, steps: 16, adam: true },
  { name: 'reduce-on-plateau', spec: { type: 'reduce-on-plateau', patience: 1, cooldown: 1, factor: 0.5, minLr: 0.001 }, steps: 30, metric: true },
  {
    name: 'sequential',
    spec: { type: 'sequential', milestones: [4, 10], schedulers: [{ type: 'linear', startFactor: 0.2, totalIters: 4 }, { type: 'cosine-annealing', tMax: 6 }, { type: 'exponential', gamma: 0.8 }] },
    steps: 20,
  },
  {
    name: 'chained',
    spec: { type: 'chained', schedulers: [{ type: 'exponential', gamma: 0.95 }, { type: 'step', stepSize: 3, gamma: 0.5 }] },
    steps: 15,
  },
  {
    name: 'plateau inside sequential',
    spec: { type: 'sequential', milestones: [5], schedulers: [{ type: 'linear', startFactor: 0.2, totalIters: 5 }, { type: 'reduce-on-plateau', patience: 1 }] },
    steps: 25,
    metric: true,
  },
  {
    name: 'plateau inside chained',
    spec: { type: 'chained', schedulers: [{ type: 'cosine-annealing', tMax: 20 }, { type: 'reduce-on-plateau', patience: 2, factor: 0.5 }] },
    steps: 25,
    metric: true,
  },
  { name: 'swa', spec: { type: 'swa', swaLr: 0.02, annealEpochs: 5 }, steps: 12 },
  { name: 'warmup', spec: { type: 'warmup', warmupSteps: 4, schedule: { type: 'cosine-annealing', tMax: 10 } }, steps: 20 },
  { name: 'warmup exponential', spec: { type: 'warmup', warmupSteps: 5, mode: 'exponential', schedule: { type: 'one-cycle', maxLr: 0.2, totalSteps: 10 } }, steps: 15 },
  { name: 'warmup-cosine', spec: { type: 'warmup-cosine', warmupSteps: 3, totalSteps: 15, minLr: 0.001 }, steps: 20 },
  { name: 'cosine-with-restarts', spec: { type: 'cosine-with-restarts', warmupSteps: 2, totalSteps: 20, cycles: 3 }, steps: 25 },
  { name: 'inverse-sqrt', spec: { type: 'inverse-sqrt', warmupSteps: 4 }, steps: 20 },
  { name: 'warmup-stable-decay', spec: { type: 'warmup-stable-decay', warmupSteps: 3, stableSteps: 5, decaySteps: 6, decay: '1-sqrt' }, steps: 20 },
  {
    name: 'cosine-timm',
    spec: { type: 'cosine-timm', tInitial: 6, cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3, warmupT: 2, warmupLrInit: 0.001, kDecay: 1.5, noiseRange: [3, 20] },
    steps: 40,
  },
  { name: 'exponential-decay', spec: { type: 'exponential-decay', decaySteps: 4, decayRate: 0.5, staircase: true }, steps: 12 },
  { name: 'piecewise-constant', spec: { type: 'piecewise-constant', boundaries: [3, 8], values: [1, 0.5, 0.1] }, steps: 12 },
  { name: 'inverse-time', spec: { type: 'inverse-time', decaySteps: 2, decayRate: 0.5 }, steps: 12 },
  { name: 'lambda', spec: { type: 'lambda', lrLambda: (e: number) => 0.9 ** e }, steps: 10 },
  { name: 'multiplicative', spec: { type: 'multiplicative', lrLambda: [() => 0.9, (e: number) => (e % 2 ? 1 : 0.5)] }, steps: 10 },
];

/** A deterministic metric sequence with plateaus. */
export function metricAt(k: number): number {
  return 1 / (1 + Math.floor(k / 4)) + (k % 3) * 0.01;
}
