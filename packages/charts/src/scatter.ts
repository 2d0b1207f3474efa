// A scatter of dots, on a numeric (linear or log) or categorical x axis, with lines under them where given:
// the sweep report's optimization history (each trial's value and the best so far) and its slice plots
// (the metric against one setting's values).
import { makeAxis } from './axis';
import { escapeXml, headroom, open } from './svg';
import { drawDots, drawSeries, xyFrame, type Dot, type Series, type XYOptions } from './xy';

export interface ScatterChartOptions extends XYOptions {
  /** A categorical x axis: these names in this order; the dots' x are strings then. */
  categories?: readonly string[];
  /** Lines drawn under the dots (a numeric x axis only), e.g. the best value so far. */
  lines?: Series[];
  /** Written in the plot when there are no dots. */
  empty?: string;
}

export function scatterChart(dots: Dot[], opts: ScatterChartOptions): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 320;
  const box = { width: W, height: H, left: 64, right: 16, top: headroom(opts), bottom: 42 };
  const lines = opts.categories ? [] : (opts.lines ?? []);
  const xs = [...dots.map((d) => d.x), ...lines.flatMap((s) => s.points.map((p) => p[0]))];
  const ys = [...dots.map((d) => d.y), ...lines.flatMap((s) => s.points.map((p) => p[1]))];
  const x = makeAxis(xs, opts.categories ? { categories: opts.categories } : { log: opts.xLog ?? false }, [box.left, W - box.right], 6);
  const y = makeAxis(ys, { log: opts.yLog ?? false }, [H - box.bottom, box.top], 5);
  const out = open({ width: W, height: H, title: opts.title, subtitle: opts.subtitle });
  xyFrame(out, box, x, y, { x: opts.xLabel, y: opts.yLabel });
  if (dots.length === 0 && opts.empty) out.push(`<text x="${W / 2}" y="${(box.top + H - box.bottom) / 2}" text-anchor="middle" fill="#555">${escapeXml(opts.empty)}</text>`);
  drawSeries(out, lines, x, y);
  drawDots(out, dots, x, y);
  out.push('</svg>');
  return out.join('\n');
}
