// A line chart of one or more series: the sweep report's loss and rate curves, lr-find's loss by rate.
// d3-scale does the scales and their ticks, d3-shape the paths; the layout is ours.
import { makeAxis } from './axis';
import { color, escapeXml, headroom, open } from './svg';
import { drawDots, drawSeries, xyFrame, type Dot, type Series, type XYOptions } from './xy';

export type { Series };

export interface LineChartOptions extends XYOptions {
  /** The lowest y shown (lower values are drawn on the bottom edge): see AxisSpec's floor. */
  yFloor?: number;
  /** Points to mark with a dot and a label (lr-find's suggestion). */
  marks?: { x: number; y: number; label: string }[];
  /** Dots drawn over the lines (pruning points, each trial's value), with hover text. */
  dots?: Dot[];
  /** Draw a legend (for a few series; a report with many trials names them in a table instead). */
  legend?: boolean;
}

/** A line chart of one or more series. Non-finite points (NaN losses) are left out of the line. */
export function lineChart(series: Series[], opts: LineChartOptions): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 320;
  const box = { width: W, height: H, left: 64, right: 16, top: headroom(opts), bottom: 42 };
  const all = [...series.flatMap((s) => s.points), ...(opts.dots ?? []).filter((d) => typeof d.x === 'number').map((d) => [d.x as number, d.y])];
  const x = makeAxis(all.map((p) => p[0]), { log: opts.xLog ?? false }, [box.left, W - box.right], 6);
  const y = makeAxis(all.map((p) => p[1]), { log: opts.yLog ?? false, ...(opts.yFloor !== undefined ? { floor: opts.yFloor } : {}) }, [H - box.bottom, box.top], 5);
  const out = open({ width: W, height: H, title: opts.title, subtitle: opts.subtitle });
  xyFrame(out, box, x, y, { x: opts.xLabel, y: opts.yLabel });
  drawSeries(out, series, x, y);
  drawDots(out, opts.dots ?? [], x, y);
  for (const mark of opts.marks ?? []) {
    const mx = x.at(mark.x)?.toFixed(1);
    const my = y.at(mark.y)?.toFixed(1);
    if (mx === undefined || my === undefined) continue;
    out.push(`<circle cx="${mx}" cy="${my}" r="5" fill="#d62728"/>`);
    out.push(`<text x="${Number(mx) + 8}" y="${Number(my) - 8}" fill="#d62728" font-size="12">${escapeXml(mark.label)}</text>`);
  }
  if (opts.legend && series.length > 1) {
    series.forEach((s, i) => {
      const ly = box.top + 10 + i * 14;
      out.push(`<line x1="${W - box.right - 130}" x2="${W - box.right - 112}" y1="${ly}" y2="${ly}" stroke="${s.color ?? color(i)}" stroke-width="2"/>`);
      out.push(`<text x="${W - box.right - 108}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
    });
  }
  out.push('</svg>');
  return out.join('\n');
}
