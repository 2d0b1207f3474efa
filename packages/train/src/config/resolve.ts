import { embeddedDataPath } from '@lrkit/data';
import type { CompiledSchedule, Registry } from '@lrkit/schedulers';
import { TrainConfigError } from '../errors';
import type { ResolvedTrainConfig, TrainConfig } from '../types';
import { optimizerNames, taskNames, trainDefaults, trainLimits } from './defaults';
import { planSchedule } from './schedule';

// @lrkit/core gives every seed up to 2^53-1 its own stream (the high word is kept), so that is the bound.
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

function positiveInteger(field: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TrainConfigError(field, `must be a positive integer, got ${String(value)}`);
  }
  if (value > max) throw new TrainConfigError(field, `${value} is more than lrkit allows (at most ${max})`);
  return value;
}

function fraction(field: string, value: unknown, allowZero: boolean): number {
  const ok = typeof value === 'number' && (allowZero ? value >= 0 : value > 0) && value < 1;
  if (!ok) throw new TrainConfigError(field, `must be a number in ${allowZero ? '[0' : '(0'}, 1), got ${String(value)}`);
  return value;
}

/** A resolved config with the schedule spec already parsed and validated (once) against a registry. */
export interface TrainPlan {
  config: ResolvedTrainConfig;
  /** The schedule, compiled once: the loop starts it on the optimizer and checks the run's length with it. */
  schedule: CompiledSchedule;
}

/** How the resolved config names an in-memory data set (`TrainOptions.dataset`). */
export const IN_MEMORY_DATA = '(in memory)';

/**
 * Every default filled in (`trainDefaults`) and every field checked, the schedule included (compiled once:
 * planSchedule). A bad field throws TrainConfigError naming it.
 */
export function resolvePlan(config: TrainConfig, options: { registry?: Registry; inMemory?: boolean } = {}): TrainPlan {
  const d = trainDefaults;
  const epochs = positiveInteger('epochs', config.epochs ?? d.epochs, trainLimits.epochs);
  const batchSize = positiveInteger('batchSize', config.batchSize ?? d.batchSize);
  const lr = config.lr ?? d.lr;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) throw new TrainConfigError('lr', `must be a positive number, got ${String(lr)}`);
  const hidden = config.hidden ?? [...d.hidden];
  if (!Array.isArray(hidden)) throw new TrainConfigError('hidden', 'must be a list of layer sizes');
  hidden.forEach((h, i) => positiveInteger(`hidden[${i}]`, h, trainLimits.maxLayerSize));
  const optimizer = config.optimizer ?? d.optimizer;
  if (!optimizerNames.includes(optimizer)) {
    throw new TrainConfigError('optimizer', `unknown optimizer '${String(optimizer)}' (expected ${optimizerNames.join(', ')})`);
  }
  const seed = config.seed ?? d.seed;
  // The RNG's streams are forked from the seed's low 32 bits: a larger seed would repeat a smaller one's run.
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new TrainConfigError('seed', `must be an integer from 0 to ${MAX_SEED}, got ${String(seed)}`);
  }
  const task = config.task ?? 'auto';
  if (task !== 'auto' && !taskNames.includes(task)) {
    throw new TrainConfigError('task', `unknown task '${String(task)}' (expected ${taskNames.join(' or ')})`);
  }
  const testFraction = fraction('testFraction', config.testFraction ?? d.testFraction, false);
  const earlyStopping = config.earlyStopping === undefined || config.earlyStopping === null ? null : positiveInteger('earlyStopping', config.earlyStopping);
  const schedule = planSchedule(config.schedule ?? { ...d.schedule }, options.registry);
  if (schedule.needsMetric && schedule.interval === 'step') {
    throw new TrainConfigError(
      'schedule',
      "reduce-on-plateau is fed the validation loss once per epoch, so its schedule must step per epoch (\"interval\": \"epoch\")",
    );
  }
  const watched = earlyStopping !== null ? 'earlyStopping' : schedule.needsMetric ? 'reduce-on-plateau' : null;
  const valFraction = fraction('valFraction', config.valFraction ?? (watched ? d.valFractionWhenNeeded : 0), true);
  if (watched && valFraction === 0) {
    throw new TrainConfigError('valFraction', `${watched} watches the validation loss: valFraction must be above 0 (default ${d.valFractionWhenNeeded})`);
  }
  let checkpoint: ResolvedTrainConfig['checkpoint'] = null;
  if (config.checkpoint !== undefined && config.checkpoint !== null) {
    const dir = config.checkpoint?.dir;
    if (typeof dir !== 'string' || dir.trim() === '') throw new TrainConfigError('checkpoint.dir', 'must be a directory path');
    checkpoint = { dir, every: positiveInteger('checkpoint.every', config.checkpoint.every ?? d.checkpointEvery) };
  }
  const resume = config.resume ?? false;
  if (resume && checkpoint === null) throw new TrainConfigError('resume', 'needs checkpoint.dir (the directory to resume from)');
  const backend = config.backend ?? d.backend;
  if (typeof backend !== 'string' || backend.trim() === '') throw new TrainConfigError('backend', `must be 'auto' or a backend's name, got ${String(backend)}`);
  const threads = config.threads === undefined || config.threads === null ? null : positiveInteger('threads', config.threads, trainLimits.threads);
  const target = config.target ?? d.target;
  if (typeof target !== 'string' || target.trim() === '') throw new TrainConfigError('target', 'must be a column name');
  return {
    config: {
      data: config.data ?? (options.inMemory ? IN_MEMORY_DATA : embeddedDataPath),
      target,
      task,
      backend,
      threads,
      epochs,
      batchSize,
      optimizer,
      lr,
      hidden: [...hidden],
      seed,
      schedule: schedule.spec,
      testFraction,
      valFraction,
      earlyStopping,
      checkpoint,
      resume,
    },
    schedule,
  };
}

/** The resolved config alone (`resolvePlan(config).config`). */
export function resolveConfig(config: TrainConfig, options: { registry?: Registry } = {}): ResolvedTrainConfig {
  return resolvePlan(config, options).config;
}
