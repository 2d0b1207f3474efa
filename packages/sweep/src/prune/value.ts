// What a pruner compares: the metric the sweep ranks by, measured on the validation split after each epoch.
import { trainDefaults, type EpochLog, type TrainConfig } from '@lrkit/train';
import type { EpochInfo } from '@lrkit/train/internal';
import type { MetricName } from '../schema';

/**
 * The ranking metrics that are losses are compared as the validation loss: `loss` ranks by the last
 * training loss, but a pruner judging on training loss prunes whatever fits slowly (a warmup), not what
 * generalises badly.
 */
const AS_VALIDATION_LOSS: ReadonlySet<MetricName> = new Set(['loss', 'valLoss', 'testLoss']);

/**
 * The value of `metric` after this epoch on the validation split: the loss for the losses, else the
 * task's metric of that name (accuracy, f1, rocAuc, rmse...); undefined where the task has no such
 * metric (rmse of a classifier) or the run has no validation split.
 */
export function pruneValue(metric: MetricName, log: Pick<EpochLog, 'valLoss'>, info: EpochInfo): number | undefined {
  if (AS_VALIDATION_LOSS.has(metric)) return info.validation?.loss ?? log.valLoss;
  const v = (info.validation as Record<string, unknown> | undefined)?.[metric];
  return typeof v === 'number' ? v : undefined;
}

/** The metrics the task of `info` measures on its validation split (for the message of a missing one). */
export function measurable(info: EpochInfo): string[] {
  const v = info.validation as Record<string, unknown> | undefined;
  return v ? Object.keys(v).filter((k) => typeof v[k] === 'number') : ['loss'];
}

/**
 * A trial's config where the sweep prunes: a validation split is carved (train's default fraction for a
 * run that watches one) unless the file sets one; a file that sets none (valFraction 0) is refused, since
 * pruning never judges on the training loss. The split is part of the settings, hence of the trial's id.
 */
export function withValidationSplit(config: TrainConfig): TrainConfig {
  if (config.valFraction === 0) throw new Error('valFraction: 0 leaves no validation split, and the sweep prunes on one: leave valFraction out or set it above 0');
  return config.valFraction === undefined ? { ...config, valFraction: trainDefaults.valFractionWhenNeeded } : config;
}

/** A trial's config as a sweep with or without a pruner runs it (see withValidationSplit). */
export function prunedConfig(spec: { prune?: unknown }, config: TrainConfig): TrainConfig {
  return spec.prune ? withValidationSplit(config) : config;
}

/** The most epochs any of the configs runs (hyperband's full budget unless the file says). */
export function longestRun(configs: readonly TrainConfig[]): number {
  return Math.max(1, ...configs.map((c) => c.epochs ?? trainDefaults.epochs));
}
