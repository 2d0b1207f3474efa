import type { TrainConfig } from '../types';
import { rangeTest, type RangeTestCurve } from './range-test';
import { prepareRun } from './setup';
import { suggestLr, type SuggestMethod, type Suggestion } from './suggest';

export interface LrFindConfig extends Omit<TrainConfig, 'lr' | 'epochs' | 'schedule'> {
  /** Default 1e-7. */
  startLr?: number;
  /** Default 10. */
  endLr?: number;
  /** Minibatches to run; default 100. */
  iterations?: number;
  /** Default 'valley'. */
  suggest?: SuggestMethod;
}

export interface LrFindResult extends RangeTestCurve {
  suggestion: Suggestion;
  backend: string;
  /** The model and data settings the test ran with (train()'s defaults filled in). */
  config: { data: string; target: string; task: string; hidden: number[]; optimizer: string; batchSize: number; seed: number; testFraction: number };
}

/**
 * fastai's `lr_find` for an lrkit training config: the range test on the model `train(config)` would
 * start from (same data, split, scaling, initial weights and shuffling), then a suggested rate.
 */
export async function lrFind(config: LrFindConfig): Promise<LrFindResult> {
  const { startLr, endLr, iterations, suggest = 'valley', ...trainConfig } = config;
  const run = await prepareRun(trainConfig);
  let curve: RangeTestCurve;
  try {
    curve = await rangeTest({
      model: run.model,
      optimizer: run.resolved.optimizer,
      loss: run.loss,
      trainSet: run.trainSet,
      batchSize: run.resolved.batchSize,
      shuffle: run.shuffle,
      ...(startLr !== undefined ? { startLr } : {}),
      ...(endLr !== undefined ? { endLr } : {}),
      ...(iterations !== undefined ? { iterations } : {}),
    });
  } finally {
    run.model.dispose();
  }
  const { data, target, hidden, optimizer, batchSize, seed, testFraction } = run.resolved;
  return {
    ...curve,
    suggestion: suggestLr(curve.lrs, curve.losses, curve.iterations, suggest),
    backend: run.backend,
    // The task trained (given, or detected from the target), not 'auto'.
    config: { data, target, task: run.data.task, hidden, optimizer, batchSize, seed, testFraction },
  };
}
