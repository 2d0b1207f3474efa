export { exportOnnx, encodeOnnx } from './export';
export { DEFAULT_MAX_MODEL_BYTES, loadOnnxModel, predictOnnx } from './inference';
export { matchFeatures } from './match-features';
export { OnnxModelError, MissingFeatureError, OnnxExportError } from './errors';
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
  ClassificationPrediction,
  RegressionPrediction,
  TempFileRegistry,
} from './types';
