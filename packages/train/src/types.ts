// The public types of @lrkit/train. Other packages (apps/cli, apps/bench) code against these:
// extend them, don't break them.
import type { Rng, tf } from '@lrkit/core';

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'linear';

/** A dense layer's numbers, as plain data: weight is row-major [inputSize][outputSize] (y = x W + b). */
export interface DenseLayerJSON {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  weight: number[];
  bias: number[];
}

/** A sequential MLP as plain data: what ONNX export and saving read. */
export interface MlpJSON {
  layers: DenseLayerJSON[];
  /** The model's output is a probability (sigmoid applied after the last layer's logits). */
  output: 'sigmoid';
}

/** The feature preprocessing fitted on the training split: x' = (x - mean) / scale, per feature. */
export interface Preprocessing {
  featureNames: string[];
  mean: number[];
  scale: number[];
  /** Label names by encoded value (LabelEncoder order: sorted), e.g. ['B', 'M']. */
  labels: string[];
  target: string;
}

export type OptimizerName = 'adam' | 'adamw' | 'sgd';

/** One param group as a scheduler sees it (@lrkit/schedulers reads and writes these every step). */
export interface ParamGroup {
  lr: number;
  initialLr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  betas?: [number, number];
  eps?: number;
  weightDecay: number;
}

export interface TrainConfig {
  /** CSV path; absent: the embedded breast-cancer data. */
  data?: string;
  /** Target column; default 'diagnosis'. */
  target?: string;
  /** tfjs backend name; default 'wasm'. */
  backend?: string;
  epochs?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  lr?: number;
  /** Hidden layer sizes; default [64]. */
  hidden?: number[];
  seed?: number;
  /** A @lrkit/schedulers spec (JSON); default {type: 'step', stepSize: 10, gamma: 0.1}. */
  schedule?: unknown;
  /** Fraction held out for testing; default 0.2. */
  testFraction?: number;
  /**
   * Called after every epoch. A returned promise is awaited before the next epoch: the CLI yields to the
   * event loop there, so Ctrl-C and a closed stdout are handled between epochs, not after the run.
   */
  onEpoch?: (log: EpochLog) => unknown;
}

/** The configuration a run actually used, every default filled in (saved in exported models). */
export type ResolvedTrainConfig = Required<Omit<TrainConfig, 'onEpoch' | 'data'>> & { data: string };

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's rows (each minibatch's mean weighted by its size). */
  loss: number;
  /** The first param group's lr used during this epoch. */
  lr: number;
  /** Loss on the held-out split, where it was computed (reduce-on-plateau asks for it). */
  valLoss?: number;
}

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  confusion: ConfusionMatrix;
  /** Mean BCE on the evaluated rows. */
  loss: number;
}

export interface TrainResult {
  config: ResolvedTrainConfig;
  backend: string;
  model: MlpJSON;
  preprocessing: Preprocessing;
  history: EpochLog[];
  /** Test-split metrics. */
  metrics: BinaryMetrics;
  /** Wall time of the training loop alone (epochs), in ms. */
  trainMs: number;
  trainSize: number;
  testSize: number;
}

export type { Rng };

// ---- The low-level API: model, optimizer, loss, one training step (apps/bench times these). ----

type Tensor = tf.Tensor;

/** Options of `createOptimizer`; every field has PyTorch's default. */
export interface OptimizerOptions {
  lr?: number;
  /** SGD. */
  momentum?: number;
  /** SGD. */
  dampening?: number;
  /** SGD: needs momentum > 0 and dampening 0, as in PyTorch. */
  nesterov?: boolean;
  /** Adam/AdamW: default [0.9, 0.999]. */
  betas?: [number, number];
  /** Adam/AdamW: default 1e-8. */
  eps?: number;
  /** Default 0 (adam, sgd) or 1e-2 (adamw, decoupled). */
  weightDecay?: number;
}

/**
 * An optimizer over one param group, updating parameters in place with one fused kernel dispatch per
 * parameter. `paramGroups` is read on every step: a scheduler changes lr (and momentum or betas) there.
 */
export interface Optimizer {
  readonly name: OptimizerName;
  readonly paramGroups: ParamGroup[];
  /** Optimizer steps taken so far. */
  readonly stepCount: number;
  /** Applies one update; `grads` in the order of the parameters given at creation. Does not dispose them. */
  step(grads: Tensor[]): void;
  /** Frees the optimizer's state tensors (not the parameters). */
  dispose(): void;
}

/** 'sigmoid-bce': one output, labels 0/1 float32; 'softmax-ce': C outputs, labels int32 class indices. */
export type LossName = 'sigmoid-bce' | 'softmax-ce';
