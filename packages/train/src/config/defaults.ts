// The seed job's settings, read off the field table: what `train({})` and `lrkit train` with no flags run.
import type { TrainConfigFields } from './table';
import { trainConfigFields } from './table';
import { defaultLr, VAL_FRACTION_WHEN_NEEDED } from './names';

type Defaults = { readonly [K in keyof TrainConfigFields as TrainConfigFields[K] extends { default: unknown } ? K : never]: TrainConfigFields[K] extends { default: infer D } ? D : never };

const fieldDefaults = Object.fromEntries(
  Object.entries(trainConfigFields).flatMap(([name, field]) => ('default' in field ? [[name, field.default]] : [])),
) as Defaults;

/**
 * Every field's default, the seed's learning rate (the optimizer's default), and the two that depend on the run: the validation fraction where reduce-on-plateau
 * or early stopping needs one and none was given, and the epochs between checkpoints.
 * `backend: 'auto'` is @lrkit/core's AUTO_BACKEND, written out because this module loads no tfjs (a test
 * keeps them equal).
 */
export const trainDefaults = {
  ...fieldDefaults,
  lr: defaultLr[fieldDefaults.optimizer],
  valFractionWhenNeeded: VAL_FRACTION_WHEN_NEEDED,
  checkpointEvery: trainConfigFields.checkpoint.fields.every.default,
} as const;

/** The default schedule spec (StepLR(10, 0.1)). */
export const defaultSchedule = trainDefaults.schedule;
