import type { Rng } from '@lrkit/core';
import { TrainConfigError } from '../errors';
import type { PreparedData } from '../data/types';
import type { LossName, MlpOutput, Task } from '../types';
import { trainLimits } from '../config/names';
import type { EmbeddingSpec } from './embedding';
import { Mlp } from './mlp';

/** How a task ends: the output layer's width, what its logits mean, and the loss trained on them. */
export interface TaskHead {
  outputs: number;
  output: MlpOutput;
  loss: LossName;
}

/**
 * 2 classes: one logit, sigmoid + BCE (the seed's head); k > 2 classes: k logits, softmax + cross-entropy;
 * regression: one linear output, MSE on the standardised target.
 */
export function headFor(task: Task, classes: number): TaskHead {
  if (task === 'regression') return { outputs: 1, output: 'linear', loss: 'mse' };
  if (classes < 2) throw new TrainConfigError('target', `classification needs at least 2 classes, got ${classes}`);
  return classes === 2 ? { outputs: 1, output: 'sigmoid', loss: 'sigmoid-bce' } : { outputs: classes, output: 'softmax', loss: 'softmax-ce' };
}

export interface ModelSpec {
  inputs: number;
  hidden: readonly number[];
  task: Task;
  /** Number of classes (classification). */
  classes: number;
  /** Rows per minibatch: bounds the activations' size. */
  batchRows: number;
  /** Embeddings of categorical codes, whose vectors join the `inputs` float inputs in the first layer. */
  embeddings?: readonly EmbeddingSpec[];
}

/**
 * Refuses a network too big to allocate before anything is allocated, naming `hidden` and the number: the
 * parameter count and the widest minibatch activation against trainLimits.
 */
export function checkModelSize(spec: ModelSpec): void {
  const embeddings = spec.embeddings ?? [];
  const sizes = [spec.inputs + embeddings.reduce((w, e) => w + e.size, 0), ...spec.hidden, headFor(spec.task, spec.classes).outputs];
  let parameters = embeddings.reduce((n, e) => n + e.cardinality * e.size, 0);
  for (let l = 0; l + 1 < sizes.length; l++) parameters += sizes[l]! * sizes[l + 1]! + sizes[l + 1]!;
  if (parameters > trainLimits.maxParameters) {
    throw new TrainConfigError(
      'hidden',
      `[${spec.hidden.join(', ')}] makes a network of ${parameters.toLocaleString('en-US')} parameters; lrkit allows at most ` +
        `${trainLimits.maxParameters.toLocaleString('en-US')}`,
    );
  }
  const widest = Math.max(...sizes);
  const activations = widest * spec.batchRows;
  if (activations > trainLimits.maxBatchActivations) {
    throw new TrainConfigError(
      'batchSize',
      `${spec.batchRows} rows x a layer of ${widest} makes ${activations.toLocaleString('en-US')} activations per batch; ` +
        `lrkit allows at most ${trainLimits.maxBatchActivations.toLocaleString('en-US')}`,
    );
  }
}

/** The model a run builds for its prepared data: the float inputs, the plan's embeddings, the task's head. */
export function modelSpecOf(data: PreparedData, c: { hidden: readonly number[]; batchSize: number }): ModelSpec {
  const spec: ModelSpec = { inputs: data.train.cols, hidden: c.hidden, task: data.task, classes: data.classes.length, batchRows: Math.min(c.batchSize, data.train.rows) };
  if (data.embeddings.length > 0) spec.embeddings = data.embeddings;
  return spec;
}

/** The model for a task: inputs-hidden...-head, PyTorch's nn.Linear init from `rng`, and the loss to train it with. */
export function createModel(spec: ModelSpec, rng: Rng): { model: Mlp; head: TaskHead } {
  checkModelSize(spec);
  const head = headFor(spec.task, spec.classes);
  const embeddings = spec.embeddings ?? [];
  const inputs = spec.inputs + embeddings.reduce((w, e) => w + e.size, 0);
  const model = Mlp.create({ sizes: [inputs, ...spec.hidden, head.outputs], rng, output: head.output, ...(embeddings.length > 0 ? { embeddings } : {}) });
  return { model, head };
}
