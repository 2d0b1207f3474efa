// The names and bounds the train config's fields are checked against. No imports: the field table, the
// type and the network-size check (nn/head.ts) read them from here.

export const optimizerNames = ['adam', 'adamw', 'sgd', 'sgd-schedule-free', 'adamw-schedule-free'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

/**
 * The learning rate where none is given: 1e-3 for the classic optimizers; the schedule-free ones at the
 * reference implementation's defaults (SGDScheduleFree lr=1.0, AdamWScheduleFree lr=0.0025), which are
 * far from 1e-3 because their averaging does what a decaying schedule does.
 */
export const defaultLr: Readonly<Record<OptimizerName, number>> = {
  adam: 1e-3,
  adamw: 1e-3,
  sgd: 1e-3,
  'sgd-schedule-free': 1,
  'adamw-schedule-free': 0.0025,
};

/**
 * The schedule, and the rate, where a run gives none, by what it trains (`defaultRecipe` picks):
 * - `seed`: the seed's data (no `data`, no in-memory data set) with a classic optimizer keeps the seed's
 *   recipe, StepLR(10, 0.1) at the optimizer's rate;
 * - `own data`: a user's data with a classic optimizer. StepLR(10, 0.1) brings such a run to 1e-7 by epoch
 *   41, and no fixed rate suits every table (1e-3 under-trains iris in 50 epochs, 1e-2 over-fits diabetes):
 *   the LR range test's rate (fastai's lr_find then fit), annealed by a cosine over the run, came closest to
 *   the best of a 24-trial schedule and rate sweep on seven data sets (the train README's table, made by
 *   scripts/schedule-defaults.mjs). Measured for adam, and for sgd against its 1e-3; adamw takes the same
 *   rule. The pair goes together: a schedule given keeps the optimizer's own rate;
 * - `schedule-free`: the schedule-free optimizers hold their rate (their averaging does what a decaying
 *   schedule does) after a linear warmup over 5 epochs, as the paper warms up: without it schedule-free
 *   SGD diverges at its reference rate on friedman1. Their rates are the reference's (defaultLr).
 */
export const recipeDefaults = {
  seed: { schedule: { type: 'step', stepSize: 10, gamma: 0.1 } },
  'own data': { schedule: { type: 'cosine-annealing' }, lr: 'find' },
  'schedule-free': { schedule: { type: 'warmup', interval: 'epoch', warmupSteps: 5, startFactor: 0.2, schedule: { type: 'constant' } } },
} as const;
export type DefaultRecipe = keyof typeof recipeDefaults;

/** AdamW's weight decay where none is given (PyTorch's); every other optimizer's is 0. */
export const ADAMW_WEIGHT_DECAY = 1e-2;

/** Schedule-free SGD's momentum where none is given (the reference's SGDScheduleFree); plain SGD's is 0. */
export const SGD_SCHEDULE_FREE_MOMENTUM = 0.9;

/** classification (any number of classes) or regression (a numeric target). */
export const taskNames = ['classification', 'regression'] as const;
export type Task = (typeof taskNames)[number];

// @lrkit/core gives every seed up to 2^53-1 its own stream (the high word is kept), so that is the bound.
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * Bounds checked before anything is allocated, so an absurd size is refused in milliseconds rather than
 * found by the allocator minutes later. They are far above what a small-tabular MLP needs.
 */
export const trainLimits = {
  /** Units in one hidden layer. */
  maxLayerSize: 65_536,
  /** Weights and biases in the whole network (float32: 4 bytes each, about 4x that with Adam's state and gradients). */
  maxParameters: 50_000_000,
  /** Floats in one minibatch's widest activation (batch rows x layer width). */
  maxBatchActivations: 64_000_000,
  epochs: 1_000_000,
  /** Native's thread pool (its own bound). */
  threads: 1024,
} as const;

/** The validation fraction where reduce-on-plateau or early stopping needs one and none was given. */
export const VAL_FRACTION_WHEN_NEEDED = 0.1;
