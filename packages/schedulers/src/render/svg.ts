import type { PreviewResult } from '../types.js';
import { columns, tickLabel, valueRange } from './scale.js';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A standalone SVG line chart of each group's rate (and momentum, dashed, on its own axis) per step. */
export function toSvg(result: PreviewResult, opts: { width?: number; height?: number; title?: string } = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 360;
  const m = { left: 70, right: result.momentum ? 70 : 20, top: opts.title ? 36 : 16, bottom: 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const steps = result.lrs.length - 1;
  const x = (k: number) => m.left + (steps === 0 ? 0 : (k / steps) * pw);
  const lrs = columns(result.lrs);
  const [lo, hi] = valueRange(lrs);
  const y = (v: number) => m.top + ((hi - v) / (hi - lo)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(opts.title)}</text>`);
  // axes and ticks
  parts.push(`<path d="M${m.left} ${m.top}V${m.top + ph}H${m.left + pw}" fill="none" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = lo + (hi - lo) * (i / 4);
    const yy = y(v).toFixed(2);
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${esc(tickLabel(v))}</text>`);
    const k = Math.round((steps * i) / 4);
    parts.push(`<text x="${x(k).toFixed(2)}" y="${m.top + ph + 16}" text-anchor="middle">${k}</text>`);
  }
  parts.push(`<text x="${m.left + pw / 2}" y="${H - 8}" text-anchor="middle">step</text>`);
  parts.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">learning rate</text>`);
  const line = (s: number[], yf: (v: number) => number) => s.map((v, k) => `${k ? 'L' : 'M'}${x(k).toFixed(2)} ${yf(v).toFixed(2)}`).join('');
  lrs.forEach((s, g) => parts.push(`<path d="${line(s, y)}" fill="none" stroke="${COLORS[g % COLORS.length]}" stroke-width="2"><title>group ${g} lr</title></path>`));
  if (result.momentum) {
    const ms = columns(result.momentum);
    const [mlo, mhi] = valueRange(ms);
    const ym = (v: number) => m.top + ((mhi - v) / (mhi - mlo)) * ph;
    ms.forEach((s, g) => parts.push(`<path d="${line(s, ym)}" fill="none" stroke="${COLORS[g % COLORS.length]}" stroke-width="1.5" stroke-dasharray="5 4"><title>group ${g} momentum</title></path>`));
    for (let i = 0; i <= 4; i++) {
      const v = mlo + (mhi - mlo) * (i / 4);
      parts.push(`<text x="${m.left + pw + 6}" y="${ym(v).toFixed(2)}" dominant-baseline="middle">${esc(tickLabel(v))}</text>`);
    }
    parts.push(`<text transform="translate(${W - 12} ${m.top + ph / 2}) rotate(90)" text-anchor="middle">momentum (dashed)</text>`);
  }
  if (lrs.length > 1)
    lrs.forEach((_, g) => {
      const lx = m.left + 10 + g * 90;
      parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${m.top + 8}" y2="${m.top + 8}" stroke="${COLORS[g % COLORS.length]}" stroke-width="2"/>`);
      parts.push(`<text x="${lx + 22}" y="${m.top + 8}" dominant-baseline="middle">group ${g}</text>`);
    });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
