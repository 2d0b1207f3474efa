export { exportOnnx, encodeOnnx } from './export';
export { DEFAULT_MAX_MODEL_BYTES, DEFAULT_PREDICT_BATCH_ROWS, loadOnnxModel, predictOnnx, predictOnnxTable } from './inference';
export { CATEGORICAL_GAP } from './plan-graph';
export type { PlanInputInfo } from './plan-graph';
export { matchFeatures } from './match-features';
export { OnnxModelError, MissingFeatureError, OnnxExportError, OnnxRuntimeError } from './errors';
export { ONNX_RUNTIMES, ONNX_RUNTIME_ENV } from './runtime';
export type { OnnxRuntimeChoice, OnnxRuntimeName } from './runtime';
export { DEFAULT_OPSET, MIN_OPSET, MAX_OPSET, INPUT_NAME, OUTPUT_NAME, OUTPUT_NAMES } from './build-graph';
export type {
  ExportOnnxOptions,
  ExportOnnxResult,
  FeatureTable,
  LoadOnnxModelOptions,
  OnnxExportMetadata,
  OnnxModel,
  OnnxModelInfo,
  OnnxPrediction,
  PredictOnnxOptions,
  ClassificationPrediction,
  RegressionPrediction,
  TempFileRegistry,
} from './types';
