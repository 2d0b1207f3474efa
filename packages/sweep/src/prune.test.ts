import { describe, expect, it } from 'vitest';
import { medianPruner, pruneThresholds } from './prune';
import { spec } from './test-support';
import type { TrialRecord } from './trial';

const done = (id: string, losses: number[]): TrialRecord => ({ id, params: {}, status: 'done', history: losses.map((loss, i) => ({ epoch: i + 1, loss, lr: 0.1 })) });

describe('pruneThresholds (the median rule)', () => {
  const s = spec({ name: 's', grid: { lr: [0.1] }, prune: { median: { afterEpochs: 2 } } });

  it('is the median loss per epoch of completed trials, from afterEpochs on', () => {
    const t = pruneThresholds(s, [done('a', [1, 0.5, 0.4]), done('b', [1, 0.7, 0.2]), done('c', [1, 0.6, 0.3]), done('d', [1, 0.9])]);
    expect(t?.afterEpochs).toBe(2);
    expect(Object.keys(t!.thresholds)).toEqual(['2', '3']);
    expect(t!.thresholds[2]).toBe((0.6 + 0.7) / 2);
    expect(t!.thresholds[3]).toBe(0.3);
  });

  it('waits for minTrials completed trials, ignores pruned and failed ones, and is off without a rule', () => {
    expect(pruneThresholds(s, [done('a', [1]), done('b', [1])])).toBeUndefined();
    expect(pruneThresholds(s, [done('a', [1]), done('b', [1]), { ...done('c', [1]), status: 'pruned' }])).toBeUndefined();
    expect(pruneThresholds(spec({ name: 's', grid: { lr: [0.1] } }), [done('a', [1]), done('b', [1]), done('c', [1])])).toBeUndefined();
  });
});

describe('medianPruner (what a trial asks after each epoch)', () => {
  const pruner = medianPruner({ afterEpochs: 2, thresholds: { 1: 0.1, 2: 0.5, 3: 0.4 } });

  it('prunes an epoch from afterEpochs on whose loss (validation loss where there is one) is above its threshold', () => {
    expect(pruner.shouldPrune({ epoch: 2, loss: 0.6 })).toBe('pruned at epoch 2: loss 0.6 > the median 0.5 of completed trials');
    expect(pruner.shouldPrune({ epoch: 3, loss: 0.1, valLoss: 0.45 })).toBe('pruned at epoch 3: loss 0.45 > the median 0.4 of completed trials');
  });

  it('goes on before afterEpochs, at or below the threshold, at an epoch without one, and on a NaN loss', () => {
    expect(pruner.shouldPrune({ epoch: 1, loss: 9 })).toBeNull();
    expect(pruner.shouldPrune({ epoch: 2, loss: 0.5 })).toBeNull();
    expect(pruner.shouldPrune({ epoch: 3, loss: 0.9, valLoss: 0.3 })).toBeNull();
    expect(pruner.shouldPrune({ epoch: 4, loss: 9 })).toBeNull();
    expect(pruner.shouldPrune({ epoch: 2, loss: Number.NaN })).toBeNull();
  });
});
