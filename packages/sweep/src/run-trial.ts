import { train, type EpochLog, type LoopHooks } from '@lrkit/train';
import { epochRecord } from '@lrkit/train/config';
import type { TableReader } from '@lrkit/train/internal';
import type { PruneVerdict } from './prune/rules';
import { measurable, pruneValue } from './prune/value';
import { lrScheduleOf, trialMetrics, type TrialRecord, type TrialRequest } from './trial';

/**
 * Told of each epoch; where the sweep prunes, also given the trial's values so far (the ranking metric on
 * the validation split, values[e - 1] at epoch e) and asked whether to stop: a verdict stops it.
 */
export type EpochReport = (log: EpochLog, values?: readonly number[]) => void | Promise<PruneVerdict | null>;

/**
 * One trial: train() with the trial's settings, exactly as `lrkit train` runs them, reported as a
 * TrialRecord. A run that throws is a failed trial with its message; so is a request train() refuses
 * (`refused`: a sampler's draw, see make-trial.ts), without training. After each epoch the trial reports it
 * (to `history` and `onEpoch`); where the sweep prunes it reports its value and waits for the verdict, as
 * Optuna's trial.report and trial.should_prune: a verdict stops the run after that epoch, and the trial is
 * recorded as pruned, with the verdict. `readTable` reads the data file: a trial process passes one
 * `tableCache()` to all its trials.
 */
export async function runTrial(request: TrialRequest, onEpoch: EpochReport = () => undefined, readTable?: TableReader): Promise<TrialRecord> {
  const history: TrialRecord['history'] = [];
  const metric = request.prune?.metric;
  const values: number[] = [];
  let pruned: PruneVerdict | null = null;
  let missing: string | undefined;
  const report: LoopHooks = {
    async onEpoch(log, info) {
      history.push(epochRecord(log));
      if (metric === undefined) {
        await onEpoch(log);
        return undefined;
      }
      const value = pruneValue(metric, log, info);
      if (value === undefined) {
        missing = `the sweep prunes on '${metric}', which this task does not measure on its validation split (it measures: ${measurable(info).join(', ')}): rank by one of those`;
        return 'stop';
      }
      values.push(value);
      pruned = (await onEpoch(log, values)) ?? null;
      return pruned === null ? undefined : 'stop';
    },
  };
  const base = { id: request.id, params: request.params };
  if (request.refused !== undefined) return { ...base, status: 'failed', history: [], error: `train refuses these settings: ${request.refused}` };
  const validation = metric === undefined ? {} : { validation: { metric, values } };
  try {
    const result = await train(request.config, { hooks: [report], ...(readTable ? { readTable } : {}) });
    if (missing !== undefined) return { ...base, status: 'failed', history, error: missing, inputField: 'metric' };
    const ran = { history, ...validation, trainMs: result.trainMs, backend: result.backend, lrSchedule: lrScheduleOf(result) };
    if (pruned !== null) return { ...base, status: 'pruned', pruned, ...ran };
    return { ...base, status: 'done', metrics: trialMetrics(result), ...ran };
  } catch (e) {
    return { ...base, status: 'failed', history, ...validation, error: (e as Error).message ?? String(e) };
  }
}
