// The sweep file, described once: zod checks a file against it, and the published JSON Schema
// (sweep.schema.json, for editors) is generated from it. Its train fields are @lrkit/train's field table.
import { z } from 'zod';
import type { TrainConfig } from '@lrkit/train';
import { choiceValues, helpText, SEARCHABLE_FIELDS, SUMMARY_METRICS, trainConfigFields, type Field, type SearchableField, type SummaryMetric } from '@lrkit/train/config';
import { SWEEP_NAME, SWEEP_NAME_RULE } from './limits';
import { pruneSpec } from './prune/spec';
import { distribution, type Distribution } from './sample/space/distribution';
import { TPE_DEFAULTS } from './sample/tpe/settings';

export { distribution, type Distribution };

/**
 * What a sweep file may write for a train field: its kind and bounds in the table, as zod. Relations
 * between fields and a schedule's own options are train's and @lrkit/schedulers' checks, applied to each
 * expanded trial.
 */
function fieldSchema(field: Field): z.ZodType {
  let s: z.ZodType;
  switch (field.kind) {
    case 'positiveInt':
      s = field.max === undefined ? z.number().int().positive() : z.number().int().positive().max(field.max);
      break;
    case 'nonNegativeInt':
      s = z.number().int().nonnegative().max(field.max);
      break;
    case 'positiveNumber':
      s = field.names ? z.union([z.number().positive(), z.enum(field.names as [string, ...string[]])]) : z.number().positive();
      break;
    case 'nonNegativeNumber':
      s = z.number().nonnegative();
      break;
    case 'fraction':
      s = field.zero ? z.number().gte(0).lt(1) : z.number().gt(0).lt(1);
      break;
    case 'fractionPair':
      s = z.tuple([z.number().gte(0).lt(1), z.number().gte(0).lt(1)]);
      break;
    case 'rates':
      s = z.union([z.number().gte(0).lt(1), z.array(z.number().gte(0).lt(1))]);
      break;
    case 'choice':
      s = z.enum(choiceValues(field) as [string, ...string[]]);
      break;
    case 'name':
      s = z.string().min(1);
      break;
    case 'strings':
      s = z.array(field.emptyItems ? z.string() : z.string().regex(/\S/));
      break;
    case 'character':
      s = z.string().regex(/^[^"\r\n]$/u);
      break;
    case 'sizes':
      s = z.array(z.number().int().positive().max(field.max));
      break;
    case 'spec':
      s = z.record(z.string(), z.unknown());
      break;
    case 'boolean':
      s = z.boolean();
      break;
    case 'group':
      s = z.strictObject(Object.fromEntries(Object.entries(field.fields).map(([name, sub]) => [name, sub.required ? fieldSchema(sub) : fieldSchema(sub).optional()])));
      break;
  }
  return (field.nullable ? s.nullable() : s).describe(helpText(field));
}

/** The train fields a sweep file sets (`train`) and searches (`grid`, `random`, `tpe`): every searchable one in the table. */
export const TRAIN_FIELDS: readonly SearchableField[] = SEARCHABLE_FIELDS;
export type TrainField = SearchableField;
type Setting<K extends TrainField> = Exclude<TrainConfig[K], undefined>;

const trainConfig = z
  .strictObject(Object.fromEntries(TRAIN_FIELDS.map((f) => [f, fieldSchema(trainConfigFields[f]).optional()])))
  .describe('the settings every trial shares') as unknown as z.ZodType<{ [K in TrainField]?: Setting<K> }>;

/** grid: each train field may list the values to try. */
const grid = z.strictObject(
  Object.fromEntries(TRAIN_FIELDS.map((f) => [f, z.array(fieldSchema(trainConfigFields[f])).min(1).optional()])),
) as unknown as z.ZodType<{ [K in TrainField]?: Setting<K>[] }>;

/** The settings a sampler block searches: any searchable field, or one part of one (`schedule.maxLr`, `hidden.0`). */
const searched = Object.fromEntries(TRAIN_FIELDS.map((f) => [f, distribution.optional()]));
type Searched = { [K in TrainField]?: Distribution } & { [part: string]: unknown };

const samplerSeed = z.number().int().nonnegative().optional().describe('seed of the draws (default 0); `seed` is the trials\' train seed');

const random = z
  .object({ samples: z.number().int().min(1, 'at least 1 draw').describe('how many settings to draw'), samplerSeed, ...searched })
  .catchall(distribution) as unknown as z.ZodType<{ samples: number; samplerSeed?: number } & Searched>;

const tpe = z
  .object({
    trials: z.number().int().min(1, 'a budget of at least 1 trial').describe('the trial budget: how many trials TPE runs'),
    samplerSeed,
    startupTrials: z.number().int().nonnegative().optional().describe(`random trials before the estimators take over (default ${TPE_DEFAULTS.startupTrials}, Optuna's n_startup_trials)`),
    eiCandidates: z.number().int().positive().optional().describe(`candidates drawn per trial (default ${TPE_DEFAULTS.eiCandidates}, Optuna's n_ei_candidates)`),
    batch: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('choose trials in batches of this many, each from every trial of the batches before: the same trials at any number of workers (default: each trial from those finished when it starts, as Optuna)'),
    ...searched,
  })
  .catchall(distribution)
  .describe("Tree-structured Parzen Estimator (Optuna's TPESampler, multivariate): each trial's settings from the trials finished before it") as unknown as z.ZodType<
  { trials: number; samplerSeed?: number; startupTrials?: number; eiCandidates?: number; batch?: number } & Searched
>;

// The names of `lrkit train --json`'s metrics, from @lrkit/train (one list for both).
export const METRICS = SUMMARY_METRICS;
export type MetricName = SummaryMetric;

export const sweepFile = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(SWEEP_NAME, SWEEP_NAME_RULE),
  train: trainConfig.optional(),
  grid: grid.optional(),
  random: random.optional(),
  tpe: tpe.optional(),
  metric: z.enum(METRICS).optional().describe('what ranks the trials (default: accuracy)'),
  mode: z.enum(['max', 'min']).optional().describe('default: min for errors and losses (logLoss, rmse, mae, loss, valLoss, testLoss), else max'),
  prune: pruneSpec.optional().describe('stop trials early on the validation metric the sweep ranks by: median, asha or hyperband'),
});
export type SweepFile = z.infer<typeof sweepFile>;

/** The JSON Schema of a sweep file (draft 2020-12), as published in sweep.schema.json. */
export function sweepJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sweepFile, { io: 'input', unrepresentable: 'any' }),
    title: 'lrkit sweep file',
    description: 'A hyperparameter sweep run by `lrkit sweep run FILE`: a base train config, a grid and/or random draws, or TPE trials; a metric.',
  };
}
