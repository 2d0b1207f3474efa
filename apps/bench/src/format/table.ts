// The terminal table. By default it fits TABLE_WIDTH columns (a terminal, a CI log, a pasted issue): each
// row's measurement on one line, its ratios and note on indented lines below, long text wrapped at words.
// `--wide` keeps the ratios in a column of their own (one line a row, as wide as it takes); `--md` has
// everything in columns too.
import type { BenchDocument } from '../types';
import { COLUMNS, rowCells, targetLine } from './cells';

/** The width the default table keeps to. */
export const TABLE_WIDTH = 120;

const RATIO = COLUMNS.indexOf('ratio, > 1x: this row better (median [min..max])');
const NOTE = COLUMNS.length - 1;
const MEDIAN = COLUMNS.indexOf('median');
/** The column that wraps when a row would not fit (the other cells are short). */
const METRIC = COLUMNS.indexOf('metric');
const INDENT = '    ';

export interface TableOptions {
  /** Every column on the row's line, however wide (the ratios included). */
  wide?: boolean;
}

/** `text` broken at spaces into lines of at most `width` characters (a longer word stands alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export function renderTable(doc: BenchDocument, options: TableOptions = {}): string {
  const wide = options.wide === true;
  const cells = doc.results.map(rowCells);
  // The columns on a row's line: all but the note, and, narrow, all but the ratios too.
  const shown = COLUMNS.map((_, i) => i).filter((i) => i !== NOTE && (wide || i !== RATIO));
  const widths = new Map(shown.map((i) => [i, Math.max(COLUMNS[i]!.length, ...cells.map((r) => r[i]!.length))]));
  if (!wide) {
    // The metric column gives way until the line fits (never below its heading).
    const others = shown.filter((i) => i !== METRIC).reduce((sum, i) => sum + widths.get(i)!, 0) + 2 * (shown.length - 1);
    widths.set(METRIC, Math.max(COLUMNS[METRIC]!.length, Math.min(widths.get(METRIC)!, TABLE_WIDTH - others)));
  }
  const line = (row: readonly string[]) =>
    shown
      .map((i) => (i === MEDIAN ? row[i]!.padStart(widths.get(i)!) : row[i]!.padEnd(widths.get(i)!)))
      .join('  ')
      .trimEnd();
  // A row whose metric is wider than its column continues the metric on lines of its own.
  const rowLines = (row: string[]): string[] => {
    if (wide) return [line(row)];
    const [first, ...rest] = wrap(row[METRIC]!, widths.get(METRIC)!);
    const blank = row.map(() => '');
    return [line(row.map((c, i) => (i === METRIC ? first! : c))), ...rest.map((m) => line(blank.map((c, i) => (i === METRIC ? m : c))))];
  };
  const detail = (text: string): string[] => (wide ? [`${INDENT}${text}`] : wrap(text, TABLE_WIDTH - INDENT.length).map((l) => `${INDENT}${l}`));

  const out: string[] = [];
  out.push(...(wide ? [machineLine(doc)] : wrap(machineLine(doc), TABLE_WIDTH)));
  out.push('');
  out.push(line(COLUMNS));
  out.push(shown.map((i) => '-'.repeat(widths.get(i)!)).join('  '));
  for (const r of cells) {
    out.push(...rowLines(r));
    if (!wide && r[RATIO]) out.push(...detail(r[RATIO]!));
    if (r[NOTE]) out.push(...detail(r[NOTE]!));
  }
  out.push('');
  out.push('Targets:');
  for (const t of doc.targets) out.push(...(wide ? [`  ${targetLine(t)}`] : wrap(targetLine(t), TABLE_WIDTH - 4).map((l, i) => `${i === 0 ? '  ' : INDENT}${l}`)));
  if (doc.targets.length === 0) out.push('  (none for the suites that ran)');
  if (!wide && cells.some((r) => r[RATIO])) out.push('', 'Under a row: its ratios (> 1x: this row better; median [min..max]), then its note. --wide: the ratios in a column.');
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
