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
];
