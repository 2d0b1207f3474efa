// A bar chart of every ratio (lrkit vs peer, median with a min..max whisker) on a log scale around 1x.
import { barChart, type Bar } from '@lrkit/charts';
import type { BenchDocument } from '../types';
import { formatNumber, formatRatio } from './numbers';

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function bars(doc: BenchDocument): Bar[] {
  return doc.results.flatMap((r) =>
    (r.ratios ?? []).map((x) => ({
      label: clip(`${r.suite} ${r.metric}: ${r.impl} vs ${x.vs}`, 84),
      value: x.median,
      low: x.min,
      high: x.max,
      color: x.median >= 1 ? '#2f7d32' : '#c62828',
      note: formatRatio(x.median),
    })),
  );
}

export function renderSvg(doc: BenchDocument): string {
  // Labels are right-aligned against the plot; about 6.5 px a character at 11 px sans-serif.
  return `${barChart(bars(doc), {
    title: `lrkit vs peers (> 1x: lrkit better), ${doc.machine.date.slice(0, 10)}`,
    subtitle: `${doc.machine.cpuModel}, ${doc.machine.cores} cores, Node ${doc.machine.nodeVersion}`,
    width: 1050,
    labelWidth: 560,
    log: true,
    baseline: 1,
    tick: (v) => `${formatNumber(v)}x`,
    empty: 'no ratios were measured in this run',
  })}\n`;
}
