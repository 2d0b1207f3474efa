import { describe, expect, it } from 'vitest';
import { pruneThresholds } from './prune';
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
