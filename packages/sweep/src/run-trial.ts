import { train, type EpochLog } from '@lrkit/train';
import { trialMetrics, type TrialRecord, type TrialRequest } from './trial';

/** Thrown from the epoch callback to stop a losing trial (train() disposes its tensors on the way out). */
class PruneSignal extends Error {}

/** The loss pruning compares: the validation loss where the run measured it, else the training loss. */
export function pruneLoss(log: Pick<EpochLog, 'loss' | 'valLoss'>): number {
  return log.valLoss ?? log.loss;
}

/**
 * One trial: train() with the trial's settings, exactly as `lrkit train` runs them, reported as a
 * TrialRecord. A run that throws is a failed trial with its message; one the median rule stops is pruned.
 */
export async function runTrial(request: TrialRequest, onEpoch: (log: EpochLog) => void = () => undefined): Promise<TrialRecord> {
  const history: TrialRecord['history'] = [];
  const prune = request.pruneAfter;
  const base = { id: request.id, params: request.params };
  try {
    const result = await train({
      ...request.config,
      onEpoch: (log) => {
        history.push({ epoch: log.epoch, loss: log.loss, lr: log.lr, ...(log.valLoss !== undefined ? { valLoss: log.valLoss } : {}) });
        onEpoch(log);
        const threshold = prune?.thresholds[log.epoch];
        if (prune && log.epoch >= prune.afterEpochs && threshold !== undefined && pruneLoss(log) > threshold) {
          throw new PruneSignal(`pruned at epoch ${log.epoch}: loss ${pruneLoss(log)} > the median ${threshold} of completed trials`);
        }
      },
    });
    return { ...base, status: 'done', metrics: trialMetrics(result), history, trainMs: result.trainMs, backend: result.backend };
  } catch (e) {
    if (e instanceof PruneSignal) return { ...base, status: 'pruned', history, error: e.message };
    return { ...base, status: 'failed', history, error: (e as Error).message ?? String(e) };
  }
}
