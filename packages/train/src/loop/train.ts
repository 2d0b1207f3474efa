import { AUTO_BACKEND, BackendUnavailableError, createRng } from '@lrkit/core';
import type { Dataset } from '@lrkit/data';
import { createScheduler, type Registry, type SpecInfo } from '@lrkit/schedulers';
import { selectBackend } from '../backend/select';
import { checkpointPath, checkResumable, hasCheckpoint, prepareCheckpointDir, readCheckpoint, writeCheckpoint } from '../checkpoint/store';
import type { CheckpointFile, ResumeSettings } from '../checkpoint/format';
import { restore, snapshot } from '../checkpoint/snapshot';
import { checkScheduleLength, resolvePlan } from '../config/resolve';
import { prepareData } from '../data/prepare';
import { TrainConfigError } from '../errors';
import { createModel } from '../nn/head';
import { createOptimizer } from '../optim/create';
import type { EpochLog, ResolvedTrainConfig, TrainConfig, TrainResult } from '../types';
import { createEarlyStopping, type EarlyStoppingState } from './early-stopping';
import { evaluate } from './evaluate';
import { runLoop, type LoopHooks } from './run';

/** What a run takes besides its (JSON) config. */
export interface TrainOptions {
  /** Train on this data set instead of reading `config.data` (e.g. from `@lrkit/data`'s parseCsv). */
  dataset?: Dataset;
  /** The scheduler registry the schedule's types come from; default @lrkit/schedulers' defaultRegistry. */
  registry?: Registry;
  /** Per-step and per-epoch hooks (progress, your own stopping rule), run before early stopping and checkpoints. */
  hooks?: readonly LoopHooks[];
}

/**
 * A whole run, from the parts a caller can also use alone: `resolvePlan` (config and schedule checked once),
 * `prepareData` (load, task, stratified split, validation split, scaling), `createModel` (the model and loss
 * for the task), `runLoop` (epochs with hooks: early stopping and checkpoints are hooks here) and
 * `evaluate` (the task's test metrics). `seed` drives independent streams: 'split', 'val', 'init', 'shuffle'.
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  const { config: c, schedule } = resolvePlan(config, { ...(options.registry ? { registry: options.registry } : {}), inMemory: options.dataset !== undefined });
  // Everything the run needs at its end is checked at its start. A resume reads its checkpoint before
  // anything is created, so a missing one leaves no directory behind.
  const dir = c.checkpoint?.dir;
  const checkpoint = c.resume ? readCheckpoint(dir!) : null;
  let undoDir = () => {};
  if (dir !== undefined) {
    undoDir = prepareCheckpointDir(dir);
    if (!c.resume && hasCheckpoint(dir)) {
      throw new TrainConfigError('checkpoint.dir', `'${dir}' already holds a checkpoint: resume it, or give another directory`);
    }
  }
  try {
    return await run(config, options, c, schedule, checkpoint);
  } finally {
    // A run refused or failed before its first checkpoint leaves no empty directory of its own making.
    undoDir();
  }
}

/**
 * The run's backend, set up: the one asked for, or for 'auto' the automatic choice, or, resuming with
 * 'auto', the backend the checkpoint was trained on (another would not continue its numbers bit for bit).
 */
async function runBackend(c: ResolvedTrainConfig, checkpoint: CheckpointFile | null, dir: string | undefined): Promise<string> {
  if (c.backend !== AUTO_BACKEND || !checkpoint) return selectBackend(c.backend, c.threads);
  const was = checkpoint.settings.backend;
  try {
    return await selectBackend(was, c.threads);
  } catch (e) {
    if (!(e instanceof BackendUnavailableError)) throw e;
    throw new TrainConfigError('resume', `the checkpoint in '${dir}' was trained on the ${was} backend, which cannot run here (${e.reason}): resume where it can, or start afresh in another directory`);
  }
}

async function run(config: TrainConfig, options: TrainOptions, c: ResolvedTrainConfig, schedule: SpecInfo, checkpoint: CheckpointFile | null): Promise<TrainResult> {
  const dir = c.checkpoint?.dir;
  const backend = await runBackend(c, checkpoint, dir);
  // The resolved config carries every PrepareOptions field (target, task, fractions, seed).
  const data = prepareData(options.dataset ?? config.data, c);
  const settings: ResumeSettings = {
    target: c.target,
    task: data.task,
    // The backend that runs: a checkpoint records it, so that a resume with 'auto' continues on it.
    backend,
    epochs: c.epochs,
    batchSize: c.batchSize,
    optimizer: c.optimizer,
    lr: c.lr,
    hidden: c.hidden,
    seed: c.seed,
    schedule: c.schedule,
    testFraction: c.testFraction,
    valFraction: c.valFraction,
    earlyStopping: c.earlyStopping,
  };
  if (checkpoint) checkResumable(checkpoint, settings, data.fingerprint, dir!);
  checkScheduleLength(schedule, c.epochs, Math.ceil(data.train.rows / c.batchSize));

  const rng = createRng(c.seed);
  const { model, head } = createModel(
    { inputs: data.train.cols, hidden: c.hidden, task: data.task, classes: data.classes.length, batchRows: Math.min(c.batchSize, data.train.rows) },
    rng.fork('init'),
  );
  const optimizer = createOptimizer(c.optimizer, model.parameters(), { lr: c.lr });
  try {
    const scheduler = createScheduler(c.schedule, optimizer, options.registry);
    const shuffle = rng.fork('shuffle');
    const history: EpochLog[] = [];
    let startEpoch = 0;
    let earlyState: EarlyStoppingState | null = null;
    let stoppedEarly = checkpoint?.stoppedEarly ?? null;
    if (checkpoint) {
      earlyState = restore({ model, optimizer, scheduler }, checkpoint, checkpointPath(dir!));
      history.push(...checkpoint.history);
      startEpoch = checkpoint.epoch;
      // The shuffle stream draws one permutation per epoch: replaying them puts it where the run left it.
      for (let e = 0; e < checkpoint.rng.shuffle.epochsDrawn; e++) shuffle.permutation(data.train.rows);
    }
    const early = c.earlyStopping !== null ? createEarlyStopping(model, c.earlyStopping, earlyState ?? undefined) : null;
    const hooks: LoopHooks[] = [];
    // Awaited: a caller that yields there (the CLI does) lets signals and a closed pipe stop the run.
    if (config.onEpoch) hooks.push({ onEpoch: async (log) => void (await config.onEpoch!(log)) });
    hooks.push(...(options.hooks ?? []));
    if (early) hooks.push(early.hook);
    if (dir !== undefined) {
      const every = c.checkpoint!.every;
      hooks.push({
        onEpoch(log) {
          history.push(log);
          if (early?.stopped) stoppedEarly = early.stopped;
          if (log.epoch % every === 0 || log.epoch === c.epochs || stoppedEarly) {
            writeCheckpoint(
              dir,
              snapshot(
                { model, optimizer, scheduler },
                { settings, data: data.fingerprint, epoch: log.epoch, history, earlyStopping: early?.state() ?? null, stoppedEarly },
              ),
            );
          }
        },
      });
    } else {
      hooks.push({ onEpoch: (log) => void history.push(log) });
    }
    // A checkpoint of a finished run (early stopping ended it) resumes to its result, training nothing.
    const loop = stoppedEarly
      ? { ms: 0, history: [], steps: optimizer.stepCount }
      : await runLoop({
          model,
          optimizer,
          scheduler,
          loss: head.loss,
          train: data.train,
          val: data.val,
          epochs: c.epochs,
          batchSize: c.batchSize,
          shuffle,
          startEpoch,
          hooks,
        });
    if (early?.stopped) stoppedEarly = early.stopped;

    const metrics = evaluate(model, data.test, data.preprocessing, head.loss);
    const result: TrainResult = {
      // The config as run: its backend the concrete one, so that replaying it reproduces these numbers.
      config: { ...c, backend },
      backend,
      model: model.toJSON(),
      preprocessing: data.preprocessing,
      history,
      task: data.task,
      taskReason: data.taskReason,
      taskGuess: data.taskGuess,
      classes: data.classes,
      metrics,
      trainMs: loop.ms,
      trainSize: data.train.rows,
      valSize: data.val?.rows ?? 0,
      testSize: data.test.rows,
    };
    if (stoppedEarly) result.stoppedEarly = stoppedEarly;
    if (checkpoint) result.resumedFromEpoch = checkpoint.epoch;
    return result;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
