// What the x-y charts (line, scatter) share: the grid, ticks and axis labels around the plot, and dots.
import { line } from 'd3-shape';
import type { Axis } from './axis';
import { color, escapeXml } from './svg';

/** What a line or scatter chart is told about its frame. */
export interface XYOptions {
  title?: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  width?: number;
  height?: number;
}

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  /** Written as `data-id` on the path (a page finds every mark of one trial by it). */
  id?: string;
  /** A dashed line (e.g. a trial that was pruned). */
  dashed?: boolean;
}

/** One path per series, its name as hover text; points an axis cannot place break the line. */
export function drawSeries(out: string[], series: readonly Series[], x: Axis, y: Axis): void {
  const path = line<[number, number]>()
    .defined((p) => x.at(p[0]) !== undefined && y.at(p[1]) !== undefined)
    .x((p) => x.at(p[0])!)
    .y((p) => y.at(p[1])!)
    .digits(2);
  series.forEach((s, i) => {
    const extra = `${s.dashed ? ' stroke-dasharray="5 3"' : ''}${s.id === undefined ? '' : ` data-id="${escapeXml(s.id)}"`}`;
    out.push(`<path d="${path(s.points) ?? ''}" fill="none" stroke="${s.color ?? color(i)}" stroke-width="1.6"${extra}><title>${escapeXml(s.name)}</title></path>`);
  });
}

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A marked point: one trial's value (a scatter's point, a curve's pruning point). */
export interface Dot {
  x: number | string;
  y: number;
  color?: string;
  /** Hover text. */
  title?: string;
  /** 'cross' (an X) marks a stop, e.g. where a trial was pruned; default 'circle'. */
  shape?: 'circle' | 'cross';
  /** Written as `data-id` on the mark, so that a page can find every mark of one trial. */
  id?: string;
}

/** Labels longer than this are cut (with the whole text on hover): a schedule's JSON would fill the axis. */
const MAX_TICK_CHARS = 22;

function tickText(label: string, attrs: string, max = MAX_TICK_CHARS): string {
  if (label.length <= max) return `<text ${attrs}>${escapeXml(label)}</text>`;
  return `<text ${attrs}><title>${escapeXml(label)}</title>${escapeXml(`${label.slice(0, max - 1)}…`)}</text>`;
}

/** About how many characters of an 11 px label fit in `px` (a category's room on the x axis). */
const charsIn = (px: number) => Math.max(4, Math.floor(px / 6.5));

/** The grid, the tick labels, the axes and their labels. */
export function xyFrame(out: string[], b: Box, x: Axis, y: Axis, labels: { x: string; y: string }): void {
  const bottom = b.height - b.bottom;
  for (const t of y.ticks) {
    const yy = t.at.toFixed(1);
    out.push(`<line x1="${b.left}" x2="${b.width - b.right}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    out.push(tickText(t.label, `x="${b.left - 5}" y="${yy}" text-anchor="end" dominant-baseline="middle"`));
  }
  for (const t of x.ticks) {
    const xx = t.at.toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${b.top}" y2="${bottom}" stroke="#f3f3f3"/>`);
    out.push(tickText(t.label, `x="${xx}" y="${bottom + 14}" text-anchor="middle"`, x.band > 0 ? Math.min(MAX_TICK_CHARS, charsIn(x.band)) : MAX_TICK_CHARS));
  }
  out.push(`<path d="M${b.left} ${b.top}V${bottom}H${b.width - b.right}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(b.left + b.width - b.right) / 2}" y="${b.height - 6}" text-anchor="middle">${escapeXml(labels.x)}</text>`);
  out.push(`<text transform="translate(14 ${(b.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(labels.y)}</text>`);
}

/**
 * Spread the dots of one category across its band, the same way on every render (a fixed low-discrepancy
 * sequence, not random): points with equal values would otherwise hide each other.
 */
const jitter = (i: number, band: number) => (((i * 0.618034) % 1) - 0.5) * band * 0.5;

export function drawDots(out: string[], dots: readonly Dot[], x: Axis, y: Axis): void {
  dots.forEach((d, i) => {
    const px = x.at(d.x);
    const py = y.at(d.y);
    if (px === undefined || py === undefined) return;
    const cx = (px + (typeof d.x === 'string' ? jitter(i, x.band) : 0)).toFixed(1);
    const cy = py.toFixed(1);
    const fill = d.color ?? color(0);
    const id = d.id === undefined ? '' : ` data-id="${escapeXml(d.id)}"`;
    const tip = d.title ? `<title>${escapeXml(d.title)}</title>` : '';
    if (d.shape === 'cross') {
      const [a, c, e, f] = [px - 5, px + 5, py - 5, py + 5].map((v, k) => (k < 2 ? v + Number(cx) - px : v).toFixed(1));
      out.push(`<path class="mark cross" d="M${a} ${e}L${c} ${f}M${a} ${f}L${c} ${e}" stroke="${fill}" stroke-width="2.5"${id}>${tip}</path>`);
    } else {
      out.push(`<circle class="mark" cx="${cx}" cy="${cy}" r="4.5" fill="${fill}" fill-opacity="0.85" stroke="#333" stroke-width="0.5"${id}>${tip}</circle>`);
    }
  });
}
