import type { StepLimit } from './node.js';
import type { StepInterval } from './types.js';

/**
 * A run to check against a schedule: `steps` step() calls (a preview), or a training run of `epochs`
 * epochs of `stepsPerEpoch` optimizer steps each (read only where the schedule steps per batch). `done`
 * counts the calls already made (a resumed schedule).
 */
export type ScheduleRun = { steps: number; done?: number } | { epochs: number; stepsPerEpoch: number; done?: number };

/** Why a run does not fit its schedule. */
export interface RunMisfit {
  /** The option that sets the limit, as a field path (`schedule.schedulers[1].totalSteps`). */
  option: string;
  /** The step() calls the run makes, those already made included. */
  steps: number;
  /** The most the schedule allows. */
  allowed: number;
  /** One sentence saying so, without a field prefix: each caller names its own (`--steps`, `schedule`). */
  message: string;
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The length rule: null where `run` stays within `limit`, else what does not fit. Every check of a run's
 * length (train, lr-find, `lrkit schedule`, preview, the tfjs callback) is this one function, so they
 * count a run's calls the same way: per batch for a per-step schedule, per epoch otherwise.
 */
export function runMisfit(limit: StepLimit | null, interval: StepInterval, run: ScheduleRun): RunMisfit | null {
  if (!limit) return null;
  const done = run.done ?? 0;
  let calls: number;
  let how = '';
  if ('steps' in run) calls = run.steps;
  else if (interval === 'step') {
    calls = run.epochs * run.stepsPerEpoch;
    how = ` (${count(run.epochs, 'epoch')} x ${count(run.stepsPerEpoch, 'step')})`;
  } else {
    calls = run.epochs;
    how = ` (${count(run.epochs, 'epoch')})`;
  }
  if (done + calls <= limit.steps) return null;
  const after = done ? ` after the ${done} already taken` : '';
  return {
    option: limit.option,
    steps: done + calls,
    allowed: limit.steps,
    message: `the run steps the schedule ${calls === 1 ? 'once' : `${calls} times`}${how}${after}, but the schedule allows at most ${limit.steps} (${limit.option})`,
  };
}
