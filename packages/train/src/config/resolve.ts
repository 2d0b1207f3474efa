import { embeddedDataPath } from '@lrkit/data';
import type { CompiledSchedule, Registry } from '@lrkit/schedulers';
import { TrainConfigError } from '../errors';
import type { ResolvedTrainConfig, TrainConfig } from '../types';
import { checkFields } from './check';
import { defaultRate, defaultRecipe } from './defaults';
import { recipeDefaults, VAL_FRACTION_WHEN_NEEDED, type DefaultRecipe, type OptimizerName } from './names';
import { resolveOptimizerSettings } from './optimizer';
import { planSchedule } from './schedule';
import { trainConfigFields } from './table';

export { MAX_SEED } from './names';

/** A resolved config with the schedule spec already parsed and validated (once) against a registry. */
export interface TrainPlan {
  config: ResolvedTrainConfig;
  /** The schedule, compiled once: the loop starts it on the optimizer and checks the run's length with it. */
  schedule: CompiledSchedule;
  /** Where no schedule was given: whose default it is (recipeDefaults), so the run can say so. */
  scheduleDefault?: DefaultRecipe;
}

/** How the resolved config names an in-memory data set (`TrainOptions.dataset`). */
export const IN_MEMORY_DATA = '(in memory)';

/**
 * Every field checked and every default filled in, by the field table (table.ts), then what relates fields:
 * the schedule (compiled once: planSchedule) and the validation split it or early stopping watches. A bad
 * field throws TrainConfigError naming it.
 */
export function resolvePlan(config: TrainConfig, options: { registry?: Registry; inMemory?: boolean } = {}): TrainPlan {
  const checked = checkFields(trainConfigFields, config as Record<string, unknown>);
  const optimizer = checked.optimizer as OptimizerName;
  const seedData = checked.data === undefined && !options.inMemory;
  const scheduleDefault = checked.schedule === undefined ? defaultRecipe(optimizer, seedData) : undefined;
  // A copy of the default, as the table's defaults are: the resolved config is the caller's to change.
  const schedule = planSchedule(scheduleDefault ? structuredClone(recipeDefaults[scheduleDefault].schedule) : checked.schedule, options.registry);
  const resolved = {
    ...checked,
    data: checked.data ?? (options.inMemory ? IN_MEMORY_DATA : embeddedDataPath),
    schedule: schedule.spec,
    lr: checked.lr ?? defaultRate(optimizer, scheduleDefault),
  } as ResolvedTrainConfig;
  resolveOptimizerSettings(config, resolved);
  checkDropout(resolved);
  if (schedule.needsMetric && schedule.interval === 'step') {
    throw new TrainConfigError(
      'schedule',
      "reduce-on-plateau is fed the validation loss once per epoch, so its schedule must step per epoch (\"interval\": \"epoch\")",
    );
  }
  const watched = resolved.earlyStopping !== null ? 'earlyStopping' : schedule.needsMetric ? 'reduce-on-plateau' : null;
  if (checked.valFraction === undefined) resolved.valFraction = watched ? VAL_FRACTION_WHEN_NEEDED : 0;
  else if (watched && resolved.valFraction === 0) {
    throw new TrainConfigError('valFraction', `${watched} watches the validation loss: valFraction must be above 0 (default ${VAL_FRACTION_WHEN_NEEDED})`);
  }
  return { config: resolved, schedule, ...(scheduleDefault ? { scheduleDefault } : {}) };
}

/** A list of rates is one per hidden layer; a network without hidden layers has nothing to drop out. */
function checkDropout({ dropout, hidden }: ResolvedTrainConfig): void {
  if (Array.isArray(dropout) && dropout.length !== hidden.length) {
    throw new TrainConfigError('dropout', `lists ${dropout.length} rates for ${hidden.length} hidden layers: give one per layer, or one number for all`);
  }
  if (hidden.length === 0 && dropout !== 0) throw new TrainConfigError('dropout', 'a network without hidden layers has no layer to drop out');
}

/** Each hidden layer's dropout rate (a number applies to every layer). */
export function dropoutRates({ dropout, hidden }: Pick<ResolvedTrainConfig, 'dropout' | 'hidden'>): number[] {
  return Array.isArray(dropout) ? [...dropout] : hidden.map(() => dropout);
}

/** The resolved config alone (`resolvePlan(config).config`). */
export function resolveConfig(config: TrainConfig, options: { registry?: Registry } = {}): ResolvedTrainConfig {
  return resolvePlan(config, options).config;
}
