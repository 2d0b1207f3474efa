// The one place lr-find leans on how train() prepares a run. It repeats train()'s steps (load, seeded
// split, scaling fitted on the training split, seeded MLP init, the 'shuffle' stream) so the range test
// starts from exactly the model `lrkit train` would start from with the same flags. When train() gains a
// shared setup function (the tabular-tasks branch), this file should call it instead.
import { createRng, useBackend, type Rng } from '@lrkit/core';
import { applyScaler, fitStandardScaler, loadCsv, trainTestSplit } from '@lrkit/data';
import { TrainConfigError } from '../errors';
import { toBatchSource } from '../loop/train';
import type { BatchSource } from '../loop/batches';
import { resolveConfig } from '../loop/config';
import { Mlp } from '../nn/mlp';
import type { LossName, ResolvedTrainConfig, TrainConfig } from '../types';

export interface PreparedRun {
  resolved: ResolvedTrainConfig;
  backend: string;
  trainSet: BatchSource;
  model: Mlp;
  loss: LossName;
  /** The stream train() shuffles its minibatches with. */
  shuffle: Rng;
}

/** Data, split, scaling and the initial model of a train() run with this config. The caller disposes `model`. */
export async function prepareRun(config: TrainConfig): Promise<PreparedRun> {
  const resolved = resolveConfig(config);
  const backend = await useBackend(resolved.backend);
  const data = loadCsv(config.data, { target: resolved.target });
  if (data.labels.length !== 2) {
    throw new TrainConfigError('target', `'${resolved.target}' has ${data.labels.length} classes (${data.labels.join(', ')}); training needs exactly 2`);
  }
  const rng = createRng(resolved.seed);
  const split = trainTestSplit(data, { testFraction: resolved.testFraction, rng: rng.fork('split') });
  const scaler = fitStandardScaler(split.train);
  const trainSet = toBatchSource(applyScaler(split.train, scaler));
  const model = Mlp.create({ sizes: [data.cols, ...resolved.hidden, 1], rng: rng.fork('init') });
  return { resolved, backend, trainSet, model, loss: 'sigmoid-bce', shuffle: rng.fork('shuffle') };
}
