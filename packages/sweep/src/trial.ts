import type { TrainConfig, TrainResult } from '@lrkit/train';
import type { EpochRecord } from '@lrkit/train/internal';
import { summarizeMetrics, type MetricsSummary } from '@lrkit/train/config';
import { verdictText, type PruneVerdict } from './prune/rules';
import type { MetricName } from './schema';

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
  /** Why train() refuses `config` (a sampler's draw, see make-trial.ts): the trial is recorded as failed with it, never trained. */
  refused?: string;
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
  /** Why it failed (a failed trial only). */
  error?: string;
  /** A pruned trial: the epoch, its value and what it was compared with (see verdictText). */
  pruned?: PruneVerdict;
  /** Where the sweep prunes: the ranking metric on the validation split after each epoch (values[e - 1] at epoch e), what the pruner compared. */
  validation?: { metric: string; values: number[] };
  /**
   * The sweep file's field the trial could not use (a pruner on a metric the task does not measure): the
   * runner stops the sweep with an input error naming it and keeps no record of the trial.
   */
  inputField?: string;
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

/** What a trial's status line says beside the status: why it failed, or where and against what it was pruned. */
export function trialNote(record: Pick<TrialRecord, 'status' | 'error' | 'pruned'>): string {
  if (record.status === 'pruned' && record.pruned) return verdictText(record.pruned);
  return record.error ?? '';
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
  /** Where the sweep prunes: the metric the trial reports after each epoch, asking whether to go on. */
  prune?: { metric: MetricName };
  /** Trial.refused: the trial's record is a failure with this reason, and nothing is trained. */
  refused?: string;
}

/** What a trial process is sent: a trial to run, or the answer to its last epoch's question (pruning). */
export type ParentMessage = { type: 'run'; request: TrialRequest } | { type: 'verdict'; verdict: PruneVerdict | null };
