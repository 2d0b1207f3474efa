// The cells every tabular format shares, so the terminal table and the markdown agree.
import type { BenchResult, TargetCheck } from '../types';
import { formatNumber, formatRatio } from './numbers';

export const COLUMNS = ['suite', 'impl', 'metric', 'median', 'min..max', 'unit', 'ratio, > 1x: this row better (median [min..max])', 'note'] as const;

export function rowCells(r: BenchResult): string[] {
  const value = r.value === null ? '-' : formatNumber(r.value);
  const range = r.min !== undefined && r.max !== undefined ? `${formatNumber(r.min)}..${formatNumber(r.max)}` : '';
  const ratios = (r.ratios ?? [])
    .map((x) => `${formatRatio(x.median)} vs ${x.vs} [${formatNumber(x.min)}..${formatNumber(x.max)}]`)
    .join('; ');
  const note =
    r.status === 'ok'
      ? [r.note, r.reason].filter(Boolean).join('; ')
      : `${r.status === 'unavailable' ? 'not available' : 'failed'}: ${r.reason ?? 'no reason given'}`;
  return [r.suite, r.impl, r.metric, value, range, r.unit, ratios, note];
}

export function targetLine(t: TargetCheck): string {
  const mark = t.status === 'met' ? 'MET' : t.status === 'missed' ? 'MISSED' : 'NOT MEASURED';
  return `${mark}: [${t.suite}] ${t.target} (${t.detail})`;
}
