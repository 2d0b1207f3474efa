// The optimizer's settings in a resolved config: which optimizer takes which, the defaults that depend on
// the optimizer, and the rules between them, checked once here so the optimizers get values that are right.
import { canonicalJson } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { OptimizerOptions, TrainConfig } from '../types';
import { trainDefaults } from './defaults';
import { ADAMW_WEIGHT_DECAY, SGD_SCHEDULE_FREE_MOMENTUM, type OptimizerName } from './names';

const adamSettings = ['weightDecay', 'betas', 'eps', 'amsgrad'] as const;

/** The settings each optimizer takes besides lr (PyTorch's constructor arguments; the schedule-free reference's). */
export const optimizerSettings = {
  sgd: ['momentum', 'dampening', 'nesterov', 'weightDecay'],
  adam: adamSettings,
  adamw: adamSettings,
  'sgd-schedule-free': ['momentum', 'weightDecay'],
  'adamw-schedule-free': ['weightDecay', 'betas', 'eps'],
} as const satisfies Record<OptimizerName, readonly (keyof OptimizerOptions)[]>;

type Setting = (typeof optimizerSettings)[OptimizerName][number];
const allOptimizerSettings = [...new Set(Object.values(optimizerSettings).flat())] as Setting[];

// lr may still be 'find' while a config is resolved; the run gives optimizerOptions the rate it found.
/** The resolved config's optimizer fields (every one filled in, weightDecay maybe not yet). */
type Checked = { optimizer: OptimizerName; lr: number | 'find' } & {
  [K in Setting]: K extends keyof OptimizerDefaults ? number | undefined : Exclude<OptimizerOptions[K], undefined>;
};

/** The settings whose default depends on the optimizer. */
export interface OptimizerDefaults {
  /** AdamW's own (PyTorch's), else none. */
  weightDecay: number;
  /** The schedule-free SGD's averaging momentum (the reference's 0.9), else none (PyTorch's SGD). */
  momentum: number;
}

export function optimizerDefaults(optimizer: OptimizerName): OptimizerDefaults {
  return { weightDecay: optimizer === 'adamw' ? ADAMW_WEIGHT_DECAY : 0, momentum: optimizer === 'sgd-schedule-free' ? SGD_SCHEDULE_FREE_MOMENTUM : 0 };
}

/** Every field's default for a run of this optimizer (AdamW's weight decay is its own, for one). */
export function defaultsFor(optimizer: OptimizerName): Readonly<Record<string, unknown>> {
  return { ...trainDefaults, ...optimizerDefaults(optimizer) };
}

/**
 * Fills in the defaults that depend on the optimizer (optimizerDefaults) and refuses, naming the field, a
 * setting given away from its default for an optimizer that has no such setting (momentum 0.9 for adam), and
 * Nesterov without momentum or with dampening (PyTorch's rule).
 */
export function resolveOptimizerSettings(given: TrainConfig, checked: Checked): void {
  const takes: readonly string[] = optimizerSettings[checked.optimizer];
  const defaults = defaultsFor(checked.optimizer);
  for (const name of allOptimizerSettings) {
    // At its default it says nothing (a resolved config, replayed, writes every field out).
    const value = given[name];
    if (value !== undefined && value !== null && !takes.includes(name) && canonicalJson(value) !== canonicalJson(defaults[name])) {
      throw new TrainConfigError(name, `the ${checked.optimizer} optimizer has no ${name} (it takes ${takes.join(', ')})`);
    }
  }
  const own = optimizerDefaults(checked.optimizer);
  checked.weightDecay ??= own.weightDecay;
  checked.momentum ??= own.momentum;
  if (checked.nesterov && (checked.momentum <= 0 || checked.dampening !== 0)) {
    throw new TrainConfigError('nesterov', `Nesterov momentum needs a momentum above 0 and no dampening, got momentum ${checked.momentum} and dampening ${checked.dampening}`);
  }
}

/** What createOptimizer takes for the resolved config's optimizer: lr and its own settings. */
export function optimizerOptions(c: Checked): OptimizerOptions {
  const options: Record<string, unknown> = { lr: c.lr };
  for (const name of optimizerSettings[c.optimizer]) options[name] = c[name];
  return options as OptimizerOptions;
}
