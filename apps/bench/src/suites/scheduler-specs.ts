// The schedule each built-in is timed with, in lrkit's spec form. apps/bench/python/sched_peer.py builds
// the PyTorch scheduler of the same name with the same options: keep the two in step.
// `steps` is how many step() calls a sample makes (one-cycle must be built for at least that many).

export interface SchedulerBenchSpec {
  name: string;
  spec(steps: number): Record<string, unknown>;
  /** reduce-on-plateau is stepped with a metric. */
  metric?: number;
  /** Has no PyTorch counterpart (lrkit-only schedules are timed without a ratio). */
  noPeer?: boolean;
}

export const SCHEDULER_BENCH_SPECS: readonly SchedulerBenchSpec[] = [
  { name: 'step', spec: () => ({ type: 'step', stepSize: 30, gamma: 0.1 }) },
  { name: 'multi-step', spec: () => ({ type: 'multi-step', milestones: [30, 80], gamma: 0.1 }) },
  { name: 'constant', spec: () => ({ type: 'constant', factor: 0.5, totalIters: 5 }) },
  { name: 'linear', spec: () => ({ type: 'linear', startFactor: 0.5, endFactor: 1, totalIters: 100 }) },
  { name: 'exponential', spec: () => ({ type: 'exponential', gamma: 0.99999 }) },
  { name: 'polynomial', spec: (steps) => ({ type: 'polynomial', totalIters: steps, power: 2 }) },
  { name: 'cosine-annealing', spec: () => ({ type: 'cosine-annealing', tMax: 1000, etaMin: 0 }) },
  { name: 'cosine-annealing-warm-restarts', spec: () => ({ type: 'cosine-annealing-warm-restarts', t0: 100, tMult: 2, etaMin: 0 }) },
  { name: 'cyclic', spec: () => ({ type: 'cyclic', baseLr: 0.001, maxLr: 0.1, stepSizeUp: 100 }) },
  { name: 'one-cycle', spec: (steps) => ({ type: 'one-cycle', maxLr: 0.1, totalSteps: steps + 1 }) },
  { name: 'reduce-on-plateau', spec: () => ({ type: 'reduce-on-plateau', mode: 'min', patience: 10 }), metric: 1 },
  {
    name: 'sequential',
    spec: () => ({
      type: 'sequential',
      schedulers: [
        { type: 'linear', startFactor: 0.1, totalIters: 10 },
        { type: 'exponential', gamma: 0.99999 },
      ],
      milestones: [10],
    }),
  },
  {
    name: 'chained',
    spec: () => ({
      type: 'chained',
      schedulers: [
        { type: 'step', stepSize: 30, gamma: 0.5 },
        { type: 'exponential', gamma: 0.99999 },
      ],
    }),
  },
  { name: 'swa', spec: () => ({ type: 'swa', swaLr: 0.05, annealEpochs: 10, annealStrategy: 'cos' }) },
  // Functions, so programmatic only; PyTorch's LambdaLR / MultiplicativeLR with the same lambdas.
  { name: 'lambda', spec: () => ({ type: 'lambda', lrLambda: (epoch: number) => 0.99999 ** epoch }) },
  { name: 'multiplicative', spec: () => ({ type: 'multiplicative', lrLambda: () => 0.99999 }) },
  // Beyond PyTorch: timed on their own (no ratio).
  { name: 'warmup', spec: () => ({ type: 'warmup', warmupSteps: 100, schedule: { type: 'cosine-annealing', tMax: 1000 } }), noPeer: true },
  { name: 'warmup-cosine', spec: (steps) => ({ type: 'warmup-cosine', warmupSteps: 100, totalSteps: steps + 200, minLr: 0.001 }), noPeer: true },
  { name: 'cosine-with-restarts', spec: (steps) => ({ type: 'cosine-with-restarts', warmupSteps: 100, totalSteps: steps + 200, cycles: 4 }), noPeer: true },
  { name: 'inverse-sqrt', spec: () => ({ type: 'inverse-sqrt', warmupSteps: 100 }), noPeer: true },
  {
    name: 'warmup-stable-decay',
    spec: (steps) => ({ type: 'warmup-stable-decay', warmupSteps: 100, stableSteps: Math.floor(steps / 2), decaySteps: steps, decay: 'cosine' }),
    noPeer: true,
  },
  { name: 'cosine-timm', spec: () => ({ type: 'cosine-timm', tInitial: 1000, cycleLimit: 3, warmupT: 50, noiseRange: [100], noiseSeed: 1 }), noPeer: true },
  { name: 'exponential-decay', spec: () => ({ type: 'exponential-decay', decaySteps: 100, decayRate: 0.96, staircase: true }), noPeer: true },
  { name: 'piecewise-constant', spec: () => ({ type: 'piecewise-constant', boundaries: [100, 1000], values: [1, 0.5, 0.1] }), noPeer: true },
  { name: 'inverse-time', spec: () => ({ type: 'inverse-time', decaySteps: 100, decayRate: 0.5 }), noPeer: true },
];
