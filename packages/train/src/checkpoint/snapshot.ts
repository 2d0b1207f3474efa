// A running training state to a CheckpointFile and back: the weights, every optimizer moment, the
// schedule's state, the RNG positions, early stopping's memory and the history.
import { ScheduleSpecError, type Scheduler } from '@lrkit/schedulers';
import { tf } from '@lrkit/core';
import { withoutAbsentDefaults } from '../config/absent';
import { CheckpointError } from '../errors';
import { lrkitVersion } from '../onnx/metadata';
import type { EarlyStoppingState } from '../loop/early-stopping';
import type { Mlp } from '../nn/mlp';
import type { ColumnPlan } from '@lrkit/data';
import type { EpochLog, Optimizer } from '../types';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeF32, encodeF32, type CheckpointFile, type ResumeSettings } from './format';

export interface TrainingState {
  model: Mlp;
  optimizer: Optimizer;
  scheduler: Scheduler;
}

export function snapshot(
  s: TrainingState,
  meta: {
    settings: ResumeSettings;
    data: string;
    epoch: number;
    history: EpochLog[];
    earlyStopping: EarlyStoppingState | null;
    stoppedEarly: CheckpointFile['stoppedEarly'];
    plan?: ColumnPlan;
  },
): CheckpointFile {
  const opt = s.optimizer.stateDict();
  const tensors: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(opt.tensors)) tensors[k] = list.map(encodeF32);
  const es = meta.earlyStopping;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    lrkitVersion,
    // The settings at their default that a checkpoint may lack are left out: a default run's file is as it was.
    settings: withoutAbsentDefaults(meta.settings) as CheckpointFile['settings'],
    data: meta.data,
    epoch: meta.epoch,
    stoppedEarly: meta.stoppedEarly,
    model: {
      output: s.model.output,
      layers: s.model.layers.map((l) => ({
        inputSize: l.inputSize,
        outputSize: l.outputSize,
        activation: l.activation,
        weight: encodeF32(l.weight.dataSync() as Float32Array),
        bias: encodeF32(l.bias.dataSync() as Float32Array),
      })),
      ...(s.model.embeddings.length > 0
        ? { embeddings: s.model.embeddings.map((e) => ({ name: e.name, cardinality: e.cardinality, size: e.size, weight: encodeF32(e.weight.dataSync() as Float32Array) })) }
        : {}),
    },
    ...(meta.plan ? { plan: meta.plan } : {}),
    optimizer: { name: opt.name, stepCount: opt.stepCount, paramGroups: opt.paramGroups, tensors, ...(opt.flags ? { flags: opt.flags } : {}), ...(opt.scalars ? { scalars: opt.scalars } : {}) },
    scheduler: s.scheduler.stateDict(),
    rng: { shuffle: { epochsDrawn: meta.epoch } },
    earlyStopping: es ? { best: es.best, bestEpoch: es.bestEpoch, wait: es.wait, weights: es.weights ? es.weights.map(encodeF32) : null } : null,
    history: meta.history,
  };
}

function assignParam(param: tf.Variable, values: Float32Array): void {
  const t = tf.tensor(values, param.shape, 'float32');
  param.assign(t);
  t.dispose();
}

/**
 * Puts a checkpoint's weights into a model of the same layer sizes (a resume, or a run initialised from the
 * checkpoint), checking the sizes first and refusing others as a CheckpointError naming `file` and the field.
 */
export function restoreWeights(model: Mlp, c: CheckpointFile, file: string = CHECKPOINT_FILE): void {
  const fail = (at: string, reason: string): never => {
    throw new CheckpointError(file, at, reason);
  };
  if (c.model.layers.length !== model.layers.length) fail('model.layers', `has ${c.model.layers.length} layers, the model ${model.layers.length}`);
  c.model.layers.forEach((l, i) => {
    const layer = model.layers[i]!;
    if (l.inputSize !== layer.inputSize || l.outputSize !== layer.outputSize || l.activation !== layer.activation) {
      fail(`model.layers[${i}]`, `is ${l.inputSize}x${l.outputSize} ${l.activation}, the model's layer is ${layer.inputSize}x${layer.outputSize} ${layer.activation}`);
    }
  });
  if (c.model.output !== model.output) fail('model.output', `is '${c.model.output}', the model's is '${model.output}'`);
  const embeddings = c.model.embeddings ?? [];
  if (embeddings.length !== model.embeddings.length) fail('model.embeddings', `has ${embeddings.length} embeddings, the model ${model.embeddings.length}`);
  embeddings.forEach((e, i) => {
    const m = model.embeddings[i]!;
    if (e.cardinality !== m.cardinality || e.size !== m.size) fail(`model.embeddings[${i}]`, `is ${e.cardinality}x${e.size}, the model's '${m.name}' is ${m.cardinality}x${m.size}`);
  });
  c.model.layers.forEach((l, i) => {
    const layer = model.layers[i]!;
    assignParam(layer.weight, decodeF32(l.weight, `layer ${i} weight`));
    assignParam(layer.bias, decodeF32(l.bias, `layer ${i} bias`));
  });
  embeddings.forEach((e, i) => assignParam(model.embeddings[i]!.weight, decodeF32(e.weight, `embedding ${i} weight`)));
}

/**
 * Puts a checkpoint's state into a freshly built model, optimizer and scheduler of the same settings. The
 * checkpoint is one parseCheckpoint checked on its own; what only the model can say (its layer sizes come
 * from the data) and the scheduler state (checked by @lrkit/schedulers against the schedule) are checked
 * here, before anything is assigned, and refused as a CheckpointError naming `file` and the field.
 */
export function restore(s: TrainingState, c: CheckpointFile, file: string = CHECKPOINT_FILE): EarlyStoppingState | null {
  const fail = (at: string, reason: string): never => {
    throw new CheckpointError(file, at, reason);
  };
  restoreWeights(s.model, c, file);
  const tensors: Record<string, Float32Array[]> = {};
  for (const [k, list] of Object.entries(c.optimizer.tensors)) tensors[k] = list.map((t, i) => decodeF32(t, `optimizer ${k}[${i}]`));
  s.optimizer.loadStateDict({ ...c.optimizer, tensors });
  // After the optimizer: the scheduler writes its saved rates (and momentum) into the groups.
  try {
    s.scheduler.loadStateDict(c.scheduler);
  } catch (err) {
    if (!(err instanceof ScheduleSpecError)) throw err;
    fail(err.path.replace(/^state\b/, 'scheduler'), err.reason);
  }
  const es = c.earlyStopping;
  if (!es) return null;
  return { best: es.best, bestEpoch: es.bestEpoch, wait: es.wait, weights: es.weights ? es.weights.map((w, i) => decodeF32(w, `earlyStopping.weights[${i}]`)) : null };
}
