import { createRequire } from 'node:module';
import { excerpt } from '@lrkit/io';
import type * as CsvParse from 'csv-parse/sync';
import { parseDecimal } from './decimal';
import { DataError } from './errors';
import { encodeLabels } from './labels';
import type { Dataset } from './types';

export interface ParseOptions {
  /** Target column name. */
  target: string;
  /** What to call the input in messages: a file path, or 'the embedded data set'. */
  source: string;
  /**
   * Accept a file without the target column (unlabelled rows to predict): the Dataset then has every
   * column as a feature, `labels: []` and an empty `y`.
   */
  targetOptional?: boolean;
}

interface Row {
  cells: string[];
  /** 1-based line of the file the record starts on. */
  line: number;
}

/**
 * Parses CSV text into a Dataset. The header names the columns; an `id` column and a trailing unnamed
 * empty column (the Kaggle data.csv ends every row with a comma) are dropped; every other column but the
 * target must be numeric in every row. Every problem is a DataError naming the line and column.
 */
export function parseCsv(text: string, options: ParseOptions): Dataset {
  return parseCsvBytes(Buffer.from(text, 'utf8'), options);
}

/**
 * parseCsv on UTF-8 bytes (loadCsv's path: a file's bytes are never copied into one big string). Each
 * record becomes numbers as soon as csv-parse yields it and is then dropped, so the peak memory is the
 * bytes and the numbers, not millions of cell strings.
 */
export function parseCsvBytes(bytes: Uint8Array, options: ParseOptions): Dataset {
  const { source } = options;
  const lines = new LineIndex(bytes);
  let header: Row | undefined;
  let table: TableBuilder | undefined;
  // csv-parse's own line count counts a quoted CRLF twice, so lines are found from byte offsets instead:
  // a record starts at the first byte after the previous record that is not an empty line.
  let start = 0;
  forEachRecord(bytes, source, (cells, end) => {
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
    const row = { cells, line: lines.lineAt(start) };
    start = end;
    if (header === undefined) header = row;
    else (table ??= new TableBuilder(header, options)).add(row);
  });
  if (header === undefined) throw noRowsError(source, false);
  if (table === undefined) throw noRowsError(source, true);
  return table.finish();
}

/** A row whose field count is not the header's. */
export function fieldCountError(source: string, line: number, fields: number, expected: number, headerLine: number): DataError {
  return new DataError(
    `${source}: line ${line} has ${fields} field${fields === 1 ? '' : 's'}, expected ${expected} (as many as the header on line ${headerLine})`,
  );
}

/** A file with no header (`header` false) or no rows after it. */
export function noRowsError(source: string, header: boolean): DataError {
  return new DataError(header ? `${source}: has a header line but no data rows` : `${source}: the file is empty (expected a header line and data rows)`);
}

let csvParse: typeof CsvParse | undefined;

/**
 * csv-parse, loaded on the first parse rather than with the package: the seed job's embedded data comes
 * parsed (embedded.ts), so `lrkit train` without --data never loads it. require() keeps parsing synchronous.
 */
function csvParser(): typeof CsvParse {
  csvParse ??= createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse;
  return csvParse;
}

/**
 * Calls `onRecord` with each record's cells and the byte offset where it ends; records are not kept.
 * `delimiter` separates cells (default ','). `firstLine` is the line of the file `bytes` start on, for
 * messages, when they are part of a file (asked only when a message needs it).
 */
export function forEachRecord(
  bytes: Uint8Array,
  source: string,
  onRecord: (cells: string[], end: number) => void,
  delimiter = ',',
  firstLine: () => number = () => 1,
): void {
  const { CsvError, parse } = csvParser();
  try {
    parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      bom: true,
      delimiter,
      // Files with mixed line endings exist (a CRLF file appended to on Unix): accept all three.
      record_delimiter: ['\r\n', '\n', '\r'],
      // Row lengths are checked here, so the message can say which line and how many fields.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context: { bytes: number }) => {
        onRecord(record, context.bytes);
        return null; // dropped: csv-parse keeps nothing
      },
    });
  } catch (err) {
    if (err instanceof CsvError) {
      // csv-parse counts lines from the first byte it was given.
      const shift = firstLine() - 1;
      const message = shift === 0 ? err.message : err.message.replace(/\bline (\d+)/g, (_, n: string) => `line ${Number(n) + shift}`);
      throw new DataError(`${source}: not valid CSV: ${message}`, { cause: err });
    }
    throw err;
  }
}

/** The Dataset under construction: the header's decisions, then each row checked and stored as numbers. */
class TableBuilder {
  private readonly names: string[];
  private readonly features: number[];
  private readonly unnamed: number[];
  private readonly targetIndex: number;
  private readonly values: number[] = [];
  private readonly classNames: string[] = [];
  private rows = 0;

  constructor(
    private readonly header: Row,
    private readonly options: ParseOptions,
  ) {
    const { target, source, targetOptional = false } = options;
    this.names = header.cells;
    const { kept, unnamed } = chooseColumns(this.names, source);
    this.unnamed = unnamed;
    this.targetIndex = this.names.indexOf(target);
    if (this.targetIndex < 0 && !targetOptional) {
      // A wide file's header is listed as far as a message should go.
      const listed = excerpt(kept.map((i) => `'${excerpt(this.names[i]!)}'`).join(', '), 400);
      throw new DataError(`${source}: no target column '${excerpt(target)}'; the columns are: ${listed}`);
    }
    this.features = kept.filter((i) => i !== this.targetIndex);
    if (this.features.length === 0) throw new DataError(`${source}: no feature columns besides the target '${excerpt(target)}'`);
  }

  add(row: Row): void {
    const { source, target } = this.options;
    const { cells, line } = row;
    if (cells.length !== this.names.length) throw fieldCountError(source, line, cells.length, this.names.length, this.header.line);
    for (const c of this.unnamed) {
      if (cells[c] !== '') {
        throw new DataError(`${source}: column ${c + 1} has no name in the header but line ${line} holds a value there`);
      }
    }
    if (this.targetIndex >= 0) {
      const label = cells[this.targetIndex]!;
      if (label === '') throw new DataError(`${source}: line ${line}, target column '${excerpt(target)}' is empty`);
      this.classNames.push(label);
    }
    for (const c of this.features) this.values.push(toNumber(cells[c]!, line, this.names[c]!, c, source));
    this.rows++;
  }

  finish(): Dataset {
    const { labels, y } = this.targetIndex >= 0 ? encodeLabels(this.classNames) : { labels: [], y: new Int32Array(0) };
    const featureNames = this.features.map((c) => this.names[c]!);
    const x = Float64Array.from(this.values);
    return { featureNames, target: this.options.target, labels, x, y, rows: this.rows, cols: this.features.length };
  }
}

/** Maps a byte offset to its 1-based line; CRLF, LF and CR each end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(bytes: Uint8Array) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0d && bytes[i + 1] === 0x0a) continue; // the LF that follows ends the line
      if (b === 0x0a || b === 0x0d) this.starts.push(i + 1);
    }
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/**
 * The columns to keep: all but an `id` column and unnamed ones. Unnamed columns must be empty in every
 * row (the Kaggle data.csv's trailing comma); rows are checked against `unnamed` as they come.
 */
function chooseColumns(names: string[], source: string): { kept: number[]; unnamed: number[] } {
  const seen = new Map<string, number>();
  const kept: number[] = [];
  const unnamed: number[] = [];
  names.forEach((name, c) => {
    if (name === '') {
      unnamed.push(c);
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DataError(`${source}: the header names column '${excerpt(name)}' twice (columns ${earlier + 1} and ${c + 1})`);
    }
    seen.set(name, c);
    if (name.toLowerCase() === 'id') return; // a row identifier, not a feature
    kept.push(c);
  });
  return { kept, unnamed };
}

/**
 * The largest magnitude a feature may have. Training and ONNX inference run in float32, and sums of squares
 * (variances, losses, norms) must stay finite there: sqrt(float32 max), about 1.8e19. A cell of 1e308 is
 * finite as a double but would train as Infinity and then NaN.
 */
export const MAX_FEATURE_MAGNITUDE = Math.sqrt(3.4028234663852886e38);

function toNumber(cell: string, line: number, name: string, c: number, source: string): number {
  const where = `${source}: line ${line}, column '${excerpt(name)}' (column ${c + 1})`;
  if (cell === '') throw new DataError(`${where} is empty`);
  // Decimal literals only: Number() would read '0x1F' as 31 and '0b101' as 5. NaN and empty are missing
  // values, not data, so both are refused.
  const value = parseDecimal(cell);
  if (value === undefined) {
    const hint = Number.isFinite(Number(cell)) ? ' (numbers are read as decimal literals only)' : '';
    throw new DataError(`${where} holds '${excerpt(cell)}', which is not a finite number${hint}`);
  }
  if (Math.abs(value) > MAX_FEATURE_MAGNITUDE) {
    throw new DataError(
      `${where} holds '${excerpt(cell)}', beyond the ±1.8e19 lrkit can train on (float32, whose squares must stay finite)`,
    );
  }
  return value;
}
