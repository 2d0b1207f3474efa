import { createRng, useBackend } from '@lrkit/core';
import { applyScaler, fitStandardScaler, loadCsv, trainTestSplit, type Dataset } from '@lrkit/data';
import { createScheduler, validateSpec } from '@lrkit/schedulers';
import { TrainConfigError } from '../errors';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import type { EpochLog, Preprocessing, TrainConfig, TrainResult } from '../types';
import { shuffledBatches, type BatchSource } from './batches';
import { resolveConfig } from './config';
import { evaluateBinary, meanLoss } from './evaluate';
import { createTrainer } from './trainer';

/** Rows as float32 and labels as float32 0/1: the layout the model's tensors take. */
export function toBatchSource(ds: Dataset): BatchSource {
  return { x: Float32Array.from(ds.x), y: Float32Array.from(ds.y), rows: ds.rows, cols: ds.cols };
}

/**
 * Refuses, before any training, a schedule this run cannot follow to its end: one stepped more often than
 * it allows (one-cycle's totalSteps: PyTorch fails there mid-run), or a reduce-on-plateau stepped per
 * optimizer step (the loop measures the validation loss once per epoch).
 */
function checkSchedule(spec: unknown, epochs: number, stepsPerEpoch: number): void {
  const info = validateSpec(spec);
  if (info.needsMetric && info.interval === 'step') {
    throw new TrainConfigError(
      'schedule',
      "reduce-on-plateau is fed the validation loss once per epoch, so its schedule must step per epoch (\"interval\": \"epoch\")",
    );
  }
  const planned = info.interval === 'step' ? epochs * stepsPerEpoch : epochs;
  if (info.maxSteps !== null && planned > info.maxSteps) {
    const how = info.interval === 'step' ? `${epochs} epochs x ${stepsPerEpoch} steps` : `${epochs} epochs`;
    throw new TrainConfigError(
      'schedule',
      `the run steps the schedule ${planned} times (${how}), but '${info.type}' allows at most ${info.maxSteps}`,
    );
  }
}

/**
 * The seed job and its variations: load, split (seeded), scale on the training split, build the MLP
 * (seeded init), then for each epoch run shuffled (seeded) minibatches through forward, BCE, backward
 * and the optimizer, stepping the schedule per epoch or per step as it asks. Finally the test-split
 * metrics. `seed` drives three independent streams: 'split', 'init' and 'shuffle'.
 */
export async function train(config: TrainConfig): Promise<TrainResult> {
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
  const testSet = toBatchSource(applyScaler(split.test, scaler));
  const preprocessing: Preprocessing = {
    featureNames: [...data.featureNames],
    mean: Array.from(scaler.mean),
    scale: Array.from(scaler.scale),
    labels: [...data.labels],
    target: data.target,
  };

  checkSchedule(resolved.schedule, resolved.epochs, Math.ceil(trainSet.rows / resolved.batchSize));

  const model = Mlp.create({ sizes: [data.cols, ...resolved.hidden, 1], rng: rng.fork('init') });
  const optimizer = createOptimizer(resolved.optimizer, model.parameters(), { lr: resolved.lr });
  try {
    const scheduler = createScheduler(resolved.schedule as Parameters<typeof createScheduler>[0], optimizer);
    const trainer = createTrainer({ model, optimizer, loss: 'sigmoid-bce' });
    const shuffle = rng.fork('shuffle');
    const history: EpochLog[] = [];

    const started = performance.now();
    for (let epoch = 1; epoch <= resolved.epochs; epoch++) {
      const lr = optimizer.paramGroups[0]!.lr;
      // Batch losses stay on the backend until the epoch ends: one read per epoch, not per step.
      const losses = [];
      const sizes: number[] = [];
      for (const batch of shuffledBatches(trainSet, resolved.batchSize, shuffle)) {
        sizes.push(batch.rows);
        losses.push(trainer.trainStep(batch.x, batch.y));
        batch.x.dispose();
        batch.y.dispose();
        if (scheduler.interval === 'step') scheduler.step();
      }
      // Each batch's mean loss weighted by its rows: the epoch's loss is the mean over every training row,
      // so the short last batch counts for what it holds.
      let sum = 0;
      losses.forEach((l, i) => {
        sum += l.dataSync()[0]! * sizes[i]!;
        l.dispose();
      });
      const log: EpochLog = { epoch, epochs: resolved.epochs, loss: sum / trainSet.rows, lr };
      if (scheduler.needsMetric) log.valLoss = meanLoss(model, testSet.x, testSet.y, testSet.rows);
      if (scheduler.interval === 'epoch') scheduler.step(log.valLoss);
      history.push(log);
      await config.onEpoch?.(log);
    }
    const trainMs = performance.now() - started;

    const metrics = evaluateBinary(model, testSet.x, testSet.y, testSet.rows);
    return {
      config: resolved,
      backend,
      model: model.toJSON(),
      preprocessing,
      history,
      metrics,
      trainMs,
      trainSize: trainSet.rows,
      testSize: testSet.rows,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
