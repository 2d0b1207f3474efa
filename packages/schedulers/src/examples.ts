// One representative spec per built-in: the list lrkit-bench times and checks against PyTorch, and the
// allocation test steps. Written once here so that a new built-in without an example fails a test
// (examples.test.ts checks the list against the registry) instead of going untimed.
import type { ScheduleFunction, ScheduleSpecs, ScheduleType } from './spec/typed.js';

/**
 * A function option (lambda's lrLambda) cannot be JSON. These serialise as a name instead, the name under
 * which packages/schedulers/python/torch_schedulers.py (LAMBDAS) holds the same function, so the spec's
 * JSON builds the same PyTorch scheduler there.
 */
function named(name: string, fn: ScheduleFunction): ScheduleFunction {
  return Object.assign(fn, { toJSON: () => name });
}

/**
 * An example spec: a built-in's `type` and its options. Typed loosely on purpose: the options are checked
 * against the built-in's fields where they are written (below), and the deep union of ScheduleSpecNode
 * would make every caller's type checker walk the recursive spec types.
 */
export interface ExampleSpec {
  /** A built-in's name (a ScheduleType; typed as a string for the reason above). */
  type: string;
  [option: string]: unknown;
}

type Examples = { [T in ScheduleType]: (steps: number) => ScheduleSpecs[T] };

// Typed per schedule, so an option misspelt here, or a built-in left out, is a compile error. Options are
// chosen to keep every schedule doing work over 20k-100k steps (decaying, cycling, restarting) without
// underflowing, and for the PyTorch built-ins to be PyTorch's arguments one for one.
const EXAMPLES: Examples = {
  step: () => ({ stepSize: 30, gamma: 0.1 }),
  'multi-step': () => ({ milestones: [30, 80], gamma: 0.1 }),
  constant: () => ({}),
  'constant-factor': () => ({ factor: 0.5, totalIters: 5 }),
  linear: () => ({ startFactor: 0.5, endFactor: 1, totalIters: 100 }),
  exponential: () => ({ gamma: 0.99999 }),
  polynomial: (steps) => ({ totalIters: steps, power: 2 }),
  'cosine-annealing': () => ({ tMax: 1000, etaMin: 0 }),
  'cosine-annealing-warm-restarts': () => ({ t0: 100, tMult: 2, etaMin: 0 }),
  cyclic: () => ({ baseLr: 0.001, maxLr: 0.1, stepSizeUp: 100 }),
  // One step past the run: one-cycle refuses a step beyond totalSteps.
  'one-cycle': (steps) => ({ maxLr: 0.1, totalSteps: steps + 1 }),
  'reduce-on-plateau': () => ({ mode: 'min', patience: 10 }),
  sequential: () => ({
    schedulers: [
      { type: 'linear', startFactor: 0.1, totalIters: 10 },
      { type: 'exponential', gamma: 0.99999 },
    ],
    milestones: [10],
  }),
  chained: () => ({
    schedulers: [
      { type: 'step', stepSize: 30, gamma: 0.5 },
      { type: 'exponential', gamma: 0.99999 },
    ],
  }),
  swa: () => ({ swaLr: 0.05, annealEpochs: 10, annealStrategy: 'cos' }),
  lambda: () => ({ lrLambda: named('pow099999', (epoch) => 0.99999 ** epoch) }),
  multiplicative: () => ({ lrLambda: named('mul099999', () => 0.99999) }),
  warmup: () => ({ warmupSteps: 100, schedule: { type: 'cosine-annealing', tMax: 1000 } }),
  'warmup-cosine': (steps) => ({ warmupSteps: 100, totalSteps: steps + 200, minLr: 0.001 }),
  'cosine-with-restarts': (steps) => ({ warmupSteps: 100, totalSteps: steps + 200, cycles: 4 }),
  'inverse-sqrt': () => ({ warmupSteps: 100 }),
  'warmup-stable-decay': (steps) => ({ warmupSteps: 100, stableSteps: Math.floor(steps / 2), decaySteps: steps, decay: 'cosine' }),
  'cosine-timm': () => ({ tInitial: 1000, cycleLimit: 3, warmupT: 50, noiseRange: [100], noiseSeed: 1 }),
  'exponential-decay': () => ({ decaySteps: 100, decayRate: 0.96, staircase: true }),
  'piecewise-constant': () => ({ boundaries: [100, 1000], values: [1, 0.5, 0.1] }),
  'inverse-time': () => ({ decaySteps: 100, decayRate: 0.5 }),
};

/**
 * One representative spec per built-in schedule, in the registry's order, each valid for at least
 * `totalSteps` step() calls. Functions (lambda, multiplicative) serialise to JSON as the name of the same
 * function in the PyTorch translation (`python/torch_schedulers.py`). A fresh list on every call: the
 * specs are the caller's to change.
 */
export function exampleSpecs(totalSteps: number): ExampleSpec[] {
  if (!Number.isSafeInteger(totalSteps) || totalSteps < 1) throw new RangeError(`exampleSpecs: totalSteps must be a whole number >= 1, got ${totalSteps}`);
  return (Object.keys(EXAMPLES) as ScheduleType[]).map((type) => ({ type, ...EXAMPLES[type](totalSteps) }));
}
