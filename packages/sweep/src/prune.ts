import type { EpochLog } from '@lrkit/train';
import type { SweepSpec } from './parse';
import type { TrialRecord, TrialRequest } from './trial';

const DEFAULT_MIN_TRIALS = 3;

/** The loss pruning compares: the validation loss where the run measured it, else the training loss. */
export function pruneLoss(log: Pick<EpochLog, 'loss' | 'valLoss'>): number {
  return log.valLoss ?? log.loss;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The median rule (Optuna's MedianPruner): for each epoch e from `afterEpochs` on, the median loss at e
 * of the trials completed so far; a trial whose loss at e is above it stops. Undefined when the sweep
 * does not prune, or too few trials have completed to judge by.
 */
export function pruneThresholds(spec: Pick<SweepSpec, 'prune'>, completed: Iterable<TrialRecord>): { afterEpochs: number; thresholds: Record<number, number> } | undefined {
  const rule = spec.prune?.median;
  if (!rule) return undefined;
  const done = [...completed].filter((r) => r.status === 'done');
  if (done.length < (rule.minTrials ?? DEFAULT_MIN_TRIALS)) return undefined;
  const byEpoch = new Map<number, number[]>();
  for (const r of done) for (const h of r.history) byEpoch.set(h.epoch, [...(byEpoch.get(h.epoch) ?? []), pruneLoss(h)]);
  const thresholds: Record<number, number> = {};
  for (const [epoch, losses] of byEpoch) if (epoch >= rule.afterEpochs) thresholds[epoch] = median(losses);
  return { afterEpochs: rule.afterEpochs, thresholds };
}

/** What a trial asks after each epoch it reports (Optuna's Pruner, for one trial): why to stop it, or null to go on. */
export interface Pruner {
  shouldPrune(log: Pick<EpochLog, 'epoch' | 'loss' | 'valLoss'>): string | null;
}

/** The median rule's verdict for a trial judged by `pruneThresholds`' thresholds: an epoch's loss above its threshold. */
export function medianPruner({ afterEpochs, thresholds }: NonNullable<TrialRequest['pruneAfter']>): Pruner {
  return {
    shouldPrune(log) {
      const threshold = thresholds[log.epoch];
      const loss = pruneLoss(log);
      if (log.epoch < afterEpochs || threshold === undefined || !(loss > threshold)) return null;
      return `pruned at epoch ${log.epoch}: loss ${loss} > the median ${threshold} of completed trials`;
    },
  };
}
