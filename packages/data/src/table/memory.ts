// No fixed byte cap on a data file: a table is read when what training it takes fits in the memory this
// process can have, and refused before any work, saying how much it would take, when it cannot.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { freemem } from 'node:os';
import { formatBytes } from '@lrkit/io';
import { DataError } from '../errors';
import type { TableFormat } from './types';

/**
 * Bytes of memory per cell, from reading to the first training step: the raw column (8 bytes a number),
 * the encoded float32 matrix and its train/validation/test copies, the scaler's pass. Measured: 1M rows x
 * 20 numeric columns peaked at 608 MB on top of the file's 162 MB (docs/measurements.md); a text cell's
 * string is about as much (the cells of a table are short).
 */
export const BYTES_PER_CELL = 32;

/** The head of the file read to count columns and guess rows: as many lines as fit in 64 KiB. */
const HEAD_BYTES = 64 * 1024;

export interface MemoryNeed {
  /** Rows, estimated from the first lines (text formats) or exact (Parquet's metadata). */
  rows: number;
  columns: number;
  /** The bytes reading and training it would take at the peak. */
  bytes: number;
}

/** The first `n` bytes of a regular file (already checked to be one, so opening it cannot block). */
export function readHead(path: string, n: number = HEAD_BYTES): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const head = Buffer.alloc(n);
    return head.subarray(0, readSync(fd, head, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** Line ends in `bytes` (LF, or CR in a file of CR line ends only). */
function countLines(bytes: Uint8Array): number {
  const end = bytes.includes(0x0a) ? 0x0a : 0x0d;
  let n = 0;
  for (const b of bytes) if (b === end) n++;
  return n;
}

/**
 * What a text table of `size` bytes needs, from its head: rows from the length of its first lines, columns
 * from the header (CSV) or the first record's keys (JSON, NDJSON). The file's bytes are held while it is
 * read, and JSON's parsed records too (about as many bytes again as the text), so they count in full.
 */
export function textTableNeed(format: TableFormat, size: number, head: Uint8Array, delimiter: string): MemoryNeed {
  const lines = Math.max(1, countLines(head));
  const rowsPerByte = head.length === size ? lines / Math.max(1, size) : lines / Math.max(1, head.length);
  let rows = Math.ceil(size * rowsPerByte);
  let columns: number;
  const text = Buffer.from(head).toString('utf8');
  if (format === 'json' || format === 'ndjson') {
    const records = Math.max(1, (text.match(/\{/g) ?? []).length);
    columns = Math.max(1, Math.ceil((text.match(/":/g) ?? []).length / records));
    if (format === 'json') rows = Math.ceil(size * (records / Math.max(1, head.length)));
  } else {
    const header = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
    columns = header.split(delimiter).length;
  }
  const parsed = format === 'json' || format === 'ndjson' ? size : 0;
  return { rows, columns, bytes: size + parsed + rows * columns * BYTES_PER_CELL };
}

/**
 * Bytes per cell of a text or date column: a pointer and a share of the strings, then its codes or date
 * parts (flights-3m, 3M rows of two airport and one timestamp column, peaked at 1.19 GB through the plan).
 */
export const BYTES_PER_TEXT_CELL = 64;

/** A Parquet file's need: its cells (exact) and the column chunks being decoded, never the whole file. */
export function parquetNeed(rows: number, columns: number, textColumns: number, largestRowGroupBytes: number): MemoryNeed {
  const cells = rows * (columns - textColumns) * BYTES_PER_CELL + rows * textColumns * BYTES_PER_TEXT_CELL;
  return { rows, columns, bytes: 2 * largestRowGroupBytes + cells };
}

/** What this process can use now: the system's available memory (within a container's limit where one is set). */
export function availableMemory(): number {
  const available = typeof process.availableMemory === 'function' ? process.availableMemory() : freemem();
  return available > 0 ? available : freemem();
}

/** Refuses a table whose need is over `available` bytes, naming the file, the estimate and what there is. */
export function checkMemory(source: string, need: MemoryNeed, available: number): void {
  if (need.bytes <= available) return;
  throw new DataError(
    `${source}: training on it needs about ${formatBytes(need.bytes)} of memory (about ${need.rows.toLocaleString('en-US')} rows x ` +
      `${need.columns} columns), more than the ${formatBytes(available)} available; use fewer rows or columns, or a machine with more memory`,
  );
}
