// Resuming: the checkpoint directory opened before a run builds anything, the settings a checkpoint must
// share with the run that resumes it, the running state put back where the checkpoint left it, and the hook
// that writes the checkpoints (CHECKPOINTS.md describes the file).
import type { ColumnPlan } from '@lrkit/data';
import { AUTO_BACKEND, BackendUnavailableError, type Rng } from '@lrkit/core';
import { canonicalJson, type TempFileRegistry } from '@lrkit/io';
import { selectBackend } from '../backend/select';
import { RESUME_SETTINGS, type CheckpointFile, type ResumeSettings } from '../checkpoint/format';
import { restore, snapshot, type TrainingState } from '../checkpoint/snapshot';
import { hasCheckpoint, prepareCheckpointDir, readCheckpoint, writeCheckpoint } from '../checkpoint/store';
import type { CompiledSchedule } from '@lrkit/schedulers';
import { ABSENT_MEANS_DEFAULT } from '../config/absent';
import { defaultsFor } from '../config/optimizer';
import { TrainConfigError } from '../errors';
import type { CheckpointConfig, EpochLog, ResolvedTrainConfig, Task } from '../types';
import type { EarlyStopping, EarlyStoppingState } from './early-stopping';
import type { LoopHooks } from './run';

export interface CheckpointDir {
  /** The checkpoint to resume from; null for a run that starts afresh. */
  checkpoint: CheckpointFile | null;
  /** Removes the directory again if opening it created it and nothing has been written there. */
  undo(): void;
}

/**
 * How to start afresh instead of resuming `dir`, said by every refusal to resume: the names are the config's
 * (the CLI's flags are the same names in kebab case: --resume, --checkpoint-dir).
 */
function startAfresh(dir: string | undefined): string {
  return `start afresh: leave out resume and give another checkpoint.dir, or delete '${dir}' first`;
}

/**
 * The run's checkpoint directory, checked before anything is created: a resume reads its checkpoint first
 * (so a missing one leaves no directory behind); a fresh run refuses a directory that holds one.
 */
export function openCheckpointDir(c: ResolvedTrainConfig, temp?: TempFileRegistry): CheckpointDir {
  const dir = c.checkpoint?.dir;
  const checkpoint = c.resume ? readCheckpoint(dir!) : null;
  if (dir === undefined) return { checkpoint, undo: () => {} };
  // Locked from here until undo(): a second run into the folder is refused, naming this one.
  const undo = prepareCheckpointDir(dir, temp);
  if (!c.resume && hasCheckpoint(dir)) {
    undo();
    throw new TrainConfigError('checkpoint.dir', `'${dir}' already holds a checkpoint: resume it (resume: true), or give another checkpoint.dir, or delete '${dir}' first`);
  }
  return { checkpoint, undo };
}

/**
 * The run's backend, set up: the one asked for, or for 'auto' the automatic choice, or, resuming with
 * 'auto', the backend the checkpoint was trained on (another would not continue its numbers bit for bit).
 */
export async function resumeBackend(c: ResolvedTrainConfig, checkpoint: CheckpointFile | null): Promise<string> {
  if (c.backend !== AUTO_BACKEND || !checkpoint) return selectBackend(c.backend, c.threads);
  const was = checkpoint.settings.backend;
  try {
    return await selectBackend(was, c.threads);
  } catch (e) {
    if (!(e instanceof BackendUnavailableError)) throw e;
    throw new TrainConfigError('resume', `the checkpoint in '${c.checkpoint?.dir}' was trained on the ${was} backend, which cannot run here (${e.reason}): resume where it can, or ${startAfresh(c.checkpoint?.dir)}`);
  }
}

/**
 * The run's RESUME_SETTINGS, in the list's order (the checkpoint keeps them so): the resolved config's
 * values, but the task trained (not 'auto') and the backend that runs, so that a resume with 'auto'
 * continues on it.
 */
export function resumeSettings(c: ResolvedTrainConfig, run: { task: Task; backend: string }): ResumeSettings {
  const settings = Object.fromEntries(RESUME_SETTINGS.map((key) => [key, c[key]]));
  return Object.assign(settings, run) as ResumeSettings;
}

/**
 * Refuses a resume whose settings or data differ from the checkpoint's, naming the first that does. `epochs`
 * alone may grow: a finished run resumed with more epochs goes on (the caller checks that its schedule allows
 * the longer run); fewer than the checkpoint has done are refused.
 */
export function checkResumable(c: CheckpointFile, settings: ResumeSettings, data: string, dir: string): void {
  if (c.data !== data) {
    throw new TrainConfigError('resume', `the checkpoint in '${dir}' was made on another data set (its rows, columns or values differ): resume on that data, or ${startAfresh(dir)}`);
  }
  for (const key of RESUME_SETTINGS) {
    if (key === 'epochs') continue;
    // A checkpoint written before a setting existed lacks it: its run had the default.
    const held = c.settings !== undefined && Object.hasOwn(c.settings, key);
    const was = canonicalJson(held || !ABSENT_MEANS_DEFAULT.has(key) ? c.settings?.[key] : defaultsFor(c.settings.optimizer)[key]);
    const now = canonicalJson(settings[key]);
    if (was !== now) {
      throw new TrainConfigError(
        key,
        `the checkpoint in '${dir}' was made with ${key} ${was}, this run has ${now}: resume with the same settings, or ${startAfresh(dir)}`,
      );
    }
  }
  if (settings.epochs < c.epoch) {
    throw new TrainConfigError('epochs', `the checkpoint in '${dir}' has ${c.epoch} epochs done, more than the ${settings.epochs} asked: resume with epochs ${c.epoch} or more`);
  }
}

/**
 * Refuses a run its schedule cannot take, naming the field: for a resume that extends the checkpoint's run,
 * `epochs` (the extension is what does not fit: past the schedule's length, or a schedule whose lengths were
 * filled from the shorter run, which a longer run would change), else `schedule`.
 */
export function checkRunLength(schedule: CompiledSchedule, run: { epochs: number; stepsPerEpoch: number }, checkpoint: CheckpointFile | null): void {
  const was = checkpoint?.settings.epochs;
  const extending = was !== undefined && run.epochs > was;
  const cannot = `the checkpoint's run of ${was} epochs cannot be extended to ${run.epochs}`;
  if (extending && schedule.fromRun.length) {
    const filled = schedule.fromRun.map((f) => f.option).join(', ');
    throw new TrainConfigError('epochs', `${cannot}: its schedule's ${filled} came from the run's length, so a longer run is another schedule`);
  }
  const misfit = schedule.checkRun(run);
  if (misfit) throw new TrainConfigError(extending ? 'epochs' : 'schedule', extending ? `${cannot}: ${misfit.message}` : misfit.message);
}

/** Where a run starts: at the beginning, or where its checkpoint left it. */
export interface RunStart {
  /** Epochs already done. */
  epoch: number;
  /** Their logs. */
  history: EpochLog[];
  earlyStopping: EarlyStoppingState | null;
  /** Set when early stopping had ended the checkpoint's run: it is complete, there is nothing left to train. */
  stoppedEarly: CheckpointFile['stoppedEarly'];
}

/**
 * Puts the checkpoint's state into the freshly built model, optimizer and scheduler, and the shuffle stream
 * where the run left it. Without a checkpoint: the start of a fresh run. `file` names the checkpoint in errors.
 * The history's epochs become the run's `epochs`: a run extended from 10 epochs to 20 has the history of a
 * straight 20-epoch run (each log says which run it belongs to, and it is that one now).
 */
export function resumeFrom(checkpoint: CheckpointFile | null, state: TrainingState, shuffle: Rng, run: { trainRows: number; epochs: number }, file?: string): RunStart {
  if (!checkpoint) return { epoch: 0, history: [], earlyStopping: null, stoppedEarly: null };
  const earlyStopping = restore(state, checkpoint, file);
  // The shuffle stream draws one permutation per epoch: replaying them puts it where the run left it.
  for (let e = 0; e < checkpoint.rng.shuffle.epochsDrawn; e++) shuffle.permutation(run.trainRows);
  const history = checkpoint.history.map((log) => ({ ...log, epochs: run.epochs }));
  return { epoch: checkpoint.epoch, history, earlyStopping, stoppedEarly: checkpoint.stoppedEarly };
}

export interface CheckpointingOptions {
  state: TrainingState;
  settings: ResumeSettings;
  /** The data set's fingerprint. */
  data: string;
  /** The column plan the data went through, kept in the checkpoint beside the weights. */
  plan?: ColumnPlan;
  epochs: number;
  /** Every epoch's log so far, pushed by an earlier hook. */
  history: EpochLog[];
  early: EarlyStopping | null;
  /** Where the checkpoint's temporary file is registered while it exists, for a signal's clean-up. */
  temp?: TempFileRegistry;
}

/** Writes a checkpoint every `every` epochs, after the last, and after the epoch early stopping ends the run in. */
export function checkpointHook({ dir, every }: Required<CheckpointConfig>, o: CheckpointingOptions): LoopHooks {
  return {
    onEpoch(log) {
      const stoppedEarly = o.early?.stopped ?? null;
      if (log.epoch % every !== 0 && log.epoch !== o.epochs && !stoppedEarly) return;
      writeCheckpoint(
        dir,
        snapshot(o.state, { settings: o.settings, data: o.data, epoch: log.epoch, history: o.history, earlyStopping: o.early?.state() ?? null, stoppedEarly, ...(o.plan ? { plan: o.plan } : {}) }),
        o.temp,
      );
    },
  };
}
