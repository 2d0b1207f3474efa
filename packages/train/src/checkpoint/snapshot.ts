// A running training state to a CheckpointFile and back: the weights, every optimizer moment, the
// schedule's state, the RNG positions, early stopping's memory and the history.
import type { Scheduler } from '@lrkit/schedulers';
import { tf } from '@lrkit/core';
import { lrkitVersion } from '../onnx/metadata';
import type { EarlyStoppingState } from '../loop/early-stopping';
import type { Mlp } from '../nn/mlp';
import type { EpochLog, Optimizer } from '../types';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeF32, encodeF32, type CheckpointFile, type ResumeSettings } from './format';

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
    settings: meta.settings,
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
    },
    optimizer: { name: opt.name, stepCount: opt.stepCount, paramGroups: opt.paramGroups, tensors, ...(opt.flags ? { flags: opt.flags } : {}) },
    scheduler: s.scheduler.stateDict(),
    rng: { shuffle: { epochsDrawn: meta.epoch } },
    earlyStopping: es ? { best: es.best, bestEpoch: es.bestEpoch, wait: es.wait, weights: es.weights ? es.weights.map(encodeF32) : null } : null,
    history: meta.history,
  };
}

function assignParam(param: tf.Variable, values: Float32Array, what: string): void {
  if (values.length !== param.size) throw new Error(`checkpoint ${what} has ${values.length} values, the model ${param.size}`);
  const t = tf.tensor(values, param.shape, 'float32');
  param.assign(t);
  t.dispose();
}

/** Puts a checkpoint's weights into a model of the same layer sizes (a resume, or a run initialised from it). */
export function restoreWeights(model: Mlp, c: CheckpointFile): void {
  if (c.model.layers.length !== model.layers.length) throw new Error('checkpoint: the model has another number of layers');
  c.model.layers.forEach((l, i) => {
    const layer = model.layers[i]!;
    assignParam(layer.weight, decodeF32(l.weight, `layer ${i} weight`), `layer ${i} weight`);
    assignParam(layer.bias, decodeF32(l.bias, `layer ${i} bias`), `layer ${i} bias`);
  });
}

/** Puts a checkpoint's state into a freshly built model, optimizer and scheduler of the same settings. */
export function restore(s: TrainingState, c: CheckpointFile): EarlyStoppingState | null {
  restoreWeights(s.model, c);
  const tensors: Record<string, Float32Array[]> = {};
  for (const [k, list] of Object.entries(c.optimizer.tensors)) tensors[k] = list.map((t, i) => decodeF32(t, `optimizer ${k}[${i}]`));
  s.optimizer.loadStateDict({ ...c.optimizer, tensors });
  // After the optimizer: the scheduler writes its saved rates (and momentum) into the groups.
  s.scheduler.loadStateDict(c.scheduler);
  const es = c.earlyStopping;
  if (!es) return null;
  return { best: es.best, bestEpoch: es.bestEpoch, wait: es.wait, weights: es.weights ? es.weights.map((w, i) => decodeF32(w, `earlyStopping.weights[${i}]`)) : null };
}
