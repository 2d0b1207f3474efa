// `@lrkit/train/internal`: the public surface and the parts the run is made of, for lrkit's own packages,
// CLI and bench. Not a stable API: any release may change it. A user's program imports `@lrkit/train`.
export * from './index';
export type * from './types';
/** Config: defaults, names and bounds written once; resolvePlan fills them in and parses the schedule once. */
export { defaultSchedule, defaultLr } from './config/index';
export { resolvePlan, resolveConfig, MAX_SEED, IN_MEMORY_DATA, type TrainPlan } from './config/resolve';
export { withoutAbsentDefaults } from './config/absent';
/** Data: load (path or in memory), task, stratified split, validation split, scaling. */
export { prepareData, type PreparedData, type PrepareOptions, type DataSource, type BatchSource } from './data/prepare';
export { tableCache, type TableReader } from './data/table-cache';
/** The model and loss for a task, with its size bounded before allocation. */
export { createModel, headFor, checkModelSize, type TaskHead, type ModelSpec } from './nn/head';
/** The loop with per-step and per-epoch hooks. */
export { runLoop, type EpochInfo, type LoopHooks, type LoopOptions, type LoopResult, type StepInfo } from './loop/run';
export { shuffledBatches, targetTensor, type Minibatch } from './loop/batches';
export { createEarlyStopping, type EarlyStopping, type EarlyStoppingState } from './loop/early-stopping';
export { epochRecord, SUMMARY_METRICS, LOWER_IS_BETTER, type MetricsSummary, type SummaryMetric } from './loop/summary';
/** Evaluation: the task's metrics, outputs, losses. */
export { evaluate, probabilities, meanLoss, softmaxRows, logitsOf, unscale } from './loop/evaluate';
export { createTrainer, type Trainer, type TrainerOptions } from './loop/trainer';
/** Checkpoints: the versioned format (CHECKPOINTS.md) and its atomic store. */
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CHECKPOINT_FILE, RESUME_SETTINGS, type CheckpointFile } from './checkpoint/format';
export { writeCheckpoint, MAX_CHECKPOINT_BYTES } from './checkpoint/store';
export { parseCheckpoint } from './checkpoint/parse';
export { Mlp, type MlpOptions, type DenseParams, type ForwardCache } from './nn/mlp';
export { initDense } from './nn/init';
export { lossAndGrad, type LossAndGrad } from './nn/losses';
export { createOptimizer } from './optim/create';
export { binaryMetrics, rocAuc } from './metrics/binary';
export { multiclassMetrics, argmaxRows, binaryLogLoss } from './metrics/multiclass';
export { regressionMetrics } from './metrics/regression';
export { formatRate } from './format';
/** Backends: every one lrkit offers registered once (native, cuda where installed), and the run's choice. */
export { registerOptionalBackends } from './backend/optional';
export { selectBackend } from './backend/select';
export * from './onnx/index';
export * from './lrfind/index';
