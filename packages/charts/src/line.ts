// A line chart of one or more series: the sweep report's loss and rate curves, lr-find's loss by rate.
// d3-scale does the scales and their ticks, d3-shape the paths; the layout is ours.
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { color, escapeXml, headroom, logTicks, open, tickLabel } from './svg';

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
}

export interface LineChartOptions {
  title?: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  width?: number;
  height?: number;
  /** Points to mark with a dot and a label (lr-find's suggestion). */
  marks?: { x: number; y: number; label: string }[];
  /** Draw a legend (for a few series; a report with many trials names them in a table instead). */
  legend?: boolean;
}

function extent(values: number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

/** A line chart of one or more series. Non-finite points (NaN losses) are left out of the line. */
export function lineChart(series: Series[], opts: LineChartOptions): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 320;
  const m = { left: 64, right: 16, top: headroom(opts), bottom: 42 };
  const all = series.flatMap((s) => s.points);
  const xd = extent(all.map((p) => p[0]), opts.xLog ?? false);
  const yd = extent(all.map((p) => p[1]), opts.yLog ?? false);
  const range: [number, number] = [m.left, W - m.right];
  const yRange: [number, number] = [H - m.bottom, m.top];
  const x = opts.xLog ? scaleLog().domain(xd).range(range) : scaleLinear().domain(xd).range(range).nice();
  const y = opts.yLog ? scaleLog().domain(yd).range(yRange) : scaleLinear().domain(yd).range(yRange).nice();
  const xTicks = opts.xLog ? logTicks(x.ticks()) : x.ticks(6);
  const yTicks = opts.yLog ? logTicks(y.ticks()) : y.ticks(5);
  const out = open({ width: W, height: H, title: opts.title, subtitle: opts.subtitle });
  for (const t of yTicks) {
    const yy = y(t).toFixed(1);
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 5}" y="${yy}" text-anchor="end" dominant-baseline="middle">${escapeXml(tickLabel(t))}</text>`);
  }
  for (const t of xTicks) {
    const xx = x(t).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#f3f3f3"/>`);
    out.push(`<text x="${xx}" y="${H - m.bottom + 14}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`);
  }
  out.push(`<path d="M${m.left} ${m.top}V${H - m.bottom}H${W - m.right}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(opts.yLabel)}</text>`);
  const path = line<[number, number]>()
    .defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!opts.xLog || p[0] > 0) && (!opts.yLog || p[1] > 0))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .digits(2);
  series.forEach((s, i) => {
    out.push(`<path d="${path(s.points) ?? ''}" fill="none" stroke="${s.color ?? color(i)}" stroke-width="1.6"><title>${escapeXml(s.name)}</title></path>`);
  });
  for (const mark of opts.marks ?? []) {
    const mx = x(mark.x).toFixed(1);
    const my = y(mark.y).toFixed(1);
    out.push(`<circle cx="${mx}" cy="${my}" r="5" fill="#d62728"/>`);
    out.push(`<text x="${Number(mx) + 8}" y="${Number(my) - 8}" fill="#d62728" font-size="12">${escapeXml(mark.label)}</text>`);
  }
  if (opts.legend && series.length > 1) {
    series.forEach((s, i) => {
      const ly = m.top + 10 + i * 14;
      out.push(`<line x1="${W - m.right - 130}" x2="${W - m.right - 112}" y1="${ly}" y2="${ly}" stroke="${s.color ?? color(i)}" stroke-width="2"/>`);
      out.push(`<text x="${W - m.right - 108}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
    });
  }
  out.push('</svg>');
  return out.join('\n');
}
