import type { TrainConfig, TrainResult } from '@lrkit/train';
import type { EpochRecord } from '@lrkit/train/internal';
import { summarizeMetrics, type MetricsSummary } from '@lrkit/train/config';

/** What `lrkit train --json` reports of a run's results (its other fields are the settings, in `params`). */
export type TrialMetrics = MetricsSummary;

export type TrialStatus = 'done' | 'failed' | 'pruned';

/** One training run of a sweep. */
export interface Trial {
  id: string;
  /** The trial's searched settings (grid, random or tpe), as the sweep file names them. */
  params: Record<string, unknown>;
  /** What train() is given: the file's `train` with `params` laid over it. */
  config: TrainConfig;
}

/** A finished trial, as kept on disk, returned by a queue worker and printed by `--json`. */
export interface TrialRecord {
  id: string;
  params: Record<string, unknown>;
  status: TrialStatus;
  /** Absent when the trial failed or was pruned. */
  metrics?: TrialMetrics;
  /** One entry per epoch trained (loss, lr; the validation loss and metric where the run measured them): `lrkit train --json`'s history. */
  history: EpochRecord[];
  /** Why it failed, or at which epoch and why it was pruned. */
  error?: string;
  trainMs?: number;
  backend?: string;
  /**
   * What the rate of every optimizer step follows from, for the report's rate-per-step chart: the initial
   * rate (the one found, with `lr: 'find'`), the schedule as run (its lengths filled) and the steps per
   * epoch. Steps are not recorded one by one: a large table has thousands per epoch.
   */
  lrSchedule?: LrSchedule;
}

export interface LrSchedule {
  lr: number;
  schedule: unknown;
  stepsPerEpoch: number;
}

/** A run's LrSchedule: the rate, the schedule and the step count as train() used them. */
export function lrScheduleOf(result: TrainResult): LrSchedule {
  return { lr: result.config.lr as number, schedule: result.config.schedule, stepsPerEpoch: Math.ceil(result.trainSize / result.config.batchSize) };
}

/** The metrics of a run, the same names and values as `lrkit train --json`'s summary (@lrkit/train's summarizeMetrics). */
export function trialMetrics(result: TrainResult): TrialMetrics {
  return summarizeMetrics(result);
}

/** The message a trial process gets: one trial to run. */
export interface TrialRequest {
  id: string;
  params: Record<string, unknown>;
  config: TrainConfig;
  /** Median pruning: stop after an epoch whose loss is worse than the threshold given for that epoch. */
  pruneAfter?: { afterEpochs: number; thresholds: Record<number, number> };
}
