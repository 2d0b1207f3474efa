import type { Rng } from '@lrkit/core';
import { TrainConfigError } from '../errors';
import type { BatchSource } from '../loop/batches';
import { runLoop, type LoopHooks } from '../loop/run';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import type { LossName, Optimizer, OptimizerName, OptimizerOptions } from '../types';

/** fastai's defaults: 1e-7 to 10 over 100 minibatches, the loss smoothed with beta 0.98. */
export const RANGE_TEST_DEFAULTS = { startLr: 1e-7, endLr: 10, iterations: 100 } as const;
const BETA = 0.98;
/** The run stops once the smoothed loss exceeds this many times the best so far. */
const DIVERGENCE = 4;

export interface RangeTestOptions {
  /** The model to test: it is copied, and the copy trained; `model` itself is not changed. */
  model: Mlp;
  optimizer: OptimizerName;
  loss: LossName;
  trainSet: BatchSource;
  batchSize: number;
  /** Shuffles the minibatches (a fresh permutation each pass over the data, as an epoch does). */
  shuffle: Rng;
  /**
   * The optimizer's own settings (momentum, betas, weight decay...) as the run will use them, so that the rate
   * found is the rate for that optimizer; `lr` is the test's own (startLr, then growing). Default: the
   * optimizer's defaults.
   */
  settings?: OptimizerOptions;
  startLr?: number;
  endLr?: number;
  iterations?: number;
  /** More hooks on the test's loop (progress, say), run after the test's own; a step hook's 'stop' ends the test. */
  hooks?: readonly LoopHooks[];
}

export interface RangeTestCurve {
  /** The rate of each recorded minibatch: startLr * (endLr / startLr) ** (i / iterations). */
  lrs: number[];
  /** The smoothed (bias-corrected exponential moving average) loss after each minibatch. */
  losses: number[];
  /** Each minibatch's own loss, unsmoothed. */
  rawLosses: number[];
  /** Why the run ended before `iterations`: the smoothed loss passed 4x its best, or turned NaN. */
  stopped: 'diverged' | 'nan' | null;
  startLr: number;
  endLr: number;
  iterations: number;
}

function checkRange(startLr: number, endLr: number, iterations: number): void {
  if (!(Number.isFinite(startLr) && startLr > 0)) throw new TrainConfigError('startLr', `must be a positive number, got ${startLr}`);
  if (!(Number.isFinite(endLr) && endLr > startLr)) throw new TrainConfigError('endLr', `must be a number above startLr (${startLr}), got ${endLr}`);
  // fastai runs at least 6 iterations; fewer leave nothing once the ends are trimmed.
  if (!Number.isInteger(iterations) || iterations < 6) throw new TrainConfigError('iterations', `must be an integer >= 6, got ${iterations}`);
}

/**
 * The rate of step i+1 set after step i, growing exponentially from the optimizer's own (startLr) to endLr;
 * the run stops after `iterations` steps (fastai's LRFinder: its schedule and its end).
 */
function exponentialRate(optimizer: Optimizer, curve: RangeTestCurve): LoopHooks {
  const { startLr, endLr, iterations } = curve;
  return {
    onStep({ globalStep }) {
      if (globalStep >= iterations) return 'stop';
      optimizer.paramGroups[0]!.lr = startLr * (endLr / startLr) ** (globalStep / iterations);
    },
  };
}

/**
 * Records each step's rate and loss, the loss also smoothed (a bias-corrected moving average), and stops the
 * run at the first smoothed loss above 4x the best so far, or NaN. Reads the loss every step: the stopping
 * rule needs it before the next batch.
 */
function recordUntilDivergence(curve: RangeTestCurve): LoopHooks {
  let avg = 0;
  let best = Infinity;
  return {
    onStep({ globalStep, lr, loss }) {
      const raw = loss();
      avg = BETA * avg + (1 - BETA) * raw;
      const smooth = avg / (1 - BETA ** globalStep);
      curve.lrs.push(lr);
      curve.rawLosses.push(raw);
      curve.losses.push(smooth);
      if (smooth < best) best = smooth;
      if (Number.isNaN(smooth)) curve.stopped = 'nan';
      else if (smooth > DIVERGENCE * best) curve.stopped = 'diverged';
      return curve.stopped === null ? undefined : 'stop';
    },
  };
}

/**
 * The LR range test (Smith 2015, as fastai runs it): minibatch after minibatch the rate grows
 * exponentially from startLr to endLr, and the loss of each batch is recorded, smoothed. It is runLoop with
 * the hooks above, over as many passes (epochs) of fresh permutations as `iterations` needs. A copy of the
 * model and a fresh optimizer do the training, so the caller's model keeps its weights. A range it cannot
 * run throws at once, before anything is built.
 */
export function rangeTest(options: RangeTestOptions): Promise<RangeTestCurve> {
  const startLr = options.startLr ?? RANGE_TEST_DEFAULTS.startLr;
  const endLr = options.endLr ?? RANGE_TEST_DEFAULTS.endLr;
  const iterations = options.iterations ?? RANGE_TEST_DEFAULTS.iterations;
  checkRange(startLr, endLr, iterations);
  return run(options, { lrs: [], losses: [], rawLosses: [], stopped: null, startLr, endLr, iterations });
}

async function run(options: RangeTestOptions, curve: RangeTestCurve): Promise<RangeTestCurve> {
  const model = Mlp.fromJSON(options.model.toJSON());
  // The first step runs at startLr: the rate hook sets each later one.
  const optimizer = createOptimizer(options.optimizer, model.parameters(), { ...options.settings, lr: curve.startLr });
  // fastai's DataLoader drops the last partial batch in training: one of a few rows gives a loss far off the
  // curve, which the rules (steep above all) then read as the curve's shape.
  // A training set smaller than one batch is one batch.
  const batchSize = Math.min(options.batchSize, options.trainSet.rows);
  const stepsPerEpoch = Math.floor(options.trainSet.rows / batchSize);
  try {
    await runLoop({
      model,
      optimizer,
      loss: options.loss,
      train: options.trainSet,
      epochs: Math.ceil(curve.iterations / stepsPerEpoch),
      batchSize,
      shuffle: options.shuffle,
      dropLast: true,
      hooks: [recordUntilDivergence(curve), exponentialRate(optimizer, curve), ...(options.hooks ?? [])],
      // Divergence is what the test looks for: the recorder stops the run, the loop must not throw.
      stopOnDivergence: false,
    });
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  return curve;
}
