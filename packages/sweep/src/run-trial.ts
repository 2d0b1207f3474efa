import { train, type EpochLog, type LoopHooks } from '@lrkit/train';
import { epochRecord } from '@lrkit/train/config';
import { medianPruner } from './prune';
import { lrScheduleOf, trialMetrics, type TrialRecord, type TrialRequest } from './trial';

/**
 * One trial: train() with the trial's settings, exactly as `lrkit train` runs them, reported as a
 * TrialRecord. A run that throws is a failed trial with its message. After each epoch the trial reports it
 * (to `history` and `onEpoch`) and asks its pruner whether to go on, as Optuna's trial.report and
 * trial.should_prune: a prune stops the run after that epoch, and the trial is recorded as pruned.
 */
export async function runTrial(request: TrialRequest, onEpoch: (log: EpochLog) => void = () => undefined): Promise<TrialRecord> {
  const history: TrialRecord['history'] = [];
  const pruner = request.pruneAfter ? medianPruner(request.pruneAfter) : null;
  let pruned: string | null = null;
  const report: LoopHooks = {
    onEpoch(log) {
      history.push(epochRecord(log));
      onEpoch(log);
      pruned = pruner?.shouldPrune(log) ?? null;
      return pruned === null ? undefined : 'stop';
    },
  };
  const base = { id: request.id, params: request.params };
  try {
    const result = await train(request.config, { hooks: [report] });
    if (pruned !== null) return { ...base, status: 'pruned', history, error: pruned, lrSchedule: lrScheduleOf(result) };
    return { ...base, status: 'done', metrics: trialMetrics(result), history, trainMs: result.trainMs, backend: result.backend, lrSchedule: lrScheduleOf(result) };
  } catch (e) {
    return { ...base, status: 'failed', history, error: (e as Error).message ?? String(e) };
  }
}
