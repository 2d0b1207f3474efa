// The sweep file, described once: zod checks a file against it, and the published JSON Schema
// (sweep.schema.json, for editors) is generated from it.
import { z } from 'zod';
import { optimizerNames, SUMMARY_METRICS, taskNames, trainDefaults, type SummaryMetric } from '@lrkit/train/config';
import { SWEEP_NAME, SWEEP_NAME_RULE } from './limits';

/**
 * Every field train() takes (TrainConfig less its callback). Value checks beyond the type (lr > 0, a
 * schedule's own fields...) are train's and @lrkit/schedulers', applied to each expanded trial.
 */
export const trainFields = {
  data: z.string().min(1).describe('CSV path, relative to the sweep file; absent: the embedded breast-cancer data'),
  target: z.string().min(1).describe(`target column (default: ${trainDefaults.target})`),
  task: z.enum(taskNames as [string, ...string[]]).describe('classification or regression (default: from the target)'),
  backend: z
    .string()
    .min(1)
    .describe("auto (default: native where its addon was built, else wasm; an embedded sweep resolves it once for every trial), wasm, native, cpu, cuda"),
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  optimizer: z.enum(optimizerNames as [string, ...string[]]),
  lr: z.number().positive(),
  hidden: z.array(z.number().int().positive()).min(1).describe('hidden layer sizes, e.g. [64] or [64, 32]'),
  seed: z.number().int().nonnegative(),
  schedule: z.record(z.string(), z.unknown()).describe('a @lrkit/schedulers spec, e.g. {"type": "step", "stepSize": 10, "gamma": 0.1}'),
  testFraction: z.number().gt(0).lt(1),
  valFraction: z.number().gte(0).lt(1).describe('training rows held out for validation (what pruning, reduce-on-plateau and early stopping watch)'),
  earlyStopping: z.number().int().positive().describe('patience in epochs; the best weights are restored'),
  threads: z.number().int().positive().describe('threads for the native backend in each trial (default: every core); the numbers are the same at any count'),
} as const;

export type TrainField = keyof typeof trainFields;
export const TRAIN_FIELDS = Object.keys(trainFields) as TrainField[];

const trainConfig = z.strictObject(trainFields);

/** grid: each train field may list the values to try. */
const grid = z.strictObject(
  Object.fromEntries(TRAIN_FIELDS.map((f) => [f, z.array(trainFields[f]).min(1)])) as { [K in TrainField]: z.ZodArray<(typeof trainFields)[K]> },
);

const logUniform = z.strictObject({
  logUniform: z.tuple([z.number().positive(), z.number().positive()]).describe('[low, high], both > 0: sampled uniformly in log space'),
});
const uniform = z.strictObject({ uniform: z.tuple([z.number(), z.number()]).describe('[low, high]') });
const choice = z.strictObject({ choice: z.array(z.unknown()).min(1) });
export const distribution = z.union([logUniform, uniform, choice]);
export type Distribution = z.infer<typeof distribution>;

const random = z.strictObject({
  samples: z.number().int().positive().describe('how many settings to draw'),
  samplerSeed: z.number().int().nonnegative().optional().describe('seed of the draws (default 0); `seed` is the trials\' train seed'),
  ...Object.fromEntries(TRAIN_FIELDS.map((f) => [f, distribution.optional()])),
}) as z.ZodType<{ samples: number; samplerSeed?: number } & { [K in TrainField]?: Distribution }>;

const prune = z.strictObject({
  median: z.strictObject({
    afterEpochs: z.number().int().positive().describe('no trial is pruned before this epoch'),
    minTrials: z.number().int().positive().optional().describe('completed trials needed before pruning starts (default 3)'),
  }),
});

// The names of `lrkit train --json`'s metrics, from @lrkit/train (one list for both).
export const METRICS = SUMMARY_METRICS;
export type MetricName = SummaryMetric;

export const sweepFile = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(SWEEP_NAME, SWEEP_NAME_RULE),
  train: trainConfig.partial().optional().describe('the settings every trial shares'),
  grid: grid.partial().optional(),
  random: random.optional(),
  metric: z.enum(METRICS).optional().describe('what ranks the trials (default: accuracy)'),
  mode: z.enum(['max', 'min']).optional().describe('default: min for errors and losses (logLoss, rmse, mae, loss, valLoss, testLoss), else max'),
  prune: prune.optional(),
});
export type SweepFile = z.infer<typeof sweepFile>;

/** The JSON Schema of a sweep file (draft 2020-12), as published in sweep.schema.json. */
export function sweepJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sweepFile, { io: 'input', unrepresentable: 'any' }),
    title: 'lrkit sweep file',
    description: 'A hyperparameter sweep run by `lrkit sweep run FILE`: a base train config, a grid and/or random draws, a metric.',
  };
}
