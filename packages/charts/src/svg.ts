// What every chart shares: the palette, text escaping, tick labels and the SVG frame around the plot.
import { hcl } from 'd3-color';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/** The i-th colour of the palette (Tableau 10), cycling. */
export function color(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/**
 * `n` colours, all different: Tableau 10 for up to 10, else `n` hues evenly around the HCL colour wheel
 * (equal perceived colourfulness), the lightness stepping through three levels so that neighbouring hues
 * differ in brightness too. A cycle of 10 would give the 11th trial the 1st one's colour.
 */
export function palette(n: number): string[] {
  if (n <= PALETTE.length) return PALETTE.slice(0, n);
  const lightness = [52, 70, 38];
  return Array.from({ length: n }, (_, i) => hcl((i * 360) / n + 20, 62, lightness[i % 3]!).formatHex());
}

/** Text for an SVG or HTML element or attribute. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
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
export function logTicks(all: number[]): number[] {
  const mantissa = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
  const decades = all.filter((t) => mantissa(t) === 1);
  return decades.length >= 3 ? decades : all.filter((t) => [1, 2, 5].includes(mantissa(t)));
}

export interface Frame {
  width: number;
  height: number;
  title?: string;
  /** A second, smaller line under the title (where the numbers come from). */
  subtitle?: string;
}

/** The opening of a chart: the svg element, a white ground, the title and subtitle; close with `</svg>`. */
export function open(f: Frame): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${f.width}" height="${f.height}" fill="white"/>`,
  ];
  if (f.title) out.push(`<text x="${f.width / 2}" y="20" text-anchor="middle" font-size="13">${escapeXml(f.title)}</text>`);
  if (f.subtitle) out.push(`<text x="${f.width / 2}" y="36" text-anchor="middle" fill="#555">${escapeXml(f.subtitle)}</text>`);
  return out;
}

/** Space above the plot for the title and subtitle. */
export function headroom(f: Pick<Frame, 'title' | 'subtitle'>): number {
  return f.subtitle ? 48 : f.title ? 32 : 12;
}
