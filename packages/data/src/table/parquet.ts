// Parquet into a raw table with hyparquet (pure JavaScript, with hyparquet-compressors for the ZSTD, gzip,
// Brotli and LZ4 pages real files use): flat columns only; a nested column (a group, a list, a map) is
// refused naming it. Dates and timestamps become ISO text, as they would read from CSV.
import { DataError } from '../errors';
import { checkColumnNames } from './cells';
import { ColumnBuilder } from './column-builder';
import type { AsyncBuffer } from 'hyparquet';
import { parquetNeed, type MemoryNeed } from './memory';
import type { RawTable } from './types';

type Cell = string | number | null;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_EXACT = BigInt(Number.MIN_SAFE_INTEGER);

/** Timestamps as ISO text, each instant's text made once per column (flights repeat their minutes). */
class DateTexts {
  private readonly texts = new Map<number, string>();
  constructor(private readonly dateOnly: boolean) {}
  of(date: Date): string {
    const t = date.getTime();
    let text = this.texts.get(t);
    if (text === undefined) {
      const iso = date.toISOString();
      text = this.dateOnly ? iso.slice(0, 10) : iso;
      if (this.texts.size < 1 << 20) this.texts.set(t, text);
    }
    return text;
  }
}

function toCell(value: unknown, name: string, source: string, dates: DateTexts): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') {
    if (value > MAX_EXACT || value < MIN_EXACT) {
      throw new DataError(`${source}: column '${name}' holds ${value}, an integer a double cannot hold exactly`);
    }
    return Number(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dates.of(value);
  throw new DataError(`${source}: column '${name}' holds binary or nested values; only flat columns of numbers, text, booleans and dates are read`);
}

/** The reader's own assumption broken (chunks of a column out of row order): an internal error, not the file's. */
class OutOfOrder extends Error {}

/** A Parquet file's bytes held in memory, as the AsyncBuffer hyparquet reads (slices copy only what is asked). */
export function bufferSource(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start, end) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) as ArrayBuffer,
  };
}

/** A Parquet file on disk, read a byte range at a time (the file is never in memory whole). */
export async function fileSource(path: string): Promise<AsyncBuffer> {
  const { asyncBufferFromFile } = await import('hyparquet');
  return asyncBufferFromFile(path);
}

/**
 * A Parquet file into a raw table, one row group at a time: the memory is the columns built and one row
 * group's pages, whatever the file's size. `checkNeed` sees the table's size (from the metadata) before
 * any row is read.
 */
export async function readParquet(file: AsyncBuffer, source: string, na: readonly string[], checkNeed: (need: MemoryNeed) => void = () => {}): Promise<RawTable> {
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new DataError(`${source}: not a readable Parquet file: ${(err as Error).message}`, { cause: err });
  }
  const rows = Number(metadata.num_rows);
  const fields = parquetSchema(metadata).children;
  for (const field of fields) {
    if (field.children.length > 0 || field.element.repetition_type === 'REPEATED') {
      throw new DataError(`${source}: column '${field.element.name}' is nested (a group, list or map); only flat columns are read`);
    }
  }
  const names = fields.map((f) => f.element.name);
  checkColumnNames(names, source);
  const dates = fields.map((f) => new DateTexts(f.element.converted_type === 'DATE' || f.element.logical_type?.type === 'DATE'));
  const tokens = new Set(na);
  const groups = metadata.row_groups.map((g) => ({ rows: Number(g.num_rows), bytes: Number(g.total_byte_size) }));
  const textColumns = fields.filter((f) => f.element.type === 'BYTE_ARRAY' || f.element.type === 'FIXED_LEN_BYTE_ARRAY' || f.element.type === 'INT96' || f.element.logical_type?.type === 'TIMESTAMP').length;
  checkNeed(parquetNeed(rows, names.length, textColumns, Math.max(0, ...groups.map((g) => g.bytes))));
  // Built as the column chunks come (in row order within each column), so no array of all cells is kept.
  const columns = names.map((name) => new ColumnBuilder(name, tokens, source, rows));
  const index = new Map(names.map((n, j) => [n, j]));
  const onChunk = ({ columnName, columnData, rowStart }: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number }) => {
    const j = index.get(columnName)!;
    const column = columns[j]!;
    if (rowStart !== column.rows) throw new OutOfOrder(`hyparquet gave column '${columnName}' rows from ${rowStart} after ${column.rows}`);
    for (let i = 0; i < columnData.length && column.rows < rows; i++) column.add(toCell(columnData[i], columnName, source, dates[j]!));
  };
  try {
    // One row group at a time: hyparquet reading them all at once would hold every page of the file.
    let start = 0;
    for (const group of groups) {
      await parquetRead({ file, metadata, compressors, rowStart: start, rowEnd: start + group.rows, onChunk });
      start += group.rows;
    }
  } catch (err) {
    if (err instanceof DataError || err instanceof OutOfOrder) throw err;
    throw new DataError(`${source}: not a readable Parquet file: ${(err as Error).message}`, { cause: err });
  }
  if (rows === 0) throw new DataError(`${source}: holds no rows`);
  const short = columns.find((c) => c.rows !== rows);
  if (short) throw new DataError(`${source}: column '${short.name}' holds ${short.rows} values, the file says ${rows} rows`);
  return { source, rows, columns: columns.map((c) => c.finish()) };
}
