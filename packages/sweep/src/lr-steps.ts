// The learning rate of every optimizer step a trial took, from its record's LrSchedule: the compiled
// schedule's preview, as @lrkit/schedulers runs it, for as many epochs as the trial trained.
import { compileSchedule } from '@lrkit/schedulers';
import type { TrialRecord } from './trial';

/** Most points drawn per trial: a large table's run has millions of steps, a chart a few hundred pixels. */
export const MAX_LR_POINTS = 1500;

/** [step, rate] pairs (step 1 is the first optimizer step), thinned to at most MAX_LR_POINTS, or why not. */
export function lrPerStep(record: TrialRecord): { points: [number, number][] } | { reason: string } {
  const plan = record.lrSchedule;
  if (!plan) return { reason: 'the record has no schedule (written by an older lrkit, or the trial failed before training)' };
  const epochs = record.history.length;
  const total = epochs * plan.stepsPerEpoch;
  let rates: (step: number) => number;
  try {
    const compiled = compileSchedule(plan.schedule);
    if (compiled.interval === 'epoch') {
      // An epoch-wise schedule (reduce-on-plateau among them) steps once per epoch, on the validation loss.
      const metrics = record.history.map((h) => h.valLoss ?? h.loss);
      const rows = compiled.preview({ steps: epochs, lrs: [plan.lr], metrics }).lrs;
      rates = (s) => rows[Math.floor((s - 1) / plan.stepsPerEpoch)]![0]!;
    } else {
      const rows = compiled.preview({ steps: total, lrs: [plan.lr] }).lrs;
      // Row k is the rate after k step() calls: the rate optimizer step k + 1 trains at.
      rates = (s) => rows[s - 1]![0]!;
    }
  } catch (e) {
    return { reason: `its schedule does not preview here: ${(e as Error).message}` };
  }
  const every = Math.max(1, Math.ceil(total / MAX_LR_POINTS));
  const points: [number, number][] = [];
  for (let s = 1; s <= total; s += every) points.push([s, rates(s)]);
  if (total > 0 && points[points.length - 1]![0] !== total) points.push([total, rates(total)]);
  return { points };
}
