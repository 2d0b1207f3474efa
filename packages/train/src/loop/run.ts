import type { Rng } from '@lrkit/core';
import type { Scheduler } from '@lrkit/schedulers';
import type { BatchSource } from '../data/prepare';
import { disposeMasks, epochMasks, type DropoutPlan } from '../nn/dropout';
import type { Mlp } from '../nn/mlp';
import type { EpochLog, LossName, Metrics, Optimizer, Preprocessing } from '../types';
import { shuffledBatches } from './batches';
import { TrainDivergedError } from './diverged';
import { evaluate, meanLoss, scoresOf } from './evaluate';
import { createTrainer } from './trainer';

/** After each optimizer step (and the scheduler's per-step step, where it has one). */
export interface StepInfo {
  /** 1-based epoch. */
  epoch: number;
  /** 1-based step within the epoch. */
  step: number;
  /** Optimizer steps taken so far in the whole run (a resumed run counts the earlier ones). */
  globalStep: number;
  /** The first param group's lr this step was taken with. */
  lr: number;
  /** Rows in this minibatch. */
  rows: number;
  /**
   * The minibatch's mean loss, read from the backend on request only (reading forces a sync, so a hook
   * that never calls it costs the loop nothing).
   */
  loss(): number;
}

/** What an epoch hook gets beside the epoch's log. */
export interface EpochInfo {
  /**
   * The task's metrics on the validation split after this epoch (the test metrics' kind: accuracy, f1,
   * rocAuc... or rmse, mae, r2), where the run has a validation split and a task; the log carries only the
   * loss and accuracy or RMSE of them. A sweep prunes on the metric it ranks by.
   */
  validation?: Metrics;
}

/**
 * What a loop runs and calls. Hooks run in order. An epoch hook that returns 'stop' ends the run after that
 * epoch (early stopping); a step hook that returns 'stop' ends it after that step (an LR range test), the
 * epoch's log then covering the rows trained so far. Progress, checkpoints and early stopping are hooks
 * (see train()). A step hook may also change the optimizer's groups for the next step.
 */
export interface LoopHooks {
  onStep?(info: StepInfo): void | 'stop';
  onEpoch?(log: EpochLog, info: EpochInfo): void | 'stop' | Promise<void | 'stop'>;
}

export interface LoopOptions {
  model: Mlp;
  optimizer: Optimizer;
  /** Stepped per step or per epoch as its interval says; absent: the rates stay as the groups (and hooks) set them. */
  scheduler?: Scheduler | null;
  loss: LossName;
  train: BatchSource;
  /** Its loss is measured after every epoch (EpochLog.valLoss) and fed to reduce-on-plateau. */
  val?: BatchSource | null;
  /** With `val`: the task's metric on it is reported too (EpochLog.valAccuracy or valRmse); absent, the loss alone. */
  preprocessing?: Preprocessing | null;
  epochs: number;
  batchSize: number;
  /** The minibatch order: one permutation of the training rows per epoch. */
  shuffle: Rng;
  /**
   * Leave out each epoch's last minibatch where it is short (DataLoader's drop_last). An LR range test does:
   * a batch of a few rows has a loss far noisier than the rest.
   */
  dropLast?: boolean;
  /** Dropout while training (absent: none). */
  dropout?: DropoutPlan | null;
  /** Clip the gradients' total L2 norm to this before each step (absent or null: no clipping). */
  clipGradNorm?: number | null;
  /** Epochs already done (a resumed run); the loop runs epochs startEpoch+1 .. epochs. Default 0. */
  startEpoch?: number;
  hooks?: readonly LoopHooks[];
  /** Throw TrainDivergedError on a non-finite epoch loss (default true; an LR range test expects divergence). */
  stopOnDivergence?: boolean;
}

export interface LoopResult {
  /** This call's epochs (a resumed run's earlier ones are the caller's). */
  history: EpochLog[];
  /** The epoch a hook stopped the run in, if one did. */
  stoppedAfter?: number;
  /** Optimizer steps taken in the whole run (a resumed run's earlier ones included). */
  steps: number;
  /** Wall time of the epochs, ms. */
  ms: number;
}

/**
 * The training loop: for each epoch, shuffled minibatches through forward, loss, backward and the optimizer,
 * stepping the schedule per step or per epoch as it asks (with the validation loss where it watches one).
 * A training or validation loss that is not finite stops the run with TrainDivergedError.
 */
export async function runLoop(options: LoopOptions): Promise<LoopResult> {
  const { model, optimizer, train, val, epochs, batchSize, shuffle } = options;
  const scheduler = options.scheduler ?? null;
  const checkFinite = options.stopOnDivergence ?? true;
  const hooks = options.hooks ?? [];
  const trainer = createTrainer({ model, optimizer, loss: options.loss, clipGradNorm: options.clipGradNorm ?? null });
  const widths = model.layers.map((l) => l.outputSize);
  const history: EpochLog[] = [];
  let globalStep = optimizer.stepCount;
  const started = performance.now();
  let stoppedAfter: number | undefined;
  for (let epoch = (options.startEpoch ?? 0) + 1; epoch <= epochs; epoch++) {
    const lr = optimizer.paramGroups[0]!.lr;
    // Batch losses stay on the backend until the epoch ends: one read per epoch, not per step.
    const losses = [];
    const sizes: number[] = [];
    let step = 0;
    let rows = 0;
    let stopNow = false;
    const masksFor = options.dropout ? epochMasks(options.dropout, epoch, widths) : null;
    for (const batch of shuffledBatches(train, batchSize, shuffle, options.dropLast ?? false)) {
      const stepLr = optimizer.paramGroups[0]!.lr;
      sizes.push(batch.rows);
      const masks = masksFor?.(batch.rows);
      const loss = trainer.trainStep(batch.x, batch.y, masks, batch.codes);
      disposeMasks(masks);
      losses.push(loss);
      batch.x.dispose();
      batch.y.dispose();
      if (scheduler?.interval === 'step') scheduler.step();
      step++;
      globalStep++;
      rows += batch.rows;
      for (const h of hooks) {
        if (h.onStep?.({ epoch, step, globalStep, lr: stepLr, rows: batch.rows, loss: () => loss.dataSync()[0]! }) === 'stop') stopNow = true;
      }
      // The generator makes each batch when asked: leaving here allocates nothing more.
      if (stopNow) break;
    }
    // Each batch's mean loss weighted by its rows: the epoch's loss is the mean over every training row,
    // so the short last batch counts for what it holds.
    let sum = 0;
    losses.forEach((l, i) => {
      sum += l.dataSync()[0]! * sizes[i]!;
      l.dispose();
    });
    const log: EpochLog = { epoch, epochs, loss: sum / rows, lr };
    if (checkFinite && !Number.isFinite(log.loss)) throw new TrainDivergedError('training', log);
    const info: EpochInfo = {};
    if (val) {
      if (options.preprocessing) {
        info.validation = evaluate(model, val, options.preprocessing, options.loss);
        Object.assign(log, scoresOf(info.validation));
      } else log.valLoss = meanLoss(model, val, options.loss);
      if (checkFinite && !Number.isFinite(log.valLoss)) throw new TrainDivergedError('validation', log);
    }
    if (scheduler?.interval === 'epoch') scheduler.step(log.valLoss);
    history.push(log);
    for (const h of hooks) if ((await h.onEpoch?.(log, info)) === 'stop') stopNow = true;
    if (stopNow) {
      stoppedAfter = epoch;
      break;
    }
  }
  const result: LoopResult = { history, ms: performance.now() - started, steps: globalStep };
  if (stoppedAfter !== undefined) result.stoppedAfter = stoppedAfter;
  return result;
}
