// The seed job's settings, read off the field table: what `train({})` and `lrkit train` with no flags run.
import type { TrainConfigFields } from './table';
import { trainConfigFields } from './table';
import { defaultLr, recipeDefaults, VAL_FRACTION_WHEN_NEEDED, type DefaultRecipe, type OptimizerName } from './names';

type Defaults = { readonly [K in keyof TrainConfigFields as TrainConfigFields[K] extends { default: unknown } ? K : never]: TrainConfigFields[K] extends { default: infer D } ? D : never };

const fieldDefaults = Object.fromEntries(
  Object.entries(trainConfigFields).flatMap(([name, field]) => ('default' in field ? [[name, field.default]] : [])),
) as Defaults;

/**
 * Every field's default, the seed's learning rate (the optimizer's default) and schedule, and the two that depend on the run: the validation fraction where reduce-on-plateau
 * or early stopping needs one and none was given, and the epochs between checkpoints.
 * `backend: 'auto'` is @lrkit/core's AUTO_BACKEND, written out because this module loads no tfjs (a test
 * keeps them equal).
 */
export const trainDefaults = {
  ...fieldDefaults,
  lr: defaultLr[fieldDefaults.optimizer],
  schedule: recipeDefaults.seed.schedule,
  valFractionWhenNeeded: VAL_FRACTION_WHEN_NEEDED,
  checkpointEvery: trainConfigFields.checkpoint.fields.every.default,
} as const;

/** The seed job's schedule spec (StepLR(10, 0.1)); `recipeDefaults` says which schedule a run without one gets. */
export const defaultSchedule = trainDefaults.schedule;

/** Which of `recipeDefaults` a run without a schedule gets. */
export function defaultRecipe(optimizer: OptimizerName, seedData: boolean): DefaultRecipe {
  if (optimizer === 'sgd-schedule-free' || optimizer === 'adamw-schedule-free') return 'schedule-free';
  return seedData ? 'seed' : 'own data';
}

/**
 * The rate where none is given. The own-data recipe is a pair: the range test's rate ('find') with its
 * schedule; beside a schedule of the user's (one-cycle's maxLr, say) the rate is the optimizer's own.
 */
export function defaultRate(optimizer: OptimizerName, scheduleDefault: DefaultRecipe | undefined): number | 'find' {
  return scheduleDefault === 'own data' ? recipeDefaults['own data'].lr : defaultLr[optimizer];
}
