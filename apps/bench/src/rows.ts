// Turning measured runs into result rows, and rows for what could not run (which say why, never vanish).
import type { ContenderRun } from './measure';
import { metricValues } from './measure';
import { summarize } from './stats';
import type { BenchResult, Ratio, SuiteName } from './types';

export interface MetricSpec {
  /** The key in each sample. */
  key: string;
  /** The row's metric label. */
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
}

export function measuredRow(
  suite: SuiteName,
  run: ContenderRun,
  spec: MetricSpec,
  extra: { ratios?: Ratio[]; note?: string } = {},
): BenchResult {
  const values = metricValues(run, spec.key);
  if (values.length === 0) {
    return {
      suite,
      impl: run.impl,
      metric: spec.metric,
      value: null,
      unit: spec.unit,
      status: 'failed',
      reason: run.error ?? 'no sample was measured',
    };
  }
  const s = summarize(values);
  const row: BenchResult = {
    suite,
    impl: run.impl,
    metric: spec.metric,
    value: s.median,
    unit: spec.unit,
    min: s.min,
    max: s.max,
    samples: s.n,
    better: spec.better,
    status: 'ok',
  };
  const ratios = (extra.ratios ?? []).filter(Boolean);
  if (ratios.length > 0) row.ratios = ratios;
  if (run.error) row.reason = `stopped after ${s.n} rounds: ${run.error}`;
  if (extra.note) row.note = extra.note;
  return row;
}

export function unavailableRow(
  suite: SuiteName,
  impl: string,
  metric: string,
  unit: string,
  reason: string,
): BenchResult {
  return { suite, impl, metric, value: null, unit, status: 'unavailable', reason };
}

/** A plain value row (an estimate, a count): no repeats behind it. */
export function valueRow(
  suite: SuiteName,
  impl: string,
  metric: string,
  value: number,
  unit: string,
  note?: string,
): BenchResult {
  return { suite, impl, metric, value, unit, status: 'ok', ...(note ? { note } : {}) };
}
