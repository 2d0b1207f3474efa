import { CsvError, parse } from 'csv-parse/sync';
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
  const { target, source, targetOptional = false } = options;
  const rows = readRows(text, source);
  if (rows.length === 0) throw new DataError(`${source}: the file is empty (expected a header line and data rows)`);
  const [header, ...body] = rows as [Row, ...Row[]];
  const names = header.cells;
  if (body.length === 0) throw new DataError(`${source}: has a header line but no data rows`);

  for (const row of body) {
    if (row.cells.length !== names.length) {
      throw new DataError(
        `${source}: line ${row.line} has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, ` +
          `expected ${names.length} (as many as the header on line ${header.line})`,
      );
    }
  }

  const kept = chooseColumns(names, body, source);
  const targetIndex = names.indexOf(target);
  if (targetIndex < 0 && !targetOptional) {
    const listed = kept.map((i) => `'${names[i]}'`).join(', ');
    throw new DataError(`${source}: no target column '${target}'; the columns are: ${listed}`);
  }
  const features = kept.filter((i) => i !== targetIndex);
  if (features.length === 0) throw new DataError(`${source}: no feature columns besides the target '${target}'`);

  const cols = features.length;
  const x = new Float64Array(body.length * cols);
  const classNames: string[] = new Array<string>(body.length);
  body.forEach((row, r) => {
    if (targetIndex >= 0) {
      const label = row.cells[targetIndex]!;
      if (label === '') {
        throw new DataError(`${source}: line ${row.line}, target column '${target}' is empty`);
      }
      classNames[r] = label;
    }
    features.forEach((c, j) => {
      x[r * cols + j] = toNumber(row.cells[c]!, row.line, names[c]!, c, source);
    });
  });

  const { labels, y } = targetIndex >= 0 ? encodeLabels(classNames) : { labels: [], y: new Int32Array(0) };
  return { featureNames: features.map((c) => names[c]!), target, labels, x, y, rows: body.length, cols };
}

function readRows(text: string, source: string): Row[] {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, {
      bom: true,
      // Files with mixed line endings exist (a CRLF file appended to on Unix): accept all three.
      record_delimiter: ['\r\n', '\n', '\r'],
      // Row lengths are checked here, so the message can say which line and how many fields.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records; // csv-parse's types don't follow the `info` option
  } catch (err) {
    if (err instanceof CsvError) throw new DataError(`${source}: not valid CSV: ${err.message}`, { cause: err });
    throw err;
  }
  // csv-parse's own line count counts a quoted CRLF twice, so lines are found from byte offsets instead:
  // a record starts at the first byte after the previous record that is not an empty line.
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineIndex(bytes);
  let start = 0;
  return records.map((r) => {
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
    const row = { cells: r.record, line: lines.lineAt(start) };
    start = r.info.bytes;
    return row;
  });
}

/** Maps a byte offset to its 1-based line; CRLF, LF and CR each end a line. */
class LineIndex {
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

/** Indices of the columns to keep: all but an `id` column and unnamed columns that hold nothing. */
function chooseColumns(names: string[], body: Row[], source: string): number[] {
  const seen = new Map<string, number>();
  const kept: number[] = [];
  names.forEach((name, c) => {
    if (name === '') {
      const filled = body.find((row) => row.cells[c] !== '');
      if (filled) {
        throw new DataError(
          `${source}: column ${c + 1} has no name in the header but line ${filled.line} holds a value there`,
        );
      }
      return; // the Kaggle data.csv's trailing comma
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DataError(`${source}: the header names column '${name}' twice (columns ${earlier + 1} and ${c + 1})`);
    }
    seen.set(name, c);
    if (name.toLowerCase() === 'id') return; // a row identifier, not a feature
    kept.push(c);
  });
  return kept;
}

/**
 * The largest magnitude a feature may have. Training and ONNX inference run in float32, and sums of squares
 * (variances, losses, norms) must stay finite there: sqrt(float32 max), about 1.8e19. A cell of 1e308 is
 * finite as a double but would train as Infinity and then NaN.
 */
export const MAX_FEATURE_MAGNITUDE = Math.sqrt(3.4028234663852886e38);

function toNumber(cell: string, line: number, name: string, c: number, source: string): number {
  const where = `${source}: line ${line}, column '${name}' (column ${c + 1})`;
  if (cell === '') throw new DataError(`${where} is empty`);
  // Decimal literals only: Number() would read '0x1F' as 31 and '0b101' as 5. NaN and empty are missing
  // values, not data, so both are refused.
  const value = parseDecimal(cell);
  if (value === undefined) {
    const hint = Number.isFinite(Number(cell)) ? ' (numbers are read as decimal literals only)' : '';
    throw new DataError(`${where} holds '${cell}', which is not a finite number${hint}`);
  }
  if (Math.abs(value) > MAX_FEATURE_MAGNITUDE) {
    throw new DataError(
      `${where} holds '${cell}', beyond the ±1.8e19 lrkit can train on (float32, whose squares must stay finite)`,
    );
  }
  return value;
}
