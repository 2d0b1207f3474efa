import type { MetricName } from './schema';
import type { TrialRecord } from './trial';

const statusOrder = { done: 0, pruned: 1, failed: 2 } as const;

/**
 * Trials best first: finished ones by the metric (ties by id, so the order never depends on timing), then
 * pruned, then failed. A NaN metric ranks last among the finished.
 */
export function rankTrials(records: TrialRecord[], metric: MetricName, mode: 'max' | 'min'): TrialRecord[] {
  const value = (r: TrialRecord) => {
    const v = r.metrics?.[metric];
    return v === undefined || Number.isNaN(v) ? (mode === 'max' ? -Infinity : Infinity) : v;
  };
  return [...records].sort((a, b) => {
    const s = statusOrder[a.status] - statusOrder[b.status];
    if (s !== 0) return s;
    const d = mode === 'max' ? value(b) - value(a) : value(a) - value(b);
    if (d !== 0 && !Number.isNaN(d)) return d;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
