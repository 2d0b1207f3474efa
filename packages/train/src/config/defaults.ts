// Every default, name list and bound of a training run, written once: resolveConfig applies them, the CLI
// prints them in its help and builds its choices from them.
import type { OptimizerName, Task } from '../types';

export const optimizerNames: readonly OptimizerName[] = ['adam', 'adamw', 'sgd'];
export const taskNames: readonly Task[] = ['classification', 'regression'];

/** The seed job: what `train({})` and `lrkit train` with no flags run. */
export const trainDefaults = {
  target: 'diagnosis',
  /**
   * The automatic choice: @lrkit/core's AUTO_BACKENDS rule (native where its addon was built, else wasm). The
   * name is core's AUTO_BACKEND, written out here because this module loads no tfjs (a test keeps them equal).
   */
  backend: 'auto',
  epochs: 50,
  batchSize: 32,
  optimizer: 'adam' as OptimizerName,
  lr: 1e-3,
  hidden: [64] as readonly number[],
  seed: 42,
  schedule: { type: 'step', stepSize: 10, gamma: 0.1 } as const,
  testFraction: 0.2,
  /** The validation fraction where reduce-on-plateau or early stopping needs one and none was given. */
  valFractionWhenNeeded: 0.1,
  checkpointEvery: 1,
} as const;

/** The default schedule spec (StepLR(10, 0.1)), as a fresh object. */
export const defaultSchedule = trainDefaults.schedule;

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

// The run summary's metric names and their computation (no tfjs either): the CLI's --json line and sweeps share them.
export { summarizeMetrics, SUMMARY_METRICS, LOWER_IS_BETTER, type MetricsSummary, type SummaryMetric } from '../loop/summary';
