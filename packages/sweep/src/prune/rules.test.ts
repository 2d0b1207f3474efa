import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bracketBudgets, bracketOf, decisionAt, verdict, verdictText } from './rules';
import type { PruneRule } from './spec';

const median: PruneRule = { kind: 'median', startupTrials: 2, warmupEpochs: 1, minTrials: 2 };
const asha: PruneRule = { kind: 'asha', minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 0, bootstrapCount: 0 };
const slot = (ordinal: number) => ({ ordinal, id: 'a'.repeat(16) });

describe('median (Optuna MedianPruner: n_startup_trials, n_warmup_steps, n_min_trials)', () => {
  it('judges no startup trial and no warmup epoch', () => {
    expect(decisionAt(median, slot(1), 5)).toBeNull();
    expect(decisionAt(median, slot(2), 1)).toBeNull();
    expect(decisionAt(median, slot(2), 2)).not.toBeNull();
  });

  it('prunes a trial whose best value so far is worse than the median of the earlier trials at that epoch', () => {
    const d = decisionAt(median, slot(3), 3)!;
    // max mode: the trial's best (0.7) against the median of 0.6, 0.8, 0.9 (0.8).
    expect(verdict(median, d, 'f1', 'max', [0.5, 0.7, 0.65], [0.6, 0.8, 0.9])).toEqual({ rule: 'median', epoch: 3, metric: 'f1', value: 0.7, threshold: 0.8, compared: 3 });
    expect(verdict(median, d, 'f1', 'max', [0.5, 0.85, 0.65], [0.6, 0.8, 0.9])).toBeNull();
    // min mode: a loss whose best so far is above the median.
    expect(verdict(median, d, 'loss', 'min', [0.9, 0.8, 0.7], [0.5, 0.6])).toMatchObject({ value: 0.7, threshold: 0.55 });
    // Fewer than minTrials earlier values: no verdict.
    expect(verdict(median, d, 'f1', 'max', [0.1, 0.1, 0.1], [0.9])).toBeNull();
  });
});

describe('successive halving (Optuna SuccessiveHalvingPruner)', () => {
  it('decides at the rungs minResource * eta^(rate + r) only', () => {
    expect([1, 2, 3, 4, 5, 8].map((e) => decisionAt(asha, slot(0), e) !== null)).toEqual([true, true, false, true, false, true]);
    const late = { ...asha, minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 };
    expect([2, 6, 12, 18].map((e) => decisionAt(late, slot(0), e) !== null)).toEqual([false, true, false, true]);
  });

  it('keeps the best floor(n / eta) of the n values at the rung (itself included), the best one where n < eta', () => {
    const d = decisionAt(asha, slot(4), 2)!;
    // 4 values at the rung, eta 2: the best 2 go on (0.9, 0.8); 0.7 is pruned.
    expect(verdict(asha, d, 'accuracy', 'max', [0.5, 0.7], [0.9, 0.8, 0.6])).toMatchObject({ value: 0.7, threshold: 0.8, compared: 3 });
    expect(verdict(asha, d, 'accuracy', 'max', [0.5, 0.85], [0.9, 0.8, 0.6])).toBeNull();
    // The first trial at a rung is the best there.
    expect(verdict(asha, d, 'accuracy', 'max', [0.5, 0.1], [])).toBeNull();
    // A NaN is pruned.
    expect(verdict(asha, d, 'accuracy', 'max', [0.5, Number.NaN], [0.2])).toMatchObject({ rule: 'asha', epoch: 2 });
    // bootstrapCount: pruned until more than that many reached the rung.
    expect(verdict({ ...asha, bootstrapCount: 2 }, d, 'accuracy', 'max', [0.5, 0.99], [0.1])).not.toBeNull();
  });
});

describe('hyperband (Optuna HyperbandPruner)', () => {
  const hb: PruneRule = { kind: 'hyperband', minResource: 1, maxResource: 9, reductionFactor: 3 };
  // Trial ids are hashes of the trials' settings.
  const ids400 = Array.from({ length: 400 }, (_, i) => createHash('sha256').update(String(i)).digest('hex').slice(0, 16));

  it('has floor(log_eta(max/min)) + 1 brackets with Optuna\'s budgets, and a trial\'s bracket follows from its id', () => {
    expect(bracketBudgets(hb)).toEqual([9, 5, 3]);
    const ids = ids400;
    const counts = [0, 0, 0];
    for (const id of ids) counts[bracketOf(hb, id)]! += 1;
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(bracketOf(hb, ids[7]!)).toBe(bracketOf(hb, ids[7]!));
  });

  it('compares a trial only with the trials of its bracket, at that bracket\'s rungs', () => {
    const id = ids400.find((x) => bracketOf(hb, x) === 1)!;
    const d = decisionAt(hb, { ordinal: 3, id }, 3)!;
    expect(d.bracket).toBe(1);
    expect(decisionAt(hb, { ordinal: 3, id }, 1)).toBeNull();
    const other = ids400.find((x) => bracketOf(hb, x) === 0)!;
    expect(d.peers({ ordinal: 0, id: other })).toBe(false);
    expect(verdictText(verdict(hb, d, 'f1', 'max', [0, 0, 0.2], [0.5, 0.6])!)).toBe('pruned at epoch 3 (hyperband): f1 0.2 not in the best 1/η of 3 at the rung of bracket 1 (the last kept 0.6)');
  });
});
