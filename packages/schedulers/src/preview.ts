import { ScheduleSpecError } from './errors.js';
import { runMisfit } from './length.js';
import type { ParsedSpec } from './node.js';
import { startScheduler } from './scheduler.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeStepLimit } from './tree.js';
import type { ParamGroupLike, PreviewOptions, PreviewResult } from './types.js';

/**
 * Run a parsed spec tree on a stand-in SGD optimizer and return the trajectory: row k holds each group's
 * rate after k calls of step() (row 0 right after construction). The options are checked first, `steps`
 * against the schedule's length rule (e.g. one-cycle asked for more steps than its totalSteps).
 */
export function previewTree(tree: ParsedSpec, options: PreviewOptions): PreviewResult {
  const { steps, lrs, metrics } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new ScheduleSpecError('steps', `expected a non-negative integer, got ${String(steps)}`);
  if (!Array.isArray(lrs) || lrs.length === 0) throw new ScheduleSpecError('lrs', 'expected at least one initial rate (one per param group)');
  lrs.forEach((lr, i) => {
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) throw new ScheduleSpecError(`lrs[${i}]`, `expected a finite rate >= 0, got ${String(lr)}`);
  });
  const misfit = runMisfit(treeStepLimit(tree), treeInterval(tree), { steps });
  if (misfit) throw new ScheduleSpecError('steps', misfit.message);
  const needsMetric = treeNeedsMetric(tree);
  if (needsMetric) {
    if (!metrics || metrics.length < steps)
      throw new ScheduleSpecError('metrics', `the schedule contains reduce-on-plateau: give at least ${steps} metric values (one per step), got ${metrics ? metrics.length : 0}`);
    metrics.slice(0, steps).forEach((m, i) => {
      if (typeof m !== 'number' || !Number.isFinite(m)) throw new ScheduleSpecError(`metrics[${i}]`, `expected a finite number, got ${String(m)}`);
    });
  }
  const mom = options.momentum ?? 0;
  const moms = typeof mom === 'number' ? lrs.map(() => mom) : [...mom];
  if (moms.length !== lrs.length) throw new ScheduleSpecError('momentum', `expected ${lrs.length} values (one per param group), got ${moms.length}`);
  moms.forEach((m, i) => {
    if (typeof m !== 'number' || !Number.isFinite(m)) throw new ScheduleSpecError(`momentum[${i}]`, `expected a finite number, got ${String(m)}`);
  });
  const groups: ParamGroupLike[] = lrs.map((lr, i) => ({ lr, momentum: moms[i]! }));
  const scheduler = startScheduler(tree, { paramGroups: groups });
  const cycles = treeCyclesMomentum(tree);
  const outLrs: number[][] = [groups.map((g) => g.lr)];
  const outMom: number[][] = [groups.map((g) => g.momentum!)];
  for (let k = 1; k <= steps; k++) {
    scheduler.step(needsMetric ? metrics![k - 1] : metrics?.[k - 1]);
    outLrs.push(groups.map((g) => g.lr));
    if (cycles) outMom.push(groups.map((g) => g.momentum!));
  }
  const result: PreviewResult = { lrs: outLrs, interval: scheduler.interval };
  if (cycles) result.momentum = outMom;
  return result;
}
