// @lrkit/train's public surface: what a user's program calls. The parts the run is made of (the loop, the
// model, the optimizers, data preparation), which lrkit's own packages and bench use, come from
// `@lrkit/train/internal`, which may change in any release.
export type {
  TrainConfig,
  TrainResult,
  EpochLog,
  Metrics,
  BinaryMetrics,
  MulticlassMetrics,
  RegressionMetrics,
  MlpJSON,
  Preprocessing,
  Task,
  OptimizerName,
  CheckpointConfig,
} from './types';
export { train, type TrainOptions } from './loop/train';
/** What `TrainOptions.hooks` takes: a hook on every step and epoch of the one loop. */
export type { LoopHooks } from './loop/run';
/** Defaults, names and bounds, written once (also on `@lrkit/train/config`, without tfjs). */
export { trainDefaults, trainLimits, optimizerNames, taskNames } from './config/index';
export { CheckpointError, TrainConfigError } from './errors';
export { TrainDivergedError } from './loop/diverged';
/** The trained model in the process: one call, or a model held for many. */
export { predictProba, createPredictor, type Predictor } from './loop/predict';
/** Checkpoints (CHECKPOINTS.md): what a run left in its directory. */
export { readCheckpoint, checkpointPath } from './checkpoint/store';
/** The backend a run would take (`auto` resolved). */
export { resolveTrainBackend } from './backend/select';
/** ONNX: export (to a file, or the bytes), load, predict (ONNX.md). */
export { exportOnnx, encodeOnnx, loadOnnxModel, predictOnnx, predictOnnxTable, MIN_OPSET, MAX_OPSET, OnnxModelError, MissingFeatureError, OnnxExportError, OnnxRuntimeError } from './onnx/index';
export type { ExportOnnxOptions, ExportOnnxResult, OnnxModel, OnnxPrediction, OnnxRuntimeChoice, OnnxRuntimeName, PredictOnnxOptions } from './onnx/index';
/** fastai's LR range test. */
export { lrFind, suggestLr, SUGGEST_METHODS, type LrFindConfig, type LrFindResult, type SuggestMethod } from './lrfind/index';
