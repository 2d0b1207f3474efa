// A bar chart of every ratio (lrkit vs peer, median with a min..max whisker) on a log scale around 1x,
// written as a plain SVG string: the chart is small and needs no charting library.
import type { BenchDocument } from '../types';
import { formatNumber } from './numbers';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

interface Bar {
  label: string;
  median: number;
  min: number;
  max: number;
}

function bars(doc: BenchDocument): Bar[] {
  const out: Bar[] = [];
  for (const r of doc.results) {
    for (const x of r.ratios ?? []) {
      out.push({ label: clip(`${r.suite} ${r.metric}: ${r.impl} vs ${x.vs}`, 84), median: x.median, min: x.min, max: x.max });
    }
  }
  return out;
}

export function renderSvg(doc: BenchDocument): string {
  const data = bars(doc);
  // Labels are right-aligned against the plot; about 6.5 px a character at 12 px sans-serif.
  const labelW = 560;
  const plotW = 420;
  const rowH = 22;
  const top = 48;
  const width = labelW + plotW + 70;
  const height = top + Math.max(1, data.length) * rowH + 40;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(`lrkit vs peers (> 1x: lrkit better), ${doc.machine.date.slice(0, 10)}`)}</text>`,
  );
  parts.push(`<text x="10" y="36" fill="#555">${escapeXml(`${doc.machine.cpuModel}, ${doc.machine.cores} cores, Node ${doc.machine.nodeVersion}`)}</text>`);
  if (data.length === 0) {
    parts.push(`<text x="10" y="${top + 16}">no ratios were measured in this run</text>`);
    parts.push('</svg>');
    return `${parts.join('\n')}\n`;
  }
  // Log scale spanning every whisker and 1x, padded to whole powers of ten.
  const lo = Math.floor(Math.log10(Math.min(1, ...data.map((d) => d.min))));
  const hi = Math.ceil(Math.log10(Math.max(1, ...data.map((d) => d.max))));
  const span = Math.max(1, hi - lo);
  const x = (v: number) => labelW + ((Math.log10(v) - lo) / span) * plotW;
  for (let p = lo; p <= lo + span; p++) {
    const gx = x(10 ** p).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + data.length * rowH}" stroke="#ddd"/>`);
    parts.push(`<text x="${gx}" y="${top + data.length * rowH + 16}" text-anchor="middle" fill="#555">${escapeXml(formatNumber(10 ** p))}x</text>`);
  }
  const one = x(1);
  data.forEach((d, i) => {
    const y = top + i * rowH;
    const m = x(d.median);
    const color = d.median >= 1 ? '#2f7d32' : '#c62828';
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${escapeXml(d.label)}</text>`);
    parts.push(
      `<rect x="${Math.min(one, m).toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(m - one)).toFixed(1)}" height="${rowH - 8}" fill="${color}"/>`,
    );
    parts.push(`<line x1="${x(d.min).toFixed(1)}" y1="${y + rowH / 2}" x2="${x(d.max).toFixed(1)}" y2="${y + rowH / 2}" stroke="#000"/>`);
    parts.push(`<text x="${(Math.max(m, x(d.max)) + 6).toFixed(1)}" y="${y + 15}">${escapeXml(`${formatNumber(d.median)}x`)}</text>`);
  });
  parts.push(`<line x1="${one.toFixed(1)}" y1="${top - 6}" x2="${one.toFixed(1)}" y2="${top + data.length * rowH}" stroke="#000" stroke-dasharray="4 3"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
