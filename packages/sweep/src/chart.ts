// Line and bar charts as standalone SVG text, for the sweep report and lr-find's curve. d3-scale does the
// scales and their ticks, d3-shape the paths; the layout is ours.
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A short tick label: plain for ordinary magnitudes, exponent form for tiny or huge ones. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(0).replace('e+', 'e');
}

/**
 * The ticks of a log axis worth labelling: d3 gives 1..9 in every decade, too many to read. The powers of
 * ten where the axis spans three decades or more, else 1, 2 and 5 of each decade.
 */
function logTicks(all: number[]): number[] {
  const mantissa = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
  const decades = all.filter((t) => mantissa(t) === 1);
  return decades.length >= 3 ? decades : all.filter((t) => [1, 2, 5].includes(mantissa(t)));
}

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
}

export interface LineChartOptions {
  title?: string;
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
  const m = { left: 64, right: 16, top: opts.title ? 32 : 12, bottom: 42 };
  const all = series.flatMap((s) => s.points);
  const xd = extent(all.map((p) => p[0]), opts.xLog ?? false);
  const yd = extent(all.map((p) => p[1]), opts.yLog ?? false);
  const range: [number, number] = [m.left, W - m.right];
  const yRange: [number, number] = [H - m.bottom, m.top];
  const x = opts.xLog ? scaleLog().domain(xd).range(range) : scaleLinear().domain(xd).range(range).nice();
  const y = opts.yLog ? scaleLog().domain(yd).range(yRange) : scaleLinear().domain(yd).range(yRange).nice();
  const xTicks = opts.xLog ? logTicks(x.ticks()) : x.ticks(6);
  const yTicks = opts.yLog ? logTicks(y.ticks()) : y.ticks(5);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${escapeXml(opts.title)}</text>`);
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

/** A horizontal bar chart, one bar per item in the order given (the report's ranked metric). */
export function barChart(items: { label: string; value: number; color?: string; note?: string; title?: string }[], opts: { title?: string; xLabel: string; width?: number }): string {
  const W = opts.width ?? 640;
  const row = 20;
  const m = { left: 110, right: 70, top: opts.title ? 32 : 12, bottom: 36 };
  const H = m.top + m.bottom + row * Math.max(1, items.length);
  // The axis starts a little below the lowest value, not at 0: trials of one sweep differ in the third
  // digit of an accuracy, which bars from 0 would hide.
  const values = items.map((i) => i.value).filter(Number.isFinite);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const pad = max > min ? (max - min) * 0.25 : Math.abs(max) * 0.01 || 1;
  const x = scaleLinear().domain([min - pad, max]).range([m.left, W - m.right]).nice();
  const lo = x.domain()[0]!;
  const yb = scaleBand().domain(items.map((_, i) => String(i))).range([m.top, H - m.bottom]).padding(0.2);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${escapeXml(opts.title)}</text>`);
  for (const t of x.ticks(5)) {
    const xx = x(t).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${xx}" y="${H - m.bottom + 14}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`);
  }
  items.forEach((item, i) => {
    const top = yb(String(i))!;
    const h = yb.bandwidth();
    const w = Number.isFinite(item.value) ? x(item.value) - x(lo) : 0;
    out.push(`<text x="${m.left - 6}" y="${(top + h / 2).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${escapeXml(item.label)}</text>`);
    const tip = item.title ? `<title>${escapeXml(item.title)}</title>` : '';
    out.push(`<rect x="${x(lo).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${h.toFixed(1)}" fill="${item.color ?? color(0)}">${tip}</rect>`);
    out.push(`<text x="${(x(lo) + Math.max(0, w) + 4).toFixed(1)}" y="${(top + h / 2).toFixed(1)}" dominant-baseline="middle">${escapeXml(item.note ?? tickLabel(item.value))}</text>`);
  });
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
