// A horizontal bar chart, one bar per item in the order given: the sweep report's ranked metric, the bench's
// ratios (on a log axis around 1x, with the spread of the repeats as whiskers).
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { color, escapeXml, headroom, logTicks, open, tickLabel } from './svg';

export interface Bar {
  label: string;
  value: number;
  color?: string;
  /** The text after the bar (default: the value's tick label). */
  note?: string;
  /** Hover text. */
  title?: string;
  /** A whisker from `low` to `high` (the spread of repeated measurements). */
  low?: number;
  high?: number;
}

export interface BarChartOptions {
  title?: string;
  /** A second, smaller line under the title. */
  subtitle?: string;
  xLabel?: string;
  width?: number;
  /** Room left of the plot for the labels (default 110 px). */
  labelWidth?: number;
  /** A log axis, padded to whole powers of ten (ratios). */
  log?: boolean;
  /**
   * Where each bar starts, drawn as a dashed line (1 for ratios: a bar grows right when better, left when
   * worse). Without it bars start at the axis's low end.
   */
  baseline?: number;
  /** The tick labels (default: `tickLabel`). */
  tick?: (v: number) => string;
  /** Written instead of the bars when there are none. */
  empty?: string;
}

type Scale = ((v: number) => number) & { ticks(n?: number): number[]; domain(): number[] };

function xScale(items: Bar[], opts: BarChartOptions, range: [number, number]): Scale {
  const values = items.flatMap((i) => [i.value, i.low, i.high]).filter((v): v is number => v !== undefined && Number.isFinite(v) && (!opts.log || v > 0));
  if (opts.baseline !== undefined) values.push(opts.baseline);
  if (opts.log) {
    const lo = values.length ? Math.min(...values) : 1;
    const hi = values.length ? Math.max(...values) : 10;
    return scaleLog().domain(lo === hi ? [lo / 10, hi * 10] : [lo, hi]).range(range).nice() as unknown as Scale;
  }
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  // Without a baseline the axis starts a little below the lowest value, not at 0: trials of one sweep
  // differ in the third digit of an accuracy, which bars from 0 would hide.
  const pad = opts.baseline !== undefined ? 0 : max > min ? (max - min) * 0.25 : Math.abs(max) * 0.01 || 1;
  return scaleLinear().domain([min - pad, max]).range(range).nice() as unknown as Scale;
}

/** A horizontal bar chart, one bar per item in the order given. */
export function barChart(items: Bar[], opts: BarChartOptions): string {
  const W = opts.width ?? 640;
  const row = 20;
  const m = { left: opts.labelWidth ?? 110, right: 70, top: headroom(opts), bottom: opts.xLabel ? 36 : 24 };
  const H = m.top + m.bottom + row * Math.max(1, items.length);
  const out = open({ width: W, height: H, title: opts.title, subtitle: opts.subtitle });
  if (items.length === 0 && opts.empty) {
    out.push(`<text x="10" y="${m.top + 14}">${escapeXml(opts.empty)}</text>`, '</svg>');
    return out.join('\n');
  }
  const x = xScale(items, opts, [m.left, W - m.right]);
  const from = opts.baseline ?? x.domain()[0]!;
  const tick = opts.tick ?? tickLabel;
  const yb = scaleBand().domain(items.map((_, i) => String(i))).range([m.top, H - m.bottom]).padding(0.2);
  for (const t of opts.log ? logTicks(x.ticks()) : x.ticks(5)) {
    const xx = x(t).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${xx}" y="${H - m.bottom + 14}" text-anchor="middle">${escapeXml(tick(t))}</text>`);
  }
  items.forEach((item, i) => {
    const top = yb(String(i))!;
    const h = yb.bandwidth();
    const mid = (top + h / 2).toFixed(1);
    const end = Number.isFinite(item.value) && (!opts.log || item.value > 0) ? x(item.value) : x(from);
    out.push(`<text x="${m.left - 6}" y="${mid}" text-anchor="end" dominant-baseline="middle">${escapeXml(item.label)}</text>`);
    const tip = item.title ? `<title>${escapeXml(item.title)}</title>` : '';
    const left = Math.min(end, x(from));
    out.push(`<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.abs(end - x(from)).toFixed(1)}" height="${h.toFixed(1)}" fill="${item.color ?? color(0)}">${tip}</rect>`);
    let right = Math.max(end, x(from));
    if (item.low !== undefined && item.high !== undefined) {
      out.push(`<line x1="${x(item.low).toFixed(1)}" x2="${x(item.high).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#000"/>`);
      right = Math.max(right, x(item.high));
    }
    out.push(`<text x="${(right + 4).toFixed(1)}" y="${mid}" dominant-baseline="middle">${escapeXml(item.note ?? tick(item.value))}</text>`);
  });
  if (opts.baseline !== undefined) {
    const bx = x(opts.baseline).toFixed(1);
    out.push(`<line x1="${bx}" x2="${bx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#000" stroke-dasharray="4 3"/>`);
  }
  if (opts.xLabel) out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
