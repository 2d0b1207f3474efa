// CSV and TSV into a raw table. csv-parse (the reader loadCsv uses) decides every record that holds a quote
// character, and every record of a file whose delimiter is not one of the sniffed four; the rest, records
// of cells split by the delimiter alone, are split here on the bytes and their numbers read without a
// string per cell (DecimalScanner). Measured on 1M rows x 20 numeric columns (docs/measurements.md, CPU
// time): pandas.read_csv 1.8 s; csv-parse with parseDecimal 9.4 s; udsv with parseDecimal 3.8 s, a
// string per cell still; DuckDB 4.2 s reading by its own number grammar (`1_000`, `inf`), 7.9 s checked
// against ours; this path 1.1 s, Node's start included. The result is csv-parse's, cell for cell
// (delimited.test.ts checks it against csv-parse alone on random text): the same trimming, empty lines,
// line endings and messages.
import { fieldCountError, forEachRecord, LineIndex, noRowsError } from '../csv';
import { checkColumnNames } from './cells';
import { ColumnBuilder } from './column-builder';
import { DecimalScanner } from './decimal-bytes';
import type { RawTable } from './types';

/** The delimiters sniffed, in order of preference when the header holds as many of two. */
export const SNIFFED_DELIMITERS: readonly string[] = [',', '\t', ';', '|'];

/** The delimiter the header line uses most often outside quotes; ',' when it holds none (one column). */
export function sniffDelimiter(utf8: Uint8Array): string {
  const counts = new Map(SNIFFED_DELIMITERS.map((d) => [d.charCodeAt(0), 0]));
  let quoted = false;
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (!quoted && (b === 0x0a || b === 0x0d)) break;
    else if (!quoted && counts.has(b)) counts.set(b, counts.get(b)! + 1);
  }
  let best = ',';
  let most = 0;
  for (const d of SNIFFED_DELIMITERS) {
    const n = counts.get(d.charCodeAt(0))!;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** White space csv-parse's `trim` drops before a cell (space, tab, form feed): a line of only these is empty. */
function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0c;
}

/** ASCII white space JavaScript's trim() drops (csv-parse's blanks and vertical tab) around a number, but the delimiter. */
function isSpace(b: number, sep: number): boolean {
  return (isBlank(b) || b === 0x0b) && b !== sep;
}

/** The next index of `byte` at or after `from` in `bytes`, `bytes.length` when none: native memchr, not a loop. */
function nextIndex(bytes: Buffer, byte: number, from: number): number {
  const i = bytes.indexOf(byte, from);
  return i < 0 ? bytes.length : i;
}

/** A header as csv-parse's trim leaves it: csv-parse's blanks dropped before, all white space after. */
function headerCell(cell: string): string {
  return cell.replace(/^[ \t\f]+/, '').trimEnd();
}

class DelimitedReader {
  private readonly bytes: Buffer;
  private readonly sep: number;
  private readonly tokens: ReadonlySet<string>;
  private names: string[] | undefined;
  private headerStart = 0;
  private columns: ColumnBuilder[] = [];
  private rows = 0;
  // Where the next LF, CR and quote are: each found once by indexOf and kept until passed.
  private lf = -1;
  private cr = -1;
  private quote = -1;
  private readonly scanner = new DecimalScanner();
  // A record's cells, before they go to the columns: the number each is (NaN: not one) and its bytes.
  private numbers = new Float64Array(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);

  constructor(
    utf8: Uint8Array,
    private readonly source: string,
    na: readonly string[],
    private readonly delimiter: string,
  ) {
    this.bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
    this.sep = SNIFFED_DELIMITERS.includes(delimiter) ? delimiter.charCodeAt(0) : -1;
    this.tokens = new Set(na);
  }

  read(): RawTable {
    // Another delimiter than the four the byte path splits on: csv-parse reads the whole file.
    if (this.sep < 0) this.viaCsvParse(0, this.bytes.length);
    else this.records();
    if (this.names === undefined) throw noRowsError(this.source, false);
    if (this.rows === 0) throw noRowsError(this.source, true);
    return { source: this.source, rows: this.rows, columns: this.columns.map((c) => c.finish()) };
  }

  /** Every record, a plain one on the bytes, a run of quoted ones through csv-parse. */
  private records(): void {
    const { bytes } = this;
    let pos = 0;
    while (pos < bytes.length) {
      if (this.lf < pos) this.lf = nextIndex(bytes, LF, pos);
      if (this.cr < pos) this.cr = nextIndex(bytes, CR, pos);
      if (this.quote < pos) this.quote = nextIndex(bytes, QUOTE, pos);
      const end = Math.min(this.lf, this.cr);
      if (this.quote < end) {
        pos = this.quotedRun(pos);
        continue;
      }
      this.plainRecord(pos, end);
      pos = end + (bytes[end] === CR && bytes[end + 1] === LF ? 2 : 1);
    }
  }

  private lineAt(offset: number): number {
    return new LineIndex(this.bytes).lineAt(offset);
  }

  /** A record holding no quote, bytes [start, end): split on the delimiter; skipped when blank (csv-parse's skip_empty_lines). */
  private plainRecord(start: number, end: number): void {
    if (this.names === undefined) {
      this.plainHeader(start, end);
      return;
    }
    const { bytes, sep, numbers, starts, ends, scanner } = this;
    // One pass over the bytes: each cell is read as a number as it is met (NaN: not one), and where it is
    // text its bounds are kept; cells reach the columns only once the record's field count is checked.
    let count = 0;
    for (let i = start; ; ) {
      const from = i;
      while (i < end && isSpace(bytes[i]!, sep)) i++;
      let value = scanner.scan(bytes, i, end);
      i = scanner.end;
      while (i < end && isSpace(bytes[i]!, sep)) i++;
      if (i < end && bytes[i] !== sep) {
        value = NaN;
        while (i < end && bytes[i] !== sep) i++;
      }
      if (count < numbers.length) {
        numbers[count] = value;
        starts[count] = from;
        ends[count] = i;
      }
      count++;
      if (i >= end) break;
      i++;
    }
    if (count === 1 && this.isBlankLine(start, end)) return;
    this.checkFieldCount(count, start);
    const { columns } = this;
    for (let k = 0; k < count; k++) {
      const column = columns[k]!;
      const value = numbers[k]!;
      if (value === value && column.takesBareNumbers) column.addNumber(value);
      else column.add(bytes.toString('utf8', starts[k], ends[k]));
    }
    this.rows++;
  }

  /** A line of blanks only (no delimiter among them): csv-parse skips it. */
  private isBlankLine(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!isBlank(this.bytes[i]!) || this.bytes[i] === this.sep) return false;
    return true;
  }

  /** The header as a plain record: its cells as csv-parse would give them. */
  private plainHeader(start: number, end: number): void {
    if (this.isBlankLine(start, end)) return;
    const { bytes, sep } = this;
    const cells: string[] = [];
    for (let from = start, i = start; i <= end; i++) {
      if (i === end || bytes[i] === sep) {
        cells.push(headerCell(bytes.toString('utf8', from, i)));
        from = i + 1;
      }
    }
    this.header(cells, start, end + 1);
  }

  /**
   * Records from `start` while each holds a quote, handed to csv-parse in one piece; returns where the next
   * record starts. The piece ends at a line end outside quotes (counting quotes: "" inside a quoted cell
   * counts twice); in text csv-parse refuses, it refuses the piece, with the same message.
   */
  private quotedRun(start: number): number {
    const { bytes } = this;
    let i = start;
    for (;;) {
      let quoted = false;
      for (; i < bytes.length; i++) {
        const b = bytes[i]!;
        if (b === QUOTE) quoted = !quoted;
        else if (!quoted && (b === LF || b === CR)) break;
      }
      if (i < bytes.length) i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
      if (i >= bytes.length) break;
      this.lf = nextIndex(bytes, LF, i);
      this.cr = nextIndex(bytes, CR, i);
      this.quote = nextIndex(bytes, QUOTE, i);
      if (this.quote >= Math.min(this.lf, this.cr)) break;
    }
    this.viaCsvParse(start, i);
    return i;
  }

  /** Bytes [from, to) through csv-parse, record by record. */
  private viaCsvParse(from: number, to: number): void {
    let next = from;
    forEachRecord(
      this.bytes.subarray(from, to),
      this.source,
      (cells, end) => {
        // A record starts at its first byte that is neither a line end nor a blank of a skipped line.
        while (next < to && this.skippable(this.bytes[next]!)) next++;
        const recordStart = next;
        next = from + end;
        if (this.names === undefined) {
          this.header(cells, recordStart, next);
          return;
        }
        this.checkFieldCount(cells.length, recordStart);
        for (let k = 0; k < cells.length; k++) this.columns[k]!.add(cells[k]!);
        this.rows++;
      },
      this.delimiter,
      () => this.lineAt(from),
    );
  }

  private skippable(b: number): boolean {
    return b === LF || b === CR || (isBlank(b) && b !== this.sep);
  }

  private checkFieldCount(count: number, start: number): void {
    const names = this.names!;
    if (count !== names.length) throw fieldCountError(this.source, this.lineAt(start), count, names.length, this.lineAt(this.headerStart));
  }

  private header(names: string[], start: number, dataStart: number): void {
    checkColumnNames(names, this.source);
    this.names = names;
    this.headerStart = start;
    this.columns = names.map((name) => new ColumnBuilder(name, this.tokens, this.source, this.expectedRows(dataStart)));
    this.numbers = new Float64Array(names.length + 1);
    this.starts = new Int32Array(names.length + 1);
    this.ends = new Int32Array(names.length + 1);
  }

  /** Rows after `dataStart` if every line were as long as those in its first 64 KiB: columns sized so, seldom grow. */
  private expectedRows(dataStart: number): number {
    const { bytes } = this;
    const sample = bytes.subarray(dataStart, Math.min(bytes.length, dataStart + 65536));
    let lines = 0;
    const end = sample.includes(LF) ? LF : CR;
    for (let i = sample.indexOf(end); i >= 0; i = sample.indexOf(end, i + 1)) lines++;
    if (lines === 0) return 16;
    return Math.ceil(((bytes.length - dataStart) / sample.length) * lines * 1.02) + 16;
  }
}

/** UTF-8 bytes (already decoded and checked, see decodeToUtf8) of delimited text into a raw table. */
export function readDelimited(utf8: Uint8Array, source: string, na: readonly string[], delimiter?: string): RawTable {
  return new DelimitedReader(utf8, source, na, delimiter ?? sniffDelimiter(utf8)).read();
}
