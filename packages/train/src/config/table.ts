// The train config, described once. From this table come the TrainConfig and ResolvedTrainConfig types
// (types.ts), the checks and defaults of resolvePlan, the flags of `lrkit train` and `lrkit lr-find` with
// their help, the fields a sweep file sets and searches (with @lrkit/sweep's sweep.schema.json) and the
// settings a checkpoint must share (RESUME_SETTINGS).
//
// Adding a setting is one entry here, e.g.
//
//     labelSmoothing: { kind: 'fraction', zero: true, default: 0, description: 'label smoothing of the loss' },
//
// which makes `TrainConfig.labelSmoothing`, `--label-smoothing <f>` with its help line, the check and the
// default in resolvePlan, and a searchable `labelSmoothing` in sweep files (regenerate sweep.schema.json, see
// @lrkit/sweep's README), and a resume setting (a checkpoint must share it); the training loop then reads
// `config.labelSmoothing`. The field kinds and their options are in fields.ts.
import { defineFields } from './fields';
import { defaultLr, MAX_SEED, optimizerNames, recipeDefaults, taskNames, trainLimits, VAL_FRACTION_WHEN_NEEDED } from './names';


export const trainConfigFields = defineFields({
  data: {
    kind: 'name',
    what: 'a table path',
    arg: 'path',
    description: 'table file: CSV or TSV (delimiter sniffed), JSON records, NDJSON or Parquet, by extension; in a sweep file, relative to the file',
    defaultText: 'the embedded Breast Cancer Wisconsin data',
  },
  target: { kind: 'name', what: 'a column name', arg: 'column', default: 'diagnosis', description: 'target column' },
  // The column plan's options (see @lrkit/data's README): any of them, or a table that is not numbers alone,
  // trains through a plan fitted on the training rows. At their default (absent) a checkpoint leaves them out.
  categorical: {
    kind: 'strings',
    what: 'column names',
    arg: 'columns',
    absentMeansDefault: true,
    description: 'columns read as categories even where they hold numbers (integer codes)',
  },
  ignore: { kind: 'strings', what: 'column names', arg: 'columns', absentMeansDefault: true, description: 'columns left out of the inputs' },
  features: {
    kind: 'strings',
    what: 'column names',
    arg: 'columns',
    absentMeansDefault: true,
    description: 'exactly the input columns (the target aside); every other column is left out',
    defaultText: 'every column but the target, identifiers and columns of gaps',
  },
  na: {
    kind: 'strings',
    what: 'cell texts',
    emptyItems: true,
    arg: 'tokens',
    absentMeansDefault: true,
    description: "cells read as gaps (compared after trimming; an empty item is the empty cell): NA,?, on the command line",
    defaultText: "pandas' list: the empty cell, NA, N/A, NaN, null, None, ...",
  },
  delimiter: {
    kind: 'character',
    what: 'one character other than a quote or a line break',
    absentMeansDefault: true,
    description: "CSV cell delimiter ('\\t' on the command line for a tab)",
    defaultText: "sniffed from the header line: ',', tab, ';' or '|'",
  },
  task: {
    kind: 'choice',
    values: taskNames,
    default: 'auto',
    arg: 'task',
    description: taskNames.join(' | '),
    defaultText: 'from the target: text is classes; a number is regression unless it has few distinct integer values',
  },
  backend: {
    kind: 'name',
    what: "'auto' or a backend's name",
    arg: 'name',
    default: 'auto',
    description: 'tensor backend: auto (native where its addon was built, else wasm), wasm, native, cpu, cuda; see `lrkit backends`',
  },
  epochs: { kind: 'positiveInt', max: trainLimits.epochs, default: 50, description: 'epochs' },
  batchSize: { kind: 'positiveInt', default: 32, description: 'minibatch size' },
  optimizer: { kind: 'choice', values: optimizerNames, default: 'adam', arg: 'name', description: optimizerNames.join(' | ') },
  lr: {
    kind: 'positiveNumber',
    names: ['find'],
    arg: 'rate',
    description: "learning rate, or 'find': run the LR range test on the run's model and data first and train at its valley suggestion",
    defaultText: `the optimizer's: ${Object.entries(defaultLr).map(([name, lr]) => `${lr} for ${name}`).join(', ')}; '${recipeDefaults['own data'].lr}' on your own data without a --schedule`,
  },
  // The optimizer's own settings, PyTorch's names and defaults; each is refused where the optimizer has no such setting.
  momentum: {
    kind: 'fraction',
    absentMeansDefault: true,
    zero: true,
    description: 'sgd, sgd-schedule-free: momentum (the schedule-free averaging\'s)',
    defaultText: '0; sgd-schedule-free: 0.9',
  },
  dampening: { kind: 'fraction', absentMeansDefault: true, zero: true, default: 0, description: 'sgd: dampening of the momentum' },
  nesterov: { kind: 'boolean', absentMeansDefault: true, default: false, description: 'sgd: Nesterov momentum (needs a momentum above 0 and no dampening)' },
  weightDecay: {
    kind: 'nonNegativeNumber',
    absentMeansDefault: true,
    description: 'weight decay: L2 added to the gradient (sgd, adam), decoupled (adamw); at y (schedule-free)',
    defaultText: '0; adamw: 0.01, as PyTorch',
  },
  betas: { kind: 'fractionPair', absentMeansDefault: true, default: [0.9, 0.999], description: "adam, adamw, adamw-schedule-free: the moments' decay rates" },
  eps: { kind: 'positiveNumber', absentMeansDefault: true, default: 1e-8, arg: 'x', description: 'adam, adamw, adamw-schedule-free: added to the denominator' },
  amsgrad: { kind: 'boolean', absentMeansDefault: true, default: false, description: 'adam, adamw: AMSGrad (the running maximum of the second moment)' },
  clipGradNorm: {
    kind: 'positiveNumber',
    absentMeansDefault: true,
    nullable: true,
    default: null,
    arg: 'max',
    description: "clip the gradients' total L2 norm to this before each step (torch.nn.utils.clip_grad_norm_)",
  },
  hidden: {
    kind: 'sizes',
    what: 'a list of layer sizes',
    max: trainLimits.maxLayerSize,
    default: [64],
    description: 'hidden layer sizes: 64 or 64,32 on the command line, [64] or [64, 32] in JSON',
  },
  dropout: {
    kind: 'rates',
    absentMeansDefault: true,
    default: 0,
    description: 'dropout after each hidden layer while training: one rate for all, or one per layer (0.2,0.1; [0.2, 0.1] in JSON)',
  },
  seed: { kind: 'nonNegativeInt', max: MAX_SEED, default: 42, description: 'seed for the split, the initial weights and the shuffling' },
  schedule: {
    kind: 'spec',
    description: 'learning-rate schedule, a @lrkit/schedulers spec (JSON)',
    defaultText: `${JSON.stringify(recipeDefaults.seed.schedule)} on the embedded data (the seed's); ${JSON.stringify(recipeDefaults['own data'].schedule)} on your own data; ${JSON.stringify(recipeDefaults['schedule-free'].schedule)} for the schedule-free optimizers`,
  },
  testFraction: { kind: 'fraction', zero: false, default: 0.2, description: 'fraction of the rows held out for testing' },
  valFraction: {
    kind: 'fraction',
    zero: true,
    description: 'fraction of the training rows held out for validation, watched by pruning, reduce-on-plateau and early stopping',
    defaultText: `${VAL_FRACTION_WHEN_NEEDED} where one of them is used, else 0`,
  },
  earlyStopping: {
    kind: 'positiveInt',
    nullable: true,
    default: null,
    arg: 'patience',
    description: 'stop after this many epochs without a better validation loss, restoring the best weights',
  },
  threads: {
    kind: 'positiveInt',
    max: trainLimits.threads,
    nullable: true,
    sameNumbers: true,
    default: null,
    description: 'threads for the native backend and its BLAS',
    defaultText: 'every core; the numbers are the same at any count',
  },
  checkpoint: {
    kind: 'group',
    nullable: true,
    default: null,
    searchable: false,
    sameNumbers: true,
    description: 'checkpoints: where and how often',
    fields: {
      dir: {
        kind: 'name',
        what: 'a directory path',
        required: true,
        arg: 'dir',
        description: 'write a checkpoint there after every epoch (or every --checkpoint-every)',
      },
      every: { kind: 'positiveInt', default: 1, description: 'epochs between checkpoints' },
    },
  },
  initFrom: {
    kind: 'name',
    what: 'a checkpoint directory or file',
    arg: 'checkpoint',
    searchable: false,
    // A resume continues from its own checkpoint's weights: where this run started from no longer matters.
    sameNumbers: true,
    description:
      "start from this checkpoint's trained weights (fine-tuning): the same features, task, classes and hidden sizes; the optimizer, schedule and epochs start afresh",
  },
  resume: {
    kind: 'boolean',
    default: false,
    searchable: false,
    sameNumbers: true,
    needs: { path: 'checkpoint.dir', why: 'the directory to resume from' },
    description: "continue from --checkpoint-dir's checkpoint (same settings and data): finishes as the uninterrupted run would",
  },
});

export type TrainConfigFields = typeof trainConfigFields;
export type TrainField = keyof TrainConfigFields;

/**
 * The settings a checkpoint must share with the run that resumes it, in the table's order: each changes the
 * numbers. The data is compared by its fingerprint (its content), not by its path.
 */
export const RESUME_SETTINGS = (Object.keys(trainConfigFields) as TrainField[]).filter(
  (name) => name !== 'data' && (trainConfigFields[name] as { sameNumbers?: true }).sameNumbers !== true,
) as ResumeSetting[];
export type ResumeSetting = Exclude<{ [K in TrainField]: TrainConfigFields[K] extends { sameNumbers: true } ? never : K }[TrainField], 'data'>;

/** The fields a sweep file may set and search, in the table's order. */
export const SEARCHABLE_FIELDS = (Object.keys(trainConfigFields) as TrainField[]).filter(
  (name) => (trainConfigFields[name] as { searchable?: false }).searchable !== false,
) as SearchableField[];
export type SearchableField = { [K in TrainField]: TrainConfigFields[K] extends { searchable: false } ? never : K }[TrainField];
