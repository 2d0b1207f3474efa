// The terminal table: fixed-width columns, long notes wrapped onto their own line so the table stays readable.
import type { BenchDocument } from '../types';
import { COLUMNS, rowCells, targetLine } from './cells';

const NOTE = COLUMNS.length - 1;

export function renderTable(doc: BenchDocument): string {
  const rows = doc.results.map(rowCells);
  const head = [...COLUMNS];
  const widths = head.map((h, i) => (i === NOTE ? 0 : Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .slice(0, NOTE)
      .map((c, i) => (i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  out.push(machineLine(doc));
  out.push('');
  out.push(line(head));
  out.push(widths.slice(0, NOTE).map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) {
    out.push(line(r));
    if (r[NOTE]) out.push(`    ${r[NOTE]}`);
  }
  out.push('');
  out.push('Targets:');
  for (const t of doc.targets) out.push(`  ${targetLine(t)}`);
  if (doc.targets.length === 0) out.push('  (none for the suites that ran)');
  return `${out.join('\n')}\n`;
}

export function machineLine(doc: BenchDocument): string {
  const m = doc.machine;
  const py = 'absent' in m.python ? `PyTorch: absent (${m.python.absent})` : `PyTorch ${m.python.torch} (${m.python.path})`;
  const peak = m.peakGflops
    ? `; peak estimate ${m.peakGflops.perCore.toFixed(0)} GFLOP/s per core, ${m.peakGflops.allCores.toFixed(0)} all cores, wasm SIMD ${m.peakGflops.wasmSimdPerCore.toFixed(0)} per core`
    : '';
  const load = m.loadAverage.length > 0 ? `; load average ${m.loadAverage.join(' ')} at start` : '';
  const blas = m.openblasCore ? `; OPENBLAS_CORETYPE=${m.openblasCore} for every OpenBLAS (PyTorch's and lrkit native's)` : '';
  return `${m.cpuModel}, ${m.cores} cores, Node ${m.nodeVersion}, ${m.platform}/${m.arch}, ${m.date}; ${py}${peak}${load}${blas}`;
}
