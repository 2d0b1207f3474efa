// The public types of @lrkit/train. Other packages (apps/cli, apps/bench) code against these:
// extend them, don't break them.
import type { Rng, tf } from '@lrkit/core';
import type { ColumnPlan } from '@lrkit/data';
import type { FilledLength } from '@lrkit/schedulers';
import type { ConfigInput, ConfigResolved, GroupInput } from './config/fields';
import type { DefaultRecipe, OptimizerName, Task } from './config/names';
import type { TrainConfigFields } from './config/table';
import type { FoundLr } from './lrfind/suggest';

export type { OptimizerName, Task };

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'linear';

/** A dense layer's numbers, as plain data: weight is row-major [inputSize][outputSize] (y = x W + b). */
export interface DenseLayerJSON {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  weight: number[];
  bias: number[];
}

/**
 * What a model's last layer (its logits) turns into: 'sigmoid' P(class 1) from one logit (2 classes),
 * 'softmax' class probabilities from k logits, 'linear' the logit itself (regression: a standardised value).
 */
export type MlpOutput = 'sigmoid' | 'softmax' | 'linear';

/**
 * A learned embedding of one categorical column's integer codes (the column plan's 'embedding' encoding):
 * weight is row-major [cardinality][size]; code c's vector is row c. Its output joins the first layer's
 * input after the float inputs, in the plan's order.
 */
export interface EmbeddingJSON {
  name: string;
  cardinality: number;
  size: number;
  weight: number[];
}

/** A sequential MLP as plain data: what ONNX export and saving read. */
export interface MlpJSON {
  /**
   * Embeddings of categorical codes, one per column the plan embeds (absent or empty: none). The first
   * layer's input is [planned float inputs, embedding 0's vector, embedding 1's vector, ...].
   */
  embeddings?: EmbeddingJSON[];
  layers: DenseLayerJSON[];
  /** What the model's output is, applied after the last layer's logits (see MlpOutput). */
  output: MlpOutput;
}

/**
 * The preprocessing fitted on the training split: x' = (x - mean) / scale per feature and, for regression,
 * the target's standardisation y' = (y - targetMean) / targetScale (predictions are mapped back with it).
 */
export interface Preprocessing {
  featureNames: string[];
  mean: number[];
  scale: number[];
  /**
   * Label names by encoded value (LabelEncoder order: sorted), e.g. ['B', 'M']: the model's classes in
   * output order. Empty for regression.
   */
  labels: string[];
  target: string;
  /** Absent in models from before multi-task training: read as 'classification'. */
  task?: Task;
  /** Regression: the training rows' target mean. */
  targetMean?: number;
  /** Regression: the training rows' target population standard deviation. */
  targetScale?: number;
  /**
   * The column plan fitted on the training rows, for tables read with @lrkit/data's readTable: raw columns
   * to inputs (gaps, categories, dates). With a plan, `featureNames` are the planned input names and
   * `mean`/`scale` are identity (the plan scales); without one, the features are numeric columns as read.
   */
  plan?: ColumnPlan;
}

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

/** Where checkpoints go (`dir`, created if missing, checked writable before training) and how often (`every` epochs, and after the last). See CHECKPOINTS.md. */
export type CheckpointConfig = GroupInput<TrainConfigFields['checkpoint']>;

/**
 * A training run's settings, one optional field per entry of the field table (config/table.ts: each field's
 * meaning, default and bounds are there). Every field is plain JSON (a sweep can store and replay it).
 * Hooks, an in-memory data set and a scheduler registry are `TrainOptions`, not config.
 */
// A ResolvedTrainConfig is a TrainConfig too: a sweep can replay a result's config as it is.
export type TrainConfig = ConfigInput<TrainConfigFields>;

/**
 * The configuration a run actually used, every default filled in (saved in exported models and checkpoints).
 * `data` is the CSV path, or the embedded data's or '(in memory)'; `task` and `backend` are as asked (the
 * task trained is `TrainResult.task`, the backend that ran a TrainResult config's `backend`); null
 * `threads` is every core, null `earlyStopping` none.
 */
export type ResolvedTrainConfig = ConfigResolved<TrainConfigFields>;

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's rows (each minibatch's mean weighted by its size). */
  loss: number;
  /** The first param group's lr used during this epoch. */
  lr: number;
  /** Loss on the validation split, where there is one. */
  valLoss?: number;
  /** Classification: accuracy on the validation split, where there is one. */
  valAccuracy?: number;
  /** Regression: RMSE on the validation split in the target's own units, where there is one. */
  valRmse?: number;
}

/**
 * One epoch of a run's history as `lrkit train --json` and sweep trial records carry it: an EpochLog
 * without the run's length (`epochs`, the same in every entry). See `epochRecord`.
 */
export type EpochRecord = Omit<EpochLog, 'epochs'>;

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics {
  kind: 'binary';
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  confusion: ConfusionMatrix;
  /** Mean BCE on the evaluated rows (the loss training minimises). */
  loss: number;
  /** Log loss of the probabilities (scikit-learn's log_loss: clipped to [1e-15, 1 - 1e-15]). */
  logLoss: number;
}

/** Classification with more than 2 classes. Precision, recall and F1 are macro averages (scikit-learn's average='macro'). */
export interface MulticlassMetrics {
  kind: 'multiclass';
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** confusion[actual][predicted], classes in output order. */
  confusion: number[][];
  /** Mean softmax cross-entropy (the loss training minimises). */
  loss: number;
  logLoss: number;
}

/** Regression, in the target's own units (predictions mapped back from the standardised scale). */
export interface RegressionMetrics {
  kind: 'regression';
  rmse: number;
  mae: number;
  r2: number;
  /** Mean squared error on the standardised target (the loss training minimises). */
  loss: number;
}

export type Metrics = BinaryMetrics | MulticlassMetrics | RegressionMetrics;

export interface TrainResult {
  config: ResolvedTrainConfig;
  backend: string;
  model: MlpJSON;
  preprocessing: Preprocessing;
  history: EpochLog[];
  /** The task trained, and why it was chosen (given, or `detectTask`'s rule: `taskGuess` where that guessed). */
  task: Task;
  taskReason: string;
  taskGuess: boolean;
  /** Class labels in the model's output order (classification); [] for regression. */
  classes: string[];
  /** Test-split metrics (the `kind` says which). */
  metrics: Metrics;
  /** Wall time of the training loop alone (epochs), in ms (of this process: a resumed run counts its part). */
  trainMs: number;
  trainSize: number;
  valSize: number;
  testSize: number;
  /** Early stopping: the epoch whose weights the model holds, where it stopped the run early. */
  stoppedEarly?: { epoch: number; bestEpoch: number; bestValLoss: number };
  /** The schedule's lengths the spec left out, as filled from the run (`config.schedule` holds them too). */
  scheduleFromRun?: readonly FilledLength[];
  /**
   * Where no schedule was given: whose default the run took (`recipeDefaults` of `@lrkit/train/config`): the
   * seed's StepLR on the embedded data, the measured one on a user's data, constant for schedule-free.
   */
  scheduleDefault?: DefaultRecipe;
  /** Where the run resumed: the epochs already done by the checkpoint. */
  resumedFromEpoch?: number;
  /** With `lr: 'find'`: the rate the LR range test suggested, which the run trained at (`config.lr` holds it). */
  lrFound?: FoundLr;
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
  /** Default 0 (adam, sgd, the schedule-free ones) or 1e-2 (adamw, decoupled). */
  weightDecay?: number;
  /** Adam/AdamW: AMSGrad, the running maximum of the second moment in the denominator; default false. */
  amsgrad?: boolean;
  /** Schedule-free: steps over which the rate rises linearly to lr (default 0). */
  warmupSteps?: number;
  /** Schedule-free: the averaging weights step t by t^r (default 0). */
  r?: number;
  /** Schedule-free: the averaging weights step t by lr_max^weightLrPower (default 2). */
  weightLrPower?: number;
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
  /** Everything needed to continue exactly: the step count, the groups, every state tensor's float32 values. */
  stateDict(): OptimizerState;
  /** Restores a `stateDict()` of the same optimizer over parameters of the same shapes. */
  loadStateDict(state: OptimizerState): void;
  /** Frees the optimizer's state tensors (not the parameters). */
  dispose(): void;
  /**
   * Present where gradients are taken at other weights than the ones evaluated (schedule-free: y, against
   * the averaged x). Runs `fn` (forward, backward, `step`) with the parameters at the training weights and
   * puts the evaluation weights back after; between calls the parameters hold the weights to evaluate,
   * checkpoint and export. Where absent, `step` runs with the parameters as they are.
   */
  trainingWeights?<T>(fn: () => T): T;
}

/** An optimizer's state as plain data (`Optimizer.stateDict()`). */
export interface OptimizerState {
  name: OptimizerName;
  stepCount: number;
  paramGroups: ParamGroup[];
  /** Named lists of state tensors, one per parameter (adam: expAvg, expAvgSq; sgd: momentumBuffer). */
  tensors: Record<string, Float32Array[]>;
  /** sgd: which momentum buffers have been started. */
  flags?: Record<string, boolean[]>;
  /** Schedule-free: the averaging's weightSum and lrMax. */
  scalars?: Record<string, number>;
}

/**
 * 'sigmoid-bce': one output, labels 0/1 float32; 'softmax-ce': C outputs, labels int32 class indices;
 * 'mse': one output, float32 targets (regression, on the standardised target).
 */
export type LossName = 'sigmoid-bce' | 'softmax-ce' | 'mse';
