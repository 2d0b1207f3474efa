// Public types of lrkit's ONNX export and inference.
// onnxruntime-web's types are onnxruntime-common's, which onnxruntime-node shares: they describe a session
// from either runtime, and a user without the optional onnxruntime-node still gets complete types.
import type { ColumnPlan, RawPlanInput } from '@lrkit/data';
import type { TempFileRegistry } from '@lrkit/io';
import type { InferenceSession } from 'onnxruntime-web';
import type { Task } from '../types';
import type { OnnxRuntimeChoice, OnnxRuntimeName } from './runtime';

/**
 * Extra `metadata_props` for an exported model. String values are stored verbatim, anything else as JSON,
 * so a TrainResult's `config` (schedule spec included) and `metrics` can be passed as they are.
 */
export type OnnxExportMetadata = { config?: unknown; metrics?: unknown } & Record<string, unknown>;

export interface ExportOnnxOptions {
  /** Where to write the .onnx file (written to a temporary file beside it, then renamed). */
  path: string;
  /** ai.onnx opset, 13 to 23; default 17 (IR version 8, loadable by onnx 1.12's checker). */
  opset?: number;
  metadata?: OnnxExportMetadata;
  /**
   * Told the temporary file's path before it is created and after it is renamed or removed, so that a
   * process interrupted in between can remove it (the CLI's SIGINT handler does).
   */
  tempFiles?: TempFileRegistry;
}

/** Where a writer registers the temporary files it has open (@lrkit/io's TempFiles is one). */
export type { TempFileRegistry };

export interface ExportOnnxResult {
  path: string;
  bytes: number;
  opset: number;
  irVersion: number;
}

/** What an lrkit-exported model says about itself (its metadata_props, decoded). */
export interface OnnxModelInfo {
  /** What the model predicts: classes (probabilities) or a number. */
  task: Task;
  /** Feature names in the order of the model input's columns. */
  featureNames: string[];
  /**
   * Label names by class index, the graph's output order (2 classes: the output is P(labels[1]); more: one
   * probability per label). Empty for regression.
   */
  labels: string[];
  /** The target column the model was trained to predict. */
  target: string;
  /** The lrkit version that exported the model. */
  lrkitVersion: string;
  /** Every metadata_props entry, raw strings (config and metrics as JSON, where the exporter gave them). */
  metadata: Record<string, string>;
  opset: number;
  irVersion: number;
  /**
   * The column plan the graph holds, where it holds one: the graph then takes one raw input per column the
   * plan uses (see the `inputs` metadata), not a feature matrix, and is served with predictOnnxTable.
   */
  plan?: ColumnPlan;
}

/** Feature rows with named columns: what `predictOnnx` matches against the model's features. */
export interface FeatureTable {
  featureNames: readonly string[];
  /** Row-major [rows][cols]. */
  x: ArrayLike<number>;
  rows: number;
  cols: number;
}

/** A loaded model: an onnxruntime session plus the model's metadata. Load once, run many times. */
export interface OnnxModel extends OnnxModelInfo {
  path: string;
  /** The runtime serving it: onnxruntime-node where installed (or asked for), else onnxruntime-web. */
  runtime: OnnxRuntimeName;
  session: InferenceSession;
  /**
   * The graph's output for `rows` rows whose columns are already in `featureNames` order (row-major
   * float32): P(class 1) per row (2 classes), k probabilities per row (k classes, row-major), or the
   * prediction per row (regression). The hot path: no name matching, no copying beyond onnxruntime's own.
   */
  run(x: Float32Array, rows: number): Promise<Float32Array>;
  /**
   * A plan model's output for `rows` rows of raw columns (@lrkit/data's rawPlanInputs, in plan order): the
   * same values as `run` gives. Gaps are fed as the graph takes them (NaN, '').
   */
  runInputs(inputs: readonly RawPlanInput[], rows: number): Promise<Float32Array>;
  /** Releases the native session. */
  close(): Promise<void>;
}

export interface LoadOnnxModelOptions {
  /**
   * Passed to onnxruntime's InferenceSession.create (threads, graph optimisation level, ...). Under
   * onnxruntime-web, `intraOpNumThreads` sizes the process's one WebAssembly thread pool at the first session.
   */
  sessionOptions?: InferenceSession.SessionOptions;
  /**
   * Which onnxruntime serves the model: `auto` (the default) takes onnxruntime-node where it is installed,
   * else onnxruntime-web (WebAssembly, installed with @lrkit/train). Without this option the
   * LRKIT_ONNX_RUNTIME environment variable decides, where set.
   */
  runtime?: OnnxRuntimeChoice;
  /** The largest model file read, in bytes; default DEFAULT_MAX_MODEL_BYTES (256 MiB). */
  maxBytes?: number;
}

/** How predictOnnx and predictOnnxTable feed the rows. */
export interface PredictOnnxOptions {
  /**
   * Rows per onnxruntime run (default 65,536, DEFAULT_PREDICT_BATCH_ROWS): memory for the model's inputs and outputs
   * grows with this, not with the table. Any size gives the same numbers.
   */
  batchRows?: number;
}

/** Classification: the probabilities and the predicted label of each row. */
export interface ClassificationPrediction {
  task: 'classification';
  /** The classes in output order. */
  classes: string[];
  /** 2 classes: P(classes[1]) per row. More: k probabilities per row, row-major [rows][k]. */
  probabilities: Float32Array;
  /**
   * Predicted label name per row: 2 classes, class 1 where its probability is > 0.5 (training's metrics
   * threshold); more, the most probable class (the first, on a tie).
   */
  labels: string[];
}

/** Regression: one prediction per row, in the target's units. */
export interface RegressionPrediction {
  task: 'regression';
  predictions: Float32Array;
}

export type OnnxPrediction = ClassificationPrediction | RegressionPrediction;
