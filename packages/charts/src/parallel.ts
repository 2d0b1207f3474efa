// Parallel coordinates: one vertical axis per dimension (each its own linear, log or categorical scale),
// one polyline per row through its values. The sweep report draws a trial's settings and its metric so.
import { line } from 'd3-shape';
import { makeAxis, type AxisSpec } from './axis';
import { color, escapeXml, headroom, open } from './svg';

export interface ParallelAxis extends AxisSpec {
  label: string;
}

export interface ParallelRow {
  /** One value per axis, in the axes' order: a number, or a string on a categorical axis; undefined where unknown. */
  values: (number | string | undefined)[];
  color?: string;
  /** Hover text. */
  title?: string;
  /** Written as `data-id` on the line. */
  id?: string;
  dashed?: boolean;
}

export interface ParallelChartOptions {
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
  empty?: string;
}

const MAX_LABEL_CHARS = 18;
const cut = (s: string) => (s.length <= MAX_LABEL_CHARS ? escapeXml(s) : `<title>${escapeXml(s)}</title>${escapeXml(`${s.slice(0, MAX_LABEL_CHARS - 1)}…`)}`);

export function parallelChart(axes: ParallelAxis[], rows: ParallelRow[], opts: ParallelChartOptions = {}): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 320;
  const m = { left: 70, right: 70, top: headroom(opts) + 18, bottom: 24 };
  const out = open({ width: W, height: H, title: opts.title, subtitle: opts.subtitle });
  if (axes.length === 0 || (rows.length === 0 && opts.empty)) {
    if (opts.empty) out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#555">${escapeXml(opts.empty)}</text>`);
    out.push('</svg>');
    return out.join('\n');
  }
  const step = axes.length > 1 ? (W - m.left - m.right) / (axes.length - 1) : 0;
  const xOf = (k: number) => (axes.length > 1 ? m.left + k * step : W / 2);
  const scales = axes.map((a, k) => makeAxis(rows.map((r) => r.values[k]), a, [H - m.bottom, m.top], 5));
  const path = line<[number, number | undefined]>()
    .defined((p) => p[1] !== undefined)
    .x((p) => p[0])
    .y((p) => p[1]!)
    .digits(2);
  rows.forEach((r, i) => {
    const pts = scales.map((s, k) => [xOf(k), s.at(r.values[k])] as [number, number | undefined]);
    const extra = `${r.dashed ? ' stroke-dasharray="5 3"' : ''}${r.id === undefined ? '' : ` data-id="${escapeXml(r.id)}"`}`;
    out.push(`<path d="${path(pts) ?? ''}" fill="none" stroke="${r.color ?? color(i)}" stroke-width="1.6" stroke-opacity="0.85"${extra}>${r.title ? `<title>${escapeXml(r.title)}</title>` : ''}</path>`);
  });
  axes.forEach((a, k) => {
    const xx = xOf(k).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#333"/>`);
    out.push(`<text x="${xx}" y="${m.top - 10}" text-anchor="middle" font-weight="bold">${cut(a.label)}</text>`);
    for (const t of scales[k]!.ticks) {
      // White behind the tick labels: they sit over the lines.
      out.push(`<text x="${Number(xx) - 4}" y="${t.at.toFixed(1)}" text-anchor="end" dominant-baseline="middle" stroke="white" stroke-width="3" paint-order="stroke">${cut(t.label)}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
