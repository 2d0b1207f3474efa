import type { TrainConfig } from '../types';
import { optimizerOptions } from '../config/optimizer';
import { rangeTest, type RangeTestCurve, type RangeTestOptions } from './range-test';
import { prepareRun } from './setup';
import { TrainConfigError } from '../errors';
import { suggestAll, SUGGEST_METHODS, type FoundLr, type SuggestMethod, type Suggestion } from './suggest';

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
  /** The `suggest` rule's suggestion (the rate `train({lr: 'find'})` trains at). */
  suggestion: Suggestion;
  /** Every rule's suggestion from the same curve, in SUGGEST_METHODS order. */
  suggestions: Record<SuggestMethod, Suggestion>;
  backend: string;
  /** The model and data settings the test ran with (train()'s defaults filled in). */
  config: { data: string; target: string; task: string; hidden: number[]; optimizer: string; batchSize: number; seed: number; testFraction: number };
}

/** The rule lr-find suggests by and `lr: 'find'` trains at unless told otherwise: fastai's default, valley. */
export const DEFAULT_SUGGEST: SuggestMethod = 'valley';

/**
 * The range test at fastai's defaults on `options.model` (a copy is trained), and its DEFAULT_SUGGEST rate:
 * fastai's `lr_find` then `fit` in one step. The caller's shuffle stream is drawn from: give it one of its own.
 */
export async function findLr(options: Omit<RangeTestOptions, 'startLr' | 'endLr' | 'iterations'>): Promise<FoundLr> {
  const curve = await rangeTest(options);
  const suggestions = suggestAll(curve.lrs, curve.losses, curve.iterations);
  return { lr: suggestions[DEFAULT_SUGGEST].lr, method: DEFAULT_SUGGEST, suggestions };
}

/**
 * fastai's `lr_find` for an lrkit training config: the range test on the model `train(config)` would
 * start from (same data, split, scaling, initial weights and shuffling), then a suggested rate.
 */
export async function lrFind(config: LrFindConfig): Promise<LrFindResult> {
  const { startLr, endLr, iterations, suggest = DEFAULT_SUGGEST, ...trainConfig } = config;
  if (!SUGGEST_METHODS.includes(suggest)) throw new TrainConfigError('suggest', `unknown rule '${String(suggest)}' (expected ${SUGGEST_METHODS.join(', ')})`);
  const run = await prepareRun(trainConfig);
  let curve: RangeTestCurve;
  try {
    curve = await rangeTest({
      model: run.model,
      optimizer: run.resolved.optimizer,
      settings: optimizerOptions(run.resolved),
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
  const suggestions = suggestAll(curve.lrs, curve.losses, curve.iterations);
  return {
    ...curve,
    suggestion: suggestions[suggest],
    suggestions,
    backend: run.backend,
    // The task trained (given, or detected from the target), not 'auto'.
    config: { data, target, task: run.data.task, hidden, optimizer, batchSize, seed, testFraction },
  };
}
