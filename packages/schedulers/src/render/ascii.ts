import type { PreviewResult } from '../types.js';
import { columns, tickLabel, valueRange } from './scale.js';

const MARKS = ['*', '+', 'o', 'x', '#', '%'];

/** A terminal plot of each group's rate (one mark per group) over the steps. */
export function toAscii(result: PreviewResult, opts: { width?: number; height?: number; title?: string } = {}): string {
  const width = Math.max(10, opts.width ?? 72);
  const height = Math.max(4, opts.height ?? 16);
  const series = columns(result.lrs);
  const [lo, hi] = valueRange(series);
  const steps = result.lrs.length - 1;
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  series.forEach((s, g) => {
    const mark = MARKS[g % MARKS.length]!;
    for (let c = 0; c < width; c++) {
      // Each column shows the step nearest its centre.
      const k = steps === 0 ? 0 : Math.round((c / (width - 1)) * steps);
      const v = s[k]!;
      const r = Math.round(((hi - v) / (hi - lo)) * (height - 1));
      grid[Math.min(height - 1, Math.max(0, r))]![c] = mark;
    }
  });
  const labels = grid.map((_, r) => (r === 0 ? tickLabel(hi) : r === height - 1 ? tickLabel(lo) : r === Math.floor((height - 1) / 2) ? tickLabel(hi - (hi - lo) * (r / (height - 1))) : ''));
  const pad = Math.max(...labels.map((l) => l.length));
  const lines: string[] = [];
  if (opts.title) lines.push(opts.title);
  grid.forEach((row, r) => lines.push(`${labels[r]!.padStart(pad)} |${row.join('')}`));
  lines.push(`${' '.repeat(pad)} +${'-'.repeat(width)}`);
  const end = String(steps);
  lines.push(`${' '.repeat(pad)}  0${' '.repeat(Math.max(1, width - 1 - end.length))}${end}  (step)`);
  if (series.length > 1) lines.push(`${' '.repeat(pad)}  ${series.map((_, g) => `${MARKS[g % MARKS.length]} group ${g}`).join('   ')}`);
  return `${lines.join('\n')}\n`;
}
