import type { Rng } from '@lrkit/core';
import { TrainConfigError } from '../errors';
import { shuffledBatches, type BatchSource } from '../loop/batches';
import { createTrainer } from '../loop/trainer';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import type { LossName, OptimizerName } from '../types';

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
  startLr?: number;
  endLr?: number;
  iterations?: number;
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
 * The LR range test (Smith 2015, as fastai runs it): minibatch after minibatch the rate grows
 * exponentially from startLr to endLr, and the loss of each batch is recorded, smoothed. A copy of the
 * model and a fresh optimizer do the training, so the caller's model keeps its weights.
 */
export function rangeTest(options: RangeTestOptions): RangeTestCurve {
  const startLr = options.startLr ?? RANGE_TEST_DEFAULTS.startLr;
  const endLr = options.endLr ?? RANGE_TEST_DEFAULTS.endLr;
  const iterations = options.iterations ?? RANGE_TEST_DEFAULTS.iterations;
  checkRange(startLr, endLr, iterations);

  const model = Mlp.fromJSON(options.model.toJSON());
  const optimizer = createOptimizer(options.optimizer, model.parameters(), { lr: startLr });
  const trainer = createTrainer({ model, optimizer, loss: options.loss });
  const curve: RangeTestCurve = { lrs: [], losses: [], rawLosses: [], stopped: null, startLr, endLr, iterations };
  try {
    let avg = 0;
    let best = Infinity;
    let i = 0;
    while (i < iterations && curve.stopped === null) {
      // Passes over the data as epochs would: each a fresh permutation from the same stream.
      for (const batch of shuffledBatches(options.trainSet, options.batchSize, options.shuffle)) {
        const lr = startLr * (endLr / startLr) ** (i / iterations);
        optimizer.paramGroups[0]!.lr = lr;
        const lossTensor = trainer.trainStep(batch.x, batch.y);
        batch.x.dispose();
        batch.y.dispose();
        // Read every step: the stopping rule needs the value before the next batch.
        const raw = lossTensor.dataSync()[0]!;
        lossTensor.dispose();
        i += 1;
        avg = BETA * avg + (1 - BETA) * raw;
        const smooth = avg / (1 - BETA ** i);
        curve.lrs.push(lr);
        curve.rawLosses.push(raw);
        curve.losses.push(smooth);
        if (smooth < best) best = smooth;
        if (Number.isNaN(smooth)) curve.stopped = 'nan';
        else if (smooth > DIVERGENCE * best) curve.stopped = 'diverged';
        // Leaving the loop early is free: the generator builds a batch only when asked for it.
        if (i >= iterations || curve.stopped !== null) break;
      }
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  return curve;
}
