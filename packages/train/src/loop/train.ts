import { createRng } from '@lrkit/core';
import type { ColumnPlan, Dataset } from '@lrkit/data';
import type { TempFileRegistry } from '@lrkit/io';
import type { CompiledSchedule, Registry } from '@lrkit/schedulers';
import type { CheckpointFile } from '../checkpoint/format';
import { checkpointPath } from '../checkpoint/store';
import { optimizerOptions } from '../config/optimizer';
import { dropoutRates, resolvePlan } from '../config/resolve';
import { prepareData } from '../data/prepare';
import type { TableReader } from '../data/table-cache';
import { createModel, modelSpecOf } from '../nn/head';
import { createOptimizer } from '../optim/create';
import type { ResolvedTrainConfig, TrainConfig, TrainResult } from '../types';
import { createEarlyStopping } from './early-stopping';
import { evaluate } from './evaluate';
import { restoreWeights } from '../checkpoint/snapshot';
import { checkInitCompatible, readInitCheckpoint } from './init-from';
import { findLr } from '../lrfind/lr-find';
import { RANGE_TEST_DEFAULTS } from '../lrfind/range-test';
import type { FoundLr } from '../lrfind/suggest';
import { checkpointHook, checkResumable, checkRunLength, openCheckpointDir, resumeBackend, resumeFrom, resumeSettings } from './resume';
import { runLoop, type LoopHooks } from './run';

/** What a run takes besides its (JSON) config. */
export interface TrainOptions {
  /** Train on this data set instead of reading `config.data` (e.g. from `@lrkit/data`'s parseCsv). */
  dataset?: Dataset;
  /**
   * How the table file `config.data` is read; default @lrkit/data's readTable. A caller running many runs on
   * one file passes a `tableCache()` (as a sweep's trial process does) to parse it once.
   */
  readTable?: TableReader;
  /** The scheduler registry the schedule's types come from; default @lrkit/schedulers' defaultRegistry. */
  registry?: Registry;
  /**
   * Per-step and per-epoch hooks (progress, your own stopping rule, a sweep's pruning), run before early
   * stopping and checkpoints. An awaited epoch hook that yields lets signals and a closed pipe stop the run.
   */
  hooks?: readonly LoopHooks[];
  /**
   * Files to remove if the process is stopped by a signal (the CLI's clean-up on SIGINT/SIGTERM): the
   * checkpoint's temporary file and the checkpoint folder's lock are registered here while they exist.
   */
  tempFiles?: TempFileRegistry;
  /**
   * Called once the data is prepared, before any training, with the column plan fitted on the training rows
   * (for a table that trains through one): the CLI prints it (@lrkit/data's formatPlanSummary).
   */
  onPlan?: (plan: ColumnPlan) => void;
}

/**
 * A whole run, from the parts a caller can also use alone: `resolvePlan` (config and schedule checked once),
 * `prepareData` (load, task, stratified split, validation split, scaling), `createModel` (the model and loss
 * for the task), `runLoop` (epochs with hooks: early stopping and checkpoints are hooks here) and
 * `evaluate` (the task's test metrics). `seed` drives independent streams: 'split', 'val', 'init', 'shuffle',
 * 'dropout'.
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  const { config: c, schedule, scheduleDefault } = resolvePlan(config, { ...(options.registry ? { registry: options.registry } : {}), inMemory: options.dataset !== undefined });
  // Everything the run needs at its end is checked at its start, the checkpoint directory first.
  const dir = openCheckpointDir(c, options.tempFiles);
  try {
    const result = await run(config, options, c, schedule, dir.checkpoint);
    if (scheduleDefault) result.scheduleDefault = scheduleDefault;
    return result;
  } finally {
    // A run refused or failed before its first checkpoint leaves no empty directory of its own making.
    dir.undo();
  }
}

async function run(config: TrainConfig, options: TrainOptions, planned: ResolvedTrainConfig, given: CompiledSchedule, checkpoint: CheckpointFile | null): Promise<TrainResult> {
  const backend = await resumeBackend(planned, checkpoint);
  // The resolved config carries every PrepareOptions field (target, task, fractions, seed). The data's
  // fingerprint is asked for where the run checkpoints (and so where it resumes): checkpoints record it.
  const data = await prepareData(options.dataset ?? config.data, { ...planned, fingerprint: Boolean(planned.checkpoint) }, options.readTable);
  if (data.plan) options.onPlan?.(data.plan);
  // The run is known once the validation split is: the schedule's lengths left out are filled from it,
  // and the config records the filled spec, so that replaying it (or resuming it) runs the same schedule.
  const run = { epochs: planned.epochs, stepsPerEpoch: Math.ceil(data.train.rows / planned.batchSize) };
  const schedule = given.forRun(run);
  const c: ResolvedTrainConfig = schedule === given ? planned : { ...planned, schedule: schedule.spec };
  const settings = resumeSettings(c, { task: data.task, backend });
  // Refused before any training: PyTorch's one-cycle only fails when the run gets there. First, so that an
  // extension whose schedule was fitted to the shorter run is refused for that, not for the refitted spec.
  checkRunLength(schedule, run, checkpoint);
  if (checkpoint) checkResumable(checkpoint, settings, data.fingerprint!, c.checkpoint!.dir);

  const rng = createRng(c.seed);
  const { model, head } = createModel(
    modelSpecOf(data, c),
    rng.fork('init'),
  );
  // Fine-tuning: the checkpoint's weights over the fresh ones (whose draw keeps the other streams where a fresh
  // run has them). A resume takes its weights from its own checkpoint instead.
  if (c.initFrom !== undefined && !checkpoint) {
    try {
      const init = readInitCheckpoint(c.initFrom);
      checkInitCompatible(init, { features: model.inputSize, task: data.task, outputs: head.outputs, classes: data.classes.length, hidden: c.hidden, ...(data.plan ? { plan: data.plan } : {}) }, c.initFrom);
      restoreWeights(model, init);
    } catch (e) {
      model.dispose();
      throw e;
    }
  }
  let found: FoundLr | undefined;
  try {
    // The test trains a copy of this very model (initialised from a checkpoint where asked) on its own
    // instance of the shuffle stream: the run then trains exactly as it would at the found rate given.
    if (c.lr === 'find') {
      // The optimizer's own settings travel with it (the range test sets the rate itself).
      const settings = optimizerOptions({ ...c, lr: RANGE_TEST_DEFAULTS.startLr });
      found = await findLr({ model, optimizer: c.optimizer, settings, loss: head.loss, trainSet: data.train, batchSize: c.batchSize, shuffle: rng.fork('shuffle') });
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  const lr = found?.lr ?? (c.lr as number);
  const optimizer = createOptimizer(c.optimizer, model.parameters(), optimizerOptions({ ...c, lr }));
  const rates = dropoutRates(c);
  try {
    const state = { model, optimizer, scheduler: schedule.create(optimizer) };
    const shuffle = rng.fork('shuffle');
    const start = resumeFrom(checkpoint, state, shuffle, { trainRows: data.train.rows, epochs: c.epochs }, c.checkpoint ? checkpointPath(c.checkpoint.dir) : undefined);
    const early = c.earlyStopping !== null ? createEarlyStopping(model, c.earlyStopping, start.earlyStopping ?? undefined) : null;
    const history = start.history;
    const hooks: LoopHooks[] = [...(options.hooks ?? []), ...(early ? [early.hook] : []), { onEpoch: (log) => void history.push(log) }];
    if (c.checkpoint) hooks.push(checkpointHook(c.checkpoint, { state, settings, data: data.fingerprint!, ...(data.plan ? { plan: data.plan } : {}), epochs: c.epochs, history, early, ...(options.tempFiles ? { temp: options.tempFiles } : {}) }));
    // A checkpoint of a finished run (early stopping ended it) resumes to its result, training nothing.
    const loop = start.stoppedEarly
      ? null
      : await runLoop({
          ...state,
          loss: head.loss,
          train: data.train,
          val: data.val,
          preprocessing: data.preprocessing,
          epochs: c.epochs,
          batchSize: c.batchSize,
          shuffle,
          // Its own stream: a run without dropout draws its shuffles and weights as before.
          dropout: rates.some((r) => r > 0) ? { rates, rng: rng.fork('dropout') } : null,
          clipGradNorm: c.clipGradNorm,
          startEpoch: start.epoch,
          hooks,
        });
    const stoppedEarly = start.stoppedEarly ?? early?.stopped ?? null;

    const metrics = evaluate(model, data.test, data.preprocessing, head.loss);
    const result: TrainResult = {
      // The config as run: its backend the concrete one, so that replaying it reproduces these numbers.
      config: { ...c, backend, lr },
      backend,
      model: model.toJSON(),
      preprocessing: data.preprocessing,
      history,
      task: data.task,
      taskReason: data.taskReason,
      taskGuess: data.taskGuess,
      classes: data.classes,
      metrics,
      trainMs: loop?.ms ?? 0,
      trainSize: data.train.rows,
      valSize: data.val?.rows ?? 0,
      testSize: data.test.rows,
    };
    if (stoppedEarly) result.stoppedEarly = stoppedEarly;
    if (schedule.fromRun.length) result.scheduleFromRun = schedule.fromRun;
    if (checkpoint) result.resumedFromEpoch = start.epoch;
    if (found) result.lrFound = found;
    return result;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
