// What lr-find shares with train(): the same resolved config, prepared data, initial model and shuffle stream,
// built from train()'s own parts (resolvePlan, prepareData, createModel), so the range test starts from exactly
// the model `lrkit train` would start from with the same flags.
import { createRng, type Rng } from '@lrkit/core';
import type { Dataset } from '@lrkit/data';
import type { Registry } from '@lrkit/schedulers';
import { selectBackend } from '../backend/select';
import { resolvePlan } from '../config/resolve';
import { prepareData, type BatchSource, type PreparedData } from '../data/prepare';
import { createModel, modelSpecOf } from '../nn/head';
import type { Mlp } from '../nn/mlp';
import type { LossName, ResolvedTrainConfig, TrainConfig } from '../types';

export interface PreparedRun {
  resolved: ResolvedTrainConfig;
  backend: string;
  data: PreparedData;
  trainSet: BatchSource;
  model: Mlp;
  loss: LossName;
  /** The stream train() shuffles its minibatches with. */
  shuffle: Rng;
}

/** Data, split, scaling and the initial model of a train() run with this config. The caller disposes `model`. */
export async function prepareRun(config: TrainConfig, options: { dataset?: Dataset; registry?: Registry } = {}): Promise<PreparedRun> {
  const { config: c } = resolvePlan(config, { ...(options.registry ? { registry: options.registry } : {}), inMemory: options.dataset !== undefined });
  // The same rule and the same backends as train(): the range test runs where the run would.
  const backend = await selectBackend(c.backend, c.threads);
  // The resolved config carries every PrepareOptions field (target, task, fractions, seed).
  const data = await prepareData(options.dataset ?? config.data, c);
  // The same streams, forked in the same order, as train(): 'init' for the weights, 'shuffle' for batches.
  const rng = createRng(c.seed);
  const { model, head } = createModel(
    modelSpecOf(data, c),
    rng.fork('init'),
  );
  return { resolved: c, backend, data, trainSet: data.train, model, loss: head.loss, shuffle: rng.fork('shuffle') };
}
